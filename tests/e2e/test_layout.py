"""Every screen at a 1024×768 projector, on laptops (1366×768, 1440×900, 1680×1050) and at
1920×1080: nothing cut (dashboard.ui.layout).

Streamlit cuts a metric that does not fit with an ellipsis ("langer da…") and lets a table
scroll sideways; both show as an element whose content is wider than its box
(scrollWidth > clientWidth), which only a browser can measure.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from dashboard.display.text import SOFT_HYPHEN
from tests.display.test_contrast import contrast
from tests.e2e.browser import SCREENS, load, screenshot

pytestmark = pytest.mark.e2e

SIZES = [(1024, 768), (1366, 768), (1440, 900), (1680, 1050), (1920, 1080)]
ALL_SCREENS = {**SCREENS, "wijkprofiel": "Wijkprofiel", "opbrengst": "Opbrengst"}

# Metric labels and values (and their inner elements, where the ellipsis is drawn); the
# scrolling part of every table.
_CUT = """
() => {
  const cut = [];
  const metrics = '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,'
    + ' [data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *';
  for (const e of document.querySelectorAll(metrics)) {
    if (e.scrollWidth > e.clientWidth + 1) cut.push('metric: ' + e.textContent.slice(0, 40));
  }
  // a grid, and a plain table's scrolling box (a hidden form of a table measures 0 > 0)
  const scrolling = '[data-testid="stDataFrame"] .dvn-scroller, .wd-tabel';
  for (const e of document.querySelectorAll(scrolling)) {
    if (e.scrollWidth > e.clientWidth + 1) cut.push(`table: ${e.scrollWidth} > ${e.clientWidth}`);
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
    # Metrics and every table's columns fit at every size: on a 1024-pixel projector a
    # display table is a plain table that wraps (dashboard.ui.frame.show_table). And a grid
    # that does scroll sideways says so under it, and only such a grid (its scroll bar shows
    # only under the mouse: on a projector nothing showed that it had more columns).
    assert _down_the_page(page, f"[{_CUT}, {_MORE_COLUMNS}].flatMap((f) => f())") == []
    screenshot(page, f"indeling_{path or 'overzicht'}_{width}x{height}")


def _down_the_page(page: Page, check: str) -> list[str]:
    """What the JavaScript expression `check` finds, from the top of the page to its end a
    screen at a time (Streamlit draws some elements only once they come into view); the page
    is back at its top afterwards."""
    found: list[str] = []
    for _ in range(40):
        found += page.evaluate(f"() => {check}")
        moved = page.evaluate(_SCROLL_A_SCREEN)
        if not moved:
            break
        page.wait_for_timeout(400)
    page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    page.wait_for_timeout(300)
    return sorted(set(found))


_SCROLL_A_SCREEN = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const before = main.scrollTop;
  main.scrollBy(0, main.clientHeight * 0.8);
  return main.scrollTop !== before;
}
"""

_MORE_COLUMNS = """
() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].flatMap((table) => {
  const scroller = table.querySelector('.dvn-scroller');
  const box = table.closest('[data-testid="stElementContainer"]');
  if (!scroller) return [];  // a table still being drawn (Opbrengst's, below the fold)
  const scrolls = scroller.scrollWidth > scroller.clientWidth + 1;
  const said = getComputedStyle(box, '::after').content;
  const says = said.startsWith('"Meer kolommen rechts');
  return scrolls === says ? [] : [`${scroller.scrollWidth} > ${scroller.clientWidth}: ${said}`];
})
"""


def last_table(page: Page, url: str, heading: str, size: tuple[int, int]) -> Locator:
    """Open `url` at `size`, wait for `heading`, and bring the page's last table into view."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    load(page, url)
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)
    table = page.locator('[data-testid="stDataFrame"]').last
    table.scroll_into_view_if_needed()
    return table


