-- one row per gebied of the chosen level per month of the period: bijeenkomsten, deelnames and unique participants (trend)
-- Unknown is NULL, never 0 (docs/DESIGN.md §5.1): a gemeente without any activiteiten has
-- no figures. Under waar, who came to an area's sessions is unknown in a month whose sessions
-- (that anyone came to) registered no one. Under wie, a month is unknown exactly where the
-- period's figure (bereik_vensters) is, so that the months add up to it and no month gives
-- back a count hidden beside a small one; only a month in which the gemeente held no session
-- that anyone came to is a known 0 even then.
create or replace macro bereik_per_maand(
    p_start, p_end, p_niveau := 'wijk', p_attributie := 'waar',
    p_gemeente := null, p_type := null, p_organisatie := null
) as table

with gebieden as (
    select gebiedscode, gemeentecode, from scope_gebieden(p_end, p_niveau, p_gemeente)
),

sessions as (
    select gebiedscode, date_trunc('month', datum)::date as maand,
        count(*)::bigint as bijeenkomsten, sum(deelnames)::bigint as deelnames_totaal,
    from scope_bijeenkomsten(p_start, p_end, p_niveau, p_gemeente, p_type, p_organisatie)
    group by all
),

-- the deelnames a gemeente's areas can count (waar and wie)
deelnames as (
    select *, date_trunc('month', datum)::date as maand,
    from scope_deelnames_gemeente(
        p_start, p_end, p_niveau, p_attributie, p_gemeente, p_type, p_organisatie
    )
),

participants as (
    select gebiedscode, maand,
        count(*)::bigint as deelnames_geregistreerd,
        count(distinct deelnemer_id)::bigint as unieke_deelnemers,
    from deelnames
    group by all
),

-- wie: the gemeenten that registered who came to their sessions in the period (as
-- bereik_vensters' gemeente_heeft_deelnemers)
gemeente_registreert as (
    select distinct act_gemeentecode as gemeentecode, from deelnames where p_attributie = 'wie'
),

-- wie: the months in which a gemeente held a session that anyone came to, whatever the
-- level (a session without a buurt counts for no buurt, but its people live somewhere)
gemeente_maand as (
    select distinct gemeentecode, date_trunc('month', datum)::date as maand,
    from scope_bijeenkomsten(p_start, p_end, 'gemeente', p_gemeente, p_type, p_organisatie)
    where p_attributie = 'wie' and deelnames > 0
),

registraties as (
    select gemeentecode, heeft_activiteiten, from int_gemeente_registraties
),

months as (
    select gebieden.gebiedscode, gebieden.gemeentecode, m.maand::date as maand,
    from gebieden,
        range(date_trunc('month', p_start::date), p_end::date + 1, interval 1 month) as m(maand)
),

final as (
    select
        months.gebiedscode,
        months.maand,
        case when reg.heeft_activiteiten then coalesce(s.bijeenkomsten, 0) end as bijeenkomsten,
        coalesce(reg.heeft_activiteiten, false) and case
            -- waar: nobody came to the area's sessions that month, or they registered who did
            when p_attributie = 'waar'
                then coalesce(s.deelnames_totaal, 0) = 0 or pa.gebiedscode is not null
            else r.gemeentecode is not null or gm.gemeentecode is null
        end as deelnemers_bekend,
        case
            when not coalesce(reg.heeft_activiteiten, false) then null
            when p_attributie = 'waar' then coalesce(s.deelnames_totaal, 0)
            when deelnemers_bekend then coalesce(pa.deelnames_geregistreerd, 0)
        end as deelnames,
        case when deelnemers_bekend then coalesce(pa.unieke_deelnemers, 0) end
            as unieke_deelnemers,
    from months
    left join sessions as s on s.gebiedscode = months.gebiedscode and s.maand = months.maand
    left join participants as pa on pa.gebiedscode = months.gebiedscode and pa.maand = months.maand
    left join gemeente_registreert as r on r.gemeentecode = months.gemeentecode
    left join gemeente_maand as gm
        on gm.gemeentecode = months.gemeentecode and gm.maand = months.maand
    left join registraties as reg on reg.gemeentecode = months.gemeentecode
)

select * exclude (deelnemers_bekend) from final
order by gebiedscode, maand
