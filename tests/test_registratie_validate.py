"""Validating registration exports: good files in every format, one broken file per problem class,
typed raw-table rows, pseudonymisation and the Dutch report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd
import pytest

from dashboard import i18n
from dashboard.ingest.registratie import (
    DUBBEL,
    DUBBELE_DEELNAME,
    DUBBELE_INZET,
    KIND_TABLES,
    KINDS,
    TABLE_COLUMNS,
    KnownCodes,
    Problem,
    Validated,
    dubbel,
    extend_known,
    field_names,
    load_known_codes,
    read_export,
    report_frame,
    suggest_mapping,
    template_csv,
    template_xlsx,
    validate,
)
from dashboard.ingest.registratie.problems import (
    REDEN_ACTIVITEIT_ONBEKEND,
    REDEN_BEWONERSINITIATIEF,
    REDEN_BIJEENKOMST_ONBEKEND,
    REDEN_BOVEN_KOLOMNAMEN,
    REDEN_BUURT_NIET_IN_WIJK,
    REDEN_BUURT_ONBEKEND,
    REDEN_BUURT_ONGELDIG,
    REDEN_DATUM,
    REDEN_DATUM_BESTAAT_NIET,
    REDEN_DEELNEMER_VERSCHILT,
    REDEN_EINDE_VOOR_START,
    REDEN_GEEN_RIJEN,
    REDEN_GEHEEL_GETAL,
    REDEN_GETAL,
    REDEN_JAARTAL,
    REDEN_KOLOM_ONTBREEKT,
    REDEN_KOLOM_WEG,
    REDEN_LEEFTIJDSGROEP,
    REDEN_LEEG,
    REDEN_NAAM_VERSCHILT,
    REDEN_NEGATIEF,
    REDEN_ORGANISATIE_NIEUW,
    REDEN_ORGANISATIE_ONBEKEND,
    REDEN_ORGANISATIE_VERSCHILT,
    REDEN_PARTNER_ONBEKEND,
    REDEN_ROL,
    REDEN_SOORT,
    REDEN_TOEKOMST,
    REDEN_UREN,
    REDEN_WIJK_ONBEKEND,
    REDEN_WIJK_ONGELDIG,
    REDEN_WOONBUURT_ONBEKEND,
    REDENEN,
    TYPE_LIJKT_OP,
    shown_reason,
)
from tests.fixtures.registratie import (
    BASE,
    GOOD,
    KNOWN,
    RAW_IDS,
    VARIANTS,
    build_variant,
    csv_bytes,
    pseudonymise,
)
from tests.helpers import insert

F = "export.csv"


def fout(rij, kolom, waarde, reden) -> Problem:
    return Problem(F, rij, kolom, waarde, reden, "fout")


def waarschuwing(rij, kolom, waarde, reden) -> Problem:
    return Problem(F, rij, kolom, waarde, reden, "waarschuwing")


def check(
    kind: str, data: bytes, /, filename: str = F, mapping=None, known=KNOWN, **read
) -> Validated:
    """Read, map (suggested unless given) and validate, as the import screen does."""
    raw = read_export(data, filename, **read)
    if mapping is None:
        mapping = suggest_mapping(kind, raw.columns)
    return validate(kind, raw, mapping, known, pseudonymise)


def edited(kind: str, edits: list[tuple[int, str, str]]) -> bytes:
    """BASE of a kind as `;` CSV with cells replaced: (Excel row, field, new value)."""
    header, rows = BASE[kind]
    rows = [list(r) for r in rows]
    for rij, name, value in edits:
        rows[rij - 2][header.index(name)] = value
    return csv_bytes(header, rows)


def records(v: Validated, table: str) -> list[dict]:
    """The table's rows; an Arrow text's missing value (an empty cell) as None."""
    frame = v.tables[table].copy()
    for column in [c for c in frame.columns if isinstance(frame[c].dtype, pd.ArrowDtype)]:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame.to_dict("records")


# --- good files ------------------------------------------------------------------------

P = pseudonymise
EXPECTED_TABLES = {
    "inzet": {
        "organisatie": [
            {"organisatie_id": "ORG-NEW", "naam": "Café De Brug", "soort": "bewonersgroep"}
        ],
        "professional": [
            {"professional_id": "PRO-1", "naam": "Anouk de Vries"},
            {"professional_id": "PRO-2", "naam": "Daniël Öztürk"},
        ],
        "inzet": [
            {
                "inzet_id": "INZ-1",
                "professional_id": "PRO-1",
                "wijkcode": "WK026801",
                "rol": "opbouwwerker",
                "organisatie_id": "ORG-WZL",
                "startdatum": date(2023, 3, 1),
                "einddatum": None,
                "uren_per_week": 24.5,
            },
            {
                "inzet_id": "PRO-2|WK026802|maatschappelijk_werker|2024-01-15",
                "professional_id": "PRO-2",
                "wijkcode": "WK026802",
                "rol": "maatschappelijk_werker",
                "organisatie_id": "ORG-NEW",
                "startdatum": date(2024, 1, 15),
                "einddatum": date(2024, 12, 31),
                "uren_per_week": 36.0,
            },
            {
                "inzet_id": "INZ-3",
                "professional_id": "PRO-1",
                "wijkcode": "WK026802",
                "rol": "jongerenwerker",
                "organisatie_id": "ORG-WZL",
                "startdatum": date(2022, 9, 1),
                "einddatum": date(2023, 8, 31),
                "uren_per_week": 12.5,
            },
        ],
    },
    "activiteiten": {
        "organisatie": [{"organisatie_id": "ORG-NEW2", "naam": "Café De Brug", "soort": "cultuur"}],
        "activiteit": [
            {
                "activiteit_id": "ACT-1",
                "naam": "Pop-up terras Oosterpoort-Zuid",
                "type": "pop-up terras",
                "wijkcode": "WK026801",
                "buurtcode": "BU02680101",
                "organisatie_id": "ORG-WZL",
                "is_bewonersinitiatief": True,
            },
            {
                "activiteit_id": "ACT-2",
                "naam": "Naïma's taalcafé",
                "type": "taalcafé",
                "wijkcode": "WK026802",
                "buurtcode": None,
                "organisatie_id": "ORG-NEW2",
                "is_bewonersinitiatief": False,
            },
        ],
        "activiteit_partner": [
            {"activiteit_id": "ACT-1", "organisatie_id": "ORG-WC1"},
            {"activiteit_id": "ACT-1", "organisatie_id": "ORG-NEW2"},
        ],
    },
    "bijeenkomsten": {
        "bijeenkomst": [
            {
                "bijeenkomst_id": "BK-1",
                "activiteit_id": "ACT-1",
                "datum": date(2024, 6, 14),
                "aantal_deelnemers": 23,
            },
            {
                "bijeenkomst_id": "BK-2",
                "activiteit_id": "ACT-1",
                "datum": date(2024, 6, 21),
                "aantal_deelnemers": 0,
            },
            {
                "bijeenkomst_id": "BK-3",
                "activiteit_id": "ACT-2",
                "datum": date(2024, 7, 1),
                "aantal_deelnemers": 112,
            },
        ]
    },
    "deelnames": {
        "deelnemer": [
            {"deelnemer_id": P("100234"), "buurtcode": "BU02680101", "leeftijdsgroep": "27-44"},
            {"deelnemer_id": P("100235"), "buurtcode": None, "leeftijdsgroep": None},
            {"deelnemer_id": P("K-00042"), "buurtcode": "BU02680201", "leeftijdsgroep": "80+"},
        ],
        "deelname": [
            {"bijeenkomst_id": "BK-1", "deelnemer_id": P("100234")},
            {"bijeenkomst_id": "BK-1", "deelnemer_id": P("100235")},
            {"bijeenkomst_id": "BK-2", "deelnemer_id": P("100234")},
            {"bijeenkomst_id": "BK-2", "deelnemer_id": P("K-00042")},
        ],
    },
}
# (row, field) of the one warning a good file carries: a new organisation it adds
EXPECTED_WARNINGS = {
    "inzet": [(3, "organisatie_id", "ORG-NEW")],
    "activiteiten": [(3, "organisatie_id", "ORG-NEW2")],
    "bijeenkomsten": [],
    "deelnames": [],
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", KINDS)
def test_good_file_in_every_format_gives_the_expected_tables(kind, variant):
    data, filename, kwargs = build_variant(variant, kind)
    v = check(kind, data, filename, **kwargs)
    assert v.ok
    assert v.problems == [
        Problem(filename, rij, kolom, waarde, REDEN_ORGANISATIE_NIEUW, "waarschuwing")
        for rij, kolom, waarde in EXPECTED_WARNINGS[kind]
    ]
    assert list(v.tables) == list(KIND_TABLES[kind])
    assert {table: records(v, table) for table in v.tables} == EXPECTED_TABLES[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_tables_have_the_raw_columns_in_order_and_python_types(kind):
    v = check(kind, csv_bytes(*GOOD[kind]))
    for table, frame in v.tables.items():
        assert list(frame.columns) == [c for c, _ in TABLE_COLUMNS[table]]
        for column, dtype in TABLE_COLUMNS[table]:
            assert str(frame[column].dtype) == dtype
    if kind == "inzet":
        start = v.tables["inzet"]["startdatum"].iloc[0]
        assert type(start) is date
    if kind == "bijeenkomsten":
        assert type(v.tables["bijeenkomst"]["aantal_deelnemers"].tolist()[0]) is int


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_round_trip_is_ok(kind, fmt):
    data = template_csv(kind) if fmt == "csv" else template_xlsx(kind)
    v = check(kind, data, f"sjabloon.{fmt}", kind=kind)
    assert (v.ok, v.problems) == (True, [])
    rows = sum(len(frame) for frame in v.tables.values())
    assert rows == {"inzet": 2, "activiteiten": 3, "bijeenkomsten": 1, "deelnames": 2}[kind]


def test_template_example_values_arrive_typed():
    v = check("inzet", template_xlsx("inzet"), "sjabloon.xlsx", kind="inzet")
    assert records(v, "inzet") == [
        {
            "inzet_id": "INZ-0001",
            "professional_id": "PRO-101",
            "wijkcode": "WK026801",
            "rol": "opbouwwerker",
            "organisatie_id": "ORG-WZL",
            "startdatum": date(2023, 3, 1),
            "einddatum": date(2025, 12, 31),
            "uren_per_week": 24.5,
        }
    ]


# --- one broken file per problem class -------------------------------------------------

BROKEN = [
    # empty required values
    pytest.param(
        "inzet",
        [(3, "professional_naam", "")],
        [fout(3, "professional_naam", "", REDEN_LEEG)],
        id="leeg-naam",
    ),
    pytest.param(
        "deelnames",
        [(2, "deelnemer_id", "")],
        [fout(2, "deelnemer_id", "", REDEN_LEEG)],
        id="leeg-deelnemer",
    ),
    pytest.param(
        "activiteiten",
        [(3, "bewonersinitiatief", "")],
        [fout(3, "bewonersinitiatief", "", REDEN_LEEG)],
        id="leeg-bewonersinitiatief",
    ),
    # dates: unreadable; written as a date of a day that does not exist (said so, not
    # "onleesbaar; gebruik dd-mm-jjjj": a data steward's walk typed 31-11-2026 in that very
    # form); a year typo (2206 for 2026 opened every screen on the year 2206)
    *(
        pytest.param(
            kind,
            [(rij, name, value)],
            [fout(rij, name, value, reden)],
            id=f"datum-{value}",
        )
        for kind, rij, name, value, reden in [
            ("bijeenkomsten", 2, "datum", "morgen", REDEN_DATUM),
            ("inzet", 2, "startdatum", "1-3-23", REDEN_DATUM),
            ("bijeenkomsten", 3, "datum", "14.06.2024", REDEN_DATUM),
            ("inzet", 2, "startdatum", "31-02-2024", REDEN_DATUM_BESTAAT_NIET),
            ("inzet", 3, "einddatum", "2024-13-01", REDEN_DATUM_BESTAAT_NIET),
            ("bijeenkomsten", 2, "datum", "31-11-2024", REDEN_DATUM_BESTAAT_NIET),
            ("bijeenkomsten", 2, "datum", "01-11-2206", REDEN_JAARTAL),
            ("bijeenkomsten", 3, "datum", "01-11-1926", REDEN_JAARTAL),
            ("inzet", 2, "startdatum", "1999-12-31", REDEN_JAARTAL),
        ]
    ),
    # numbers
    pytest.param(
        "inzet",
        [(2, "uren_per_week", "twaalf")],
        [fout(2, "uren_per_week", "twaalf", REDEN_GETAL)],
        id="getal-twaalf",
    ),
    *(
        pytest.param(
            "bijeenkomsten",
            [(2, "aantal_deelnemers", value)],
            [fout(2, "aantal_deelnemers", value, REDEN_GEHEEL_GETAL)],
            id=f"geheel-getal-{value}",
        )
        for value in ("twaalf", "12,5", "1.23")
    ),
    pytest.param(
        "bijeenkomsten",
        [(3, "aantal_deelnemers", "-3")],
        [fout(3, "aantal_deelnemers", "-3", REDEN_NEGATIEF)],
        id="negatief",
    ),
    *(
        pytest.param(
            "inzet",
            [(2, "uren_per_week", value)],
            [fout(2, "uren_per_week", value, REDEN_UREN)],
            id=f"uren-{value}",
        )
        for value in ("0", "60,5", "-4", "0,0")
    ),
    pytest.param(
        "inzet",
        [(3, "einddatum", "14-01-2024")],
        [fout(3, "einddatum", "14-01-2024", REDEN_EINDE_VOOR_START)],
        id="einde-voor-start",
    ),
    pytest.param(
        "inzet",
        [(2, "rol", "teamleider")],
        [fout(2, "rol", "teamleider", REDEN_ROL)],
        id="rol",
    ),
    # areas
    pytest.param(
        "inzet",
        [(2, "wijkcode", "WK026899")],
        [fout(2, "wijkcode", "WK026899", REDEN_WIJK_ONBEKEND)],
        id="wijk-onbekend",
    ),
    pytest.param(
        "activiteiten",
        [(2, "wijkcode", "Oosterpoort-Zuid")],
        [fout(2, "wijkcode", "Oosterpoort-Zuid", REDEN_WIJK_ONGELDIG)],
        id="wijk-ongeldig",
    ),
    pytest.param(
        "activiteiten",
        [(2, "buurtcode", "BU02680199")],
        [fout(2, "buurtcode", "BU02680199", REDEN_BUURT_ONBEKEND)],
        id="buurt-onbekend",
    ),
    pytest.param(
        "activiteiten",
        [(2, "buurtcode", "BU123")],
        [fout(2, "buurtcode", "BU123", REDEN_BUURT_ONGELDIG)],
        id="buurt-ongeldig",
    ),
    pytest.param(
        "activiteiten",
        [(2, "buurtcode", "BU02680201")],
        [fout(2, "buurtcode", "BU02680201", REDEN_BUURT_NIET_IN_WIJK)],
        id="buurt-niet-in-wijk",
    ),
    pytest.param(
        "deelnames",
        [(2, "woonbuurt", "Centrum")],
        [fout(2, "woonbuurt", "Centrum", REDEN_BUURT_ONGELDIG)],
        id="woonbuurt-ongeldig",
    ),
    pytest.param(
        "deelnames",
        [(2, "woonbuurt", "BU03630101")],
        [waarschuwing(2, "woonbuurt", "BU03630101", REDEN_WOONBUURT_ONBEKEND)],
        id="woonbuurt-onbekend",
    ),
    # organisations
    pytest.param(
        "inzet",
        [(2, "organisatie_id", "ORG-X")],
        [fout(2, "organisatie_id", "ORG-X", REDEN_ORGANISATIE_ONBEKEND)],
        id="organisatie-onbekend",
    ),
    pytest.param(
        "activiteiten",
        [(2, "organisatie_id", "ORG-X"), (2, "organisatie_naam", "Buurthuis De Linde")],
        [fout(2, "organisatie_id", "ORG-X", REDEN_ORGANISATIE_ONBEKEND)],
        id="organisatie-onbekend-zonder-soort",
    ),
    pytest.param(
        "inzet",
        [
            (2, "organisatie_id", "ORG-X"),
            (2, "organisatie_naam", "Café De Brug"),
            (2, "organisatie_soort", "Cultuur"),
        ],
        [waarschuwing(2, "organisatie_id", "ORG-X", REDEN_ORGANISATIE_NIEUW)],
        id="organisatie-nieuw",
    ),
    pytest.param(
        "activiteiten",
        [
            (2, "organisatie_id", "ORG-X"),
            (2, "organisatie_naam", "Bakkerij Jansen"),
            (2, "organisatie_soort", "bakkerij"),
        ],
        [fout(2, "organisatie_soort", "bakkerij", REDEN_SOORT)],
        id="soort-onbekend",
    ),
    pytest.param(
        "inzet",
        [(3, "organisatie_soort", "bakkerij")],
        [fout(3, "organisatie_soort", "bakkerij", REDEN_SOORT)],
        id="soort-onbekend-bij-bekende-organisatie",
    ),
    pytest.param(
        "activiteiten",
        [(2, "partners", "ORG-WC1|ORG-ZZ")],
        [fout(2, "partners", "ORG-ZZ", REDEN_PARTNER_ONBEKEND)],
        id="partner-onbekend",
    ),
    pytest.param(
        "activiteiten",
        [(2, "bewonersinitiatief", "misschien")],
        [fout(2, "bewonersinitiatief", "misschien", REDEN_BEWONERSINITIATIEF)],
        id="bewonersinitiatief",
    ),
    # references to the database
    pytest.param(
        "bijeenkomsten",
        [(2, "activiteit_id", "ACT-99")],
        [fout(2, "activiteit_id", "ACT-99", REDEN_ACTIVITEIT_ONBEKEND)],
        id="activiteit-onbekend",
    ),
    pytest.param(
        "deelnames",
        [(3, "bijeenkomst_id", "BK-99")],
        [fout(3, "bijeenkomst_id", "BK-99", REDEN_BIJEENKOMST_ONBEKEND)],
        id="bijeenkomst-onbekend",
    ),
    # duplicate keys
    pytest.param(
        "inzet",
        [(3, "inzet_id", "INZ-1")],
        [fout(3, "inzet_id", "INZ-1", dubbel(DUBBEL, 2))],
        id="dubbel-inzet-id",
    ),
    pytest.param(
        "inzet",
        [
            (2, "inzet_id", ""),
            (3, "inzet_id", ""),
            (3, "professional_id", "PRO-1"),
            (3, "professional_naam", "Anouk de Vries"),
            (3, "wijkcode", "wk026801"),
            (3, "rol", "Opbouwwerker"),
            (3, "startdatum", "1-3-2023"),
        ],
        [fout(3, "inzet_id", "PRO-1|WK026801|opbouwwerker|2023-03-01", dubbel(DUBBELE_INZET, 2))],
        id="dubbel-inzet-sleutel",
    ),
    pytest.param(
        "activiteiten",
        [(3, "activiteit_id", "ACT-1")],
        [fout(3, "activiteit_id", "ACT-1", dubbel(DUBBEL, 2))],
        id="dubbel-activiteit",
    ),
    pytest.param(
        "bijeenkomsten",
        [(3, "bijeenkomst_id", "BK-1")],
        [fout(3, "bijeenkomst_id", "BK-1", dubbel(DUBBEL, 2))],
        id="dubbel-bijeenkomst",
    ),
    pytest.param(
        "deelnames",
        [(3, "bijeenkomst_id", "BK-1"), (3, "deelnemer_id", "100234")],
        [fout(3, "deelnemer_id", "(verborgen)", dubbel(DUBBELE_DEELNAME, 2))],
        id="dubbele-deelname",
    ),
    # warnings
    pytest.param(
        "deelnames",
        [(2, "leeftijdsgroep", "90+")],
        [waarschuwing(2, "leeftijdsgroep", "90+", REDEN_LEEFTIJDSGROEP)],
        id="leeftijdsgroep",
    ),
    pytest.param(
        "inzet",
        [(3, "professional_id", "PRO-1")],
        [waarschuwing(3, "professional_naam", "Daniël Öztürk", REDEN_NAAM_VERSCHILT)],
        id="naam-verschilt",
    ),
    pytest.param(
        "deelnames",
        [(3, "deelnemer_id", "100234"), (3, "woonbuurt", "BU02680201")],
        [waarschuwing(3, "woonbuurt", "BU02680201", REDEN_DEELNEMER_VERSCHILT)],
        id="deelnemer-verschilt",
    ),
]


@pytest.mark.parametrize(("kind", "edits", "expected"), BROKEN)
def test_broken_file_gives_exactly_its_problem(kind, edits, expected):
    v = check(kind, edited(kind, edits))
    assert v.problems == expected
    assert v.ok == all(p.ernst == "waarschuwing" for p in expected)


def test_every_reason_has_a_broken_file():
    covered = {p.reden for param in BROKEN for p in param.values[2]}
    covered |= {
        REDEN_KOLOM_ONTBREEKT,
        REDEN_KOLOM_WEG,
        REDEN_GEEN_RIJEN,
        REDEN_ORGANISATIE_VERSCHILT,
        REDEN_TOEKOMST,  # relative to today: test_a_bijeenkomst_after_today_is_...
        REDEN_BOVEN_KOLOMNAMEN,  # tests/test_importer.py: ..._with_a_title_row_...
    }  # file-level and cross-row cases have their own tests below
    # and each duplicate's reason, which names the earlier row (a template, not in REDENEN)
    duplicates = {dubbel(t, 2) for t in (DUBBEL, DUBBELE_INZET, DUBBELE_DEELNAME)}
    assert covered == set(REDENEN.values()) | duplicates


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        # the database has koffieochtend: a letter less, or capitals, is probably it
        (["Kofieochtend", "taalcafé"], [(2, "Kofieochtend", "koffieochtend")]),
        (["Koffieochtend", "Koffieochtend"], [(2, "Koffieochtend", "koffieochtend")]),  # once
        # two new types in one file, one of them mistyped: the second is reported
        (["taalmaatje", "taalmaatjes"], [(3, "taalmaatjes", "taalmaatje")]),
        # real, different types; the known one itself
        (["taalcafé", "buurtcafé"], []),
        (["koffieochtend", "wandelclub"], []),
    ],
)
def test_a_new_type_close_to_a_known_one_is_a_warning(types, expected):
    """A typing error in `type` becomes a category of its own in every chart by type."""
    known = replace(KNOWN, activiteit_types=frozenset({"koffieochtend", "taalcafé"}))
    edits = [(rij, "type", t) for rij, t in enumerate(types, start=2)]
    v = check("activiteiten", edited("activiteiten", edits), known=known)
    # difflib compares the texts in lower case (worked out: "kofieochtend" and
    # "koffieochtend" 2·12/25 = 0.96; "taalcafé" and "buurtcafé" 0.59 < TYPE_SIMILARITY)
    assert [(p.rij, p.waarde, p.reden) for p in v.problems] == [
        (rij, typed, TYPE_LIJKT_OP.format(type=known_type)) for rij, typed, known_type in expected
    ]
    assert all(p.ernst == "waarschuwing" and p.kolom == "type" for p in v.problems)
    assert v.ok  # a warning: the rows are imported as they are


def test_rows_with_errors_are_left_out_of_the_tables():
    v = check("bijeenkomsten", edited("bijeenkomsten", [(2, "datum", "morgen")]))
    assert [r["bijeenkomst_id"] for r in records(v, "bijeenkomst")] == ["BK-2"]


def test_leeftijdsgroep_warning_drops_the_value():
    v = check("deelnames", edited("deelnames", [(2, "leeftijdsgroep", "90+")]))
    assert records(v, "deelnemer")[0] == {
        "deelnemer_id": P("100234"),
        "buurtcode": "BU02680101",
        "leeftijdsgroep": None,
    }


def test_unknown_woonbuurt_is_dropped_but_the_deelname_counts():
    v = check("deelnames", edited("deelnames", [(2, "woonbuurt", "BU03630101")]))
    assert records(v, "deelnemer")[0]["buurtcode"] is None
    assert len(records(v, "deelname")) == 2


def test_organisation_defined_twice_differently_warns_once_and_keeps_the_first():
    header, rows = BASE["inzet"]
    org = [("organisatie_id", "ORG-X"), ("organisatie_naam", "Café De Brug")]
    edits = [(2, *e) for e in org] + [(3, *e) for e in org]
    edits += [(2, "organisatie_soort", "cultuur"), (3, "organisatie_soort", "welzijn")]
    v = check("inzet", edited("inzet", edits))
    assert v.problems == [
        waarschuwing(2, "organisatie_id", "ORG-X", REDEN_ORGANISATIE_NIEUW),
        waarschuwing(3, "organisatie_id", "ORG-X", REDEN_ORGANISATIE_VERSCHILT),
    ]
    assert records(v, "organisatie") == [
        {"organisatie_id": "ORG-X", "naam": "Café De Brug", "soort": "cultuur"}
    ]


def test_a_later_row_may_define_the_new_organisation():
    edits = [
        (2, "organisatie_id", "ORG-X"),
        (3, "organisatie_id", "ORG-X"),
        (3, "organisatie_naam", "Café De Brug"),
        (3, "organisatie_soort", "cultuur"),
    ]
    v = check("inzet", edited("inzet", edits))
    assert v.problems == [waarschuwing(3, "organisatie_id", "ORG-X", REDEN_ORGANISATIE_NIEUW)]
    assert [r["organisatie_id"] for r in records(v, "inzet")] == ["ORG-X", "ORG-X"]


def test_all_problems_are_reported_not_only_the_first():
    edits = [
        (2, "wijkcode", "WK1"),
        (2, "rol", "teamleider"),
        (2, "uren_per_week", "twaalf"),
        (3, "professional_naam", ""),
        (3, "organisatie_id", "ORG-X"),
        (3, "startdatum", "morgen"),
        (3, "einddatum", "31-02-2024"),
    ]
    v = check("inzet", edited("inzet", edits))
    assert v.problems == [
        fout(2, "wijkcode", "WK1", REDEN_WIJK_ONGELDIG),
        fout(2, "rol", "teamleider", REDEN_ROL),
        fout(2, "uren_per_week", "twaalf", REDEN_GETAL),
        fout(3, "professional_naam", "", REDEN_LEEG),
        fout(3, "organisatie_id", "ORG-X", REDEN_ORGANISATIE_ONBEKEND),
        fout(3, "startdatum", "morgen", REDEN_DATUM),
        fout(3, "einddatum", "31-02-2024", REDEN_DATUM_BESTAAT_NIET),
    ]
    assert (v.ok, len(v.errors), v.warnings) == (False, 7, [])
    assert records(v, "inzet") == []


def test_empty_rows_are_skipped_and_row_numbers_stay_excel_numbers():
    header, rows = BASE["bijeenkomsten"]
    data = csv_bytes(header, [rows[0], ["", "", "", ""], [], ["BK-3", "ACT-99", "01-07-2024", "5"]])
    v = check("bijeenkomsten", data)
    assert v.problems == [fout(5, "activiteit_id", "ACT-99", REDEN_ACTIVITEIT_ONBEKEND)]


# --- columns and mapping ---------------------------------------------------------------


def _without(kind: str, name: str) -> bytes:
    header, rows = BASE[kind]
    keep = [i for i, h in enumerate(header) if h != name]
    return csv_bytes([header[i] for i in keep], [[r[i] for i in keep] for r in rows])


def test_missing_required_column_is_one_file_level_error():
    v = check("inzet", _without("inzet", "uren_per_week"))
    assert v.problems == [fout(None, "uren_per_week", None, REDEN_KOLOM_ONTBREEKT)]
    assert records(v, "inzet") == []


def test_mapped_column_absent_from_the_file_names_the_column():
    mapping = dict(suggest_mapping("bijeenkomsten", field_names("bijeenkomsten")))
    mapping["aantal_deelnemers"] = "Bezoekers"
    v = check("bijeenkomsten", edited("bijeenkomsten", []), mapping=mapping)
    assert v.problems == [fout(None, "aantal_deelnemers", "Bezoekers", REDEN_KOLOM_ONTBREEKT)]


def test_a_missing_participant_column_is_named_not_hidden():
    mapping = {**suggest_mapping("deelnames", field_names("deelnames")), "deelnemer_id": "Klant"}
    v = check("deelnames", edited("deelnames", []), mapping=mapping)
    assert v.problems == [fout(None, "deelnemer_id", "Klant", REDEN_KOLOM_ONTBREEKT)]


def test_required_field_left_unmapped_is_an_error():
    mapping = {**suggest_mapping("deelnames", field_names("deelnames")), "deelnemer_id": None}
    v = check("deelnames", edited("deelnames", []), mapping=mapping)
    assert v.problems == [fout(None, "deelnemer_id", None, REDEN_KOLOM_ONTBREEKT)]


def test_optional_mapped_column_absent_is_a_warning():
    mapping = {**suggest_mapping("inzet", field_names("inzet")), "einddatum": "Einde"}
    v = check("inzet", edited("inzet", []), mapping=mapping)
    assert v.problems == [waarschuwing(None, "einddatum", "Einde", REDEN_KOLOM_WEG)]
    assert v.ok
    assert [r["einddatum"] for r in records(v, "inzet")] == [None, None]


def test_problems_name_the_users_own_columns():
    header = ["Activiteit", "Datum", "Bezoekers", "Sessie"]
    data = csv_bytes(header, [["ACT-1", "14-06-2024", "veel", "BK-9"]])
    v = check("bijeenkomsten", data)
    assert v.problems == [fout(2, "Bezoekers", "veel", REDEN_GEHEEL_GETAL)]


@pytest.mark.parametrize("kind", KINDS)
def test_header_only_file_is_a_warning_with_empty_tables(kind):
    v = check(kind, csv_bytes(field_names(kind), []))
    assert v.problems == [waarschuwing(None, None, None, REDEN_GEEN_RIJEN)]
    assert v.ok
    for table, frame in v.tables.items():
        assert (list(frame.columns), len(frame)) == ([c for c, _ in TABLE_COLUMNS[table]], 0)


def test_unknown_kind_or_field_is_refused():
    raw = read_export(edited("inzet", []), F)
    with pytest.raises(ValueError, match="Onbekende soort import 'personen'"):
        validate("personen", raw, {}, KNOWN, pseudonymise)
    with pytest.raises(ValueError, match="Onbekende velden in de koppeling voor 'inzet': leeftijd"):
        validate("inzet", raw, {"leeftijd": "x"}, KNOWN, pseudonymise)


# --- normalisations that are reported as nothing ---------------------------------------

NORMALISED = [
    ("inzet", "rol", "Maatschappelijk werker", "inzet", "rol", "maatschappelijk_werker"),
    ("inzet", "rol", "JONGERENWERKER", "inzet", "rol", "jongerenwerker"),
    ("inzet", "rol", "maatschappelijk-werker", "inzet", "rol", "maatschappelijk_werker"),
    ("inzet", "rol", "overig", "inzet", "rol", "other"),
    ("inzet", "wijkcode", "wk026801", "inzet", "wijkcode", "WK026801"),
    ("inzet", "uren_per_week", "12.5", "inzet", "uren_per_week", 12.5),
    ("inzet", "uren_per_week", "12,5", "inzet", "uren_per_week", 12.5),
    ("inzet", "uren_per_week", "60", "inzet", "uren_per_week", 60.0),
    ("inzet", "uren_per_week", "0,5", "inzet", "uren_per_week", 0.5),
    ("inzet", "startdatum", "1-3-2023", "inzet", "startdatum", date(2023, 3, 1)),
    ("inzet", "startdatum", "01/03/2023", "inzet", "startdatum", date(2023, 3, 1)),
    ("inzet", "startdatum", "1/3/2023", "inzet", "startdatum", date(2023, 3, 1)),
    ("inzet", "startdatum", "2023-03-01", "inzet", "startdatum", date(2023, 3, 1)),
    ("inzet", "startdatum", "29-02-2024", "inzet", "startdatum", date(2024, 2, 29)),
    ("bijeenkomsten", "aantal_deelnemers", "1.234", "bijeenkomst", "aantal_deelnemers", 1234),
    ("bijeenkomsten", "aantal_deelnemers", "0", "bijeenkomst", "aantal_deelnemers", 0),
    ("bijeenkomsten", "datum", "2024-6-14", "bijeenkomst", "datum", date(2024, 6, 14)),
    *(
        ("activiteiten", "bewonersinitiatief", text, "activiteit", "is_bewonersinitiatief", value)
        for text, value in [
            ("JA", True),
            ("Nee", False),
            ("true", True),
            ("FALSE", False),
            ("1", True),
            ("0", False),
            ("waar", True),
            ("ONWAAR", False),
        ]
    ),
    ("activiteiten", "buurtcode", "bu02680101", "activiteit", "buurtcode", "BU02680101"),
    ("deelnames", "leeftijdsgroep", "80 +", "deelnemer", "leeftijdsgroep", "80+"),
    ("deelnames", "leeftijdsgroep", "18 – 26", "deelnemer", "leeftijdsgroep", "18-26"),
    ("deelnames", "woonbuurt", "", "deelnemer", "buurtcode", None),
]


@pytest.mark.parametrize(("kind", "name", "text", "table", "column", "value"), NORMALISED)
def test_accepted_spellings_are_normalised_silently(kind, name, text, table, column, value):
    v = check(kind, edited(kind, [(2, name, text)]))
    assert v.problems == []
    assert records(v, table)[0][column] == value


def test_new_organisation_soort_is_normalised():
    edits = [
        (2, "organisatie_id", "ORG-X"),
        (2, "organisatie_naam", "Woonstichting De Linde"),
        (2, "organisatie_soort", " Woningcorporatie "),
    ]
    v = check("activiteiten", edited("activiteiten", edits))
    assert records(v, "organisatie") == [
        {"organisatie_id": "ORG-X", "naam": "Woonstichting De Linde", "soort": "woningcorporatie"}
    ]


def test_duplicate_partner_in_one_cell_is_kept_once():
    v = check(
        "activiteiten", edited("activiteiten", [(2, "partners", "ORG-WC1| ORG-BT1 |ORG-WC1|")])
    )
    assert v.problems == []
    assert records(v, "activiteit_partner") == [
        {"activiteit_id": "ACT-1", "organisatie_id": "ORG-WC1"},
        {"activiteit_id": "ACT-1", "organisatie_id": "ORG-BT1"},
    ]


# --- pseudonymisation ------------------------------------------------------------------


def _every_cell(v: Validated) -> list[str]:
    cells = [str(c) for frame in v.tables.values() for c in frame.to_numpy().ravel()]
    cells += [str(c) for frame in v.tables.values() for c in frame.columns]
    for p in v.problems:
        cells += [str(p.bestand), str(p.rij), str(p.kolom), str(p.waarde), p.reden, p.ernst]
    cells += [str(c) for c in report_frame(v.problems).to_numpy().ravel()]
    return cells


@pytest.mark.parametrize("variant", VARIANTS)
def test_raw_participant_ids_never_leave_validation(variant):
    data, filename, kwargs = build_variant(variant, "deelnames")
    v = check("deelnames", data, filename, **kwargs)
    cells = _every_cell(v)
    assert {P(raw) for raw in RAW_IDS} <= set(cells)
    assert [c for c in cells for raw in RAW_IDS if raw in c] == []


def test_a_repeated_row_names_the_row_it_repeats():
    """A steward with a file of thousands of rows must find the other row: the reason names
    the first row with the same id or pair, also for a third one and past rows without it."""
    header, (one, two) = BASE["bijeenkomsten"]
    rows = [one, two, ["", *one[1:]], one, two, one]  # Excel rows 2-7
    v = check("bijeenkomsten", csv_bytes(header, rows))
    assert [(p.rij, p.reden) for p in v.problems if p.reden.startswith("Staat dubbel")] == [
        (5, "Staat dubbel: deze code staat al op rij 2 van dit bestand"),
        (6, "Staat dubbel: deze code staat al op rij 3 van dit bestand"),
        (7, "Staat dubbel: deze code staat al op rij 2 van dit bestand"),  # not row 5
    ]
    header, (one, two) = BASE["deelnames"]
    nobody = [one[0], "", "", ""]
    rows = [one, two, nobody, two, one, [two[0], one[1], "", ""], two]  # Excel rows 2-8
    v = check("deelnames", csv_bytes(header, rows))
    assert [(p.rij, p.reden) for p in v.problems if p.reden.startswith("Staat dubbel")] == [
        (5, dubbel(DUBBELE_DEELNAME, 3)),
        (6, dubbel(DUBBELE_DEELNAME, 2)),
        # row 7 is BK-2 with the first row's participant: a new pair
        (8, dubbel(DUBBELE_DEELNAME, 3)),
    ]
    assert dubbel(DUBBELE_DEELNAME, 3) == (
        "Staat dubbel: rij 3 van dit bestand heeft deze deelnemer al bij deze bijeenkomst"
    )


def test_a_repeated_row_in_english_names_the_row_too():
    with i18n.using("en"):
        shown = shown_reason(dubbel(DUBBEL, 12))
    assert shown == "Duplicate: this code is already on row 12 of this file"


def test_a_stored_organisation_with_another_name_is_told_once_and_kept():
    """A steward's walk: her inzet file named ORG999903 "Buurtteam Zuid", soort zorg; the
    database has "Buurtteam Lindenwaard", buurtteam. The import said nothing, and she took
    it for an update. It keeps the database's, and says so once per organisation."""
    known = replace(KNOWN, organisatie_namen={"ORG-WZL": ("Welzijn Lindenwaard", "welzijn")})
    header, (one, _two) = BASE["inzet"]
    at = {name: header.index(name) for name in ("inzet_id", "organisatie_naam")}
    renamed = list(one)
    renamed[at["organisatie_naam"]] = "Welzijn Zuid"
    again = list(renamed)
    again[at["inzet_id"]] = "INZ-9"
    same = list(one)
    same[at["inzet_id"]] = "INZ-10"
    v = check("inzet", csv_bytes(header, [renamed, again, same]), known=known)
    assert v.problems == [
        waarschuwing(
            2,
            "organisatie_id",
            "ORG-WZL",
            "Andere naam of soort dan in de database (Welzijn Lindenwaard, welzijn); een import"
            " verandert een bestaande organisatie niet, de database houdt die",
        )
    ]
    assert "organisatie" not in v.tables or v.tables["organisatie"].empty
    # the same name, or none at all, says nothing
    v = check("inzet", csv_bytes(header, [same]), known=known)
    assert v.problems == []


