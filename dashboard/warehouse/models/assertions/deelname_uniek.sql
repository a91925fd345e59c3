-- a deelnemer takes part in a bijeenkomst at most once (the key of deelname)
-- nl: een deelnemer neemt hoogstens één keer deel aan een bijeenkomst (de sleutel van deelname)
select bijeenkomst_id, deelnemer_id, count(*) as n
from deelname
group by bijeenkomst_id, deelnemer_id
having count(*) > 1
