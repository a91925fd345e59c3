-- kerncijfers rows must belong to a known gemeente, wijk or buurt
-- nl: elke rij kerncijfers hoort bij een bekende gemeente, wijk of buurt
select k.gebiedscode, k.jaar, k.indicator
from kerncijfers as k
left join int_gebied as g on g.gebiedscode = k.gebiedscode
where g.gebiedscode is null
