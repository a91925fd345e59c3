"""No export shows a count of persons below 5 or a professional's name (docs/DESIGN.md §7),
checked on the fixture story and on a real story of a demo wijk with small counts, read back
with tools that did not write the files."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pytest
from pptx import Presentation

from dashboard.display import export
from dashboard.display.export import images
from dashboard.display.story import Story
from dashboard.domain.period import Period
from dashboard.screens import wijkprofiel
from dashboard.warehouse import queries, store
from tests.fixtures import story as fixture

pytestmark = pytest.mark.slow  # starts Chromium (kaleido)

# Waterkant in October 2026: few deelnemers, so the story holds suppressed counts
SMALL_WIJK = "WK999908"
SMALL_PERIOD = Period(date(2026, 10, 1), date(2026, 10, 31))

# "3 mensen", "2 deelnemers": a count of persons below 5 written out
SMALL_COUNT_TEXT = re.compile(
    r"(?<![\d.,<])[1-4] (mensen|deelnemers|bewoners|inwoners|personen|jongeren|deelnames?)\b"
)
# deelnames too: a handful of deelnames is a handful of persons (DESIGN §7)
PERSON_COLUMNS = re.compile(r"deelnemer|deelname|mensen|personen|bewoners", re.IGNORECASE)


@pytest.fixture(scope="module")
def real_story(demo_db_path: str) -> Story:
    with duckdb.connect(store.resolve(demo_db_path), read_only=True) as con:
        run = queries.on(con)
        built = wijkprofiel.build(run, SMALL_PERIOD, SMALL_WIJK, "GM9999", "wijk")
        return wijkprofiel.story(built)


@pytest.fixture(scope="module")
def professional_names(demo_db_path: str) -> list[str]:
    with duckdb.connect(store.resolve(demo_db_path), read_only=True) as con:
        return [r[0] for r in con.sql("select distinct naam from professional").fetchall()]


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "profiel.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True)
    return " ".join(out.stdout.decode("utf-8").split())


def _pptx_text(data: bytes) -> str:
    deck = Presentation(io.BytesIO(data))
    return " ".join(
        s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame
    )


def _xlsx_cells(data: bytes) -> list[tuple[str, str, object]]:
    """(sheet, column header, value) of every cell below a header."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = []
    for sheet in book:
        rows = list(sheet.iter_rows(values_only=True))
        if not rows:
            continue
        header = [str(h) for h in rows[0]]
        for row in rows[1:]:
            first = str(row[0]) if row and row[0] is not None else ""
            for head, value in zip(header, row, strict=False):
                # a kerncijfers row names its figure in the first column
                cells.append((sheet.title, f"{head} | {first}", value))
    return cells


def _check(story: Story, names: list[str], tmp_path: Path) -> None:
    texts = {
        "pdf": _pdf_text(export.render(story, "pdf")[0], tmp_path),
        "pptx": _pptx_text(export.render(story, "pptx")[0]),
    }
    cells = _xlsx_cells(export.render(story, "xlsx")[0])
    texts["xlsx"] = " ".join(str(v) for _, _, v in cells if v is not None)
    for fmt, text in texts.items():
        assert not SMALL_COUNT_TEXT.search(text), (fmt, SMALL_COUNT_TEXT.search(text))
        for name in names:
            assert name not in text, (fmt, name)
    small = [
        (sheet, where, value)
        for sheet, where, value in cells
        if PERSON_COLUMNS.search(where)
        and isinstance(value, int | float)
        and not isinstance(value, bool)
        and 0 < value < 5
        and "%" not in where
    ]
    assert small == []
    # PNG: the charts' text, checked in their SVG form (the same drawing as the PNG)
    with zipfile.ZipFile(io.BytesIO(export.render(story, "png")[0])) as archive:
        assert len(archive.namelist()) == len(story.charts)
    for svg in images.svg([c.figure for c in story.charts]):
        drawn = svg.decode("utf-8")
        for name in names:
            assert name not in drawn, name


def test_fixture_story_shows_no_small_count(tmp_path):
    story = fixture.story()
    _check(story, ["Jan Jansen"], tmp_path)


def test_real_story_with_small_counts(real_story, professional_names, tmp_path):
    suppressed = [
        (chart.name, column)
        for chart in real_story.charts
        for column in chart.data.columns
        if (chart.data[column].astype(str) == "<5").any()
    ]
    assert suppressed, "deze wijk en periode moeten kleine aantallen hebben"
    assert professional_names
    _check(real_story, professional_names, tmp_path)
    cells = _xlsx_cells(export.render(real_story, "xlsx")[0])
    assert any(value == "<5" for _, _, value in cells)
