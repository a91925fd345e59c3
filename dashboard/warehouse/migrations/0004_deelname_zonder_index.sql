-- deelname keeps its key and references through the importer and data assertions, not indexes.
-- Measured at national size (10 M rows, docs/performance.md): the primary key and the two
-- foreign keys were ART indexes of ~920 MB beside 54 MB of data, 70% of the database file,
-- which every import copies (dashboard.store), and they made loading 1 M rows 15-30x slower.
-- The importer writes only pairs that are new (an anti-join on both columns, under the
-- store's one-writer lock) whose bijeenkomst exists and whose deelnemer it writes in the same
-- transaction; the assertions deelname_uniek and deelname_verwijst check the result.
create table deelname_nieuw (
    bijeenkomst_id varchar not null,
    deelnemer_id varchar not null
);

insert into deelname_nieuw select bijeenkomst_id, deelnemer_id from deelname;

drop table deelname;

alter table deelname_nieuw rename to deelname;
