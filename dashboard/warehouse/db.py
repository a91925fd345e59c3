"""Create, migrate and connect to the DuckDB database.

Building the database is one function, `build_database`, that the app, the CLI
and the tests all call: it applies the versioned migrations, then creates the
SQL models layer by layer (staging, intermediate, marts), each after the models it
refers to (`dashboard.warehouse.build_order`).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb

from dashboard.warehouse import build_order

PACKAGE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
MODELS_DIR = PACKAGE_DIR / "models"
MODEL_LAYERS = build_order.LAYERS

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
    """All model files as (layer, path), in the order to create them.

    Layer by layer, and within a layer each model after the models it refers to; raises
    `build_order.ModelOrderError` on a cycle or a reference that is not allowed.
    """
    models = build_order.plan(MODELS_DIR, [p for _, _, p in migrations()])
    return [(m.layer, m.path) for m in models]


def create_models(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every view and macro in build order, then drop those no model makes any more."""
    files = model_files()
    for layer, path in files:
        try:
            con.execute(path.read_text(encoding="utf-8"))
        except duckdb.Error as exc:
            raise build_order.ModelOrderError(
                f"Model {layer}/{path.name} kon niet worden aangemaakt: {exc}"
            ) from exc
    _drop_other_models(con, {path.stem for _, path in files})


def _drop_other_models(con: duckdb.DuckDBPyConnection, names: set[str]) -> None:
    """Drop views and macros of earlier builds that no model file makes any more (renamed, removed).

    Otherwise a database upgraded from older code keeps them, and a reader of an old
    name would get old logic instead of an error.
    """
    stale = con.sql(
        "select 'view', view_name from duckdb_views()"
        " where not internal and not temporary and database_name = current_database()"
        "   and schema_name = 'main'"
        " union all"
        " select distinct case function_type when 'table_macro' then 'macro table' else 'macro' end,"
        "   function_name from duckdb_functions()"
        " where function_type in ('macro', 'table_macro') and not internal"
        "   and database_name = current_database() and schema_name = 'main'"
    ).fetchall()
    for kind, name in stale:
        if name not in names:
            con.execute(f'drop {kind} if exists "{name}"')


def build_database(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a database to the current schema and models; safe to run any number of times."""
    migrate(con)
    create_models(con)
    # readers compare this with their code's models to know whether an upgrade is due
    con.execute(
        "create or replace table model_versie as select $hash as hash", {"hash": models_hash()}
    )


def models_hash() -> str:
    """A fingerprint of the migrations and model files this code would build.

    Files are taken by their path below their folder (a model moved to another layer
    counts as a change), in name order, so no SQL needs to be read to know the order.
    """
    digest = hashlib.sha256()
    files = [(f"migrations/{p.name}", p) for _, _, p in migrations()] + sorted(
        (path.relative_to(MODELS_DIR).as_posix(), path)
        for layer in MODEL_LAYERS
        for path in (MODELS_DIR / layer).glob("*.sql")
    )
    for name, path in files:
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the database was built by this code's migrations and models."""
    try:
        rows = con.sql("select hash from model_versie").fetchall()
    except duckdb.CatalogException:
        return False
    return rows == [(models_hash(),)]
