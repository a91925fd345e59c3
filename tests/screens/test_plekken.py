"""What the wijk has, shaped for the Wijkprofiel: the fixture of tests/fixtures/plekken.py
(three plekken, one route of three stops, a published and a concept verhaal), every expected
value worked out by hand in the comments."""

from __future__ import annotations

from datetime import date

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.io as pio
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
    points = [t for t in fig.data if t.type == "scattergeo" and t.legendgroup == "plekken"]
    lines = [t for t in fig.data if t.type == "scattergeo" and t.legendgroup == "routes"]
    # one trace per type (buurthuis, park), one point each; one line of three stops
    assert [(t.name, len(t.lon)) for t in points] == [("Buurthuis", 1), ("Park", 1)]
    assert [(t.name, len(t.lon)) for t in lines] == [("Wijksafari Noord", 3)]
    assert fig.layout.showlegend is True
    # the route under the plekken and without numbers of its own: its stops are often plekken,
    # whose numbers are the table's (the route's own map numbers its stops)
    assert lines[0].mode == "lines+markers"
    order = list(fig.data)
    assert all(order.index(lines[0]) < order.index(p) for p in points)
    assert (lines[0].legendrank, points[0].legendrank) == (2000, None)  # listed after them
    # the hover of P1 lists its activiteiten
    assert "Buurtcafé (3 bijeenk.)" in points[0].hovertext[0]
    # nobody hovers on a projector: each plek has its number of the table under the map
    # (P1 with 3 bijeenkomsten first, the park with none second)
    assert [(t.mode, list(t.text)) for t in points] == [
        ("markers+text", ["1"]),
        ("markers+text", ["2"]),
    ]
    table = plekken.overview_table(got)
    assert table[["Nr.", "Plek"]].values.tolist() == [[1, "Buurthuis De Linde"], [2, "Het Parkje"]]
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
    assert "&lt;b&gt;Kapot&lt;/b&gt;" in park.hovertext[0]


def test_the_route_slide_shows_the_route_with_its_stops_named(db):
    """On a projector nobody hovers: the route's slide has a map of the route alone with its
    stops named in a list under it (it showed the same map as "Wat de wijk heeft")."""
    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    shapes = area_shapes.read_gebieden(db, "wijk", "GM0001")
    found = plekken.charts_of(got, shapes, "WK000101", "Kaart: testgegevens")
    route = next(c for c in found if c.name == "route")
    assert route.title == "Wijksafari Noord"
    # stops 1 and 3 are the plekken P1 and P2 (named by the plek), stop 2 has its own name
    assert route.data.values.tolist() == [
        [1, "Buurthuis De Linde"],
        [2, "De oude boom"],
        [3, "Het Parkje"],
    ]
    listed, source = route.figure.layout.annotations
    assert listed.text == "1 Buurthuis De Linde · 2 De oude boom · 3 Het Parkje"
    assert source.text == "Kaart: testgegevens"
    line = next(t for t in route.figure.data if t.mode == "lines+markers+text")
    # worked by hand: the map shows Noord, 0.1° by 0.1° (0.061 by 0.1 once longitude is
    # shrunk by cos 52°), so stops are near within 0.12 × 0.1 = 0.012. Stops 2 (5.06, 52.06)
    # and 3 (5.07, 52.05) lie 0.0117 apart and follow each other: one label "2–3", at stop 2
    # (the upper one); stop 1 (5.02, 52.05) lies 0.026 from stop 2: its own number
    assert list(line.text) == ["1", "2–3", ""]
    slide = next(
        s for s in plekken.slides(got, "Noord", found) if s.title == "Een route van de wijk"
    )
    # on the slide the stops stand beside the map, one a line, the source line under it
    assert (slide.chart.name, slide.chart.data) == (route.name, route.data)
    source, names = slide.chart.figure.layout.annotations
    assert source.text == "Kaart: testgegevens"
    assert names.text == "1 Buurthuis De Linde<br>2 De oude boom<br>3 Het Parkje"
    assert (names.x, names.xanchor) == (1, "left")
    # "1 Buurthuis De Linde", 20 characters at 20 px, 0.56 of it each: 224 px and two gaps
    assert slide.chart.figure.layout.margin.r == 224 + 12
    assert [t.text for t in slide.chart.figure.data] == [t.text for t in route.figure.data]


