-- one row per plek, with the areas its point lies in at every level (gemeente, wijk, buurt, own indeling)
create or replace view int_plek as

with plekken as (
    select * from stg_plek
),

buurten as (
    select * from stg_buurt
),

indeling as (
    select * from stg_indeling_buurt
),

final as (
    select
        p.plek_id,
        p.gemeentecode,
        p.naam,
        p.type,
        p.soort,
        p.lon,
        p.lat,
        b.wijkcode,
        p.buurtcode,
        ib.eigen_gebiedscode,
        p.beheer,
        p.startdatum,
        p.einddatum,
        p.beschrijving,
    from plekken as p
    left join buurten as b on b.buurtcode = p.buurtcode
    left join indeling as ib on ib.buurtcode = p.buurtcode
)

select * from final
