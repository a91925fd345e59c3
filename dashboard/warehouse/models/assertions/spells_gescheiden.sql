-- spells of one professional, wijk and rol neither overlap nor lie 30 days or less apart (else they should have merged)
-- nl: de periodes (spells) van één professional, wijk en rol overlappen niet en liggen niet 30 dagen of minder uit elkaar (anders waren ze samengevoegd)
select a.spell_id, b.spell_id as volgende_spell_id
from int_spell as a
inner join int_spell as b
    on b.professional_id = a.professional_id
    and b.wijkcode = a.wijkcode
    and b.rol = a.rol
    and b.startdatum > a.startdatum
where a.einddatum is null or b.startdatum - a.einddatum - 1 <= 30
