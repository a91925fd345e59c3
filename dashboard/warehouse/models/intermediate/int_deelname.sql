-- one row per deelname, with where it happened (act_*) and where the deelnemer lives (woon_*)
create or replace view int_deelname as

-- The place comes from int_bijeenkomst (a join, no aggregate), so a filter on one gemeente
-- or period reaches the scans. A deelnemer's first deelname (for `nieuw`) is in
-- stg_deelnemer; bereik looks it up only for the deelnemers it needs.
-- A plain join, like int_activiteit: it is planned by every reach query.
select
    d.bijeenkomst_id,
    d.deelnemer_id,
    b.datum,
    b.activiteit_id,
    b.type,
    b.organisatie_id,
    b.gemeentecode as act_gemeentecode,
    b.wijkcode as act_wijkcode,
    b.buurtcode as act_buurtcode,
    b.eigen_gebiedscode as act_eigen_gebiedscode,
    p.woon_gemeentecode,
    p.woon_wijkcode,
    p.woon_buurtcode,
    p.woon_eigen_gebiedscode,
from stg_deelname as d
inner join int_bijeenkomst as b on b.bijeenkomst_id = d.bijeenkomst_id
inner join int_deelnemer as p on p.deelnemer_id = d.deelnemer_id
