"""AppTest of the Wijkprofiel (pages/wijkprofiel.py) on the demo: sentences, the area in the
URL, a buurt and an eigen area, a bad link, and the link from a map selection elsewhere."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.config import DB_ENV_VAR
from tests.helpers import APP, open_screen

pytestmark = pytest.mark.slow

PAGE = "pages/wijkprofiel.py"


@pytest.fixture()
def db(monkeypatch, demo_db_path) -> str:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)
    return demo_db_path


def open_profile(params: dict[str, str] | None = None) -> AppTest:
    """Open the Wijkprofiel directly (its first run), as a shared link does."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at) -> list[str]:
    return [m.value for m in at.markdown]


def test_profile_of_the_first_wijk_with_its_sentences(db):
    at = open_profile()
    assert [t.value for t in at.title] == ["Wijkprofiel"]
    assert [h.value for h in at.header] == ["Centrum"]
    assert at.query_params["sel"] == "WK999901"
    said = " ".join(texts(at))
    assert "mensen mee aan" in said and "in Centrum" in said
    assert "De opbouwwerker werkt hier" in said
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["Deelnemers", "Bereik per 1.000"]
    assert "Fte per 10.000" in labels
    assert [b.label for b in at.button if b.key == "wp_presentatie"] == ["Presentatie starten"]


def test_choosing_another_area_changes_url_and_title(db):
    at = open_profile()
    at.selectbox(key="wp_gebied").select("WK999904").run()
    assert not at.exception
    assert at.query_params["sel"] == "WK999904"
    assert [h.value for h in at.header] == ["De Brink"]
    assert any("in De Brink" in t for t in texts(at))


def test_a_link_opens_the_profile_of_a_buurt(db):
    at = open_profile(params={"niveau": "buurt", "sel": "BU99990301"})
    assert at.query_params["sel"] == "BU99990301"
    name = at.header[0].value
    assert at.selectbox(key="wp_gebied").value == "BU99990301"
    assert any(f"in {name}" in t for t in texts(at))
    # a buurt tells the rollen and opbouwwerk of its wijk, named as such
    assert any("in de wijk Molenkwartier" in t for t in texts(at))


def test_an_unknown_area_in_the_link_falls_back_with_a_dutch_note(db):
    at = open_profile(params={"sel": "WK123456"})
    assert any("WK123456" in w.value and "hoort niet bij" in w.value for w in at.warning)
    assert [h.value for h in at.header] == ["Centrum"]


def test_a_wijk_code_on_the_buurt_level_falls_back_with_a_note(db):
    at = open_profile(params={"niveau": "buurt", "sel": "WK999903"})
    assert any("geen buurt van deze gemeente" in w.value for w in at.warning)
    assert at.query_params["sel"] == at.selectbox(key="wp_gebied").value


def test_an_area_of_the_own_indeling(with_own_indeling):
    at = open_profile(params={"niveau": "eigen", "sel": "EG9999001"})
    assert [h.value for h in at.header] == ["Binnenstad"]
    assert any("in Binnenstad" in t for t in texts(at))
    # no rollen or opbouwwerk: inzet is registered per wijk, and the page says so
    assert not any("werkt hier" in t for t in texts(at))
    assert any("per CBS-wijk gemeten" in c.value for c in at.caption)


def test_a_selected_area_elsewhere_links_to_its_profile(db):
    at = open_screen()
    at.session_state["kaart_overzicht"] = {
        "selection": {"points": [{"location": "WK999903"}], "point_indices": [0]}
    }
    at.run()
    assert not at.exception
    links = [link for link in at.main.get("page_link") if "Wijkprofiel" in link.proto.label]
    assert [link.proto.label for link in links] == ["Wijkprofiel van Molenkwartier"]
    assert links[0].proto.page.endswith("wijkprofiel")
    assert "sel=WK999903" in links[0].proto.query_string


def test_presentatie_starten_switches_to_the_presentation_mode(db):
    at = open_profile({"sel": "WK999904"})
    at.button(key="wp_presentatie").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["modus"] == "presentatie"
    # the other choices stay in the URL
    assert at.query_params["sel"] == "WK999904" and at.query_params["gm"] == "GM9999"
    # the profile itself is not drawn under the slides
    assert "wp_gebied" not in [s.key for s in at.selectbox]


