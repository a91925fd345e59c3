"""Downloads: the team lead's signals as an Excel workbook (XLSX bytes), as pure functions.

Text from data (names of professionals and wijken) must never become a formula in an
export (docs/DESIGN.md §7): a text cell that starts with a character a spreadsheet reads
as the start of a formula gets an apostrophe in front, so it stays text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.display import formatting as fmt
from dashboard.display.labels import ROL_LABELS
from dashboard.i18n import N_, _

# = + - @ start a formula in Excel (and LibreOffice, Google Sheets); a tab or carriage
# return in front of them does too (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

DATE_FORMAT = "DD-MM-YYYY"

SIGNALS_SHEET = N_("Signalen")

# the columns of `screens.continuiteit.named_signals` -> the Dutch headers of the workbook
SIGNAL_HEADERS: dict[str, str] = {
    "tekst": N_("Signaal"),
    "wijknaam": N_("Wijk"),
    "rol": N_("Rol"),
    "startdatum": N_("Start inzet"),
    "einddatum": N_("Laatste dag inzet"),
}
_WIDTHS = {"tekst": 70, "wijknaam": 24, "rol": 24, "startdatum": 14, "einddatum": 14}


def safe_text(value: str) -> str:
    """Text that a spreadsheet shows as text: one starting with a formula character gets a `'`."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def cell_value(value: object) -> object:
    """A value as a workbook stores it: dates as dates, text made safe, missing as empty."""
    if value is None or fmt.is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return safe_text(value)
    return value


def header_row(sheet: Worksheet, headers: Sequence[str]) -> None:
    """Append the bold header row (headers are text like any other: made safe)."""
    sheet.append([safe_text(str(h)) for h in headers])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as XLSX bytes."""
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def signals_xlsx(signals: pd.DataFrame) -> bytes:
    """The named signals (`screens.continuiteit.named_signals`) as an XLSX file: one sheet,
    Dutch headers, dates as real dates, the rol as its Dutch label."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = _(SIGNALS_SHEET)
    columns = list(SIGNAL_HEADERS)
    header_row(sheet, [_(SIGNAL_HEADERS[c]) for c in columns])
    for values in zip(*(signals[c] for c in columns), strict=True):
        row = dict(zip(columns, values, strict=True))
        row["rol"] = ROL_LABELS.get(str(row["rol"]), row["rol"])
        sheet.append([cell_value(row[c]) for c in columns])
    for number, column in enumerate(columns, start=1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = _WIDTHS[column]
        if column in ("startdatum", "einddatum"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    return workbook_bytes(workbook)
