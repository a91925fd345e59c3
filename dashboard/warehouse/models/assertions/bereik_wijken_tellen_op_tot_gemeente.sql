-- over all data, the wijken's deelnames by activity location add up to their gemeente's (every activiteit lies in a wijk)
-- nl: over alle gegevens tellen de deelnames van de wijken (naar de plek van de activiteit) op tot die van hun gemeente (elke activiteit ligt in een wijk)
with wijken as (
    select gemeentecode, sum(deelnames)::bigint as deelnames
    from bereik(date '1900-01-01', date '2100-12-31', p_niveau := 'wijk')
    group by gemeentecode
),
gemeenten as (
    select gebiedscode as gemeentecode, deelnames
    from bereik(date '1900-01-01', date '2100-12-31', p_niveau := 'gemeente')
)
select g.gemeentecode, g.deelnames, w.deelnames as som_wijken
from gemeenten as g
left join wijken as w on w.gemeentecode = g.gemeentecode
where g.deelnames <> coalesce(w.deelnames, 0)
