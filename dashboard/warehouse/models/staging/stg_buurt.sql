-- one row per CBS buurt, with the wijk it lies in
create or replace view stg_buurt as

select
    buurtcode,
    naam,
    wijkcode,
    geom_wkb,
from buurt
