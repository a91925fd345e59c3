"""Gegevens does the work on an upload once: reruns and other widgets do not read it again.

Reading, validating and pseudonymising a file happen once per (file content, options,
database version) in a session (dashboard.ui.uploads); the counts below are calls of the
ingest functions the page uses, wrapped in place.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest
from openpyxl import Workbook

from dashboard.ingest import prepare, registratie
from dashboard.ingest.cbs import CbsImportError
from dashboard.ingest.prepare import Prepared
from tests.helpers import open_screen

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("lokaal")]  # AppTest, real data

INZET = (
    "inzet_id;professional_id;professional_naam;wijkcode;rol;organisatie_id;startdatum;einddatum;uren_per_week\n"
    "T1;PTEST1;Anna Test;WK999908;opbouwwerker;ORG999902;01-03-2026;;24\n"
)


@pytest.fixture()
def db(demo_copy: str) -> str:
    return demo_copy


def counted(monkeypatch, module: ModuleType, name: str) -> list[tuple]:
    """The calls of `module.name` from now on (the real function still runs)."""
    calls: list[tuple] = []
    real: Callable = getattr(module, name)

    def wrapper(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def test_an_export_is_read_and_validated_once_per_file_mapping_and_database_version(
    monkeypatch, db
):
    prepared = counted(monkeypatch, prepare, "prepare_registration")
    # the page reads the file for its columns; prepare_registration reads it once more
    reads = counted(monkeypatch, registratie, "read_export")
    at = open_screen("pages/gegevens.py")
    at.file_uploader(key="gg_upload").set_value(("inzet.csv", INZET.encode(), "text/csv")).run()
    assert not at.exception
    assert not at.button(key="gg_import").disabled
    assert (len(prepared), len(reads)) == (1, 2)

    # a rerun, and widgets that do not concern the file: nothing is read or validated again
    at.run()
    at.text_input(key="gg_mapping_name").input("mijn koppeling").run()
    at.text_input(key="gg_indeling_naam").input("Stadsdelen").run()
    at.text_input(key="gg_statline_gm").input("GM0344").run()
    assert not at.exception
    assert (len(prepared), len(reads)) == (1, 2)

    # another mapping: validated again (the report changes), the columns are not read again
    at.selectbox(key="gg_map_inzet_rol").set_value("").run()
    assert at.button(key="gg_import").disabled  # a required field without a column
    assert (len(prepared), len(reads)) == (2, 3)
    at.selectbox(key="gg_map_inzet_rol").set_value("rol").run()
    assert not at.button(key="gg_import").disabled
    assert (len(prepared), len(reads)) == (3, 4)

    # the import publishes a new database version: the next run validates against that
    at.button(key="gg_import").click().run()
    assert any("inzet.csv is geïmporteerd" in s.value for s in at.success)
    assert len(prepared) == 3
    at.run()
    assert len(prepared) == 4
    at.run()
    assert (len(prepared), len(reads)) == (4, 5)


def test_a_cbs_file_is_prepared_once_per_file_and_gemeenten(monkeypatch, db):
    calls: list[tuple[bytes, list[str] | None]] = []

    def prepare_cbs(path, gemeenten=None, jaar=None) -> Prepared:
        data = Path(path).read_bytes()
        calls.append((data, gemeenten))
        if data == b"kapot":
            raise CbsImportError(f"{Path(path).name}: het bestand kan niet gelezen worden.")
        gemeente = pd.DataFrame({"gemeentecode": ["GM0344"], "naam": ["Utrecht"]})
        return Prepared("cbs", Path(path).name, "hash", {"gemeente": gemeente}, [])

    monkeypatch.setattr(prepare, "prepare_cbs", prepare_cbs)
    at = open_screen("pages/gegevens.py")
    upload = at.file_uploader(key="gg_cbs_upload")
    upload.set_value(("wijken_2024.geojson", b"{}", "application/geo+json")).run()
    assert not at.exception
    assert calls == [(b"{}", None)]

    at.run()
    at.text_input(key="gg_indeling_naam").input("Stadsdelen").run()
    assert len(calls) == 1

    at.text_input(key="gg_cbs_gemeenten").input("GM0344").run()
    assert calls[-1] == (b"{}", ["GM0344"]) and len(calls) == 2

    # a file that cannot be read: its error is kept too, not found again on every rerun
    at.file_uploader(key="gg_cbs_upload").set_value(
        ("kapot.geojson", b"kapot", "application/geo+json")
    ).run()
    assert len(calls) == 3
    at.run()
    assert len(calls) == 3
    assert any("kan niet gelezen worden" in e.value for e in at.error)


def test_a_workbook_with_uncalculated_formulas_is_refused_on_the_screen(db):
    """A workbook a script made (formulas without results) would read as empty cells: the
    screen says which cell and what to do, and offers no import."""
    book = Workbook()
    sheet = book.active
    for line in INZET.splitlines():
        sheet.append(line.split(";"))
    sheet["I2"] = "=12+12"  # uren_per_week as a formula openpyxl stores without its result
    out = io.BytesIO()
    book.save(out)
    at = open_screen("pages/gegevens.py")
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader(key="gg_upload").set_value(("inzet.xlsx", out.getvalue(), xlsx)).run()
    assert not at.exception
    shown = [e.value for e in at.error]
    assert any("formules zonder berekende waarde (de eerste in cel I2)" in e for e in shown), shown
    assert not [b for b in at.button if b.key == "gg_import" and not b.disabled]


def test_an_old_excel_file_is_taken_and_refused_with_a_dutch_reason(db):
    """Refused by the upload field itself, an .xls showed only an icon with an English
    tooltip; taken, the reader says what to do."""
    old_excel = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # an OLE file's first sector
    at = open_screen("pages/gegevens.py")
    # the browser's field takes what the page lists (AppTest itself does not filter)
    assert ".xls" in at.file_uploader(key="gg_upload").proto.type
    at.file_uploader(key="gg_upload").set_value(
        ("inzet.xls", old_excel, "application/vnd.ms-excel")
    ).run()
    assert not at.exception
    assert any(
        "Het oude Excel-formaat (.xls) wordt niet ondersteund; sla het bestand op als .xlsx of"
        " als CSV." in e.value
        for e in at.error
    ), [e.value for e in at.error]
    assert not [b for b in at.button if b.key == "gg_import" and not b.disabled]
