"""Read a registration export (CSV or XLSX) into a table of strings with Excel row numbers.

Every cell becomes a stripped string ('' when empty), so validation sees what
the user typed. The frame's index holds the row numbers the user sees in Excel
(header = the first non-empty row, usually 1; data from `first_data_row`).
Empty rows between data rows stay in the frame (as rows of '') so the numbers
keep matching; empty rows at the end are dropped.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, time

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from dashboard.registratie.templates import TOELICHTING_SHEET

_SEP_HINT = re.compile(r"sep=([;,\t|])", re.IGNORECASE)
_DELIMITERS = (";", "\t", ",")  # on a tie the Dutch default wins
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and other Office 97 files)
_NOT_TEXT = "Het bestand is geen leesbaar CSV- of Excel-bestand (binaire inhoud)."
_NOT_XLSX = "Het bestand is geen geldig Excel-bestand (beschadigd of onvolledig)."
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\x7f"}


class ImportFileError(Exception):
    """An export that cannot be read at all; the message is Dutch and names the file."""

    def __init__(self, bestand: str, reden: str) -> None:
        super().__init__(f"{bestand}: {reden}")
        self.bestand = bestand
        self.reden = reden


@dataclass(frozen=True)
class RawTable:
    """A read export: all cells as stripped strings, indexed by Excel row number."""

    frame: pd.DataFrame
    bestand: str
    sheet: str | None
    delimiter: str | None
    encoding: str | None
    first_data_row: int

    @property
    def columns(self) -> list[str]:
        """The column names of the header row."""
        return [str(c) for c in self.frame.columns]


def read_export(
    data: bytes, filename: str, sheet: str | None = None, kind: str | None = None
) -> RawTable:
    """Read CSV or XLSX bytes; raise ImportFileError when the file cannot be read."""
    if not data or not data.strip(b" \t\r\n\x00"):
        raise ImportFileError(filename, "Het bestand is leeg.")
    if data.startswith(_OLE_MAGIC) or filename.lower().endswith(".xls"):
        raise ImportFileError(
            filename,
            "Het oude Excel-formaat (.xls) wordt niet ondersteund; sla het bestand op als"
            " .xlsx of als CSV.",
        )
    if data.startswith(_ZIP_MAGIC) or filename.lower().endswith(_XLSX_SUFFIXES):
        return _read_xlsx(data, filename, sheet, kind)
    return _read_csv(data, filename)


# --- CSV ---------------------------------------------------------------------------------


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    """Decode as UTF-16 (with BOM), UTF-8 (with or without BOM) or else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    elif data.startswith(b"\xef\xbb\xbf"):
        candidates = ("utf-8-sig",)
    else:
        candidates = ("utf-8", "cp1252")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, encoding
    raise ImportFileError(filename, _NOT_TEXT)


def _looks_binary(text: str) -> bool:
    """True when the text holds NUL or more than 1% control characters."""
    if "\x00" in text:
        return True
    control = sum(1 for ch in text if ch in _CONTROL)
    return control > max(1, len(text) // 100)


def _header_line(text: str) -> str:
    """The first non-empty record's text, reading past newlines inside quotes."""
    start = 0
    while True:
        in_quotes = False
        for pos in range(start, len(text)):
            ch = text[pos]
            if ch == '"':
                in_quotes = not in_quotes
            elif ch in "\r\n" and not in_quotes:
                line = text[start:pos]
                if line.strip():
                    return line
                start = pos + 1
                break
        else:
            return text[start:]


def _sniff_delimiter(header: str) -> str:
    """The most frequent of ; tab , outside quotes in the header line."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    in_quotes = False
    for ch in header:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])  # max keeps the first on a tie
    return best if counts[best] else ";"


def _read_csv(data: bytes, filename: str) -> RawTable:
    """Read delimited text into a RawTable."""
    text, encoding = _decode(data, filename)
    if _looks_binary(text):
        raise ImportFileError(filename, _NOT_TEXT)
    if not text.strip():
        raise ImportFileError(filename, "Het bestand is leeg.")
    header = _header_line(text)
    if (hint := _SEP_HINT.fullmatch(header.strip())) is not None:
        # Excel's "sep=;" first line: Excel hides it, so the header is still row 1.
        delimiter = hint[1]
        text = text[text.index(header) + len(header) :].lstrip("\r\n")
    else:
        delimiter = _sniff_delimiter(header)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(
            filename, f"Het CSV-bestand kan niet worden gelezen ({exc})."
        ) from exc
    rows = [[cell.strip() for cell in record] for record in records]
    return _to_raw_table(rows, filename, None, delimiter, encoding)


# --- XLSX --------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    """A cell value as the string a user would have typed in Dutch Excel."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d-%m-%Y")
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}".replace(".", ",")
    return str(value).strip()


