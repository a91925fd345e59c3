-- A deelnemer's first deelname in all data, kept up to date by every write of deelname or
-- bijeenkomst (dashboard.first_deelname). `nieuw` in bereik needs it for the period's
-- deelnemers; working it out from all deelnames cost every reach query a scan of the whole
-- deelname table (0.24 s at national size). The assertion deelnemer_eerste_deelname checks it.
alter table deelnemer add column eerste_deelname date;

update deelnemer as p
set eerste_deelname = e.eerste
from (
    select d.deelnemer_id, min(b.datum) as eerste
    from deelname as d
    inner join bijeenkomst as b on b.bijeenkomst_id = d.bijeenkomst_id
    group by d.deelnemer_id
) as e
where e.deelnemer_id = p.deelnemer_id;
