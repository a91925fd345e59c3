"""Write demo DataFrames into the raw tables, in foreign-key order, without string-built values."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.warehouse import schema


def _column_names(table: str) -> tuple[str, ...]:
    return tuple(c.name for c in schema.table(table).loaded_columns)


# Raw tables the demo fills (all but a gemeente's own indeling), parents before children,
# with the columns it supplies (read from the schema when asked).
TABLE_COLUMNS: schema.PerTable[tuple[str, ...]] = schema.PerTable(
    (t for t in schema.RAW_TABLES if t not in ("indeling", "indeling_buurt")), _column_names
)

_VIEW = "demo_rows"


def raw_row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows currently in each raw table the demo fills."""
    # Table names come from the fixed schema.RAW_TABLES, never from input.
    return {
        table: con.sql(f"select count(*) from {table}").fetchall()[0][0] for table in TABLE_COLUMNS
    }


def insert_frames(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    """Append each frame to its table, its columns matched by name (the caller owns the transaction)."""
    for table in TABLE_COLUMNS:
        frame = frames[table]
        if frame.empty:
            continue
        con.register(_VIEW, frame)
        try:
            con.execute(f"insert into {table} by name select * from {_VIEW}")
        finally:
            con.unregister(_VIEW)
