-- one row per row it is applied to (a scalar macro): the code of the area of level `niveau` that the row lies in
-- The one mapping from a level to a row's area code, for every model that counts per area.
-- 'land' is the whole country as one area (the national view pools its spells); its code
-- is dashboard.domain.codes.NATIONAL. An unknown level, or an area the row lacks, is NULL.
create or replace macro gebiedscode_op_niveau(
    niveau, gemeentecode, wijkcode := null, buurtcode := null, eigen_gebiedscode := null
) as
    case niveau
        when 'land' then 'NL'
        when 'gemeente' then gemeentecode
        when 'wijk' then wijkcode
        when 'buurt' then buurtcode
        when 'eigen' then eigen_gebiedscode
    end
