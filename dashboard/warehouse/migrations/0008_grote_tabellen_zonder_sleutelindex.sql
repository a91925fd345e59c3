-- bijeenkomst and kerncijfers keep their keys through the importer and data assertions, not
-- indexes, like deelname (0004) and deelnemer (0007). Measured at national size
-- (docs/performance.md): their primary keys were ART indexes of 63 MB (1.5 M bijeenkomsten,
-- data 16 MB) and 124 MB (1.3 M kerncijfers, data 8 MB), half of the database file that every
-- write copies to make its new version (dashboard.store). Nothing reads these tables through
-- the index: joins hash. The importer updates rows by key and adds only new keys (under the
-- store's one-writer lock); the assertions bijeenkomst_uniek and kerncijfers_uniek check it.
-- bijeenkomst keeps its foreign key to activiteit (an index of 2 MB).
create table bijeenkomst_nieuw (
    bijeenkomst_id varchar not null,
    activiteit_id varchar not null references activiteit (activiteit_id),
    datum date not null,
    aantal_deelnemers integer not null check (aantal_deelnemers >= 0)
);

insert into bijeenkomst_nieuw
select bijeenkomst_id, activiteit_id, datum, aantal_deelnemers from bijeenkomst;

drop table bijeenkomst;

alter table bijeenkomst_nieuw rename to bijeenkomst;

create table kerncijfers_nieuw (
    gebiedscode varchar not null check (regexp_full_match(gebiedscode, '(GM[0-9]{4}|WK[0-9]{6}|BU[0-9]{8})')),
    jaar integer not null check (jaar between 1990 and 2100),
    indicator varchar not null,
    waarde double
);

insert into kerncijfers_nieuw select gebiedscode, jaar, indicator, waarde from kerncijfers;

drop table kerncijfers;

alter table kerncijfers_nieuw rename to kerncijfers;
