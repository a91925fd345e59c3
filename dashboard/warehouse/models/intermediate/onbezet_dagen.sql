-- one row per area (wijk, gemeente or the country) per rol of its gemeenten: days of the period without anyone in that rol
-- Counted per wijk, also when the area is a gemeente or the country (so a gemeente's
-- figure is the sum over its wijken and can exceed the days of the period). Per wijk
-- and rol the spells clipped to the period are merged (gaps and islands), so
-- overlapping spells of different people count each day once (docs/DESIGN.md §5).
create or replace macro onbezet_dagen(
    p_start, p_end, p_niveau := 'wijk', p_gemeente := null, p_rol := null, p_organisatie := null
) as table

with spells as (
    select * from spells_in_scope(p_start, p_end, p_niveau, p_gemeente, p_rol, p_organisatie)
),

wijken as (
    select * from gebieden_op_niveau('wijk', p_gemeente)
),

rollen as (
    select * from int_gemeente_rol
    where p_rol is null or rol = p_rol
),

wijk_rollen as (
    select wijken.wijkcode, wijken.gemeentecode, rollen.rol,
    from wijken
    inner join rollen on rollen.gemeentecode = wijken.gemeentecode
),

intervals as (
    select
        wijkcode,
        rol,
        actief_vanaf,
        actief_tot,
        max(actief_tot) over (
            partition by wijkcode, rol
            order by actief_vanaf, actief_tot
            rows between unbounded preceding and 1 preceding
        ) as previous_max_tot,
    from spells
),

islands as (
    select
        *,
        sum(case when previous_max_tot is null or actief_vanaf > previous_max_tot then 1 else 0 end)
            over (
                partition by wijkcode, rol
                order by actief_vanaf, actief_tot
                rows between unbounded preceding and current row
            ) as island_number,
    from intervals
),

bezet_per_island as (
    select wijkcode, rol, max(actief_tot) - min(actief_vanaf) + 1 as bezet_dagen,
    from islands
    group by wijkcode, rol, island_number
),

bezet_per_wijk as (
    select wijkcode, rol, sum(bezet_dagen)::bigint as bezet_dagen,
    from bezet_per_island
    group by wijkcode, rol
),

final as (
    select
        gebiedscode_op_niveau(p_niveau, wijk_rollen.gemeentecode, wijk_rollen.wijkcode)
            as gebiedscode,
        wijk_rollen.rol,
        sum(params.dagen_in_periode - coalesce(bezet_per_wijk.bezet_dagen, 0))::bigint
            as onbezet_dagen,
    from wijk_rollen
    cross join periode(p_start, p_end) as params
    left join bezet_per_wijk using (wijkcode, rol)
    group by all
)

select * from final
