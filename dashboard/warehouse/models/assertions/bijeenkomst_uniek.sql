-- a bijeenkomst_id is one bijeenkomst: at most one row per bijeenkomst_id (the key of bijeenkomst)
-- nl: een bijeenkomst_id is één bijeenkomst: hoogstens één rij per bijeenkomst_id (de sleutel van bijeenkomst)
select bijeenkomst_id, count(*) as n
from bijeenkomst
group by bijeenkomst_id
having count(*) > 1