def _read_xlsx(data: bytes, filename: str, sheet: str | None, kind: str | None) -> RawTable:
    """Read one sheet of an XLSX workbook into a RawTable."""
    try:
        with warnings.catch_warnings():
            # Exports from other tools often lack styles; openpyxl warns and carries on.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # any parser failure on untrusted bytes means: not a usable workbook
        raise ImportFileError(filename, _NOT_XLSX) from exc
    try:
        names = list(workbook.sheetnames)
        chosen = _choose_sheet(names, sheet, kind, filename)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rows = [
                    [_cell_text(v) for v in row]
                    for row in workbook[chosen].iter_rows(values_only=True)
                ]
        except Exception as exc:  # a damaged sheet inside an intact zip
            raise ImportFileError(filename, _NOT_XLSX) from exc
    finally:
        workbook.close()
    if not any(any(row) for row in rows):
        raise ImportFileError(filename, f"Tabblad '{chosen}' is leeg.")
    return _to_raw_table(rows, filename, chosen, None, None)


def _choose_sheet(names: list[str], sheet: str | None, kind: str | None, filename: str) -> str:
    """The named sheet, else one named like the kind, else the first that is not Toelichting."""
    if sheet is not None:
        if sheet in names:
            return sheet
        raise ImportFileError(filename, f"Tabblad '{sheet}' bestaat niet; wel: {', '.join(names)}")
    if kind is not None:
        for name in names:
            if name.strip().lower() == kind.lower():
                return name
    for name in names:
        if name.strip().lower() != TOELICHTING_SHEET.lower():
            return name
    return names[0]


# --- shared ------------------------------------------------------------------------------


def _to_raw_table(
    rows: list[list[str]],
    filename: str,
    sheet: str | None,
    delimiter: str | None,
    encoding: str | None,
) -> RawTable:
    """Header from the first non-empty row; data rows numbered as Excel numbers them."""
    header_at = next((i for i, row in enumerate(rows) if any(row)), None)
    if header_at is None:
        raise ImportFileError(filename, "Het bestand is leeg.")
    last = max(i for i, row in enumerate(rows) if any(row))
    body = rows[header_at + 1 : last + 1]
    width = max(len(row) for row in rows[header_at : last + 1])
    header = rows[header_at] + [""] * (width - len(rows[header_at]))
    body = [row + [""] * (width - len(row)) for row in body]

    keep: list[int] = []
    names: list[str] = []
    seen: dict[str, int] = {}
    for col, name in enumerate(header):
        if not name:
            if not any(row[col] for row in body):
                continue  # trailing separators or empty formatted columns
            name = f"Kolom {get_column_letter(col + 1)}"
        count = seen.get(name.lower(), 0) + 1
        seen[name.lower()] = count
        keep.append(col)
        names.append(name if count == 1 else f"{name} ({count})")

    first_data_row = header_at + 2
    frame = pd.DataFrame(
        [[row[c] for c in keep] for row in body],
        columns=names,
        index=pd.RangeIndex(first_data_row, first_data_row + len(body), name="rij"),
        dtype=object,
    )
    return RawTable(frame, filename, sheet, delimiter, encoding, first_data_row)
