-- every plek an activiteit link or a route stop names exists (references without a foreign key, migration 0011)
-- nl: elke plek waar een activiteit of een routestop naar verwijst, bestaat
select 'plek_activiteit' as tabel, pa.plek_id
from plek_activiteit as pa
where not exists (select 1 from plek as p where p.plek_id = pa.plek_id)
union all
select 'route_stop' as tabel, s.plek_id
from route_stop as s
where s.plek_id is not null and not exists (select 1 from plek as p where p.plek_id = s.plek_id)
