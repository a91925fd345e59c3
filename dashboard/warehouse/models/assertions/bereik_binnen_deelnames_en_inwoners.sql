-- over all data, at every level and under both attributions, no area has more unique participants than deelnames, nor a reach above 1,000 per 1,000 inwoners
-- nl: over alle gegevens, op elk niveau en bij beide attributies (waar en wie), heeft geen gebied meer unieke deelnemers dan deelnames, en geen bereik boven 1.000 per 1.000 inwoners
-- An export may register more deelnemers for a bijeenkomst than its total says; the
-- metrics then count the registered number (docs/DESIGN.md §5.1), so this holds whatever
-- an import accepted.
with bereik_overal as (
    select * from bereik(date '1900-01-01', date '2100-12-31', p_niveau := 'gemeente', p_attributie := 'waar')
    union all
    select * from bereik(date '1900-01-01', date '2100-12-31', p_niveau := 'gemeente', p_attributie := 'wie')
    union all
    select * from bereik(date '1900-01-01', date '2100-12-31', p_niveau := 'wijk', p_attributie := 'waar')
    union all
    select * from bereik(date '1900-01-01', date '2100-12-31', p_niveau := 'wijk', p_attributie := 'wie')
    union all
    select * from bereik(date '1900-01-01', date '2100-12-31', p_niveau := 'buurt', p_attributie := 'waar')
    union all
    select * from bereik(date '1900-01-01', date '2100-12-31', p_niveau := 'buurt', p_attributie := 'wie')
    union all
    select * from bereik(date '1900-01-01', date '2100-12-31', p_niveau := 'eigen', p_attributie := 'waar')
    union all
    select * from bereik(date '1900-01-01', date '2100-12-31', p_niveau := 'eigen', p_attributie := 'wie')
)
select niveau, attributie, gebiedscode, deelnames, unieke_deelnemers, inwoners, bereik_per_1000
from bereik_overal
where unieke_deelnemers > deelnames or bereik_per_1000 > 1000
