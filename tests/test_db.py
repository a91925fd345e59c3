"""Migrations and model building: versioned, idempotent, constraints enforced."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import duckdb
import pytest

from dashboard.warehouse.db import build_database, migrations, schema_version
from tests.helpers import insert


def _catalog(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.sql(
        "select table_name, column_name, data_type from information_schema.columns"
        " order by table_name, ordinal_position"
    ).fetchall()


def test_migrations_are_versioned_and_idempotent(tmp_path):
    path = str(tmp_path / "db.duckdb")
    with duckdb.connect(path) as con:
        build_database(con)
        first = _catalog(con)
        versions = con.sql("select version from schema_version order by version").fetchall()
    with duckdb.connect(path) as con:
        build_database(con)  # a second run changes nothing
        assert _catalog(con) == first
        assert con.sql("select version from schema_version order by version").fetchall() == versions
        assert schema_version(con) == max(v for v, _, _ in migrations())
        # the default need indicators are inserted once, not once per run
        assert con.sql("select count(*) from behoefte_indicator").fetchall() == [(4,)]


def test_every_model_states_its_grain():
    from dashboard.warehouse.db import model_files

    for _, path in model_files():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("-- one row per"), path.name


def test_every_model_creates_the_object_named_after_its_file(empty_db):
    from dashboard.warehouse.db import model_files

    views = {r[0] for r in empty_db.sql("select view_name from duckdb_views()").fetchall()}
    macros = {
        r[0]
        for r in empty_db.sql(
            "select function_name from duckdb_functions() where function_type = 'table_macro'"
        ).fetchall()
    }
    for _, path in model_files():
        assert path.stem in views | macros, path.name


@pytest.fixture()
def area(empty_db):
    insert(empty_db, "gemeente", [("GM0001", "Testdorp", False, None)])
    insert(empty_db, "wijk", [("WK000101", "Noord", "GM0001", None)])
    insert(empty_db, "organisatie", [("O1", "Welzijn", "welzijn")])
    insert(empty_db, "professional", [("P1", "Persoon")])
    return empty_db


@pytest.mark.parametrize(
    ("table", "row"),
    [
        ("gemeente", ("G0001", "Fout", False, None)),  # code pattern
        ("wijk", ("WK000201", "Andere gemeente", "GM0001", None)),  # wijk code not of its gemeente
        ("wijk", ("WK000102", "Zonder gemeente", "GM0002", None)),  # unknown gemeente (FK)
        ("buurt", ("BU0001010", "Te kort", "WK000101", None)),
        ("kerncijfers", ("XX0001", 2024, "aantal_inwoners", 1)),
        (
            "inzet",
            ("I1", "P1", "WK000101", "opbouwwerker", "O1", date(2024, 2, 1), date(2024, 1, 1), 10),
        ),
        ("inzet", ("I2", "P1", "WK000101", "directeur", "O1", date(2024, 1, 1), None, 10)),
        ("inzet", ("I3", "P1", "WK000101", "opbouwwerker", "O1", date(2024, 1, 1), None, -4)),
        ("inzet", ("I4", "P9", "WK000101", "opbouwwerker", "O1", date(2024, 1, 1), None, 10)),
        ("organisatie", ("O2", "Iets", "onbekende soort")),
    ],
)
def test_constraints_refuse_bad_rows(area, table, row):
    with pytest.raises(duckdb.ConstraintException):
        insert(area, table, [row])


def test_negative_participant_count_is_refused(area):
    insert(area, "activiteit", [("A1", "Buurtcafé", "buurtcafé", "WK000101", None, "O1", False)])
    with pytest.raises(duckdb.ConstraintException):
        insert(area, "bijeenkomst", [("B1", "A1", date(2024, 1, 1), -1)])


@contextmanager
def _database_at(path: str, version: int, monkeypatch) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a new database as the code of migration `version` left it."""
    import dashboard.warehouse.db as db

    every = db.migrations()
    monkeypatch.setattr(db, "migrations", lambda: [m for m in every if m[0] <= version])
    with duckdb.connect(path) as con:
        db.migrate(con)
        yield con
    monkeypatch.setattr(db, "migrations", lambda: every)


def test_migration_0004_keeps_every_deelname_and_drops_its_indexes(tmp_path, monkeypatch):
    import dashboard.warehouse.db as db

    path = str(tmp_path / "oud.duckdb")
    with _database_at(path, 3, monkeypatch) as con:  # as the code before 0004 left it
        insert(con, "gemeente", [("GM0001", "Testdorp", False, None)])
        insert(con, "wijk", [("WK000101", "Noord", "GM0001", None)])
        insert(con, "organisatie", [("O1", "Welzijn", "welzijn")])
        insert(con, "activiteit", [("A1", "Café", "buurtcafé", "WK000101", None, "O1", False)])
        insert(con, "bijeenkomst", [("B1", "A1", date(2024, 1, 1), 2)])
        insert(con, "deelnemer", [("p1", None, None), ("p2", None, None)])
        insert(con, "deelname", [("B1", "p1"), ("B1", "p2")])
    with duckdb.connect(path) as con:
        db.build_database(con)
        assert con.sql("select * from deelname order by 2").fetchall() == [
            ("B1", "p1"),
            ("B1", "p2"),
        ]
        constraints = con.sql(
            "select constraint_type from duckdb_constraints() where table_name = 'deelname'"
        ).fetchall()
        assert sorted(constraints) == [("NOT NULL",), ("NOT NULL",)]


