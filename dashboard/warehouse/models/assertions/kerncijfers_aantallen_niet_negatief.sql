-- counts in the kerncijfers (inwoners, huishoudens) are never negative (CBS secret codes become NULL)
select gebiedscode, jaar, indicator, waarde
from kerncijfers
where indicator in ('aantal_inwoners', 'aantal_huishoudens') and waarde < 0
