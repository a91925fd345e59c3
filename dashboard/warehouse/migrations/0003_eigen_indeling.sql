-- A gemeente's own area division (stadsdelen, gebieden...) as an extra level made
-- of CBS buurten (docs/DESIGN.md §4). Codes are made by the importer: EG + the gemeente's
-- four digits + a three-digit sequence number.

create table indeling (
    gebiedscode varchar primary key check (regexp_full_match(gebiedscode, 'EG[0-9]{7}')),
    naam varchar not null,
    gemeentecode varchar not null references gemeente (gemeentecode),
    indeling varchar not null,
    geom_wkb blob,
    check (substr(gebiedscode, 3, 4) = substr(gemeentecode, 3, 4))
);

create table indeling_buurt (
    buurtcode varchar primary key references buurt (buurtcode),
    gebiedscode varchar not null references indeling (gebiedscode)
);
