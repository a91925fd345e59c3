"""The English switch without a screen: the language module, the catalogue, the formats.

The catalogue tests compare the code with `dashboard/locale/en/LC_MESSAGES/messages.po`:
every text the code marks for translation (`pybabel extract`, as `make messages` runs it)
must be in the catalogue with an English msgstr, none fuzzy or empty, each keeping the
msgid's `{placeholders}`.
"""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from dashboard import i18n
from dashboard.display import formatting as fmt
from dashboard.display.labels import KWADRANT_LABELS, LEVEL_LABELS, LEVEL_NOUNS, ROL_LABELS
from dashboard.domain.period import Period
from dashboard.screens.state import Options, State, from_query_params, to_query_params

ROOT = Path(__file__).resolve().parents[1]


def extracted_msgids() -> set[str]:
    """The msgids `pybabel extract -F babel.cfg -k N_` finds in the code (singular ids)."""
    found: set[str] = set()
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    for folder in ("dashboard", "pages"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=keywords
        ):
            found.add(message[0] if isinstance(message, tuple) else message)
    with (ROOT / "app.py").open("rb") as file:
        from babel.messages.extract import extract

        for _line, message, _comments, _context in extract("python", file, keywords=keywords):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def po_messages() -> list:
    with i18n.po_path("en").open("rb") as file:
        return [m for m in read_po(file, locale="en") if m.id]


def test_every_text_in_the_code_is_in_the_english_catalogue():
    in_code = extracted_msgids()
    in_po = {m.id if isinstance(m.id, str) else m.id[0] for m in po_messages()}
    assert len(in_code) > 100  # the extraction found the texts, not nothing
    assert sorted(in_code - in_po) == [], "run `make messages` and translate the new texts"


def test_the_catalogue_has_no_stale_texts():
    # a msgid no code uses any more misleads a translator: `make messages` drops it
    in_code = extracted_msgids()
    stale = [
        m.id for m in po_messages() if (m.id if isinstance(m.id, str) else m.id[0]) not in in_code
    ]
    assert stale == []


def test_no_english_translation_is_empty_or_fuzzy():
    messages = po_messages()
    empty = [
        m.id
        for m in messages
        if not m.string or (isinstance(m.string, tuple) and not all(m.string))
    ]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert (empty, fuzzy) == ([], [])


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_translations_keep_their_placeholders():
    wrong = []
    for m in po_messages():
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        for msgid, msgstr in zip(ids * len(strings), strings, strict=False):
            if _fields(msgid) != _fields(msgstr):
                wrong.append((msgid, msgstr))
    assert wrong == []


def test_dutch_is_the_default_and_the_source():
    assert i18n.current() == "nl"
    assert i18n._("Kaart") == "Kaart"
    with i18n.using("en"):
        assert i18n._("Kaart") == "Map"
        assert i18n.current() == "en"
    assert i18n._("Kaart") == "Kaart"


def test_an_unknown_text_stays_as_written():
    with i18n.using("en"):
        assert i18n._("Een tekst die niet in de catalogus staat") == (
            "Een tekst die niet in de catalogus staat"
        )


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="Onbekende taal"):
        i18n.set_language("fr")


def test_plural_forms():
    assert i18n.ngettext("{n} gebied", "{n} gebieden", 1) == "{n} gebied"
    assert i18n.ngettext("{n} gebied", "{n} gebieden", 3) == "{n} gebieden"


def test_labels_answer_in_the_language_of_the_run():
    assert LEVEL_LABELS["gemeente"] == "Gemeente"
    assert ROL_LABELS["maatschappelijk_werker"] == "Maatschappelijk werker"
    with i18n.using("en"):
        assert LEVEL_LABELS["gemeente"] == "Municipality"
        assert dict(LEVEL_LABELS)["wijk"] == "CBS wijk"
        assert ROL_LABELS.get("maatschappelijk_werker") == "Social worker"
        assert KWADRANT_LABELS["hoge_behoefte_lage_dekking"] == "high need, low coverage"
        assert LEVEL_NOUNS["eigen"] == ("area", "areas")
    assert LEVEL_NOUNS["wijk"] == ("wijk", "wijken")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            [
                "1.234,5",
                "12,5%",
                "geen gegevens",
                "3 mrt 2025",
                "maart 2025",
                "2,0 jaar",
                "<5 deelnemers",
            ],
        ),
        (
            "en",
            [
                "1,234.5",
                "12.5%",
                "no data",
                "3 Mar 2025",
                "March 2025",
                "2.0 years",
                "<5 participants",
            ],
        ),
    ],
)
def test_numbers_and_dates_follow_the_language(language, expected):
    with i18n.using(language):
        shown = [
            fmt.number(1234.5, 1),
            fmt.percentage(12.5, 1),
            fmt.number(None),
            fmt.dutch_date(date(2025, 3, 3)),
            fmt.period_name(Period(date(2025, 3, 1), date(2025, 3, 31))),
            fmt.duration(730.5),
            fmt.share(50, 3),
        ]
    assert shown == expected