def test_the_slide_of_the_map_names_its_numbered_plekken_beside_it(db):
    """On a projector nobody hovers and the table is not on the slide: the numbers on the map
    are named beside it, most used first, each after its marker (the list is the slide's
    legend; the page's map has the table instead)."""
    db.execute("update plek set naam = '<b>Het Parkje</b>' where plek_id = 'P2'")
    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    shapes = area_shapes.read_gebieden(db, "wijk", "GM0001")
    found = plekken.charts_of(got, shapes, "WK000101", "Kaart: testgegevens")
    page_map = next(c for c in found if c.name == "plekken-kaart")
    slide = next(s for s in plekken.slides(got, "Noord", found) if s.title == "Wat de wijk heeft")
    names = slide.chart.figure.layout.annotations[-1]
    # P1 a buurthuis (the first type: blue circle), P2 a park (the second: green circle)
    assert names.text == (
        '<span style="color:#0072B2">●</span> 1 Buurthuis De Linde<br>'
        '<span style="color:#009E73">●</span> 2 &lt;b&gt;Het Parkje&lt;/b&gt;'
    )
    assert (names.x, names.xanchor, names.y, names.yanchor) == (1, "left", 1, "top")
    # the margin holds the longest line, "● 1 Buurthuis De Linde" (22 characters at 20 px,
    # 0.56 of the size each: 246 px) and two gaps of 6 px
    assert slide.chart.figure.layout.margin.r == page_map.figure.layout.margin.r + 246 + 12
    assert slide.chart.figure.layout.showlegend is False
    routes = [t for t in slide.chart.figure.data if t.legendgroup == "routes"]
    assert routes and all(t.visible is False for t in routes)  # the next slide has the route
    assert len(page_map.figure.layout.annotations) == len(slide.chart.figure.layout.annotations) - 1
    assert slide.chart.data is page_map.data  # the page's map and its table unchanged
    # more plekken than fit: the first ones of the numbering, and how many more; a long name
    # goes on under its first letter
    db.execute(
        "update plek set naam = 'Buurthuis De Linde aan de Lange Voorstraat' where plek_id = 'P1'"
    )
    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    one = charts.with_place_names_beside(page_map.figure, got.plekken, limit=1)
    assert one.layout.annotations[-1].text == (
        '<span style="color:#0072B2">●</span> 1 Buurthuis De Linde aan de<br>'
        "\u00a0\u00a0\u00a0Lange Voorstraat<br>en 1 andere, grijs op de kaart"
    )


def test_a_profile_shows_no_story_told_after_its_period(db):
    # V1, about Noord, is dated 1 Oct 2025: in a profile of 2025, not in one of Jan-Sep 2025
    # (a walk saw stories of 2026 under the heading of 2025)
    before = Period(date(2025, 1, 1), date(2025, 9, 30))
    got = plekken.fetch(on(db), before, "WK000101", "GM0001", "wijk", "WK000101")
    assert got.verhalen.empty
    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    assert got.verhalen["verhaal_id"].tolist() == ["V1"]


def test_a_verhaal_slide_quotes_the_story_and_notes_where_it_comes_from(db):
    # V1 (published, about Noord, 1 Oct 2025, ontmoeting, from a bewoner); the date, theme
    # and source in the quote's large type read as part of what was said
    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    quote = next(s for s in plekken.slides(got, "Noord", ()) if s.title == "Uit de wijk")
    assert quote.message == "“Sinds de moestuin er is, groeten buren elkaar weer.”"
    assert quote.note == "1 okt 2025 · ontmoeting · van een bewoner"


