-- a wijkcode carries its gemeente's four digits (a check constraint until migration 0012)
-- nl: een wijkcode draagt de vier cijfers van haar gemeente
select wijkcode, gemeentecode
from wijk
where substr(wijkcode, 3, 4) <> substr(gemeentecode, 3, 4)
