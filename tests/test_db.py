"""Migrations and model building: versioned, idempotent, constraints enforced."""

from __future__ import annotations

import hashlib
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
            "select function_name from duckdb_functions() where function_type in ('macro', 'table_macro')"
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


def _views_on_every_table(con: duckdb.DuckDBPyConnection) -> None:
    """Views that depend on the tables, as an old database has them (its models).

    Today's models need the columns of later migrations, so they do not bind to an old
    schema: one plain view per table stands in for them.
    """
    for (table,) in con.sql("select table_name from duckdb_tables()").fetchall():
        con.execute(f"create view oud_{table} as select * from {table}")


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
        _views_on_every_table(con)
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
        before = {}
        for table in ("bijeenkomst", "kerncijfers"):
            rows = con.sql(f"select * from {table} order by all")
            before[table] = (rows.columns, rows.fetchall())
    with duckdb.connect(path) as con:
        db.build_database(con)
        for table, (columns, rows) in before.items():
            # in the columns of that time (later migrations may add some)
            shown = ", ".join(columns)
            assert con.sql(f"select {shown} from {table} order by all").fetchall() == rows
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


# The patterns migration 0009 replaced, and what it put in their place (CODE_PATTERNS).
PATTERNS_BEFORE_0009 = {
    "WK[0-9]{6}": "WK[0-9]{4}[0-9A-Z]{2}",
    "BU[0-9]{8}": "BU[0-9]{4}[0-9A-Z]{4}",
}


def _with_new_patterns(text: str) -> str:
    for old, new in PATTERNS_BEFORE_0009.items():
        text = text.replace(old, new)
    return text


def _contents(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, str]]:
    """Each table's row count and a hash of its ordered rows (bookkeeping of the build aside)."""
    tables = [r[0] for r in con.sql("select table_name from duckdb_tables()").fetchall()]
    return {
        table: (
            con.sql(f"select count(*) from {table}").fetchall()[0][0],
            hashlib.sha256(
                repr(con.sql(f"select * from {table} order by all").fetchall()).encode()
            ).hexdigest(),
        )
        for table in tables
        if table not in ("schema_version", "model_versie")
    }


def _definitions(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, str], list[tuple]]:
    """Every table's definition and every constraint, as the catalog states them."""
    tables = dict(
        con.sql(
            "select table_name, sql from duckdb_tables() where table_name <> 'model_versie'"
        ).fetchall()
    )
    constraints = con.sql(
        "select table_name, constraint_type, constraint_text, constraint_column_names,"
        " referenced_table, referenced_column_names from duckdb_constraints()"
        " where table_name <> 'model_versie' order by all"
    ).fetchall()
    return tables, constraints


