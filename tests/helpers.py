"""Small helpers for building hand-made fixtures in tests."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[object]]) -> None:
    """Insert rows into a table with bound values (table names come from test code only)."""
    if not rows:
        return
    # the first len(row) columns: columns added later (derived ones) keep their default
    columns = [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_name = $t"
            " order by ordinal_position",
            {"t": table},
        ).fetchall()
    ][: len(rows[0])]
    marks = ", ".join("?" for _ in rows[0])
    con.executemany(
        f"insert into {table} ({', '.join(columns)}) values ({marks})", [list(r) for r in rows]
    )
