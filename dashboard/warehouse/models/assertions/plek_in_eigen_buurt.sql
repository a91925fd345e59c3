-- every plek has a buurt of its own gemeente, and its point lies inside that buurt's shape (punt_in_vlak: dashboard.warehouse.checks)
-- nl: elke plek ligt in een buurt van de eigen gemeente, en het punt ligt binnen de vorm van die buurt
select p.plek_id, p.naam, p.lon, p.lat, p.buurtcode
from plek as p
left join buurt as b on b.buurtcode = p.buurtcode
left join wijk as w on w.wijkcode = b.wijkcode
where p.buurtcode is null
    or w.gemeentecode is distinct from p.gemeentecode
    or (b.geom_wkb is not null and not punt_in_vlak(p.lon, p.lat, b.geom_wkb))
