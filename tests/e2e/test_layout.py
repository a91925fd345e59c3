"""Every screen at a 1024×768 projector, on laptops (1366×768, 1440×900, 1680×1050) and at
1920×1080: nothing cut (dashboard.ui.layout).

Streamlit cuts a metric that does not fit with an ellipsis ("langer da…") and lets a table
scroll sideways; both show as an element whose content is wider than its box
(scrollWidth > clientWidth), which only a browser can measure.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import SCREENS, load, screenshot

pytestmark = pytest.mark.e2e

SIZES = [(1024, 768), (1366, 768), (1440, 900), (1680, 1050), (1920, 1080)]
ALL_SCREENS = {**SCREENS, "wijkprofiel": "Wijkprofiel", "opbrengst": "Opbrengst"}

# Metric labels and values (and their inner elements, where the ellipsis is drawn); the
# scrolling part of every table.
_CUT = """
(what) => {
  const cut = [];
  const metrics = '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,'
    + ' [data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *';
  for (const e of document.querySelectorAll(metrics)) {
    if (e.scrollWidth > e.clientWidth + 1) cut.push('metric: ' + e.textContent.slice(0, 40));
  }
  if (what === 'tables') {
    for (const e of document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')) {
      if (e.scrollWidth > e.clientWidth + 1) cut.push(`table: ${e.scrollWidth} > ${e.clientWidth}`);
    }
  }
  return cut;
}
"""


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("path", list(ALL_SCREENS))
def test_nothing_cut(page: Page, server: str, path: str, width: int, height: int):
    page.set_viewport_size({"width": width, "height": height})
    load(page, f"{server}/{path}")
    expect(page.get_by_role("heading", name=ALL_SCREENS[path], exact=True)).to_be_visible(
        timeout=30_000
    )
    page.wait_for_timeout(1500)  # tables and metrics settle after the first paint
    # Metrics fit at every size; every table's columns fit on the laptops and at 1920×1080
    # (at 1024 a wide table may scroll sideways, the columns that name a row pinned at its
    # left).
    assert page.evaluate(_CUT, "tables" if width >= 1366 else "metrics") == []
    screenshot(page, f"indeling_{path or 'overzicht'}_{width}x{height}")


def test_a_table_of_dozens_of_rows_is_shown_whole(page: Page, server: str):
    """A team lead saw 10 of the 54 rows of Continuïteit's table "Per wijk en rol" in a box
    that scrolled inside the page (dashboard.ui.frame.WHOLE_TABLE_ROWS)."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    load(page, f"{server}/continuiteit")
    heading = page.get_by_role("heading", name="Per wijk en rol")
    expect(heading).to_be_visible(timeout=30_000)
    table = page.locator('[data-testid="stDataFrame"]').last
    table.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)  # the grid sizes itself after the first paint
    scroll, client = table.locator(".dvn-scroller").evaluate(
        "e => [e.scrollHeight, e.clientHeight]"
    )
    assert scroll <= client + 1
    # Streamlit's box of ten rows is 35 px a row plus the header: this one is far taller
    assert table.bounding_box()["height"] > 20 * 35
    screenshot(page, "tabel_heel_continuiteit_1920x1080", height=2400)
