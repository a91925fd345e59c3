-- one row per inzet (assignment row), typed, with fte and gemeente
create or replace view stg_inzet as

with source as (
    select * from inzet
),

final as (
    select
        source.inzet_id,
        source.professional_id,
        source.wijkcode,
        wijk.gemeentecode,
        source.rol,
        source.organisatie_id,
        source.startdatum,
        source.einddatum,
        source.uren_per_week::double as uren_per_week,
        source.uren_per_week::double / 36 as fte,
    from source
    inner join wijk on wijk.wijkcode = source.wijkcode
)

select * from final
