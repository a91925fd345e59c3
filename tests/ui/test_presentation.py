"""AppTest of the presentation mode on a hand-made story (tests/ui/presentation_app.py) and on
the Wijkprofiel page of the demo: every slide runs, the buttons move, the URL holds the slide."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.config import DB_ENV_VAR
from dashboard.display.text import md
from tests.helpers import open_screen
from tests.ui import presentation_app

APP = presentation_app.__file__
STORY = presentation_app.story()
COUNT = len(STORY.slides)


def run(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update({"gm": "GM9999", "niveau": "wijk", "modus": "presentatie", **params})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def slide_title(at: AppTest) -> str:
    # the page's own title comes first (hidden by CSS in a browser), the slide's last
    return at.title[-1].value


def markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


@pytest.mark.parametrize("number", range(1, COUNT + 1))
def test_every_slide_runs(number: int):
    at = run(dia=str(number))
    slide = STORY.slides[number - 1]
    assert slide_title(at) == md(slide.title)
    assert md(slide.message) in markdown(at)
    # a verhaal's date, theme and source in small type under it (the only slide with a note)
    assert (md(slide.note) in [c.value for c in at.caption]) == bool(slide.note)
    assert f"{md(STORY.area_name)} · dia {number} van {COUNT}" in markdown(at)
    assert "Fictieve gegevens" in markdown(at)
    assert at.query_params["dia"] == str(number)
    assert at.query_params["gm"] == "GM9999"
    # the source only on the last slide
    assert (md(STORY.source) in markdown(at)) == (number == COUNT)
    assert at.button(key="pres_vorige").disabled == (number == 1)
    assert at.button(key="pres_volgende").disabled == (number == COUNT)


def test_suppressed_count_is_shown_as_text():
    at = run(dia="3")
    assert "\\<5 bewoners namen het initiatief voor een eigen activiteit." in markdown(at)


def test_area_name_is_text_not_markdown():
    at = run()
    assert markdown(at)[0] == f"Oude Wijk \\*Noord\\* \\[1\\] · dia 1 van {COUNT}"


def test_buttons_move_and_the_url_follows():
    at = run()
    assert at.query_params["dia"] == "1"
    for number in range(2, COUNT + 1):
        at.button(key="pres_volgende").click().run()
        assert at.query_params["dia"] == str(number)
        assert slide_title(at) == md(STORY.slides[number - 1].title)
    assert at.button(key="pres_volgende").disabled
    at.button(key="pres_vorige").click().run()
    assert at.query_params["dia"] == str(COUNT - 1)
    # the keys a clicker sends (hidden buttons with their shortcuts)
    at.button(key="pres_pagedown").click().run()
    assert at.query_params["dia"] == str(COUNT)
    at.button(key="pres_pagedown").click().run()  # stops at the last slide
    assert at.query_params["dia"] == str(COUNT)
    at.button(key="pres_home").click().run()
    assert at.query_params["dia"] == "1"
    at.button(key="pres_pageup").click().run()  # stops at the first slide
    assert at.query_params["dia"] == "1"
    at.button(key="pres_end").click().run()
    assert at.query_params["dia"] == str(COUNT)
    assert not at.exception
    # the other URL parameters stay
    assert at.query_params["gm"] == "GM9999" and at.query_params["niveau"] == "wijk"


def test_keyboard_shortcuts():
    at = run()
    shortcuts = {
        key: at.button(key=f"pres_{key}").proto.shortcut
        for key in ("vorige", "volgende", "verlaten", "pageup", "pagedown", "home", "end")
    }
    assert shortcuts == {
        "vorige": "left",
        "volgende": "right",
        "verlaten": "escape",
        "pageup": "pageup",
        "pagedown": "pagedown",
        "home": "home",
        "end": "end",
    }


@pytest.mark.parametrize(
    ("dia", "note"),
    [
        (
            "0",
            f"Dia 0 bestaat niet (deze presentatie heeft {COUNT} dia's); de presentatie begint bij dia 1.",
        ),
        (
            "99",
            f"Dia 99 bestaat niet (deze presentatie heeft {COUNT} dia's); de presentatie begint bij dia 1.",
        ),
        ("twee", "'twee' is geen dianummer; de presentatie begint bij dia 1."),
        ("-1", "'-1' is geen dianummer; de presentatie begint bij dia 1."),
        (
            "[x](http://e.nl)",
            "'\\[x\\](http\\://e.nl)' is geen dianummer; de presentatie begint bij dia 1.",
        ),
    ],
)
def test_a_slide_that_does_not_exist_falls_back_to_the_first(dia: str, note: str):
    at = run(dia=dia)
    assert slide_title(at) == md(STORY.slides[0].title)
    assert note in markdown(at)
    assert at.query_params["dia"] == "1"


def test_leaving_removes_mode_and_slide_from_the_url():
    at = run(dia="3")
    at.button(key="pres_verlaten").click().run()
    assert "modus" not in at.query_params and "dia" not in at.query_params
    assert at.query_params["gm"] == "GM9999"
    assert "Het profiel" in markdown(at)


def test_show_draws_nothing_in_the_sidebar():
    at = run()
    # only what the page itself drew there (the stand-in for the frame's filters)
    assert [w.key for w in at.sidebar.selectbox] == ["flt_gemeente"]
    assert len(at.sidebar.button) == 0
    assert len(at.sidebar.markdown) == 0


@pytest.mark.slow
@pytest.mark.usefixtures("lokaal")
def test_wijkprofiel_page_presents_every_slide(monkeypatch, demo_db_path: str):
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)
    at = open_screen("pages/wijkprofiel.py", {"gm": "GM9999", "modus": "presentatie"})
    assert at.query_params["dia"] == "1"
    titles = [slide_title(at)]
    while not at.button(key="pres_volgende").disabled:
        at.button(key="pres_volgende").click().run()
        assert not at.exception, [e.value for e in at.exception]
        titles.append(slide_title(at))
        assert at.query_params["dia"] == str(len(titles))
        assert f"dia {len(titles)} van" in " ".join(markdown(at))
        assert len(titles) <= 30
    assert len(titles) >= 3
    assert len(set(titles)) == len(titles), titles
    at.button(key="pres_verlaten").click().run()
    assert not at.exception
    assert "modus" not in at.query_params and "dia" not in at.query_params
    assert at.query_params["gm"] == "GM9999"
