-- one row per gebied of the chosen level per month of the period: bijeenkomsten, deelnames and unique participants (trend)
create or replace macro bereik_per_maand(
    p_start, p_end, p_niveau := 'wijk', p_attributie := 'waar',
    p_gemeente := null, p_type := null, p_organisatie := null
) as table

with gebieden as (
    select gebiedscode from scope_gebieden(p_end, p_niveau, p_gemeente)
),

sessions as (
    select gebiedscode, date_trunc('month', datum)::date as maand,
        count(*)::bigint as bijeenkomsten, sum(deelnames)::bigint as deelnames_totaal,
    from scope_bijeenkomsten(p_start, p_end, p_niveau, p_gemeente, p_type, p_organisatie)
    group by all
),

-- the deelnames a gemeente's areas can count (waar and wie)
deelnames as (
    select *
    from scope_deelnames_gemeente(
        p_start, p_end, p_niveau, p_attributie, p_gemeente, p_type, p_organisatie
    )
),

participants as (
    select gebiedscode, date_trunc('month', datum)::date as maand,
        count(*)::bigint as deelnames_geregistreerd,
        count(distinct deelnemer_id)::bigint as unieke_deelnemers,
    from deelnames
    group by all
),

months as (
    select gebieden.gebiedscode, m.maand::date as maand,
    from gebieden,
        range(date_trunc('month', p_start::date), p_end::date + 1, interval 1 month) as m(maand)
),

final as (
    select
        months.gebiedscode,
        months.maand,
        coalesce(s.bijeenkomsten, 0) as bijeenkomsten,
        case when p_attributie = 'waar' then coalesce(s.deelnames_totaal, 0)
            else coalesce(pa.deelnames_geregistreerd, 0) end as deelnames,
        coalesce(pa.unieke_deelnemers, 0) as unieke_deelnemers,
    from months
    left join sessions as s on s.gebiedscode = months.gebiedscode and s.maand = months.maand
    left join participants as pa on pa.gebiedscode = months.gebiedscode and pa.maand = months.maand
)

select * from final
order by gebiedscode, maand
