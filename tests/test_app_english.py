"""The English switch on the screens: no Dutch UI text left when `?taal=en`.

Each screen is opened twice, in Dutch and in English, and every text it shows is collected
(`helpers.shown_texts`). Against the catalogue, not a list of Dutch words:

- a text shown in English that is a msgid of the catalogue (Dutch) with another English
  msgstr: the code shows it without translating it;
- a text shown the same in both languages that, once the data in it is taken out (names of
  gemeenten, areas, organisations, activity types; numbers, dates, codes), still has words:
  Dutch UI text that is not in the catalogue at all (not wrapped in `_()`), unless the
  catalogue says it reads the same in English (msgstr == msgid, e.g. "wijk").

`test_an_unwrapped_text_fails` shows that the check finds a text the code forgot to wrap.
Screens not translated yet are listed in UNTRANSLATED and expected to fail (strict), so the
list shrinks as screens are done.
"""

from __future__ import annotations

import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.config import DB_ENV_VAR
from dashboard.display.text import md
from dashboard.warehouse import queries
from tests.helpers import open_screen, shown_texts

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("lokaal")]

GM = "GM9999"
SCREENS = [
    None,  # Overzicht (app.py)
    "pages/bereik.py",
    "pages/continuiteit.py",
    "pages/dekking.py",
    "pages/wijkprofiel.py",
    "pages/opbrengst.py",
    "pages/gegevens.py",
]
# screens whose own texts are not wrapped yet (the frame and sidebar around them are)
UNTRANSLATED: set[str] = set()


@pytest.fixture()
def db(monkeypatch, demo_db_path) -> str:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)
    return demo_db_path


def data_names(db: str) -> list[str]:
    """Text from the data that a screen may show as it is, in either language."""
    with duckdb.connect(db, read_only=True) as con:
        names = list(queries.gemeenten(con)["naam"])
        for level in ("wijk", "buurt"):
            names += list(queries.gebieden(con, level, None)["naam"])
        names += list(queries.organisaties(con, None)["naam"])
        names += list(queries.activity_types(con, None))
        # what the wijk has (issue 16): names of places and routes, the verhalen's own words
        for sql in (
            "select naam from plek",
            "select naam from route",
            "select thema from verhaal",
            "select tekst from verhaal",
        ):
            names += [row[0] for row in con.sql(sql).fetchall()]
    # longest first, so "De Brink-Noord" goes before "De Brink"
    return sorted({n for n in names if n}, key=len, reverse=True)


# numbers (1.234,5 / 1,234.5 / 12%), dates, CBS codes, "<5", signs and punctuation
_NOT_WORDS = re.compile(
    r"\b(?:GM|WK|BU)\d{4,8}\b|\d{4}-\d{2}-\d{2}|[<>]?\d[\d.,]*%?|[^\w\s]|_", re.UNICODE
)


def residue(text: str, names: list[str]) -> str:
    """`text` without its data: what is left must be words of the UI."""
    for name in names:
        # as written, escaped for markdown, or capitalised (activity types in charts)
        for form in {name, md(name)}:
            text = re.sub(re.escape(form), " ", text, flags=re.IGNORECASE)
    return " ".join(w for w in _NOT_WORDS.sub(" ", text).split() if len(w) > 1)


def _words(texts: object) -> set[str]:
    # a placeholder's name ("{jaar}"), a command-line option ("--jaar") and a quoted column
    # name ("'jaar'") in an English text are no words of it
    return {
        w.lower() for t in texts for w in re.findall(r"[^\W\d_]{2,}", _CODE_LIKE.sub(" ", str(t)))
    }


_CODE_LIKE = re.compile(r"\{\w*\}|--\w+|'\w+'")


def untranslated(nl: set[str], en: set[str], names: list[str]) -> list[str]:
    """The texts of the English screen that are Dutch: see the module docstring."""
    catalogue = i18n.catalogue("en")
    same_in_english = {k for k, v in catalogue.items() if v == k}
    # words of the catalogue's Dutch that its English never uses ("langer", "dan", "jaar"):
    # one in an English text is a piece of Dutch the code put around a translated part
    english = _words(v for v in catalogue.values() if isinstance(v, str)) | _words(names)
    dutch_only = _words(catalogue) - english
    # terms the catalogue keeps in English ("Opbouwwerker", "wijk") count like data
    data_and_kept = sorted({*names, *same_in_english}, key=len, reverse=True)
    # a text that is data as a whole (an activity type "Moestuin" in a chart) is shown as it
    # is, also where the catalogue has the same word as a label (a plek of type moestuin)
    whole_data = {n.casefold() for n in names}
    found = []
    for text in sorted(en):
        translation = catalogue.get(text)
        if text.casefold() in whole_data:
            continue
        if isinstance(translation, str) and translation != text:
            found.append(f"msgid shown untranslated: {text!r}")
        elif text in nl and residue(text, data_and_kept):
            found.append(f"Dutch text not in the catalogue: {text!r}")
        elif text not in same_in_english and (
            leaked := _words([residue(text, names)]) & dutch_only
        ):
            found.append(f"Dutch words {sorted(leaked)} in: {text!r}")
    return found


