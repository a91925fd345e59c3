-- one row per bijeenkomst in the period that passes the filters, with the gebiedscode of its location at the chosen level
create or replace macro scope_bijeenkomsten(p_start, p_end, p_niveau, p_type, p_organisatie) as table

select
    case p_niveau
        when 'gemeente' then gemeentecode
        when 'wijk' then wijkcode
        when 'buurt' then buurtcode
        when 'eigen' then eigen_gebiedscode
    end as gebiedscode,
    stg_bijeenkomst_plaats.*,
from stg_bijeenkomst_plaats
where datum between p_start::date and p_end::date
  and (p_type is null or type = p_type)
  and (p_organisatie is null or organisatie_id = p_organisatie)