def test_raw_ids_stay_hidden_in_problems_too():
    header, rows = GOOD["deelnames"]
    broken = [
        ["BK-1", "100234", "BU02680101", "27-44", ""],  # duplicate of row 2
        ["BK-99", "K-00042", "Centrum", "90+", ""],  # unknown bijeenkomst, bad woonbuurt
        ["", "100235", "", "", ""],  # empty bijeenkomst_id
        ["BK-1", "", "", "", ""],  # empty deelnemer_id
    ]
    v = check("deelnames", csv_bytes(header, rows + broken))
    assert v.problems == [
        fout(6, "deelnemer_id", "(verborgen)", dubbel(DUBBELE_DEELNAME, 2)),
        fout(7, "bijeenkomst_id", "BK-99", REDEN_BIJEENKOMST_ONBEKEND),
        fout(7, "woonbuurt", "Centrum", REDEN_BUURT_ONGELDIG),
        waarschuwing(7, "leeftijdsgroep", "90+", REDEN_LEEFTIJDSGROEP),
        fout(8, "bijeenkomst_id", "", REDEN_LEEG),
        fout(9, "deelnemer_id", "", REDEN_LEEG),
    ]
    assert [c for c in _every_cell(v) for raw in RAW_IDS if raw in c] == []


def test_raw_id_mapped_to_a_second_field_is_hidden_as_well():
    mapping = {
        **suggest_mapping("deelnames", field_names("deelnames")),
        "woonbuurt": "deelnemer_id",
    }
    v = check("deelnames", edited("deelnames", []), mapping=mapping)
    assert v.problems == [
        fout(2, "deelnemer_id", "(verborgen)", REDEN_BUURT_ONGELDIG),
        fout(3, "deelnemer_id", "(verborgen)", REDEN_BUURT_ONGELDIG),
    ]


