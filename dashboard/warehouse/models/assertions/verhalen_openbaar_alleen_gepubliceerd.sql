-- the verhalen the public sees (the mart verhalen without p_ook_concept) are all published
-- nl: de verhalen die het publiek ziet, zijn allemaal gepubliceerd
select verhaal_id, status
from verhalen()
where status <> 'gepubliceerd'
