-- one row per activiteit, with the area it takes place in at every level (gemeente, wijk, buurt when known, own indeling)
create or replace view int_activiteit as

-- A plain join, without import CTEs: every reach query plans this view (twice, through
-- the bijeenkomsten and the deelnames), and each CTE costs planning time.
select
    a.activiteit_id,
    a.naam,
    a.type,
    a.organisatie_id,
    a.is_bewonersinitiatief,
    wijk.gemeentecode,
    a.wijkcode,
    a.buurtcode,
    ib.eigen_gebiedscode,
from stg_activiteit as a
inner join stg_wijk as wijk on wijk.wijkcode = a.wijkcode
left join stg_indeling_buurt as ib on ib.buurtcode = a.buurtcode
