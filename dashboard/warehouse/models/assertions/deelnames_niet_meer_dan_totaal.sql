-- a bijeenkomst never has more registered deelnames than its aantal_deelnemers
select bijeenkomst_id, aantal_deelnemers, geregistreerde_deelnames
from int_bijeenkomst
where geregistreerde_deelnames > aantal_deelnemers
