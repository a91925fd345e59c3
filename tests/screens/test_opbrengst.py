"""The Opbrengst screen (docs/DESIGN.md §5.6) on the hand-made gemeente of
tests/fixtures/opbrengst.py: two wijken, three changes of opbouwwerker. Every expected value is
worked out by hand below from that fixture, not taken from the code's output.

The three changes and their windows (the 12 whole months before and after the month):
  E1 Noord vertrek 2022-06-30, successor PB 2022-09-01: unfilled Jul 1..Aug 31 = 31 + 31 = 62 days
     voor 2021-06-01..2022-05-31   na 2022-07-01..2023-06-30
  E2 Noord vertrek 2023-12-31, nobody within a year: unfilled unknown (no successor)
     voor 2022-12-01..2023-11-30   na 2024-01-01..2024-12-31
  E3 Zuid start 2022-03-01 (nobody before in Zuid)
     voor 2021-03-01..2022-02-28   na 2022-04-01..2023-03-31
PA's own start (2019) lies before the registrations (2021-01-05) and is no event; PB's start is
E1's successor, not an event of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import duckdb
import pytest

from dashboard import i18n
from dashboard.domain.period import Period
from dashboard.screens import opbrengst
from dashboard.screens.opbrengst import Thresholds
from dashboard.warehouse import queries
from tests.fixtures.opbrengst import fill

D = date.fromisoformat


@pytest.fixture()
def built(empty_db: duckdb.DuckDBPyConnection) -> opbrengst.Opbrengst:
    return opbrengst.build(queries.on(fill(empty_db)), "GM0001")


def test_the_three_changes_are_found_with_their_gaps(built: opbrengst.Opbrengst) -> None:
    got = [
        (r["wijknaam"], r["soort"], r["datum"], r["onbezet_dagen"], r["bekend"])
        for r in built.events.astype(object).where(built.events.notna(), None).to_dict("records")
    ]
    assert got == [
        ("Noord", "vertrek", D("2022-06-30"), 62, True),
        ("Noord", "vertrek", D("2023-12-31"), None, True),
        ("Zuid", "start", D("2022-03-01"), None, True),
    ]
    assert [opbrengst.event_label(r) for r in built.events.to_dict("records")] == [
        "vertrek, opvolger na 62 dagen",
        "vertrek, geen opvolger binnen een jaar",
        "nieuwe opbouwwerker (geen voorganger)",
    ]


@pytest.mark.parametrize(
    ("until", "label"),
    [
        # worked out by hand from E2 (vertrek 2023-12-31): to 2024-04-09 is 31 + 29 (2024 is
        # a leap year) + 31 + 9 = 100 days, less than the year a successor may take
        (D("2024-04-09"), "vertrek, nog geen opvolger (al 100 dagen)"),
        (D("2024-12-29"), "vertrek, nog geen opvolger (al 364 dagen)"),
        # 365 days later (2024-12-30) the year is over: no successor within a year, known
        (D("2024-12-30"), "vertrek, geen opvolger binnen een jaar"),
    ],
)
def test_a_departure_less_than_a_year_before_the_data_end_has_no_successor_yet(
    until: date, label: str
) -> None:
    # the Opbrengst table said "geen opvolger binnen een jaar" three months after a departure,
    # about a year that had not passed, while Continuiteit counted the days unfilled so far
    row = {"soort": "vertrek", "bezet_gebleven": False, "onbezet_dagen": None}
    row |= {"datum": D("2023-12-31"), "gevolgd_tot": until}
    assert opbrengst.event_label(row) == label


def test_windows_leave_out_the_month_of_the_change() -> None:
    before, after = opbrengst.windows(D("2022-06-30"))
    assert (before.start, before.end) == (D("2021-06-01"), D("2022-05-31"))
    assert (after.start, after.end) == (D("2022-07-01"), D("2023-06-30"))


# Before and after, per change (Noord residents D1-D6 / 1000 inwoners, Zuid D7-D10 / 2000):
#  E1 voor: B2 (A1: D1 D3), B3 (A2: D4): 2 bijeenkomsten, 1 of bewoners = 50%; deelnemers
#     D1 D3 D4 once each: herhaal 0/3 = 0%; nieuw (first >= 2021-06-01): D3, D4 = 2;
#     bereik: Noord residents D1 D3 D4 = 3 / 1000 = 3.0 per 1.000
#  E1 na: B4 (A1: D1), B5 (A2: D4 D5), B6 (A2: D5 D6): 2 of 3 = 66.667%; D1 D4 D5 D6, D5
#     twice: herhaal 1/4 = 25%; nieuw (>= 2022-07-01): D5, D6 = 2; bereik 4 / 1000 = 4.0
#  E2 voor: B6 (A2: D5 D6), B7 (A1: D1): 1 of 2 = 50%; D5 D6 D1 once: 0%; nieuw
#     (>= 2022-12-01): D6 = 1; bereik 3.0
#  E2 na: B8 (A2: D6): 1 of 1 = 100%; D6 once: 0%; nieuw: D6 began 2023 = 0; bereik 1.0
#  E3 voor: B9 (A3: D7 D8), B10 (A3: D7): 0 of 2 = 0%; D7 twice, D8 once: herhaal 1/2 = 50%;
#     nieuw (>= 2021-03-01): D7, D8 = 2; bereik 2 / 2000 = 1.0
#  E3 na: B11 (A4: D8 D9), B12 (A4: D9 D10): 2 of 2 = 100%; D9 twice: herhaal 1/3 = 33.333%;
#     nieuw (>= 2022-04-01): D9, D10 = 2; bereik 3 / 2000 = 1.5
@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("bewonersinitiatief_pct", [(50.0, 66.6667), (50.0, 100.0), (0.0, 100.0)]),
        ("herhaal_pct", [(0.0, 25.0), (0.0, 0.0), (50.0, 33.3333)]),
        ("nieuw", [(2, 2), (1, 0), (2, 2)]),
        ("bereik_per_1000", [(3.0, 4.0), (3.0, 1.0), (1.0, 1.5)]),
        ("bijeenkomsten", [(2, 3), (2, 1), (2, 2)]),
    ],
)
def test_before_and_after_each_change(
    built: opbrengst.Opbrengst, outcome: str, expected: list[tuple[float, float]]
) -> None:
    got = [
        (round(float(r[f"{outcome}_voor"]), 4), round(float(r[f"{outcome}_na"]), 4))
        for r in built.events.to_dict("records")
    ]
    assert got == expected


# The association over the changes: the mean of after - before.
#  bewonersinitiatief: (16.667 + 50 + 100) / 3 = 55.556; nieuw: (0 - 1 + 0) / 3 = -0.333;
#  herhaal: (25 + 0 - 16.667) / 3 = 2.778; bereik: (1.0 - 2.0 + 0.5) / 3 = -0.167.
# The bootstrap band: a resample of three changes is all of one change with chance 1/27 =
# 3.7% > 2.5%, so out of 1000 resamples the 2.5% and 97.5% points are the smallest and the
# largest change themselves.
@pytest.mark.parametrize(
    ("outcome", "mean", "low", "high"),
    [
        ("bewonersinitiatief_pct", 55.5556, 16.6667, 100.0),
        ("nieuw", -0.3333, -1.0, 0.0),
        ("herhaal_pct", 2.7778, -16.6667, 25.0),
        ("bereik_per_1000", -0.1667, -2.0, 1.0),
    ],
)
def test_mean_change_over_the_three_changes(
    built: opbrengst.Opbrengst, outcome: str, mean: float, low: float, high: float
) -> None:
    change = opbrengst.mean_change(built.events, outcome, Thresholds(wisselingen=3))
    assert change.wisselingen == 3
    assert change.reason is None
    assert (round(change.mean, 4), round(change.low, 4), round(change.high, 4)) == (mean, low, high)


# Per wijk and year (peildatum 31 December; continuiteitsindex 100 when the opbouwwerker has
# been there 730 days or more, 0 when less, empty when nobody is there):
#  Noord 2021: PA since 2019-01-01, 1096 days: 100; onbezet 0; B1 B2 both A1: 0%
#        2022: PB since 2022-09-01, 122 days: 0; onbezet Jul 1..Aug 31 = 62; B3 B5 (A2) of
#              B3 B4 B5: 66.667%
#        2023: PB 2022-09-01..2023-12-31 = 487 days: 0; onbezet 0; B6 (A2) of B6 B7: 50%
#        2024: nobody: empty; onbezet 366 (leap year); B8 (A2): 100%
#  Zuid  2021: nobody: empty; onbezet 365; B9 (A3): 0%
#        2022: PC since 2022-03-01, 306 days: 0; onbezet Jan 1..Feb 28 = 59; B11 B12 of B10-B12: 66.667%
#        2023: 671 days: 0; onbezet 0; no bijeenkomst: empty
#        2024: 1037 days: 100; onbezet 0; B13 (A3): 0%
def test_continuity_beside_outcomes_per_wijk_and_year(built: opbrengst.Opbrengst) -> None:
    rows = built.per_year
    got = [
        (
            r["naam"],
            r["jaar"],
            r["continuiteitsindex"],
            r["onbezet_dagen"],
            None if r["bewonersinitiatief_pct"] is None else round(r["bewonersinitiatief_pct"], 3),
        )
        for r in rows.astype(object).where(rows.notna(), None).to_dict("records")
    ]
    assert built.years == (2021, 2022, 2023, 2024)
    assert got == [
        ("Noord", 2021, 100.0, 0, 0.0),
        ("Noord", 2022, 0.0, 62, 66.667),
        ("Noord", 2023, 0.0, 0, 50.0),
        ("Noord", 2024, None, 366, 100.0),
        ("Zuid", 2021, None, 365, 0.0),
        ("Zuid", 2022, 0.0, 59, 66.667),
        ("Zuid", 2023, 0.0, 0, None),
        ("Zuid", 2024, 100.0, 0, 0.0),
    ]


# Spearman of onbezet_dagen against bewonersinitiatief_pct over the 7 wijk-years with both
# (Zuid 2023 has no bijeenkomst):
#  x: N21 0, N22 62, N23 0, N24 366, Z21 365, Z22 59, Z24 0 -> ranks 2, 5, 2, 7, 6, 4, 2
#  y: 0, 66.67, 50, 100, 0, 66.67, 0                     -> ranks 2, 5.5, 4, 7, 2, 5.5, 2
#  deviations from the mean rank 4: dx -2 1 -2 3 2 0 -2; dy -2 1.5 0 3 -2 1.5 -2
#  sum dx*dy = 4 + 1.5 + 0 + 9 - 4 + 0 + 4 = 14.5; sum dx^2 = 26; sum dy^2 = 25.5
#  rho = 14.5 / sqrt(26 * 25.5) = 14.5 / 25.749 = 0.5631
# Bootstrap over 2 wijken: Noord twice (the same ranks as Noord alone: rho 4.5 / sqrt(4.5 * 5)
# = 0.9487), Zuid twice (x ranks 3 2 1, y ranks 1.5 3 1.5: sum dx*dy = -0.5 + 0 + 0.5 = 0,
# rho 0) or one of each (0.5631), with chances 1/4, 1/4, 1/2: the band runs from 0 to 0.9487.
def test_association_over_wijk_years_with_a_bootstrap_over_wijken(
    built: opbrengst.Opbrengst,
) -> None:
    found = opbrengst.association(
        built.per_year,
        "onbezet_dagen",
        "bewonersinitiatief_pct",
        Thresholds(wijken=2, wijkjaren=7),
    )
    assert (found.wijken, found.wijkjaren, found.reason) == (2, 7, None)
    assert (round(found.rho, 4), round(found.low, 4), round(found.high, 4)) == (
        0.5631,
        0.0,
        0.9487,
    )


def test_thin_data_shows_no_figure_and_says_where_the_threshold_is(
    built: opbrengst.Opbrengst,
) -> None:
    # two wijken, seven wijk-years and three changes are all below the thresholds (5, 15, 5)
    found = opbrengst.associations(built)
    assert len(found) == 8
    assert all(a.rho is None and a.low is None and a.high is None for a in found)
    # onbezet_dagen against bewonersinitiatief_pct: the 7 wijk-years of the test above
    assert found[5].reason == (
        "te weinig gegevens: 2 wijken en 7 wijk-jaren, minstens 5 wijken en 15 wijk-jaren nodig"
    )
    changes = opbrengst.mean_changes(built)
    assert all(c.mean is None and c.low is None for c in changes)
    assert changes[0].reason == (
        "te weinig wisselingen met cijfers ervoor en erna: 3, minstens 5 nodig"
    )
    shown = opbrengst.association_table(found)
    assert shown["Samenhang (rho)"].tolist() == [""] * 8
    assert shown["Waarom geen cijfer"].tolist() == [a.reason for a in found]  # each says why
    shown_changes = opbrengst.changes_table(changes)
    assert shown_changes["95%-band"].tolist() == [""] * 4
    assert shown_changes["Waarom geen cijfer"].tolist() == [c.reason for c in changes]


def test_honesty_paragraph_states_the_counts_and_the_thresholds(
    built: opbrengst.Opbrengst,
) -> None:
    said = opbrengst.honesty(built)
    assert said[0] == "Dit rust op 2 wijken in 2021–2024 en 3 wisselingen van opbouwwerker."
    assert "geen bewijs" in said[1]
    assert said[2].startswith("Een verband wordt alleen berekend met minstens 5 wijken en 15")
    assert said[-1] == (
        "Hier zijn er te weinig, dus staat er geen verband en geen gemiddelde verandering."
    )


def test_honesty_counts_changes_without_figures_separately(
    built: opbrengst.Opbrengst,
) -> None:
    # the same data with the last change's 'after' window unknown: 3 changes, 2 with figures
    events = built.events.copy()
    events.loc[1, "bekend"] = False
    changed = opbrengst.Opbrengst(
        built.gemeente, built.years, built.first, built.last, built.per_year, events
    )
    assert opbrengst.honesty(changed)[0] == (
        "Dit rust op 2 wijken in 2021–2024 en 3 wisselingen van opbouwwerker, waarvan 2 met"
        " cijfers van 12 maanden ervoor én erna."
    )


def test_no_registrations_says_so(empty_db: duckdb.DuckDBPyConnection) -> None:
    empty_db.execute("insert into gemeente (gemeentecode, naam) values ('GM0001', 'Leeg')")
    found = opbrengst.build(queries.on(empty_db), "GM0001")
    assert found.years == () and found.events.empty
    assert opbrengst.honesty(found) == [
        "Deze gemeente heeft nog geen volledig jaar aan registraties van activiteiten: er valt"
        " nog niets te vergelijken."
    ]


def test_small_numbers_are_never_shown_nor_given_back(built: opbrengst.Opbrengst) -> None:
    # E1 before: 2 new people, 3 residents reached, 3 deelnemers of whom 0 came back: all 1-4
    table = opbrengst.events_table(built, "nieuw")
    assert table["Ervoor"].tolist() == ["<5", "<5", "<5"]
    assert (
        opbrengst.events_table(built, "bereik_per_1000")["Ervoor"].tolist() == ["<5 bewoners"] * 3
    )
    assert opbrengst.events_table(built, "herhaal_pct")["Erna"].tolist() == ["<5 deelnemers"] * 3
    # and no point in the chart or cell in the workbook carries them
    for outcome in ("nieuw", "bereik_per_1000", "herhaal_pct"):
        frame = opbrengst.event_frame(built, outcome)
        assert frame["voor"].isna().all()
    # after E2 nobody was new: 0 is no small number (the rule covers 1 to 4), so it shows
    assert opbrengst.event_frame(built, "nieuw")["na"].tolist()[1] == 0.0
    assert opbrengst.events_table(built, "nieuw")["Erna"].tolist() == ["<5", "0", "<5"]
    sheet = opbrengst.events_frame(built)
    assert set(sheet["Nieuwe deelnemers ervoor"]) == {"<5"}
    assert sheet["Bereik per 1.000 ervoor"].isna().all()
    # a share of bijeenkomsten counts no persons: shown
    assert opbrengst.event_frame(built, "bewonersinitiatief_pct")["na"].round(1).tolist() == [
        66.7,
        100.0,
        100.0,
    ]


def test_the_wijk_history_needs_a_clear_change_over_enough_bijeenkomsten(
    built: opbrengst.Opbrengst,
) -> None:
    # every window here has 1 to 3 bijeenkomsten, fewer than the 10 a sentence needs
    assert opbrengst.history(built.events[built.events["wijkcode"] == "WK000102"]) is None


def test_the_history_sentence_of_a_long_vacancy() -> None:
    import pandas as pd

    before, after = opbrengst.windows(D("2022-03-26"))
    row = {
        "wijkcode": "WK000109",
        "wijknaam": "Heidepark",
        "soort": "vertrek",
        "datum": D("2022-03-26"),
        "opvolger_start": D("2022-11-28"),
        "bezet_gebleven": False,
        "onbezet_dagen": 246,
        "bekend": True,
        "bijeenkomsten_voor": 200,
        "bijeenkomsten_na": 150,
        # 40% -> 20%: halved; the first outcome in the order that changed 25% or more
        "bewonersinitiatief_pct_voor": 40.0,
        "bewonersinitiatief_pct_na": 20.0,
    }
    found = opbrengst.history(pd.DataFrame([row]))
    assert found is not None
    # 246 days / 30.44 = 8.08: 8 months
    assert found.sentence == (
        "Toen de opbouwwerker hier in maart 2022 vertrok en de plek 8 maanden leeg bleef,"
        " halveerde het aandeel bijeenkomsten van bewonersinitiatieven van 40% naar 20%"
        " (12 maanden ervoor tegen 12 maanden erna)."
    )
    # in English the subject goes first, after a comma
    with i18n.using("en"):
        english = opbrengst.history(pd.DataFrame([row]))
        shorter = opbrengst.history(pd.DataFrame([{**row, "onbezet_dagen": 100}]))
    assert english is not None and shorter is not None
    assert english.sentence == (
        "When the opbouwwerker here left in March 2022 and the post stayed empty for 8 months,"
        " the share of sessions that were residents' initiatives halved from 40% to 20%"
        " (12 months before against 12 months after)."
    )
    assert english.label == "Share of sessions that were residents' initiatives"
    assert "stayed empty for 3 months," in shorter.sentence
    assert (found.before, found.after, found.before_period, found.after_period) == (
        40.0,
        20.0,
        before,
        after,
    )


def test_the_bootstrap_gives_the_figures_of_one_spearman_per_resample() -> None:
    import numpy as np

    # an oracle: the batched bootstrap against `spearman` on each resample in turn, with the
    # same draws (one row of wijken per resample from the same seeded generator); wijken of
    # 1 to 6 years, many ties (values 0-3), and resamples where one side is flat
    data = np.random.default_rng(5)
    sizes = [1, 6, 3, 2, 5, 4, 1]
    x = data.integers(0, 4, sum(sizes)).astype(float)
    y = data.integers(0, 4, sum(sizes)).astype(float)
    ends = np.cumsum(sizes)
    groups = [np.arange(end - size, end) for size, end in zip(sizes, ends, strict=True)]
    draws = np.random.default_rng(opbrengst.BOOTSTRAP_SEED)
    expected = []
    for _ in range(300):
        picked = np.concatenate([groups[i] for i in draws.integers(0, len(groups), len(groups))])
        rho = opbrengst.spearman(x[picked], y[picked])
        if rho is not None:
            expected.append(rho)
    got = opbrengst._bootstrap_rho(x, y, groups, 300)
    assert len(got) == len(expected)
    assert np.allclose(got, expected, rtol=0, atol=1e-12)


def test_build_asks_reach_once_for_the_years_and_once_for_the_windows(
    empty_db: duckdb.DuckDBPyConnection,
) -> None:
    # 4 years and 3 changes (6 windows): one query for the years and one for the windows, not
    # one per period (the screen took ~3 s cold on the demo that way)
    asked: list[str] = []
    plain = queries.on(fill(empty_db))

    def counting(query: Callable[..., object]) -> Callable[..., object]:
        asked.append(query.__name__)
        return plain(query)

    opbrengst.build(counting, "GM0001")
    assert asked.count("bereik_in") == 2
    assert "bereik" not in asked


def test_a_share_that_would_give_back_a_small_count_says_why_it_is_hidden() -> None:
    # 10% of 20 deelnemers came back: 2 persons, so the share is hidden, but there were 20
    # deelnemers, not "<5"; 50% of 20 (10 persons, 10 not) shows; 3 deelnemers: "<5 deelnemers"
    rows = [
        {"herhaal_pct": 10.0, "unieke_deelnemers": 20},
        {"herhaal_pct": 50.0, "unieke_deelnemers": 20},
        {"herhaal_pct": 33.3, "unieke_deelnemers": 3},
    ]
    assert [opbrengst.value_text("herhaal_pct", r) for r in rows] == [
        "verborgen (kleine aantallen)",
        "50%",
        "<5 deelnemers",
    ]
    assert [opbrengst.public_value("herhaal_pct", r) for r in rows] == [None, 50.0, None]


def test_the_wijk_history_from_reach_asked_with_other_periods(demo_db_path: str) -> None:
    # The Wijkprofiel asks the history's windows in its own bereik_in query: the history
    # must be the same as when it asks them itself, for every wijk of the demo, and the
    # demo must have at least one wijk with a history (Heidepark's long vacancy).
    con = duckdb.connect(demo_db_path, read_only=True)
    run = queries.on(con)
    wijken = run(queries.gebieden)("wijk", "GM9999")["gebiedscode"].tolist()
    told = []
    for code in wijken:
        needed = opbrengst.history_windows(run, "GM9999", code)
        # asked together with a period of its own, as the Wijkprofiel does
        asked = [Period(D("2025-11-01"), D("2026-10-31")), *needed]
        frames = queries.bereik_in(con, tuple(asked), "wijk", gemeente="GM9999")
        reach = dict(zip(asked, frames, strict=True))
        alone = opbrengst.wijk_history(run, "GM9999", code)
        assert opbrengst.wijk_history(run, "GM9999", code, reach) == alone, code
        if alone is not None:
            told.append(alone.sentence)
    assert any("Heidepark" in s or "maart 2022" in s for s in told), told
