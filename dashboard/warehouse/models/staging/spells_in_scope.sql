-- one row per spell active on at least one day of the period (after the filters)
-- Shared by the continuity marts: gebiedscode is the wijk or the gemeente per p_niveau,
-- verblijfsduur runs to the reference date (the period end), actieve_dagen is the
-- spell clipped to the period. A NULL filter means no filter; the organisation
-- filter keeps spells with any inzet row of that organisation.
create or replace macro spells_in_scope(
    p_start,
    p_end,
    p_niveau := 'wijk',
    p_gemeente := null,
    p_rol := null,
    p_organisatie := null
) as table

with params as (
    select
        p_start::date as period_start,
        p_end::date as period_end,
        case
            when p_niveau in ('wijk', 'gemeente') then p_niveau::varchar
            else error('Continuïteit wordt per wijk of gemeente gemeten, niet per ' || p_niveau)
        end as niveau,
        case
            when p_end::date >= p_start::date then p_end::date - p_start::date + 1
            else error('De periode eindigt voor zij begint: ' || p_start || ' tot ' || p_end)
        end as dagen_in_periode,
),

spells as (
    select * from stg_spell
),

in_scope as (
    select
        spells.*,
        params.period_start,
        params.period_end,
        params.dagen_in_periode,
        params.niveau,
    from spells
    cross join params
    where spells.startdatum <= params.period_end
        and (spells.einddatum is null or spells.einddatum >= params.period_start)
        and (p_gemeente is null or spells.gemeentecode = p_gemeente)
        and (p_rol is null or spells.rol = p_rol)
        and (p_organisatie is null or list_contains(spells.organisaties, p_organisatie))
),

final as (
    select
        spell_id,
        case niveau when 'gemeente' then gemeentecode else wijkcode end as gebiedscode,
        professional_id,
        wijkcode,
        gemeentecode,
        rol,
        startdatum,
        einddatum,
        organisaties,
        period_start,
        period_end,
        dagen_in_periode,
        -- reference date = period end; both ends included
        least(coalesce(einddatum, period_end), period_end) - startdatum + 1 as verblijfsduur_dagen,
        -- ends on or before the reference date: observed (and, being in scope, within the period)
        coalesce(einddatum <= period_end, false) as is_vertrek,
        greatest(startdatum, period_start) as actief_vanaf,
        least(coalesce(einddatum, period_end), period_end) as actief_tot,
        least(coalesce(einddatum, period_end), period_end)
            - greatest(startdatum, period_start) + 1 as actieve_dagen,
    from in_scope
)

select * from final
