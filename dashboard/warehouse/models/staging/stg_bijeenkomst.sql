-- one row per bijeenkomst (one session of an activiteit), with its total number of deelnemers and its number of deelname rows
create or replace view stg_bijeenkomst as

-- geregistreerde_deelnames is kept by every write of deelname rows (migration 0010,
-- dashboard.warehouse.registered_deelnames)
select
    bijeenkomst_id,
    activiteit_id,
    datum,
    aantal_deelnemers::bigint as aantal_deelnemers,
    geregistreerde_deelnames::bigint as geregistreerde_deelnames,
from bijeenkomst
