-- one row per deelnemer, with the area it lives in at every level when its home buurt is known
create or replace view int_deelnemer as

-- A plain join, like int_activiteit: it is planned by every reach query.
select
    p.deelnemer_id,
    wijk.gemeentecode as woon_gemeentecode,
    buurt.wijkcode as woon_wijkcode,
    p.woon_buurtcode,
    ib.eigen_gebiedscode as woon_eigen_gebiedscode,
    p.leeftijdsgroep,
    p.eerste_deelname,
from stg_deelnemer as p
left join stg_buurt as buurt on buurt.buurtcode = p.woon_buurtcode
left join stg_wijk as wijk on wijk.wijkcode = buurt.wijkcode
left join stg_indeling_buurt as ib on ib.buurtcode = p.woon_buurtcode
