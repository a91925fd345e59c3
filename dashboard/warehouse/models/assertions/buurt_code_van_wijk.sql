-- a buurtcode carries its wijk's six characters (a check constraint until migration 0012)
-- nl: een buurtcode draagt de zes tekens van haar wijk
select buurtcode, wijkcode
from buurt
where substr(buurtcode, 3, 6) <> substr(wijkcode, 3, 6)
