-- Raw tables, filled only by importers and the demo generator (docs/DESIGN.md §4).
-- Natural keys are the CBS codes and the source systems' own identifiers.

create table schema_version (
    version integer primary key,
    naam varchar not null,
    toegepast_op timestamp not null default current_timestamp
);

create table gemeente (
    gemeentecode varchar primary key check (regexp_full_match(gemeentecode, 'GM[0-9]{4}')),
    naam varchar not null,
    is_fictief boolean not null default false,
    geom_wkb blob
);

create table wijk (
    wijkcode varchar primary key check (regexp_full_match(wijkcode, 'WK[0-9]{6}')),
    naam varchar not null,
    gemeentecode varchar not null references gemeente (gemeentecode),
    geom_wkb blob,
    -- a CBS wijkcode carries its gemeente's four digits
    check (substr(wijkcode, 3, 4) = substr(gemeentecode, 3, 4))
);

create table buurt (
    buurtcode varchar primary key check (regexp_full_match(buurtcode, 'BU[0-9]{8}')),
    naam varchar not null,
    wijkcode varchar not null references wijk (wijkcode),
    geom_wkb blob,
    check (substr(buurtcode, 3, 6) = substr(wijkcode, 3, 6))
);

-- Long format: one row per gebied per year per indicator (CBS snake_case names).
create table kerncijfers (
    gebiedscode varchar not null check (regexp_full_match(gebiedscode, '(GM[0-9]{4}|WK[0-9]{6}|BU[0-9]{8})')),
    jaar integer not null check (jaar between 1990 and 2100),
    indicator varchar not null,
    waarde double,
    primary key (gebiedscode, jaar, indicator)
);

create table organisatie (
    organisatie_id varchar primary key,
    naam varchar not null,
    soort varchar not null check (soort in (
        'welzijn', 'woningcorporatie', 'buurtteam', 'gemeente', 'politie',
        'zorg', 'onderwijs', 'cultuur', 'bewonersgroep', 'overig'))
);

create table professional (
    professional_id varchar primary key,
    naam varchar not null
);

create table inzet (
    inzet_id varchar primary key,
    professional_id varchar not null references professional (professional_id),
    wijkcode varchar not null references wijk (wijkcode),
    rol varchar not null check (rol in (
        'opbouwwerker', 'maatschappelijk_werker', 'jongerenwerker',
        'wijkagent', 'buurtteam', 'other')),
    organisatie_id varchar not null references organisatie (organisatie_id),
    startdatum date not null,
    einddatum date,
    uren_per_week decimal(5, 2) not null check (uren_per_week > 0 and uren_per_week <= 60),
    check (einddatum is null or einddatum >= startdatum)
);

create table activiteit (
    activiteit_id varchar primary key,
    naam varchar not null,
    type varchar not null,
    wijkcode varchar not null references wijk (wijkcode),
    -- the buurt where it takes place, when the registration knows it
    buurtcode varchar references buurt (buurtcode),
    organisatie_id varchar not null references organisatie (organisatie_id),
    is_bewonersinitiatief boolean not null default false,
    check (buurtcode is null or substr(buurtcode, 3, 6) = substr(wijkcode, 3, 6))
);

create table activiteit_partner (
    activiteit_id varchar not null references activiteit (activiteit_id),
    organisatie_id varchar not null references organisatie (organisatie_id),
    primary key (activiteit_id, organisatie_id)
);

create table bijeenkomst (
    bijeenkomst_id varchar primary key,
    activiteit_id varchar not null references activiteit (activiteit_id),
    datum date not null,
    aantal_deelnemers integer not null check (aantal_deelnemers >= 0)
);

-- deelnemer_id is a salted pseudonym; raw identifiers never reach the database.
-- buurtcode (home) is checked by the importer and a data assertion rather than a
-- foreign key: people move, and DuckDB cannot update a foreign-key column of a row
-- that deelname rows refer to.
create table deelnemer (
    deelnemer_id varchar primary key,
    buurtcode varchar check (buurtcode is null or regexp_full_match(buurtcode, 'BU[0-9]{8}')),
    leeftijdsgroep varchar check (leeftijdsgroep in (
        '0-11', '12-17', '18-26', '27-44', '45-64', '65-79', '80+'))
);

create table deelname (
    bijeenkomst_id varchar not null references bijeenkomst (bijeenkomst_id),
    deelnemer_id varchar not null references deelnemer (deelnemer_id),
    primary key (bijeenkomst_id, deelnemer_id)
);

create sequence import_log_seq;

create table import_log (
    import_id integer primary key default nextval('import_log_seq'),
    bestand varchar not null,
    inhoud_hash varchar,
    tabel varchar not null,
    rijen_toegevoegd bigint not null default 0 check (rijen_toegevoegd >= 0),
    rijen_bijgewerkt bigint not null default 0 check (rijen_bijgewerkt >= 0),
    gebruiker varchar not null,
    tijdstip timestamp not null default current_timestamp,
    resultaat varchar not null check (resultaat in ('geslaagd', 'geweigerd', 'mislukt')),
    melding varchar
);
