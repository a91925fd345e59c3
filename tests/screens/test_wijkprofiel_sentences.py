"""The Wijkprofiel's sentences and story (dashboard.screens.wijkprofiel) on a hand-made fixture.

Every expected sentence below is worked out by hand from the fixture in these comments, not
computed by the code under test.

Period under test: 2024-01-01 .. 2024-12-31 ("januari 2024 tot en met december 2024"); a year
earlier: 2023, comparable because the first bijeenkomst of Testdorp is in January 2023.

gemeente GM0001 Testdorp: wijken Noord (WK000101, buurt BU00010101, 1000 inwoners), Zuid
(WK000102, buurt BU00010201, 500 inwoners), Oost (WK000103, buurt BU00010301, 800 inwoners);
the gemeente has no figure of its own: 2300 inwoners. Need: only percentage_huishoudens_met_
laag_inkomen is known, Noord 10, Zuid 20, Oost 30 -> z -1.22, 0, +1.22 -> Oost has the highest
need, Zuid the 2nd highest (middle), Noord the lowest.

gemeente GM0002 Totaaldorp: wijk Alles (WK000201, buurt BU00020101, 800 inwoners), which
registers session totals only (no deelname rows).

gemeente GM0003 Stildorp: wijk Stil (WK000301, buurt BU00030101, 600 inwoners), which
registers nothing at all (no activiteiten, no inzet): every figure is unknown, not 0.

activiteiten          wijk   type           organiser  initiative  partner
  A1 Buurtcafé Noord  Noord  buurtcafé      O1         no          O2 Woonstichting
  A2 Moestuin Noord   Noord  moestuin       O3         yes         O4 Bibliotheek
  A3 Taalcafé Zuid    Zuid   taalcafé       O1         no          -
  A4 Koffie           Alles  koffieochtend  O1         no          -

bijeenkomsten (aantal)     deelnames
  B1 A1 2023-01-10 (5)     P1 P2 P3 P4 P5
  B2 A1 2024-02-01 (6)     P1 P2 P3 P4 P5 P6
  B3 A1 2024-03-01 (4)     P1 P2 P3 P7
  B4 A2 2024-05-01 (3)     P1 P8 P9
  B5 A3 2024-06-01 (3)     P10 P11
  B6 A4 2024-04-01 (12)    -
  B7 A4 2024-09-01 (8)     -

home buurt: P1..P6 Noord, P9 P10 P11 Zuid, P7 P8 unknown.

inzet: PR1 "Anna Geheim" opbouwwerker in Noord since 2018-03-01 (ongoing, 36 h = 1 fte);
PR2 "Bert Verborgen" jongerenwerker in Zuid since 2024-06-01 (ongoing). The rollen of
Testdorp: opbouwwerker and jongerenwerker.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import duckdb
import pandas as pd
import pytest

from dashboard import i18n
from dashboard.display import formatting as fmt
from dashboard.domain import codes
from dashboard.domain.period import Period
from dashboard.screens import wijkprofiel as wp
from dashboard.warehouse import first_deelname, queries, registered_deelnames
from tests.helpers import insert

YEAR_2024 = Period(date(2024, 1, 1), date(2024, 12, 31))
NAMES = ("Anna Geheim", "Bert Verborgen")


@pytest.fixture()
def db(empty_db):
    con = empty_db
    insert(
        con,
        "gemeente",
        [
            ("GM0001", "Testdorp", False, None),
            ("GM0002", "Totaaldorp", False, None),
            ("GM0003", "Stildorp", False, None),
        ],
    )
    insert(
        con,
        "wijk",
        [
            ("WK000101", "Noord", "GM0001", None),
            ("WK000102", "Zuid", "GM0001", None),
            ("WK000103", "Oost", "GM0001", None),
            ("WK000201", "Alles", "GM0002", None),
            ("WK000301", "Stil", "GM0003", None),
        ],
    )
    insert(
        con,
        "buurt",
        [
            ("BU00010101", "Noord-A", "WK000101", None),
            ("BU00010201", "Zuid-A", "WK000102", None),
            ("BU00010301", "Oost-A", "WK000103", None),
            ("BU00020101", "Alles-A", "WK000201", None),
            ("BU00030101", "Stil-A", "WK000301", None),
        ],
    )
    low_income = "percentage_huishoudens_met_laag_inkomen"
    insert(
        con,
        "kerncijfers",
        [
            ("BU00010101", 2024, "aantal_inwoners", 1000),
            ("BU00010201", 2024, "aantal_inwoners", 500),
            ("BU00010301", 2024, "aantal_inwoners", 800),
            ("BU00020101", 2024, "aantal_inwoners", 800),
            ("BU00030101", 2024, "aantal_inwoners", 600),
            ("WK000101", 2024, low_income, 10),
            ("WK000102", 2024, low_income, 20),
            ("WK000103", 2024, low_income, 30),
        ],
    )
    insert(
        con,
        "organisatie",
        [
            ("O1", "Welzijn Testdorp", "welzijn"),
            ("O2", "Woonstichting", "woningcorporatie"),
            ("O3", "Bewoners Noord", "bewonersgroep"),
            ("O4", "Bibliotheek", "cultuur"),
        ],
    )
    insert(con, "professional", [("PR1", NAMES[0]), ("PR2", NAMES[1])])
    insert(
        con,
        "inzet",
        [
            ("I1", "PR1", "WK000101", "opbouwwerker", "O1", date(2018, 3, 1), None, 36),
            ("I2", "PR2", "WK000102", "jongerenwerker", "O1", date(2024, 6, 1), None, 24),
        ],
    )
    insert(
        con,
        "activiteit",
        [
            ("A1", "Buurtcafé Noord", "buurtcafé", "WK000101", "BU00010101", "O1", False),
            ("A2", "Moestuin Noord", "moestuin", "WK000101", "BU00010101", "O3", True),
            ("A3", "Taalcafé Zuid", "taalcafé", "WK000102", "BU00010201", "O1", False),
            ("A4", "Koffie", "koffieochtend", "WK000201", None, "O1", False),
        ],
    )
    insert(con, "activiteit_partner", [("A1", "O2"), ("A2", "O4")])
    insert(
        con,
        "bijeenkomst",
        [
            ("B1", "A1", date(2023, 1, 10), 5),
            ("B2", "A1", date(2024, 2, 1), 6),
            ("B3", "A1", date(2024, 3, 1), 4),
            ("B4", "A2", date(2024, 5, 1), 3),
            ("B5", "A3", date(2024, 6, 1), 3),
            ("B6", "A4", date(2024, 4, 1), 12),
            ("B7", "A4", date(2024, 9, 1), 8),
        ],
    )
    homes = {
        **{f"P{i}": "BU00010101" for i in range(1, 7)},
        "P7": None,
        "P8": None,
        **{p: "BU00010201" for p in ("P9", "P10", "P11")},
    }
    insert(con, "deelnemer", [(p, home, None) for p, home in homes.items()])
    visits = {
        "B1": ["P1", "P2", "P3", "P4", "P5"],
        "B2": ["P1", "P2", "P3", "P4", "P5", "P6"],
        "B3": ["P1", "P2", "P3", "P7"],
        "B4": ["P1", "P8", "P9"],
        "B5": ["P10", "P11"],
    }
    insert(con, "deelname", [(b, p) for b, people in visits.items() for p in people])
    first_deelname.refresh_all(con)
    registered_deelnames.refresh_all(con)
    return con


def profile(db, code: str, gemeente: str = "GM0001", level: str = "wijk") -> wp.Profile:
    return wp.build(queries.on(db), YEAR_2024, code, gemeente, level)


def test_a_wijk_with_data(db):
    # Noord in 2024: B2, B3, B4 -> 3 bijeenkomsten of A1 and A2 (2 activiteiten), deelnames
    # 6 + 4 + 3 = 13; different people P1..P9 = 9; P1 came 3 times, P2 and P3 twice: 3 of 9 =
    # 33%, but 33% of 9 gives back 3 people (1 to 4): the share is not said; new in 2024: P6, P7, P8, P9 = 4 -> "<5". In 2023: P1..P5 = 5.
    # Residents of Noord reached: P1..P6 = 6 of 1000 -> 6 per 1.000; Testdorp: P1..P6, P9,
    # P10, P11 = 9 of 2300 -> 3,9 -> "4". Zuid rests on 3 residents (suppressed, so not
    # ranked), Oost 0 -> Noord first of the 2 wijken whose reach is shown. Initiative: B4 only, 1 of 3. Deelnames per type: buurtcafé 6 + 4 = 10,
    # moestuin 3 (<5). Partners: Woonstichting (B2, B3), Bibliotheek (B4). Opbouwwerker since
    # 1 Mar 2018: 2498 days on 31 Dec 2024 = 6,8 years -> "al 6,8 jaar", as the chart beside
    # it says (the sentence said "al 6 jaar"); no jongerenwerker in Noord. Fte 1,0 over the
    # whole year; per 10.000: 10000 * 1 / 1000 = 10,00; Testdorp
    # 10000 * 1 / 2300 = 4,35. Need lowest of 3; coverage above the median (0) -> veel.
    # The parts rule across the gemeente's wijken (docs/DESIGN.md §7): Zuid's 3 deelnames and
    # 3 residents reached are "<5"; beside them Noord's 13 deelnames and 6 residents are the
    # only other ones, so the gemeente's totals minus Noord's would give Zuid's back: Noord's
    # deelnames are "een aantal", and its rate (6 per 1.000, and so its place) is not said.
    assert wp.sentences(profile(db, "WK000101")) == (
        "Van januari 2024 tot en met december 2024 deden 9 mensen mee aan 2 activiteiten in Noord.",
        "Er waren 3 bijeenkomsten, met samen een aantal deelnames.",
        "<5 van de 9 deelnemers deden voor het eerst mee.",
        "Een jaar eerder deden er 5 mensen mee.",
        "1 van de 3 bijeenkomsten was een bewonersinitiatief: een activiteit die bewoners zelf"
        " bedenken en organiseren (moestuin).",
        # 13 deelnames in all beside "buurtcafé (10)" would give moestuin's 3 back: the
        # larger one is named without its number (complementary suppression)
        "De meeste deelnames waren bij buurtcafé en moestuin (<5).",
        "2 partnerorganisaties werkten mee, het vaakst Woonstichting en Bibliotheek.",
        "De opbouwwerker werkt hier al 6,8 jaar.",
        "Er is hier nu geen jongerenwerker.",
        # 1,0 fte is 36 hours a week (fte = uren / 36)
        "Er was gemiddeld 1,0 fte opbouwwerk (36 uur per week) in Noord: 10,00 fte per 10.000"
        " inwoners, tegen 4,35 in heel Testdorp.",
        "Van de 3 wijken van Testdorp heeft Noord de laagste behoefte aan opbouwwerk.",
        # Noord 10,00, Zuid and Oost 0,00 fte per 10.000: the middle one 0,00
        "Vergeleken met het midden van de wijken van Testdorp (0,00 fte per 10.000 inwoners) is"
        " de behoefte hier niet hoger en is er meer opbouwwerk.",
    )


def test_a_wijk_with_a_suppressed_count(db):
    # Zuid in 2024: B5 only -> 1 bijeenkomst of 1 activiteit; 2 different people (<5), no
    # share of them said; deelnames max(3, 2 rows) = 3 (<5). Reach per 1.000 rests on 3
    # residents (P9, P10, P11): not said, and so no place either. Jongerenwerker since 1 Jun
    # 2024: 214 days, under a year -> "sinds juni 2024"; no opbouwwerker, no fte. Need: 0,
    # the middle of 3 -> "de 2e hoogste"; not above the median, nor is coverage -> laag/weinig.
    assert wp.sentences(profile(db, "WK000102")) == (
        "Van januari 2024 tot en met december 2024 deden <5 mensen mee aan 1 activiteit in Zuid.",
        "Er was 1 bijeenkomst, met samen <5 deelnames.",
        "Geen van de bijeenkomsten was een bewonersinitiatief.",
        "Alle activiteiten waren van één soort: taalcafé.",
        "De jongerenwerker werkt hier sinds juni 2024.",
        "Er is hier nu geen opbouwwerker.",
        "Er was in deze periode geen opbouwwerk in Zuid.",
        "Van de 3 wijken van Testdorp heeft Zuid de 2e hoogste behoefte aan opbouwwerk.",
        # Noord 10,00, Zuid and Oost 0,00 fte per 10.000: the middle one 0,00; Zuid has none
        # ("niet meer opbouwwerk" beside 0,00 fte read as "no longer")
        "Vergeleken met het midden van de wijken van Testdorp (0,00 fte per 10.000 inwoners) is"
        " de behoefte hier niet hoger, en is er ook geen opbouwwerk.",
    )


def test_one_deelname_is_not_given_away_by_the_singular(db):
    # Zuid (above) with a single deelname: "<5 deelname" would say it is exactly 1
    zuid = profile(db, "WK000102")
    one = dataclasses.replace(zuid, reach=dataclasses.replace(zuid.reach, deelnames=1))
    said = " ".join(wp.reach_sentences(one))
    assert "met samen <5 deelnames." in said and "<5 deelname." not in said


def test_totals_only_registration(db):
    # Alles in 2024: B6 and B7 of A4 -> 2 bijeenkomsten of 1 activiteit, 12 + 8 = 20
    # deelnames; no deelname rows in Totaaldorp, so how many different people is unknown and
    # not said (never "0 mensen"), nor any share or reach. No inzet registered in Totaaldorp:
    # no rollen, and whether there is opbouwwerk is unknown (NULL), so nothing is said about
    # it; no need indicators, one wijk: no place.
    said = wp.sentences(profile(db, "WK000201", gemeente="GM0002"))
    assert said == (
        "Van januari 2024 tot en met december 2024 waren er 2 bijeenkomsten van 1 activiteit in"
        " Alles, met samen 20 deelnames.",
        "Geen van de bijeenkomsten was een bewonersinitiatief.",
        "Alle activiteiten waren van één soort: koffieochtend.",
    )
    assert not any(re.search(r"\b0 (mensen|deelnemers|bewoners)", s) for s in said)


def test_a_wijk_without_any_activity(db):
    # Oost in 2024: no bijeenkomst. Nothing about participants, shares, types or partners;
    # reach 0 per 1.000 is not said either. Neither rol of Testdorp works in Oost; no
    # opbouwwerk; the highest need of 3 (z +1,22), above the median, coverage not -> hoog/weinig.
    assert wp.sentences(profile(db, "WK000103")) == (
        "Van januari 2024 tot en met december 2024 waren er geen activiteiten in Oost.",
        "Er is hier nu geen opbouwwerker en geen jongerenwerker.",
        "Er was in deze periode geen opbouwwerk in Oost.",
        "Van de 3 wijken van Testdorp heeft Oost de hoogste behoefte aan opbouwwerk.",
        # Noord 10,00, Zuid and Oost 0,00 fte per 10.000: the middle one 0,00; Oost has none
        "Vergeleken met het midden van de wijken van Testdorp (0,00 fte per 10.000 inwoners) is"
        " de behoefte hier hoger, maar is er geen opbouwwerk.",
    )


def test_a_gemeente_without_any_registration_says_nothing(db):
    # Stil: Stildorp registers no activiteiten and no inzet, so whether anything happened is
    # unknown: no sentence at all (never "geen activiteiten", "0 mensen" or "geen opbouwwerk"),
    # and every key figure is unknown rather than 0.
    stil = profile(db, "WK000301", gemeente="GM0003")
    assert wp.sentences(stil) == ()
    assert [c.value for c in wp.key_figures(stil)] == [None] * len(wp.key_figures(stil))
    # the fixture has no shapes: no locator map either
    assert [s.title for s in wp.story(stil).slides] == ["Stil", "Praat mee"]


def test_a_buurt_tells_its_wijks_staff_and_coverage(db):
    # Noord-A (BU00010101) holds both activiteiten of Noord: the same reach as Noord; the rollen
    # and opbouwwerk are those of its wijk, named as such.
    said = wp.sentences(profile(db, "BU00010101", level="buurt"))
    assert said[0] == (
        "Van januari 2024 tot en met december 2024 deden 9 mensen mee aan 2 activiteiten in"
        " Noord-A."
    )
    assert "De opbouwwerker werkt in de wijk Noord al 6,8 jaar." in said
    assert "Er is in de wijk Noord nu geen jongerenwerker." in said


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 activiteiten"),
        (1, "1 activiteit"),
        (2, "2 activiteiten"),
        (1234, "1.234 activiteiten"),
    ],
)
def test_singular_and_plural(n, expected):
    assert wp.count(n, "activiteit", "activiteiten") == expected


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (Period(date(2025, 11, 1), date(2026, 10, 31)), "november 2025 tot en met oktober 2026"),
        (Period(date(2026, 3, 1), date(2026, 3, 31)), "maart 2026"),
        (Period(date(2026, 3, 5), date(2026, 4, 2)), "5 maart 2026 tot en met 2 april 2026"),
    ],
)
def test_period_text(period, expected):
    assert wp.period_text(period) == expected


# A count of persons below 5 written as a number: "3 mensen", "2 deelnemers", "4 van hen".
SMALL_PERSONS = re.compile(
    r"(?<![\d.,<])[1-4] (mensen|deelnemers|deelnames|personen|bewoners|van hen|keer)\b"
)
PERSON_COLUMNS = ("Deelnemers", "Deelnames", "Nieuwe deelnemers")


def test_story_of_small_counts_is_public(db):
    story = wp.story(profile(db, "WK000102"))
    texts = [*story.sentences, *(f"{s.title} {s.message}" for s in story.slides)]
    texts += [c.title for c in story.charts]
    for text in texts:
        assert not SMALL_PERSONS.search(text), text
    for chart in story.charts:
        blob = chart.data.to_csv() + chart.figure.to_json()
        for name in NAMES:
            assert name not in blob, chart.name
        for column in PERSON_COLUMNS:
            if column in chart.data:
                for value in chart.data[column]:
                    assert not (isinstance(value, int | float) and 0 < value < 5), chart.name
    figures = next(c for c in story.charts if c.name == "kerncijfers").data.set_index("Kengetal")
    # the participants (2) and deelnames (3) of Zuid show as "<5", and no change gives them back
    assert figures.loc["Deelnemers (verschillende mensen)", "Zuid"] == "<5"
    assert figures.loc["Deelnames", "Zuid"] == "<5"
    assert figures["Verandering"].loc[["Deelnames", "Nieuwe deelnemers"]].isna().all()
    for text in texts:
        for name in NAMES:
            assert name not in text


def test_story_slides_and_charts_of_a_wijk_with_data(db):
    story = wp.story(profile(db, "WK000101"))
    assert story.area_name == "Noord" and story.gemeente_name == "Testdorp"
    assert story.period_text == "januari 2024 tot en met december 2024"
    assert story.slides[0].title == "Noord"
    # Testdorp has no shapes: no map on the title slide (the demo's has one, below)
    assert story.slides[0].chart is None
    assert story.slides[-1].title == "Praat mee"
    # no "Vaker terug" slide: 3 of the 9 came back, and a share that gives back 3 is not shown
    assert [s.title for s in story.slides][1:3] == ["Meedoen", "Van bewoners zelf"]
    assert story.slides[1].message == "9 mensen deden mee aan 2 activiteiten"
    # short enough for big type: one message per slide
    assert all(len(s.message) <= 90 for s in story.slides)
    names = [c.name for c in story.charts]
    assert names[:4] == ["kerncijfers", "trend", "activiteiten", "partners"]
    trend = next(c for c in story.charts if c.name == "trend").data
    # 2023 (B1: 5 people, 5 deelnames) and 2024 (9 people, 13 deelnames, hidden beside Zuid's
    # 3 as in the sentences; in 2023 Zuid had none, so Noord's 5 stand)
    assert trend[["Periode", "Bijeenkomsten", "Deelnames", "Deelnemers"]].values.tolist() == [
        ["jan 2023 – dec 2023", 1, 5, 5],
        ["jan 2024 – dec 2024", 3, "verborgen (kleine aantallen)", 9],
    ]
    figures_2024 = next(c for c in story.charts if c.name == "kerncijfers").data
    deelnames = figures_2024.set_index("Kengetal").loc["Deelnames"]
    assert deelnames["Noord"] == "verborgen (kleine aantallen)"
    assert pd.isna(deelnames["Verandering"])  # no change from a hidden count
    figures = next(c for c in story.charts if c.name == "kerncijfers").data.set_index("Kengetal")
    # 9 against 5 a year earlier: +4 people, good news
    assert figures.loc["Deelnemers (verschillende mensen)", "Verandering"] == 4
    assert figures.loc["Deelnemers (verschillende mensen)", "Oordeel"] == "gunstig"


def test_areas_of_a_level(db):
    assert wp.areas(queries.on(db), "GM0001", "wijk") == [
        ("WK000101", "Noord"),
        ("WK000102", "Zuid"),
        ("WK000103", "Oost"),
    ]


@pytest.mark.parametrize(
    ("code", "level"),
    [("WK000101", "wijk"), ("BU00010101", "buurt"), ("EG0001001", "eigen"), ("GM0001", None)],
)
def test_level_of_a_code(code, level):
    assert codes.level_of(code) == level


def test_new_participants_key_figure_is_a_count_not_a_share(db):
    # Noord (above) as if 26 took part, 3 of them new: "<5" new participants. Read as a share,
    # 3% of 26 is 1 person and the figure would be hidden ("geen gegevens"), as it once was.
    noord = profile(db, "WK000101")
    reach = dataclasses.replace(noord.reach, unieke_deelnemers=26, nieuw=3)
    figures = wp.key_figures(dataclasses.replace(noord, reach=reach))
    figure = next(c for c in figures if c.label == "Nieuwe deelnemers")
    assert figure.value == 3 and wp.value_text(figure, figure.value) == "<5"


def test_the_sentences_in_english_with_their_plurals(db):
    # Zuid and Alles (above) with the English switch: the same facts, singular where one
    with i18n.using("en"):
        assert wp.sentences(profile(db, "WK000102")) == (
            "From January 2024 to December 2024, <5 people took part in 1 activity in Zuid.",
            "There was 1 session, with <5 attendances in total.",
            "None of the sessions was a residents' initiative.",
            "All activities were of one kind: taalcafé.",
            "The youth worker has worked here since June 2024.",
            "There is now no opbouwwerker here.",
            "There was no opbouwwerk in Zuid in this period.",
            "Of the 3 wijken of Testdorp, Zuid has the 2nd highest need for opbouwwerk.",
            "Compared with the middle of the wijken of Testdorp (0.00 FTE per 10,000 residents),"
            " need here is not higher, and there is no opbouwwerk either.",
        )
        assert wp.sentences(profile(db, "WK000201", gemeente="GM0002"))[0] == (
            "From January 2024 to December 2024, there were 2 sessions of 1 activity in Alles,"
            " with 20 attendances in total."
        )
    # and Dutch again outside the block
    assert (
        wp.sentences(profile(db, "WK000102"))[1] == "Er was 1 bijeenkomst, met samen <5 deelnames."
    )


def test_the_verdict_is_a_code_and_its_word_is_translated():
    same = wp.Compared("Deelnames", 10, 20, 10, "persons")
    better = wp.Compared("Deelnames", 12, 20, 10, "persons")
    with i18n.using("en"):
        # the page compares the code ("gelijk"), and shows the word
        assert wp.verdict(same) == "gelijk"
        assert wp.verdict_word(same) == "unchanged"
        assert wp.verdict_word(better) == "favourable"
        assert wp.change_text(better) == "+2 compared with a year earlier (favourable)"
    assert wp.verdict_word(same) == "gelijk"
    assert wp.change_text(better) == "+2 t.o.v. een jaar eerder (gunstig)"


@pytest.mark.parametrize(("nieuw", "shown"), [(17, None), (15, "15"), (3, "<5")])
def test_new_deelnemers_that_would_give_back_the_returning_ones_are_hidden(db, nieuw, shown):
    # worked by hand: 20 deelnemers of whom 17 new says that 3 came before (a small count),
    # so the 17 is hidden, in the tile, the export's cell, the change and the sentence;
    # 15 new leaves 5 who came before (shown); 3 new is "<5" itself
    p = profile(db, "WK000101")
    p = dataclasses.replace(
        p, reach=dataclasses.replace(p.reach, unieke_deelnemers=20, nieuw=nieuw)
    )
    figure = next(c for c in wp.key_figures(p) if c.label == "Nieuwe deelnemers")
    text = wp.value_text(figure, figure.value)
    said = [s for s in wp.sentences(p) if "voor het eerst" in s]
    if shown is None:
        assert text == "verborgen (kleine aantallen)"
        assert wp.change(figure) is None and wp.verdict(figure) is None
        assert said == []
        frame = wp.key_figures_frame(p)
        row = frame[frame["Kengetal"] == "Nieuwe deelnemers"].iloc[0]
        assert row["Noord"] == "verborgen (kleine aantallen)"
    else:
        assert text == shown
        assert said == [f"{shown} van de 20 deelnemers deden voor het eerst mee."]


def test_a_percentages_change_is_in_points_on_a_tile_too():
    # 17% against 35% a year earlier: -18 points; "-18" beside "17%" read as 18 people
    share = wp.Compared("Bewonersinitiatief", 17.0, 20.0, 35.0, "percentage")
    assert wp.delta_text(share) == "-18 %-punt"
    assert wp.change_text(share) == "-18 %-punt t.o.v. een jaar eerder (ongunstig)"
    assert wp.delta_text(wp.Compared("Deelnames", 12, 20, 10, "persons")) == "+2"


def test_a_change_is_the_difference_of_the_shown_values():
    """A walk found "20%, −0 %-punt, ongunstig" in red: 20,3% against 20,4% rounded to the
    same 20% but was judged on the unrounded -0,1."""
    same = wp.Compared("Bewonersinitiatief", 20.3, 24.0, 20.4, "percentage")
    assert wp.delta_text(same) == "0 %-punt"
    assert wp.verdict(same) == "gelijk"
    # "0,47" against "0,46" (0.46498, shown as 0,46): +0,01, not the unrounded 0,00502
    fte = wp.Compared("Fte per 10.000", 0.47, 0.61, 0.46498, "number", decimals=2)
    assert wp.delta_text(fte) == "+0,01"
    assert wp.change(fte) == 0.01
    # a spreadsheet cell holds what the screen shows: it held 0.465 (rounded to 4 decimals),
    # which Excel showed as 0,47 beside the screen's 0,46
    assert wp._cell(fte, fte.previous) == 0.46


def without_opbouwwerker(p: wp.Profile) -> wp.Profile:
    """The same profile with the opbouwwerker gone on the reference date."""
    return dataclasses.replace(
        p,
        presence=tuple(
            dataclasses.replace(x, aanwezig=0) if x.rol == "opbouwwerker" else x for x in p.presence
        ),
    )


def test_the_slides_say_when_a_wijk_has_no_opbouwwerker_now(db):
    """A walk as an opbouwwerker found the slides of a wijk whose opbouwwerker had left on
    the maatschappelijk werker, and "0,5 fte opbouwwerk" (the period's average) beside it."""
    noord = profile(db, "WK000101")
    # as it is: the opbouwwerker is there (sentences above), 1,0 fte over the year, which the
    # slide (for residents) says in hours: 1,0 × 36
    slides = {s.title: s.message for s in wp.story(noord).slides}
    assert slides["Vertrouwde gezichten"] == "De opbouwwerker werkt hier al 6,8 jaar"
    assert slides["Opbouwwerk en behoefte"] == (
        "De laagste behoefte van 3 wijken. 36 uur per week opbouwwerk"
    )
    # the same year, with the opbouwwerker gone on the reference date
    told = {s.title: s for s in wp.story(without_opbouwwerker(noord)).slides}
    assert (
        told["Vertrouwde gezichten"].message
        == "Er is hier nu geen opbouwwerker en geen jongerenwerker"
    )
    # in big type what residents ask first, the period's average in the note under it (a
    # walk read "gemiddeld 36 uur per week opbouwwerk, nu geen" as a riddle)
    coverage = told["Opbouwwerk en behoefte"]
    assert coverage.message == "De laagste behoefte van 3 wijken. Nu is er geen opbouwwerker"
    assert coverage.note == "In deze periode was er gemiddeld 36 uur per week opbouwwerk."


def test_the_meeting_opens_on_where_the_wijk_lies(demo_db_path: str) -> None:
    """The map of where the wijk lies was the last slide but one; a wijk meeting starts with
    it (residents look for their own street), and the title slide without it was empty."""
    con = duckdb.connect(demo_db_path, read_only=True)
    try:
        story = wp.story(
            wp.build(
                queries.on(con),
                Period(date(2025, 11, 1), date(2026, 10, 31)),
                "WK999904",
                "GM9999",
                "wijk",
            )
        )
    finally:
        con.close()
    first = story.slides[0]
    assert first.title == "De Brink"
    assert first.chart is not None and first.chart.name == "kaart"
    maps = [s.title for s in story.slides if s.chart is not None and s.chart.name == "kaart"]
    assert maps == ["De Brink"]
    # the slide names De Brink alone, over it: every area's name or number, fitted to the
    # page's narrow column, ran into the next in a projector's type; the page keeps them all
    on_slide = [t for t in first.chart.figure.data if t.type == "scattergeo"]
    assert [(t.name, list(t.text)) for t in on_slide] == [("naam", ["De Brink"])]
    page = next(c for c in story.charts if c.name == "kaart")
    assert any(t.name == "namen" for t in page.figure.data)


def test_no_buurtteammedewerker_beside_the_buurtteam_as_partner(db):
    """A walk found "Er is hier nu geen buurtteam" beside the organisation Buurtteam among
    the partners. The rol is a person of the team in the wijk; the team as organisation
    can still run activities there, and the profile says so."""
    noord = profile(db, "WK000101")
    without = dataclasses.replace(
        noord,
        presence=(*noord.presence, wp.Presence(rol="buurtteam", aanwezig=0)),
    )
    said = wp.continuity_sentences(without)
    assert said[-1] == "Er is hier nu geen jongerenwerker en geen buurtteammedewerker."
    # Noord's partners (Woonstichting, Bibliotheek) hold no buurtteam: nothing more said
    team = without.partners.assign(soort="buurtteam").head(1)
    with_team = dataclasses.replace(without, partners=team)
    assert wp.continuity_sentences(with_team)[-2:] == [
        "Er is hier nu geen jongerenwerker en geen buurtteammedewerker.",
        "Het buurtteam werkte in deze periode wel mee aan activiteiten.",
    ]
    # without an opbouwwerker now, the slide still leads with who is missing (a review found
    # it showing the sentence on the buurtteam instead, the last of the sentences)
    slides = {s.title: s.message for s in wp.story(without_opbouwwerker(with_team)).slides}
    assert slides["Vertrouwde gezichten"] == (
        "Er is hier nu geen opbouwwerker, geen jongerenwerker en geen buurtteammedewerker"
    )


def test_a_reach_resting_on_few_residents_says_it_is_hidden_not_missing(db):
    # Zuid in 2024 reached 3 of its residents (P9, P10, P11: 3 of 500): its 6,0 per 1.000
    # would give the 3 back, so it is hidden; it used to read "geen gegevens", which told a
    # wijk meeting that nobody had taken part
    zuid = profile(db, "WK000102")
    assert zuid.reach.bereikte_inwoners == 3
    rate = next(c for c in wp.key_figures(zuid) if c.label == "Bereik per 1.000 inwoners")
    assert rate.value is fmt.HIDDEN
    figures = next(c for c in wp.story(zuid).charts if c.name == "kerncijfers").data
    shown = figures.set_index("Kengetal").loc["Bereik per 1.000 inwoners", "Zuid"]
    assert shown == "verborgen (kleine aantallen)"


@pytest.mark.parametrize(
    ("fte_per_10000", "kwadrant", "words"),
    [
        # Noord has 10,00 fte per 10.000 and the middle wijk of Testdorp 0,00 (above). Made
        # by hand: Noord at the middle's 0,72 with 0,61 for the gemeente as a whole (the
        # walk's Oude Haven), then below it, then above it
        (0.72, "hoge_behoefte_lage_dekking", "hoger, maar is er evenveel opbouwwerk"),
        (0.7249, "lage_behoefte_lage_dekking", "niet hoger en is er evenveel opbouwwerk"),
        (0.50, "hoge_behoefte_lage_dekking", "hoger, maar is er minder opbouwwerk"),
        (0.50, "lage_behoefte_lage_dekking", "niet hoger en is er ook minder opbouwwerk"),
        (0.90, "hoge_behoefte_hoge_dekking", "hoger en is er ook meer opbouwwerk"),
    ],
)
def test_coverage_beside_the_middle_wijk_says_as_much_or_less(db, fte_per_10000, kwadrant, words):
    # a walk as an opbouwwerker read "0,72 fte per 10.000 inwoners, tegen 0,61 in heel
    # Lindenwaard" and then "is er niet meer opbouwwerk" beside the middle wijk's 0,72: a
    # contradiction to residents. A wijk with opbouwwerk at the middle says "evenveel", below
    # it "minder"
    noord = profile(db, "WK000101")
    assert noord.coverage is not None
    coverage = dataclasses.replace(
        noord.coverage,
        fte_per_10000=fte_per_10000,
        gemeente_fte_per_10000=0.61,
        median_fte_per_10000=0.72,
        kwadrant=kwadrant,
    )
    said = wp.coverage_sentences(dataclasses.replace(noord, coverage=coverage))
    assert said[-1] == (
        "Vergeleken met het midden van de wijken van Testdorp (0,72 fte per 10.000 inwoners) is"
        f" de behoefte hier {words}."
    )


def oude_haven(demo_db_path: str) -> wp.Profile:
    """The demo's Oude Haven (WK999902) from 1 nov 2025 to 31 oct 2026."""
    con = duckdb.connect(demo_db_path, read_only=True)
    try:
        year = Period(date(2025, 11, 1), date(2026, 10, 31))
        return wp.build(queries.on(con), year, "WK999902", "GM9999", "wijk")
    finally:
        con.close()


def test_the_place_in_the_gemeente_is_ranked_and_shares_carry_their_unit(demo_db_path: str):
    # a walk found the sheet "Plaats in de gemeente" in the order of the codes, not the
    # chart's ranking, and "Kwamen vaker dan één keer" as a bare 85 (the fixture above has
    # no ranking to show: Noord's rate would give Zuid's few residents back)
    p = oude_haven(demo_db_path)
    story = wp.story(p)
    place = next(c for c in story.charts if c.name == "plaats").data
    rates = place["Bereik per 1.000 inwoners"].dropna().tolist()
    assert len(rates) >= 2 and rates == sorted(rates, reverse=True)
    assert place["Plaats"].dropna().tolist() == list(range(1, len(rates) + 1))
    # the profile's own place, as its sentence says it, is its row in the sheet
    own = place[place["Gebied"] == p.name].iloc[0]
    assert own["Plaats"] == p.rank
    labels = next(c for c in story.charts if c.name == "kerncijfers").data["Kengetal"].tolist()
    assert "Kwamen vaker dan één keer (%)" in labels
    assert "Deelnames" in labels  # a count keeps its label
    # the change of opbouwwerker in June 2025: 40,26% and 21,71% of the bijeenkomsten (the
    # Opbrengst workbook's figures), in the sheet as the sentence says them, 40% and 22%
    history = next(c for c in story.charts if c.name == "opbouwwerk-voor-en-na")
    assert history.sheet == "Voor en na de wisseling"
    assert history.data.columns.tolist() == [
        "Periode",
        "Aandeel bijeenkomsten van bewonersinitiatieven (%)",
    ]
    assert history.data.iloc[:, 1].tolist() == [40.0, 22.0]
    # its axis says what the numbers are (a walk read a bare 0 to 40 on the slide)
    assert history.figure.layout.yaxis.ticksuffix == "%"
    # and keeps no room for a legend it has not (on a 650-pixel slide the bars were 90 px)
    assert history.figure.layout.margin.b == 30


def test_the_slide_of_people_who_took_part_says_what_its_ranking_counts(demo_db_path: str):
    # A wijk meeting read "258 mensen deden mee" over a ranking of Oude Haven at 34,6 per
    # 1.000 of its 6.871 inwoners (about 238): two counts of other people, side by side.
    p = oude_haven(demo_db_path)
    slide = wp.story(p).slides[1]
    assert slide.title == "Meedoen" and slide.chart is not None and slide.chart.name == "plaats"
    assert slide.message.startswith(f"{fmt.persons(p.reach.unieke_deelnemers)} mensen deden mee")
    # the rate in tenths, as Bereik's table of all areas gives Oude Haven in this year
    assert slide.note == (
        "De grafiek telt de inwoners die meededen (ook aan activiteiten elders), op elke"
        " 1.000 inwoners: in Oude Haven 34,6."
    )


@pytest.mark.parametrize(
    ("area", "town", "said"),
    [
        # in tenths, as the key figure "Bereik per 1.000" beside it (a walk read "deden er 49
        # op de 1.000 mee" beside 49,5)
        (49.46, 33.44, "deden er 49,5 op de 1.000 mee; in heel Testdorp 33,4 op de 1.000."),
        (0.04, 12.0, "deden er minder dan 0,1 op de 1.000 mee; in heel Testdorp 12,0 op de 1.000."),
    ],
)
def test_the_reach_sentence_says_the_rate_as_the_key_figure_does(db, area, town, said):
    p = profile(db, "WK000101")
    # 1.000 residents reached on each side: no small number hides the rate
    p = dataclasses.replace(
        p,
        reach=dataclasses.replace(
            p.reach, bereik_per_1000=area, bereikte_inwoners=1000, hidden=frozenset()
        ),
        gemeente_reach=dataclasses.replace(
            p.gemeente_reach, bereik_per_1000=town, bereikte_inwoners=1000, hidden=frozenset()
        ),
    )
    assert wp.standing_sentences(p)[0] == f"Van de inwoners van Noord {said}"


@pytest.mark.parametrize(
    ("pct", "said"),
    [
        # worked out by hand in tenths, never rounded up (a walk heard 85% as "9 op de 10")
        (85.3, "; ruim 8 op de 10 kwamen vaker dan één keer"),
        (80.0, "; 8 op de 10 kwamen vaker dan één keer"),
        (81.4, "; 8 op de 10 kwamen vaker dan één keer"),
        (87.6, "; bijna 9 op de 10 kwamen vaker dan één keer"),
        (97.0, "; ruim 9 op de 10 kwamen vaker dan één keer"),
        (98.0, "; bijna iedereen kwam vaker dan één keer"),
        (7.6, "; bijna 1 op de 10 kwam vaker dan één keer"),
        (4.0, "; minder dan 1 op de 10 kwam vaker dan één keer"),
        (11.0, "; 1 op de 10 kwam vaker dan één keer"),
        (15.0, "; ruim 1 op de 10 kwam vaker dan één keer"),
        (100.0, "; iedereen kwam vaker dan één keer"),
    ],
)
def test_how_many_came_back_is_said_in_tenths_without_rounding_up(db, pct, said):
    # 1.000 participants: no share gives back a small number
    reach = profile(db, "WK000101").reach
    reach = dataclasses.replace(reach, unieke_deelnemers=1000, herhaal_pct=pct, hidden=())
    assert wp._repeat_part(reach) == said
