-- deelnemer keeps its key through the importer and a data assertion, not an index, like
-- deelname since migration 0004. Measured at national size (docs/performance.md): adding the
-- 143,000 deelnemers of a million-row deelnames file cost 0.13 s of ART-index inserts and
-- 0.09 s of index writing at commit, a tenth of the whole import; nothing reads deelnemer
-- through the index (joins hash). The importer adds only deelnemers that are new (an
-- anti-join under the store's one-writer lock) and updates the others by key; the assertion
-- deelnemer_uniek checks the result. A database made with the first version of migration
-- 0001 still has a foreign key on buurtcode; it gets the current definition here too.
create table deelnemer_nieuw (
    deelnemer_id varchar not null,
    buurtcode varchar check (buurtcode is null or regexp_full_match(buurtcode, 'BU[0-9]{8}')),
    leeftijdsgroep varchar check (leeftijdsgroep in (
        '0-11', '12-17', '18-26', '27-44', '45-64', '65-79', '80+')),
    eerste_deelname date
);

insert into deelnemer_nieuw
select deelnemer_id, buurtcode, leeftijdsgroep, eerste_deelname from deelnemer;

drop table deelnemer;

alter table deelnemer_nieuw rename to deelnemer;
