"""Shared fixtures: an empty built database, and a tiny hand-made fixture."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from dashboard.warehouse.db import build_database


@pytest.fixture()
def empty_db() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory database with all migrations and models, and no rows."""
    con = duckdb.connect(":memory:")
    build_database(con)
    yield con
    con.close()


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo gemeente built once per test session through the CLI, as a user would."""
    from dashboard.cli import main

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    assert main(["demo", "--db", str(path)]) == 0
    return str(path)
