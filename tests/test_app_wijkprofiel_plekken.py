"""The Wijkprofiel shows what the wijk has: plekken and a route on a map, the overview, and
only published verhalen (the profile is public); a slide shows a route and a story."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.config import DB_ENV_VAR
from tests.helpers import APP

pytestmark = pytest.mark.slow

PAGE = "pages/wijkprofiel.py"


@pytest.fixture()
def db(monkeypatch, demo_db_path) -> str:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)
    return demo_db_path


def open_profile(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_de_brink_shows_its_plekken_route_and_published_verhalen_only(db):
    at = open_profile({"gm": "GM9999", "sel": "WK999904"})
    headings = [h.value for h in at.subheader]
    assert "Wat de wijk heeft" in headings and "Verhalen uit de wijk" in headings
    said = " ".join(m.value for m in at.markdown)
    assert "De Brink heeft 15 plekken" in said
    assert "Wijksafari De Brink" in said
    # the demo's concept verhalen start with "Signaal:" and never reach the public profile
    assert "groeten buren in De Brink" in said
    assert "Signaal" not in said
    overview = [d.value for d in at.dataframe if "Plek" in d.value.columns]
    assert len(overview) == 1 and len(overview[0]) == 15


def test_a_slide_shows_the_route_and_one_shows_a_story(db):
    at = open_profile({"gm": "GM9999", "sel": "WK999904", "modus": "presentatie"})
    # the slides are numbered in the URL; find the route slide and a story slide
    messages = []
    for number in range(1, 20):
        at.query_params["dia"] = str(number)
        at.run()
        messages.append(" ".join(m.value for m in at.markdown))
    joined = " | ".join(messages)
    assert "Wijksafari De Brink" in joined
    assert "groeten buren in De Brink" in joined


def plekken_map(at) -> dict:
    import json

    (chart,) = [c for c in at.get("plotly_chart") if "wp_plekken_kaart" in c.proto.id]
    return json.loads(chart.proto.spec)


def test_with_a_reachable_tile_server_the_map_has_a_street_background(db, monkeypatch):
    from dashboard.config import TILES_ENV_VAR
    from tests.fixtures.tiles import tile_server

    with tile_server() as server:
        monkeypatch.setenv(TILES_ENV_VAR, server.template)
        at = open_profile({"gm": "GM9999", "sel": "WK999904"})
        spec = plekken_map(at)
    assert {t["type"] for t in spec["data"]} == {"scattermap"}
    source = spec["layout"]["map"]["style"]["sources"]["achtergrond"]
    assert source["tiles"] == [server.template]
    assert "Achtergrondkaart: 127.0.0.1" in spec["layout"]["annotations"][0]["text"]


def test_without_tiles_the_map_draws_as_before(db, monkeypatch):
    from dashboard.config import TILES_ENV_VAR

    # a port where nothing listens: the probe is refused at once, the map stays offline
    monkeypatch.setenv(TILES_ENV_VAR, "http://127.0.0.1:9/{z}/{x}/{y}.png")
    at = open_profile({"gm": "GM9999", "sel": "WK999904"})
    spec = plekken_map(at)
    assert {t["type"] for t in spec["data"]} == {"scattergeo"}
    assert "map" not in spec["layout"] or "style" not in spec["layout"].get("map", {})


def test_a_click_on_a_place_shows_its_activiteiten(db):
    at = open_profile({"gm": "GM9999", "sel": "WK999904"})
    overview = next(d.value for d in at.dataframe if "Plek" in d.value.columns)
    busiest = overview.iloc[0]  # the table is ordered by bijeenkomsten, most first
    spec = plekken_map(at)
    plek_id, label = next(
        (pid, text)
        for trace in spec["data"]
        if trace.get("legendgroup") == "plekken"
        for pid, hover, text in zip(
            trace["customdata"], trace["hovertext"], trace["text"], strict=True
        )
        if f"<b>{busiest['Plek']}</b>" in hover
    )
    # its number on the map is its row's in the table; plek 12 lies on top of it (in the
    # demo's Brinkbuurt), so one label lists both
    assert (busiest["Nr."], label) == (1, "1, 12")
    # AppTest cannot click: the selection a click gives, by the chart's key (STACK_NOTES)
    at.session_state["wp_plekken_kaart"] = {
        "selection": {"points": [{"customdata": plek_id, "legendgroup": "plekken"}]}
    }
    at.run()
    assert not at.exception
    assert f"**Activiteiten bij {busiest['Plek']}**" in [m.value for m in at.markdown]
    held = next(d.value for d in at.dataframe if "Activiteit" in d.value.columns)
    assert len(held) == busiest["Activiteiten"]
    assert held["Bijeenkomsten"].sum() == busiest["Bijeenkomsten"]