def test_migration_0009_keeps_every_row_and_constraint_and_takes_codes_with_capitals(
    tmp_path, monkeypatch, demo_db_path
):
    from dashboard.warehouse import schema, store

    path = str(tmp_path / "oud.duckdb")
    with _database_at(path, 8, monkeypatch) as con:  # as the code before 0009 left it
        _views_on_every_table(con)
        # the demo's rows (in the columns of that time), and an own indeling (the demo has
        # none) for indeling_buurt
        con.execute(f"attach '{store.resolve(demo_db_path)}' as demo (read_only)")
        for table in schema.RAW_TABLES:
            columns = ", ".join(
                name
                for (name,) in con.sql(
                    "select column_name from duckdb_columns() where database_name ="
                    " current_database() and table_name = $t order by column_index",
                    params={"t": table},
                ).fetchall()
            )
            if not columns:  # a table a later migration makes (0011: plek, route, ...)
                continue
            con.execute(f"insert into {table} select {columns} from demo.{table}")
        con.execute("detach demo")
        gemeente = con.sql("select min(gemeentecode) from gemeente").fetchall()[0][0]
        gebied = f"EG{gemeente[2:]}001"
        insert(con, "indeling", [(gebied, "Centrum", gemeente, "stadsdelen", None)])
        con.execute(
            "insert into indeling_buurt select buurtcode, $g from buurt order by 1 limit 3",
            {"g": gebied},
        )
        before = _contents(con)
        tables, constraints = _definitions(con)
        with pytest.raises(duckdb.ConstraintException):
            insert(con, "wijk", [("WK0001AA", "Letters", gemeente, None)])
    assert before["deelname"][0] > 100_000 and before["indeling_buurt"][0] == 3

    with _database_at(path, 9, monkeypatch) as con:  # migration 0009, not the later ones
        assert schema_version(con) == 9
        # every row of every table is still there, unchanged
        assert _contents(con) == before
        # every table, column, default, key, foreign key and check is as it was, but for the
        # two code patterns
        after_tables, after_constraints = _definitions(con)
        assert after_tables == {t: _with_new_patterns(sql) for t, sql in tables.items()}
        assert after_constraints == sorted(
            tuple(_with_new_patterns(v) if isinstance(v, str) else v for v in row)
            for row in constraints
        )
        assert con.sql("select count(*) from oud_bijeenkomst").fetchall() == [
            (before["bijeenkomst"][0],)
        ]

        # codes with capitals go in everywhere a code goes
        insert(con, "gemeente", [("GM0363", "Amsterdam", False, None)])
        insert(con, "wijk", [("WK0363AA", "Burgwallen-Oude Zijde", "GM0363", None)])
        insert(con, "buurt", [("BU0363AA01", "Kop Zeedijk", "WK0363AA", None)])
        insert(con, "buurt", [("BU0363AAAB", "Letters", "WK0363AA", None)])
        insert(con, "kerncijfers", [("WK0363AA", 2024, "aantal_inwoners", 4430.0)])
        insert(con, "deelnemer", [("p-ams", "BU0363AA01", "27-44")])
        organisatie = con.sql("select min(organisatie_id) from organisatie").fetchall()[0][0]
        professional = con.sql("select min(professional_id) from professional").fetchall()[0][0]
        insert(
            con,
            "inzet",
            [("I-AMS", professional, "WK0363AA", "opbouwwerker", organisatie,
              date(2024, 1, 1), None, 24)],
        )  # fmt: skip
        # (the default of is_bewonersinitiatief is kept)
        con.execute(
            "insert into activiteit (activiteit_id, naam, type, wijkcode, buurtcode,"
            " organisatie_id) values ('A-AMS', 'Café', 'buurtcafé', 'WK0363AA', 'BU0363AA01', $o)",
            {"o": organisatie},
        )
        assert con.sql(
            "select is_bewonersinitiatief from activiteit where activiteit_id = 'A-AMS'"
        ).fetchall() == [(False,)]
        insert(con, "activiteit_partner", [("A-AMS", organisatie)])
        insert(con, "bijeenkomst", [("B-AMS", "A-AMS", date(2024, 1, 5), 3)])

        # and every constraint still refuses what it refused
        bad = [
            ("wijk", ("WK0363aa", "Kleine letters", "GM0363", None)),  # pattern: capitals only
            ("wijk", ("WK0364AB", "Andere gemeente", "GM0363", None)),  # not its gemeente's
            ("wijk", ("WK0365AA", "Onbekende gemeente", "GM0365", None)),  # foreign key
            ("wijk", ("WK0363AA", "Dubbel", "GM0363", None)),  # primary key
            ("buurt", ("BU0363AA1", "Te kort", "WK0363AA", None)),
            ("buurt", ("BU0363AB01", "Andere wijk", "WK0363AA", None)),
            ("buurt", ("BU0363ZZ01", "Onbekende wijk", "WK0363ZZ", None)),
            ("kerncijfers", ("WK0363aa", 2024, "aantal_inwoners", 1.0)),
            ("kerncijfers", ("WK0363AA", 1800, "aantal_inwoners", 1.0)),
            ("deelnemer", ("p-x", "BU0363aa01", None)),
            ("deelnemer", ("p-x", None, "100+")),
            ("indeling_buurt", ("BU0363ZZ01", gebied)),
            ("inzet", ("I-X", professional, "WK0363ZZ", "opbouwwerker", organisatie,
                       date(2024, 1, 1), None, 24)),
            ("inzet", ("I-X", professional, "WK0363AA", "opbouwwerker", organisatie,
                       date(2024, 1, 1), None, 0)),
            ("activiteit", ("A-X", "X", "x", "WK0363AA", "BU0363ZZ01", organisatie, False)),
            ("activiteit", ("A-X", "X", "x", "WK0363AA", "BU0363AB01", organisatie, False)),
            ("activiteit", ("A-AMS", "Dubbel", "x", "WK0363AA", None, organisatie, False)),
            ("activiteit_partner", ("A-ONBEKEND", organisatie)),
            ("activiteit_partner", ("A-AMS", organisatie)),
            ("bijeenkomst", ("B-X", "A-ONBEKEND", date(2024, 1, 5), 3)),
            ("bijeenkomst", ("B-X", "A-AMS", date(2024, 1, 5), -1)),
        ]  # fmt: skip
        for table, row in bad:
            with pytest.raises(duckdb.ConstraintException):
                insert(con, table, [row])
        # a referenced table cannot go, and its children can, then it can: no stale
        # references left behind (see the note on bijeenkomst_nieuw in the migration)
        for table in ("wijk", "buurt", "activiteit"):
            with pytest.raises(duckdb.CatalogException, match="main key table"):
                con.execute(f"drop table {table}")
        con.execute("begin")
        for table in ("bijeenkomst", "activiteit_partner", "activiteit", "inzet", "indeling_buurt"):
            con.execute(f"drop table {table}")
        con.execute("drop table buurt")
        con.execute("drop table wijk")
        con.execute("rollback")


