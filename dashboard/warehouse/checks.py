"""Data assertions: SQL queries that must return zero rows (docs/DESIGN.md §4, docs/STYLE.md "Data assertions are tests").

Each file's first line says what must hold; a line `-- nl: ...` in its opening comment says
it in Dutch, and that is what `python -m dashboard check` prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import shapely
from duckdb.sqltypes import BLOB, BOOLEAN, DOUBLE

ASSERTIONS_DIR = Path(__file__).resolve().parent / "models" / "assertions"


DUTCH = "-- nl:"


@dataclass(frozen=True)
class CheckResult:
    """One assertion's outcome: its name, what it promises (in Dutch), and the rows that break it."""

    name: str
    description: str
    failures: pd.DataFrame

    @property
    def passed(self) -> bool:
        """True when no row breaks the assertion."""
        return self.failures.empty


def assertion_files() -> list[Path]:
    """All assertion files in name order."""
    return sorted(ASSERTIONS_DIR.glob("*.sql"))


def description(sql: str) -> str:
    """What an assertion promises: its `-- nl:` line, else its first line."""
    lines = sql.splitlines()
    for line in lines:
        if not line.startswith("--"):
            break  # only the opening comment describes the assertion
        if line.startswith(DUTCH):
            return line.removeprefix(DUTCH).strip()
    return lines[0].removeprefix("--").strip() if lines else ""


def _point_in_shape(lon: float, lat: float, wkb: bytes) -> bool:
    """True when the WGS84 point lies inside or on the border of the WKB shape."""
    return bool(shapely.from_wkb(wkb).covers(shapely.Point(lon, lat)))


def register_functions(con: duckdb.DuckDBPyConnection) -> None:
    """Add the functions assertions use that DuckDB lacks without its spatial extension
    (STACK_NOTES "Extensions"): punt_in_vlak(lon, lat, geom_wkb)."""
    try:
        con.create_function("punt_in_vlak", _point_in_shape, [DOUBLE, DOUBLE, BLOB], BOOLEAN)
    except (duckdb.CatalogException, duckdb.NotImplementedException):
        pass  # registered on this connection already


def run_checks(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    """Run every assertion and return one result each."""
    register_functions(con)
    results = []
    for path in assertion_files():
        sql = path.read_text(encoding="utf-8")
        results.append(CheckResult(path.stem, description(sql), con.sql(sql).df()))
    return results
