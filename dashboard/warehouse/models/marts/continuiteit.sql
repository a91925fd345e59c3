-- one row per area (wijk or gemeente) per rol that occurs in the gemeente's inzet
-- Continuity metrics of DESIGN §5 for the period [p_start, p_end]; the reference date
-- is p_end. Every wijk (or gemeente) of the selected gemeente(n) gets a row for every
-- rol in that gemeente's inzet, also when no spell of that rol is in scope there.
create or replace macro continuiteit(
    p_start,
    p_end,
    p_niveau := 'wijk',
    p_gemeente := null,
    p_rol := null,
    p_organisatie := null
) as table

with spells as (
    select *
    from spells_in_scope(
        p_start,
        p_end,
        p_niveau := p_niveau,
        p_gemeente := p_gemeente,
        p_rol := p_rol,
        p_organisatie := p_organisatie
    )
),

curve as (
    select *
    from verblijfsduur_curve(
        p_start,
        p_end,
        p_niveau := p_niveau,
        p_gemeente := p_gemeente,
        p_rol := p_rol,
        p_organisatie := p_organisatie
    )
),

gebieden as (
    select * from stg_gebied
),

inzet as (
    select * from stg_inzet
),

params as (
    select
        p_start::date as period_start,
        p_end::date as period_end,
        case
            when p_end::date >= p_start::date then p_end::date - p_start::date + 1
            else error('De periode eindigt voor zij begint: ' || p_start || ' tot ' || p_end)
        end as dagen_in_periode,
),

rollen as (
    select distinct gemeentecode, rol,
    from inzet
    where p_rol is null or rol = p_rol
),

areas as (
    select gebiedscode, niveau, naam, gemeentecode,
    from gebieden
    where niveau = p_niveau
        and (p_gemeente is null or gemeentecode = p_gemeente)
),

area_rollen as (
    select areas.*, rollen.rol,
    from areas
    inner join rollen on rollen.gemeentecode = areas.gemeentecode
),

-- onbezet_dagen is counted per wijk, also when the area is a gemeente
wijk_rollen as (
    select gebieden.wijkcode, gebieden.gemeentecode, rollen.rol,
    from gebieden
    inner join rollen on rollen.gemeentecode = gebieden.gemeentecode
    where gebieden.niveau = 'wijk'
        and (p_gemeente is null or gebieden.gemeentecode = p_gemeente)
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

-- Union of the clipped spells per wijk and rol (gaps and islands), so overlapping
-- spells of different people count each day once.
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

onbezet_per_area as (
    select
        case when p_niveau = 'gemeente' then wijk_rollen.gemeentecode else wijk_rollen.wijkcode end
            as gebiedscode,
        wijk_rollen.rol,
        sum(params.dagen_in_periode - coalesce(bezet_per_wijk.bezet_dagen, 0))::bigint
            as onbezet_dagen,
    from wijk_rollen
    cross join params
    left join bezet_per_wijk
        on bezet_per_wijk.wijkcode = wijk_rollen.wijkcode
        and bezet_per_wijk.rol = wijk_rollen.rol
    group by all
),

-- continuiteitsindex: spells active on the reference date, weighted by the fte of
-- their inzet row(s) active on that date (of the organisation, when filtered). A spell
-- whose reference date falls in a merged gap (<= 30 days between two rows) has no row
-- that day; it counts with the fte of its latest row started before it.
spell_rows as (
    select
        spells.spell_id,
        spells.gebiedscode,
        spells.rol,
        spells.verblijfsduur_dagen,
        inzet.fte,
        inzet.startdatum,
        max(inzet.startdatum) over (partition by spells.spell_id) as laatste_start,
        inzet.einddatum is null or inzet.einddatum >= params.period_end as actief_op_peildatum,
        p_organisatie is null or inzet.organisatie_id = p_organisatie as van_organisatie,
    from spells
    cross join params
    inner join inzet
        on inzet.professional_id = spells.professional_id
        and inzet.wijkcode = spells.wijkcode
        and inzet.rol = spells.rol
        and inzet.startdatum >= spells.startdatum
        and inzet.startdatum <= params.period_end
    where spells.einddatum is null or spells.einddatum >= params.period_end
),

active_on_reference as (
    select
        gebiedscode,
        rol,
        verblijfsduur_dagen,
        case
            when bool_or(actief_op_peildatum)
                then sum(fte) filter (where actief_op_peildatum and van_organisatie)
            else sum(fte) filter (where startdatum = laatste_start and van_organisatie)
        end as fte,
    from spell_rows
    group by spell_id, gebiedscode, rol, verblijfsduur_dagen
),

index_stats as (
    select
        gebiedscode,
        rol,
        100 * coalesce(sum(fte) filter (where verblijfsduur_dagen >= 730), 0)
            / nullif(sum(fte), 0) as continuiteitsindex,
    from active_on_reference
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
        onbezet_per_area.onbezet_dagen,
        index_stats.continuiteitsindex,
    from area_rollen
    cross join params
    left join spell_stats
        on spell_stats.gebiedscode = area_rollen.gebiedscode
        and spell_stats.rol = area_rollen.rol
    left join mediaan
        on mediaan.gebiedscode = area_rollen.gebiedscode
        and mediaan.rol = area_rollen.rol
    left join onbezet_per_area
        on onbezet_per_area.gebiedscode = area_rollen.gebiedscode
        and onbezet_per_area.rol = area_rollen.rol
    left join index_stats
        on index_stats.gebiedscode = area_rollen.gebiedscode
        and index_stats.rol = area_rollen.rol
)

select * from final
order by gemeentecode, gebiedscode, rol
