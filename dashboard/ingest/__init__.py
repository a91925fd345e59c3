"""Getting data in: CBS area files and StatLine figures, registration exports, an own indeling.

An import has two steps, so a user sees the whole report before anything is written:
`prepare` reads and validates a file (nothing written; `indeling.prepare_indeling` for an
own indeling), then `write.commit` writes it in one transaction on a new database version,
through `upsert` (rows by natural key). The readers: `cbs/` (wijk- en buurtkaart files),
`statline` (CBS open data), `registratie/` (templates, reading, column mappings and
validation of registration exports); `pseudonym` makes the salted participant pseudonyms.
"""
