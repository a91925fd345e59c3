-- one row per gebied of the chosen level per activity type: bijeenkomsten and deelnames in the period (by activity location)
create or replace macro bereik_per_type(
    p_start, p_end, p_niveau := 'wijk', p_gemeente := null, p_organisatie := null
) as table

with bijeenkomsten as (
    select * from scope_bijeenkomsten(p_start, p_end, p_niveau, p_gemeente, null, p_organisatie)
),

final as (
    select
        gebiedscode,
        type,
        count(*)::bigint as bijeenkomsten,
        sum(deelnames)::bigint as deelnames,
        count(distinct activiteit_id)::bigint as activiteiten,
        count(*) filter (where is_bewonersinitiatief)::bigint as bijeenkomsten_bewonersinitiatief,
    from bijeenkomsten
    group by all
)

select * from final
order by gebiedscode, deelnames desc, type