# what a screen shows only on demand, opened before the texts are collected
ON_DEMAND = {None: ("ov_jaren",)}


def screen_texts(page: str | None, params: dict[str, str]) -> set[str]:
    at = open_screen(page, params=params)
    for key in ON_DEMAND.get(page, ()):
        at.toggle(key=key).set_value(True).run()
        assert not at.exception
    return shown_texts(at)


def both_languages(page: str | None) -> tuple[set[str], set[str]]:
    nl = screen_texts(page, {"gm": GM})
    en = screen_texts(page, {"gm": GM, "taal": "en"})
    return nl, en


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(
            p,
            marks=[pytest.mark.xfail(strict=True, reason="screen not translated yet")]
            if p in UNTRANSLATED
            else [],
            id=p or "app.py",
        )
        for p in SCREENS
    ],
)
def test_no_dutch_ui_text_in_english(db, page):
    nl, en = both_languages(page)
    # not vacuous: the screen showed texts, and switching changed most of them
    assert len(en) >= 15
    assert len(en - nl) >= 10
    assert untranslated(nl, en, data_names(db)) == []


def test_the_sidebar_and_title_switch_and_the_link_keeps_the_language(db):
    at = open_screen(params={"gm": GM, "taal": "en"})
    assert [t.value for t in at.title] == ["Overview"]
    assert at.sidebar.selectbox(key="flt_gemeente").label == "Municipality"
    assert [link.label for link in at.get("page_link")][:4] == [
        "Overview",
        "Reach",
        "Continuity",
        "Coverage",
    ]
    assert at.query_params["taal"] == "en"
    # numbers and dates in English notation: the period under the title
    assert re.search(
        r"\d{1,2} [A-Z][a-z]{2} \d{4} to \d{1,2} [A-Z][a-z]{2} \d{4}", at.caption[0].value
    )
    # the glossary of the Dutch terms kept in English, once, in the sidebar
    assert sum("*opbouwwerk*" in c.value for c in at.sidebar.caption) == 1


def test_switching_in_the_sidebar_changes_the_language_and_the_link(db):
    at = open_screen(params={"gm": GM})
    assert [t.value for t in at.title] == ["Overzicht"]
    assert "taal" not in at.query_params
    at.segmented_control(key="flt_taal").set_value("en").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Overview"]
    assert at.query_params["taal"] == "en"
    at.segmented_control(key="flt_taal").set_value("nl").run()
    assert [t.value for t in at.title] == ["Overzicht"]
    assert "taal" not in at.query_params


def test_an_unknown_language_in_the_link_falls_back_to_dutch_with_a_note(db):
    at = open_screen(params={"gm": GM, "taal": "fr"})
    assert [t.value for t in at.title] == ["Overzicht"]
    assert any("Taal 'fr' uit de link is onbekend" in w.value for w in at.warning)


UNWRAPPED = """
import streamlit as st
from dashboard import i18n
from dashboard.i18n import _

i18n.set_language(st.query_params.get("taal", "nl"))
st.title(_("Overzicht"))
st.subheader(_("Kaart"))
st.caption(_("Geen keuze"))
st.caption(_("Verandering ten opzichte van {period} ({why}).").format(period="2024", why="x"))
st.caption("Lindenwaard (fictief) · 12,5%")
st.subheader("Kerncijfers per wijk")  # forgotten: not wrapped in _()
st.metric(_("Deelnames"), "1.234")
st.markdown("Unieke deelnemers")  # wrapped nowhere, yet a msgid of the catalogue
st.caption(_("Deelnames") + ": 12 per jaar")  # a translated part in Dutch words around it
"""


def test_an_unwrapped_text_fails():
    def texts(language: str) -> set[str]:
        at = AppTest.from_string(UNWRAPPED)
        at.query_params["taal"] = language
        at.run()
        assert not at.exception
        return shown_texts(at)

    names = ["Lindenwaard (fictief)"]
    found = untranslated(texts("nl"), texts("en"), names)
    assert found == [
        "Dutch words ['jaar'] in: 'Attendances: 12 per jaar'",
        "Dutch text not in the catalogue: 'Kerncijfers per wijk'",
        "msgid shown untranslated: 'Unieke deelnemers'",
    ]


def test_the_presentation_in_english(db):
    at = open_screen(
        "pages/wijkprofiel.py", params={"gm": GM, "taal": "en", "modus": "presentatie"}
    )
    shown = shown_texts(at)
    assert any(re.search(r"· slide 1 of \d+$", t) for t in shown)
    assert {"Previous", "Next", "Leave presentation"} <= {b.label for b in at.button}
    assert any(t.startswith("Wijk profile of ") for t in shown)
    assert not any(re.search(r"\bdia \d+ van\b|Wijkprofiel van", t) for t in shown)
