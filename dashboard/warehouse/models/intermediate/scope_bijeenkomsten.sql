-- one row per bijeenkomst in the period that passes the filters and lies in an area of the chosen level, with that area's gebiedscode and the deelnames it counts for
-- Only sessions held in the gemeente count for its areas; filtering on the gemeente here
-- (not only through a join with its areas) lets one gemeente read its own rows, not the
-- country's. A bijeenkomst without an area at the level (no buurt known, no own indeling)
-- counts for none.
create or replace macro scope_bijeenkomsten(
    p_start, p_end, p_niveau, p_gemeente, p_type, p_organisatie
) as table

select
    gebiedscode_op_niveau(p_niveau, gemeentecode, wijkcode, buurtcode, eigen_gebiedscode)
        as gebiedscode,
    int_bijeenkomst.*,
from int_bijeenkomst
where datum between p_start::date and p_end::date
    and (p_gemeente is null or gemeentecode = p_gemeente)
    and (p_type is null or type = p_type)
    and (p_organisatie is null or organisatie_id = p_organisatie)
    and gebiedscode is not null
