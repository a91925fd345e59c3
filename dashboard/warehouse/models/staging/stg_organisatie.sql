-- one row per organisatie
create or replace view stg_organisatie as

select organisatie_id, naam, soort, from organisatie
