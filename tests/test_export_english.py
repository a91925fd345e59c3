"""The exports in English (issue 15 item 2): `export wijkprofiel --taal en` and Opbrengst's
workbook, read back (openpyxl, python-pptx, pdftotext) and held against the catalogue the way
`test_app_english` holds the screens: no msgid shown untranslated, no Dutch UI text left.

Each export is made in both languages from the demo database; a text the same in both that
still has words once the data is taken out is Dutch the code did not wrap.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pytest
from pptx import Presentation

from dashboard import i18n
from dashboard.display import export
from dashboard.display.export.xlsx import sheet_names
from dashboard.screens import opbrengst
from dashboard.warehouse import queries, store
from tests.helpers import run_cli
from tests.test_app_english import data_names, untranslated

pytestmark = pytest.mark.slow  # builds stories and starts Chromium (kaleido)

PERIOD = ("--start", "2025-11-01", "--end", "2026-10-31")


def _xlsx_texts(data: bytes) -> set[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    texts = set(book.sheetnames)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            texts |= {c.value for c in row if isinstance(c.value, str)}
    return texts


def _pptx_texts(data: bytes) -> set[str]:
    deck = Presentation(io.BytesIO(data))
    return {
        paragraph
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.text.split("\n")
        if paragraph.strip()
    }


def _pdf_texts(data: bytes, tmp_path: Path) -> set[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True)
    return {line.strip() for line in out.stdout.decode("utf-8").splitlines() if line.strip()}


def _export(capsys, db: str, out: Path, fmt: str, taal: str) -> bytes:
    argv = ["--gebied", "WK999902", "--format", fmt, "--out", str(out), "--taal", taal]
    code, _stdout, err = run_cli(capsys, "export", "wijkprofiel", "--db", db, *PERIOD, *argv)
    assert code == 0, err
    return out.read_bytes()


@pytest.mark.parametrize(
    "fmt",
    [
        "xlsx",
        "pptx",
        pytest.param(
            "pdf",
            marks=pytest.mark.skipif(
                shutil.which("pdftotext") is None, reason="poppler-utils ontbreekt"
            ),
        ),
    ],
)
def test_the_wijkprofiel_export_in_english(capsys, demo_db_path, tmp_path, fmt):
    made = {
        taal: _export(capsys, demo_db_path, tmp_path / f"{taal}.{fmt}", fmt, taal)
        for taal in ("nl", "en")
    }
    if fmt == "xlsx":
        nl, en = _xlsx_texts(made["nl"]), _xlsx_texts(made["en"])
        assert {"About this file", "Wijk profile", "Period", "Source"} <= en
        assert "Over dit bestand" in nl and "Wijkprofiel" in nl  # Dutch stays Dutch
    elif fmt == "pptx":
        nl, en = _pptx_texts(made["nl"]), _pptx_texts(made["en"])
        assert "Source" in en and "Bron" in nl
    else:
        nl, en = _pdf_texts(made["nl"], tmp_path), _pdf_texts(made["en"], tmp_path)
        text = "\n".join(en)
        assert "Wijk profile" in text and "Period: " in text and "with the Wijkdashboard." in text
        assert "Periode: " in "\n".join(nl)
    # the map's title "{name} in {gemeente}" reads the same in English (also cut to a sheet name)
    map_title = "Oude Haven in Lindenwaard (fictief)"
    names = [map_title, sheet_names([map_title])[0], *data_names(demo_db_path)]
    if fmt == "pdf":  # the PDF's lines break names (the map's labels) into their words
        words = {
            w
            for n in names
            for w in n.split()
            if len(w) >= 4 and w[0] in "(ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        }
        names = sorted({*names, *words}, key=len, reverse=True)
        # the verhalen (residents' own words, quoted as they are) break over lines too: a line
        # that is a piece of one is data
        with duckdb.connect(demo_db_path, read_only=True) as con:
            told = [t for (t,) in con.sql("select tekst from verhaal").fetchall()]

        def quoted(line: str) -> bool:
            return any(line.strip("“”") in t for t in told)

        nl, en = {t for t in nl if not quoted(t)}, {t for t in en if not quoted(t)}
    found = untranslated(nl, en, names)
    assert not found, "\n".join(found)


def test_the_cli_export_is_dutch_by_default(capsys, demo_db_path, tmp_path):
    out = tmp_path / "profiel.xlsx"
    code, _stdout, err = run_cli(
        capsys, "export", "wijkprofiel", "--db", demo_db_path, *PERIOD,
        "--gebied", "WK999902", "--format", "xlsx", "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert "Over dit bestand" in _xlsx_texts(out.read_bytes())


def test_opbrengst_workbook_in_english(demo_db_path):
    with duckdb.connect(store.resolve(demo_db_path), read_only=True) as con:
        found = opbrengst.build(queries.on(con), "GM9999")
    books = {}
    for taal in ("nl", "en"):
        with i18n.using(taal):
            story = opbrengst.story(found, "Lindenwaard", True, made=date(2026, 12, 5))
            books[taal] = _xlsx_texts(export.render(story, "xlsx")[0])
    nl, en = books["nl"], books["en"]
    assert {"About this file", "Association", "Average change", "Sheet"} <= en
    assert "Outcomes of opbouwwerk in Lindenwaard" in en
    assert "Opbrengst van opbouwwerk in Lindenwaard" in nl
    names = ["Outcomes of opbouwwerk in Lindenwaard", "Lindenwaard", *data_names(demo_db_path)]
    found = untranslated(nl, en, names)
    assert not found, "\n".join(found)
