"""Data assertions: SQL queries that must return zero rows (docs/DESIGN.md §4, docs/STYLE.md "Data assertions are tests")."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

ASSERTIONS_DIR = Path(__file__).resolve().parent / "models" / "assertions"


@dataclass(frozen=True)
class CheckResult:
    """One assertion's outcome: its name, what it promises, and the rows that break it."""

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


def run_checks(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    """Run every assertion and return one result each."""
    results = []
    for path in assertion_files():
        sql = path.read_text(encoding="utf-8")
        first_line = sql.splitlines()[0]
        description = first_line.removeprefix("--").strip()
        results.append(CheckResult(path.stem, description, con.sql(sql).df()))
    return results
