"""The Opbrengst screen in a real browser at 1024×768 and 1920×1080: no error, its charts drawn,
the honesty paragraph visible; screenshots (whole page) in test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import load, screenshot

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1920, 1080)])
def test_opbrengst_in_the_browser(page: Page, server: str, width: int, height: int):
    page.set_viewport_size({"width": width, "height": height})
    load(page, f"{server}/opbrengst")
    expect(page.get_by_role("heading", name="Opbrengst", exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Dit rust op 9 wijken")).to_be_visible(timeout=60_000)
    # the three charts: paths per wijk, before and after, associations
    expect(page.locator(".js-plotly-plot")).to_have_count(3, timeout=60_000)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, f"opbrengst_{width}x{height}")
    screenshot(page, f"opbrengst_{width}_hele_pagina", height=4200)
