-- every inzet row lies inside exactly one spell of its professional, wijk and rol
-- nl: elke rij inzet ligt in precies één aaneengesloten periode (spell) van haar professional, wijk en rol
select i.inzet_id, count(s.spell_id) as spells
from stg_inzet as i
left join int_spell as s
    on s.professional_id = i.professional_id
    and s.wijkcode = i.wijkcode
    and s.rol = i.rol
    and i.startdatum >= s.startdatum
    and coalesce(i.einddatum, date '9999-12-31') <= coalesce(s.einddatum, date '9999-12-31')
group by i.inzet_id
having count(s.spell_id) <> 1
