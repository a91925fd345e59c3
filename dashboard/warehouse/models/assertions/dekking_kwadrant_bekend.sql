-- kwadrant takes one of the four known values, and fte is never negative
-- nl: het kwadrant is een van de vier bekende waarden, en fte is nooit negatief
select gebiedscode, kwadrant, fte_opbouwwerk
from dekking(date '1900-01-01', date '2100-12-31', p_niveau := 'wijk')
where fte_opbouwwerk < 0
   or (kwadrant is not null and kwadrant not in (
       'hoge_behoefte_lage_dekking', 'hoge_behoefte_hoge_dekking',
       'lage_behoefte_lage_dekking', 'lage_behoefte_hoge_dekking'))