def test_migration_0007_keeps_every_deelnemer_and_drops_its_index(tmp_path, monkeypatch):
    import dashboard.warehouse.db as db

    path = str(tmp_path / "oud.duckdb")
    with _database_at(path, 6, monkeypatch) as con:  # as the code before 0007 left it
        insert(con, "gemeente", [("GM0001", "Testdorp", False, None)])
        insert(con, "wijk", [("WK000101", "Noord", "GM0001", None)])
        insert(con, "buurt", [("BU00010101", "Kern", "WK000101", None)])
        con.execute(
            "insert into deelnemer values ('p1', 'BU00010101', '18-26', date '2024-03-01'),"
            " ('p2', null, null, null)"
        )
        before = con.sql("select * from deelnemer order by all").fetchall()
    with duckdb.connect(path) as con:
        db.build_database(con)
        assert con.sql("select * from deelnemer order by all").fetchall() == before
        constraints = con.sql(
            "select constraint_type from duckdb_constraints() where table_name = 'deelnemer'"
        ).fetchall()
        # no primary key any more; the checks on buurtcode and leeftijdsgroep stay
        assert sorted(constraints) == [("CHECK",), ("CHECK",), ("NOT NULL",)]
        with pytest.raises(duckdb.ConstraintException):
            con.execute("insert into deelnemer values ('p3', 'Centrum', null, null)")


def test_migration_0008_keeps_bijeenkomsten_and_kerncijfers_and_drops_their_key_indexes(
    tmp_path, monkeypatch
):
    import dashboard.warehouse.db as db

    path = str(tmp_path / "oud.duckdb")
    with _database_at(path, 7, monkeypatch) as con:  # as the code before 0008 left it
        db.create_models(con)  # with its views
        insert(con, "gemeente", [("GM0001", "Testdorp", False, None)])
        insert(con, "wijk", [("WK000101", "Noord", "GM0001", None)])
        insert(con, "organisatie", [("O1", "Welzijn", "welzijn")])
        insert(con, "activiteit", [("A1", "Café", "buurtcafé", "WK000101", None, "O1", False)])
        insert(
            con,
            "bijeenkomst",
            [("B1", "A1", date(2024, 1, 1), 2), ("B2", "A1", date(2024, 2, 1), 0)],
        )
        insert(
            con,
            "kerncijfers",
            [
                ("WK000101", 2024, "aantal_inwoners", 1200.0),
                ("GM0001", 2024, "aantal_inwoners", None),
            ],
        )
        before = {
            t: con.sql(f"select * from {t} order by all").fetchall()
            for t in ("bijeenkomst", "kerncijfers")
        }
    with duckdb.connect(path) as con:
        db.build_database(con)
        for table, rows in before.items():
            assert con.sql(f"select * from {table} order by all").fetchall() == rows
        constraints = con.sql(
            "select table_name, constraint_type from duckdb_constraints()"
            " where table_name in ('bijeenkomst', 'kerncijfers') and constraint_type <> 'NOT NULL'"
            " order by all"
        ).fetchall()
        # no primary keys any more; bijeenkomst keeps its foreign key, both keep their checks
        assert constraints == [
            ("bijeenkomst", "CHECK"),
            ("bijeenkomst", "FOREIGN KEY"),
            ("kerncijfers", "CHECK"),
            ("kerncijfers", "CHECK"),
        ]
        with pytest.raises(duckdb.ConstraintException):
            insert(con, "bijeenkomst", [("B3", "A9", date(2024, 3, 1), 1)])  # unknown activiteit
        # the views on the new tables work
        assert con.sql("select count(*) from stg_bijeenkomst").fetchall() == [(2,)]


def test_assertions_guard_the_keys_of_the_tables_without_key_index(area):
    from dashboard.warehouse import first_deelname
    from dashboard.warehouse.checks import run_checks

    insert(area, "activiteit", [("A1", "Buurtcafé", "buurtcafé", "WK000101", None, "O1", False)])
    insert(area, "bijeenkomst", [("B1", "A1", date(2024, 1, 1), 3)])
    insert(area, "bijeenkomst", [("B1", "A1", date(2024, 2, 1), 3)])
    insert(area, "kerncijfers", [("WK000101", 2024, "aantal_inwoners", 10.0)] * 2)
    insert(area, "deelnemer", [("p1", None, None), ("p2", None, None), ("p2", None, None)])
    # without indexes the tables themselves accept a repeated key and unknown references
    insert(area, "deelname", [("B1", "p1"), ("B1", "p1"), ("B9", "p1"), ("B1", "p9")])
    first_deelname.refresh_all(area)
    failures = {r.name: r.failures for r in run_checks(area) if not r.passed}
    assert sorted(failures) == [
        "bijeenkomst_uniek",
        "deelname_uniek",
        "deelname_verwijst",
        "deelnemer_uniek",
        "kerncijfers_uniek",
    ]
    assert failures["bijeenkomst_uniek"].values.tolist() == [["B1", 2]]
    assert failures["kerncijfers_uniek"].values.tolist() == [
        ["WK000101", 2024, "aantal_inwoners", 2]
    ]
    assert failures["deelnemer_uniek"].values.tolist() == [["p2", 2]]
    assert failures["deelname_uniek"].values.tolist() == [["B1", "p1", 2]]
    assert sorted(failures["deelname_verwijst"].values.tolist()) == [["B1", "p9"], ["B9", "p1"]]
