-- one row per venster (1-based position in p_starts and p_ends) and gebied of the chosen level: reach in that period under one attribution (waar or wie)
-- In a gemeente that registers no activiteiten at all, every figure is NULL (unknown), not
-- 0 (docs/DESIGN.md §5.1, int_gemeente_registraties).
-- Several periods in one query (the Wijkprofiel's period, a year earlier and its trend):
-- the scans, joins and planning are shared, where one `bereik` call per period repeats them.
-- Each venster is counted as `bereik` counts one period; vensters may overlap.
create or replace macro bereik_vensters(
    p_starts, p_ends, p_niveau := 'wijk', p_attributie := 'waar',
    p_gemeente := null, p_type := null, p_organisatie := null
) as table

with vensters as (
    select i as venster, p_starts[i]::date as van, p_ends[i]::date as tot,
    from range(1, len(p_starts) + 1) as v(i)
),

-- every day of every venster: rows find their vensters by an equality join on the date,
-- cheaper on millions of deelnames than a range join or a list filter per row (measured:
-- benchmarks, docs/performance.md)
dagen as (
    select venster, unnest(generate_series(van, tot, interval 1 day))::date as datum,
    from vensters
),

gebieden as (
    select * from scope_gebieden_vensters(p_ends, p_niveau, p_gemeente)
),

-- the sessions held in the gemeente's areas, once per venster they fall in
bijeenkomsten as (
    select dagen.venster, b.*,
    from scope_bijeenkomsten(
        list_min(p_starts), list_max(p_ends), p_niveau, p_gemeente, p_type, p_organisatie
    ) as b
    inner join dagen on dagen.datum = b.datum
),

-- the deelnames a gemeente's areas can count (waar and wie), once per venster
deelnames as (
    select dagen.venster, d.*,
    from scope_deelnames_gemeente(
        list_min(p_starts), list_max(p_ends), p_niveau, p_attributie, p_gemeente, p_type,
        p_organisatie
    ) as d
    inner join dagen on dagen.datum = d.datum
),

-- A gemeente whose bijeenkomsten in the period have no deelname rows at all
-- registers session totals only: unique-participant metrics cannot be known there.
gemeente_heeft_deelnemers as (
    select venster, act_gemeentecode as gemeentecode, true as heeft_deelnemersgegevens,
    from deelnames
    group by all
),

registraties as (
    select gemeentecode, heeft_activiteiten, from int_gemeente_registraties
),

-- waar: sessions located in the area
sessions_at_location as (
    select
        venster,
        gebiedscode,
        count(*)::bigint as bijeenkomsten,
        -- the larger of each session's total and its registered deelnames (§5.1)
        sum(deelnames)::bigint as deelnames_totaal,
        count(*) filter (where is_bewonersinitiatief)::bigint as bijeenkomsten_bewonersinitiatief,
    from bijeenkomsten
    group by all
),

per_deelnemer as (
    select
        venster,
        gebiedscode,
        deelnemer_id,
        count(*) as deelnames,
    from deelnames
    where gebiedscode is not null
    group by all
),

-- nieuw: the first deelname in all data (whatever the filters) falls in the period, that
-- is: not before the venster's start (deelnemer.eerste_deelname, kept by every import).
-- Only deelnemers active before the latest start can be old in any venster. (No semi-join
-- with the deelnames here: over many years it builds a hash of every deelname, measured
-- 1.6 s of 2.3 s nationally, where this join with per_deelnemer is cheap.)
eerder_actief as (
    select deelnemer_id, eerste_deelname,
    from stg_deelnemer
    where eerste_deelname < list_max(p_starts)::date
),

participants as (
    select
        p.venster,
        p.gebiedscode,
        sum(p.deelnames)::bigint as deelnames_geregistreerd,
        count(*)::bigint as unieke_deelnemers,
        count(*) filter (where p.deelnames >= 2)::bigint as herhaal_deelnemers,
        count(*) filter (where e.eerste_deelname is null or e.eerste_deelname >= p_starts[p.venster]::date)::bigint
            as nieuw,
    from per_deelnemer as p
    left join eerder_actief as e on e.deelnemer_id = p.deelnemer_id
    group by all
),

residents_reached as (
    select
        venster,
        woon_gebiedscode as gebiedscode,
        count(distinct deelnemer_id)::bigint as bereikte_inwoners,
    from deelnames
    where woon_gebiedscode is not null
    group by all
),

final as (
    select
        g.venster,
        g.gebiedscode,
        g.niveau,
        g.naam,
        g.gemeentecode,
        p_attributie as attributie,
        g.inwoners,
        case when reg.heeft_activiteiten then coalesce(s.bijeenkomsten, 0) end as bijeenkomsten,
        case
            when not coalesce(reg.heeft_activiteiten, false) then null
            when p_attributie = 'waar' then coalesce(s.deelnames_totaal, 0)
            when coalesce(h.heeft_deelnemersgegevens, false) then coalesce(pa.deelnames_geregistreerd, 0)
        end as deelnames,
        -- who took part is known: the gemeente registers participants and, under waar, the
        -- area's bijeenkomsten do (totals only there: 238 deelnames beside "0 unieke
        -- deelnemers" read as nobody)
        coalesce(h.heeft_deelnemersgegevens, false)
            and not (p_attributie = 'waar' and coalesce(s.bijeenkomsten, 0) > 0 and pa.gebiedscode is null)
            as deelnemers_bekend,
        case when deelnemers_bekend then coalesce(pa.unieke_deelnemers, 0) end as unieke_deelnemers,
        -- residents reached out of at least as many inwoners: an area whose registered
        -- residents outnumber its CBS inwoners counts them as its population (§5.1)
        case when coalesce(h.heeft_deelnemersgegevens, false) and g.inwoners > 0
            then 1000.0 * coalesce(r.bereikte_inwoners, 0)
                / greatest(g.inwoners, coalesce(r.bereikte_inwoners, 0)) end as bereik_per_1000,
        case when coalesce(h.heeft_deelnemersgegevens, false) and pa.unieke_deelnemers > 0
            then 100.0 * pa.herhaal_deelnemers / pa.unieke_deelnemers end as herhaal_pct,
        case when deelnemers_bekend then coalesce(pa.nieuw, 0) end as nieuw,
        case when s.bijeenkomsten > 0
            then 100.0 * s.bijeenkomsten_bewonersinitiatief / s.bijeenkomsten end as bewonersinitiatief_pct,
        coalesce(h.heeft_deelnemersgegevens, false) as heeft_deelnemersgegevens,
        -- the count bereik_per_1000 rests on: public views hide the rate where it is 1 to 4,
        -- because rate × inwoners / 1000 gives it back (docs/DESIGN.md §7)
        case when coalesce(h.heeft_deelnemersgegevens, false)
            then coalesce(r.bereikte_inwoners, 0) end as bereikte_inwoners,
    from gebieden as g
    left join sessions_at_location as s on s.venster = g.venster and s.gebiedscode = g.gebiedscode
    left join participants as pa on pa.venster = g.venster and pa.gebiedscode = g.gebiedscode
    left join residents_reached as r on r.venster = g.venster and r.gebiedscode = g.gebiedscode
    left join gemeente_heeft_deelnemers as h
        on h.venster = g.venster and h.gemeentecode = g.gemeentecode
    left join registraties as reg on reg.gemeentecode = g.gemeentecode
)

select * exclude (deelnemers_bekend) from final
order by venster, gebiedscode
