"""The national view in a real browser: ?gm=NL on a fresh server draws one polygon per gemeente,
and a click on a gemeente opens it."""

from __future__ import annotations

import re

import duckdb
import pytest
from playwright.sync_api import Page, expect

from dashboard.warehouse import queries
from tests.e2e.browser import POLYGONS, SCREENS, WITH_MAP, load, screenshot

pytestmark = pytest.mark.e2e


def test_national_map_and_click_opens_a_gemeente(
    page: Page, national_server: str, national_db_path: str
):
    with duckdb.connect(national_db_path, read_only=True) as con:
        gemeenten = queries.gemeenten(con)
        wijken = queries.gebieden(con, "wijk")
    names = dict(zip(gemeenten["gemeentecode"], gemeenten["naam"], strict=True))

    # the very first request of a new server is the national link
    load(page, f"{national_server}/?gm=NL")
    expect(page.get_by_role("heading", name="Overzicht", exact=True)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile(r"^Heel Nederland · .* · Gemeente$"))).to_be_visible()
    polygons = page.locator(POLYGONS)
    expect(polygons).to_have_count(len(gemeenten), timeout=30_000)  # one per gemeente
    expect(page.get_by_text("Kaart: fictieve demogemeente")).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "heel_nederland", height=2200)

    polygons.nth(1).scroll_into_view_if_needed()
    box = polygons.nth(1).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(re.compile(r"gm=GM\d{4}"), timeout=30_000)
    code = re.search(r"gm=(GM\d{4})", page.url).group(1)
    assert "niveau=wijk" in page.url
    expect(page.get_by_text(re.compile(rf"^{re.escape(names[code])} · "))).to_be_visible(
        timeout=30_000
    )
    own = wijken[wijken["gemeentecode"] == code]
    expect(polygons).to_have_count(len(own), timeout=30_000)  # now the wijken of that gemeente
    # the sidebar shows the opened gemeente at wijk level, not the national choice
    sidebar = page.get_by_test_id("stSidebar")
    gemeente_choice = sidebar.get_by_role("combobox", name="Gemeente")
    expect(gemeente_choice).to_have_value(names[code])
    expect(sidebar.get_by_role("radio", name="CBS-wijk")).to_be_checked()
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "heel_nederland_gemeente_geopend")

    # and back: "Heel Nederland" in the sidebar shows one area per gemeente again
    gemeente_choice.click()
    page.get_by_role("option", name="Heel Nederland").click()
    expect(page).to_have_url(re.compile(r"gm=NL"), timeout=30_000)
    expect(polygons).to_have_count(len(gemeenten), timeout=30_000)
    expect(sidebar.get_by_role("radio", name="Gemeente")).to_be_checked()


def test_every_screen_draws_the_national_view(page: Page, national_server: str):
    for path, title in SCREENS.items():
        load(page, f"{national_server}/{path}?gm=NL")
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(timeout=30_000)
        # the caption names the scope (and the period, except on Gegevens, which has none)
        caption = page.get_by_test_id("stCaptionContainer")
        expect(caption.filter(has_text=re.compile(r"^Heel Nederland( · |$)")).first).to_be_visible()
        if path in WITH_MAP:
            expect(page.locator(POLYGONS)).to_have_count(3, timeout=30_000)  # three gemeenten
        assert page.locator("[data-testid='stException']").count() == 0, path
        assert page.locator("[data-testid='stAlertContentError']").count() == 0, path
        screenshot(page, f"heel_nederland_{path or 'overzicht'}", height=2400)
