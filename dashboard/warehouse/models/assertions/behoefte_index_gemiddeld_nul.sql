-- with weights summing to 1 and every indicator known for every wijk, the need index averages 0 per gemeente
-- nl: als de gewichten samen 1 zijn en elke indicator voor elke wijk bekend is, is de behoefte-index per gemeente gemiddeld 0
with weights as (
    select sum(gewicht) as total, count(*) as n from behoefte_indicator
),
per_gemeente as (
    select gemeentecode, avg(behoefte_index) as gemiddelde, min(indicatoren) as min_indicatoren
    from behoefte_index(date '2100-12-31', p_niveau := 'wijk')
    group by gemeentecode
)
select p.gemeentecode, p.gemiddelde
from per_gemeente as p, weights as w
where abs(w.total - 1) < 1e-9
  and p.min_indicatoren = w.n
  and abs(p.gemiddelde) > 1e-9
