-- CBS codes with capital letters: Amsterdam's wijken and buurten are WK0363AA, BU0363AA01 ...
-- A wijkcode is WK + its gemeente's four digits + two digits or capitals, a buurtcode BU + its
-- wijk's six characters + two digits or capitals (dashboard.domain.codes.CODE_PATTERNS; a test
-- compares these check constraints with it). The parent checks compare characters (substr),
-- so they hold for capitals as they are.
--
-- DuckDB cannot alter a check constraint: every table with a wijk- or buurtcode pattern is
-- made again with the new pattern, every other column, default, key, foreign key and check
-- as before, and its rows copied. DuckDB neither drops nor renames a table that a foreign key
-- refers to, so the tables that refer to wijk or buurt go too: inzet, activiteit (and, as they
-- refer to activiteit, activiteit_partner and bijeenkomst) and indeling_buurt. Their rows are
-- copied aside (tables without constraints), the tables dropped children first, made again
-- parents first and filled from the copies in that order. gemeente and indeling stay: their
-- patterns did not change and they refer to neither wijk nor buurt. kerncijfers and deelnemer
-- have no foreign keys and are made again as in migrations 0007 and 0008.

create table wijk_oud as select * from wijk;
create table buurt_oud as select * from buurt;
create table indeling_buurt_oud as select * from indeling_buurt;
create table inzet_oud as select * from inzet;
create table activiteit_oud as select * from activiteit;
create table activiteit_partner_oud as select * from activiteit_partner;
create table bijeenkomst_oud as select * from bijeenkomst;

drop table bijeenkomst;
-- Migration 0008 made bijeenkomst as bijeenkomst_nieuw and renamed it; DuckDB keeps the old
-- name among the tables that refer to activiteit, and refuses to drop activiteit while it is
-- there ("main key table of the table bijeenkomst_nieuw"). A table of that name made and
-- dropped again takes the entry with it (and changes nothing where there is none).
create table bijeenkomst_nieuw (activiteit_id varchar references activiteit (activiteit_id));
drop table bijeenkomst_nieuw;
drop table activiteit_partner;
drop table activiteit;
drop table inzet;
drop table indeling_buurt;
drop table buurt;
drop table wijk;

create table wijk (
    wijkcode varchar primary key check (regexp_full_match(wijkcode, 'WK[0-9]{4}[0-9A-Z]{2}')),
    naam varchar not null,
    gemeentecode varchar not null references gemeente (gemeentecode),
    geom_wkb blob,
    -- a CBS wijkcode carries its gemeente's four digits
    check (substr(wijkcode, 3, 4) = substr(gemeentecode, 3, 4))
);

create table buurt (
    buurtcode varchar primary key check (regexp_full_match(buurtcode, 'BU[0-9]{4}[0-9A-Z]{4}')),
    naam varchar not null,
    wijkcode varchar not null references wijk (wijkcode),
    geom_wkb blob,
    -- a CBS buurtcode carries its wijk's six characters
    check (substr(buurtcode, 3, 6) = substr(wijkcode, 3, 6))
);

create table indeling_buurt (
    buurtcode varchar primary key references buurt (buurtcode),
    gebiedscode varchar not null references indeling (gebiedscode)
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

-- without a key index since migration 0008; the foreign key to activiteit stays
create table bijeenkomst (
    bijeenkomst_id varchar not null,
    activiteit_id varchar not null references activiteit (activiteit_id),
    datum date not null,
    aantal_deelnemers integer not null check (aantal_deelnemers >= 0)
);

insert into wijk select wijkcode, naam, gemeentecode, geom_wkb from wijk_oud;
insert into buurt select buurtcode, naam, wijkcode, geom_wkb from buurt_oud;
insert into indeling_buurt select buurtcode, gebiedscode from indeling_buurt_oud;
insert into inzet
select
    inzet_id, professional_id, wijkcode, rol, organisatie_id, startdatum, einddatum,
    uren_per_week
from inzet_oud;
insert into activiteit
select
    activiteit_id, naam, type, wijkcode, buurtcode, organisatie_id, is_bewonersinitiatief
from activiteit_oud;
insert into activiteit_partner select activiteit_id, organisatie_id from activiteit_partner_oud;
insert into bijeenkomst
select bijeenkomst_id, activiteit_id, datum, aantal_deelnemers from bijeenkomst_oud;

drop table wijk_oud;
drop table buurt_oud;
drop table indeling_buurt_oud;
drop table inzet_oud;
drop table activiteit_oud;
drop table activiteit_partner_oud;
drop table bijeenkomst_oud;

-- without a key index since migration 0008
create table kerncijfers_nieuw (
    gebiedscode varchar not null check (regexp_full_match(
        gebiedscode, '(GM[0-9]{4}|WK[0-9]{4}[0-9A-Z]{2}|BU[0-9]{4}[0-9A-Z]{4})')),
    jaar integer not null check (jaar between 1990 and 2100),
    indicator varchar not null,
    waarde double
);

insert into kerncijfers_nieuw select gebiedscode, jaar, indicator, waarde from kerncijfers;

drop table kerncijfers;

alter table kerncijfers_nieuw rename to kerncijfers;

-- without a key index since migration 0007
create table deelnemer_nieuw (
    deelnemer_id varchar not null,
    buurtcode varchar check (
        buurtcode is null or regexp_full_match(buurtcode, 'BU[0-9]{4}[0-9A-Z]{4}')),
    leeftijdsgroep varchar check (leeftijdsgroep in (
        '0-11', '12-17', '18-26', '27-44', '45-64', '65-79', '80+')),
    eerste_deelname date
);

insert into deelnemer_nieuw
select deelnemer_id, buurtcode, leeftijdsgroep, eerste_deelname from deelnemer;

drop table deelnemer;

alter table deelnemer_nieuw rename to deelnemer;
