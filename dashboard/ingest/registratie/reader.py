"""Read a registration export (CSV or XLSX) into a table of strings with Excel row numbers.

Every cell becomes a stripped string ('' when empty), so validation sees what
the user typed. Row numbers are the ones the user sees in Excel (header = the
first non-empty row, usually 1; data from `first_data_row`). Empty rows between
data rows stay in the table (as rows of '') so the numbers keep matching; empty
rows at the end are dropped.

An ambiguous file is refused, never guessed at (ImportFileError, naming rows and
columns): two columns whose names the column mapping cannot tell apart ("Rol" and
"rol"), and a CSV row with another number of cells than the header (an unquoted
separator or line break in a value moves every value after it). Empty cells after
the last column (trailing separators) do not count. In a workbook a cell has its
own column, so nothing can move there.

A plain CSV (no quotes, the same number of cells on every line, no exotic
whitespace) is parsed by Arrow's reader; anything else goes through Python's csv
module, which is tolerant but about 20x slower. Both give the same table
(tests/test_registratie_reader.py compares them). Both read a stream of blocks,
after a scan of the text block by block (_read_csv_file), so a file of hundreds
of MB is never in memory whole as text; a column that repeats its texts is kept
as an Arrow dictionary (_Columns).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pyarrow import csv as arrow_csv

from dashboard.i18n import N_
from dashboard.ingest.registratie.formulas import uncalculated_formula
from dashboard.ingest.registratie.mapping import normalise
from dashboard.ingest.registratie.problems import PARAGRAPHS, register_templates, shown_reason
from dashboard.ingest.registratie.templates import TOELICHTING_SHEET
from dashboard.ingest.registratie.values import looks_like_date, parse_decimal

_SEP_HINT = re.compile(r"sep=([;,\t|])", re.IGNORECASE)
_DELIMITERS = (";", "\t", ",")  # on a tie the Dutch default wins
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and other Office 97 files)
_NOT_TEXT = N_("Het bestand is geen leesbaar CSV- of Excel-bestand (binaire inhoud).")
_NOT_XLSX = N_("Het bestand is geen geldig Excel-bestand (beschadigd of onvolledig).")
_CONTROL_CHARS = "".join(chr(c) for c in (*range(1, 9), 11, 12, *range(14, 32), 127))
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
# Whitespace Python's str.strip() removes but the fast path's trim does not: such files
# (and files with quotes or lone carriage returns) take the tolerant path.
_OTHER_SPACE = re.compile(r"[^\S \t\n\r]")
_DELIMITER_NAMES = {
    ";": N_("puntkomma"),
    ",": N_("komma"),
    "\t": N_("tab"),
    "|": N_("verticale streep"),
}
_SHOWN_ROWS = 10  # ragged rows named in the message; the rest are counted
_BLANK = re.compile(rb"[ \t\r\n\x00]*")  # a file of only these is empty (matched: no copy)
_BLOCK = 1 << 24  # a CSV file is scanned in blocks of 16 MB
# rows an export may have above its column names, each with one cell filled (a title, a
# period, a filter): they are left out, with a warning in the report
_TITLE_ROWS = 5
_HEAD = 1 << 20  # characters kept from the start of its text to find the header in


class ImportFileError(Exception):
    """An export that cannot be read at all; the message is Dutch and names the file."""

    def __init__(self, bestand: str, reden: str) -> None:
        super().__init__(f"{bestand}: {reden}")
        self.bestand = bestand
        self.reden = reden

    def shown(self) -> str:
        """The message in the run's language (the exception's own text stays Dutch)."""
        return f"{self.bestand}: {shown_reason(self.reden)}"


# nothing in it, not even the column names an export of a quiet month still has: most
# likely the export failed or another file was chosen
_EMPTY = N_(
    "Het bestand is leeg: er staan zelfs geen kolomnamen in. Controleer of de export gelukt is"
    " en of u het goede bestand koos; een export zonder gegevens heeft nog wel de kolomnamen."
)
_CSV_UNREADABLE = N_("Het CSV-bestand kan niet worden gelezen ({error}).")
_SHEET_EMPTY = N_(
    "Tabblad '{sheet}' is leeg: er staan zelfs geen kolomnamen op. Kies het tabblad met de"
    " gegevens, of controleer of de export gelukt is."
)
_NOT_CALCULATED = N_(
    "Tabblad '{sheet}' heeft formules zonder berekende waarde (de eerste in cel {cell}); ze"
    " zouden als lege cellen worden ingelezen. Open het bestand in Excel of LibreOffice en"
    " sla het op (dan worden ze berekend), of lever het aan als CSV."
)
_NOT_CALCULATED_UNNAMED = N_(
    "Tabblad '{sheet}' heeft formules zonder berekende waarde; ze zouden als lege cellen"
    " worden ingelezen. Open het bestand in Excel of LibreOffice en sla het op (dan worden"
    " ze berekend), of lever het aan als CSV."
)
_SHEET_MISSING = N_("Tabblad '{sheet}' bestaat niet; wel: {names}")
# an ambiguous header: each name the mapping cannot tell apart, with its columns
_DUPLICATE_NAMES = N_(
    "Kolomnamen komen meer dan eens voor (met de kolomletter): {names}. Welke kolom bedoeld"
    " is, is niet te zeggen: geef elke kolom een eigen naam of verwijder de overbodige."
)
# rows with other numbers of cells than the header
_RAGGED = N_(
    "Niet elke rij heeft evenveel cellen als de kop: {rows}. De waarden na een extra of"
    " ontbrekende cel schuiven naar een andere kolom; staat er een {separator} of een"
    " regeleinde in een waarde zonder aanhalingstekens eromheen?"
)
# every field a number, so that a row's template never reaches into the next row
_RAGGED_ROW = (
    N_("rij {n_row} heeft {n_cells} cel, de kop {n_header}"),
    N_("rij {n_row} heeft {n_cells} cellen, de kop {n_header}"),
)
_MORE_ROWS = N_("en nog {n} rijen")
register_templates(
    _CSV_UNREADABLE,
    _SHEET_EMPTY,
    _SHEET_MISSING,
    _NOT_CALCULATED,
    _NOT_CALCULATED_UNNAMED,
    _DUPLICATE_NAMES,
    _RAGGED,
    *_RAGGED_ROW,
    _MORE_ROWS,
)


@dataclass(frozen=True)
class RawTable:
    """A read export: all cells as stripped strings; data row k has Excel row first_data_row + k."""

    table: pa.Table
    bestand: str
    sheet: str | None
    delimiter: str | None
    encoding: str | None
    first_data_row: int
    # rows above the column names, left out: (Excel row, its text)
    titles: tuple[tuple[int, str], ...] = ()

    @property
    def columns(self) -> list[str]:
        """The column names of the header row."""
        return list(self.table.column_names)

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The cells as a DataFrame of Python strings, indexed by Excel row number."""
        start = self.first_data_row
        return pd.DataFrame(
            {name: self.table[name].to_numpy(zero_copy_only=False) for name in self.columns},
            columns=self.columns,
            index=pd.RangeIndex(start, start + self.table.num_rows, name="rij"),
            dtype=object,
        )


