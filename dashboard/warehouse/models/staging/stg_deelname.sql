-- one row per deelname: one deelnemer registered at one bijeenkomst
create or replace view stg_deelname as

select bijeenkomst_id, deelnemer_id, from deelname
