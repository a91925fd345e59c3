-- a pseudonym is one deelnemer: at most one row per deelnemer_id (the key of deelnemer)
-- nl: een pseudoniem is één deelnemer: hoogstens één rij per deelnemer_id (de sleutel van deelnemer)
select deelnemer_id, count(*) as n
from deelnemer
group by deelnemer_id
having count(*) > 1