def read_export(
    data: bytes | Path, filename: str, sheet: str | None = None, kind: str | None = None
) -> RawTable:
    """Read a CSV or XLSX file (its bytes, or its path); raise ImportFileError when it cannot
    be read. A CSV is read in blocks (_read_csv_file): never whole as text, and given by its
    path not even as bytes."""
    raw = _read_csv_file(data, filename)
    # Arrow's allocator keeps the blocks the read has freed for later use: 100-150 MB after a
    # file of 200 MB that the check, in DuckDB and Python, cannot use; give them back
    pa.default_memory_pool().release_unused()
    if raw is not None:
        return raw
    if isinstance(data, Path):
        with data.open("rb") as handle:
            zipped = handle.read(len(_ZIP_MAGIC)) == _ZIP_MAGIC
        # a workbook by its path: openpyxl reads the sheet from the zip as a stream (an
        # ".xls" name is refused below, as for its bytes)
        if zipped and not filename.lower().endswith(".xls"):
            return _read_xlsx(data, filename, sheet, kind)
        data = data.read_bytes()
    if not data or _BLANK.fullmatch(data):
        raise ImportFileError(filename, _EMPTY)
    if data.startswith(_OLE_MAGIC) or filename.lower().endswith(".xls"):
        raise ImportFileError(
            filename,
            N_(
                "Het oude Excel-formaat (.xls) wordt niet ondersteund; sla het bestand op als"
                " .xlsx of als CSV."
            ),
        )
    if data.startswith(_ZIP_MAGIC) or filename.lower().endswith(_XLSX_SUFFIXES):
        return _read_xlsx(data, filename, sheet, kind)
    return _read_csv(data, filename)


