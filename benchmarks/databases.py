"""The databases measured: built at a demo scale or reused, their size, the default period."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb

from benchmarks.measure import timed
from benchmarks.terms import BenchError

# The tables whose row counts set a database's size.
COUNTED_TABLES = ("gemeente", "wijk", "buurt", "bijeenkomst", "deelname")


def ensure_database(path: Path, scale: float) -> float | None:
    """Build the demo at this scale unless the file exists; the build time, or None when reused.

    A reused database is first brought up to this code's models (a new version when
    they changed), so the first view after a server start measures no upgrade.
    """
    if path.exists():
        from dashboard.warehouse.store import open_current

        open_current(str(path)).close()
        return None
    from dashboard.cli import main as cli_main

    seconds, code = timed(lambda: cli_main(["demo", "--scale", str(scale), "--db", str(path)]))
    if code != 0:
        raise BenchError(f"De database {path} kon niet worden gebouwd (schaal {scale}).")
    return seconds


def database_counts(location: str) -> dict[str, int]:
    """Row counts of the tables that set the size."""
    from dashboard.warehouse import store

    with duckdb.connect(store.resolve(location), read_only=True) as con:
        return {
            table: con.sql(f"select count(*) from {table}").fetchall()[0][0]
            for table in COUNTED_TABLES
        }


def default_period(con: duckdb.DuckDBPyConnection, gemeente: str) -> tuple[date, date]:
    """The period a new visitor gets: the 12 months ending on the gemeente's last day with data."""
    from dashboard.warehouse import queries

    span = queries.data_range(con, gemeente)
    if span is None:
        raise BenchError(f"Gemeente {gemeente} heeft geen gegevens in deze database.")
    first, last = span
    return max(first, last - timedelta(days=364)), last
