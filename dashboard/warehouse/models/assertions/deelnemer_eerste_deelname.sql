-- a deelnemer's eerste_deelname is the date of its first deelname (NULL without deelnames)
-- nl: de eerste_deelname van een deelnemer is de datum van zijn eerste deelname (leeg zonder deelnames)
select p.deelnemer_id, p.eerste_deelname, min(b.datum) as werkelijk
from deelnemer as p
left join deelname as d on d.deelnemer_id = p.deelnemer_id
left join bijeenkomst as b on b.bijeenkomst_id = d.bijeenkomst_id
group by p.deelnemer_id, p.eerste_deelname
having p.eerste_deelname is distinct from min(b.datum)
