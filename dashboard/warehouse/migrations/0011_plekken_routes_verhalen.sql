-- What a wijk has, beside the numbers (issue 16, docs/DESIGN.md §3 and §4.5): plekken (places,
-- initiatives and partners with a point), routes that residents made (a wijksafari, a walking
-- route) with their ordered stops, and verhalen (short stories and signals per area).
-- Points are WGS84 (lon, lat); an import converts RD New once. A plek's buurt is derived
-- from its point at import; the assertion plek_in_eigen_buurt checks it against the shapes.
-- The code lists are those of dashboard.domain.codes (a test compares them).

create table plek (
    plek_id varchar primary key,
    gemeentecode varchar not null references gemeente (gemeentecode),
    naam varchar not null check (length(trim(naam)) > 0),
    type varchar not null check (type in (
        'buurthuis', 'park', 'speelplek', 'moestuin', 'school', 'gebedshuis', 'winkelcentrum',
        'sportveld', 'bibliotheek', 'zorgpunt', 'complex_corporatie', 'initiatief', 'partner',
        'overig')),
    lon double not null check (lon between -180 and 180),
    lat double not null check (lat between -90 and 90),
    buurtcode varchar references buurt (buurtcode),
    beheer varchar not null check (beheer in ('bewoners', 'organisatie', 'gemeente', 'corporatie')),
    startdatum date,
    einddatum date,
    beschrijving varchar,
    -- no check tying buurtcode to gemeentecode: DuckDB then updates a row as delete and
    -- insert, which the foreign keys to plek refuse; the assertion plek_in_eigen_buurt
    -- checks that the buurt is the gemeente's
    check (einddatum is null or startdatum is null or einddatum >= startdatum)
);

-- References to plek are no foreign keys: DuckDB refuses to update a referenced row's
-- foreign-key column (a plek moved to another buurt on a later import). The assertion
-- plek_verwijzingen_bekend checks them (dashboard.warehouse.schema.DECLARED_REFERENCES).

-- an activiteit that takes place at a plek (most at one; a walking club at several)
create table plek_activiteit (
    plek_id varchar not null,
    activiteit_id varchar not null references activiteit (activiteit_id),
    primary key (plek_id, activiteit_id)
);

create table route (
    route_id varchar primary key,
    gemeentecode varchar not null references gemeente (gemeentecode),
    naam varchar not null check (length(trim(naam)) > 0),
    soort varchar not null check (soort in ('wijksafari', 'wandelroute', 'terrastour', 'overig')),
    datum date,
    gemaakt_door varchar not null check (gemaakt_door in (
        'bewoners', 'bewoners_met_opbouwwerk', 'opbouwwerk', 'organisatie')),
    beschrijving varchar
);

-- the stops of a route in walking order (volgnummer 1, 2, ...); a stop may be a plek
create table route_stop (
    route_id varchar not null references route (route_id),
    volgnummer integer not null check (volgnummer >= 1),
    naam varchar,
    lon double not null check (lon between -180 and 180),
    lat double not null check (lat between -90 and 90),
    plek_id varchar,
    primary key (route_id, volgnummer)
);

-- gebiedscode is a wijk or a buurt (checked by the assertion verhaal_gebied_bekend: one
-- column cannot hold a foreign key to either table)
create table verhaal (
    verhaal_id varchar primary key,
    gemeentecode varchar not null references gemeente (gemeentecode),
    gebiedscode varchar not null check (regexp_full_match(gebiedscode, '(WK[0-9]{4}[0-9A-Z]{2}|BU[0-9]{4}[0-9A-Z]{4})')),
    datum date not null,
    thema varchar not null check (length(trim(thema)) > 0),
    tekst varchar not null check (length(trim(tekst)) > 0 and length(tekst) <= 600),
    bron varchar not null check (bron in ('bewoner', 'professional', 'bijeenkomst')),
    status varchar not null default 'concept' check (status in ('concept', 'gepubliceerd')),
    check (substr(gebiedscode, 3, 4) = substr(gemeentecode, 3, 4))
);