def test_migration_0010_counts_every_bijeenkomsts_deelnames(tmp_path, monkeypatch):
    import dashboard.warehouse.db as db

    path = str(tmp_path / "oud.duckdb")
    with _database_at(path, 9, monkeypatch) as con:  # as the code before 0010 left it
        _views_on_every_table(con)
        insert(con, "gemeente", [("GM0001", "Testdorp", False, None)])
        insert(con, "wijk", [("WK000101", "Noord", "GM0001", None)])
        insert(con, "organisatie", [("O1", "Welzijn", "welzijn")])
        insert(con, "activiteit", [("A1", "Café", "buurtcafé", "WK000101", None, "O1", False)])
        # B1: 2 registered of 2; B2: 3 registered of a total of 1; B3: none of 4
        insert(
            con,
            "bijeenkomst",
            [
                ("B1", "A1", date(2024, 1, 1), 2),
                ("B2", "A1", date(2024, 2, 1), 1),
                ("B3", "A1", date(2024, 3, 1), 4),
            ],
        )
        insert(con, "deelnemer", [("p1", None, None), ("p2", None, None), ("p3", None, None)])
        insert(
            con,
            "deelname",
            [("B1", "p1"), ("B1", "p2"), ("B2", "p1"), ("B2", "p2"), ("B2", "p3")],
        )
    with duckdb.connect(path) as con:
        db.build_database(con)
        assert con.sql(
            "select bijeenkomst_id, aantal_deelnemers, geregistreerde_deelnames, deelnames"
            " from int_bijeenkomst order by 1"
        ).fetchall() == [("B1", 2, 2, 2), ("B2", 1, 3, 3), ("B3", 4, 0, 4)]
        # a bijeenkomst that comes later starts at 0, without a value from its loader
        insert(con, "bijeenkomst", [("B4", "A1", date(2024, 4, 1), 5)])
        assert con.sql(
            "select geregistreerde_deelnames from bijeenkomst where bijeenkomst_id = 'B4'"
        ).fetchall() == [(0,)]


