-- every route has at least two stops (a route is a line)
-- nl: elke route heeft minstens twee stops
select r.route_id, r.naam, count(s.volgnummer) as stops
from route as r
left join route_stop as s on s.route_id = r.route_id
group by r.route_id, r.naam
having count(s.volgnummer) < 2
