-- one row per gebied of the chosen level: reach in the period under one attribution (waar or wie)
-- One period is one venster: the metrics are defined once, in bereik_vensters.
create or replace macro bereik(
    p_start, p_end, p_niveau := 'wijk', p_attributie := 'waar',
    p_gemeente := null, p_type := null, p_organisatie := null
) as table

select * exclude (venster)
from bereik_vensters(
    [p_start::date], [p_end::date], p_niveau := p_niveau, p_attributie := p_attributie,
    p_gemeente := p_gemeente, p_type := p_type, p_organisatie := p_organisatie
)
