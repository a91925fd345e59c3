-- counts in the kerncijfers (inwoners, huishoudens) are never negative (CBS secret codes become NULL)
-- nl: aantallen in de kerncijfers (inwoners, huishoudens) zijn nooit negatief (de CBS-codes voor geheim worden leeg)
select gebiedscode, jaar, indicator, waarde
from kerncijfers
where indicator in ('aantal_inwoners', 'aantal_huishoudens') and waarde < 0