def test_a_slide_numbers_only_the_plekken_it_names(db):
    """A walk saw numbers 1 to 15 on a slide's map beside names 1 to 10 and "en 5 andere":
    numbers 11 to 15 had no name a resident could see. The fixture's two plekken, P1 (1) and
    P2 (2), with room for one name: only P1 carries its number; the page's map keeps both."""
    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    shapes = area_shapes.read_gebieden(db, "wijk", "GM0001")
    numbers = {
        named: [
            t.text
            for t in charts.asset_map(shapes, "WK000101", got.plekken, got.stops, named=named).data
            if t.legendgroup == "plekken"
        ]
        for named in (None, 1)
    }
    # one trace per type: the buurthuis P1, then the park P2
    assert numbers[None] == [("1",), ("2",)]
    assert numbers[1] == [("1",), ("",)]


def test_the_printed_map_names_its_numbered_plekken_under_it(db):
    """The PDF and the PNGs have no table beside the map: their picture names the plekken under
    it (up to 30), the source line moved under the list."""
    db.execute("update plek set naam = '<b>Het Parkje</b>' where plek_id = 'P2'")
    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    shapes = area_shapes.read_gebieden(db, "wijk", "GM0001")
    found = plekken.charts_of(got, shapes, "WK000101", "Kaart: testgegevens")
    page_map = next(c for c in found if c.name == "plekken-kaart")
    printed = page_map.picture
    assert printed is page_map.printed
    assert (
        printed.layout.annotations[-1].text
        == "1 Buurthuis De Linde · 2 &lt;b&gt;Het Parkje&lt;/b&gt;"
    )
    one = charts.with_place_names(page_map.figure, got.plekken, limit=1)
    assert one.layout.annotations[-1].text == "1 Buurthuis De Linde · en 1 andere"
    # one line of 13 px type: 17 px, between gaps of 6
    source = printed.layout.annotations[0]
    assert (source.text, source.y, source.yshift) == ("Kaart: testgegevens", 0, -(12 + 17))
    assert printed.layout.height == page_map.figure.layout.height + 17 + 12
    assert printed.layout.margin.b == page_map.figure.layout.margin.b + 17 + 12


def test_a_stop_name_from_data_is_text_on_the_route_map(db):
    db.execute("update route_stop set naam = '<img src=x>' where volgnummer = 2")
    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    shapes = area_shapes.read_gebieden(db, "wijk", "GM0001")
    (route,) = [c for c in plekken.charts_of(got, shapes, "WK000101", "x") if c.name == "route"]
    assert "2 &lt;img src=x&gt;" in route.figure.layout.annotations[0].text


def test_stops_close_together_share_a_label():
    # lon 5.000, 5.001, 5.002 follow each other within 0.12 of the extent (0.1° of longitude);
    # the fourth lies far: "1–3" at the first (all at the same latitude), "4" alone
    texts, positions = charts.stop_labels(
        [1, 2, 3, 4], np.array([5.0, 5.001, 5.002, 5.1]), np.array([52.0] * 4)
    )
    assert texts == ["1–3", "", "", "4"]
    assert positions == ["top center"] * 4
    # plekken are no walk: no "1–3"; but 0.001° apart on a map of 0.1° their markers lie on
    # top of each other (within 0.05 of the extent), so one label lists them: "1, 2, 3"
    texts, positions = charts.stop_labels(
        [1, 2, 3, 4], np.array([5.0, 5.001, 5.002, 5.1]), np.array([52.0] * 4), chain=False
    )
    assert texts == ["1, 2, 3", "", "", "4"]
    assert positions == ["top center"] * 4


def test_plekken_near_but_apart_keep_their_numbers_on_the_sides_away_from_each_other():
    # 0.0065° apart on a map of 0.1° (0.065 of it: near, within 0.12, but not on top, 0.05):
    # each keeps its number, 1 west and 3 east of their neighbours' middle, 2 above, as its
    # neighbours' middle is its own place; 1 and 3 (0.13 apart) are not near each other
    texts, positions = charts.stop_labels(
        [1, 2, 3, 4], np.array([5.0, 5.0065, 5.013, 5.1]), np.array([52.0] * 4), chain=False
    )
    assert texts == ["1", "2", "3", "4"]
    assert positions == ["middle left", "top center", "middle right", "top center"]


