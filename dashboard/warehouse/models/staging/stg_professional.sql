-- one row per professional
-- Names are personal data: only the query API's professional_namen reads them, for a
-- team lead and only for the professionals of their own organisation(s) (docs/DESIGN.md §7).
create or replace view stg_professional as

select professional_id, naam, from professional
