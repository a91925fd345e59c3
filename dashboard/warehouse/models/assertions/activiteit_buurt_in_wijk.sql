-- activiteiten with a buurt lie in that buurt's wijk
-- nl: een activiteit met een buurt ligt in de wijk van die buurt
select a.activiteit_id, a.wijkcode, b.wijkcode as buurt_wijkcode
from activiteit as a
inner join buurt as b on b.buurtcode = a.buurtcode
where b.wijkcode <> a.wijkcode
