-- one row per deelname in the period that passes the filters, attributed to a gebied of the chosen level
create or replace macro scope_deelnames(p_start, p_end, p_niveau, p_attributie, p_type, p_organisatie) as table

select
    case
        when p_attributie = 'waar' then
            case p_niveau
                when 'gemeente' then act_gemeentecode
                when 'wijk' then act_wijkcode
                when 'buurt' then act_buurtcode
                when 'eigen' then act_eigen_gebiedscode
            end
        -- wie: the home area; an unknown home counts only in the gemeente total
        when p_niveau = 'gemeente' then coalesce(woon_gemeentecode, act_gemeentecode)
        when p_niveau = 'wijk' then woon_wijkcode
        when p_niveau = 'buurt' then woon_buurtcode
        when p_niveau = 'eigen' then woon_eigen_gebiedscode
    end as gebiedscode,
    -- the home area at the chosen level, for bereik_per_1000 (same under both attributions)
    case p_niveau
        when 'gemeente' then woon_gemeentecode
        when 'wijk' then woon_wijkcode
        when 'buurt' then woon_buurtcode
        when 'eigen' then woon_eigen_gebiedscode
    end as woon_gebiedscode,
    stg_deelname.*,
from stg_deelname
where datum between p_start::date and p_end::date
  and (p_type is null or type = p_type)
  and (p_organisatie is null or organisatie_id = p_organisatie)
