"""Small helpers for building hand-made fixtures in tests."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[object]]) -> None:
    """Insert rows into a table with bound values (table names come from test code only)."""
    if not rows:
        return
    marks = ", ".join("?" for _ in rows[0])
    con.executemany(f"insert into {table} values ({marks})", [list(r) for r in rows])
