"""The first screen in a real browser: it starts on the demo gemeente and shows the headline figures."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def wait_for_script(page: Page) -> None:
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000
    )


def test_overzicht_loads_with_figures(page: Page, server: str):
    page.goto(server)
    wait_for_script(page)
    expect(page.get_by_text("Unieke deelnemers")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("fictieve demogegevens")).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stMetric']").count() == 10
    screenshot(page, "overzicht")
