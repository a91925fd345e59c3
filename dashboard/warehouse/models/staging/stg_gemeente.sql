-- one row per gemeente
create or replace view stg_gemeente as

select
    gemeentecode,
    naam,
    is_fictief,
    geom_wkb,
from gemeente
