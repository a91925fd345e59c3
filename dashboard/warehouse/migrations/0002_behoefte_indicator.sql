-- Need-index configuration (docs/DESIGN.md §5, behoefte_index): which kerncijfers
-- indicators count, with which weight, and in which direction. An
-- administrator may change the rows; the screens show what is used.
-- richting +1: a higher value means more need; -1: a higher value means less.

create table behoefte_indicator (
    indicator varchar primary key,
    gewicht double not null check (gewicht > 0),
    richting integer not null check (richting in (-1, 1)),
    omschrijving varchar not null
);

-- Defaults: the CBS indicators most often used for social need in Dutch
-- area monitors, available per wijk and buurt in the Kerncijfers wijken en buurten.
insert into behoefte_indicator values
    ('percentage_huishoudens_met_laag_inkomen', 0.35, 1, 'Huishoudens met een laag inkomen (%)'),
    ('gemiddeld_inkomen_per_inwoner', 0.25, -1, 'Gemiddeld inkomen per inwoner (x 1.000 euro)'),
    ('percentage_eenpersoonshuishoudens', 0.20, 1, 'Eenpersoonshuishoudens (%)'),
    ('percentage_personen_65_jaar_en_ouder', 0.20, 1, 'Inwoners van 65 jaar en ouder (%)');
