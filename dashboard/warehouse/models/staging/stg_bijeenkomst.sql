-- one row per bijeenkomst (one session of an activiteit), with its total number of deelnemers
create or replace view stg_bijeenkomst as

select bijeenkomst_id, activiteit_id, datum, aantal_deelnemers::bigint as aantal_deelnemers,
from bijeenkomst
