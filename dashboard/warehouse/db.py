"""Create, migrate and connect to the DuckDB database.

Building the database is one function, `build_database`, that the app, the CLI
and the tests all call: it applies the versioned migrations, then creates the
SQL models layer by layer (staging views, then mart macros).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb

PACKAGE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
MODELS_DIR = PACKAGE_DIR / "models"
MODEL_LAYERS = ("staging", "marts")

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


def migrations() -> list[tuple[int, str, Path]]:
    """All migration files as (version, name, path), in version order."""
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"Migratiebestand met ongeldige naam: {path.name}")
        found.append((int(match.group(1)), match.group(2), path))
    return found


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest applied migration version (0 for an empty database)."""
    exists = con.sql(
        "select count(*) from information_schema.tables where table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    return con.sql("select coalesce(max(version), 0) from schema_version").fetchall()[0][0]


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations not yet applied, each in its own transaction."""
    current = schema_version(con)
    applied = []
    for version, name, path in migrations():
        if version <= current:
            continue
        con.execute("begin")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "insert into schema_version (version, naam) values ($v, $n)",
                {"v": version, "n": name},
            )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        applied.append(version)
    return applied


def model_files() -> list[tuple[str, Path]]:
    """All model files as (layer, path), staging before marts."""
    return [
        (layer, path)
        for layer in MODEL_LAYERS
        for path in sorted((MODELS_DIR / layer).glob("*.sql"))
    ]


def create_models(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every view and macro; within a layer, dependencies resolve by retrying."""
    for layer in MODEL_LAYERS:
        pending = [p for lay, p in model_files() if lay == layer]
        while pending:
            failed: list[tuple[Path, Exception]] = []
            for path in pending:
                try:
                    con.execute(path.read_text(encoding="utf-8"))
                except duckdb.CatalogException as exc:  # refers to a model not made yet
                    failed.append((path, exc))
            if len(failed) == len(pending):
                names = ", ".join(p.name for p, _ in failed)
                raise RuntimeError(
                    f"Modellen konden niet worden aangemaakt: {names}: {failed[0][1]}"
                )
            pending = [p for p, _ in failed]


def build_database(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a database to the current schema and models; safe to run any number of times."""
    migrate(con)
    create_models(con)
    # readers compare this with their code's models to know whether an upgrade is due
    con.execute(
        "create or replace table model_versie as select $hash as hash", {"hash": models_hash()}
    )


def models_hash() -> str:
    """A fingerprint of the migrations and model files this code would build."""
    digest = hashlib.sha256()
    for path in [p for _, _, p in migrations()] + [p for _, p in model_files()]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the database was built by this code's migrations and models."""
    try:
        rows = con.sql("select hash from model_versie").fetchall()
    except duckdb.CatalogException:
        return False
    return rows == [(models_hash(),)]
