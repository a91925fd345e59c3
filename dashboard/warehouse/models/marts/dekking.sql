-- one row per wijk (or gemeente): opbouwwerk fte in the period, per 10,000 inwoners, need index and quadrant
-- In a gemeente that registers no inzet at all, fte, coverage, zonder_opbouwwerk and the
-- quadrant are NULL (unknown), not 0 (docs/DESIGN.md §5.1, int_gemeente_registraties).
create or replace macro dekking(
    p_start, p_end, p_niveau := 'wijk', p_gemeente := null, p_organisatie := null
) as table

with gebieden as (
    select * from scope_gebieden(p_end, p_niveau, p_gemeente)
),

period as (
    select * from periode(p_start, p_end)
),

inzet_rows as (
    select * from int_inzet
),

-- time-weighted fte: each inzet row counts for the days it lies inside the period
inzet_days as (
    select
        i.wijkcode,
        i.gemeentecode,
        i.fte,
        greatest(
            0,
            least(coalesce(i.einddatum, period.period_end), period.period_end)
                - greatest(i.startdatum, period.period_start) + 1
        ) as days_in_period,
    from inzet_rows as i, period
    where i.rol = 'opbouwwerker'
      and (p_organisatie is null or i.organisatie_id = p_organisatie)
),

fte as (
    select
        gebiedscode_op_niveau(p_niveau, gemeentecode, wijkcode) as gebiedscode,
        sum(inzet_days.fte * inzet_days.days_in_period) / any_value(period.dagen_in_periode)
            as fte_opbouwwerk,
    from inzet_days, period
    group by all
),

need as (
    select gebiedscode, behoefte_index from behoefte_index(p_end, p_niveau, p_gemeente)
),

registraties as (
    select gemeentecode, heeft_inzet, from int_gemeente_registraties
),

measured as (
    select
        g.gebiedscode,
        g.niveau,
        g.naam,
        g.gemeentecode,
        g.inwoners,
        case when r.heeft_inzet then coalesce(fte.fte_opbouwwerk, 0.0) end as fte_opbouwwerk,
        case when r.heeft_inzet and g.inwoners > 0
            then 10000.0 * coalesce(fte.fte_opbouwwerk, 0.0) / g.inwoners end as fte_per_10000,
        need.behoefte_index,
        coalesce(r.heeft_inzet, false) as heeft_inzetgegevens,
    from gebieden as g
    left join fte on fte.gebiedscode = g.gebiedscode
    left join need on need.gebiedscode = g.gebiedscode
    left join registraties as r on r.gemeentecode = g.gemeentecode
),

-- the quadrant splits at the gemeente's medians; "hoog" means strictly above the median
medians as (
    select gemeentecode,
        median(behoefte_index) as mediaan_behoefte,
        median(fte_per_10000) as mediaan_dekking,
    from measured
    group by all
),

final as (
    select
        m.*,
        case
            when m.behoefte_index is null or m.fte_per_10000 is null then null
            -- a code of dashboard.domain.codes.KWADRANTEN; Python adds the Dutch label
            else (case when m.behoefte_index > md.mediaan_behoefte then 'hoge_behoefte' else 'lage_behoefte' end)
                || '_'
                || (case when m.fte_per_10000 > md.mediaan_dekking then 'hoge_dekking' else 'lage_dekking' end)
        end as kwadrant,
        m.fte_opbouwwerk = 0 as zonder_opbouwwerk,
    from measured as m
    left join medians as md on md.gemeentecode = m.gemeentecode
)

select * from final
order by gebiedscode
