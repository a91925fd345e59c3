-- one row per stop of a route, in walking order (volgnummer)
create or replace view stg_route_stop as

select
    route_id,
    volgnummer,
    naam,
    lon,
    lat,
    plek_id,
from route_stop
