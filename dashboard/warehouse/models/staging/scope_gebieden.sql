-- one row per gebied of the chosen level (and gemeente), with its inwoners in the reference year
create or replace macro scope_gebieden(p_end, p_niveau, p_gemeente) as table

with gebieden as (
    select * from stg_gebied
    where niveau = p_niveau
      and (p_gemeente is null or gemeentecode = p_gemeente)
),

-- inwoners of the latest kerncijfers year <= the year of the period end
inwoners as (
    select gebiedscode, arg_max(inwoners, jaar) as inwoners, max(jaar) as inwoners_jaar,
    from stg_inwoners
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
