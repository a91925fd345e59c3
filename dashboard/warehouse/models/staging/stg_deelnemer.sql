-- one row per deelnemer: home buurt, wijk and gemeente when known, age group, and first and last deelname
create or replace view stg_deelnemer as

with deelnemers as (
    select * from deelnemer
),

-- first and last deelname in all data (`nieuw` in DESIGN §5 looks at the first)
deelnames as (
    select d.deelnemer_id, min(b.datum) as eerste_deelname_datum,
        max(b.datum) as laatste_deelname_datum, count(*)::bigint as deelnames,
    from deelname as d
    inner join bijeenkomst as b on b.bijeenkomst_id = d.bijeenkomst_id
    group by all
),

final as (
    select
        p.deelnemer_id,
        p.buurtcode as woon_buurtcode,
        woon_buurt.wijkcode as woon_wijkcode,
        woon_wijk.gemeentecode as woon_gemeentecode,
        p.leeftijdsgroep,
        d.eerste_deelname_datum,
        d.laatste_deelname_datum,
        coalesce(d.deelnames, 0) as deelnames,
    from deelnemers as p
    left join deelnames as d on d.deelnemer_id = p.deelnemer_id
    left join buurt as woon_buurt on woon_buurt.buurtcode = p.buurtcode
    left join wijk as woon_wijk on woon_wijk.wijkcode = woon_buurt.wijkcode
)

select * from final
