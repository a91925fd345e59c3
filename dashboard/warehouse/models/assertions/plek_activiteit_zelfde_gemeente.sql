-- an activiteit linked to a plek takes place in the plek's gemeente
-- nl: een activiteit bij een plek vindt plaats in de gemeente van die plek
select pa.plek_id, pa.activiteit_id, p.gemeentecode as plek_gemeente, w.gemeentecode as activiteit_gemeente
from plek_activiteit as pa
inner join plek as p on p.plek_id = pa.plek_id
inner join activiteit as a on a.activiteit_id = pa.activiteit_id
inner join wijk as w on w.wijkcode = a.wijkcode
where w.gemeentecode <> p.gemeentecode
