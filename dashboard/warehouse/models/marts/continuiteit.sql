-- one row per area (wijk, gemeente or the country) per rol that occurs in the inzet of its gemeente(n)
-- Continuity metrics of docs/DESIGN.md §5 for the period [p_start, p_end]; the reference date
-- is p_end. Every area of the selected gemeente(n) gets a row for every rol in that
-- gemeente's inzet, also when no spell of that rol is in scope there. The country
-- (p_niveau 'land') pools every spell in scope, as a gemeente pools its wijken.
-- The median comes from verblijfsduur_curve, onbezet_dagen and continuiteitsindex from
-- their own models; the counts of spells are here.
create or replace macro continuiteit(
    p_start, p_end, p_niveau := 'wijk', p_gemeente := null, p_rol := null, p_organisatie := null
) as table

with spells as (
    select * from spells_in_scope(p_start, p_end, p_niveau, p_gemeente, p_rol, p_organisatie)
),

curve as (
    select * from verblijfsduur_curve(p_start, p_end, p_niveau, p_gemeente, p_rol, p_organisatie)
),

onbezet as (
    select * from onbezet_dagen(p_start, p_end, p_niveau, p_gemeente, p_rol, p_organisatie)
),

index_stats as (
    select * from continuiteitsindex(p_start, p_end, p_niveau, p_gemeente, p_rol, p_organisatie)
),

areas as (
    select * from gebieden_op_niveau(p_niveau, p_gemeente)
),

rollen as (
    select * from int_gemeente_rol
    where (p_rol is null or rol = p_rol)
        and (p_gemeente is null or gemeentecode = p_gemeente)
),

area_rollen as (
    select areas.gebiedscode, areas.niveau, areas.naam, areas.gemeentecode, rollen.rol,
    from areas
    inner join rollen on rollen.gemeentecode = areas.gemeentecode
    union all
    -- the country (no gemeentecode): every rol of any selected gemeente
    select distinct areas.gebiedscode, areas.niveau, areas.naam, areas.gemeentecode, rollen.rol,
    from areas
    cross join rollen
    where areas.gemeentecode is null
),

spell_stats as (
    select
        gebiedscode,
        rol,
        count(*)::bigint as spells,
        max(verblijfsduur_dagen)::bigint as langste_verblijfsduur_dagen,
        count(*) filter (where is_vertrek)::bigint as vertrekken,
        sum(actieve_dagen)::bigint as actieve_spelldagen,
        count(distinct professional_id)::bigint as gezichten,
    from spells
    group by gebiedscode, rol
),

-- S(t) only drops at durations with a departure; the tolerance absorbs float error
-- in products that are exactly 0.5 (0.75 × 2/3), not a meaningful difference.
mediaan as (
    select gebiedscode, rol, min(dagen)::bigint as mediane_verblijfsduur_dagen,
    from curve
    where vertrekken > 0 and overleving <= 0.5 + 1e-9
    group by gebiedscode, rol
),

final as (
    select
        area_rollen.gebiedscode,
        area_rollen.niveau,
        area_rollen.naam,
        area_rollen.gemeentecode,
        area_rollen.rol,
        coalesce(spell_stats.spells, 0) as spells,
        mediaan.mediane_verblijfsduur_dagen,
        spell_stats.langste_verblijfsduur_dagen,
        -- departures / average active spells per day, scaled to a year
        case
            when spell_stats.actieve_spelldagen > 0
                then 100 * spell_stats.vertrekken
                    / (spell_stats.actieve_spelldagen / params.dagen_in_periode)
                    * 365 / params.dagen_in_periode
        end as verloop_pct,
        coalesce(spell_stats.vertrekken, 0) as vertrekken,
        coalesce(spell_stats.actieve_spelldagen, 0) / params.dagen_in_periode as gemiddeld_actief,
        coalesce(spell_stats.gezichten, 0) as gezichten,
        onbezet.onbezet_dagen,
        index_stats.continuiteitsindex,
    from area_rollen
    cross join periode(p_start, p_end) as params
    left join spell_stats using (gebiedscode, rol)
    left join mediaan using (gebiedscode, rol)
    left join onbezet using (gebiedscode, rol)
    left join index_stats using (gebiedscode, rol)
)

select * from final
order by gemeentecode, gebiedscode, rol
