"""Data assertions: SQL queries that must return zero rows (docs/DESIGN.md §4, docs/STYLE.md "Data assertions are tests").

Each file's first line says what must hold; a line `-- nl: ...` in its opening comment says
it in Dutch, and that is what `python -m dashboard check` prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

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


def run_checks(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    """Run every assertion and return one result each."""
    results = []
    for path in assertion_files():
        sql = path.read_text(encoding="utf-8")
        results.append(CheckResult(path.stem, description(sql), con.sql(sql).df()))
    return results
