-- one row per venster (1-based position in p_ends) and gebied of the chosen level (and gemeente), with its inwoners in the venster's reference year
create or replace macro scope_gebieden_vensters(p_ends, p_niveau, p_gemeente) as table

with vensters as (
    select i as venster, p_ends[i]::date as tot,
    from range(1, len(p_ends) + 1) as v(i)
),

gebieden as (
    select * from gebieden_op_niveau(p_niveau, p_gemeente)
),

-- inwoners of the latest kerncijfers year <= the year of the venster's end
inwoners as (
    select
        v.venster,
        i.gebiedscode,
        arg_max(i.inwoners, i.jaar) as inwoners,
        max(i.jaar) as inwoners_jaar,
    from inwoners_in(p_gemeente) as i
    inner join vensters as v on i.jaar <= year(v.tot)
    group by all
),

final as (
    select
        v.venster,
        gebieden.gebiedscode,
        gebieden.niveau,
        gebieden.naam,
        gebieden.gemeentecode,
        inwoners.inwoners,
        inwoners.inwoners_jaar,
    from vensters as v
    cross join gebieden
    left join inwoners
        on inwoners.venster = v.venster and inwoners.gebiedscode = gebieden.gebiedscode
)

select * from final
