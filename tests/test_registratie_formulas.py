"""A workbook with formulas that were never calculated is refused, naming the cell; one that
Excel or LibreOffice saved (every formula with its result) reads as before.

The sheets are written by openpyxl (which stores formulas without results, as a script
that makes a report does) and then given the results as Excel writes them: `<v>` after
the `<f>`, `t="str"` for a text result, shared formulas; an `x:` namespace prefix is
read by the scan alone (openpyxl needs the prefix declared on the sheet).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from dashboard.ingest.prepare import prepare_registration
from dashboard.ingest.registratie import ImportFileError, formulas, read_export

SHEET = "xl/worksheets/sheet1.xml"


def _workbook(*rows: list[object]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "inzet"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with_sheet(data: bytes, change) -> bytes:
    """The workbook with its sheet's XML changed by `change` (bytes -> bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            content = old.read(item.filename)
            new.writestr(item, change(content) if item.filename == SHEET else content)
    return out.getvalue()


FORMULAS = _workbook(["a", "b", "som"], [1, 2, "=A2+B2"], [3, 4, "=A3+B3"])


def test_openpyxl_stores_its_formulas_without_a_result():
    """The premise: openpyxl writes <f>...</f><v></v>, which openpyxl itself reads as empty."""
    sheet = zipfile.ZipFile(io.BytesIO(FORMULAS)).read(SHEET)
    assert b'<c r="C2"><f>A2+B2</f><v></v></c>' in sheet


def test_a_formula_without_a_result_is_refused_naming_the_sheet_and_cell():
    with pytest.raises(ImportFileError) as refused:
        read_export(FORMULAS, "uren.xlsx")
    assert str(refused.value) == (
        "uren.xlsx: Tabblad 'inzet' heeft formules zonder berekende waarde (de eerste in cel"
        " C2); ze zouden als lege cellen worden ingelezen. Open het bestand in Excel of"
        " LibreOffice en sla het op (dan worden ze berekend), of lever het aan als CSV."
    )


def test_a_workbook_read_by_its_path_is_refused_the_same_way(tmp_path):
    path = tmp_path / "uren.xlsx"
    path.write_bytes(FORMULAS)
    with pytest.raises(ImportFileError, match="cel C2"):
        read_export(path, "uren.xlsx")


def _calculated(sheet: bytes) -> bytes:
    # as Excel saves them: each formula with its result (1+2 and 3+4)
    return sheet.replace(b"<f>A2+B2</f><v></v>", b"<f>A2+B2</f><v>3</v>").replace(
        b"<f>A3+B3</f><v></v>", b"<f>A3+B3</f><v>7</v>"
    )


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_calculated, id="results"),
        pytest.param(
            lambda s: s.replace(
                b'<c r="C2"><f>A2+B2</f><v></v>',
                b'<c r="C2" s="0"><f t="shared" ref="C2:C3" si="0">A2+B2</f><v>3</v>',
            ).replace(b"<f>A3+B3</f><v></v>", b'<f t="shared" si="0"/><v>7</v>'),
            id="shared formula",
        ),
    ],
)
def test_a_saved_workbook_reads_its_results(change):
    raw = read_export(_with_sheet(FORMULAS, change), "uren.xlsx")
    assert raw.table.column("som").to_pylist() == ["3", "7"]


def test_a_formula_whose_result_is_empty_text_is_a_calculated_empty_cell():
    """Excel writes =ALS(...;"") with an empty text result as t="str" and an empty <v>."""
    data = _with_sheet(
        FORMULAS,
        lambda s: _calculated(s).replace(
            b'<c r="C2"><f>A2+B2</f><v>3</v>', b'<c r="C2" t="str"><f>IF(A2&gt;5,1,"")</f><v></v>'
        ),
    )
    assert read_export(data, "uren.xlsx").table.column("som").to_pylist() == ["", "7"]


@pytest.mark.parametrize(
    ("cell", "found"),
    [
        (b'<c r="D9"><f>A1</f></c>', "D9"),  # no <v> at all
        (b'<c s="2" r="AB12"><f>A1</f><v/></c>', "AB12"),  # reference after another attribute
        (b"<c><f>A1</f></c>", ""),  # a cell without its reference
        (b'<c r="E2" t="str"><f>A1</f><v>tekst</v></c>', None),
        (b'<c r="E2" t="str"><f>A1</f><v/></c>', None),  # an empty text result, <v/>
        (b"<c r='E2' t='str'><f>A1</f><v></v></c>", None),  # attributes in single quotes
        (b'<c r="E3" t="str"><f>A1</f></c>', "E3"),  # text, but no result at all
        (b'<c r="E2"><v>5</v></c>', None),  # a value, no formula
        # the Open XML SDK's namespace prefix
        (b'<x:c r="F3"><x:f>A1</x:f><x:v></x:v></x:c>', "F3"),
        (b'<x:c r="F3"><x:f>A1</x:f><x:v>2</x:v></x:c>', None),
    ],
)
def test_which_cells_count_as_never_calculated(cell, found):
    data = _with_sheet(
        FORMULAS,
        lambda s: _calculated(s).replace(
            b"</sheetData>", b'<row r="9">' + cell + b"</row></sheetData>"
        ),
    )
    assert formulas.uncalculated_formula(io.BytesIO(data), SHEET) == found


def test_a_cell_cut_by_the_reading_block_is_still_found(monkeypatch):
    """The sheet streams in blocks; a cell across two blocks is read whole."""
    sheet = zipfile.ZipFile(io.BytesIO(FORMULAS)).read(SHEET)
    at = sheet.index(b"<f>A3+B3</f>")
    found = set()
    for size in range(at - 12, at + 14):  # every cut through the second formula's cell
        monkeypatch.setattr(formulas, "_BLOCK", size)
        fixed = _with_sheet(
            FORMULAS, lambda s: s.replace(b"<f>A2+B2</f><v></v>", b"<f>A2+B2</f><v>3</v>")
        )
        found.add(formulas.uncalculated_formula(io.BytesIO(fixed), SHEET))
    assert found == {"C3"}


def test_the_importer_refuses_it_and_writes_nothing(tmp_path):
    """Through the Gegevens path: the file is refused before any check, in Dutch."""
    path = tmp_path / "inzet.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["inzet_id", "professional_id", "wijkcode", "rol", "startdatum", "uren_per_week"])
    sheet.append(["I1", "P1", "WK999901", "opbouwwerker", "01-01-2026", "=16+16"])
    book.save(path)
    with pytest.raises(ImportFileError, match="cel F2"):
        prepare_registration(str(tmp_path / "geen.duckdb"), "inzet", Path(path), path.name)