def test_four_downloads_when_the_server_can_draw_charts(db, monkeypatch):
    monkeypatch.delenv("BROWSER_PATH", raising=False)  # Debian's chromium (make test installs it)
    at = open_profile()
    downloads = at.get("download_button")
    assert [d.proto.label for d in downloads] == [
        "PDF (A4)",
        "PowerPoint (PPTX)",
        "Grafieken (PNG, zip)",
        "Cijfers (Excel)",
    ]
    assert not at.warning


def test_without_chromium_only_excel_with_a_dutch_reason(db, monkeypatch, tmp_path):
    # A server without Chromium cannot draw the charts of a PDF, PowerPoint or PNG: say so
    # before the click (a failing deferred download only shows Streamlit's English error).
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "geen-chromium"))
    at = open_profile()
    assert [d.proto.label for d in at.get("download_button")] == ["Cijfers (Excel)"]
    [warning] = at.warning
    assert "Chromium" in warning.value and "Excel kunt u wel downloaden" in warning.value


# The wijk's own history around a change of opbouwwerker (docs/DESIGN.md §5.6, §9). Heidepark's
# opbouwwerker left on 2022-03-26 and the next began on 2022-11-28: 246 days empty, 246 / 30.44
# = 8.1, "8 maanden". In those months the welfare organisation's activities there pause, also
# the initiatives it supports (most of Heidepark's), so the share of bijeenkomsten of
# bewonersinitiatieven falls by more than the 25% a sentence needs. Centrum's changes are
# handovers of about a month after which nothing moves by 25%: no sentence there.
HEIDEPARK = {"gm": "GM9999", "niveau": "wijk", "sel": "WK999909"}
CENTRUM = {"gm": "GM9999", "niveau": "wijk", "sel": "WK999901"}
HISTORY = (
    "Toen de opbouwwerker hier in maart 2022 vertrok en de plek 8 maanden leeg bleef, daalde"
    " het aandeel bijeenkomsten van bewonersinitiatieven van "
)


def test_the_wijk_history_shows_where_the_data_supports_it(db):
    at = open_profile(HEIDEPARK)
    assert [h.value for h in at.header] == ["Heidepark"]
    assert "Opbouwwerk door de jaren" in [s.value for s in at.subheader]
    assert [c.value for c in at.caption if c.value.startswith(HISTORY)]
    assert "wp_opbouwwerk-voor-en-na" in [c.key for c in at.get("plotly_chart")]


def test_no_wijk_history_where_the_data_does_not_support_it(db):
    at = open_profile(CENTRUM)
    assert [h.value for h in at.header] == ["Centrum"]
    assert "Opbouwwerk door de jaren" not in [s.value for s in at.subheader]
    assert not [c for c in at.caption if "opbouwwerker hier" in c.value]
    assert "wp_opbouwwerk-voor-en-na" not in [c.key for c in at.get("plotly_chart")]


def _slides(params: dict[str, str]) -> list[tuple[str, list[str], list[str]]]:
    """Every slide of the presentation mode as (title, markdown texts, keys of its charts),
    each opened by its own link (`&dia=N`)."""
    found = []
    count = None
    number = 1
    while count is None or number <= count:
        at = open_profile({**params, "modus": "presentatie", "dia": str(number)})
        texts_ = [m.value for m in at.markdown]
        if count is None:
            count = int(next(t for t in texts_ if " · dia 1 van " in t).rsplit(" ", 1)[1])
        found.append((at.title[-1].value, texts_, [c.key for c in at.get("plotly_chart")]))
        number += 1
    return found


def test_the_wijk_history_is_a_slide_in_the_presentation_mode(db):
    slides = _slides(HEIDEPARK)
    titles = [title for title, _, _ in slides]
    # before the closing slide, with its sentence and its chart
    assert titles.index("Opbouwwerk door de jaren") == len(titles) - 2
    _, said, charts = slides[-2]
    assert [t for t in said if t.startswith(HISTORY)]
    # one chart, drawn in two sizes (the page's CSS shows the one that fits the screen)
    assert sorted(key.rsplit("_", 1)[1] for key in charts) == ["groot", "klein"]
    assert "Opbouwwerk door de jaren" not in [title for title, _, _ in _slides(CENTRUM)]


def test_the_continuity_chart_says_its_date_not_peildatum(db):
    # a resident reads "op 31 oktober 2026" (the period's last day), not the jargon "peildatum"
    at = open_profile({"gm": "GM9999", "van": "2025-11-01", "tot": "2026-10-31"})
    captions = [c.value for c in at.caption]
    assert any(
        "Welke professionals er op 31 oktober 2026 in de wijk werkten" in c for c in captions
    )
    assert not any("peildatum" in c for c in captions)