def test_pseudonymise_is_called_once_per_participant():
    calls: list[str] = []

    def counting(raw: str) -> str:
        calls.append(raw)
        return pseudonymise(raw)

    raw = read_export(csv_bytes(*GOOD["deelnames"]), F)
    validate("deelnames", raw, suggest_mapping("deelnames", raw.columns), KNOWN, counting)
    assert sorted(calls) == sorted(RAW_IDS)


# --- report ----------------------------------------------------------------------------


def test_report_frame_puts_errors_first_then_rows():
    problems = [
        waarschuwing(2, "leeftijdsgroep", "90+", REDEN_LEEFTIJDSGROEP),
        fout(5, "datum", "morgen", REDEN_DATUM),
        Problem("b.csv", 3, "rol", "x", REDEN_ROL, "fout"),
        fout(3, "rol", "x", REDEN_ROL),
        fout(None, "uren_per_week", None, REDEN_KOLOM_ONTBREEKT),
        waarschuwing(None, None, None, REDEN_GEEN_RIJEN),
    ]
    frame = report_frame(problems)
    assert list(frame.columns) == ["Bestand", "Rij", "Kolom", "Waarde", "Reden", "Ernst"]
    assert str(frame["Rij"].dtype) == "Int64"
    assert frame.astype(object).where(frame.notna(), None).values.tolist() == [
        [F, None, "uren_per_week", None, REDEN_KOLOM_ONTBREEKT, "fout"],
        [F, 3, "rol", "x", REDEN_ROL, "fout"],
        [F, 5, "datum", "morgen", REDEN_DATUM, "fout"],
        ["b.csv", 3, "rol", "x", REDEN_ROL, "fout"],
        [F, None, None, None, REDEN_GEEN_RIJEN, "waarschuwing"],
        [F, 2, "leeftijdsgroep", "90+", REDEN_LEEFTIJDSGROEP, "waarschuwing"],
    ]


