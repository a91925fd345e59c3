-- one row per bijeenkomst, with the activiteit's type, organiser and location, and the deelnames it counts for
create or replace view int_bijeenkomst as

-- A plain join, like int_activiteit: it is planned by every reach query. The registered
-- deelnames are stored with the bijeenkomst (stg_bijeenkomst), so a filter on one gemeente
-- or period still reaches the scans: no aggregate over all deelnames.
select
    b.bijeenkomst_id,
    b.activiteit_id,
    b.datum,
    b.aantal_deelnemers,
    b.geregistreerde_deelnames,
    -- docs/DESIGN.md §5.1: a bijeenkomst counts the larger of its total and its registered
    -- deelname rows (an export may register more people than the total says), so no area
    -- has more unique participants than deelnames
    greatest(b.aantal_deelnemers, b.geregistreerde_deelnames) as deelnames,
    a.type,
    a.organisatie_id,
    a.is_bewonersinitiatief,
    a.gemeentecode,
    a.wijkcode,
    a.buurtcode,
    a.eigen_gebiedscode,
from stg_bijeenkomst as b
inner join int_activiteit as a on a.activiteit_id = b.activiteit_id
