"""Validate a read export against its template and the known codes; type it into raw-table rows.

Pure code: nothing is written. Every problem is reported (the check never
stops at the first) with file, row, column, value and a Dutch reason (the REDEN_*
constants of `problems.py`). Errors ("fout") block the import; warnings
("waarschuwing") do not. The returned tables hold only rows without errors and
are meant to be written only when `Validated.ok`.

Raw participant numbers never leave the check: the deelnemer tables carry
`pseudonymise(raw)`, and a problem about a participant number shows "(verborgen)".

The parts: `cells.py` (columns and cell values), `rows.py` (the row rules of inzet,
activiteiten and bijeenkomsten), `deelnames.py` (the deelnames rules, as sets in DuckDB),
`known.py` (the codes an export may refer to).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import duckdb

from dashboard.ingest.registratie.cells import CellChecker
from dashboard.ingest.registratie.deelnames import check_deelnames
from dashboard.ingest.registratie.known import KnownCodes, load_known_codes
from dashboard.ingest.registratie.reader import RawTable
from dashboard.ingest.registratie.rows import RowChecker
from dashboard.ingest.registratie.tables import Validated
from dashboard.ingest.registratie.templates import check_kind


def validate(
    kind: str,
    raw: RawTable,
    mapping: Mapping[str, str | None],
    known: KnownCodes | duckdb.DuckDBPyConnection,
    pseudonymise: Callable[[str], str],
) -> Validated:
    """Check an export of one kind; return typed raw-table rows and every problem found.

    `known` is the codes the export may refer to, or a read-only connection to the
    database that holds them (a deelnames file is then checked against it in place,
    without loading every bijeenkomst).
    """
    check_kind(kind)
    if kind != "deelnames":
        if isinstance(known, duckdb.DuckDBPyConnection):
            known = load_known_codes(known)
        return RowChecker(kind, raw, mapping, known).run()
    # deelnames files run to millions of rows: their rows are checked as sets
    columns = CellChecker(kind, raw, mapping, KnownCodes())
    problems, tables, first, present = check_deelnames(
        raw, columns.columns, columns.missing, known, pseudonymise
    )
    return Validated(kind, raw.bestand, tables, columns.problems + problems, first, present)
