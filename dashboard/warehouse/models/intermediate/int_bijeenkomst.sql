-- one row per bijeenkomst, with the activiteit's type, organiser and location, its registered deelnames and the deelnames it counts for
create or replace view int_bijeenkomst as

with bijeenkomsten as (
    select * from int_bijeenkomst_plaats
),

registered as (
    select bijeenkomst_id, count(*)::bigint as geregistreerde_deelnames,
    from stg_deelname
    group by all
),

final as (
    select
        b.bijeenkomst_id,
        b.activiteit_id,
        b.datum,
        b.aantal_deelnemers,
        coalesce(r.geregistreerde_deelnames, 0) as geregistreerde_deelnames,
        -- the larger of the two (docs/DESIGN.md §5.1), as scope_bijeenkomsten_met_deelnames
        greatest(b.aantal_deelnemers, coalesce(r.geregistreerde_deelnames, 0)) as deelnames,
        b.type,
        b.organisatie_id,
        b.is_bewonersinitiatief,
        b.gemeentecode,
        b.wijkcode,
        b.buurtcode,
        b.eigen_gebiedscode,
    from bijeenkomsten as b
    left join registered as r on r.bijeenkomst_id = b.bijeenkomst_id
)

select * from final
