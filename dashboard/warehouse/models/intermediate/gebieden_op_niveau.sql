-- one row per area of the chosen level (in one gemeente, or in all); at level 'land' the one row of the whole country
create or replace macro gebieden_op_niveau(p_niveau, p_gemeente := null) as table

with gebieden as (
    select * from int_gebied
),

final as (
    select gebiedscode, niveau, naam, gemeentecode, wijkcode,
    from gebieden
    where niveau = p_niveau
        and (p_gemeente is null or gemeentecode = p_gemeente)
    union all
    -- the country is one area with every (selected) gemeente in it, and no gemeentecode
    select gebiedscode_op_niveau('land', null), 'land', 'Nederland', null::varchar, null::varchar,
    where p_niveau = 'land'
)

select * from final
