"""dashboard.display.tables: the signals for display (a team lead's named ones, and everyone's
in words); the figures of a download (numbers as numbers, the small-number rule as on screen,
a median "langer dan" explained)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from dashboard.display.tables import (
    MARKED_ROW_BACKGROUND,
    MARKED_ROW_CLASS,
    bereik_figures,
    continuiteit_figures,
    continuiteit_table,
    html_table,
    marked_rows,
    named_signals_table,
    signal_when,
    signalen_figures,
    signalen_table,
    text_table,
)
from dashboard.display.text import SOFT_HYPHEN
from tests.helpers import read_html_table


def test_named_signals_table_shows_the_sentence_and_dutch_dates():
    signals = pd.DataFrame(
        {
            "tekst": [
                "Oude Haven: geen opbouwwerker sinds 3 mrt 2026",
                "Fatima Bakker (opbouwwerker, Molenkwartier) stopt over 45 dagen; geen opvolger",
            ],
            "startdatum": [None, date(2020, 3, 1)],
            "einddatum": [date(2026, 3, 2), date(2026, 12, 15)],
        },
        dtype=object,
    )
    assert named_signals_table(signals).to_dict("records") == [
        {
            "Signaal": "Oude Haven: geen opbouwwerker sinds 3 mrt 2026",
            "Start inzet": "",
            "Laatste dag inzet": "2 mrt 2026",
        },
        {
            "Signaal": "Fatima Bakker (opbouwwerker, Molenkwartier) stopt over 45 dagen; geen opvolger",
            "Start inzet": "1 mrt 2020",
            "Laatste dag inzet": "15 dec 2026",
        },
    ]


def test_bereik_figures_keep_numbers_and_hide_small_counts_as_the_screen_does():
    reach = pd.DataFrame(
        {
            "gebiedscode": ["WK1", "WK2", "WK3", "WK4"],
            "naam": ["Centrum", "=Noord", "Oost", "Zuid"],
            "inwoners": [1200, 800, None, 500],
            "bijeenkomsten": [10, 4, 0, 2],
            # Zuid's counts are the smallest beside Noord's small ones: hidden with them, so
            # the totals minus the shown areas do not give Noord's back (worked by hand below)
            "deelnames": [50, 3, 0, 10],
            "unieke_deelnemers": [20, 3, 0, 8],
            "bereik_per_1000": [16.66666, 3.75, None, 16.0],
            "bereikte_inwoners": [20, 3, 0, 8],
            # 10% of 20 is 2 persons: hidden; 3 participants: "<5 deelnemers"; 50% of 8 is 4
            "herhaal_pct": [10.0, 33.3, None, 50.0],
            # Zuid: 5 new of 8 says 3 came before: hidden in its own row
            "nieuw": [6, 2, 0, 5],
            "bewonersinitiatief_pct": [25.0, 50.0, None, 0.0],
        }
    )
    frame = bereik_figures(reach)
    # an unknown figure is an empty cell (pandas holds it as NaN; the workbook writes nothing)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    assert rows == [
        {
            "Gebied": "Centrum",
            "Gebiedscode": "WK1",
            "Inwoners": 1200,
            "Bijeenkomsten": 10,
            "Deelnames": 50,
            "Unieke deelnemers": 20,
            "Bereik per 1.000 inwoners": 16.7,
            "Herhaalbezoek (%)": "verborgen (kleine aantallen)",
            "Nieuwe deelnemers": 6,
            "Bewonersinitiatief (%)": 25.0,
        },
        {
            "Gebied": "=Noord",  # made safe by the workbook writer, not here
            "Gebiedscode": "WK2",
            "Inwoners": 800,
            "Bijeenkomsten": 4,
            "Deelnames": "<5",
            "Unieke deelnemers": "<5",
            "Bereik per 1.000 inwoners": "<5 bewoners",
            "Herhaalbezoek (%)": "<5 deelnemers",
            "Nieuwe deelnemers": "<5",
            "Bewonersinitiatief (%)": 50.0,
        },
        {
            "Gebied": "Oost",
            "Gebiedscode": "WK3",
            "Inwoners": None,
            "Bijeenkomsten": 0,
            "Deelnames": 0,
            "Unieke deelnemers": 0,
            "Bereik per 1.000 inwoners": None,
            "Herhaalbezoek (%)": None,
            "Nieuwe deelnemers": 0,
            "Bewonersinitiatief (%)": None,
        },
        {
            # 3 + 10 deelnames, 3 + 8 deelnemers and residents reached, 2 + 5 new: hidden;
            # Centrum's counts stay (the hidden ones together are 5 or more)
            "Gebied": "Zuid",
            "Gebiedscode": "WK4",
            "Inwoners": 500,
            "Bijeenkomsten": 2,
            "Deelnames": "verborgen (kleine aantallen)",
            "Unieke deelnemers": "verborgen (kleine aantallen)",
            "Bereik per 1.000 inwoners": "verborgen (kleine aantallen)",
            "Herhaalbezoek (%)": "verborgen (kleine aantallen)",
            "Nieuwe deelnemers": "verborgen (kleine aantallen)",
            "Bewonersinitiatief (%)": 0.0,
        },
    ]


# two signals of the continuiteit_signalen model on peildatum 31 oct 2026 (the demo's end)
SIGNALS = pd.DataFrame(
    {
        "signaal": ["vertrek_zonder_opvolger", "rol_onbezet"],
        "wijknaam": ["Molenkwartier", "Oude Haven"],
        "rol": ["opbouwwerker", "jongerenwerker"],
        # the departure's last day, 45 days after the peildatum; the unfilled rol's last
        # day with someone, 2 mar 2026: unfilled from 3 mar, 243 days up to 31 oct inclusive
        "einddatum": [date(2026, 12, 15), date(2026, 3, 2)],
        "dagen": [45, 243],
    }
)


def test_signals_say_when_in_words_because_end_and_days_differ_per_kind():
    assert signalen_table(SIGNALS).to_dict("records") == [
        {
            "Wijk": "Molenkwartier",
            "Rol": "Opbouwwerker",
            "Signaal": "Vertrekt, geen opvolger",
            "Wanneer": "tot 15 dec 2026 (nog 45 dagen)",
        },
        {
            "Wijk": "Oude Haven",
            "Rol": "Jongerenwerker",
            "Signaal": "Rol nu onbezet",
            "Wanneer": "sinds 3 mrt 2026 (243 dagen)",
        },
    ]


def test_a_signal_without_a_date_or_days_says_geen_gegevens():
    assert signal_when("rol_onbezet", None, 12) == "geen gegevens"
    assert signal_when("vertrek_zonder_opvolger", date(2026, 11, 1), float("nan")) == (
        "geen gegevens"
    )


def test_one_day_is_singular():
    assert signal_when("vertrek_zonder_opvolger", date(2026, 11, 1), 1) == (
        "tot 1 nov 2026 (nog 1 dag)"
    )


def test_signal_figures_keep_the_days_of_each_kind_in_their_own_column():
    frame = signalen_figures(SIGNALS)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    assert rows == [
        {
            "Signaal": "Vertrekt, geen opvolger",
            "Wijk": "Molenkwartier",
            "Rol": "Opbouwwerker",
            "Laatste dag inzet": pd.Timestamp(2026, 12, 15),
            "Dagen tot vertrek": 45,
            "Dagen onbezet": None,
        },
        {
            "Signaal": "Rol nu onbezet",
            "Wijk": "Oude Haven",
            "Rol": "Jongerenwerker",
            "Laatste dag inzet": pd.Timestamp(2026, 3, 2),
            "Dagen tot vertrek": None,
            "Dagen onbezet": 243,
        },
    ]


def test_a_median_longer_than_observed_is_explained_beside_its_empty_number():
    per_area = pd.DataFrame(
        {
            "naam": ["Centrum", "Centrum", "Oost"],
            "gebiedscode": ["WK1", "WK1", "WK2"],
            "rol": ["opbouwwerker", "jongerenwerker", "opbouwwerker"],
            # by hand: 730,5 days = 2,0 years; no median but 1388 days observed = 3,8 years;
            # nobody at all: neither
            "mediane_verblijfsduur_dagen": [730.5, None, None],
            "langste_verblijfsduur_dagen": [1000.0, 1388.0, None],
            "verloop_pct": [25.0, 0.0, None],
            "gezichten": [3, 1, 0],
            "onbezet_dagen": [0, 0, 365],
            "continuiteitsindex": [50.0, 100.0, None],
        }
    )
    frame = continuiteit_figures(per_area)
    assert list(frame.columns[3:6]) == [
        "Mediane verblijfsduur (jaar)",
        "Toelichting mediaan",
        "Langste verblijfsduur (jaar)",
    ]
    rows = frame.astype(object).where(frame.notna(), None)
    assert rows.iloc[:, 3:6].to_numpy().tolist() == [
        [2.0, None, 2.7],
        [None, "langer dan 3,8 jaar", 3.8],
        [None, None, None],
    ]


def test_a_rol_without_anyone_in_the_period_says_so_not_geen_gegevens():
    """A team lead read "geen gegevens" for a rol nobody filled, as a registration missing.
    Hand-made: Noord's opbouwwerker (1 spell, median 730,5 days = 2,0 jaar, verloop 10%,
    index 100%) against Zuid's (no spell: no median, verloop or index, 365 onbezette dagen)."""
    rows = pd.DataFrame(
        {
            "naam": ["Noord", "Zuid"],
            "rol": ["opbouwwerker", "opbouwwerker"],
            "spells": [1, 0],
            "mediane_verblijfsduur_dagen": [730.5, None],
            "langste_verblijfsduur_dagen": [900, None],
            "verloop_pct": [10.0, None],
            "gezichten": [1, 0],
            "onbezet_dagen": [0, 365],
            "continuiteitsindex": [100.0, None],
        }
    )
    table = continuiteit_table(rows)
    nobody = "geen inzet"
    assert table.iloc[0].tolist() == ["Noord", "Opbouwwerker", "2,0 jaar", "10%", "1", "0", "100%"]
    assert table.iloc[1].tolist() == ["Zuid", "Opbouwwerker", nobody, nobody, "0", "365", nobody]
    # the download says it too, beside its empty numbers (a review found the cells empty)
    figures = continuiteit_figures(rows.assign(gebiedscode=["WK1", "WK2"]))
    assert figures["Toelichting mediaan"].iloc[1] == "niemand in deze rol in deze periode"
    assert pd.isna(figures["Toelichting mediaan"].iloc[0])  # Noord has its median
    assert pd.isna(figures["Mediane verblijfsduur (jaar)"].iloc[1])