def test_migration_0012_lets_referenced_areas_and_activiteiten_be_updated(
    tmp_path, monkeypatch, demo_db_path
):
    """A new CBS name or shape for a wijk with inzet, and a corrected name for an activiteit
    with bijeenkomsten, were refused ("is still referenced"): a check over two columns made
    DuckDB update the row as a delete and an insert. The migration keeps every row, and every
    definition but those three checks, whose rule the assertions now hold."""
    from dashboard.warehouse import checks, schema, store

    path = str(tmp_path / "oud.duckdb")
    with _database_at(path, 11, monkeypatch) as con:  # as the code before 0012 left it
        _views_on_every_table(con)
        con.execute(f"attach '{store.resolve(demo_db_path)}' as demo (read_only)")
        for table in schema.RAW_TABLES:
            con.execute(f"insert into {table} select * from demo.{table}")
        con.execute("detach demo")
        before = _contents(con)
        tables, constraints = _definitions(con)
        wijk, buurt, activiteit = con.sql(
            "select a.wijkcode, b.buurtcode, a.activiteit_id from activiteit as a"
            " join buurt as b using (wijkcode)"
            " where a.activiteit_id in (select activiteit_id from bijeenkomst)"
            " and a.wijkcode in (select wijkcode from inzet)"
            " and b.buurtcode in (select buurtcode from plek) limit 1"
        ).fetchall()[0]
        updates = [
            ("update wijk set naam = 'Nieuwe naam' where wijkcode = $c", wijk),
            ("update buurt set geom_wkb = null where buurtcode = $c", buurt),
            ("update activiteit set naam = 'Verbeterd' where activiteit_id = $c", activiteit),
        ]
        for sql, code in updates:  # what 0012 is for
            with pytest.raises(duckdb.ConstraintException, match="still referenced"):
                con.execute(sql, {"c": code})
    assert before["plek"][0] > 0 and before["plek_activiteit"][0] > 0

    with _database_at(path, 12, monkeypatch) as con:
        assert schema_version(con) == 12
        assert _contents(con) == before  # every row of every table, unchanged
        dropped = {
            ("wijk", "CHECK((substr(wijkcode, 3, 4) = substr(gemeentecode, 3, 4)))"),
            ("buurt", "CHECK((substr(buurtcode, 3, 6) = substr(wijkcode, 3, 6)))"),
            (
                "activiteit",
                "CHECK(((buurtcode IS NULL) OR (substr(buurtcode, 3, 6) = substr(wijkcode, 3, 6))))",
            ),
            ("activiteit", "FOREIGN KEY (wijkcode) REFERENCES wijk(wijkcode)"),
            ("activiteit", "FOREIGN KEY (buurtcode) REFERENCES buurt(buurtcode)"),
            ("activiteit", "FOREIGN KEY (organisatie_id) REFERENCES organisatie(organisatie_id)"),
        }
        after_tables, after_constraints = _definitions(con)
        kept = {(row[0], row[2]) for row in after_constraints}
        assert {(row[0], row[2]) for row in constraints} - kept == dropped
        assert len(after_constraints) == len(constraints) - len(dropped)
        assert after_tables.keys() == tables.keys()
        for sql, code in updates:
            con.execute(sql, {"c": code})
        # an activiteit with bijeenkomsten moves to another buurt and organiser
        other_buurt, other_wijk = con.sql(
            "select buurtcode, wijkcode from buurt where wijkcode <> $w limit 1", params={"w": wijk}
        ).fetchall()[0]
        con.execute(
            "update activiteit set buurtcode = $b, wijkcode = $w,"
            " organisatie_id = (select max(organisatie_id) from organisatie)"
            " where activiteit_id = $c",
            {"b": other_buurt, "w": other_wijk, "c": activiteit},
        )
        # the rule of the checks and the references are the assertions' now: each finds the
        # row that breaks it
        insert(con, "gemeente", [("GM0001", "Testdorp", False, None)])
        insert(con, "wijk", [("WK000201", "Andere gemeente", "GM0001", None)])
        insert(con, "buurt", [("BU00010101", "Andere wijk", wijk, None)])
        con.execute(
            "update activiteit set buurtcode = 'BU00010101', organisatie_id = 'ORG-WEG'"
            " where activiteit_id = $c",
            {"c": activiteit},
        )
        found = {
            name: con.sql((checks.ASSERTIONS_DIR / f"{name}.sql").read_text()).fetchall()
            for name in (
                "wijk_code_van_gemeente",
                "buurt_code_van_wijk",
                "activiteit_buurt_in_wijk",
                "activiteit_verwijst",
            )
        }
        assert found == {
            "wijk_code_van_gemeente": [("WK000201", "GM0001")],
            "buurt_code_van_wijk": [("BU00010101", wijk)],
            "activiteit_buurt_in_wijk": [(activiteit, other_wijk, wijk)],
            "activiteit_verwijst": [("organisatie", activiteit, "ORG-WEG")],
        }


def test_assertions_guard_the_keys_of_the_tables_without_key_index(area):
    from dashboard.warehouse import first_deelname, registered_deelnames
    from dashboard.warehouse.checks import run_checks

    insert(area, "activiteit", [("A1", "Buurtcafé", "buurtcafé", "WK000101", None, "O1", False)])
    insert(area, "bijeenkomst", [("B1", "A1", date(2024, 1, 1), 3)])
    insert(area, "bijeenkomst", [("B1", "A1", date(2024, 2, 1), 3)])
    insert(area, "kerncijfers", [("WK000101", 2024, "aantal_inwoners", 10.0)] * 2)
    insert(area, "deelnemer", [("p1", None, None), ("p2", None, None), ("p2", None, None)])
    # without indexes the tables themselves accept a repeated key and unknown references
    insert(area, "deelname", [("B1", "p1"), ("B1", "p1"), ("B9", "p1"), ("B1", "p9")])
    first_deelname.refresh_all(area)
    registered_deelnames.refresh_all(area)
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


# --- model layers and build order -----------------------------------------------


