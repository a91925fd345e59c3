-- one figure per gebied, jaar and indicator (the key of kerncijfers)
select gebiedscode, jaar, indicator, count(*) as n
from kerncijfers
group by gebiedscode, jaar, indicator
having count(*) > 1
