-- one row per area per rol per distinct verblijfsduur among the spells in scope
-- Kaplan–Meier survival of spells (docs/DESIGN.md §5): S(t) = Π over durations t_j ≤ t of
-- (1 − vertrekken_j / at_risk_j), at_risk_j = spells with verblijfsduur ≥ t_j, so a
-- spell censored at t_j still counts as at risk at t_j. An area pools the spells of its
-- wijken: a gemeente those of its wijken, the country ('land') every spell in scope.
-- continuiteit reads its median here.
create or replace macro verblijfsduur_curve(
    p_start, p_end, p_niveau := 'gemeente', p_gemeente := null, p_rol := null, p_organisatie := null
) as table

with spells as (
    select * from spells_in_scope(p_start, p_end, p_niveau, p_gemeente, p_rol, p_organisatie)
),

per_duur as (
    select
        gebiedscode,
        rol,
        verblijfsduur_dagen as dagen,
        count(*)::bigint as spells,
        count(*) filter (where is_vertrek)::bigint as vertrekken,
        count(*) filter (where not is_vertrek)::bigint as gecensureerd,
    from spells
    group by gebiedscode, rol, verblijfsduur_dagen
),

with_at_risk as (
    select
        *,
        sum(spells) over (
            partition by gebiedscode, rol
            order by dagen desc
            rows between unbounded preceding and current row
        )::bigint as at_risk,
    from per_duur
),

with_survival as (
    select
        *,
        product(1 - vertrekken / at_risk) over (
            partition by gebiedscode, rol
            order by dagen
            rows between unbounded preceding and current row
        ) as overleving,
    from with_at_risk
),

final as (
    select
        gebiedscode,
        rol,
        dagen,
        at_risk,
        vertrekken,
        gecensureerd,
        overleving,
    from with_survival
)

select * from final
order by gebiedscode, rol, dagen
