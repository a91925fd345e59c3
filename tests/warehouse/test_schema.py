"""dashboard.warehouse.schema: the raw tables' columns, keys and order, read from the migrations."""

from __future__ import annotations

import re

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from dashboard.demo.load import TABLE_COLUMNS as DEMO_COLUMNS
from dashboard.ingest.registratie import KIND_TABLES
from dashboard.ingest.registratie import TABLE_COLUMNS as EXPORT_COLUMNS
from dashboard.ingest.upsert import UNINDEXED
from dashboard.ingest.write import LOAD_ORDER
from dashboard.warehouse import schema
from dashboard.warehouse.checks import ASSERTIONS_DIR
from dashboard.warehouse.db import build_database, migrate

# Worked out by hand from the migrations: each raw table's key, and whether the table still
# has it as a primary-key index (0004, 0007 and 0008 dropped four of them).
KEYS = {
    "gemeente": (("gemeentecode",), True),
    "wijk": (("wijkcode",), True),
    "buurt": (("buurtcode",), True),
    "kerncijfers": (("gebiedscode", "jaar", "indicator"), False),
    "indeling": (("gebiedscode",), True),
    "indeling_buurt": (("buurtcode",), True),
    "organisatie": (("organisatie_id",), True),
    "professional": (("professional_id",), True),
    "inzet": (("inzet_id",), True),
    "activiteit": (("activiteit_id",), True),
    "activiteit_partner": (("activiteit_id", "organisatie_id"), True),
    "plek": (("plek_id",), True),
    "plek_activiteit": (("plek_id", "activiteit_id"), True),
    "route": (("route_id",), True),
    "route_stop": (("route_id", "volgnummer"), True),
    "verhaal": (("verhaal_id",), True),
    "bijeenkomst": (("bijeenkomst_id",), False),
    "deelnemer": (("deelnemer_id",), False),
    "deelname": (("bijeenkomst_id", "deelnemer_id"), False),
}
# The tables besides the raw ones: bookkeeping and configuration, filled by no importer.
OTHER_TABLES = {"schema_version", "import_log", "behoefte_indicator", "schrijver", "model_versie"}
# The assertion that checks each reference without a foreign key.
REFERENCE_ASSERTIONS = {
    "kerncijfers": "kerncijfers_gebied_bekend",
    "deelnemer": "deelnemer_woonbuurt_bekend",
    "deelname": "deelname_verwijst",
    "verhaal": "verhaal_gebied_bekend",
    "plek_activiteit": "plek_verwijzingen_bekend",
    "route_stop": "plek_verwijzingen_bekend",
    "activiteit": "activiteit_verwijst",
}


@pytest.fixture()
def migrated() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    migrate(con)
    return con


def test_every_raw_table_has_the_key_worked_out_by_hand():
    assert {t: (schema.keys(t), schema.table(t).indexed) for t in schema.RAW_TABLES} == KEYS
    assert UNINDEXED == {t for t, (_, indexed) in KEYS.items() if not indexed}


def test_every_table_of_the_database_is_a_raw_table_or_named_as_another():
    con = duckdb.connect()
    build_database(con)
    tables = {name for (name,) in con.sql("select table_name from duckdb_tables()").fetchall()}
    assert tables == set(schema.RAW_TABLES) | OTHER_TABLES


def test_the_load_order_puts_every_parent_before_its_children():
    order = {table: i for i, table in enumerate(schema.RAW_TABLES)}
    for table in schema.RAW_TABLES:
        for parent in schema.table(table).references:
            assert order[parent] < order[table], (parent, table)


def test_references_come_from_the_foreign_keys_and_the_declared_ones():
    references = {t: set(schema.table(t).references) for t in schema.RAW_TABLES}
    assert references["inzet"] == {"professional", "wijk", "organisatie"}  # foreign keys
    assert references["indeling_buurt"] == {"buurt", "indeling"}
    assert references["deelname"] == {"bijeenkomst", "deelnemer"}  # dropped in 0004, declared
    assert references["kerncijfers"] == {"gemeente", "wijk", "buurt"}  # never a foreign key
    assert references["organisatie"] == set()


@pytest.mark.parametrize("table", sorted(schema.DECLARED_KEYS))
def test_a_declared_key_is_checked_by_its_uniek_assertion(table):
    sql = (ASSERTIONS_DIR / f"{table}_uniek.sql").read_text(encoding="utf-8")
    assert re.search(rf"\bfrom {table}\b", sql)
    grouped = re.search(r"group by ([\w, ]+)\n", sql)
    assert grouped is not None
    assert tuple(c.strip() for c in grouped.group(1).split(",")) == schema.keys(table)


