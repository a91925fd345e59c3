-- one row per change of professional in a wijk and rol: a spell that ended (vertrek) or one that started without predecessor (start)
-- The events of the Opbrengst screen (docs/DESIGN.md §5.6). A vertrek is a spell whose
-- einddatum lies on or before the gemeente's last day with registrations (a planned end
-- later on is not a departure yet). Its opvolger is the first other spell of the wijk and
-- rol that starts after the leaving spell started, no more than 30 days before its end (a
-- handover) and at most 365 days after it; later arrivals are a new start, not a successor.
-- bezet_gebleven: another spell already ran and went on after the end, so the post was
-- never empty. onbezet_dagen: the days strictly between the end and the successor's start
-- (0 when the post stayed filled; NULL when no successor came within a year). A start is a
-- spell that is nobody's opvolger: the first in the wijk, or one after a long absence.
create or replace macro opbouwwerk_wisselingen(p_gemeente := null, p_rol := 'opbouwwerker') as table

with spells as (
    select * from int_spell
    where (p_gemeente is null or gemeentecode = p_gemeente)
        and rol = p_rol
),

wijken as (
    select wijkcode, naam as wijknaam, from stg_wijk
),

-- the last day with registrations per gemeente (bijeenkomsten and inzet starts), as
-- queries.data_range: a spell ending after it has not ended yet
laatste_dag as (
    select gemeentecode, max(d) as laatste_dag,
    from (
        select gemeentecode, datum as d, from int_bijeenkomst
        where p_gemeente is null or gemeentecode = p_gemeente
        union all
        select gemeentecode, startdatum, from int_inzet
        where p_gemeente is null or gemeentecode = p_gemeente
    )
    group by gemeentecode
),

vertrekken as (
    select
        s.spell_id,
        s.wijkcode,
        s.gemeentecode,
        s.rol,
        s.einddatum as datum,
        (
            select min(o.startdatum)
            from spells as o
            where o.wijkcode = s.wijkcode
                and o.spell_id <> s.spell_id
                and o.startdatum > s.startdatum
                and o.startdatum >= s.einddatum - 30
                and o.startdatum <= s.einddatum + 365
        ) as opvolger_start,
        exists (
            select 1
            from spells as o
            where o.wijkcode = s.wijkcode
                and o.spell_id <> s.spell_id
                and o.startdatum <= s.einddatum
                and (o.einddatum is null or o.einddatum > s.einddatum)
        ) as bezet_gebleven,
    from spells as s
    inner join laatste_dag as l on l.gemeentecode = s.gemeentecode
    where s.einddatum is not null and s.einddatum <= l.laatste_dag
),

opvolgers as (
    select distinct wijkcode, opvolger_start,
    from vertrekken
    where opvolger_start is not null
),

starts as (
    select
        s.spell_id,
        s.wijkcode,
        s.gemeentecode,
        s.rol,
        s.startdatum as datum,
        null::date as opvolger_start,
        exists (
            select 1
            from spells as o
            where o.wijkcode = s.wijkcode
                and o.spell_id <> s.spell_id
                and o.startdatum < s.startdatum
                and (o.einddatum is null or o.einddatum >= s.startdatum)
        ) as bezet_gebleven,
    from spells as s
    inner join laatste_dag as l on l.gemeentecode = s.gemeentecode
    left join opvolgers as v
        on v.wijkcode = s.wijkcode and v.opvolger_start = s.startdatum
    where v.wijkcode is null and s.startdatum <= l.laatste_dag
),

events as (
    select
        *,
        'vertrek' as soort,
        case
            when bezet_gebleven then 0
            when opvolger_start is not null then greatest(opvolger_start - datum - 1, 0)
        end as onbezet_dagen,
    from vertrekken
    union all
    select *, 'start' as soort, null::bigint as onbezet_dagen,
    from starts
),

final as (
    select
        e.gemeentecode,
        e.wijkcode,
        w.wijknaam,
        e.rol,
        e.soort,
        e.datum,
        e.opvolger_start,
        e.bezet_gebleven,
        e.onbezet_dagen::bigint as onbezet_dagen,
    from events as e
    inner join wijken as w on w.wijkcode = e.wijkcode
)

select * from final
order by gemeentecode, wijkcode, datum, soort desc
