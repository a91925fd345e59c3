"""Accessibility of every screen in a real browser: axe-core (WCAG 2.1 A and AA rules) finds no
serious or critical violation, the page says it is Dutch, and the maps can be used without a mouse.

axe-core comes with axe-playwright-python (its bundled `axe.min.js`), so this runs offline.
What axe cannot check (a keyboard walk, the reading of the charts) is in docs/toegankelijkheid.md.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from dashboard import i18n
from tests.e2e.browser import POLYGONS, load, screenshot

pytestmark = pytest.mark.e2e

# Every screen (with its heading), the Wijkprofiel with an area and in presentation mode too.
SCREENS = {
    "": "Overzicht",
    "bereik": "Bereik",
    "continuiteit": "Continuïteit",
    "dekking": "Dekking",
    "opbrengst": "Opbrengst",
    "wijkprofiel?sel=WK999904": "Wijkprofiel",
    "wijkprofiel?sel=WK999904&modus=presentatie&dia=2": None,  # a slide's own title
    "gegevens": "Gegevens",
}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = Axe()


def report(violations: list[dict]) -> str:
    """The violations as readable lines: rule, impact, help and the first elements it found."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])}x]")
        for node in v["nodes"][:4]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"      {summary[:240]}")
    return "\n".join(lines)


def serious(page: Page) -> list[dict]:
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    return [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def open_screen(page: Page, server: str, path: str, taal: str = "nl") -> None:
    base, _, query = path.partition("?")
    language = "" if taal == "nl" else f"&taal={taal}"
    load(page, f"{server}/{base}?gm=GM9999" + (f"&{query}" if query else "") + language)
    heading = SCREENS[path]
    if heading is not None and taal != "nl":
        heading = i18n.catalogue(taal).get(heading, heading)
    if heading is not None:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=30_000)
    if base in {"", "bereik", "continuiteit", "dekking"}:
        expect(page.locator(POLYGONS).first).to_be_visible(timeout=30_000)
    if base != "gegevens":
        expect(page.locator(".js-plotly-plot").filter(visible=True).first).to_be_visible(
            timeout=30_000
        )
    # the page's script sets the language once the page is drawn (axe then checks it)
    # (Streamlit's own page says lang="en": for English, wait for our script itself to have run)
    page.wait_for_function(
        "(taal) => window.wijkdashboardA11y && window.wijkdashboardA11y.lang === taal"
        " && document.documentElement.lang === taal",
        arg=taal,
        timeout=10_000,
    )


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("path", list(SCREENS))
def test_no_serious_axe_violations(page: Page, server: str, path: str, taal: str):
    open_screen(page, server, path, taal)
    found = serious(page)
    assert found == [], f"axe on /{path} ({taal}):\n{report(found)}"


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1920, 1080)])
def test_every_screen_in_english(page: Page, server: str, width: int, height: int):
    """Screenshots of every screen in English (test-artifacts/engels_*.png), to look at."""
    page.set_viewport_size({"width": width, "height": height})
    for path in SCREENS:
        open_screen(page, server, path, "en")
        assert page.locator("[data-testid='stException']").count() == 0, path
        page.wait_for_timeout(1000)  # the charts settle
        name = re.sub(r"\W+", "_", path).strip("_") or "overzicht"
        screenshot(page, f"engels_{name}_{width}x{height}")


def test_an_area_is_chosen_with_the_keyboard_as_with_a_click(page: Page, server: str):
    load(page, f"{server}/?gm=GM9999")
    expect(page.locator(POLYGONS).first).to_be_visible(timeout=30_000)
    assert "sel=" not in page.url
    picker = page.get_by_role("combobox", name="Kies een wijk (zoals een klik op de kaart)")
    picker.focus()
    page.keyboard.type("Hoogveld")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]sel=WK999905(&|$)"), timeout=30_000)
    expect(page.get_by_role("button", name="Selectie 'Hoogveld' wissen")).to_be_visible()
    # the list follows a selection made elsewhere: cleared with its button, the list says so
    page.get_by_role("button", name="Selectie 'Hoogveld' wissen").press("Enter")
    expect(page).not_to_have_url(re.compile(r"sel="), timeout=30_000)
    expect(picker).to_have_value("Geen keuze", timeout=30_000)