def test_a_wide_table_on_a_projector_shows_every_column(page: Page, server: str):
    """At 1024×768 Bereik's grid of all areas showed 6 of its 9 columns and scrolled the rest;
    there the page now shows it as a plain table whose headers wrap, every column in view.
    From 1440 pixels on, the sortable grid: its pinned column of names is drawn on a
    canvas (axe cannot see it) in Streamlit's faded text colour, #828180 on white, 3.88:1,
    before the darker text colour of .streamlit/config.toml; now the darkest pixel of the
    names reaches 4.5:1."""
    narrow = '[class*="st-key-tabel_smal_alle_gebieden"]'
    wide = '[class*="st-key-tabel_breed_alle_gebieden"]'
    page.set_viewport_size({"width": 1024, "height": 768})
    load(page, f"{server}/bereik")
    expect(page.get_by_role("heading", name="Alle gebieden")).to_be_visible(timeout=30_000)
    plain = page.locator(f"{narrow} .wd-tabel")
    plain.scroll_into_view_if_needed()
    expect(plain).to_be_visible(timeout=10_000)
    expect(page.locator(wide)).to_be_hidden()
    # the table's box does not scroll, and every header lies inside it
    scroll, client = plain.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll <= client + 1
    box = plain.bounding_box()
    headers = plain.locator("th")
    expect(headers).to_have_count(9)
    for header in headers.all():
        edge = header.bounding_box()
        assert box["x"] <= edge["x"] and edge["x"] + edge["width"] <= box["x"] + box["width"] + 1
    # "Bewonersinitiatief" breaks at a soft hyphen, and reads whole as text
    last = headers.last.text_content()
    assert SOFT_HYPHEN in last and last.replace(SOFT_HYPHEN, "") == "Bewonersinitiatief"
    assert page.locator('[data-meer-kolommen="ja"]').count() == 0
    screenshot(page, "bereik_tabel_alle_kolommen_1024x768")

    table = last_table(page, f"{server}/bereik", "Alle gebieden", (1440, 900))
    expect(page.locator(wide)).to_be_visible(timeout=10_000)
    expect(page.locator(narrow)).to_be_hidden()
    page.wait_for_timeout(500)
    box = table.bounding_box()
    # the names' column: left of the second column, below the header row (35 px)
    names = Image.open(io.BytesIO(page.screenshot(clip={
        "x": box["x"] + 4, "y": box["y"] + 40, "width": 90, "height": box["height"] - 48,
    })))  # fmt: skip
    darkest = names.convert("L").getextrema()[0]
    grey = f"#{darkest:02x}{darkest:02x}{darkest:02x}"
    assert contrast(grey, "#FFFFFF") >= 4.5, grey
    screenshot(page, "bereik_tabel_raster_1440x900")


def test_the_area_chosen_on_the_map_stands_out_in_the_table_of_all_areas(page: Page, server: str):
    """A policy maker who picked Waterkant on the map could not find it among the wijken in
    the table below: on a projector its row of the plain table is bold on a pale yellow, the
    other rows are not (dashboard.display.tables.MARKED_ROW_BACKGROUND, #FFF1B8)."""
    page.set_viewport_size({"width": 1024, "height": 768})
    load(page, f"{server}/bereik?sel=WK999908")
    plain = page.locator('[class*="st-key-tabel_smal_alle_gebieden"] .wd-tabel')
    plain.scroll_into_view_if_needed()
    expect(plain).to_be_visible(timeout=30_000)
    chosen = plain.locator("tr.wd-gekozen td")
    expect(chosen.first).to_have_text("Waterkant")
    look = "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).fontWeight]"
    assert chosen.first.evaluate(look) == ["rgb(255, 241, 184)", "600"]
    other = plain.locator("tbody tr:not(.wd-gekozen) td").first
    background, weight = other.evaluate(look)
    assert background != "rgb(255, 241, 184)" and int(weight) < 600
    screenshot(page, "bereik_gekozen_wijk_1024x768")