def test_report_frame_of_no_problems_is_empty_with_columns():
    frame = report_frame([])
    assert (list(frame.columns), len(frame)) == (
        ["Bestand", "Rij", "Kolom", "Waarde", "Reden", "Ernst"],
        0,
    )


def test_validated_splits_errors_and_warnings():
    e = fout(2, "a", "b", REDEN_LEEG)
    w = waarschuwing(3, "c", "d", REDEN_LEEFTIJDSGROEP)
    v = Validated("inzet", F, {}, [w, e])
    assert (v.errors, v.warnings, v.ok) == ([e], [w], False)
    assert Validated("inzet", F, {}, [w]).ok


def test_reason_constants_are_unique_dutch_sentences():
    assert len(set(REDENEN.values())) == len(REDENEN)
    assert all(r[0].isupper() and not r.endswith(".") for r in REDENEN.values())
    assert REDEN_ROL.endswith(
        "opbouwwerker, maatschappelijk_werker, jongerenwerker, wijkagent, buurtteam, overig"
    )


# --- the tables fit the raw tables -----------------------------------------------------


def test_validated_tables_fit_the_raw_tables(empty_db):
    """Write every kind's good file into a scratch in-memory database, as the loader will."""
    con = empty_db
    insert(con, "gemeente", [("GM0268", "Nijmegen", False, None)])
    insert(
        con, "wijk", [("WK026801", "Centrum", "GM0268", None), ("WK026802", "Oost", "GM0268", None)]
    )
    insert(
        con,
        "buurt",
        [
            ("BU02680101", "Stadscentrum", "WK026801", None),
            ("BU02680201", "Hengstdal", "WK026802", None),
        ],
    )
    insert(
        con,
        "organisatie",
        [("ORG-WZL", "Welzijn", "welzijn"), ("ORG-WC1", "Corporatie", "woningcorporatie")],
    )
    known = load_known_codes(con)
    assert known.buurt_wijk == {"BU02680101": "WK026801", "BU02680201": "WK026802"}
    for kind in KINDS:
        v = check(kind, csv_bytes(*GOOD[kind]), known=known)
        assert v.ok, v.problems
        for table, frame in v.tables.items():
            con.register("nieuw", frame)
            con.execute(f"insert into {table} by name select * from nieuw")  # as upsert names them
            con.unregister("nieuw")
        assert extend_known(known, v) == load_known_codes(con)
        known = load_known_codes(con)
    counts = {
        t: con.execute(f"select count(*) from {t}").fetchone()[0]
        for t in ("organisatie", "professional", "inzet", "activiteit", "activiteit_partner")
        + ("bijeenkomst", "deelnemer", "deelname")
    }
    assert counts == {
        "organisatie": 4,
        "professional": 2,
        "inzet": 3,
        "activiteit": 2,
        "activiteit_partner": 2,
        "bijeenkomst": 3,
        "deelnemer": 3,
        "deelname": 4,
    }
    row = con.execute(
        "select uren_per_week, einddatum from inzet where inzet_id = $id", {"id": "INZ-3"}
    ).fetchone()
    assert row == (Decimal("12.50"), date(2023, 8, 31))


