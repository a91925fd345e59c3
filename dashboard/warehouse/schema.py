"""The raw tables as the migrations make them: columns, keys, references and load order.

Columns (name, DuckDB type, nullable), primary keys and foreign keys are read from the
catalog (`duckdb_columns()`, `duckdb_constraints()`) of an in-memory database that the
migrations build, once per process (`current()`), so the importers and the demo restate
no column and no key. Declared here is only what the schema cannot say:

- `RAW_TABLES`: which tables hold data, parents before children. Foreign keys alone do
  not give the order: some were dropped (migration 0004) or never made, see
  `DECLARED_REFERENCES`.
- `DECLARED_KEYS`: the keys of the tables whose primary-key index was dropped for speed.
- `DECLARED_REFERENCES`: references that data assertions check instead of a foreign key.
- `MAINTAINED_COLUMNS`: columns the database keeps itself; no export or demo supplies them.

`read` checks these declarations against the schema and stops on any contradiction.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

import duckdb

from dashboard.warehouse import db

# The tables importers and the demo fill, parents before children: a loader that writes
# them in this order meets every foreign key and every DECLARED_REFERENCES at each statement.
RAW_TABLES: tuple[str, ...] = (
    "gemeente",
    "wijk",
    "buurt",
    "kerncijfers",
    "indeling",
    "indeling_buurt",
    "organisatie",
    "professional",
    "inzet",
    "activiteit",
    "activiteit_partner",
    # what the wijk has (migration 0011): before bijeenkomst, so deelname and deelnemer
    # stay the last two tables the importer writes
    "plek",
    "plek_activiteit",
    "route",
    "route_stop",
    "verhaal",
    "bijeenkomst",
    "deelnemer",
    "deelname",
)

# The keys of the tables without a primary-key index, the one place they are written down.
# The index was dropped on purpose (a large share of the database file, and slow loading);
# the importer keeps the key itself (dashboard.ingest.upsert) and the assertion
# models/assertions/<table>_uniek.sql checks it.
DECLARED_KEYS: dict[str, tuple[str, ...]] = {
    # migration 0008_grote_tabellen_zonder_sleutelindex; assertion kerncijfers_uniek
    "kerncijfers": ("gebiedscode", "jaar", "indicator"),
    # migration 0008_grote_tabellen_zonder_sleutelindex; assertion bijeenkomst_uniek
    "bijeenkomst": ("bijeenkomst_id",),
    # migration 0007_deelnemer_zonder_index; assertion deelnemer_uniek
    "deelnemer": ("deelnemer_id",),
    # migration 0004_deelname_zonder_index; assertion deelname_uniek
    "deelname": ("bijeenkomst_id", "deelnemer_id"),
}

# References without a foreign key (parent tables per child), checked by a data assertion.
DECLARED_REFERENCES: dict[str, tuple[str, ...]] = {
    # a gebiedscode of any level; assertion kerncijfers_gebied_bekend
    "kerncijfers": ("gemeente", "wijk", "buurt"),
    # the home buurt: people move (migration 0001); assertion deelnemer_woonbuurt_bekend
    "deelnemer": ("buurt",),
    # foreign keys dropped in migration 0004_deelname_zonder_index; assertion deelname_verwijst
    "deelname": ("bijeenkomst", "deelnemer"),
    # no foreign keys to plek (migration 0011); assertion plek_verwijzingen_bekend
    "plek_activiteit": ("plek",),
    "route_stop": ("plek",),
    # a wijk or a buurt (migration 0011); assertion verhaal_gebied_bekend
    "verhaal": ("wijk", "buurt"),
    # foreign keys dropped in migration 0012, so an activiteit can move; assertion
    # activiteit_verwijst
    "activiteit": ("wijk", "buurt", "organisatie"),
}

# Columns the database keeps itself, which no export or demo supplies.
MAINTAINED_COLUMNS: dict[str, tuple[str, ...]] = {
    # migration 0005_deelnemer_eerste_deelname; kept by dashboard.warehouse.first_deelname
    "deelnemer": ("eerste_deelname",),
    # migration 0010_bijeenkomst_geregistreerde_deelnames; kept by
    # dashboard.warehouse.registered_deelnames
    "bijeenkomst": ("geregistreerde_deelnames",),
}


class SchemaError(RuntimeError):
    """The declarations here and the migrated schema disagree."""


@dataclass(frozen=True)
class Column:
    """One column of a raw table."""

    name: str
    type: str  # as DuckDB names it: VARCHAR, DATE, DECIMAL(5,2), ...
    nullable: bool


@dataclass(frozen=True)
class Table:
    """One raw table: its columns in order, its key and the tables it refers to."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    indexed: bool  # the key is the primary-key index (else it is in DECLARED_KEYS)
    references: tuple[str, ...]  # parent tables: foreign keys, then DECLARED_REFERENCES

    @property
    def loaded_columns(self) -> tuple[Column, ...]:
        """The columns a loader supplies: all but those the database keeps itself."""
        maintained = MAINTAINED_COLUMNS.get(self.name, ())
        return tuple(c for c in self.columns if c.name not in maintained)


