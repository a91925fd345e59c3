-- one row per inzet (assignment row), typed, with fte and the gemeente of its wijk
create or replace view int_inzet as

select
    i.inzet_id,
    i.professional_id,
    i.wijkcode,
    wijk.gemeentecode,
    i.rol,
    i.organisatie_id,
    i.startdatum,
    i.einddatum,
    i.uren_per_week,
    i.fte,
from stg_inzet as i
inner join stg_wijk as wijk on wijk.wijkcode = i.wijkcode
