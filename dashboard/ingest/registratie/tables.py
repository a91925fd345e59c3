"""What a validation yields: typed raw-table rows per table and kind, with the problems found.

The columns, their order and their dtypes follow the raw tables (dashboard.warehouse.schema).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.ingest.registratie.problems import FOUT, WAARSCHUWING, Problem
from dashboard.warehouse import schema

# The tables each kind of export fills, parents before children, so a loader can write
# them in this order.
KIND_TABLES: dict[str, tuple[str, ...]] = {
    kind: schema.in_load_order(tables)
    for kind, tables in (
        ("inzet", ("organisatie", "professional", "inzet")),
        ("activiteiten", ("organisatie", "activiteit", "activiteit_partner")),
        ("bijeenkomsten", ("bijeenkomst",)),
        ("deelnames", ("deelnemer", "deelname")),
    )
}

# The pandas dtype of a validated cell per DuckDB type: "object" holds Python values
# (str, datetime.date, None), so a date stays a date and an empty cell None.
_DTYPES: dict[str, str] = {
    "VARCHAR": "object",
    "DATE": "object",
    "DECIMAL": "float64",
    "DOUBLE": "float64",
    "INTEGER": "int64",
    "BOOLEAN": "bool",
}
# A deelnames file has millions of rows: its texts stay in Arrow as dictionaries, each text
# once (a bijeenkomst's id, a person's pseudonym, a buurt repeat on many rows). Not pandas'
# own categories: DuckDB reads those as an ENUM type, which for 700,000 pseudonyms took 5 s.
_ARROW_STRINGS: frozenset[str] = frozenset({"deelname", "deelnemer"})
_ARROW_TEXT = pd.ArrowDtype(pa.dictionary(pa.int32(), pa.string()))


@functools.cache
def _columns(table: str) -> tuple[tuple[str, str], ...]:
    """The columns an export supplies to a raw table, each with its pandas dtype."""
    found = []
    for column in schema.table(table).loaded_columns:
        if table in _ARROW_STRINGS and column.type == "VARCHAR":
            found.append((column.name, str(_ARROW_TEXT)))
            continue
        dtype = _DTYPES[column.type.split("(")[0]]
        if column.nullable and dtype in ("int64", "bool"):
            raise TypeError(f"{table}.{column.name} kan leeg zijn; {dtype} kan dat niet.")
        found.append((column.name, dtype))
    return tuple(found)


# Per validated table, its columns in order with their dtypes (read from the schema on first use).
TABLE_COLUMNS: schema.PerTable[tuple[tuple[str, str], ...]] = schema.PerTable(
    {t for tables in KIND_TABLES.values() for t in tables}, _columns
)


@dataclass
class Validated:
    """The typed raw-table rows of one export and everything found wrong with it."""

    kind: str
    bestand: str
    tables: dict[str, pd.DataFrame]
    problems: list[Problem]
    # deelnames checked against a database: each deelnemer's first deelname in the export,
    # and the positions in tables["deelname"] of the pairs the database holds already
    first_deelnames: pd.DataFrame | None = None
    present_pairs: np.ndarray | None = None

    @property
    def errors(self) -> list[Problem]:
        """The problems that block the import."""
        return [p for p in self.problems if p.ernst == FOUT]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that do not block the import."""
        return [p for p in self.problems if p.ernst == WAARSCHUWING]

    @property
    def ok(self) -> bool:
        """True when there are no errors."""
        return not self.errors