def test_a_text_table_shows_data_as_text_and_may_break_its_headers():
    # st.table reads markdown: a hostile name is escaped, a missing figure is blank, a long
    # header word gets soft hyphens (and reads the same without them)
    table = pd.DataFrame(
        {"Gebied": ["[klik](http://evil.example)", "Centrum"], "Bewonersinitiatief": ["20%", None]}
    )
    before = table.copy()
    shown = text_table(table, "nl")
    assert shown["Gebied"].tolist() == ["\\[klik\\](http\\://evil.example)", "Centrum"]
    assert shown.iloc[:, 1].tolist() == ["20%", ""]
    assert [c.replace(SOFT_HYPHEN, "") for c in shown.columns] == ["Gebied", "Bewonersinitiatief"]
    assert SOFT_HYPHEN in shown.columns[1]
    assert table.equals(before)  # the table itself unchanged


def test_an_html_table_shows_data_as_text_and_may_break_its_headers():
    # a name with HTML and markdown in it reaches the page as its characters: escaped once
    table = pd.DataFrame(
        {
            "Gebied": ["<img src=x onerror=alert(1)>", "[klik](http://evil.example) & co"],
            "Bewonersinitiatief": ["20%", None],
        }
    )
    markup = html_table(table, "nl")
    assert "<img" not in markup and "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert "[klik](http://evil.example) &amp; co" in markup
    assert markup.count('<th scope="col">') == 2 and markup.count("<tr>") == 3
    shown = read_html_table(markup)  # as a browser reads it
    assert shown["Gebied"].tolist() == table["Gebied"].tolist()
    assert shown.iloc[:, 1].tolist() == ["20%", ""]
    assert SOFT_HYPHEN in shown.columns[1]
    assert shown.columns[1].replace(SOFT_HYPHEN, "") == "Bewonersinitiatief"


def test_the_chosen_area_is_marked_in_the_html_table():
    table = pd.DataFrame({"Gebied": ["Centrum", "Noord", "Zuid"], "Deelnames": [10, 20, 30]})
    markup = html_table(table, "nl", marked=[False, True, False])
    # one row marked, Noord's: a class for the eye and aria-current for a screen reader
    chosen = f'<tr class="{MARKED_ROW_CLASS}" aria-current="true"><td>Noord</td>'
    assert markup.count(MARKED_ROW_CLASS) == 1 and chosen in markup
    assert "aria-current" not in html_table(table, "nl")


def test_the_chosen_area_is_marked_in_the_grid():
    # a table whose index is not 0, 1, 2 (a filtered one): the marks follow the positions
    table = pd.DataFrame(
        {"Gebied": ["Centrum", "Noord", "Zuid"], "N": ["1", None, "3"]}, index=[7, 3, 5]
    )
    styler = marked_rows(table, [False, False, True])
    css = styler.to_html()
    background = f"background-color: {MARKED_ROW_BACKGROUND}"
    # Zuid's two cells (row 2) have the background, no other cell has
    marked_cells = [
        cell
        for selectors, rules in re.findall(r"([^{}]+)\{([^}]*)\}", css)
        if background in rules
        for cell in re.findall(r"_row(\d+)_col(\d+)", selectors)
    ]
    assert sorted(marked_cells) == [("2", "0"), ("2", "1")]
    assert styler.data["Gebied"].tolist() == ["Centrum", "Noord", "Zuid"]
    # the texts a grid shows, read as Streamlit reads them (streamlit.elements.lib.
    # pandas_styler_utils calls this private _translate): a missing value blank
    body = styler._translate(False, False)["body"]
    shown = [[cell["display_value"] for cell in row[1:]] for row in body]
    assert shown == [["Centrum", "1"], ["Noord", ""], ["Zuid", "3"]]


def test_the_turnover_says_how_many_departures_it_rests_on():
    # a team lead's month read "Verloop per jaar 2.281%": one departure scaled to a year.
    # Hand-made: 1 departure (2.281%), 2 (25%), none (0%), and a rol nobody filled.
    rows = pd.DataFrame(
        {
            "naam": ["Oude Haven", "Centrum", "Noord", "Zuid"],
            "rol": ["buurtteam", "opbouwwerker", "opbouwwerker", "opbouwwerker"],
            "spells": [1, 4, 1, 0],
            "mediane_verblijfsduur_dagen": [400.0, 730.5, 900.0, None],
            "langste_verblijfsduur_dagen": [400, 1000, 900, None],
            "verloop_pct": [2281.0, 25.0, 0.0, None],
            "vertrekken": [1, 2, 0, 0],
            "gezichten": [1, 4, 1, 0],
            "onbezet_dagen": [15, 0, 0, 31],
            "continuiteitsindex": [None, 50.0, 100.0, None],
        }
    )
    assert continuiteit_table(rows)["Verloop per jaar"].tolist() == [
        "2.281% (1 vertrek)",
        "25% (2 vertrekken)",
        "0%",
        "geen inzet",
    ]
