-- one row per wijk (or buurt): the weighted mean of need z-scores (behoefte_index) and the indicators it used
create or replace macro behoefte_index(p_end, p_niveau := 'wijk', p_gemeente := null) as table

with components as (
    select * from behoefte_componenten(p_end, p_niveau, p_gemeente)
),

final as (
    select
        gebiedscode,
        gemeentecode,
        -- weights are renormalised over the indicators known for this area; with
        -- every indicator known and weights summing to 1 the gemeente mean is 0
        sum(gewicht * z_score) / sum(gewicht) as behoefte_index,
        count(*)::bigint as indicatoren,
        list(indicator order by indicator) as indicatoren_gebruikt,
    from components
    group by all
)

select * from final
order by gebiedscode
