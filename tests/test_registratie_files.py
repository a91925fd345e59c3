"""Checks on the registration export files of tests/fixtures/registratie.py: every format variant
is what it claims to be, and readable."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from dashboard.ingest.registratie import read_export
from tests.fixtures.registratie import GOOD, KINDS, VARIANTS, build_variant, csv_bytes, xlsx_dates


@pytest.mark.parametrize("kind", KINDS)
def test_cp1252_variant_is_not_utf8(kind):
    data = csv_bytes(*GOOD[kind], encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "Café De Brug".encode("cp1252") in data


@pytest.mark.parametrize("kind", ["inzet", "bijeenkomsten"])
def test_xlsx_dates_variant_stores_real_dates_and_numbers(kind):
    sheet = load_workbook(io.BytesIO(xlsx_dates(kind)))[kind]
    header = [c.value for c in sheet[1]]
    values = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    date_field = "startdatum" if kind == "inzet" else "datum"
    assert (
        values[date_field].date()
        == {"inzet": date(2023, 3, 1), "bijeenkomsten": date(2024, 6, 14)}[kind]
    )
    number_field = "uren_per_week" if kind == "inzet" else "aantal_deelnemers"
    assert values[number_field] == {"inzet": 24.5, "bijeenkomsten": 23}[kind]


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_is_readable(variant):
    data, filename, kwargs = build_variant(variant, "inzet")
    assert read_export(data, filename, **kwargs).frame.shape == (3, 12)
