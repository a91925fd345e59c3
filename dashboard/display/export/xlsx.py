"""Figures as an Excel workbook: an explanation sheet, then one sheet per table. The
Wijkprofiel's story gives one table per chart (`workbook`); the analysis screens give the
tables of what they show (`tables_workbook`).

Numbers stay numbers (with a Dutch-reading number format: Excel shows `#,##0.0` as
1.234,5 in a Dutch locale), a suppressed small count stays the text "<5", and text from
data never becomes a formula: it gets the apostrophe of `exports.safe_text`, as in the
signals export, so the neutralised text is visibly marked and stays text in every program
that reads the file (a hidden quotePrefix style is lost when the file passes through CSV).
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dashboard.display import formatting as fmt
from dashboard.display.exports import DATE_FORMAT, cell_value, header_row, safe_text, workbook_bytes
from dashboard.display.story import Story
from dashboard.i18n import N_, _

INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0#"
ABOUT_SHEET = N_("Over dit bestand")

# Excel refuses these in a sheet name, and a name over 31 characters or "History".
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
MAX_SHEET_NAME = 31
_RESERVED = {"history"}


def _cut(text: str, length: int) -> str:
    """`text` if it fits in `length` characters, else its start and "…", so a reader sees it
    was cut (the list on the first sheet has the whole title)."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def sheet_names(titles: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """Valid, unique (case-insensitively, as Excel compares) sheet names for these titles."""
    used = {t.casefold() for t in taken}
    names = []
    for number, title in enumerate(titles, start=1):
        base = _FORBIDDEN.sub(" ", title)
        base = " ".join(base.split()).strip("'") or _("Grafiek {number}").format(number=number)
        if base.casefold() in _RESERVED:
            base = _("{name} (grafiek)").format(name=base)
        base = _cut(base, MAX_SHEET_NAME).strip("'") or _("Grafiek {number}").format(number=number)
        name, copy = base, 1
        while name.casefold() in used:
            copy += 1
            suffix = f" ({copy})"
            name = _cut(base, MAX_SHEET_NAME - len(suffix)) + suffix
        used.add(name.casefold())
        names.append(name)
    return names


def _number_format(values: pd.Series) -> str | None:
    """The format of a column of numbers: whole numbers without decimals, others with 1–2."""
    numeric = [
        v
        for v in values
        if isinstance(v, numbers.Real) and not isinstance(v, bool) and not fmt.is_missing(v)
    ]
    if not numeric:
        return None
    return INTEGER_FORMAT if all(float(v).is_integer() for v in numeric) else DECIMAL_FORMAT


def _is_dates(values: pd.Series) -> bool:
    """Whether a column holds dates: as datetime64, or as Python dates (an object column; the
    Wijkprofiel's years came out as yyyy-mm-dd beside the other files' dd-mm-jjjj)."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return True
    present = [v for v in values if not fmt.is_missing(v)]
    return bool(present) and all(isinstance(v, date) for v in present)


def _value(value: object) -> object:
    """A cell value: numpy numbers as Python numbers, the rest as `exports.cell_value`."""
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    elif isinstance(value, np.generic):
        value = value.item()
    return cell_value(value)


def _write_table(sheet, data: pd.DataFrame) -> None:
    header_row(sheet, [str(c) for c in data.columns])
    for row in data.itertuples(index=False, name=None):
        sheet.append([_value(v) for v in row])
    for number, column in enumerate(data.columns, start=1):
        letter = get_column_letter(number)
        texts = [str(column), *(str(v) for v in data[column].head(200))]
        sheet.column_dimensions[letter].width = min(60, max(10, max(map(len, texts)) + 2))
        number_format = DATE_FORMAT if _is_dates(data[column]) else _number_format(data[column])
        if number_format is None:
            continue
        for (cell,) in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
            if cell.data_type in ("n", "d"):
                # a count (an int) in a column that also holds rates: "2.807", not "2.807,0"
                whole = number_format == DECIMAL_FORMAT and isinstance(cell.value, int)
                cell.number_format = INTEGER_FORMAT if whole else number_format
    sheet.freeze_panes = "A2"


def _about(sheet, rows: Sequence[tuple[str, str]], index_header: str) -> None:
    """What the file is (label, text rows), then the header of the list of sheets."""
    for label, text in rows:
        sheet.append([label, safe_text(text)])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([])
    sheet.append([_("Tabblad"), index_header])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 80


def tables_workbook(
    about: Sequence[tuple[str, str]],
    tables: Sequence[tuple[str, pd.DataFrame]],
    index_header: str | None = None,
    sheets: Sequence[str] | None = None,
) -> bytes:
    """XLSX bytes: the sheet "Over dit bestand" with the `about` rows and a list of the
    sheets, then one sheet per (title, table), named after its title or, given `sheets`,
    after those. Tables have Dutch headers and real numbers, except a suppressed small
    count, which is the text "<5"."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    about_sheet = _(ABOUT_SHEET)
    sheet.title = about_sheet
    _about(sheet, about, _("Tabel") if index_header is None else index_header)
    titles = [title for title, _data in tables] if sheets is None else sheets
    names = sheet_names(titles, taken=[about_sheet])
    for name, (title, data) in zip(names, tables, strict=True):
        sheet.append([name, safe_text(title)])
        _write_table(book.create_sheet(name), data)
    return workbook_bytes(book)


def workbook(story: Story) -> bytes:
    """The story's figures as XLSX bytes: an explanation sheet, then one sheet per chart."""
    rows = [
        (_("Wijkprofiel"), story.area_name),
        (_("Gemeente"), story.gemeente_name),
        (_("Gebiedscode"), story.area_code),
        (_("Periode"), story.period_text),
        (_("Bron"), story.source),
        (_("Gemaakt op"), fmt.dutch_date(story.made)),
    ]
    if story.fictitious:
        rows.insert(0, (_("Let op"), _("Fictieve gegevens (demo), geen echte wijk")))
    return tables_workbook(
        rows,
        [(c.title, c.data) for c in story.charts],
        _("Grafiek"),
        [c.sheet or c.title for c in story.charts],
    )
