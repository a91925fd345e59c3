"""The cells of one export: which template fields have a column, and each cell read or reported.

`CellChecker` is the base of the row checker (`rows.py`); on its own it checks the
columns of a deelnames file, whose rows are checked as sets (`deelnames.py`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.domain.codes import BUURT, CODE_PATTERNS, WIJK
from dashboard.ingest.registratie.known import KnownCodes
from dashboard.ingest.registratie.mapping import check_mapping, suggest_mapping
from dashboard.ingest.registratie.problems import (
    ANDERE_SOORT,
    FOUT,
    REDEN_BEWONERSINITIATIEF,
    REDEN_BOVEN_KOLOMNAMEN,
    REDEN_BUURT_ONGELDIG,
    REDEN_DATUM,
    REDEN_DATUM_BESTAAT_NIET,
    REDEN_GEHEEL_GETAL,
    REDEN_GETAL,
    REDEN_JAARTAL,
    REDEN_KOLOM_ONTBREEKT,
    REDEN_KOLOM_WEG,
    REDEN_LEEG,
    REDEN_WIJK_ONBEKEND,
    REDEN_WIJK_ONGELDIG,
    VERBORGEN,
    WAARSCHUWING,
    Ernst,
    Problem,
)
from dashboard.ingest.registratie.reader import RawTable, any_text
from dashboard.ingest.registratie.templates import KINDS, fields
from dashboard.ingest.registratie.values import (
    looks_like_date,
    parse_boolean,
    parse_date,
    parse_decimal,
    parse_integer,
    plausible_year,
)


class CellChecker:
    """The fields of one export's template, matched to its columns, and its cells typed."""

    def __init__(
        self,
        kind: str,
        raw: RawTable,
        mapping: Mapping[str, str | None],
        known: KnownCodes,
    ) -> None:
        self.kind = kind
        self.raw = raw
        self.known = known
        # the day of the check: a date's year must be plausible beside it, a bijeenkomst not
        # after it (values.plausible_year, rows.RowChecker.bijeenkomst_row)
        self.today = date.today()
        self.template = {f.name: f for f in fields(kind)}
        self.problems: list[Problem] = []
        self.columns: dict[str, str] = {}  # field -> column present in the file
        self.missing: set[str] = set()  # required fields without a column
        self._row_ok = True
        # typed values per text, so a text repeated on a million rows is read once and its
        # value is one shared object (1.8 million inzet rows: a date object per cell took
        # 115 MB, and reading it most of the check's time)
        self._typed: dict[str, Callable[[str], Any]] = {}
        # a function of the known codes, not a method: a checker that remembered its own bound
        # method would be a reference cycle, and its export would outlive it
        self._read_wijk = functools.partial(_read_wijk, known)
        self._check_columns(check_mapping(kind, mapping))
        for rij, text in raw.titles:  # a report's title above the column names: left out
            self.problem(rij, None, text, REDEN_BOVEN_KOLOMNAMEN, WAARSCHUWING)

    # reporting

    def problem(
        self,
        rij: int | None,
        name: str | None,
        waarde: str | None,
        reden: str,
        ernst: Ernst = FOUT,
    ) -> None:
        """Record a problem; a participant number is shown as (verborgen)."""
        if waarde and rij is not None and name == "deelnemer_id":
            waarde = VERBORGEN
        kolom = self.columns.get(name, name) if name is not None else None
        self.problems.append(Problem(self.raw.bestand, rij, kolom, waarde, reden, ernst))
        if ernst == FOUT and rij is not None:
            self._row_ok = False

    def _check_columns(self, mapping: dict[str, str | None]) -> None:
        """Report required fields without a column and mapped columns missing from the file."""
        present = set(self.raw.columns)
        for name, spec in self.template.items():
            column = mapping.get(name)
            if column is not None and column in present:
                self.columns[name] = column
            elif spec.required:
                self.missing.add(name)
                self.problem(None, name, column, REDEN_KOLOM_ONTBREEKT)
            elif column is not None:
                self.problem(None, name, column, REDEN_KOLOM_WEG, WAARSCHUWING)
        other = self._kind_it_fits() if self.missing else None
        if other is not None:  # first: the one reason behind the missing columns
            self.problems.insert(
                0,
                Problem(self.raw.bestand, None, None, None, ANDERE_SOORT.format(soort=other), FOUT),
            )

    def _kind_it_fits(self) -> str | None:
        """Another kind of export whose required fields all have a column in this file, by
        name (a bijeenkomsten file sent as inzet reported seven missing columns and no
        reason); None when none does."""
        for other in KINDS:
            if other == self.kind:
                continue
            found = suggest_mapping(other, self.raw.columns)
            if all(found.get(f.name) for f in fields(other) if f.required):
                return other
        return None

    # cell access and typing

    def cell(self, values: dict[str, str], name: str) -> str:
        """The stripped cell of a field ('' when the field has no column)."""
        return values.get(name, "")

    def required(self, rij: int, values: dict[str, str], name: str) -> str | None:
        """The cell, or None after reporting it empty (not again when its column is missing)."""
        text = self.cell(values, name)
        if text:
            return text
        if name not in self.missing:
            self.problem(rij, name, text, REDEN_LEEG)
        return None

    def value(self, rij: int, values: dict[str, str], name: str) -> Any:
        """The typed value of a plain field (text, date, integer, decimal, boolean), or None."""
        spec = self.template[name]
        text = self.required(rij, values, name) if spec.required else self.cell(values, name)
        if not text:
            return None
        parsers: dict[str, tuple[Callable[[str], Any], str]] = {
            "date": (parse_date, REDEN_DATUM),
            "integer": (parse_integer, REDEN_GEHEEL_GETAL),
            "decimal": (parse_decimal, REDEN_GETAL),
            "boolean": (parse_boolean, REDEN_BEWONERSINITIATIEF),
        }
        if spec.type not in parsers:
            return text
        parse, reden = parsers[spec.type]
        parsed = self.typed(spec.type, parse, text)
        if parsed is None:
            if spec.type == "date" and looks_like_date(text):
                reden = REDEN_DATUM_BESTAAT_NIET  # written right, but no such day
            self.problem(rij, name, text, reden)
        elif spec.type == "date" and not plausible_year(parsed, self.today):
            self.problem(rij, name, text, REDEN_JAARTAL)
            return None
        return parsed

    def wijk(self, rij: int, values: dict[str, str]) -> str | None:
        """A known wijkcode (upper-cased), or None after reporting why not."""
        text = self.required(rij, values, "wijkcode")
        if text is None:
            return None
        code, reden = self.typed("wijkcode", self._read_wijk, text)
        if reden is not None:
            self.problem(rij, "wijkcode", text, reden)
        return code

    def typed(self, what: str, read: Callable[[str], Any], text: str) -> Any:
        """`read(text)`, remembered per `what`: a repeated text is read once, and its value is
        one object however many rows hold it."""
        memo = self._typed.get(what)
        if memo is None:
            # bounded: enough for every date of a century, while a file of a million
            # different numbers cannot grow it without end
            memo = self._typed[what] = functools.lru_cache(maxsize=_MEMO_TEXTS)(read)
        return memo(text)

    def buurt(self, rij: int, values: dict[str, str], name: str) -> tuple[str | None, bool]:
        """(buurtcode, readable): a known code or None; readable is False for a bad pattern."""
        text = self.cell(values, name)
        if not text:
            return None, True
        code = text.upper()
        if not CODE_PATTERNS[BUURT].fullmatch(code):
            self.problem(rij, name, text, REDEN_BUURT_ONGELDIG)
            return None, False
        if code not in self.known.buurten:
            return None, True
        return code, True

    def records(self, only: tuple[str, ...] | None = None) -> Iterator[tuple[int, dict[str, str]]]:
        """(Excel row, field → cell) for every row that is not entirely empty; with `only`,
        just those fields (a first pass need not turn every cell into Python).

        A chunk of rows at a time: an export of millions of rows never stands in memory as
        Python strings whole (the reader has stripped every cell already).
        """
        table = self.raw.table
        for start in range(0, table.num_rows, _CHUNK):
            part = table.slice(start, _CHUNK)
            filled = any_text(part.columns) if part.num_columns else pa.nulls(0, pa.bool_())
            cells = {
                name: _texts(part.column(column))
                for name, column in self.columns.items()
                if only is None or name in only
            }
            first = self.raw.first_data_row + start
            for pos, keep in enumerate(filled.to_pylist()):
                if keep:
                    yield first + pos, {name: texts[pos] for name, texts in cells.items()}

    def has_records(self) -> bool:
        """Whether any row has a filled cell."""
        table = self.raw.table
        return bool(table.num_columns) and bool(pc.any(any_text(table.columns)).as_py())


_CHUNK = 65_536  # rows turned into Python values at a time


def _read_wijk(known: KnownCodes, text: str) -> tuple[str | None, str | None]:
    """(known wijkcode, None) or (None, why not)."""
    code = text.upper()
    if not CODE_PATTERNS[WIJK].fullmatch(code):
        return None, REDEN_WIJK_ONGELDIG
    if code not in known.wijken:
        return None, REDEN_WIJK_ONBEKEND
    return code, None


_MEMO_TEXTS = 100_000


def _texts(column: pa.ChunkedArray) -> list[str]:
    """A column's cells as Python strings. A dictionary column's texts are made once and
    shared by the cells that repeat them: 10x faster than Arrow's own conversion of 1.8
    million cells, and a repeated text costs no memory of its own."""
    whole = column.combine_chunks()
    if not pa.types.is_dictionary(whole.type):
        return whole.to_pylist()
    texts = np.array(whole.dictionary.to_pylist(), dtype=object)
    return texts[whole.indices.to_numpy(zero_copy_only=False)].tolist()
