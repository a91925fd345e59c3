-- one figure per gebied, jaar and indicator (the key of kerncijfers)
-- nl: één cijfer per gebied, jaar en indicator (de sleutel van kerncijfers)
select gebiedscode, jaar, indicator, count(*) as n
from kerncijfers
group by gebiedscode, jaar, indicator
having count(*) > 1
