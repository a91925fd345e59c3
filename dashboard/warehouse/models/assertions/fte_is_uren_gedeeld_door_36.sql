-- fte = uren_per_week / 36 for every inzet row
-- nl: fte = uren_per_week / 36 voor elke rij inzet
select inzet_id, uren_per_week, fte
from stg_inzet
where abs(fte - uren_per_week / 36) > 1e-9 or fte is null