def _models(tmp_path, files: dict[str, str]):
    """A models folder with these `layer/name.sql` files, planned against the real migrations."""
    from dashboard.warehouse import build_order
    from dashboard.warehouse.db import migrations

    for name, sql in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sql, encoding="utf-8")
    return build_order.plan(tmp_path, [p for _, _, p in migrations()])


def test_models_are_built_layer_by_layer_each_after_what_it_reads():
    from dashboard.warehouse.db import MODEL_LAYERS, model_files

    files = model_files()
    layers = [layer for layer, _ in files]
    assert MODEL_LAYERS == ("staging", "intermediate", "marts")
    assert layers == sorted(layers, key=MODEL_LAYERS.index)
    position = {path.stem: i for i, (_, path) in enumerate(files)}
    # a few dependencies that must hold
    assert position["stg_inzet"] < position["int_inzet"] < position["int_spell"]
    assert position["int_spell"] < position["spells_in_scope"] < position["onbezet_dagen"]
    assert position["behoefte_componenten"] < position["behoefte_index"] < position["dekking"]
    assert position["verblijfsduur_curve"] < position["continuiteit"]


def test_the_build_order_follows_references_within_a_layer(tmp_path):
    planned = _models(
        tmp_path,
        {
            "staging/stg_wijk.sql": "-- one row per wijk\ncreate or replace view stg_wijk as\nselect * from wijk",
            "intermediate/a_last.sql": "-- one row per wijk\ncreate or replace view a_last as\nselect * from m_first(1)",
            "intermediate/m_first.sql": "-- one row per wijk\ncreate or replace macro m_first(x) as table\n"
            "with w as (select * from stg_wijk) select * from w",
            "marts/mart.sql": "-- one row per wijk\ncreate or replace view mart as\nselect * from a_last",
        },
    )
    assert [m.name for m in planned] == ["stg_wijk", "m_first", "a_last", "mart"]
    assert planned[2].refers_to == {"m_first"}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {
                "intermediate/a.sql": "-- one row per a\ncreate or replace view a as select * from b",
                "intermediate/b.sql": "-- one row per b\ncreate or replace view b as select * from a",
            },
            "in een kring naar elkaar: a -> b -> a",
        ),
        (
            {
                "marts/a.sql": "-- one row per a\ncreate or replace view a as select * from stg_nergens"
            },
            "verwijst naar 'stg_nergens'",
        ),
        (
            {"marts/a.sql": "-- one row per a\ncreate or replace view a as select * from nergens"},
            "verwijst naar 'nergens': geen model, ruwe tabel of CTE",
        ),
        (
            {"marts/a.sql": "-- one row per a\ncreate or replace view a as select * from inzet"},
            "leest de ruwe tabel 'inzet': alleen staging",
        ),
        (
            {
                "staging/stg_a.sql": "-- one row per a\ncreate or replace view stg_a as\n"
                "select * from inzet join wijk using (wijkcode)",
            },
            "precies één ruwe tabel",
        ),
        (
            {
                "intermediate/a.sql": "-- one row per a\ncreate or replace view a as select * from m",
                "marts/m.sql": "-- one row per m\ncreate or replace view m as select 1",
            },
            "uit de latere laag marts",
        ),
        (
            {"marts/a.sql": "-- one row per a\ncreate or replace view b as select 1"},
            "moet beginnen met 'create or replace view a'",
        ),
    ],
)
def test_a_model_that_cannot_be_ordered_fails_with_a_clear_message(tmp_path, files, message):
    from dashboard.warehouse.build_order import ModelOrderError

    with pytest.raises(ModelOrderError, match=message):
        _models(tmp_path, files)


def test_names_in_comments_and_strings_are_not_references(tmp_path):
    planned = _models(
        tmp_path,
        {
            "marts/a.sql": "-- one row per a: from inzet, not from stg_nergens\n"
            "create or replace view a as\nselect 'from wijk' as tekst, extract(year from now())"
        },
    )
    assert planned[0].refers_to == frozenset()


def test_the_models_hash_covers_every_layer(tmp_path, monkeypatch):
    import shutil

    import dashboard.warehouse.db as db

    copy = tmp_path / "models"
    shutil.copytree(db.MODELS_DIR, copy)
    monkeypatch.setattr(db, "MODELS_DIR", copy)
    before = db.models_hash()
    path = copy / "intermediate" / "periode.sql"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert db.models_hash() != before
    moved = db.models_hash()
    shutil.move(copy / "marts" / "deelnemers.sql", copy / "intermediate" / "deelnemers.sql")
    assert db.models_hash() != moved  # the same file in another layer is another build