def test_plekken_on_top_of_each_other_are_listed_once_at_the_uppermost_in_number_order():
    # 9 lies north of 3 and 12 at one point; 5 alone far east; 7 has no place
    texts, _ = charts.stop_labels(
        [12, 9, 3, 5, 7],
        np.array([5.0, 5.0005, 5.001, 5.1, np.nan]),
        np.array([52.0, 52.001, 52.0, 52.0, np.nan]),
        chain=False,
    )
    assert texts == ["", "3, 9, 12", "", "5", "7"]


def test_near_is_a_share_of_what_the_map_shows_and_numbers_must_follow_each_other():
    # a short route in a large area: 0.005° apart is near on a map of 0.1° (0.012 once
    # shrunk), but not of the route's own extent (0.01°)
    lon, lat = np.array([5.0, 5.005, 5.01]), np.array([52.0] * 3)
    assert charts.stop_labels([1, 2, 3], lon, lat)[0] == ["1", "2", "3"]
    big = (4.95, 51.95, 5.05, 52.05)
    assert charts.stop_labels([1, 2, 3], lon, lat, big)[0] == ["1–3", "", ""]
    # stops 2 and 5 near each other do not read "2–5": only consecutive numbers join
    texts, positions = charts.stop_labels([2, 5], np.array([5.0, 5.005]), np.array([52.0] * 2), big)
    assert texts == ["2", "5"] and positions == ["middle left", "middle right"]
    # a stop without a place is near nothing and does not switch the grouping off
    lon_nan, lat_nan = np.array([5.0, 5.005, np.nan]), np.array([52.0, 52.0, np.nan])
    assert charts.stop_labels([1, 2, 3], lon_nan, lat_nan, big)[0] == ["1–2", "", "3"]


def test_near_stops_that_do_not_follow_each_other_stand_on_opposite_sides():
    # a route back to where it began: stops 1 and 3 nearly at one place, 2 far east
    texts, positions = charts.stop_labels(
        [1, 2, 3], np.array([5.0, 5.1, 5.0005]), np.array([52.0] * 3)
    )
    assert texts == ["1", "2", "3"]
    # 1 lies west of 3: its number to the left, 3's to the right; 2 alone above its stop
    assert positions == ["middle left", "top center", "middle right"]


def test_the_maps_keep_their_own_look_under_another_global_template(db, monkeypatch):
    """A figure without a template of its own takes the global default, and the app's import
    of streamlit sets that to Streamlit's: the exported maps would then look other than the
    same maps made on the command line (as the key-figures table did). Under plotly_dark as
    the default, every map still has the charts' template, and the route map's picture is
    pixel for pixel the one made under plotly's own default."""
    from dashboard.display import basemap, maps
    from dashboard.display.charts import wijkprofiel
    from dashboard.display.export import images
    from dashboard.display.template import TEMPLATE

    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    shapes = area_shapes.read_gebieden(db, "wijk", "GM0001")

    def route_map():
        # the fixture's one route, Wijksafari Noord
        return charts.route_map(shapes, "WK000101", got.stops)

    monkeypatch.setattr(pio.templates, "default", "plotly")
    before = images.png([route_map()])[0]
    monkeypatch.setattr(pio.templates, "default", "plotly_dark")
    values = shapes[["gebiedscode"]].assign(bereik=[1.0] * len(shapes))
    made = {
        "asset_map": charts.asset_map(shapes, "WK000101", got.plekken, got.stops, got.held),
        "route_map": route_map(),
        "locator_map": wijkprofiel.locator_map(shapes, "WK000101"),
        "choropleth": maps.choropleth(shapes, values, "bereik", title="Bereik", unit="", decimals=1),
        "asset_tile_map": basemap.asset_tile_map(
            shapes, "WK000101", got.plekken, got.stops, got.held,
            "https://tiles.example/{z}/{x}/{y}.png", "©", "Kaart",
        ),
    }  # fmt: skip
    assert [name for name, fig in made.items() if fig.layout.template != TEMPLATE] == []
    assert images.png([made["route_map"]])[0] == before