def read(con: duckdb.DuckDBPyConnection) -> dict[str, Table]:
    """The raw tables of a migrated database, in RAW_TABLES order; SchemaError on a contradiction."""
    columns: dict[str, list[Column]] = {}
    for table, name, data_type, nullable in con.sql(
        "select table_name, column_name, data_type, is_nullable from duckdb_columns()"
        " where database_name = current_database() and schema_name = 'main' and not internal"
        " order by table_name, column_index"
    ).fetchall():
        columns.setdefault(table, []).append(Column(name, data_type, nullable))
    primary: dict[str, tuple[str, ...]] = {}
    foreign: dict[str, list[str]] = {}
    for table, kind, names, parent in con.sql(
        "select table_name, constraint_type, constraint_column_names, referenced_table"
        " from duckdb_constraints()"
        " where database_name = current_database() and schema_name = 'main'"
        "   and constraint_type in ('PRIMARY KEY', 'FOREIGN KEY')"
        " order by table_name, constraint_index"
    ).fetchall():
        if kind == "PRIMARY KEY":
            primary[table] = tuple(names)
        elif parent not in foreign.setdefault(table, []):
            foreign[table].append(parent)
    tables = {}
    for name in RAW_TABLES:
        if name not in columns:
            raise SchemaError(f"Tabel {name} staat in RAW_TABLES maar niet in het schema.")
        tables[name] = _table(
            name, tuple(columns[name]), primary.get(name), tuple(foreign.get(name, ()))
        )
    _check_order(tables)
    return tables


def _table(
    name: str,
    columns: tuple[Column, ...],
    primary: tuple[str, ...] | None,
    foreign: tuple[str, ...],
) -> Table:
    """One raw table, its declarations checked against what the schema says."""
    declared = DECLARED_KEYS.get(name)
    if primary is not None and declared is not None:
        raise SchemaError(
            f"Tabel {name} heeft een primaire sleutel én een sleutel in DECLARED_KEYS."
        )
    key = primary if primary is not None else declared
    if key is None:
        raise SchemaError(f"Tabel {name} heeft geen primaire sleutel en geen in DECLARED_KEYS.")
    known = {c.name for c in columns}
    for column in key + MAINTAINED_COLUMNS.get(name, ()):
        if column not in known:
            raise SchemaError(f"Tabel {name} heeft geen kolom {column}.")
    references = foreign + tuple(t for t in DECLARED_REFERENCES.get(name, ()) if t not in foreign)
    return Table(name, columns, key, primary is not None, references)


def _check_order(tables: dict[str, Table]) -> None:
    """Stop when RAW_TABLES puts a table before a table it refers to."""
    position = {name: i for i, name in enumerate(RAW_TABLES)}
    for table in tables.values():
        for parent in table.references:
            if parent not in position:
                raise SchemaError(f"Tabel {table.name} verwijst naar {parent}, geen ruwe tabel.")
            if position[parent] > position[table.name]:
                raise SchemaError(
                    f"RAW_TABLES zet {table.name} vóór {parent}, waarnaar die verwijst."
                )


@functools.cache
def current() -> Mapping[str, Table]:
    """The raw tables as this code's migrations make them (read once per process, ~0.06 s)."""
    con = duckdb.connect()
    try:
        db.migrate(con)
        return types.MappingProxyType(read(con))
    finally:
        con.close()


def table(name: str) -> Table:
    """One raw table of the current schema; KeyError for any other name."""
    return current()[name]


def keys(name: str) -> tuple[str, ...]:
    """The key of a raw table: its primary key, or its DECLARED_KEYS entry."""
    return table(name).key


def in_load_order(names: Iterable[str]) -> tuple[str, ...]:
    """Raw table names in RAW_TABLES order (parents first); KeyError for any other name."""
    wanted = set(names)
    unknown = wanted - set(RAW_TABLES)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    return tuple(t for t in RAW_TABLES if t in wanted)


V = TypeVar("V")


class PerTable(Mapping[str, V]):
    """A read-only mapping over fixed raw tables whose values come from the schema when read.

    Listing the tables needs no schema, so importing a module that holds one builds nothing.
    """

    def __init__(self, tables: Iterable[str], value: Callable[[str], V]) -> None:
        self._tables = in_load_order(tables)
        self._value = value

    def __getitem__(self, name: str) -> V:
        if name not in self._tables:
            raise KeyError(name)
        return self._value(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)
