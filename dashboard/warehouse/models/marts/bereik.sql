-- one row per gebied of the chosen level: reach in the period under one attribution (waar or wie)
-- In a gemeente that registers no activiteiten at all, every figure is NULL (unknown), not
-- 0 (docs/DESIGN.md §5.1, int_gemeente_registraties).
create or replace macro bereik(
    p_start, p_end, p_niveau := 'wijk', p_attributie := 'waar',
    p_gemeente := null, p_type := null, p_organisatie := null
) as table

with gebieden as (
    select * from scope_gebieden(p_end, p_niveau, p_gemeente)
),

-- the sessions held in the gemeente's areas
bijeenkomsten as (
    select * from scope_bijeenkomsten(p_start, p_end, p_niveau, p_gemeente, p_type, p_organisatie)
),

-- the deelnames a gemeente's areas can count (waar and wie)
deelnames as (
    select *
    from scope_deelnames_gemeente(
        p_start, p_end, p_niveau, p_attributie, p_gemeente, p_type, p_organisatie
    )
),

-- A gemeente whose bijeenkomsten in the period have no deelname rows at all
-- registers session totals only: unique-participant metrics cannot be known there.
gemeente_heeft_deelnemers as (
    select act_gemeentecode as gemeentecode, true as heeft_deelnemersgegevens,
    from deelnames
    group by all
),

registraties as (
    select gemeentecode, heeft_activiteiten, from int_gemeente_registraties
),

-- waar: sessions located in the area
sessions_at_location as (
    select
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
        gebiedscode,
        deelnemer_id,
        count(*) as deelnames,
    from deelnames
    where gebiedscode is not null
    group by all
),

-- nieuw: the first deelname in all data (whatever the filters) falls in the period, that
-- is: not before the period start (deelnemer.eerste_deelname, kept by every import).
eerder_actief as (
    select deelnemer_id,
    from stg_deelnemer
    where eerste_deelname < p_start::date
        and deelnemer_id in (select deelnemer_id from deelnames)
),

participants as (
    select
        p.gebiedscode,
        sum(p.deelnames)::bigint as deelnames_geregistreerd,
        count(*)::bigint as unieke_deelnemers,
        count(*) filter (where p.deelnames >= 2)::bigint as herhaal_deelnemers,
        count(*) filter (where e.deelnemer_id is null)::bigint as nieuw,
    from per_deelnemer as p
    left join eerder_actief as e on e.deelnemer_id = p.deelnemer_id
    group by all
),

residents_reached as (
    select woon_gebiedscode as gebiedscode, count(distinct deelnemer_id)::bigint as bereikte_inwoners,
    from deelnames
    where woon_gebiedscode is not null
    group by all
),

final as (
    select
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
        case when coalesce(h.heeft_deelnemersgegevens, false)
            then coalesce(pa.unieke_deelnemers, 0) end as unieke_deelnemers,
        -- residents reached out of at least as many inwoners: an area whose registered
        -- residents outnumber its CBS inwoners counts them as its population (§5.1)
        case when coalesce(h.heeft_deelnemersgegevens, false) and g.inwoners > 0
            then 1000.0 * coalesce(r.bereikte_inwoners, 0)
                / greatest(g.inwoners, coalesce(r.bereikte_inwoners, 0)) end as bereik_per_1000,
        case when coalesce(h.heeft_deelnemersgegevens, false) and pa.unieke_deelnemers > 0
            then 100.0 * pa.herhaal_deelnemers / pa.unieke_deelnemers end as herhaal_pct,
        case when coalesce(h.heeft_deelnemersgegevens, false)
            then coalesce(pa.nieuw, 0) end as nieuw,
        case when s.bijeenkomsten > 0
            then 100.0 * s.bijeenkomsten_bewonersinitiatief / s.bijeenkomsten end as bewonersinitiatief_pct,
        coalesce(h.heeft_deelnemersgegevens, false) as heeft_deelnemersgegevens,
        -- the count bereik_per_1000 rests on: public views hide the rate where it is 1 to 4,
        -- because rate × inwoners / 1000 gives it back (docs/DESIGN.md §7)
        case when coalesce(h.heeft_deelnemersgegevens, false)
            then coalesce(r.bereikte_inwoners, 0) end as bereikte_inwoners,
    from gebieden as g
    left join sessions_at_location as s on s.gebiedscode = g.gebiedscode
    left join participants as pa on pa.gebiedscode = g.gebiedscode
    left join residents_reached as r on r.gebiedscode = g.gebiedscode
    left join gemeente_heeft_deelnemers as h on h.gemeentecode = g.gemeentecode
    left join registraties as reg on reg.gemeentecode = g.gemeentecode
)

select * from final
order by gebiedscode
