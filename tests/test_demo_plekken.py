"""The demo's plekken, routes and verhalen (issue 16): deterministic and consistent with its activiteiten."""

from __future__ import annotations

import duckdb
import pytest

from dashboard.demo import generate_demo
from dashboard.warehouse.checks import run_checks
from dashboard.warehouse.db import build_database

TABLES = ("plek", "plek_activiteit", "route", "route_stop", "verhaal")


def _build() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    build_database(con)
    generate_demo(con)
    return con


@pytest.fixture(scope="module")
def demo() -> duckdb.DuckDBPyConnection:
    return _build()


def test_the_same_seed_gives_the_same_plekken_routes_and_verhalen(demo):
    other = _build()
    for table in TABLES:
        sql = f"select * from {table} order by all"
        assert demo.sql(sql).fetchall() == other.sql(sql).fetchall(), table


def test_every_wijk_has_plekken_and_published_verhalen(demo):
    per_wijk = demo.sql(
        "select w.naam, count(distinct p.plek_id), count(distinct v.verhaal_id)"
        " filter (where v.status = 'gepubliceerd')"
        " from wijk as w left join buurt as b on b.wijkcode = w.wijkcode"
        " left join plek as p on p.buurtcode = b.buurtcode"
        " left join verhaal as v on v.gebiedscode = w.wijkcode"
        " where w.gemeentecode = 'GM9999' group by w.naam"
    ).fetchall()
    assert len(per_wijk) == 9
    assert all(plekken >= 3 and verhalen >= 1 for _, plekken, verhalen in per_wijk), per_wijk


def test_at_least_two_resident_made_routes_one_a_wijksafari(demo):
    routes = demo.sql(
        "select soort from route where gemaakt_door in ('bewoners', 'bewoners_met_opbouwwerk')"
    ).fetchall()
    assert len(routes) >= 2
    assert ("wijksafari",) in routes


def test_an_activiteit_at_a_plek_meets_in_that_plek_s_buurt_or_wijk(demo):
    wrong = demo.sql(
        "select pa.activiteit_id from plek_activiteit as pa"
        " inner join plek as p on p.plek_id = pa.plek_id"
        " inner join buurt as b on b.buurtcode = p.buurtcode"
        " inner join activiteit as a on a.activiteit_id = pa.activiteit_id"
        " where a.wijkcode <> b.wijkcode or coalesce(a.buurtcode, p.buurtcode) <> p.buurtcode"
    ).fetchall()
    assert wrong == []


def test_the_assertions_pass_on_the_demo(demo):
    assert [r.name for r in run_checks(demo) if not r.passed] == []
