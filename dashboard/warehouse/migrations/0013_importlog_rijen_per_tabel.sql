-- What an import wrote, per table: rijen_toegevoegd and rijen_bijgewerkt sum all tables, so a
-- deelnames export of 1,000 rows with 200 new participants said "1.200 nieuw" in the import
-- history. JSON text, one entry per table the import changed: {"deelname": [nieuw,
-- bijgewerkt, verwijderd], ...}; NULL for the imports logged before this migration (the
-- history then shows their sums, saying so).
alter table import_log add column rijen_per_tabel varchar;
