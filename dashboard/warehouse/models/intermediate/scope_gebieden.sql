-- one row per gebied of the chosen level (and gemeente), with its inwoners in the reference year
create or replace macro scope_gebieden(p_end, p_niveau, p_gemeente) as table

with gebieden as (
    select * from gebieden_op_niveau(p_niveau, p_gemeente)
),

-- inwoners of the latest kerncijfers year <= the year of the period end
inwoners as (
    select gebiedscode, arg_max(inwoners, jaar) as inwoners, max(jaar) as inwoners_jaar,
    from int_inwoners
    where jaar <= year(p_end::date)
    group by all
),

final as (
    select
        gebieden.gebiedscode,
        gebieden.niveau,
        gebieden.naam,
        gebieden.gemeentecode,
        inwoners.inwoners,
        inwoners.inwoners_jaar,
    from gebieden
    left join inwoners on inwoners.gebiedscode = gebieden.gebiedscode
)

select * from final
