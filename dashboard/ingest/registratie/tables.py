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

# The Arrow type of a validated cell per DuckDB type. Texts and dates stay in Arrow (pandas
# `ArrowDtype`): 1.8 million inzet rows held as Python strings and dates took 300 MB more,
# and DuckDB reads Arrow without converting each cell. An empty text or date is a missing
# value; numbers are numpy (an empty decimal is NaN), so a nullable integer or boolean
# column is refused below.
_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "DATE": pa.date32(),
    "DECIMAL": pa.float64(),
    "DOUBLE": pa.float64(),
    "INTEGER": pa.int64(),
    "BOOLEAN": pa.bool_(),
}
# A deelnames file has millions of rows: its texts are Arrow dictionaries, each text once (a
# bijeenkomst's id, a person's pseudonym, a buurt repeat on many rows). Not pandas' own
# categories: DuckDB reads those as an ENUM type, which for 700,000 pseudonyms took 5 s.
_ARROW_STRINGS: frozenset[str] = frozenset({"deelname", "deelnemer"})
_ARROW_TEXT = pa.dictionary(pa.int32(), pa.string())


@functools.cache
def _columns(table: str) -> tuple[tuple[str, pa.DataType], ...]:
    """The columns an export supplies to a raw table, each with its Arrow type."""
    found = []
    for column in schema.table(table).loaded_columns:
        arrow = _ARROW_TYPES[column.type.split("(")[0]]
        if table in _ARROW_STRINGS and arrow == pa.string():
            arrow = _ARROW_TEXT
        elif column.nullable and arrow in (pa.int64(), pa.bool_()):
            raise TypeError(f"{table}.{column.name} kan leeg zijn; {arrow} kan dat niet.")
        found.append((column.name, arrow))
    return tuple(found)


# Per validated table, its columns in order with their Arrow types (read from the schema on
# first use).
ARROW_COLUMNS: schema.PerTable[tuple[tuple[str, pa.DataType], ...]] = schema.PerTable(
    {t for tables in KIND_TABLES.values() for t in tables}, _columns
)


def _dtypes(table: str) -> tuple[tuple[str, str], ...]:
    return tuple((name, str(pandas_dtype(arrow))) for name, arrow in ARROW_COLUMNS[table])


def pandas_dtype(arrow: pa.DataType) -> np.dtype | pd.ArrowDtype:
    """The dtype of a validated column of this Arrow type: numbers numpy, the rest Arrow."""
    if pa.types.is_floating(arrow) or pa.types.is_integer(arrow) or pa.types.is_boolean(arrow):
        return np.dtype(arrow.to_pandas_dtype())
    return pd.ArrowDtype(arrow)


def series(column: pa.ChunkedArray) -> pd.Series:
    """A validated column as a Series of its pandas dtype (numbers copied to numpy once)."""
    dtype = pandas_dtype(column.type)
    if isinstance(dtype, pd.ArrowDtype):
        return pd.Series(pd.arrays.ArrowExtensionArray(column), copy=False)
    return pd.Series(column.to_numpy(), dtype=dtype, copy=False)


# Per validated table, its columns in order with their pandas dtypes.
TABLE_COLUMNS: schema.PerTable[tuple[tuple[str, str], ...]] = schema.PerTable(
    {t for tables in KIND_TABLES.values() for t in tables}, _dtypes
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
