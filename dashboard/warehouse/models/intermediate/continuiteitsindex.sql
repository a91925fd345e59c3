-- one row per area (wijk, gemeente or the country) per rol with a spell active on the reference date: the continuiteitsindex
-- continuiteitsindex (docs/DESIGN.md §5): the share of fte on the reference date (the period end)
-- of spells that have lasted two years (730 days) or longer. Spells are weighted by the
-- fte of their inzet row(s) active on that date (of the organisation, when filtered). A
-- spell whose reference date falls in a merged gap (<= 30 days between two rows) has no
-- row that day; it counts with the fte of its latest row started before it.
create or replace macro continuiteitsindex(
    p_start, p_end, p_niveau := 'wijk', p_gemeente := null, p_rol := null, p_organisatie := null
) as table

-- spells_in_scope checks the period and carries its end (the reference date)
with spells as (
    select * from spells_in_scope(p_start, p_end, p_niveau, p_gemeente, p_rol, p_organisatie)
),

spell_rows as (
    select
        spells.spell_id,
        spells.gebiedscode,
        spells.rol,
        spells.verblijfsduur_dagen,
        inzet_rows.fte,
        inzet_rows.startdatum,
        max(inzet_rows.startdatum) over (partition by spells.spell_id) as laatste_start,
        inzet_rows.einddatum is null or inzet_rows.einddatum >= spells.period_end
            as actief_op_peildatum,
        p_organisatie is null or inzet_rows.organisatie_id = p_organisatie as van_organisatie,
    from spells
    inner join stg_inzet as inzet_rows
        on inzet_rows.professional_id = spells.professional_id
        and inzet_rows.wijkcode = spells.wijkcode
        and inzet_rows.rol = spells.rol
        and inzet_rows.startdatum >= spells.startdatum
        and inzet_rows.startdatum <= spells.period_end
    where spells.einddatum is null or spells.einddatum >= spells.period_end
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

final as (
    select
        gebiedscode,
        rol,
        100 * coalesce(sum(fte) filter (where verblijfsduur_dagen >= 730), 0)
            / nullif(sum(fte), 0) as continuiteitsindex,
    from active_on_reference
    group by gebiedscode, rol
)

select * from final
