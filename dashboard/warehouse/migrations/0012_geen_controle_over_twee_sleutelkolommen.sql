-- No check constraint over two columns of which one is indexed (a key or a foreign key) on a
-- table that others refer to, and no foreign keys from activiteit. DuckDB 2.0 counts every column of such a check as updated, so
-- an update of any column of wijk, buurt or activiteit (a new name, a new CBS geometry) became
-- a delete and insert, which the foreign keys to the row refused ("is still referenced"):
-- re-importing the CBS file of a gemeente with inzet, or an activiteit with bijeenkomsten
-- under a corrected name, failed. (Migration 0011 left such a check off plek for the same
-- reason; indeling keeps its check: replace_indeling deletes and inserts an indeling in two
-- transactions and never updates one.) What the checks said stays true through the importers (the CBS reader refuses a
-- code that is not its parent's; the registration check a buurt outside its wijk) and the
-- assertions wijk_code_van_gemeente, buurt_code_van_wijk and activiteit_buurt_in_wijk.
--
-- DuckDB cannot drop a check constraint, and neither drops nor renames a table that a foreign
-- key refers to: wijk, buurt and activiteit are made again without the check, every other
-- column, default, key, foreign key and check as before, with the tables that refer to them
-- (inzet, indeling_buurt, plek; activiteit_partner, bijeenkomst, plek_activiteit), as
-- migration 0009 did: rows copied aside, tables dropped children first, made again parents
-- first and filled from the copies in that order.

create table wijk_oud as select * from wijk;
create table buurt_oud as select * from buurt;
create table indeling_buurt_oud as select * from indeling_buurt;
create table inzet_oud as select * from inzet;
create table plek_oud as select * from plek;
create table activiteit_oud as select * from activiteit;
create table activiteit_partner_oud as select * from activiteit_partner;
create table plek_activiteit_oud as select * from plek_activiteit;
create table bijeenkomst_oud as select * from bijeenkomst;

drop table bijeenkomst;
drop table plek_activiteit;
drop table activiteit_partner;
drop table activiteit;
drop table plek;
drop table inzet;
drop table indeling_buurt;
drop table buurt;
drop table wijk;

create table wijk (
    wijkcode varchar primary key check (regexp_full_match(wijkcode, 'WK[0-9]{4}[0-9A-Z]{2}')),
    naam varchar not null,
    gemeentecode varchar not null references gemeente (gemeentecode),
    geom_wkb blob
);

create table buurt (
    buurtcode varchar primary key check (regexp_full_match(buurtcode, 'BU[0-9]{4}[0-9A-Z]{4}')),
    naam varchar not null,
    wijkcode varchar not null references wijk (wijkcode),
    geom_wkb blob
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
    check (einddatum is null or startdatum is null or einddatum >= startdatum)
);

-- its references to wijk, buurt and organisatie are no foreign keys any more: an activiteit
-- that moves to another buurt, wijk or organiser is an update of those columns, which DuckDB
-- refuses on a row that bijeenkomsten refer to when the column is indexed, as a foreign key's
-- is. The registration check refuses an unknown code; the assertion activiteit_verwijst
-- checks them (dashboard.warehouse.schema.DECLARED_REFERENCES).
create table activiteit (
    activiteit_id varchar primary key,
    naam varchar not null,
    type varchar not null,
    wijkcode varchar not null,
    -- the buurt where it takes place, when the registration knows it
    buurtcode varchar,
    organisatie_id varchar not null,
    is_bewonersinitiatief boolean not null default false
);

create table activiteit_partner (
    activiteit_id varchar not null references activiteit (activiteit_id),
    organisatie_id varchar not null references organisatie (organisatie_id),
    primary key (activiteit_id, organisatie_id)
);

create table plek_activiteit (
    plek_id varchar not null,
    activiteit_id varchar not null references activiteit (activiteit_id),
    primary key (plek_id, activiteit_id)
);

-- without a key index since migration 0008; the foreign key to activiteit stays
create table bijeenkomst (
    bijeenkomst_id varchar not null,
    activiteit_id varchar not null references activiteit (activiteit_id),
    datum date not null,
    aantal_deelnemers integer not null check (aantal_deelnemers >= 0),
    geregistreerde_deelnames integer not null default 0
);

insert into wijk select wijkcode, naam, gemeentecode, geom_wkb from wijk_oud;
insert into buurt select buurtcode, naam, wijkcode, geom_wkb from buurt_oud;
insert into indeling_buurt select buurtcode, gebiedscode from indeling_buurt_oud;
insert into inzet
select
    inzet_id, professional_id, wijkcode, rol, organisatie_id, startdatum, einddatum,
    uren_per_week
from inzet_oud;
insert into plek
select
    plek_id, gemeentecode, naam, type, lon, lat, buurtcode, beheer, startdatum, einddatum,
    beschrijving
from plek_oud;
insert into activiteit
select
    activiteit_id, naam, type, wijkcode, buurtcode, organisatie_id, is_bewonersinitiatief
from activiteit_oud;
insert into activiteit_partner select activiteit_id, organisatie_id from activiteit_partner_oud;
insert into plek_activiteit select plek_id, activiteit_id from plek_activiteit_oud;
insert into bijeenkomst
select bijeenkomst_id, activiteit_id, datum, aantal_deelnemers, geregistreerde_deelnames
from bijeenkomst_oud;

drop table wijk_oud;
drop table buurt_oud;
drop table indeling_buurt_oud;
drop table inzet_oud;
drop table plek_oud;
drop table activiteit_oud;
drop table activiteit_partner_oud;
drop table plek_activiteit_oud;
drop table bijeenkomst_oud;
