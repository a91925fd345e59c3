-- one row per CBS buurt that belongs to an area of an own indeling
create or replace view stg_indeling_buurt as

select buurtcode, gebiedscode as eigen_gebiedscode, from indeling_buurt
