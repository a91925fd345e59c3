-- one row per spell: one professional's uninterrupted presence in one wijk in one rol
create or replace view int_spell as

-- Inzet rows of the same professional, wijk and rol form one spell when they
-- overlap or when at most 30 days lie strictly between one einddatum and the
-- next startdatum (docs/DESIGN.md §5). Gaps and islands: a row starts a new spell when
-- more than 30 days lie strictly between its startdatum and the latest einddatum
-- of all earlier rows (a running max, so a long row that swallows shorter ones
-- keeps them in one spell). Open ends count as a far date while merging.
-- gemeentecode follows from wijkcode; it is a partition and group key all the same,
-- so a filter on one gemeente reaches the inzet scan instead of waiting for every spell.

with inzet_rows as (
    select * from int_inzet
),

with_open_end as (
    select
        inzet_id,
        professional_id,
        wijkcode,
        gemeentecode,
        rol,
        organisatie_id,
        startdatum,
        coalesce(einddatum, date '9999-12-31') as einddatum_of_open,
    from inzet_rows
),

with_previous_end as (
    select
        *,
        max(einddatum_of_open) over (
            partition by gemeentecode, professional_id, wijkcode, rol
            order by startdatum, einddatum_of_open, inzet_id
            rows between unbounded preceding and 1 preceding
        ) as previous_max_einddatum,
    from with_open_end
),

flagged as (
    select
        *,
        case
            when previous_max_einddatum is null then 1
            -- days strictly between = next start - previous end - 1
            when startdatum - previous_max_einddatum - 1 > 30 then 1
            else 0
        end as starts_spell,
    from with_previous_end
),

numbered as (
    select
        *,
        sum(starts_spell) over (
            partition by gemeentecode, professional_id, wijkcode, rol
            order by startdatum, einddatum_of_open, inzet_id
            rows between unbounded preceding and current row
        ) as spell_number,
    from flagged
),

spells as (
    select
        professional_id,
        wijkcode,
        gemeentecode,
        rol,
        min(startdatum) as startdatum,
        max(einddatum_of_open) as einddatum_of_open,
        list(distinct organisatie_id order by organisatie_id) as organisaties,
        -- a spell can span organisations (the work moved to another employer); it belongs to
        -- the organisation of its latest inzet row (whose team lead sees the name): the row
        -- that ends last (an open end is latest), then the one that started last, then the
        -- highest inzet_id, so the organisation a leaving professional leaves from
        arg_max(organisatie_id, row(einddatum_of_open, startdatum, inzet_id)) as organisatie_id,
        count(*)::bigint as inzet_rows,
    from numbered
    group by professional_id, wijkcode, gemeentecode, rol, spell_number
),

final as (
    select
        professional_id || '|' || wijkcode || '|' || rol || '|' || strftime(startdatum, '%Y-%m-%d')
            as spell_id,
        professional_id,
        wijkcode,
        gemeentecode,
        rol,
        startdatum,
        nullif(einddatum_of_open, date '9999-12-31') as einddatum,
        organisaties,
        organisatie_id,
        inzet_rows,
    from spells
)

select * from final
