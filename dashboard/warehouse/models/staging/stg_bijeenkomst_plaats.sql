-- one row per bijeenkomst, with the activiteit's type, organiser and location (and no deelname counts)
create or replace view stg_bijeenkomst_plaats as

-- stg_bijeenkomst adds the registered deelnames of every bijeenkomst: an aggregate over
-- all deelnames that a filter on one gemeente or period cannot prune. The macros that
-- only need the place of a bijeenkomst read this view instead.

with bijeenkomsten as (
    select * from bijeenkomst
),

activiteiten as (
    select * from activiteit
),

final as (
    select
        b.bijeenkomst_id,
        b.activiteit_id,
        b.datum,
        b.aantal_deelnemers::bigint as aantal_deelnemers,
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
    left join indeling_buurt as ib on ib.buurtcode = a.buurtcode
)

select * from final
