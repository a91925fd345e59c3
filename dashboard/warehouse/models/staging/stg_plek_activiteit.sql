-- one row per activiteit taking place at a plek
create or replace view stg_plek_activiteit as

select
    plek_id,
    activiteit_id,
from plek_activiteit
