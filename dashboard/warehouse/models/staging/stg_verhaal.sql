-- one row per verhaal (a story or signal) about a wijk or buurt
create or replace view stg_verhaal as

select
    verhaal_id,
    gemeentecode,
    gebiedscode,
    case when gebiedscode like 'WK%' then 'wijk' else 'buurt' end as niveau,
    datum,
    thema,
    tekst,
    bron,
    status,
    status = 'gepubliceerd' as is_gepubliceerd,
from verhaal
