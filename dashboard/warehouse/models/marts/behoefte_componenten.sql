-- one row per wijk (or buurt) per need indicator: its value, z-score within the gemeente and the weight it gets
create or replace macro behoefte_componenten(p_end, p_niveau := 'wijk', p_gemeente := null) as table

with gebieden as (
    select gebiedscode, gemeentecode from gebieden_op_niveau(p_niveau, p_gemeente)
),

indicators as (
    select * from stg_behoefte_indicator
),

figures as (
    select * from stg_kerncijfers
),

-- per area and indicator, the latest known value in a year <= the year of the period end
latest as (
    select k.gebiedscode, k.indicator, arg_max(k.waarde, k.jaar) as waarde, max(k.jaar) as jaar,
    from figures as k
    inner join indicators as i on i.indicator = k.indicator
    where k.jaar <= year(p_end::date) and k.waarde is not null
        -- only the areas asked for: one gemeente reads its own kerncijfers, not the country's
        and k.gebiedscode in (select gebiedscode from gebieden)
    group by all
),

valued as (
    select g.gebiedscode, g.gemeentecode, i.indicator, i.gewicht, i.richting, l.waarde, l.jaar,
    from gebieden as g
    cross join indicators as i
    inner join latest as l on l.gebiedscode = g.gebiedscode and l.indicator = i.indicator
),

-- z-scores across the areas of one gemeente (population standard deviation);
-- an indicator known for fewer than two areas of a gemeente cannot be compared there
stats as (
    select gemeentecode, indicator, avg(waarde) as gemiddelde, stddev_pop(waarde) as sd, count(*) as n,
    from valued
    group by all
),

final as (
    select
        v.gebiedscode,
        v.gemeentecode,
        v.indicator,
        v.jaar,
        v.waarde,
        v.richting,
        v.gewicht,
        case when s.sd > 0 then v.richting * (v.waarde - s.gemiddelde) / s.sd else 0.0 end as z_score,
    from valued as v
    inner join stats as s on s.gemeentecode = v.gemeentecode and s.indicator = v.indicator
    where s.n >= 2
)

select * from final
order by gebiedscode, indicator
