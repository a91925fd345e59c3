-- one row per spell active on at least one day of the period (after the filters)
-- Shared by the continuity marts: gebiedscode is the wijk, the gemeente or the country
-- ('land') per p_niveau, verblijfsduur runs to the reference date (the period end),
-- actieve_dagen is the spell clipped to the period. A NULL filter means no filter; the
-- organisation filter keeps spells with any inzet row of that organisation. Few CTEs:
-- every continuity mart plans this macro more than once (DuckDB then computes it once).
create or replace macro spells_in_scope(
    p_start, p_end, p_niveau := 'wijk', p_gemeente := null, p_rol := null, p_organisatie := null
) as table

with params as (
    select
        periode.*,
        case
            when p_niveau in ('wijk', 'gemeente', 'land') then p_niveau::varchar
            else error('Continuïteit wordt per wijk, gemeente of land gemeten, niet per ' || p_niveau)
        end as niveau,
    from periode(p_start, p_end) as periode
),

final as (
    select
        s.spell_id,
        gebiedscode_op_niveau(params.niveau, s.gemeentecode, s.wijkcode) as gebiedscode,
        s.professional_id,
        s.wijkcode,
        s.gemeentecode,
        s.rol,
        s.startdatum,
        s.einddatum,
        s.organisaties,
        s.organisatie_id,
        params.period_start,
        params.period_end,
        params.dagen_in_periode,
        -- reference date = period end; both ends included
        least(coalesce(s.einddatum, params.period_end), params.period_end) - s.startdatum + 1
            as verblijfsduur_dagen,
        -- ends on or before the reference date: observed (and, being in scope, within the period)
        coalesce(s.einddatum <= params.period_end, false) as is_vertrek,
        greatest(s.startdatum, params.period_start) as actief_vanaf,
        least(coalesce(s.einddatum, params.period_end), params.period_end) as actief_tot,
        least(coalesce(s.einddatum, params.period_end), params.period_end)
            - greatest(s.startdatum, params.period_start) + 1 as actieve_dagen,
    from int_spell as s
    cross join params
    where s.startdatum <= params.period_end
        and (s.einddatum is null or s.einddatum >= params.period_start)
        and (p_gemeente is null or s.gemeentecode = p_gemeente)
        and (p_rol is null or s.rol = p_rol)
        and (p_organisatie is null or list_contains(s.organisaties, p_organisatie))
)

select * from final
