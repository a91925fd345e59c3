-- one row per signal for team leads on a peildatum (a leaving professional or an unfilled rol)
-- vertrek_zonder_opvolger: a spell ends within 90 days after the peildatum and no other
-- spell in that wijk and rol continues past its end (open, or ending later).
-- rol_onbezet: no spell in the wijk and rol is active on the peildatum, while one was
-- active on some day of the 365 days before it. The filters apply to every spell
-- considered, successors included (a NULL filter means no filter).
-- Each row carries the spell it is about, for the names a team lead may see (Python
-- chooses; docs/DESIGN.md §7): a departure its professional_id, startdatum and organisatie_id
-- (of the spell's latest inzet row, int_spell); an unfilled rol has nobody (professional_id
-- and startdatum NULL) but the organisatie_id of the spell that ended last, the vacancy's
-- organisation (ties: the latest start, then the highest professional_id).
create or replace macro continuiteit_signalen(
    p_peildatum,
    p_gemeente := null,
    p_rol := null,
    p_organisatie := null
) as table

with params as (
    select p_peildatum::date as peildatum,
),

wijken as (
    select * from stg_wijk
),

spells as (
    select *
    from int_spell
    where (p_gemeente is null or gemeentecode = p_gemeente)
        and (p_rol is null or rol = p_rol)
        and (p_organisatie is null or list_contains(organisaties, p_organisatie))
),

leaving as (
    select spells.*, params.peildatum,
    from spells
    cross join params
    where spells.einddatum > params.peildatum
        and spells.einddatum <= params.peildatum + 90
),

vertrek_zonder_opvolger as (
    select
        'vertrek_zonder_opvolger' as signaal,
        leaving.gemeentecode,
        leaving.wijkcode,
        leaving.rol,
        leaving.professional_id,
        leaving.organisatie_id,
        leaving.startdatum,
        leaving.einddatum,
        leaving.einddatum - leaving.peildatum as dagen,
    from leaving
    where not exists (
        select 1
        from spells as other
        where other.wijkcode = leaving.wijkcode
            and other.rol = leaving.rol
            and other.spell_id <> leaving.spell_id
            and (other.einddatum is null or other.einddatum > leaving.einddatum)
    )
),

active_on_peildatum as (
    select distinct spells.wijkcode, spells.rol,
    from spells
    cross join params
    where spells.startdatum <= params.peildatum
        and (spells.einddatum is null or spells.einddatum >= params.peildatum)
),

-- active on some day of [peildatum − 365, peildatum − 1] and not on the peildatum: ended before it
recently_ended as (
    select
        spells.gemeentecode,
        spells.wijkcode,
        spells.rol,
        max(spells.einddatum) as einddatum,
        arg_max(
            spells.organisatie_id,
            row(spells.einddatum, spells.startdatum, spells.professional_id)
        ) as organisatie_id,
    from spells
    cross join params
    where spells.startdatum <= params.peildatum - 1
        and spells.einddatum >= params.peildatum - 365
        and spells.einddatum < params.peildatum
    group by spells.gemeentecode, spells.wijkcode, spells.rol
),

rol_onbezet as (
    select
        'rol_onbezet' as signaal,
        recently_ended.gemeentecode,
        recently_ended.wijkcode,
        recently_ended.rol,
        null::varchar as professional_id,
        recently_ended.organisatie_id,
        null::date as startdatum,
        recently_ended.einddatum,
        -- days unfilled so far: the day after the last end up to and including the peildatum
        params.peildatum - recently_ended.einddatum as dagen,
    from recently_ended
    cross join params
    anti join active_on_peildatum
        on active_on_peildatum.wijkcode = recently_ended.wijkcode
        and active_on_peildatum.rol = recently_ended.rol
),

signalen as (
    select * from vertrek_zonder_opvolger
    union all
    select * from rol_onbezet
),

final as (
    select
        signalen.signaal,
        signalen.gemeentecode,
        signalen.wijkcode,
        wijken.naam as wijknaam,
        signalen.rol,
        signalen.professional_id,
        signalen.organisatie_id,
        signalen.startdatum,
        signalen.einddatum,
        signalen.dagen,
    from signalen
    inner join wijken on wijken.wijkcode = signalen.wijkcode
)

select * from final
order by gemeentecode, wijkcode, rol, signaal, professional_id