def test_a_long_walk_names_the_stops_a_slide_holds_and_counts_the_rest():
    """Twenty stops of 20 px type, one a line, ran past the bottom of a 1024×768 slide; 12
    lines fit (SLIDE_NAME_LINES): 11 stops and "en 9 andere"."""
    shapes = gpd.GeoDataFrame(
        {
            "gebiedscode": ["WK000101"],
            "naam": ["Noord"],
            "geometry": [shapely.box(5.0, 52.0, 5.1, 52.1)],
        },
        crs="EPSG:4326",
    )
    route = pd.DataFrame(
        {
            "route_id": "R1", "route": "Lange wandeling", "soort": "wandelroute",
            "gemaakt_door": "bewoners", "volgnummer": range(1, 21),
            "stop": [f"Stop {n}" for n in range(1, 21)],
            "lon": [5.0 + n / 250 for n in range(20)], "lat": [52.05] * 20,
        }
    )  # fmt: skip
    names = charts.route_map(shapes, "WK000101", route, beside=True).layout.annotations[-1]
    assert names.text.split("<br>") == [f"{n} Stop {n}" for n in range(1, 12)] + ["en 9 andere"]


def test_a_slide_names_every_plek_whose_names_fit_beside_its_map():
    """A walk saw 12 plekken on a slide named 1 to 10, "en 2 andere" and two markers without a
    number, where 12 lines of names fit (SLIDE_NAME_LINES). Worked by hand: 12 one-line names
    take 12 lines, all named; 13 take 13, so 11 are named and the 12th line says "en 2
    andere"; a name of 51 characters wraps to 2 lines (30 each), so with it first only 10 fit."""

    def places(names: list[str]) -> pd.DataFrame:
        n = len(names)
        return pd.DataFrame({"naam": names, "bijeenkomsten": list(range(n, 0, -1))})

    short = [f"Plek {i}" for i in range(1, 15)]
    assert charts.slide_named(places(short[:12])) == 12
    assert charts.slide_named(places(short[:13])) == 11
    assert charts.slide_named(places(short)) == 11
    long_first = ["Buurthuis aan de Lange Voorstraat bij de Oude Haven"] + short[:13]
    assert charts.slide_named(places(long_first)) == 10
    assert charts.slide_named(places([])) == 0


def test_a_slide_of_fourteen_plekken_numbers_and_names_the_first_eleven(db):
    """slide_asset_map puts slide_named to use on both sides: the fixture's two plekken
    repeated to 14 (one-line names, "Plek 01" .. "Plek 14", the first most used), so 11 are
    named beside the map with "en 3 andere, grijs op de kaart" as its 12th line, only those
    11 carry a number on the map, and the other three are small grey dots."""
    got = plekken.fetch(on(db), YEAR_2025, "WK000101", "GM0001", "wijk", "WK000101")
    shapes = area_shapes.read_gebieden(db, "wijk", "GM0001")
    many = pd.concat([got.plekken] * 7, ignore_index=True).assign(
        plek_id=[f"P{i:02d}" for i in range(1, 15)],
        naam=[f"Plek {i:02d}" for i in range(1, 15)],
        bijeenkomsten=list(range(14, 0, -1)),
    )
    slide = charts.slide_asset_map(shapes, "WK000101", many, got.stops)
    lines = slide.layout.annotations[-1].text.split("<br>")
    assert len(lines) == 12 and lines[-1] == "en 3 andere, grijs op de kaart"
    assert [line.split("</span> ")[1] for line in lines[:11]] == [
        f"{i} Plek {i:02d}" for i in range(1, 12)
    ]
    # plekken on one spot share a label ("1, 3, 5"): the numbers in all labels
    labels = [text for t in slide.data if t.legendgroup == "plekken" for text in t.text]
    numbers = sorted(int(n) for text in labels if text for n in text.split(", "))
    assert numbers == list(range(1, 12))
    # the three without a name small and grey, the eleven in their type's colour
    looks = {
        plek: (colour, size)
        for t in slide.data
        if t.legendgroup == "plekken"
        for plek, colour, size in zip(t.customdata, t.marker.color, t.marker.size, strict=True)
    }
    grey = (charts.wijk.OTHER_PLEK_COLOUR, charts.wijk.OTHER_PLEK_SIZE)
    assert [p for p, look in sorted(looks.items()) if look == grey] == ["P12", "P13", "P14"]
