-- one row per CBS wijk, with the gemeente it lies in
create or replace view stg_wijk as

select
    wijkcode,
    naam,
    gemeentecode,
    geom_wkb,
from wijk
