-- one row per activiteit held at a plek of a gemeente: how often it met in the period (what a click on a plek shows)
create or replace macro plek_activiteiten(p_start, p_end, p_gemeente := null) as table

with periode as (
    select * from periode(p_start, p_end)
),

links as (
    select pa.plek_id, pa.activiteit_id
    from stg_plek_activiteit as pa
    inner join stg_plek as p on p.plek_id = pa.plek_id
    where p_gemeente is null or p.gemeentecode = p_gemeente
),

sessies as (
    select activiteit_id, count(*)::bigint as bijeenkomsten,
    from int_bijeenkomst
    where datum between (select period_start from periode) and (select period_end from periode)
        and (p_gemeente is null or gemeentecode = p_gemeente)
    group by activiteit_id
),

final as (
    select
        l.plek_id,
        l.activiteit_id,
        a.naam as activiteit,
        a.type,
        a.is_bewonersinitiatief,
        coalesce(s.bijeenkomsten, 0)::bigint as bijeenkomsten,
    from links as l
    inner join int_activiteit as a on a.activiteit_id = l.activiteit_id
    left join sessies as s on s.activiteit_id = l.activiteit_id
)

select * from final
order by plek_id, bijeenkomsten desc, activiteit, activiteit_id
