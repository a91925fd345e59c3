-- A bijeenkomst's number of deelname rows, kept up to date by every write of deelname rows
-- (dashboard.warehouse.registered_deelnames). The reach metrics count the larger of it and
-- aantal_deelnemers (docs/DESIGN.md §5.1: an export may register more people than the
-- total says); counting it from all deelnames cost every reach query a second scan of the
-- deelname table (0.3 s for the country at national size). The assertion
-- bijeenkomst_geregistreerde_deelnames checks it.
alter table bijeenkomst add column geregistreerde_deelnames integer not null default 0;

update bijeenkomst as b
set geregistreerde_deelnames = r.geregistreerd
from (
    select bijeenkomst_id, count(*) as geregistreerd
    from deelname
    group by bijeenkomst_id
) as r
where r.bijeenkomst_id = b.bijeenkomst_id;
