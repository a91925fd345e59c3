-- spell_id is unique
-- nl: spell_id is uniek
select spell_id, count(*) as n
from int_spell
group by spell_id
having count(*) > 1