def test_extend_known_adds_what_a_file_brings():
    v = check("activiteiten", csv_bytes(*GOOD["activiteiten"]))
    known = extend_known(KNOWN, v)
    assert known.organisaties == KNOWN.organisaties | {"ORG-NEW2"}
    assert known.activiteiten == KNOWN.activiteiten
    assert known.activiteit_types == {"pop-up terras", "taalcafé"}  # the file's two types
    assert set(known.organisatie_namen) == {"ORG-NEW2"}  # with the naam and soort it brings
    assert (
        replace(
            known,
            organisaties=KNOWN.organisaties,
            activiteit_types=frozenset(),
            organisatie_namen={},
        )
        == KNOWN
    )
    # bijeenkomsten of a new activiteit validate against the extended codes
    header = list(field_names("bijeenkomsten"))
    data = csv_bytes(header, [["BK-9", "ACT-NEW", "01-01-2025", "4"]])
    act = csv_bytes(
        GOOD["activiteiten"][0],
        [["ACT-NEW", "Wijksafari", "wijksafari", "WK026801", "", "ORG-WZL", "", "", "ja", "", ""]],
    )
    assert not check("bijeenkomsten", data).ok
    assert check("bijeenkomsten", data, known=extend_known(KNOWN, check("activiteiten", act))).ok


