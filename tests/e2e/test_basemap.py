"""The Wijkprofiel's map of what the wijk has, in a real browser: on tiles from a local tile
server on 127.0.0.1 with their attribution, and without tiles as before (polygons offline).
Screenshots of both go to test-artifacts/ (wijkprofiel_plekken_*.png)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from dashboard.config import TILES_ENV_VAR
from tests.e2e.browser import load, run_server, screenshot
from tests.fixtures.tiles import tile_server

pytestmark = pytest.mark.e2e

PROFILE = "/wijkprofiel?gm=GM9999&sel=WK999904"


def show_the_asset_map(page: Page) -> None:
    heading = page.get_by_role("heading", name="Wat de wijk heeft")
    expect(heading).to_be_visible(timeout=60_000)
    heading.scroll_into_view_if_needed()
    page.mouse.move(700, 500)
    page.mouse.wheel(0, 450)  # the heading to the top: the whole map in view
    page.wait_for_timeout(2500)  # let the map draw its tiles


def test_with_tiles_the_map_draws_on_them_with_the_attribution(
    page: Page, demo_db_path: str, monkeypatch: pytest.MonkeyPatch
):
    with tile_server() as tiles:
        monkeypatch.setenv(TILES_ENV_VAR, tiles.template)
        with run_server(demo_db_path, "streamlit_tiles.log") as url:
            page.set_viewport_size({"width": 1400, "height": 1000})
            load(page, url + PROFILE)
            show_the_asset_map(page)
            expect(page.locator("canvas.maplibregl-canvas")).to_have_count(1, timeout=30_000)
            expect(
                page.get_by_text("Achtergrondkaart: 127.0.0.1", exact=False).first
            ).to_be_visible()
            expect(page.get_by_text("Wijksafari De Brink").first).to_be_visible()
            # the probe asked one tile; the browser then asked the tiles of the wijk
            assert len(tiles.paths) > 1, tiles.paths
            assert page.locator("[data-testid='stException']").count() == 0
            screenshot(page, "wijkprofiel_plekken_met_achtergrond")


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1920, 1080)])
def test_the_presentation_shows_the_places_on_the_street_map(
    page: Page, demo_db_path: str, monkeypatch: pytest.MonkeyPatch, width: int, height: int
):
    # the projector at the wijk meeting is where residents should recognise their streets
    with tile_server() as tiles:
        monkeypatch.setenv(TILES_ENV_VAR, tiles.template)
        with run_server(demo_db_path, "streamlit_tiles_presentatie.log") as url:
            page.set_viewport_size({"width": width, "height": height})
            slides = url + PROFILE + "&modus=presentatie&dia="
            load(page, slides + "1")
            counter = page.get_by_text(re.compile(r"dia \d+ van \d+"))
            expect(counter).to_be_visible(timeout=30_000)
            count = int(counter.inner_text().rsplit(" ", 1)[-1])
            title = page.locator(".st-key-pres_slide h1")
            for number in range(1, count + 1):
                if number > 1:
                    load(page, slides + str(number))
                expect(page.get_by_text(f"dia {number} van {count}")).to_be_visible(timeout=30_000)
                if title.inner_text() == "Wat de wijk heeft":
                    break
            else:
                pytest.fail("no slide of what the wijk has")
            shown = page.locator("[class*='st-key-pres_chart_']").filter(visible=True)
            expect(shown.locator("canvas.maplibregl-canvas")).to_have_count(1, timeout=30_000)
            expect(
                shown.get_by_text("Achtergrondkaart: 127.0.0.1", exact=False).first
            ).to_be_visible()
            page.wait_for_timeout(2500)  # the tiles
            assert page.locator("[data-testid='stException']").count() == 0
            screenshot(page, f"presentatie_plekken_met_achtergrond_{width}x{height}")


def test_without_tiles_the_map_still_draws(page: Page, server: str):
    page.set_viewport_size({"width": 1400, "height": 1000})
    load(page, server + PROFILE)
    show_the_asset_map(page)
    assert page.locator("canvas.maplibregl-canvas").count() == 0
    expect(page.get_by_text("Wijksafari De Brink").first).to_be_visible()
    # the area's outline and the plekken are SVG on the plain background
    expect(page.locator("g.geo g.trace.scattergeo").first).to_be_attached()
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "wijkprofiel_plekken_zonder_achtergrond")
    # pointing at a place shows the activiteiten held there (its hover label)
    plotted = page.locator("g.trace.scattergeo path.point")
    shown = []
    for k in range(plotted.count()):
        plotted.nth(k).hover(force=True)
        page.wait_for_timeout(200)
        shown.append(" ".join(page.locator("g.hovertext").all_text_contents()))
        if "Activiteiten hier" in shown[-1]:
            break
    assert any("Activiteiten hier" in text and "bijeenk." in text for text in shown), shown
