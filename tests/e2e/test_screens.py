"""Every screen in a real browser: no error, maps drawn per wijk, a click selects, a link restores a view."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import POLYGONS, SCREENS, WITH_MAP, load, run_server, screenshot

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("path", list(SCREENS))
def test_screen_loads_without_error(page: Page, server: str, path: str):
    load(page, f"{server}/{path}")
    expect(page.get_by_role("heading", name=SCREENS[path], exact=True)).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text("fictieve demogegevens")).to_be_visible()
    if path in WITH_MAP:
        expect(page.locator(POLYGONS).first).to_be_visible(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentError']").count() == 0
    # the filters are in the URL, so the link reproduces the view
    assert re.search(r"[?&]gm=GM9999", page.url)
    screenshot(page, f"scherm_{path or 'overzicht'}", height=2400)


def test_map_draws_one_polygon_per_wijk(page: Page, server: str):
    load(page, f"{server}/dekking")
    expect(page.locator(POLYGONS)).to_have_count(9, timeout=30_000)  # the demo has 9 wijken


def test_click_on_a_wijk_selects_it(page: Page, server: str):
    load(page, server)
    polygons = page.locator(POLYGONS)
    expect(polygons).to_have_count(9, timeout=30_000)
    assert "sel=" not in page.url
    # Plotly takes clicks on its map background layer and finds the polygon under
    # the pointer, so click where a user would: inside the polygon's box.
    polygons.nth(4).scroll_into_view_if_needed()
    box = polygons.nth(4).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(re.compile(r"sel=WK9999\d\d"), timeout=30_000)
    code = re.search(r"sel=(WK9999\d\d)", page.url).group(1)
    expect(page.get_by_role("button", name=re.compile("Selectie .* wissen"))).to_be_visible()
    screenshot(page, "overzicht_selectie")
    # the selection survives a reload from the URL alone
    load(page, page.url)
    expect(page.get_by_role("button", name=re.compile("Selectie .* wissen"))).to_be_visible(
        timeout=30_000
    )
    assert f"sel={code}" in page.url


def test_shared_url_restores_the_view(page: Page, server: str):
    url = f"{server}/bereik?gm=GM9999&van=2023-01-01&tot=2023-12-31&niveau=buurt&attr=wie"
    load(page, url)
    expect(page.locator(POLYGONS)).to_have_count(36, timeout=30_000)  # buurten, not wijken
    expect(page.get_by_label("Waar deelnemers wonen")).to_be_checked()
    expect(page.get_by_text("1 jan 2023 t/m 31 dec 2023")).to_be_visible()
    screenshot(page, "bereik_gedeelde_link")


def test_links_between_screens_keep_the_filters(page: Page, server: str):
    load(page, f"{server}/?gm=GM9999&van=2022-01-01&tot=2022-12-31&niveau=wijk")
    page.get_by_role("link", name="Continuïteit").click()
    expect(page).to_have_url(re.compile(r"/continuiteit\?.*van=2022-01-01"), timeout=30_000)
    expect(page.get_by_text("1 jan 2022 t/m 31 dec 2022")).to_be_visible(timeout=30_000)


def test_deep_link_on_a_fresh_server(page: Page, demo_db_path: str):
    # The very first request a new server gets is a deep link with filters: the page
    # must run with the frame (links, filters), not as a bare legacy page.
    with run_server(demo_db_path, "streamlit_deeplink.log") as url:
        load(page, f"{url}/dekking?gm=GM9999&van=2024-01-01&tot=2024-12-31&org=ORG999902")
        expect(page.get_by_role("heading", name="Dekking", exact=True)).to_be_visible(
            timeout=30_000
        )
        expect(page.get_by_role("link", name="Continuïteit")).to_be_visible()
        expect(page.get_by_text("1 jan 2024 t/m 31 dec 2024")).to_be_visible()
        assert "org=ORG999902" in page.url
        assert page.locator("[data-testid='stException']").count() == 0


def test_template_download(page: Page, server: str):
    load(page, f"{server}/gegevens")
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Sjabloon (CSV)").click()
    download = info.value
    assert download.suggested_filename == "sjabloon_inzet.csv"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, so Dutch Excel shows accents right
    assert b"professional_id;" in content.splitlines()[0]


def test_upload_shows_the_validation_report(page: Page, server: str, tmp_path: Path):
    bad = tmp_path / "inzet_met_fout.csv"
    bad.write_text(
        "inzet_id;professional_id;professional_naam;wijkcode;rol;organisatie_id;startdatum;einddatum;uren_per_week\n"
        "T1;PTEST1;Anna Test;WK999977;directeur;ORG999902;01-03-2026;01-01-2026;24\n",
        encoding="utf-8",
    )
    load(page, f"{server}/gegevens")
    # the first run drawn and done before the file goes in: in two CI runs the uploader lost
    # a file given to it while the page was still being set up, and the report it had made
    # was hidden again ("notRunning" also holds before the first run has started)
    expect(page.get_by_role("heading", name="Gegevens", exact=True)).to_be_visible(timeout=30_000)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
    )
    # the visible verdict: after a lost file and a second upload, the report of the run
    # before stayed in the page, hidden, beside the new one (a full local run of tests/e2e)
    verdict = page.locator("p:visible").filter(has_text="fout(en): los ze op in het bestand")
    # reading and checking the file is a full rerun: slow on a busy 2-core machine. In the full
    # suite on CI the uploader lost the file twice in a row (its field empty, the report of the
    # run hidden again): given once more, as a person would, it is read (3 of 3 runs alone)
    for attempt in range(3):
        page.locator("input[type=file]").first.set_input_files(str(bad))
        try:
            expect(verdict).to_be_visible(timeout=40_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
            page.wait_for_selector(
                "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
            )
    expect(verdict).to_be_visible()
    # then the file's name in the uploader's own chip (asked for before the report, any text
    # with the name once stayed "hidden" for 30 s in a CI run: the chip while uploading)
    chip = page.get_by_test_id("stFileChipName").filter(has_text="inzet_met_fout.csv")
    expect(chip).to_be_visible()
    expect(page.get_by_role("button", name="Importeren")).to_be_disabled()
    screenshot(page, "gegevens_rapport", height=1600)


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_area_names_are_visible_on_the_map(browser, server: str, size):
    # issue 14 item 2: names on the map where they fit, numbers and a list where they do not
    width, height = size
    page = browser.new_page(viewport={"width": width, "height": height}, locale="nl-NL")
    try:
        load(page, f"{server}/dekking?gm=GM9999")
        chart = page.locator("[data-testid=stPlotlyChart]").first
        expect(chart.locator(POLYGONS)).to_have_count(9, timeout=30_000)
        chart.scroll_into_view_if_needed()
        for name in ("Waterkant", "Centrum", "De Brink"):
            label = chart.locator("text", has_text=re.compile(f"^{name}$"))
            expect(label).to_be_visible()
            # inside the map, not cut by its edge
            box, frame = label.bounding_box(), chart.bounding_box()
            assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
        screenshot(page, f"kaart_namen_dekking_{width}x{height}")
        load(page, f"{server}/bereik?gm=GM9999&niveau=buurt")
        chart = page.locator("[data-testid=stPlotlyChart]").first
        expect(chart.locator(POLYGONS)).to_have_count(36, timeout=30_000)
        # 36 buurten: numbers on the map, the numbered names under it
        expect(chart.locator("text", has_text="Bedrijventerrein De Vaart")).to_be_visible()
        expect(chart.locator("text", has_text=re.compile(r"^36$"))).to_have_count(1)
        screenshot(page, f"kaart_nummers_bereik_{width}x{height}", height=1600)
    finally:
        page.close()
