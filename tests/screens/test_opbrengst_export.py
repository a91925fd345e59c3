"""The Opbrengst exports (docs/DESIGN.md §5.6, issue 17 item 5) read back with tools that did not
make them: the workbook through openpyxl from the saved bytes and the sheets' own XML (stdlib),
the PNGs with Pillow (or, without it, by their signature and IHDR header).

On the hand-made gemeente of tests/fixtures/opbrengst.py (values worked out by hand below) and
on the demo (figures above the thresholds; professional names in the database).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from datetime import date, datetime

import duckdb
import openpyxl
import pytest

from dashboard.display import export
from dashboard.display.export.xlsx import ABOUT_SHEET
from dashboard.screens import opbrengst
from dashboard.warehouse import queries, store
from tests.fixtures.opbrengst import fill

MADE = date(2026, 12, 5)
SHEETS = [
    ABOUT_SHEET,
    "Wijken door de jaren",
    "Voor en na een wisseling",
    "Samenhang",
    "Gemiddelde verandering",
]


def _rows(book: openpyxl.Workbook, sheet: str) -> list[dict[str, object]]:
    values = [[c.value for c in row] for row in book[sheet].iter_rows()]
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def _strings(data: bytes) -> str:
    """All text of the workbook as stored (shared strings and inline strings), not via openpyxl."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return " ".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        )


@pytest.fixture()
def small(empty_db: duckdb.DuckDBPyConnection) -> opbrengst.Opbrengst:
    return opbrengst.build(queries.on(fill(empty_db)), "GM0001")


@pytest.fixture()
def small_book(small: opbrengst.Opbrengst) -> tuple[bytes, openpyxl.Workbook]:
    story = opbrengst.story(small, "Testdorp", fictitious=True, made=MADE)
    data = export.render(story, "xlsx")[0]
    return data, openpyxl.load_workbook(io.BytesIO(data))


def test_the_workbook_has_a_sheet_per_chart_with_dutch_headers(small_book) -> None:
    _, book = small_book
    assert book.sheetnames == SHEETS
    header = [c.value for c in next(book["Wijken door de jaren"].iter_rows())]
    assert header == [
        "Wijk",
        "Jaar",
        "Continuïteitsindex opbouwwerk (aandeel fte dat er 2 jaar of langer is)",
        "Dagen zonder opbouwwerker in het jaar",
        "Mediane verblijfsduur opbouwwerkers (Kaplan–Meier, jaren)",
        "Bereik per 1.000 inwoners",
        "Aandeel bijeenkomsten van bewonersinitiatieven",
        "Nieuwe deelnemers",
        "Aandeel deelnemers dat vaker dan één keer kwam",
    ]
    for sheet in SHEETS[1:]:
        first = [c.value for c in next(book[sheet].iter_rows())]
        # no code names (snake_case) as headers
        assert not [h for h in first if re.fullmatch(r"[a-z_]+", str(h))], (sheet, first)


# Noord 2022 (hand-worked in tests/screens/test_opbrengst.py and here): PB since 2022-09-01,
# index 0; unfilled Jul 1..Aug 31 = 62 days; B3 B4 B5, two of bewoners: 66.667%; residents
# reached D1 D4 D5 = 3 (1-4: no rate); new D4 (Feb) and D5 (Oct) = 2: "<5"; D4 came twice of
# 3 deelnemers: 1 of 3 is a count of 1, the share is left out.
def test_numbers_are_numbers_and_small_counts_read_lt5(small_book) -> None:
    _, book = small_book
    rows = _rows(book, "Wijken door de jaren")
    noord = {r["Jaar"]: r for r in rows if r["Wijk"] == "Noord"}
    row = noord[2022]
    assert row["Continuïteitsindex opbouwwerk (aandeel fte dat er 2 jaar of langer is)"] == 0
    assert row["Dagen zonder opbouwwerker in het jaar"] == 62
    assert row["Aandeel bijeenkomsten van bewonersinitiatieven"] == pytest.approx(66.6667)
    assert row["Nieuwe deelnemers"] == "<5"
    assert row["Bereik per 1.000 inwoners"] is None
    assert row["Aandeel deelnemers dat vaker dan één keer kwam"] is None
    # new per year in Noord: 2021 D1 D2 D3 = 3, 2022 2, 2023 D6 = 1, 2024 nobody new = 0
    assert [noord[y]["Nieuwe deelnemers"] for y in (2021, 2022, 2023, 2024)] == [
        "<5",
        "<5",
        "<5",
        0,
    ]
    sheet = book["Wijken door de jaren"]
    cells = {c.value: c for c in next(sheet.iter_rows())}
    column = cells["Dagen zonder opbouwwerker in het jaar"].column
    assert {sheet.cell(row=r, column=column).data_type for r in range(2, sheet.max_row + 1)} == {
        "n"
    }


