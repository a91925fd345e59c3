-- one row per plek (a place, initiative or partner with a point), with the buurt it lies in
create or replace view stg_plek as

select
    plek_id,
    gemeentecode,
    naam,
    type,
    -- places, initiatives and partners (dashboard.domain.codes.PLEK_SOORT)
    case type when 'initiatief' then 'initiatief' when 'partner' then 'partner' else 'plek' end
        as soort,
    lon,
    lat,
    buurtcode,
    beheer,
    startdatum,
    einddatum,
    beschrijving,
from plek
