-- one row per gebied per kerncijfers year with a known number of inwoners
create or replace view stg_inwoners as

with direct as (
    select gebiedscode, jaar, waarde as inwoners,
    from kerncijfers
    where indicator = 'aantal_inwoners' and waarde is not null
),

-- A file may hold buurt figures only; then a wijk or gemeente counts the sum of
-- its buurten (or wijken) for that year.
from_buurten as (
    select gebied.wijkcode as gebiedscode, direct.jaar, sum(direct.inwoners) as inwoners,
    from direct
    inner join stg_gebied as gebied
        on gebied.gebiedscode = direct.gebiedscode and gebied.niveau = 'buurt'
    group by all
),

wijk_level as (
    select
        coalesce(d.gebiedscode, b.gebiedscode) as gebiedscode,
        coalesce(d.jaar, b.jaar) as jaar,
        coalesce(d.inwoners, b.inwoners) as inwoners,
    from (select * from direct where gebiedscode like 'WK%') as d
    full outer join from_buurten as b on b.gebiedscode = d.gebiedscode and b.jaar = d.jaar
),

from_wijken as (
    select gebied.gemeentecode as gebiedscode, w.jaar, sum(w.inwoners) as inwoners,
    from wijk_level as w
    inner join stg_gebied as gebied
        on gebied.gebiedscode = w.gebiedscode and gebied.niveau = 'wijk'
    group by all
),

gemeente_level as (
    select
        coalesce(d.gebiedscode, w.gebiedscode) as gebiedscode,
        coalesce(d.jaar, w.jaar) as jaar,
        coalesce(d.inwoners, w.inwoners) as inwoners,
    from (select * from direct where gebiedscode like 'GM%') as d
    full outer join from_wijken as w on w.gebiedscode = d.gebiedscode and w.jaar = d.jaar
),

-- an area of the own indeling counts the sum of its buurten
eigen_level as (
    select ib.gebiedscode, direct.jaar, sum(direct.inwoners) as inwoners,
    from direct
    inner join indeling_buurt as ib on ib.buurtcode = direct.gebiedscode
    group by all
),

final as (
    select * from direct where gebiedscode like 'BU%'
    union all
    select * from eigen_level
    union all
    select * from wijk_level
    union all
    select * from gemeente_level
)

select gebiedscode, jaar, inwoners::bigint as inwoners, from final
