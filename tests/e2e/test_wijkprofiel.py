"""The Wijkprofiel in a real browser: a shared link opens one wijk's profile, and a click on an
area of the Overzicht map leads to that area's profile through the "Wijkprofiel van" link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import POLYGONS, load, screenshot

pytestmark = pytest.mark.e2e

SIZES = ((1024, 768), (1920, 1080))


def test_a_link_opens_one_wijks_profile(page: Page, server: str):
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        load(page, f"{server}/wijkprofiel?gm=GM9999&sel=WK999904")
        expect(page.get_by_role("heading", name="De Brink", exact=True)).to_be_visible(
            timeout=30_000
        )
        expect(page.get_by_text("mensen mee aan").first).to_be_visible()
        # the locator map: every wijk of the gemeente, this one highlighted
        expect(page.locator(POLYGONS)).to_have_count(9, timeout=30_000)
        expect(page.get_by_role("button", name="Presentatie starten")).to_be_visible()
        assert page.locator("[data-testid='stException']").count() == 0
        assert "sel=WK999904" in page.url
        screenshot(page, f"wijkprofiel_{width}x{height}")
        screenshot(page, f"wijkprofiel_{width}_geheel", height=4200)


def test_a_click_on_the_overzicht_map_leads_to_that_areas_profile(page: Page, server: str):
    load(page, server)
    polygons = page.locator(POLYGONS)
    expect(polygons).to_have_count(9, timeout=30_000)
    polygons.nth(2).scroll_into_view_if_needed()
    box = polygons.nth(2).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(re.compile(r"sel=WK9999\d\d"), timeout=30_000)
    code = re.search(r"sel=(WK9999\d\d)", page.url).group(1)
    link = page.get_by_role("link", name=re.compile("^Wijkprofiel van "))
    expect(link).to_be_visible(timeout=30_000)
    # the link's text also holds its icon's name: take the area's name after the words
    name = re.search(r"Wijkprofiel van (.+)$", link.inner_text().strip()).group(1).strip()
    link.click()
    expect(page).to_have_url(re.compile(rf"/wijkprofiel\?.*sel={code}"), timeout=30_000)
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "wijkprofiel_via_kaart")
