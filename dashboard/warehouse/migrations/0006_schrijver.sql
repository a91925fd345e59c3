-- One row that every write updates first (dashboard.store): two writers of the same
-- database then conflict and the later one is rolled back. A database file already has
-- one writer at a time (a lock file); a MotherDuck database has no such lock, and two
-- imports of the same deelnames file would otherwise both append their rows (deelname has
-- no key index since migration 0004).
create table schrijver (
    id integer primary key check (id = 1),
    schrijfacties bigint not null
);

insert into schrijver values (1, 0);
