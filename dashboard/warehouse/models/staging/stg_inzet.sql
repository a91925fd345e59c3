-- one row per inzet (assignment row), typed, with fte
create or replace view stg_inzet as

select
    inzet_id,
    professional_id,
    wijkcode,
    rol,
    organisatie_id,
    startdatum,
    einddatum,
    -- DECIMAL would reach pandas as float64 anyway; the division needs a double too
    uren_per_week::double as uren_per_week,
    uren_per_week::double / 36 as fte,
from inzet