def test_report_frame_is_a_dataframe_of_the_problems_of_a_real_file():
    v = check("bijeenkomsten", edited("bijeenkomsten", [(3, "aantal_deelnemers", "-3")]))
    frame = report_frame(v.problems)
    assert isinstance(frame, pd.DataFrame)
    assert frame.to_dict("records") == [
        {
            "Bestand": F,
            "Rij": 3,
            "Kolom": "aantal_deelnemers",
            "Waarde": "-3",
            "Reden": REDEN_NEGATIEF,
            "Ernst": "fout",
        }
    ]


# --- repeated ids found on the whole column, as row by row ----------------------------


@pytest.mark.parametrize("kind", ["inzet", "activiteiten", "bijeenkomsten"])
def test_repeated_ids_found_on_the_column_are_those_found_row_by_row(kind, monkeypatch):
    """The checker finds repeated ids on the whole id column at once (rows.repeated_ids).
    Oracle: the same files checked with a set of keys, row by row, as before. 300 random
    files from BASE rows: ids from a small pool (so they repeat), empty ids (an inzet row
    then gets a key made from its values), ids differing only in case, empty rows."""
    import random

    from dashboard.ingest.registratie import rows

    header, base = BASE[kind]
    at = header.index({"inzet": "inzet_id"}.get(kind, header[0]))
    rng = random.Random(11)
    row_by_row = rows.RowChecker.repeated_ids
    found_ahead = 0
    for _ in range(300):
        body = []
        for _ in range(rng.randint(1, 12)):
            row = list(rng.choice(base))
            if rng.random() < 0.1:
                row = [""] * len(row)
            else:
                row[at] = rng.choice(["A", "a", "B", "C", "", "D"])
            body.append(row)
        data = csv_bytes(header, body)
        monkeypatch.setattr(rows.RowChecker, "repeated_ids", row_by_row)
        ahead = check(kind, data)
        monkeypatch.setattr(rows.RowChecker, "repeated_ids", lambda self: None)
        oracle = check(kind, data)
        assert ahead.problems == oracle.problems
        assert {t: records(ahead, t) for t in ahead.tables} == {
            t: records(oracle, t) for t in oracle.tables
        }
        found_ahead += not any(r[at] == "" for r in body if any(r)) or kind != "inzet"
    assert found_ahead > 50  # both ways were compared on many files