# --- CSV ---------------------------------------------------------------------------------


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    """Decode as UTF-16 (with BOM), UTF-8 (with or without BOM) or else Windows-1252."""
    candidates: tuple[str, ...]
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


def _control_bytes(data: bytes) -> int:
    """How many bytes of ASCII `data` are control characters (_CONTROL_CHARS): the bytes
    below 32 but NUL, tab, LF and CR, and DEL. In numpy: a copy without them by
    bytes.translate took twice as long on a 40 MB export (measured)."""
    below_space = int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) < 32))
    allowed = sum(data.count(byte) for byte in (b"\x00", b"\t", b"\n", b"\r"))
    return below_space - allowed + data.count(b"\x7f")


def _looks_binary(text: str, encoded: bytes | None = None) -> bool:
    """True when the text holds NUL or more than 1% control characters.

    `encoded` is the text's UTF-8 bytes when the caller has them (saves encoding 40 MB).
    """
    if "\x00" in text:
        return True
    allowed = max(1, len(text) // 100)
    if text.isascii():  # the usual export: count in one C pass instead of a regex
        data = encoded if encoded is not None else text.encode("ascii")
        return _control_bytes(data) > allowed
    for count, _ in enumerate(_CONTROL.finditer(text), start=1):
        if count > allowed:
            return True
    return False


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


def _sniff_delimiter(header: str, text: str = "") -> str:
    """The most frequent of ; tab , outside quotes in the header line; when it has none, or
    one that no line below it has (a title above the column names: "Deelnames januari,
    februari" above a `;` table), the most frequent in the first line below that has one."""
    found = _most_frequent_delimiter(header)
    below = list(itertools.islice(io.StringIO(text[:_HEAD]), 1, _TITLE_ROWS + 2))
    if found is None or (below and not any(found in line for line in below)):
        found = next(filter(None, map(_most_frequent_delimiter, below)), found)
    return found or ";"


def _most_frequent_delimiter(line: str) -> str | None:
    """The most frequent of ; tab , outside quotes in a line; None when it has none."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    in_quotes = False
    for ch in line:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])  # max keeps the first on a tie
    return best if counts[best] else None


def _read_csv(data: bytes, filename: str) -> RawTable:
    """Read delimited text into a RawTable."""
    text, encoding = _decode(data, filename)
    encoded = data if encoding == "utf-8" else None  # the text's UTF-8 bytes, as they came
    if _looks_binary(text, encoded):
        raise ImportFileError(filename, _NOT_TEXT)
    if not text.strip():
        raise ImportFileError(filename, _EMPTY)
    header = _header_line(text)
    if (hint := _SEP_HINT.fullmatch(header.strip())) is not None:
        # Excel's "sep=;" first line: Excel hides it, so the header is still row 1.
        delimiter = hint[1]
        text = text[text.index(header) + len(header) :].lstrip("\r\n")
        encoded = None
    else:
        delimiter = _sniff_delimiter(header, text)
    cells = _read_plain_csv(text, delimiter, encoded)
    lengths = None  # the fast path reads only files whose lines all have the header's cells
    if cells is None:
        cells, lengths = _module_columns(io.StringIO(text, newline=""), delimiter, filename)
    return _to_raw_table(cells, filename, None, delimiter, encoding, lengths)


def _module_columns(
    lines: Iterable[str], delimiter: str, filename: str
) -> tuple[list[pa.Array], list[int]]:
    """The trimmed columns of every record by Python's csv module, and each record's number
    of cells; read a chunk of records at a time, so only a chunk is ever Python strings."""
    columns = _Columns()
    lengths: list[int] = []
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        while records := list(itertools.islice(reader, _RECORDS)):
            lengths.extend(len(record) for record in records)
            columns.add(_columns([[cell.strip() for cell in record] for record in records]))
    except csv.Error as exc:
        raise ImportFileError(filename, _CSV_UNREADABLE.format(error=exc)) from exc
    return columns.finish(), lengths


_RECORDS = 65_536  # records the csv module reads into Python strings at a time


def _other_space(text: str) -> bool:
    """Whether the text holds whitespace other than space, tab, CR and LF."""
    if text.isascii():
        return any(ch in text for ch in "\x0b\x0c\x1c\x1d\x1e\x1f")
    return _OTHER_SPACE.search(text) is not None


def _read_plain_csv(
    text: str, delimiter: str, encoded: bytes | None = None
) -> list[pa.Array] | None:
    """The trimmed columns of every line, parsed by Arrow; None when the file is not plain.

    Plain: no quote characters, no carriage return outside CRLF, no whitespace other
    than space and tab inside lines, and the header's number of cells on every line.
    Then splitting at the delimiter is the whole CSV grammar, and Arrow's result
    equals the csv module's. `encoded` is the text's UTF-8 bytes when the caller has them.
    """
    if text.endswith(_TRAILING_EMPTY):
        # trailing empty lines are dropped anyway; one line end is Arrow's own business
        text, encoded = text.rstrip("\r\n"), None
    if (
        not text.strip("\r\n")
        or text.startswith("\ufeff")  # a second BOM: Arrow would drop it, the csv module keeps it
        or '"' in text
        or ("\r" in text and text.count("\r") != text.count("\r\n"))
        or _other_space(text)
    ):
        return None
    width = text[: text.find("\n") if "\n" in text else len(text)].count(delimiter) + 1
    source = io.BytesIO(encoded if encoded is not None else text.encode("utf-8"))
    return _arrow_columns(source, delimiter, width, " " in text or "\t" in text)


_TRAILING_EMPTY = ("\n\n", "\r\r", "\n\r\n", "\n\r")


def _arrow_columns(
    source: io.BytesIO | str, delimiter: str, width: int, spaces: bool, encoding: str = "utf8"
) -> list[pa.Array] | None:
    """A plain CSV's columns of text, by Arrow's reader (trimmed when the text has spaces or
    tabs); None when a line has another number of cells. Read as a stream of blocks (see
    _Columns: a 200 MB file never stands in memory as text)."""
    names = [f"c{i}" for i in range(width)]
    columns = _Columns()
    longest = 0
    try:
        reader = arrow_csv.open_csv(
            source,
            read_options=arrow_csv.ReadOptions(
                column_names=names, block_size=_ARROW_BLOCK, encoding=encoding
            ),
            parse_options=arrow_csv.ParseOptions(
                delimiter=delimiter, quote_char=False, ignore_empty_lines=False
            ),
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
            ),
        )
        for batch in reader:
            chunk = batch.columns
            longest = max([longest, *(pc.max(pc.binary_length(c)).as_py() or 0 for c in chunk)])
            columns.add([pc.utf8_trim(c, " \t") for c in chunk] if spaces else chunk)
    except pa.ArrowInvalid:  # a line with another number of cells, or an empty line
        return None
    if longest > csv.field_size_limit():  # the csv module refuses such a cell: let it say so
        return None
    return columns.finish()


class _Columns:
    """Columns of text gathered a chunk of rows at a time. A column whose first chunk
    repeats its texts is kept as a dictionary from then on (each text once, an index per
    cell): a deelnames export of 5 million rows takes a third of the memory that way."""

    def __init__(self) -> None:
        self.chunks: list[list[pa.Array]] = []
        self.rows = 0

    def add(self, chunk: list[pa.Array]) -> None:
        rows = len(chunk[0]) if chunk else 0
        if not rows:
            return
        for _ in range(len(self.chunks), len(chunk)):  # a wider record further down
            self.chunks.append([pa.array([""] * self.rows, pa.string())] if self.rows else [])
        for col, parts in enumerate(self.chunks):
            column = chunk[col] if col < len(chunk) else pa.array([""] * rows, pa.string())
            if not parts:
                encoded = column.dictionary_encode()
                parts.append(encoded if 2 * len(encoded.dictionary) <= rows else column)
            elif pa.types.is_dictionary(parts[0].type):
                parts.append(column.dictionary_encode())
            else:
                parts.append(column)
        self.rows += rows

    def finish(self) -> list[pa.Array]:
        columns = []
        for parts in self.chunks:
            if pa.types.is_dictionary(parts[0].type):
                parts = pa.table({"c": pa.chunked_array(parts)}).unify_dictionaries()["c"].chunks
                if len(parts[0].dictionary) * 2 > self.rows:  # not repeating after all
                    parts = [part.dictionary_decode() for part in parts]
            columns.append(pa.concat_arrays(parts))
        return columns


_ARROW_BLOCK = 1 << 22  # bytes per block Arrow reads and parses (4 MB)


@dataclass
class _Scan:
    """What a block-by-block scan of a file's text found (the checks of _read_csv and
    _read_plain_csv, without the whole text in memory)."""

    chars: int = 0
    controls: int = 0
    nul: bool = False
    quote: bool = False
    carriage_returns: int = 0
    crlf: int = 0
    other_space: bool = False
    spaces: bool = False
    blank: bool = True
    head: str = ""  # the text's first characters (_HEAD), the header among them
    tail: str = ""  # the last characters of the text

    def add(self, text: str, raw: bytes | None = None) -> None:
        """Scan the next piece of text; `raw`: its bytes, when they are ASCII (no encoding
        again to count control characters)."""
        if len(self.head) < _HEAD:
            self.head += text[: _HEAD - len(self.head)]
        self.chars += len(text)
        self.nul = self.nul or "\x00" in text
        if raw is not None or text.isascii():
            self.controls += _control_bytes(raw if raw is not None else text.encode("ascii"))
        else:
            self.controls += sum(1 for _ in _CONTROL.finditer(text))
        self.quote = self.quote or '"' in text
        if "\r" in text:  # most exports have none: no counting then
            self.carriage_returns += text.count("\r")
            self.crlf += text.count("\r\n")
        # a CRLF split over two blocks
        self.crlf += self.tail.endswith("\r") and text.startswith("\n")
        self.other_space = self.other_space or _other_space(text)
        self.spaces = self.spaces or " " in text or "\t" in text
        self.blank = self.blank and (not text or text.isspace())
        self.tail = (self.tail + text[-3:])[-3:]

    def plain(self) -> bool:
        """Whether Arrow's reader reads the file as the csv module would (see _read_plain_csv)."""
        return not (
            self.blank
            or self.head.startswith("\ufeff")
            or self.quote
            or self.carriage_returns != self.crlf
            or self.other_space
            or self.tail.endswith(_TRAILING_EMPTY)
        )


