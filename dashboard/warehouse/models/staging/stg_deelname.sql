-- one row per deelname, with where it happened (act_*) and where the deelnemer lives (woon_*)
create or replace view stg_deelname as

-- The place comes from stg_bijeenkomst_plaats, without the counts of stg_bijeenkomst,
-- so a filter on one gemeente or period reaches the scans. A deelnemer's first deelname
-- (for `nieuw`) is in stg_deelnemer; bereik looks it up only for the deelnemers it needs.

with deelnames as (
    select * from deelname
),

final as (
    select
        d.bijeenkomst_id,
        d.deelnemer_id,
        b.datum,
        b.activiteit_id,
        b.type,
        b.organisatie_id,
        b.gemeentecode as act_gemeentecode,
        b.wijkcode as act_wijkcode,
        b.buurtcode as act_buurtcode,
        b.eigen_gebiedscode as act_eigen_gebiedscode,
        woon_wijk.gemeentecode as woon_gemeentecode,
        woon_buurt.wijkcode as woon_wijkcode,
        p.buurtcode as woon_buurtcode,
        woon_eigen.gebiedscode as woon_eigen_gebiedscode,
    from deelnames as d
    inner join stg_bijeenkomst_plaats as b on b.bijeenkomst_id = d.bijeenkomst_id
    inner join deelnemer as p on p.deelnemer_id = d.deelnemer_id
    left join buurt as woon_buurt on woon_buurt.buurtcode = p.buurtcode
    left join wijk as woon_wijk on woon_wijk.wijkcode = woon_buurt.wijkcode
    left join indeling_buurt as woon_eigen on woon_eigen.buurtcode = p.buurtcode
)

select * from final