def test_a_bijeenkomst_after_today_is_written_with_a_warning():
    # a data steward's walk: a session dated 31-12-2026 (after that day's 6 December) moved
    # every screen's default period without a word. It is written (an export may list a
    # session planned this week), and the report says so; today itself is no warning
    later = (date.today() + timedelta(days=25)).strftime("%d-%m-%Y")
    today = date.today().strftime("%d-%m-%Y")
    v = check("bijeenkomsten", edited("bijeenkomsten", [(2, "datum", later), (3, "datum", today)]))
    assert v.ok and v.errors == []
    assert v.warnings == [waarschuwing(2, "datum", later, REDEN_TOEKOMST)]
    assert len(records(v, "bijeenkomst")) == len(BASE["bijeenkomsten"][1])


def test_the_allowed_rollen_are_named_as_a_file_writes_them():
    """The code of the last rol is "other"; a file writes "overig" (the alias above), and the
    message and the template named the English code, which a steward then typed."""
    assert REDEN_ROL == (
        "Onbekende rol; toegestaan: opbouwwerker, maatschappelijk_werker, jongerenwerker,"
        " wijkagent, buurtteam, overig"
    )
    from dashboard.ingest import registratie

    [rol] = [f for f in registratie.fields("inzet") if f.name == "rol"]
    assert rol.description.endswith("wijkagent, buurtteam, overig.")  # the Toelichting sheet


