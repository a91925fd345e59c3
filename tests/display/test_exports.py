"""dashboard.display.exports: the team lead's signals as XLSX, read back with openpyxl."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.display.exports import SIGNALS_SHEET, safe_text, signals_xlsx

# rows as screens.continuiteit.named_signals returns them
SIGNALS = pd.DataFrame(
    {
        "tekst": [
            "Oude Haven: geen opbouwwerker sinds 3 mrt 2026",
            "=cmd (opbouwwerker, Centrum) stopt over 1 dag; geen opvolger",
        ],
        "signaal": ["rol_onbezet", "vertrek_zonder_opvolger"],
        "gemeentecode": ["GM1", "GM1"],
        "wijkcode": ["WK2", "WK1"],
        "wijknaam": ["Oude Haven", "@Centrum"],
        "rol": ["opbouwwerker", "maatschappelijk_werker"],
        "organisatie_id": ["ORG_X", "ORG_X"],
        "startdatum": [None, date(2024, 1, 10)],
        "einddatum": [date(2026, 3, 2), date(2026, 11, 1)],
    },
    dtype=object,
)


def _sheet(data: bytes):
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == [SIGNALS_SHEET]
    return workbook[SIGNALS_SHEET]


def test_signals_xlsx_headers_dates_and_text():
    sheet = _sheet(signals_xlsx(SIGNALS))
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        ["Signaal", "Wijk", "Rol", "Start inzet", "Laatste dag inzet"],
        [
            "Oude Haven: geen opbouwwerker sinds 3 mrt 2026",
            "Oude Haven",
            "Opbouwwerker",
            None,  # an unfilled rol has no start
            datetime(2026, 3, 2),  # openpyxl reads a date cell back as a datetime
        ],
        [
            # a name that starts with "=" and a wijk with "@": an apostrophe keeps them text
            "'=cmd (opbouwwerker, Centrum) stopt over 1 dag; geen opvolger",
            "'@Centrum",
            "Maatschappelijk werker",
            datetime(2024, 1, 10),
            datetime(2026, 11, 1),
        ],
    ]
    assert sheet["D3"].is_date and sheet["E2"].is_date
    assert sheet["D3"].number_format == "DD-MM-YYYY"
    # no formula anywhere: every filled cell is text or a date
    types = {cell.data_type for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert types == {"s", "d"}
    assert [cell.font.b for cell in sheet[1]] == [True] * 5


def test_signals_xlsx_of_no_signals_has_the_headers_only():
    sheet = _sheet(signals_xlsx(SIGNALS.iloc[0:0]))
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Signaal", "Wijk", "Rol", "Start inzet", "Laatste dag inzet"]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=cmd", "'=cmd"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Fatima Bakker", "Fatima Bakker"),
        ("Jan-Willem", "Jan-Willem"),  # only the first character counts
        ("", ""),
    ],
)
def test_safe_text(text, expected):
    assert safe_text(text) == expected
