-- one row per spell in scope, with its number per wijk and rol (volgnummer) for the timeline
-- SQL returns codes: Python turns volgnummer into the anonymous label ("Opbouwwerker A":
-- letters A..Z, then numbers) and, for a team lead of the spell's organisation only, into
-- the professional's name (docs/DESIGN.md §7). professional_id and organisatie_id are
-- there for that choice and are never shown; organisatie_id is the organisation of the
-- spell's latest inzet row (int_spell). volgnummer counts people across organisations, so
-- it is for viewers who see no names only: for a team lead, Python numbers the unnamed
-- spells anew (dashboard/screens/continuiteit.py, spell_labels).
create or replace macro spell_tijdlijn(
    p_start, p_end, p_gemeente := null, p_rol := null, p_organisatie := null
) as table

with spells as (
    select * from spells_in_scope(p_start, p_end, 'wijk', p_gemeente, p_rol, p_organisatie)
),

-- numbers follow the order in which people started in this wijk and rol, so the
-- same person keeps one number (and letter) across their spells in the wijk
first_start as (
    select wijkcode, rol, professional_id, min(startdatum) as eerste_start,
    from spells
    group by wijkcode, rol, professional_id
),

people as (
    select wijkcode, rol, professional_id,
        row_number() over (
            partition by wijkcode, rol order by eerste_start, professional_id
        )::bigint as volgnummer,
    from first_start
),

final as (
    select
        s.spell_id,
        s.wijkcode,
        w.naam as wijknaam,
        s.rol,
        p.volgnummer,
        s.professional_id,
        s.organisatie_id,
        s.startdatum,
        s.einddatum,
        s.verblijfsduur_dagen,
        s.is_vertrek,
    from spells as s
    inner join people as p using (wijkcode, rol, professional_id)
    inner join stg_wijk as w on w.wijkcode = s.wijkcode
)

select * from final
order by wijkcode, rol, volgnummer, startdatum
