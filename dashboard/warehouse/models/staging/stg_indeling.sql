-- one row per area of a gemeente's own indeling (stadsdelen, gebieden...)
create or replace view stg_indeling as

select
    gebiedscode,
    naam,
    gemeentecode,
    indeling,
    geom_wkb,
from indeling
