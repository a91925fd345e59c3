-- one row per gebied per year per CBS indicator (long format)
create or replace view stg_kerncijfers as

select gebiedscode, jaar, indicator, waarde, from kerncijfers