@pytest.mark.parametrize(
    ("chosen", "sent", "header"),
    [
        ("inzet", "bijeenkomsten", "bijeenkomst_id;activiteit_id;datum;aantal_deelnemers"),
        ("bijeenkomsten", "deelnames", "bijeenkomst_id;deelnemer_id;woonbuurt"),
        ("deelnames", "bijeenkomsten", "Bijeenkomst ID;Activiteit;Datum;Aantal deelnemers"),
    ],
)
def test_a_file_of_another_kind_says_which_kind_it_looks_like(chosen, sent, header):
    """A bijeenkomsten export chosen as inzet reported only its seven missing columns; the
    first line of the report now names the kind whose required columns it has."""
    row = ";".join(["B1", "A1", "01-10-2026", "12"][: header.count(";") + 1])
    raw = read_export(f"{header}\r\n{row}\r\n".encode(), "export.csv")
    problems = validate(
        chosen, raw, suggest_mapping(chosen, raw.columns), KnownCodes(), str
    ).problems
    assert problems[0] == Problem(
        "export.csv",
        None,
        None,
        None,
        f"Dit bestand lijkt een export van {sent}: alle verplichte kolommen daarvan staan erin."
        f" Kies die soort export (op de opdrachtregel: import {sent}).",
        "fout",
    )


def test_a_file_of_its_own_kind_with_a_column_missing_gets_no_such_hint():
    raw = read_export(b"bijeenkomst_id;activiteit_id;datum\r\nB1;A1;01-10-2026\r\n", "b.csv")
    problems = validate(
        "bijeenkomsten", raw, suggest_mapping("bijeenkomsten", raw.columns), KnownCodes(), str
    ).problems
    assert [p.reden for p in problems if p.rij is None] == [REDEN_KOLOM_ONTBREEKT]