def _read_csv_file(source: Path | bytes, filename: str) -> RawTable | None:
    """A CSV read in blocks, so its text is never in memory whole: a plain one by Arrow's
    reader, any other by the csv module as a stream. None for what _read_csv reads from the
    whole text (a workbook, UTF-16, an empty file, Excel's "sep=" line)."""
    if filename.lower().endswith((*_XLSX_SUFFIXES, ".xls")):
        return None
    with _opened(source) as handle:
        start = handle.read(len(_OLE_MAGIC))
    if not start or start.startswith((_ZIP_MAGIC, _OLE_MAGIC, b"\xff\xfe", b"\xfe\xff")):
        return None
    encoding = "utf-8-sig" if start.startswith(codecs.BOM_UTF8) else "utf-8"
    scan = _scan(source, encoding)
    if scan is None:  # not UTF-8: Windows-1252, as _decode reads it
        encoding = "cp1252"
        scan = _scan(source, encoding)
        if scan is None:
            raise ImportFileError(filename, _NOT_TEXT)
    if scan.nul or scan.controls > max(1, scan.chars // 100):
        raise ImportFileError(filename, _NOT_TEXT)
    header = _header_line(scan.head)
    if scan.blank or not header.strip() or _SEP_HINT.fullmatch(header.strip()) is not None:
        return None
    delimiter = _sniff_delimiter(header, scan.head)
    if scan.plain():
        first_line = scan.head[: scan.head.find("\n")] if "\n" in scan.head else scan.head
        width = first_line.count(delimiter) + 1
        arrow_encoding = "utf8" if encoding.startswith("utf-8") else encoding
        arrow_source = str(source) if isinstance(source, Path) else io.BytesIO(source)
        cells = _arrow_columns(arrow_source, delimiter, width, scan.spaces, arrow_encoding)
        if cells is not None:
            return _to_raw_table(cells, filename, None, delimiter, encoding)
    with io.TextIOWrapper(_opened(source), encoding=encoding, newline="") as lines:
        cells, lengths = _module_columns(lines, delimiter, filename)
    return _to_raw_table(cells, filename, None, delimiter, encoding, lengths)


def _opened(source: Path | bytes) -> BinaryIO:
    return source.open("rb") if isinstance(source, Path) else io.BytesIO(source)


def _scan(source: Path | bytes, encoding: str) -> _Scan | None:
    """The file's text scanned block by block; None when it is not in `encoding`."""
    scan = _Scan()
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with _opened(source) as handle:
            while block := handle.read(_BLOCK):
                # an ASCII block decodes to itself (UTF-8, cp1252): its bytes count controls
                scan.add(decoder.decode(block), block if block.isascii() else None)
        scan.add(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        return None
    return scan


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


def _read_xlsx(data: bytes | Path, filename: str, sheet: str | None, kind: str | None) -> RawTable:
    """Read one sheet of an XLSX workbook (its bytes, or its path) into a RawTable.

    A path is opened as a file, not given by name: openpyxl refuses a name without an Excel
    extension, and an export saved as "export.csv" is still a workbook."""
    with data.open("rb") if isinstance(data, Path) else io.BytesIO(data) as source:
        try:
            with warnings.catch_warnings():
                # Exports from other tools often lack styles; openpyxl warns and carries on.
                warnings.simplefilter("ignore")
                workbook = load_workbook(source, read_only=True, data_only=True)
        except Exception as exc:  # any parser failure on untrusted bytes: not a usable workbook
            raise ImportFileError(filename, _NOT_XLSX) from exc
        try:
            chosen = _choose_sheet(list(workbook.sheetnames), sheet, kind, filename)
            # openpyxl's name of the sheet's part in the zip (private, hence the default)
            member = getattr(workbook[chosen], "_worksheet_path", None)
            columns = _sheet_columns(workbook[chosen], filename)
        finally:
            workbook.close()
        if columns is not None and member is not None:
            cell = uncalculated_formula(source, member)
            if cell is not None:
                raise ImportFileError(
                    filename,
                    _NOT_CALCULATED.format(sheet=chosen, cell=cell)
                    if cell
                    else _NOT_CALCULATED_UNNAMED.format(sheet=chosen),
                )
    if columns is None:
        raise ImportFileError(filename, _SHEET_EMPTY.format(sheet=chosen))
    return _to_raw_table(columns, filename, chosen, None, None)


def _sheet_columns(worksheet: Any, filename: str) -> list[pa.Array] | None:
    """A sheet's cells as text columns, None when no cell is filled.

    The rows become Arrow columns _XLSX_CHUNK at a time (as a CSV's do, _Columns): a sheet
    of a million rows never stands in memory as Python strings."""
    columns = _Columns()
    filled = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rows = ([_cell_text(v) for v in row] for row in worksheet.iter_rows(values_only=True))
            while chunk := list(itertools.islice(rows, _XLSX_CHUNK)):
                filled = filled or any(any(row) for row in chunk)
                # a chunk of rows without cells (a sheet without its dimension gives missing
                # rows as []) still counts its rows: Excel numbers them
                columns.add(_columns(chunk) or [pa.array([""] * len(chunk), pa.string())])
    except Exception as exc:  # a damaged sheet inside an intact zip
        raise ImportFileError(filename, _NOT_XLSX) from exc
    return columns.finish() if filled else None


_XLSX_CHUNK = 65_536  # rows of a sheet turned into Arrow columns at a time


def _choose_sheet(names: list[str], sheet: str | None, kind: str | None, filename: str) -> str:
    """The named sheet, else one named like the kind, else the first that is not Toelichting."""
    if sheet is not None:
        if sheet in names:
            return sheet
        raise ImportFileError(filename, _SHEET_MISSING.format(sheet=sheet, names=", ".join(names)))
    if kind is not None:
        for name in names:
            if name.strip().lower() == kind.lower():
                return name
    for name in names:
        if name.strip().lower() != TOELICHTING_SHEET.lower():
            return name
    return names[0]


# --- shared ------------------------------------------------------------------------------


def _columns(rows: list[list[str]]) -> list[pa.Array]:
    """Rows of cells as string columns, short rows padded with ''."""
    width = max((len(row) for row in rows), default=0)
    return [
        pa.array([row[col] if col < len(row) else "" for row in rows], pa.string())
        for col in range(width)
    ]


def _to_raw_table(
    cells: list[pa.Array],
    filename: str,
    sheet: str | None,
    delimiter: str | None,
    encoding: str | None,
    lengths: list[int] | None = None,
) -> RawTable:
    """Header from the first non-empty row; data rows numbered as Excel numbers them.

    `lengths` is each CSV record's number of cells (None: all equal, or a workbook).
    """
    filled = _filled_rows(cells)
    if len(filled) == 0:
        raise ImportFileError(filename, _EMPTY)
    at = _header_position(cells, filled)
    header_at, last = filled[at].as_py(), filled[-1].as_py()
    titles = tuple(
        (row + 1, next(text for column in cells if (text := column[row].as_py())))
        for row in (filled[pos].as_py() for pos in range(at))
    )
    header = [column[header_at].as_py() for column in cells]
    body = [column.slice(header_at + 1, last - header_at) for column in cells]
    reasons = [_duplicate_names(header)]
    if lengths is not None:
        reasons.append(_ragged_rows(header, body, lengths[header_at:], header_at + 2, delimiter))
    found = [r for r in reasons if r]
    if found:
        raise ImportFileError(filename, PARAGRAPHS.join(found))

    keep: list[int] = []
    names: list[str] = []
    seen: dict[str, int] = {}
    for col, name in enumerate(header):
        if not name:
            if not pc.any(has_text(body[col])).as_py():
                continue  # trailing separators or empty formatted columns
            name = f"Kolom {get_column_letter(col + 1)}"
        count = seen.get(name.lower(), 0) + 1
        seen[name.lower()] = count
        keep.append(col)
        names.append(name if count == 1 else f"{name} ({count})")

    table = pa.table([body[c] for c in keep], names=names)
    return RawTable(table, filename, sheet, delimiter, encoding, header_at + 2, titles)


def _header_position(cells: list[pa.Array], filled: pa.Array) -> int:
    """Which of the filled rows holds the column names: the first, unless it has one cell
    filled and one of the next rows more, none of them a number or a date (a report's title,
    period or filter above its table, as registration systems export to Excel); then that
    row. A row with a number or a date is data: "id" above "1;a;b" stays the header."""
    for pos in range(min(len(filled), _TITLE_ROWS + 1)):
        row = [text for column in cells if (text := column[filled[pos].as_py()].as_py())]
        if len(row) > 1:
            return pos if pos == 0 or not any(map(_is_value, row)) else 0
    return 0


def _is_value(text: str) -> bool:
    """A cell that is a number or a date as the checks read them (1, 12,5, 01-03-2026), not
    a column name."""
    return parse_decimal(text) is not None or looks_like_date(text)


def _duplicate_names(header: list[str]) -> str | None:
    """Why the header is ambiguous: names the column mapping cannot tell apart; None when none."""
    groups: dict[str, list[int]] = {}
    for col, name in enumerate(header):
        if name:
            groups.setdefault(normalise(name) or name, []).append(col)
    doubles = [cols for cols in groups.values() if len(cols) > 1]
    if not doubles:
        return None
    # "'organisatie_id' (A), 'Organisatie ID' (B); 'naam' (C), 'Naam' (F)": every spelling with
    # its column letter, in a form that needs no translation
    described = "; ".join(
        ", ".join(f"'{header[col]}' ({get_column_letter(col + 1)})" for col in cols)
        for cols in doubles
    )
    return _DUPLICATE_NAMES.format(names=described)


def _ragged_rows(
    header: list[str],
    body: list[pa.Array],
    lengths: list[int],
    first_data_row: int,
    delimiter: str | None,
) -> str | None:
    """Why rows do not fit the header: other numbers of cells, by Excel row; None when all fit.

    `lengths` starts at the header; body row k is Excel row first_data_row + k. A row fits
    when it is empty, or has at least the header's named columns and no text beyond the
    header's cells (trailing separators are fine: a spreadsheet writes its used range,
    which may be wider than the table). But where most rows are exactly as wide as the
    header, the file writes no trailing separators, and a row with more cells, empty or
    not, has an unquoted separator in a value that moved every value after it.
    """
    width = lengths[0]  # the header's cells, its own trailing separators included
    if set(lengths[1:]) <= {0, width}:  # the usual file: every line as wide as the header
        return None
    named = max((col + 1 for col, name in enumerate(header) if name), default=0)
    beyond = pa.repeat(pa.scalar(False), len(body[0]) if body else 0)
    filled = beyond
    for col, column in enumerate(body):
        text = has_text(column)
        filled = pc.or_(filled, text)
        if col >= width:
            beyond = pc.or_(beyond, text)
    counts = np.array(lengths[1 : 1 + len(filled)], dtype=np.int64)
    usual = counts[filled.to_numpy(zero_copy_only=False)]  # of the rows with text
    if len(usual) and np.bincount(usual).argmax() == width:
        beyond = pc.or_(beyond, pa.array(counts > width))
    short = pc.less(pa.array(counts), named)
    bad = pc.indices_nonzero(pc.and_(filled, pc.or_(beyond, short))).to_pylist()
    if not bad:
        return None

    shown = [
        _RAGGED_ROW[0 if lengths[pos + 1] == 1 else 1].format(
            n_row=first_data_row + pos,
            n_cells=lengths[pos + 1],
            n_header=named if lengths[pos + 1] < named else width,
        )
        for pos in bad[:_SHOWN_ROWS]
    ]
    if len(bad) > _SHOWN_ROWS:
        shown.append(_MORE_ROWS.format(n=len(bad) - _SHOWN_ROWS))
    separator = _DELIMITER_NAMES.get(delimiter or ";", repr(delimiter))
    return _RAGGED.format(rows="; ".join(shown), separator=separator)


def _filled_rows(cells: list[pa.Array]) -> pa.Array:
    """The positions of the rows with text in any cell."""
    if not cells:
        return pa.array([], pa.uint64())
    return pc.indices_nonzero(any_text(cells))


def has_text(column: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Per cell, whether it holds text; for a dictionary column worked out once per text
    (Arrow's comparison would decode every cell first: 10x slower on 5 million rows)."""
    if isinstance(column, pa.ChunkedArray):
        return pa.chunked_array([has_text(chunk) for chunk in column.chunks], pa.bool_())
    if pa.types.is_dictionary(column.type):
        return pc.take(pc.not_equal(column.dictionary, ""), column.indices)
    return pc.not_equal(column, "")


def any_text(columns: list[pa.Array] | list[pa.ChunkedArray]) -> pa.Array | pa.ChunkedArray:
    """Per row, whether any of the columns holds text in it."""
    found = has_text(columns[0])
    for column in columns[1:]:
        found = pc.or_(found, has_text(column))
    return found
