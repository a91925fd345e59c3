-- every deelname refers to a bijeenkomst and a deelnemer in the database
-- nl: elke deelname verwijst naar een bijeenkomst en een deelnemer in de database
select d.bijeenkomst_id, d.deelnemer_id
from deelname as d
where not exists (select 1 from bijeenkomst as b where b.bijeenkomst_id = d.bijeenkomst_id)
    or not exists (select 1 from deelnemer as p where p.deelnemer_id = d.deelnemer_id)
