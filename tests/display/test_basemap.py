"""The base map (issue 16): the tile of a point, the configured source, the reachability probe
against a local tile server on 127.0.0.1, and the map drawn with or without tiles."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard import config
from dashboard.display import basemap
from dashboard.domain.period import Period
from dashboard.screens import plekken
from dashboard.ui.basemap import probe
from dashboard.warehouse import area_shapes
from dashboard.warehouse.queries import on
from tests.fixtures.plekken import fill_areas, fill_assets
from tests.fixtures.tiles import tile_server


@pytest.mark.parametrize(
    ("lon", "lat", "zoom", "tile"),
    [
        # worked out by hand: x = ⌊(5.3 + 180) / 360 · 64⌋ = ⌊32.94⌋ = 32;
        # y = ⌊(1 − ln(tan φ + sec φ) / π) / 2 · 64⌋ with φ = 52.1°: ln(1.2846 + 1.6279) = 1.0690,
        # (1 − 0.3403) / 2 · 64 = 21.11 → 21
        (5.3, 52.1, 6, (32, 21)),
        (0.0, 0.0, 0, (0, 0)),
        (0.0, 0.0, 1, (1, 1)),  # the point on the corner of four tiles: the south-east one
    ],
)
def test_tile_of(lon, lat, zoom, tile):
    assert basemap.tile_of(lon, lat, zoom) == tile


@pytest.mark.parametrize(
    ("setting", "source"),
    [
        (None, None),
        ("", None),
        ("uit", None),
        ("pdok", (config.PDOK_BRT_URL, config.PDOK_BRT_ATTRIBUTION)),
        ("http://127.0.0.1:9/{z}/{x}/{y}.png", ("http://127.0.0.1:9/{z}/{x}/{y}.png",
                                                "Achtergrondkaart: 127.0.0.1:9")),
    ],
)  # fmt: skip
def test_the_configured_tile_source(monkeypatch, setting, source):
    if setting is None:
        monkeypatch.delenv(config.TILES_ENV_VAR, raising=False)
    else:
        monkeypatch.setenv(config.TILES_ENV_VAR, setting)
    assert config.tile_source() == source


def test_a_tile_url_without_z_x_y_is_refused(monkeypatch):
    monkeypatch.setenv(config.TILES_ENV_VAR, "https://example.org/tegels.png")
    with pytest.raises(config.TileConfigError):
        config.tile_source()


def test_the_probe_asks_one_tile_of_a_local_server():
    with tile_server() as server:
        assert probe(server.template)
        assert server.paths == ["/6/32/21.png"]


def test_the_probe_says_no_when_nothing_listens():
    with tile_server() as server:
        template = server.template
    assert not probe(template, timeout=0.5)  # the server is gone: connection refused


def test_the_street_map_draws_on_tiles_with_both_attributions_and_falls_back_without(empty_db):
    fill_areas(empty_db)
    fill_assets(empty_db)
    period = Period(date(2025, 1, 1), date(2025, 12, 31))
    assets = plekken.fetch(on(empty_db), period, "WK000101", "GM0001", "wijk", "WK000101")
    shapes = area_shapes.read_gebieden(empty_db, "wijk")
    offline = plekken.charts_of(assets, shapes, "WK000101", "Kaart: CBS")[0].figure
    assert plekken.street_map(assets, shapes, "WK000101", offline, None, "Kaart: CBS") is offline
    tiles = ("http://127.0.0.1:8/{z}/{x}/{y}.png", "Achtergrondkaart: proef")
    fig = plekken.street_map(assets, shapes, "WK000101", offline, tiles, "Kaart: CBS")
    style = fig.layout.map.style
    assert style["sources"]["achtergrond"]["tiles"] == [tiles[0]]
    assert style["sources"]["achtergrond"]["attribution"] == "Achtergrondkaart: proef"
    assert fig.layout.annotations[0].text == "Achtergrondkaart: proef · Kaart: CBS"
    # the same layer: the area outline, one route of three stops (under the plekken, without
    # numbers of its own, as on the offline map), two plekken in two types
    kinds = [(t.type, t.legendgroup, len(t.lon)) for t in fig.data]
    assert kinds[1:] == [
        ("scattermap", "routes", 3),
        ("scattermap", "plekken", 1),
        ("scattermap", "plekken", 1),
    ]
    assert fig.data[1].mode == "lines+markers"
    # the plekken carry the numbers of the offline map and the table under it, and a click
    # on one names it as on the offline map
    offline_numbers = [(t.name, list(t.text)) for t in offline.data if t.legendgroup == "plekken"]
    assert [(t.name, list(t.text)) for t in fig.data[2:4]] == offline_numbers
    assert [list(t.customdata) for t in fig.data[2:4]] == [["P1"], ["P2"]]
    # the area fills about 500 px: it is 0.1° wide and 0.1° high, which at 52.05° N counts as
    # 0.1 / cos 52.05° = 0.1 / 0.6149 = 0.1626°; MapLibre's zoom counts 512-pixel tiles, so
    # zoom = log2(360 · 500 / 512 / 0.1626) − 0.3 = log2(2162) − 0.3 = 11.08 − 0.3 = 10.78
    assert fig.layout.map.zoom == pytest.approx(10.78, abs=0.01)
