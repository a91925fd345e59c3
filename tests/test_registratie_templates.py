"""Import templates: the fields per kind, and CSV/XLSX files that Dutch Excel opens correctly."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from dashboard.ingest.registratie import (
    KINDS,
    TEMPLATES,
    Field,
    field_names,
    template_csv,
    template_xlsx,
)


def test_fields_per_kind():
    assert {kind: field_names(kind) for kind in KINDS} == {
        "inzet": (
            "inzet_id",
            "professional_id",
            "professional_naam",
            "wijkcode",
            "rol",
            "organisatie_id",
            "organisatie_naam",
            "organisatie_soort",
            "startdatum",
            "einddatum",
            "uren_per_week",
        ),
        "activiteiten": (
            "activiteit_id",
            "naam",
            "type",
            "wijkcode",
            "buurtcode",
            "organisatie_id",
            "organisatie_naam",
            "organisatie_soort",
            "bewonersinitiatief",
            "partners",
        ),
        "bijeenkomsten": ("bijeenkomst_id", "activiteit_id", "datum", "aantal_deelnemers"),
        "deelnames": ("bijeenkomst_id", "deelnemer_id", "woonbuurt", "leeftijdsgroep"),
    }


def test_optional_fields():
    optional = {kind: [f.name for f in TEMPLATES[kind] if not f.required] for kind in KINDS}
    assert optional == {
        "inzet": ["inzet_id", "organisatie_naam", "organisatie_soort", "einddatum"],
        "activiteiten": ["buurtcode", "organisatie_naam", "organisatie_soort", "partners"],
        "bijeenkomsten": [],
        "deelnames": ["woonbuurt", "leeftijdsgroep"],
    }


def test_field_types():
    types = {f.name: f.type for kind in KINDS for f in TEMPLATES[kind]}
    assert {name: types[name] for name in types if types[name] != "text"} == {
        "wijkcode": "code",
        "buurtcode": "code",
        "rol": "code",
        "organisatie_soort": "code",
        "startdatum": "date",
        "einddatum": "date",
        "uren_per_week": "decimal",
        "bewonersinitiatief": "boolean",
        "partners": "list",
        "datum": "date",
        "aantal_deelnemers": "integer",
        "woonbuurt": "code",
        "leeftijdsgroep": "code",
    }
    assert all(
        isinstance(f, Field) and f.description and f.example for k in KINDS for f in TEMPLATES[k]
    )


def test_csv_template_is_what_dutch_excel_expects():
    assert template_csv("inzet") == (
        "\ufeffinzet_id;professional_id;professional_naam;wijkcode;rol;organisatie_id;"
        "organisatie_naam;organisatie_soort;startdatum;einddatum;uren_per_week\r\n"
        "INZ-0001;PRO-101;Fatima el Amrani;WK026801;opbouwwerker;ORG-WZL;Welzijn Lindenwaard;"
        "welzijn;01-03-2023;31-12-2025;24,5\r\n"
    ).encode("utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_csv_template_has_header_and_example(kind):
    lines = template_csv(kind).decode("utf-8-sig").split("\r\n")
    assert lines == [
        ";".join(field_names(kind)),
        ";".join(f.example for f in TEMPLATES[kind]),
        "",
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_template_has_the_data_sheet_and_toelichting(kind):
    workbook = load_workbook(io.BytesIO(template_xlsx(kind)))
    assert workbook.sheetnames == [kind, "Toelichting"]
    data = [[c.value for c in row] for row in workbook[kind].iter_rows()]
    assert data[0] == list(field_names(kind))
    assert len(data) == 2
    notes = [[c.value for c in row] for row in workbook["Toelichting"].iter_rows()]
    assert notes == [
        ["Veld", "Verplicht", "Beschrijving", "Voorbeeld"],
        *(
            [f.name, "ja" if f.required else "nee", f.description, f.example]
            for f in TEMPLATES[kind]
        ),
    ]


def test_xlsx_template_stores_real_dates_and_numbers():
    sheet = load_workbook(io.BytesIO(template_xlsx("inzet")))["inzet"]
    example = {c.value: d for c, d in zip(sheet[1], sheet[2], strict=True)}
    assert example["startdatum"].value == datetime(2023, 3, 1)
    assert example["startdatum"].number_format == "DD-MM-YYYY"
    assert example["uren_per_week"].value == 24.5
    assert (example["professional_id"].value, example["professional_id"].number_format) == (
        "PRO-101",
        "@",
    )


def test_unknown_kind():
    with pytest.raises(
        ValueError, match="Onbekende soort import 'x'; kies uit: inzet, activiteiten"
    ):
        template_csv("x")
