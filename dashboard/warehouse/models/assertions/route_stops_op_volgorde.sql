-- the stops of a route are numbered 1, 2, ... without gaps, in walking order
-- nl: de stops van een route zijn genummerd 1, 2, 3 ... zonder gaten
select route_id, volgnummer, rang
from (
    select route_id, volgnummer, row_number() over (partition by route_id order by volgnummer) as rang
    from route_stop
)
where volgnummer <> rang