# E1 Noord vertrek 2022-06-30, successor after 62 days; before: 2 new (D3 D4), 3 residents;
# after: 2 new (D5 D6). E2: nobody new after (0 shows: the rule is 1 to 4).
def test_the_changes_sheet_carries_dates_gaps_and_no_small_counts(small_book) -> None:
    _, book = small_book
    rows = _rows(book, "Voor en na een wisseling")
    assert [r["Wijk"] for r in rows] == ["Noord", "Noord", "Zuid"]
    first = rows[0]
    assert first["Datum"] == datetime(2022, 6, 30)
    assert first["Dagen onbezet"] == 62
    assert first["Wat"] == "vertrek, opvolger na 62 dagen"
    assert first["Nieuwe deelnemers ervoor"] == "<5"
    assert first["Nieuwe deelnemers erna"] == "<5"
    assert first["Bereik per 1.000 ervoor"] is None
    assert first["Bewonersinitiatief ervoor"] == 50
    assert rows[1]["Nieuwe deelnemers erna"] == 0
    assert rows[1]["Dagen onbezet"] is None  # no successor within a year
    # no count of persons from 1 to 4 anywhere among the counts of persons
    counts = [v for r in rows for k, v in r.items() if k.startswith("Nieuwe deelnemers")]
    assert not [v for v in counts if isinstance(v, int | float) and 1 <= v <= 4]


def test_thin_data_leaves_the_statistics_empty_and_says_why(small_book) -> None:
    _, book = small_book
    associations = _rows(book, "Samenhang")
    assert len(associations) == 8  # 2 continuity measures x 4 outcomes
    assert {r["Samenhang (rho)"] for r in associations} == {None}
    assert all(str(r["Waarom geen cijfer"]).startswith("te weinig") for r in associations)
    changes = _rows(book, "Gemiddelde verandering")
    assert {r["Gemiddelde verandering (erna − ervoor)"] for r in changes} == {None}
    assert {r["Wisselingen"] for r in changes} == {3}


def test_no_professional_is_named_in_the_workbook(small_book) -> None:
    data, _ = small_book
    text = _strings(data)
    # the fixture's opbouwwerkers (tests/fixtures/opbrengst.py)
    for name in ("Anna", "Bram", "Cor"):
        assert not re.search(rf"\b{name}\b", text), name


@pytest.fixture(scope="module")
def demo(demo_db_path: str) -> tuple[opbrengst.Opbrengst, list[str]]:
    with duckdb.connect(store.resolve(demo_db_path), read_only=True) as con:
        names = [n for (n,) in con.sql("select naam from professional").fetchall()]
        return opbrengst.build(queries.on(con), "GM9999"), names


def test_the_demo_workbook_has_statistics_as_numbers_and_no_names(demo) -> None:
    found, names = demo
    story = opbrengst.story(found, "Lindenwaard (fictief)", fictitious=True, made=MADE)
    data = export.render(story, "xlsx")[0]
    book = openpyxl.load_workbook(io.BytesIO(data))
    associations = _rows(book, "Samenhang")
    # 9 wijken, 5 years: above the thresholds, every rho a number within its band. The index
    # is unknown in Waterkant (never an opbouwwerker: no fte to take a share of), so it rests
    # on 8 wijken; the unfilled days are known in all 9.
    assert {(str(r["Continuïteit"]).split()[0], r["Wijken"]) for r in associations} == {
        ("Continuïteitsindex", 8),
        ("Dagen", 9),
    }
    for r in associations:
        rho, low, high = r["Samenhang (rho)"], r["95%-band van"], r["95%-band tot"]
        assert isinstance(rho, float) and isinstance(low, float) and isinstance(high, float)
        assert -1 <= low <= rho <= high <= 1
    changes = _rows(book, "Gemiddelde verandering")
    assert all(isinstance(r["Gemiddelde verandering (erna − ervoor)"], float) for r in changes)
    assert [r["Eenheid"] for r in changes] == [
        "per 1.000 inwoners",
        "procentpunt",
        "personen",
        "procentpunt",
    ]
    text = _strings(data)
    assert len(names) > 100
    assert not [n for n in names if n in text]
    # and a count of 1 to 4 new people appears nowhere in the per-year sheet
    per_year = _rows(book, "Wijken door de jaren")
    assert not [
        r
        for r in per_year
        if isinstance(r["Nieuwe deelnemers"], int | float) and 1 <= r["Nieuwe deelnemers"] <= 4
    ]


def _png_size(picture: bytes) -> tuple[int, int]:
    """Width and height from the PNG itself: Pillow when installed, else the IHDR chunk."""
    try:
        from PIL import Image
    except ImportError:
        assert picture[:8] == b"\x89PNG\r\n\x1a\n"
        assert picture[12:16] == b"IHDR"
        return struct.unpack(">II", picture[16:24])
    with Image.open(io.BytesIO(picture)) as image:
        assert image.format == "PNG"
        image.verify()  # the whole file decodes
        return image.size


@pytest.mark.skipif(not export.available("png"), reason="Chromium ontbreekt")
def test_the_png_zip_holds_one_readable_picture_per_chart(small: opbrengst.Opbrengst) -> None:
    story = opbrengst.story(small, "Testdorp", fictitious=True, made=MADE)
    data = export.render(story, "png")[0]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == [
            "01-wijken-door-de-jaren.png",
            "02-voor-en-na.png",
            "03-samenhang.png",
            "04-gemiddelde-verandering.png",
        ]
        sizes = [_png_size(archive.read(n)) for n in names]
        # 960x540 layout pixels at scale 5/3 (dashboard.display.export.images); the last is a
        # table, cut below its last row (its few rows end above 900 pixels)
        assert sizes[:3] == [(1600, 900)] * 3
        assert sizes[3][0] == 1600 and sizes[3][1] <= 900
