-- one row per bijeenkomst, with the activiteit's type, organiser and location (and no deelname counts)
create or replace view int_bijeenkomst_plaats as

-- int_bijeenkomst adds the registered deelnames of every bijeenkomst: an aggregate over
-- all deelnames that a filter on one gemeente or period cannot prune. The models that
-- only need the place of a bijeenkomst read this view instead. A plain join, like
-- int_activiteit: it is planned by every reach query.
select
    b.bijeenkomst_id,
    b.activiteit_id,
    b.datum,
    b.aantal_deelnemers,
    a.type,
    a.organisatie_id,
    a.is_bewonersinitiatief,
    a.gemeentecode,
    a.wijkcode,
    a.buurtcode,
    a.eigen_gebiedscode,
from stg_bijeenkomst as b
inner join int_activiteit as a on a.activiteit_id = b.activiteit_id
