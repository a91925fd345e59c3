"""Typed dates apply on Enter and Tab (issue 14 item 6), in a real browser: Streamlit's date
field applies a typed date only when the focus leaves it (dashboard/ui/dates.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import load, screenshot

pytestmark = pytest.mark.e2e


def type_date(page: Page, label: str, digits: str) -> None:
    """Click the day segment of a sidebar date field and type the digits of a date, once the
    page handles the keys (dashboard/ui/dates.py marks the body when it does)."""
    page.wait_for_selector("body[data-datum-toetsen='actief']", state="attached")
    # the day segment, named in Dutch on a Dutch page (dashboard/ui/a11y.py: "day, Van")
    page.get_by_role("spinbutton", name=f"dag, {label}").click()
    page.keyboard.type(digits, delay=40)


@pytest.mark.parametrize("key", ["Enter", "Tab"])
def test_a_typed_start_date_applies_on_enter_and_tab(page: Page, server: str, key: str):
    load(page, f"{server}/dekking?gm=GM9999")
    type_date(page, "Van", "01012025")
    page.keyboard.press(key)
    # applied: in the link and in the line under the title, and the calendar is closed
    expect(page).to_have_url(re.compile(r"van=2025-01-01"), timeout=30_000)
    expect(page.get_by_text("1 jan 2025 t/m 31 okt 2026")).to_be_visible()
    if key == "Enter":
        expect(page.get_by_role("grid", name=re.compile("October|January|2025"))).to_have_count(0)
    else:  # Tab goes on to the next field, as it would anywhere else
        focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
        assert focused == "dag, Tot en met"
    screenshot(page, f"datum_{key.lower()}")


def test_a_typed_end_date_applies_on_enter(page: Page, server: str):
    load(page, f"{server}/dekking?gm=GM9999")
    type_date(page, "Tot en met", "31122025")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"tot=2025-12-31"), timeout=30_000)
    expect(page.get_by_text("1 nov 2025 t/m 31 dec 2025")).to_be_visible()
