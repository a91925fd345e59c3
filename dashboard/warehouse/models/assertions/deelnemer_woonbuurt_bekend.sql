-- a deelnemer's home buurt, when known, is a buurt in the database
-- nl: de woonbuurt van een deelnemer is, als die bekend is, een buurt in de database
select d.deelnemer_id, d.buurtcode
from deelnemer as d
left join buurt as b on b.buurtcode = d.buurtcode
where d.buurtcode is not null and b.buurtcode is null
