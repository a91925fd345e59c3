-- one row per plek of a gemeente (all gemeenten when p_gemeente is null): its area at the chosen level and the activiteiten and bijeenkomsten held there in the period
-- "What the wijk has" (issue 16): a plek counts its linked activiteiten that met at least
-- once in the period, and their bijeenkomsten. A plek is listed whether or not anything
-- happened there (a park is an asset without registrations).
create or replace macro plekken(p_start, p_end, p_niveau := 'wijk', p_gemeente := null) as table

with periode as (
    select * from periode(p_start, p_end)
),

plekken as (
    select *
    from int_plek
    where p_gemeente is null or gemeentecode = p_gemeente
),

gehouden as (
    select
        pa.plek_id,
        count(distinct b.activiteit_id)::bigint as activiteiten,
        count(*)::bigint as bijeenkomsten,
    from stg_plek_activiteit as pa
    inner join int_bijeenkomst as b on b.activiteit_id = pa.activiteit_id
    where b.datum between (select period_start from periode) and (select period_end from periode)
        and (p_gemeente is null or b.gemeentecode = p_gemeente)
    group by pa.plek_id
),

final as (
    select
        p.plek_id,
        p.gemeentecode,
        gebiedscode_op_niveau(
            p_niveau, p.gemeentecode, p.wijkcode, p.buurtcode, p.eigen_gebiedscode
        ) as gebiedscode,
        p.wijkcode,
        p.buurtcode,
        p.naam,
        p.type,
        p.soort,
        p.beheer,
        p.lon,
        p.lat,
        p.startdatum,
        p.einddatum,
        coalesce(g.activiteiten, 0)::bigint as activiteiten,
        coalesce(g.bijeenkomsten, 0)::bigint as bijeenkomsten,
    from plekken as p
    left join gehouden as g on g.plek_id = p.plek_id
)

select * from final
order by gemeentecode, gebiedscode, type, naam, plek_id