def test_dutch_numbers_round_as_before():
    # Python's rounding of the float (the formats before babel), then babel's grouping
    assert [fmt.number(v, d) for v, d in ((2.675, 2), (0.5, 0), (-0.04, 1), (1234567, 0))] == [
        "2,67",
        "0",
        "-0,0",
        "1.234.567",
    ]


def test_module_constants_follow_the_language():
    assert fmt.MISSING == "geen gegevens"
    with i18n.using("en"):
        assert fmt.MISSING == "no data"
        assert fmt.SHARE_HIDDEN == "hidden (small numbers)"
        assert fmt.comparison_text(Period(date(2025, 1, 1), date(2025, 12, 31))) == (
            "Change compared with 2024 (the year before)."
        )


OPTIONS = Options(gemeenten=["GM9999"], first_day=date(2024, 1, 1), last_day=date(2025, 12, 31))


def test_the_language_is_kept_in_the_link():
    state = from_query_params({"taal": "en"}, OPTIONS)
    assert state.language == "en" and state.notes == ()
    assert to_query_params(state)["taal"] == "en"
    # Dutch, the default, stays out of the link
    assert "taal" not in to_query_params(from_query_params({}, OPTIONS))


def test_an_unknown_language_in_the_link_falls_back_with_a_dutch_note():
    state = from_query_params({"taal": "fr"}, OPTIONS)
    assert state.language == "nl"
    assert state.notes == ("Taal 'fr' uit de link is onbekend; de standaard wordt gebruikt.",)
    with i18n.using("en"):
        assert from_query_params({"taal": "fr"}, OPTIONS).notes == (
            "Language 'fr' from the link is unknown; the default is used.",
        )


def test_the_glossary_explains_the_dutch_terms_kept_in_english():
    glossary = i18n.catalogue("en")[
        "Wijk, buurt en opbouwwerk zijn Nederlandse begrippen zonder Engels equivalent."
    ]
    assert isinstance(glossary, str)
    for term in ("wijk", "buurt", "opbouwwerk"):
        assert re.search(rf"\*{term}\*", glossary), term
    # and the terms are kept, not translated, where they stand alone
    with i18n.using("en"):
        assert [i18n._(t) for t in ("wijk", "buurt")] == ["wijk", "buurt"]


# Dutch words of the screens that have an English one ("Attendances", "Assignment",
# "Residents", "Quadrant", "Need index", the screens' English names): only wijk, buurt and
# opbouwwerk stay Dutch in English (the glossary above). A walk read "No inzet of an
# opbouwwerker… (see Bereik)" on the English Coverage screen, whose menu says "Reach".
DUTCH_WITH_AN_ENGLISH_WORD = (
    "inzet", "deelnames", "inwoners", "kwadrant", "behoefte-index", "bijeenkomst",
    "Bereik", "Dekking", "Continuïteit", "Overzicht", "Opbrengst",
)  # fmt: skip


def test_english_says_in_english_what_has_an_english_word():
    found = []
    for m in po_messages():
        for msgstr in [m.string] if isinstance(m.string, str) else list(m.string):
            prose = re.sub(r"\{[^}]*\}", "", msgstr)  # placeholders name Dutch fields
            found += [
                (word, msgstr)
                for word in DUTCH_WITH_AN_ENGLISH_WORD
                if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", prose, re.IGNORECASE)
            ]
    assert found == []


def test_state_default_language_is_dutch():
    assert State(gemeente="GM9999", start=date(2025, 1, 1), end=date(2025, 2, 1)).language == "nl"


def test_display_tables_and_download_headers_follow_the_language():
    from dashboard.display import tables

    df = pd.DataFrame(
        {
            "naam": ["De Brink"],
            "gebiedscode": ["WK999901"],
            "inwoners": [1234],
            "fte_opbouwwerk": [0.5],
            "fte_per_10000": [4.05],
            "behoefte_index": [1.2],
            "kwadrant": ["hoge_behoefte_lage_dekking"],
        }
    )
    assert list(tables.dekking_table(df).columns) == [
        "Wijk",
        "Inwoners",
        "Fte opbouwwerk",
        "Fte per 10.000 inwoners",
        "Behoefte-index",
        "Kwadrant",
    ]
    with i18n.using("en"):
        shown = tables.dekking_table(df)
        download = tables.dekking_figures(df)
    assert list(shown.columns) == [
        "Wijk",
        "Residents",
        "FTE opbouwwerk",
        "FTE per 10,000 residents",
        "Need index",
        "Quadrant",
    ]
    assert shown.iloc[0].tolist() == [
        "De Brink",
        "1,234",
        "0.50",
        "4.05",
        "1.20",
        "high need, low coverage",
    ]
    assert list(download.columns)[:3] == ["Wijk", "Area code", "Residents"]
