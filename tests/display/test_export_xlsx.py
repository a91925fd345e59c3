"""The XLSX export of a story: one sheet per chart, numbers as numbers, no formulas.

Read back with openpyxl (the writer is openpyxl too, but the reading goes through the saved
file: what Excel would open)."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.display import export
from dashboard.display.export.xlsx import ABOUT_SHEET, sheet_names
from dashboard.display.story import Chart
from tests.fixtures import story as fixture


@pytest.fixture(scope="module")
def book() -> openpyxl.Workbook:
    data, name, mime = export.render(fixture.story(), "xlsx")
    assert name == "wijkprofiel-oud-zuid-een-straat-WK999902-2025-11-01-2026-10-31.xlsx"
    assert mime == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return openpyxl.load_workbook(io.BytesIO(data))


def test_one_sheet_per_chart_after_the_explanation(book):
    assert book.sheetnames == [
        ABOUT_SHEET,
        "Deelnemers per soort activiteit",
        "Ligging in de gemeente",
    ]


def test_headers_are_dutch_and_numbers_are_numbers(book):
    sheet = book["Deelnemers per soort activiteit"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Soort activiteit", "Deelnemers", "Verschil met vorig jaar"]
    assert rows[1] == ["Ontmoeting", 812, -12]
    assert rows[2] == ["Sport en bewegen", 1234, 3.5]
    # the suppressed count stays the text "<5"; a missing value is an empty cell
    assert rows[3] == ["Taal", "<5", None]
    numbers = [sheet.cell(row=r, column=2) for r in (2, 3, 5)]
    assert [c.data_type for c in numbers] == ["n", "n", "n"]
    assert [c.number_format for c in numbers] == ["#,##0"] * 3
    assert sheet["C3"].number_format == "#,##0.0#"
    assert sheet["C2"].data_type == "n"  # a negative number is a number, not neutralised text
    assert book["Ligging in de gemeente"]["C3"].value == 22.25


def test_formula_looking_text_is_neutralised(book):
    cell = book["Deelnemers per soort activiteit"]["A5"]
    assert cell.data_type == "s"
    assert cell.value == "'" + fixture.FORMULA_NAME
    for sheet in book:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f", (sheet.title, c.coordinate, c.value)


def test_explanation_sheet_names_area_period_source_and_fiction(book):
    values = [c.value for row in book[ABOUT_SHEET].iter_rows() for c in row if c.value]
    for expected in (
        fixture.AREA_NAME,
        fixture.GEMEENTE_NAME,
        fixture.PERIOD_TEXT,
        fixture.story().source,
        "5 dec 2026",
    ):
        assert expected in values
    assert any("Fictieve gegevens" in str(v) for v in values)


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        (["Bereik: per jaar [%]"], ["Bereik  per jaar  %".replace("  ", " ")]),
        (["a/b\\c*d?e"], ["a b c d e"]),
        (["x" * 40, "x" * 40], ["x" * 30 + "…", "x" * 26 + "… (2)"]),
        # 32 characters: the first 30 and "…" (counted by hand: 11 + 11 + 2 + "fictie")
        (
            ["x" * 31, "Signalen · Lindenwaard (fictief)"],
            ["x" * 31, "Signalen · Lindenwaard (fictie…"],
        ),
        (["Kaart", "kaart"], ["Kaart", "kaart (2)"]),
        (["'quoted'", "", "History"], ["quoted", "Grafiek 2", "History (grafiek)"]),
    ],
)
def test_sheet_names_valid_and_unique(titles, expected):
    names = sheet_names(titles)
    assert names == expected
    for name in names:
        assert 0 < len(name) <= 31
        assert not set(name) & set("[]:*?/\\")


def test_sheet_name_does_not_clash_with_the_explanation_sheet():
    assert sheet_names([ABOUT_SHEET], taken=[ABOUT_SHEET]) == [f"{ABOUT_SHEET} (2)"]


def test_dates_read_dd_mm_jjjj_whether_python_dates_or_datetime64():
    """The Wijkprofiel's sheet "Door de jaren" holds its years as Python dates (an object
    column) and showed them as yyyy-mm-dd, beside dd-mm-jjjj in the other downloads."""
    data = pd.DataFrame(
        {
            "Vanaf": [date(2024, 11, 1), date(2025, 11, 1), None],
            "Tot": pd.to_datetime(["2025-10-31", "2026-10-31", None]),
            "Deelnemers": [10, 12, 14],
        }
    )
    chart = Chart("jaren", "Door de jaren", go.Figure(), data)
    story = dataclasses.replace(fixture.story(), charts=(chart,))
    book = openpyxl.load_workbook(io.BytesIO(export.render(story, "xlsx")[0]))
    sheet = book["Door de jaren"]
    assert [sheet[c].value.date() for c in ("A2", "B3")] == [date(2024, 11, 1), date(2026, 10, 31)]
    assert {sheet[c].number_format for c in ("A2", "A3", "B2", "B3")} == {"DD-MM-YYYY"}
    assert sheet["C2"].number_format == "#,##0"  # a column of numbers stays one


def test_a_chart_with_a_long_title_has_a_short_sheet_name_of_its_own():
    # a walk found "Oude Haven in Lindenwaard (fic…" and "Voor en na de wisseling van op…":
    # a chart names its sheet when its title does not fit; the first sheet lists the title
    data = pd.DataFrame({"Gebied": ["Oude Haven"], "Code": ["WK999902"]})
    long = "Oude Haven in Lindenwaard (fictief), met een lange naam"
    charts = (Chart("kaart", long, go.Figure(), data, sheet="Ligging"),)
    story = dataclasses.replace(fixture.story(), charts=charts)
    book = openpyxl.load_workbook(io.BytesIO(export.render(story, "xlsx")[0]))
    assert book.sheetnames == [ABOUT_SHEET, "Ligging"]
    about = [tuple(r) for r in book[ABOUT_SHEET].iter_rows(values_only=True)]
    assert ("Ligging", long) in about
