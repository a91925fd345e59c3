-- one row per spell in scope, with an anonymous label per wijk and rol ("Opbouwwerker A") instead of a name
create or replace macro spell_tijdlijn(
    p_start, p_end, p_gemeente := null, p_rol := null, p_organisatie := null
) as table

with spells as (
    select * from spells_in_scope(p_start, p_end, 'wijk', p_gemeente, p_rol, p_organisatie)
),

rol_labels as (
    select * from (values
        ('opbouwwerker', 'Opbouwwerker'),
        ('maatschappelijk_werker', 'Maatschappelijk werker'),
        ('jongerenwerker', 'Jongerenwerker'),
        ('wijkagent', 'Wijkagent'),
        ('buurtteam', 'Buurtteam'),
        ('other', 'Overig')
    ) as t(rol, rol_label)
),

-- letters follow the order in which people started in this wijk and rol, so the
-- same person keeps one letter across their spells in the wijk
first_start as (
    select wijkcode, rol, professional_id, min(startdatum) as eerste_start,
    from spells
    group by wijkcode, rol, professional_id
),

people as (
    select wijkcode, rol, professional_id,
        row_number() over (partition by wijkcode, rol order by eerste_start, professional_id) as volgnummer,
    from first_start
),

final as (
    select
        s.spell_id,
        s.wijkcode,
        w.naam as wijknaam,
        s.rol,
        l.rol_label || ' ' || case when p.volgnummer <= 26 then chr(64 + p.volgnummer::integer)
            else p.volgnummer::varchar end as label,
        s.startdatum,
        s.einddatum,
        s.verblijfsduur_dagen,
        s.is_vertrek,
    from spells as s
    inner join people as p using (wijkcode, rol, professional_id)
    inner join stg_wijk as w on w.wijkcode = s.wijkcode
    left join rol_labels as l on l.rol = s.rol
)

select * from final
order by wijkcode, rol, label, startdatum