def test_every_chart_has_a_name_and_a_table_to_open_with_the_keyboard(page: Page, server: str):
    load(page, f"{server}/bereik?gm=GM9999")
    charts = page.locator("[data-testid='stPlotlyChart']")
    expect(charts.first).to_be_visible(timeout=30_000)
    expect(charts.first).to_have_attribute("aria-label", "Kaart: Bereik per 1.000 inwoners")
    names = [charts.nth(i).get_attribute("aria-label") for i in range(charts.count())]
    assert "Grafiek: Deelnames per maand" in names
    assert all(n and n.split(": ", 1)[0] in ("Kaart", "Grafiek") for n in names), names
    # Plotly's own buttons are named in Dutch too
    expect(charts.first.get_by_role("button", name="Grafiek downloaden als PNG")).to_have_count(1)
    toggle = page.locator("summary").filter(has_text="Toon als tabel: Deelnames per maand")
    toggle.focus()
    page.keyboard.press("Enter")
    table = page.get_by_role("table").filter(has_text="Toelichting").first
    expect(table).to_be_visible(timeout=30_000)
    expect(table.get_by_role("columnheader", name="Maand")).to_be_visible()


# Streamlit's own English words (dashboard.ui.a11y.STREAMLIT_WORDS), as parts of a text
STREAMLIT_ENGLISH = (
    "Download as CSV",
    "Show/hide columns",
    "Fullscreen",
    "Help for ",
    "Skip to main content",
    "Collapse sidebar",
    "Link to heading",
    "Upload",
    "file upload",
    " per file",
    "year, ",
    "month, ",
    "day, ",
)
_STREAMLIT_TEXTS = """() => {
  const out = [];
  document.querySelectorAll("[aria-label], [placeholder], [title]").forEach((e) => {
    for (const name of ["aria-label", "placeholder", "title"]) {
      if (e.getAttribute(name)) out.push(e.getAttribute(name));
    }
  });
  document.querySelectorAll(
    "[data-testid='stSkipToContent'], [data-testid^='stFileUploader'],"
    + " [data-testid='stTooltipContent']"
  ).forEach((e) => out.push(e.textContent));
  return out;
}"""


def english_left(page: Page) -> list[str]:
    """The accessible names and Streamlit texts on the page with an English word of Streamlit's."""
    texts = page.evaluate(_STREAMLIT_TEXTS)
    return [t for t in texts if any(word in t for word in STREAMLIT_ENGLISH)]


def test_streamlits_own_words_are_dutch_on_a_dutch_page_and_english_on_an_english_one(
    page: Page, server: str
):
    open_screen(page, server, "bereik")
    table = page.locator("[data-testid='stDataFrame']").first
    table.scroll_into_view_if_needed()
    table.hover()
    download = page.get_by_role("button", name="Downloaden als CSV").first
    expect(download).to_be_visible()
    download.hover()
    tooltip = page.locator("[data-testid='stTooltipContent']", has_text="Downloaden als CSV")
    expect(tooltip).to_be_visible()
    expect(page.get_by_role("link", name="Naar de inhoud")).to_have_count(1)
    assert page.get_by_role("button", name=re.compile(r"^Uitleg bij ")).count() > 0
    assert english_left(page) == []
    # a switch to English in the same session puts Streamlit's own words back
    page.get_by_role("radio", name="English", exact=True).click()
    page.wait_for_function(
        "() => window.wijkdashboardA11y && window.wijkdashboardA11y.lang === 'en'"
        " && document.documentElement.lang === 'en'",
        timeout=30_000,
    )
    table.hover()
    expect(page.get_by_role("button", name="Download as CSV").first).to_be_visible()
    assert page.get_by_role("button", name="Downloaden als CSV").count() == 0
    expect(page.get_by_role("link", name="Skip to main content")).to_have_count(1)


def test_the_upload_field_speaks_dutch(page: Page, server: str):
    open_screen(page, server, "gegevens")
    uploader = page.locator("[data-testid='stFileUploader']").first
    expect(uploader.get_by_role("button", name="Bestand kiezen")).to_be_visible()
    expect(uploader).to_contain_text("Tot 200 MB per bestand • CSV, TXT, XLSX")
    # the field's own file input, which a screen reader announces
    expect(uploader.get_by_role("button", name="Bestand uploaden")).to_have_count(1)
    assert english_left(page) == []
