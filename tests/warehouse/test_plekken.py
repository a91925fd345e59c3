"""The marts of what the wijk has (plekken, route_stops, verhalen) and their assertions.

Expected values are worked out by hand from tests/fixtures/plekken.py (see the comments).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from dashboard.domain.period import Period
from dashboard.warehouse import queries
from dashboard.warehouse.checks import run_checks
from tests.fixtures.plekken import fill_areas, fill_assets

YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture()
def db(empty_db: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    fill_areas(empty_db)
    fill_assets(empty_db)
    return empty_db


def test_plekken_count_activiteiten_and_bijeenkomsten_held_there_in_the_period(db):
    got = queries.plekken(db, YEAR_2025, "wijk", "GM0001")
    rows = got[["plek_id", "gebiedscode", "type", "soort", "activiteiten", "bijeenkomsten"]]
    # P1 hosts A1 (3 bijeenkomsten in 2025; B4 is in 2024) and A2 (2): 2 activiteiten, 5
    # bijeenkomsten. P2 (a park) hosts nothing: 0, 0. P3 hosts A3 (1 in 2025).
    # Order: by gebiedscode, then type: WK000101 buurthuis P1, park P2; WK000102 P3.
    assert rows.values.tolist() == [
        ["P1", "WK000101", "buurthuis", "plek", 2, 5],
        ["P2", "WK000101", "park", "plek", 0, 0],
        ["P3", "WK000102", "moestuin", "plek", 1, 1],
    ]


def test_plekken_at_buurt_level_lie_in_their_buurt(db):
    got = queries.plekken(db, YEAR_2025, "buurt", "GM0001")
    assert dict(zip(got["plek_id"], got["gebiedscode"], strict=True)) == {
        "P1": "BU00010101",
        "P2": "BU00010102",
        "P3": "BU00010201",
    }


def test_plek_activiteiten_lists_what_a_click_on_a_plek_shows(db):
    got = queries.plek_activiteiten(db, YEAR_2025, "GM0001")
    # by plek, then most bijeenkomsten first: P1 Buurtcafé 3, Taalcafé 2; P3 Moestuin 1
    assert got[["plek_id", "activiteit", "bijeenkomsten"]].values.tolist() == [
        ["P1", "Buurtcafé", 3],
        ["P1", "Taalcafé", 2],
        ["P3", "Moestuin", 1],
    ]


def test_route_stops_in_walking_order_with_the_plek_name_where_the_stop_has_none(db):
    got = queries.route_stops(db, "GM0001")
    got = got.astype(object).where(got.notna(), None)
    assert got[["volgnummer", "stop", "wijkcode"]].values.tolist() == [
        [1, "Buurthuis De Linde", "WK000101"],
        [2, "De oude boom", None],
        [3, "Het Parkje", "WK000101"],
    ]
    assert got["is_van_bewoners"].tolist() == [True, True, True]


def test_only_published_verhalen_unless_asked_for_concepts(db):
    public = queries.verhalen(db, "GM0001")
    assert public["verhaal_id"].tolist() == ["V1"]
    everything = queries.verhalen(db, "GM0001", ook_concept=True)
    everything = everything.astype(object).where(everything.notna(), None)
    # newest first; V2 is about a buurt of WK000102
    assert everything[["verhaal_id", "wijkcode", "buurtcode"]].values.tolist() == [
        ["V2", "WK000102", "BU00010201"],
        ["V1", "WK000101", None],
    ]


def test_the_assertions_pass_on_the_fixture(db):
    assert [r.name for r in run_checks(db) if not r.passed] == []


@pytest.mark.parametrize(
    ("sql", "broken"),
    [
        # P2's point moved into the west buurt, but it still says the east one
        ("update plek set lon = 5.01 where plek_id = 'P2'", "plek_in_eigen_buurt"),
        # a route left with one stop
        (
            "delete from route_stop where route_id = 'R1' and volgnummer > 1",
            "route_minstens_twee_stops",
        ),
        # a gap in the numbering: 1, 3
        (
            "delete from route_stop where route_id = 'R1' and volgnummer = 2",
            "route_stops_op_volgorde",
        ),
        # a route stop and an activiteit at a plek that does not exist
        ("update route_stop set plek_id = 'P9' where volgnummer = 1", "plek_verwijzingen_bekend"),
        ("insert into plek_activiteit values ('P9', 'A1')", "plek_verwijzingen_bekend"),
        # a verhaal about a wijk that does not exist
        (
            "update verhaal set gebiedscode = 'WK000199' where verhaal_id = 'V1'",
            "verhaal_gebied_bekend",
        ),
    ],
)
def test_each_assertion_finds_what_it_guards(db, sql, broken):
    db.execute(sql)
    assert [r.name for r in run_checks(db) if not r.passed] == [broken]


def test_a_plek_in_use_can_move_to_another_buurt(db):
    # a later import may move a plek; DuckDB would refuse this with a foreign key to plek
    db.execute("update plek set lon = 5.03, buurtcode = 'BU00010101' where plek_id = 'P2'")
    assert [r.name for r in run_checks(db) if not r.passed] == []


def test_a_route_stop_must_be_numbered_from_one(db):
    with pytest.raises(duckdb.ConstraintException):
        db.execute("insert into route_stop values ('R1', 0, null, 5.0, 52.0, null)")
