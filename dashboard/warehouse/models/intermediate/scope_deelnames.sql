-- one row per deelname in the period that passes the filters, attributed to a gebied of the chosen level
create or replace macro scope_deelnames(p_start, p_end, p_niveau, p_attributie, p_type, p_organisatie) as table

select
    case
        when p_attributie = 'waar' then gebiedscode_op_niveau(
            p_niveau, act_gemeentecode, act_wijkcode, act_buurtcode, act_eigen_gebiedscode
        )
        -- wie: the home area; an unknown home counts only in the gemeente total
        else gebiedscode_op_niveau(
            p_niveau,
            coalesce(woon_gemeentecode, act_gemeentecode),
            woon_wijkcode,
            woon_buurtcode,
            woon_eigen_gebiedscode
        )
    end as gebiedscode,
    -- the home area at the chosen level, for bereik_per_1000 (same under both attributions)
    gebiedscode_op_niveau(
        p_niveau, woon_gemeentecode, woon_wijkcode, woon_buurtcode, woon_eigen_gebiedscode
    ) as woon_gebiedscode,
    int_deelname.*,
from int_deelname
where datum between p_start::date and p_end::date
    and (p_type is null or type = p_type)
    and (p_organisatie is null or organisatie_id = p_organisatie)