def test_a_rebuild_drops_the_views_and_macros_no_model_makes_any_more(empty_db):
    from dashboard.warehouse.db import create_models

    empty_db.execute("create view stg_spell as select 1 as oud")  # a model of older code
    empty_db.execute("create macro scope_oud(x) as table select x")
    empty_db.execute("create macro oud_scalair(x) as x + 1")
    empty_db.execute("create temp view eigen_werk as select 1 as x")  # not a model: kept
    create_models(empty_db)
    views = {r[0] for r in empty_db.sql("select view_name from duckdb_views()").fetchall()}
    functions = {
        r[0] for r in empty_db.sql("select function_name from duckdb_functions()").fetchall()
    }
    assert "stg_spell" not in views and "int_spell" in views
    assert "eigen_werk" in views
    assert not {"scope_oud", "oud_scalair"} & functions


# --- shared building blocks -------------------------------------------------------


@pytest.mark.parametrize(
    ("niveau", "expected"),
    [
        ("land", "NL"),
        ("gemeente", "GM0001"),
        ("wijk", "WK000101"),
        ("buurt", "BU00010101"),
        ("eigen", "EG0001001"),
        ("stadsdeel", None),
    ],
)
def test_gebiedscode_op_niveau_maps_each_level_once(empty_db, niveau, expected):
    from dashboard.domain.codes import NATIONAL

    rows = empty_db.sql(
        "select gebiedscode_op_niveau($n, 'GM0001', 'WK000101', 'BU00010101', 'EG0001001')",
        params={"n": niveau},
    ).fetchall()
    assert rows == [(expected,)]
    if niveau == "land":
        assert expected == NATIONAL


def test_periode_counts_both_ends_and_refuses_an_inverted_period(empty_db):
    assert empty_db.sql(
        "select * from periode(date '2024-01-01', date '2024-12-31')"
    ).fetchall() == [(date(2024, 1, 1), date(2024, 12, 31), 366)]
    with pytest.raises(duckdb.InvalidInputException, match="De periode eindigt voor zij begint"):
        empty_db.sql("select * from periode(date '2024-02-01', date '2024-01-01')").fetchall()


def test_inwoners_of_an_area_without_a_figure_are_the_sum_of_its_parts(area):
    # GM0001 has wijken WK000101 (own figure 1000 in 2024) and WK000102 (no figure; its
    # buurten BU00010201 and BU00010202 have 300 and 200). GM0001 has no figure of its own:
    # 1000 + 300 + 200 = 1500; WK000102 counts 300 + 200 = 500; the buurt BU00010101 of
    # WK000101 (40) does not count again for the gemeente. An own indeling area of
    # BU00010101 and BU00010201 counts 40 + 300 = 340. In 2023 only GM0001 has a figure (1400).
    insert(area, "wijk", [("WK000102", "Zuid", "GM0001", None)])
    insert(
        area,
        "buurt",
        [
            ("BU00010101", "Kern", "WK000101", None),
            ("BU00010201", "West", "WK000102", None),
            ("BU00010202", "Oost", "WK000102", None),
        ],
    )
    insert(area, "indeling", [("EG0001001", "Stadsdeel", "GM0001", "stadsdelen", None)])
    insert(area, "indeling_buurt", [("BU00010101", "EG0001001"), ("BU00010201", "EG0001001")])
    insert(
        area,
        "kerncijfers",
        [
            ("WK000101", 2024, "aantal_inwoners", 1000.0),
            ("BU00010101", 2024, "aantal_inwoners", 40.0),
            ("BU00010201", 2024, "aantal_inwoners", 300.0),
            ("BU00010202", 2024, "aantal_inwoners", 200.0),
            ("WK000102", 2024, "aantal_inwoners", None),  # a secret CBS figure
            ("GM0001", 2023, "aantal_inwoners", 1400.0),
        ],
    )
    assert area.sql("select * from inwoners_in() order by all").fetchall() == [
        ("BU00010101", 2024, 40),
        ("BU00010201", 2024, 300),
        ("BU00010202", 2024, 200),
        ("EG0001001", 2024, 340),
        ("GM0001", 2023, 1400),
        ("GM0001", 2024, 1500),
        ("WK000101", 2024, 1000),
        ("WK000102", 2024, 500),
    ]
