-- one row per deelnemer: home buurt, wijk and gemeente when known, age group, and first and last deelname in all data
-- For analysts (not read by a screen): it counts over every deelname, which a filter on
-- one gemeente or period cannot prune; bereik reads stg_deelnemer.eerste_deelname instead.
create or replace view deelnemers as

with deelnemers as (
    select * from int_deelnemer
),

-- first and last deelname in all data (`nieuw` in docs/DESIGN.md §5 looks at the first)
deelnames as (
    select d.deelnemer_id, min(b.datum) as eerste_deelname_datum,
        max(b.datum) as laatste_deelname_datum, count(*)::bigint as deelnames,
    from stg_deelname as d
    inner join stg_bijeenkomst as b on b.bijeenkomst_id = d.bijeenkomst_id
    group by all
),

final as (
    select
        p.deelnemer_id,
        p.woon_buurtcode,
        p.woon_wijkcode,
        p.woon_gemeentecode,
        p.leeftijdsgroep,
        d.eerste_deelname_datum,
        d.laatste_deelname_datum,
        coalesce(d.deelnames, 0) as deelnames,
    from deelnemers as p
    left join deelnames as d on d.deelnemer_id = p.deelnemer_id
)

select * from final
