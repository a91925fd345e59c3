"""What the wijk has, shaped for the Wijkprofiel: the fixture of tests/fixtures/plekken.py
(three plekken, one route of three stops, a published and a concept verhaal), every expected
value worked out by hand in the comments."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
import shapely

from dashboard.display import charts
from dashboard.domain.period import Period
from dashboard.screens import plekken
from dashboard.warehouse import area_shapes
from dashboard.warehouse.queries import on
from tests.fixtures.plekken import fill_areas, fill_assets

YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture()
def db(empty_db: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    fill_areas(empty_db)
    fill_assets(empty_db)
    return empty_db


def test_noord_has_two_plekken_the_route_and_its_published_verhaal(db):
    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    assert got.plekken["plek_id"].tolist() == ["P1", "P2"]
    # the route passes P1 and P2: all three stops come along
    assert got.stops["volgnummer"].tolist() == [1, 2, 3]
    assert got.verhalen["verhaal_id"].tolist() == ["V1"]
    assert plekken.sentences(got, "Noord") == [
        # P1 buurthuis, P2 park: one each, in PLEK_TYPES order on a tie
        "Noord heeft 2 plekken: 1 buurthuis en 1 park.",
        # P1 has A1 (3 bijeenkomsten in 2025) and A2 (2): 5, of 2 activiteiten
        "De meeste bijeenkomsten waren in Buurthuis De Linde: 5, van 2 activiteiten.",
        "Wijksafari Noord (wijksafari, 3 stops) is gemaakt door bewoners, met hulp van opbouwwerk.",
    ]
    table = plekken.by_type_and_beheer(got)
    # P1 buurthuis run by an organisatie, P2 park by the gemeente
    assert table.values.tolist() == [["Buurthuis", "Organisatie", 1], ["Park", "Gemeente", 1]]


def test_zuid_shows_no_concept_verhaal(db):
    # V2 is about BU00010201 in Zuid, but a concept: the public profile never shows it
    got = plekken.fetch(on(db), YEAR_2025, "WK000102", "GM0001", "wijk", "WK000102")
    assert got.verhalen.empty
    assert got.plekken["plek_id"].tolist() == ["P3"]
    assert got.stops.empty  # the route passes no plek of Zuid
    assert plekken.sentences(got, "Zuid") == [
        "Zuid heeft 1 plek: 1 moestuin.",
        "Bewoners beheren er zelf 1.",
        "De meeste bijeenkomsten waren in Moestuin Zuid: 1, van 1 activiteit.",
    ]


def test_the_asset_map_draws_a_point_per_plek_and_a_line_per_route(db):
    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    shapes = area_shapes.read_gebieden(db, "wijk", "GM0001")
    fig = charts.asset_map(shapes, "WK000101", got.plekken, got.stops, got.held)
    points = [t for t in fig.data if t.type == "scattergeo" and t.mode == "markers"]
    lines = [t for t in fig.data if t.type == "scattergeo" and t.legendgroup == "routes"]
    # one trace per type (buurthuis, park), one point each; one line of three stops
    assert [(t.name, len(t.lon)) for t in points] == [("Buurthuis", 1), ("Park", 1)]
    assert [(t.name, len(t.lon)) for t in lines] == [("Wijksafari Noord", 3)]
    assert fig.layout.showlegend is True
    # the hover of P1 lists its activiteiten
    assert "Buurtcafé (3 bijeenk.)" in points[0].text[0]
    assert shapely.Point(points[0].lon[0], points[0].lat[0]).within(
        shapely.box(5.0, 52.0, 5.05, 52.1)
    )


def test_names_from_data_are_escaped_in_the_hover(db):
    db.execute("update plek set naam = '<b>Kapot</b>' where plek_id = 'P2'")
    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    fig = charts.asset_map(
        area_shapes.read_gebieden(db, "wijk"), "WK000101", got.plekken, got.stops
    )
    park = next(t for t in fig.data if t.name == "Park")
    assert "&lt;b&gt;Kapot&lt;/b&gt;" in park.text[0]