@pytest.mark.parametrize("table", sorted(schema.DECLARED_REFERENCES))
def test_a_declared_reference_is_checked_by_an_assertion(table):
    assert (ASSERTIONS_DIR / f"{REFERENCE_ASSERTIONS[table]}.sql").is_file()


def test_columns_have_their_duckdb_type_and_nullability():
    inzet = {c.name: (c.type, c.nullable) for c in schema.table("inzet").columns}
    assert inzet["uren_per_week"] == ("DECIMAL(5,2)", False)
    assert inzet["einddatum"] == ("DATE", True)
    # eerste_deelname is the database's own (migration 0005): no loader supplies it
    deelnemer = schema.table("deelnemer")
    assert [c.name for c in deelnemer.columns][-1] == "eerste_deelname"
    assert "eerste_deelname" not in [c.name for c in deelnemer.loaded_columns]


def test_the_schema_is_read_once_per_process():
    assert schema.current() is schema.current()
    with pytest.raises(KeyError):
        schema.keys("import_log")  # no raw table: not on the allow-list


def test_the_importer_writes_deelname_before_deelnemer_and_otherwise_in_load_order():
    assert LOAD_ORDER[-2:] == ("deelname", "deelnemer")
    assert [t for t in LOAD_ORDER if t != "deelnemer"] == [
        t for t in schema.RAW_TABLES if t != "deelnemer"
    ]


def test_loaders_take_their_tables_in_load_order_and_their_columns_from_the_schema():
    for tables in (list(DEMO_COLUMNS), list(EXPORT_COLUMNS), *KIND_TABLES.values()):
        assert list(tables) == [t for t in schema.RAW_TABLES if t in tables]
    assert set(DEMO_COLUMNS) == set(schema.RAW_TABLES) - {"indeling", "indeling_buurt"}
    for table in EXPORT_COLUMNS:
        names = [c.name for c in schema.table(table).loaded_columns]
        assert [c for c, _ in EXPORT_COLUMNS[table]] == names
        assert list(DEMO_COLUMNS[table]) == names
    # texts and dates stay in Arrow (no Python object per cell); numbers are numpy
    assert dict(EXPORT_COLUMNS["bijeenkomst"]) == {
        "bijeenkomst_id": str(pd.ArrowDtype(pa.string())),
        "activiteit_id": str(pd.ArrowDtype(pa.string())),
        "datum": str(pd.ArrowDtype(pa.date32())),
        "aantal_deelnemers": "int64",
    }
    # a deelnames import's texts stay Arrow dictionaries (each text once; millions of rows)
    arrow_text = str(pd.ArrowDtype(pa.dictionary(pa.int32(), pa.string())))
    assert dict(EXPORT_COLUMNS["deelname"]) == {
        "bijeenkomst_id": arrow_text,
        "deelnemer_id": arrow_text,
    }
    assert set(dict(EXPORT_COLUMNS["deelnemer"]).values()) == {arrow_text}
    assert dict(EXPORT_COLUMNS["inzet"])["uren_per_week"] == "float64"
    assert dict(EXPORT_COLUMNS["activiteit"])["is_bewonersinitiatief"] == "bool"


def test_a_declared_key_on_a_table_that_has_a_primary_key_is_refused(migrated):
    migrated.execute("drop table deelname")
    migrated.execute(
        "create table deelname (bijeenkomst_id varchar, deelnemer_id varchar,"
        " primary key (bijeenkomst_id, deelnemer_id))"
    )
    with pytest.raises(schema.SchemaError, match="deelname"):
        schema.read(migrated)


def test_a_table_without_any_key_is_refused(migrated):
    migrated.execute("drop table activiteit_partner")
    migrated.execute(
        "create table activiteit_partner (activiteit_id varchar, organisatie_id varchar)"
    )
    with pytest.raises(schema.SchemaError, match="activiteit_partner"):
        schema.read(migrated)


def test_a_missing_raw_table_is_refused(migrated):
    migrated.execute("drop table deelname")
    with pytest.raises(schema.SchemaError, match="deelname"):
        schema.read(migrated)


def test_a_parent_after_its_child_is_refused(migrated, monkeypatch):
    order = tuple(t for t in schema.RAW_TABLES if t != "gemeente") + ("gemeente",)
    monkeypatch.setattr(schema, "RAW_TABLES", order)
    with pytest.raises(schema.SchemaError, match="gemeente"):
        schema.read(migrated)
