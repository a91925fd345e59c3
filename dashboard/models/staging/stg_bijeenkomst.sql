-- one row per bijeenkomst, with the activiteit's type, organiser and location
create or replace view stg_bijeenkomst as

with bijeenkomsten as (
    select * from bijeenkomst
),

activiteiten as (
    select * from activiteit
),

registered as (
    select bijeenkomst_id, count(*)::bigint as geregistreerde_deelnames,
    from deelname
    group by all
),

final as (
    select
        b.bijeenkomst_id,
        b.activiteit_id,
        b.datum,
        b.aantal_deelnemers::bigint as aantal_deelnemers,
        coalesce(r.geregistreerde_deelnames, 0) as geregistreerde_deelnames,
        a.type,
        a.organisatie_id,
        a.is_bewonersinitiatief,
        wijk.gemeentecode,
        a.wijkcode,
        a.buurtcode,
        ib.gebiedscode as eigen_gebiedscode,
    from bijeenkomsten as b
    inner join activiteiten as a on a.activiteit_id = b.activiteit_id
    inner join wijk on wijk.wijkcode = a.wijkcode
    left join registered as r on r.bijeenkomst_id = b.bijeenkomst_id
    left join indeling_buurt as ib on ib.buurtcode = a.buurtcode
)

select * from final
