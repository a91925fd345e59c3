-- one row per activiteit, with its type, organiser and the wijk (and buurt, when known) where it takes place
create or replace view stg_activiteit as

select
    activiteit_id,
    naam,
    type,
    wijkcode,
    buurtcode,
    organisatie_id,
    is_bewonersinitiatief,
from activiteit
