-- every wijk, buurt and organisatie an activiteit names exists (references without a foreign key, migration 0012)
-- nl: elke wijk, buurt en organisatie waar een activiteit naar verwijst, bestaat
select 'wijk' as tabel, a.activiteit_id, a.wijkcode as code
from activiteit as a
where not exists (select 1 from wijk as w where w.wijkcode = a.wijkcode)
union all
select 'buurt' as tabel, a.activiteit_id, a.buurtcode as code
from activiteit as a
where a.buurtcode is not null and not exists (select 1 from buurt as b where b.buurtcode = a.buurtcode)
union all
select 'organisatie' as tabel, a.activiteit_id, a.organisatie_id as code
from activiteit as a
where not exists (select 1 from organisatie as o where o.organisatie_id = a.organisatie_id)
