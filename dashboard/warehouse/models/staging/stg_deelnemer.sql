-- one row per deelnemer (a salted pseudonym): home buurt when known, age group and first deelname
create or replace view stg_deelnemer as

select
    deelnemer_id,
    buurtcode as woon_buurtcode,
    leeftijdsgroep,
    -- kept up to date by every write (migration 0005, dashboard.warehouse.first_deelname)
    eerste_deelname,
from deelnemer
