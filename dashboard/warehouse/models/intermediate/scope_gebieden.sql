-- one row per gebied of the chosen level (and gemeente), with its inwoners in the reference year
create or replace macro scope_gebieden(p_end, p_niveau, p_gemeente) as table

-- One reference date is one venster: the rule lives in scope_gebieden_vensters.
select * exclude (venster)
from scope_gebieden_vensters([p_end::date], p_niveau, p_gemeente)
