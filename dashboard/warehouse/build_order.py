"""The order in which the SQL models are created, worked out from the files themselves.

Layers come in a fixed order (staging, intermediate, marts). Within a layer a model
comes after the models it refers to: a view or table macro it reads (`from x`,
`join x`) or a macro it calls (`x(...)`). A model may refer to models of its own or
an earlier layer only, and only staging reads raw tables (the tables the migrations
make). A cycle, a reference to a later layer, a raw table outside staging or a name
that is neither a model, a raw table, a CTE of the file nor a DuckDB table function
fails with a `ModelOrderError` that names the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

LAYERS: tuple[str, ...] = ("staging", "intermediate", "marts")

_NAME = r"[a-z_][a-z0-9_]*"
_CREATES = re.compile(rf"^create\s+or\s+replace\s+(?:view|macro)\s+({_NAME})\b")
_CTE = re.compile(rf"\b({_NAME})\s+as\s*\(")
_READS = re.compile(rf"\b(?:from|join)\s+({_NAME})\s*(\()?")
_CALLS = re.compile(rf"\b({_NAME})\s*\(")
# `from` that does not name a table: extract(year from d), a is distinct from b
_NOT_A_SOURCE = re.compile(rf"\bextract\s*\(\s*{_NAME}\s+from\b|\bdistinct\s+from\b")
_MODEL_PREFIX = re.compile(r"\b(?:stg|int)_[a-z0-9_]+\b")
_STRING_OR_COMMENT = re.compile(r"'(?:[^']|'')*'|--[^\n]*")
_TABLE_DDL = re.compile(
    rf"\bcreate\s+table\s+(?:if\s+not\s+exists\s+)?({_NAME})"
    rf"|\bdrop\s+table\s+(?:if\s+exists\s+)?({_NAME})"
    rf"|\balter\s+table\s+({_NAME})\s+rename\s+to\s+({_NAME})"
)


class ModelOrderError(RuntimeError):
    """The models cannot be put in an order: a cycle, or a reference that is not allowed."""


@dataclass(frozen=True)
class Model:
    """One model file: its layer, the object it creates and the models it refers to."""

    layer: str
    name: str
    path: Path
    refers_to: frozenset[str]

    @property
    def label(self) -> str:
        """`layer/file.sql`, for messages."""
        return f"{self.layer}/{self.path.name}"


def sql_text(sql: str) -> str:
    """The SQL without comments and string literals, lowercased: what names are looked for in."""
    # one pass, so a quote in a comment or `--` in a string is read as what it is
    return _STRING_OR_COMMENT.sub(lambda m: "''" if m.group(0)[0] == "'" else "", sql).lower()


def raw_tables(migration_paths: list[Path]) -> frozenset[str]:
    """The tables the migrations leave, in order: created, dropped and renamed ones followed."""
    tables: set[str] = set()
    for path in migration_paths:
        for match in _TABLE_DDL.finditer(sql_text(path.read_text(encoding="utf-8"))):
            created, dropped, renamed_from, renamed_to = match.groups()
            if created:
                tables.add(created)
            elif dropped:
                tables.discard(dropped)
            else:
                tables.discard(renamed_from)
                tables.add(renamed_to)
    return frozenset(tables)


@cache
def _duckdb_table_functions() -> frozenset[str]:
    with duckdb.connect() as con:
        rows = con.sql(
            "select distinct function_name from duckdb_functions() where function_type = 'table'"
        ).fetchall()
    return frozenset(r[0] for r in rows)


def _read(layer: str, path: Path) -> tuple[str, str]:
    """The name a model file creates (it must be the file's name) and its searchable text."""
    sql = sql_text(path.read_text(encoding="utf-8"))
    created = _CREATES.search(sql.strip())
    if created is None or created.group(1) != path.stem:
        raise ModelOrderError(
            f"Model {layer}/{path.name} moet beginnen met 'create or replace view {path.stem}'"
            f" of 'create or replace macro {path.stem}'."
        )
    return path.stem, sql


def _references(
    layer: str, path: Path, sql: str, layer_of: dict[str, str], tables: frozenset[str]
) -> frozenset[str]:
    """The models a file refers to; raises on a name it may not or cannot refer to."""
    label = f"{layer}/{path.name}"
    own = path.stem
    ctes = set(_CTE.findall(sql))
    body = _NOT_A_SOURCE.sub(" ", sql)
    models = {name for name in _CALLS.findall(body) if name in layer_of and name != own}
    raw: set[str] = set()
    for name, call in _READS.findall(body):
        if name in ctes or name == own:
            continue
        if name in layer_of:
            models.add(name)
        elif name in tables:
            raw.add(name)
            if layer != LAYERS[0]:
                raise ModelOrderError(
                    f"Model {label} leest de ruwe tabel '{name}': alleen staging leest ruwe"
                    f" tabellen; lees stg_{name} (of een intermediate-model)."
                )
        elif not (call and name in _duckdb_table_functions()):
            raise ModelOrderError(
                f"Model {label} verwijst naar '{name}': geen model, ruwe tabel of CTE."
            )
    for name in _MODEL_PREFIX.findall(body):
        if name not in layer_of and name not in ctes:
            raise ModelOrderError(f"Model {label} verwijst naar '{name}': dat model bestaat niet.")
    if layer == LAYERS[0] and (models or len(raw) != 1):
        raise ModelOrderError(
            f"Model {label} hoort precies één ruwe tabel te lezen en geen andere modellen"
            f" (staging: hernoemen, casten, kolommen afleiden); het leest {sorted(raw | models)}."
        )
    for name in models:
        if LAYERS.index(layer_of[name]) > LAYERS.index(layer):
            raise ModelOrderError(
                f"Model {label} verwijst naar '{name}' uit de latere laag {layer_of[name]}."
            )
    return frozenset(models)


def _in_dependency_order(models: list[Model]) -> list[Model]:
    """The models of one layer, each after those it refers to (by name where free to choose)."""
    by_name = {m.name: m for m in models}
    ordered: list[Model] = []
    done: set[str] = set()

    def visit(model: Model, path: list[str]) -> None:
        if model.name in done:
            return
        if model.name in path:
            cycle = " -> ".join([*path[path.index(model.name) :], model.name])
            raise ModelOrderError(f"Modellen verwijzen in een kring naar elkaar: {cycle}.")
        for name in sorted(model.refers_to):
            if name in by_name:
                visit(by_name[name], [*path, model.name])
        done.add(model.name)
        ordered.append(model)

    for model in sorted(models, key=lambda m: m.name):
        visit(model, [])
    return ordered


def plan(models_dir: Path, migration_paths: list[Path]) -> list[Model]:
    """Every model under `models_dir`, in the order to create them."""
    files = [
        (layer, path) for layer in LAYERS for path in sorted((models_dir / layer).glob("*.sql"))
    ]
    read = [(layer, path, *_read(layer, path)) for layer, path in files]
    layer_of: dict[str, str] = {}
    for layer, _path, name, _ in read:
        if name in layer_of:
            raise ModelOrderError(f"Twee modellen heten '{name}': {layer_of[name]} en {layer}.")
        layer_of[name] = layer
    tables = raw_tables(migration_paths)
    models = [
        Model(layer, name, path, _references(layer, path, sql, layer_of, tables))
        for layer, path, name, sql in read
    ]
    return [
        model
        for layer in LAYERS
        for model in _in_dependency_order([m for m in models if m.layer == layer])
    ]
