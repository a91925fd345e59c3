-- one row per route (a wijksafari, a walking route, a terrace tour)
create or replace view stg_route as

select
    route_id,
    gemeentecode,
    naam,
    soort,
    datum,
    gemaakt_door,
    -- made by residents, with or without help of opbouwwerk
    gemaakt_door in ('bewoners', 'bewoners_met_opbouwwerk') as is_van_bewoners,
    beschrijving,
from route
