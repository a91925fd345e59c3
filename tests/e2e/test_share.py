"""Taking a view along in a real browser (issue 14 item 7): the copy-link button puts the
view's address on the clipboard, and the download gives the screen's figures as XLSX."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.browser import POLYGONS, load, screenshot

pytestmark = pytest.mark.e2e

VIEW = "gm=GM9999&van=2025-01-01&tot=2025-12-31&niveau=buurt"


def _with_clipboard(browser: Browser) -> BrowserContext:
    """A projector-sized Dutch context whose pages may read what they copied."""
    return browser.new_context(
        viewport={"width": 1024, "height": 768},
        locale="nl-NL",
        permissions=["clipboard-read", "clipboard-write"],
    )


@pytest.mark.parametrize("path", ["", "bereik", "continuiteit", "dekking"])
def test_copy_link_puts_the_view_on_the_clipboard(browser: Browser, server: str, path: str):
    context = _with_clipboard(browser)
    page = context.new_page()
    try:
        load(page, f"{server}/{path}?{VIEW}")
        button = page.get_by_role("button", name="Link kopiëren")
        expect(button).to_be_visible(timeout=30_000)
        button.click()
        expect(page.get_by_text("Link gekopieerd")).to_be_visible()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.url
        assert "gm=GM9999" in copied and "van=2025-01-01" in copied and "niveau=" in copied
        # the link opens the same view in a fresh tab
        other = context.new_page()
        load(other, copied)
        expect(other.get_by_text("1 jan 2025 t/m 31 dec 2025")).to_be_visible(timeout=30_000)
        if path == "bereik":
            screenshot(page, "deel_link_gekopieerd_1024x768")
    finally:
        context.close()


def test_the_wijkprofiels_link_opens_the_same_wijk(browser: Browser, server: str):
    # an opbouwwerker's walk found no copy-link on the Wijkprofiel; the link it copies now
    # holds the chosen wijk, and opens its profile in a fresh tab
    context = _with_clipboard(browser)
    page = context.new_page()
    try:
        load(page, f"{server}/wijkprofiel?gm=GM9999&van=2025-01-01&tot=2025-12-31&sel=WK999902")
        expect(page.get_by_role("heading", name="Oude Haven")).to_be_visible(timeout=30_000)
        page.get_by_role("button", name="Link kopiëren").click()
        expect(page.get_by_text("Link gekopieerd")).to_be_visible()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert "sel=WK999902" in copied and "van=2025-01-01" in copied
        other = context.new_page()
        load(other, copied)
        expect(other.get_by_role("heading", name="Oude Haven")).to_be_visible(timeout=30_000)
    finally:
        context.close()


def test_download_gives_the_screens_figures(page: Page, server: str, tmp_path: Path):
    load(page, f"{server}/bereik?{VIEW}")
    expect(page.locator(POLYGONS).first).to_be_visible(timeout=30_000)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Download deze cijfers (Excel)").click()
    download = info.value
    assert download.suggested_filename == "bereik-GM9999-2025-01-01-2025-12-31.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    sheet = book["Alle gebieden"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Gebied", "Gebiedscode", "Inwoners", "Bijeenkomsten"]
    assert sheet.max_row == 37  # the header and the demo's 36 buurten
    assert all(isinstance(sheet.cell(row=r, column=3).value, int) for r in range(2, 38))