SORT_KEYS = "cases => cases.map(window.wijkdashboardSortKey)"


def test_a_plain_table_sorts_by_a_click_on_its_header(page: Page, server: str):
    """A policy maker on a 1366-pixel laptop gets the plain table (the grid needs 1,120 px of
    content, the page has 1,062) and lost the grid's sorting with it: a click on a header
    sorts ascending, a second descending (dashboard.ui.table_sort)."""
    page.set_viewport_size({"width": 1366, "height": 768})
    load(page, f"{server}/continuiteit")
    plain = page.locator('[class*="st-key-tabel_smal_per_wijk_en_rol"] .wd-tabel')
    plain.scroll_into_view_if_needed()
    expect(plain).to_be_visible(timeout=30_000)
    # the cell texts the script reads, worked by hand: a Dutch number, "<5" just under 5, a
    # rate with its departures, a change with its sign, durations in days (1,1 jaar = 1.1 ×
    # 365.25 = 401.775, "langer dan" a thousandth above it; 11 maanden = 11 × 365.25 / 12 =
    # 334.8125), dates as yyyymmdd; no number in "geen inzet" or in a name with a digit
    cases = {
        "1.234": 1234,
        "<5": 4.5,
        "2.281% (1 vertrek)": 2281,
        "+3,2 %-punt": 3.2,
        "-1,0 %-punt": -1.0,
        "langer dan 1,1 jaar": 401.776,
        "minstens 94 (nog open)": 94.001,
        "11 maanden": 334.8125,
        "mrt 2024": 20240300,
        "15 apr 2026": 20260415,
        "geen inzet": None,
        "1e Kwartier": None,
    }
    keys = page.evaluate(SORT_KEYS, list(cases))
    assert keys[-2:] == [None, None]
    assert keys[:-2] == pytest.approx(list(cases.values())[:-2])

    header = plain.locator("thead th").nth(2)  # Mediane verblijfsduur
    column = plain.locator("tbody tr td:nth-child(3)")
    header.locator("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    texts = column.all_inner_texts()
    found = page.evaluate(SORT_KEYS, texts)
    numbers = [k for k in found if k is not None]
    assert numbers == sorted(numbers) and len(numbers) > 20
    # the rows without anyone in the rol ("geen inzet") last, either way
    assert set(texts[len(numbers) :]) == {"geen inzet"}
    # the keyboard as the mouse: Enter on the focused header
    header.locator("button").focus()
    page.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-sort", "descending")
    texts = column.all_inner_texts()
    found = page.evaluate(SORT_KEYS, texts)
    numbers = [k for k in found if k is not None]
    assert numbers == sorted(numbers, reverse=True)
    assert set(texts[len(numbers) :]) == {"geen inzet"}
    # by name, as text in the page's language; the other header no longer says it sorts
    first = plain.locator("thead th").nth(0)
    first.locator("button").click()
    expect(first).to_have_attribute("aria-sort", "ascending")
    names = plain.locator("tbody tr td:nth-child(1)").all_inner_texts()
    collated = page.evaluate(
        "names => [...names].sort(new Intl.Collator('nl', {sensitivity: 'base'}).compare)", names
    )
    assert names == collated
    assert header.get_attribute("aria-sort") is None
    screenshot(page, "continuiteit_gesorteerd_1366x768")


def test_a_long_plain_table_keeps_its_header_in_view(page: Page, server: str):
    """A team lead scrolling through Continuïteit's 54 rows on a projector lost the column
    names and the sort arrow: the plain table's header sticks to the top of the page."""
    page.set_viewport_size({"width": 1024, "height": 768})
    load(page, f"{server}/continuiteit")
    plain = page.locator('[class*="st-key-tabel_smal_per_wijk_en_rol"] .wd-tabel')
    plain.scroll_into_view_if_needed()
    expect(plain).to_be_visible(timeout=30_000)
    # the page scrolled to the table's middle: its first rows are above the window
    page.evaluate(
        """() => { const main = document.querySelector('[data-testid=stMain]');
        const table = document.querySelector('[class*="st-key-tabel_smal_per_wijk_en_rol"] .wd-tabel');
        main.scrollTop += table.getBoundingClientRect().top - main.getBoundingClientRect().top + 600; }"""
    )
    page.wait_for_timeout(300)
    first_row = plain.locator("tbody tr").first.bounding_box()
    header = plain.locator("thead th").first.bounding_box()
    assert first_row["y"] < 0  # scrolled out of view
    assert 0 <= header["y"] < 5  # the header at the top of the window
    screenshot(page, "continuiteit_kop_blijft_1024x768")


def test_a_plain_table_drawn_anew_sorts_again(page: Page, server: str):
    """After a rerun that changes the table (another attribution), its headers are buttons
    again, one each, and sort (dashboard.ui.a11y's observer finds the new table)."""
    page.set_viewport_size({"width": 1366, "height": 768})
    load(page, f"{server}/bereik")
    plain = page.locator('[class*="st-key-tabel_smal_alle_gebieden"] .wd-tabel')
    expect(plain.locator("thead th button")).to_have_count(9, timeout=30_000)
    before = plain.locator("tbody").inner_text()
    page.get_by_label("Waar deelnemers wonen").check(force=True)
    expect(plain.locator("tbody")).not_to_have_text(before, timeout=30_000)
    expect(plain.locator("thead th button")).to_have_count(9)
    header = plain.locator("thead th").nth(3)  # Deelnames
    header.locator("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    found = page.evaluate(SORT_KEYS, plain.locator("tbody tr td:nth-child(4)").all_inner_texts())
    assert None not in found and found == sorted(found)


def test_the_english_plain_table_sorts_english_numbers(page: Page, server: str):
    """In English a number is "1,234.5" and a stay "longer than 1.1 years" (worked by hand:
    1,234.5; 1.1 × 365.25 + 0.001 = 401.776 days; "<5" just under 5; 11 months 334.8125;
    Mar 2024 as 20240300), and the header's hint is English."""
    page.set_viewport_size({"width": 1366, "height": 768})
    load(page, f"{server}/continuiteit?taal=en")
    button = page.locator(".wd-tabel button.wd-sorteer").first
    expect(button).to_be_attached(timeout=30_000)
    cases = ["1,234.5", "longer than 1.1 years", "<5", "11 months", "+3.2", "Mar 2024"]
    cases += ["at least 94 (still open)", "nobody"]
    keys = page.evaluate(SORT_KEYS, cases)
    assert keys[:7] == pytest.approx([1234.5, 401.776, 4.5, 334.8125, 3.2, 20240300, 94.001])
    assert keys[7] is None
    assert button.get_attribute("title") == "Sort by this column"
    button.click()
    expect(page.locator(".wd-tabel thead th").first).to_have_attribute("aria-sort", "ascending")


def test_a_table_of_dozens_of_rows_is_shown_whole(page: Page, server: str):
    """A team lead saw 10 of the 54 rows of Continuïteit's table "Per wijk en rol" in a box
    that scrolled inside the page (dashboard.ui.frame.WHOLE_TABLE_ROWS)."""
    table = last_table(page, f"{server}/continuiteit", "Per wijk en rol", (1920, 1080))
    page.wait_for_timeout(1000)  # the grid sizes itself after the first paint
    scroll, client = table.locator(".dvn-scroller").evaluate(
        "e => [e.scrollHeight, e.clientHeight]"
    )
    assert scroll <= client + 1
    # Streamlit's box of ten rows is 35 px a row plus the header: this one is far taller
    assert table.bounding_box()["height"] > 20 * 35
    screenshot(page, "tabel_heel_continuiteit_1920x1080", height=2400)
