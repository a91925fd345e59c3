"""dashboard.screens.bereik: the figures that need participant records, the warning when they are
missing, and the trend and partner rows of the focus."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.domain.codes import NATIONAL
from dashboard.screens import bereik
from dashboard.screens.bereik import (
    missing_participant_figures,
    participant_warning,
    partner_rows,
    trend_rows,
)
from dashboard.screens.focus import Focus

GEMEENTE = Focus("GM0001", "Eerstedorp", "gemeente", False)
COUNTRY = Focus(NATIONAL, "Heel Nederland", "gemeente", False, national=True)

FIGURES = [
    "unieke deelnemers",
    "bereik per 1.000 inwoners",
    "herhaalbezoek",
    "nieuwe deelnemers",
]


def reach(rows: list[tuple]) -> pd.DataFrame:
    """queries.bereik-like rows: gemeentecode, whether the area has participant records, and
    its bijeenkomsten (default 3; None where the gemeente registers no activiteiten at all)."""
    full = [row if len(row) == 3 else (*row, 3) for row in rows]
    return pd.DataFrame(full, columns=["gemeentecode", "heeft_deelnemersgegevens", "bijeenkomsten"])


TOTALS_ONLY = reach([("GM0001", False), ("GM0001", False)])
MIXED = reach([("GM0001", True), ("GM0001", False), ("GM0002", False), ("GM0003", False)])
WITH_PARTICIPANTS = reach([("GM0001", True), ("GM0002", True)])
EMPTY = reach([])
# a gemeente with CBS data but no registrations: the marts give NULL bijeenkomsten
NO_REGISTRATIONS = reach([("GM0001", False, None), ("GM0001", False, None)])
# two gemeenten with participant records and one that registers nothing
WITH_ONE_SILENT = reach([("GM0001", True), ("GM0002", True), ("GM0003", False, None)])


def test_no_registrations_is_not_called_totals_only():
    # issue 11 item 8: a gemeente without any registration was told it "registreert alleen totalen"
    assert participant_warning(NO_REGISTRATIONS, national=False) == (
        "Deze gemeente heeft geen activiteiten geregistreerd. De bereikcijfers zijn daarom leeg:"
        " onbekend, niet 0."
    )


def test_a_silent_gemeente_does_not_count_as_totals_only():
    assert participant_warning(WITH_ONE_SILENT, national=True) is None


def test_missing_participant_figures():
    assert missing_participant_figures(TOTALS_ONLY) == FIGURES
    # one area with participant records is enough to show them
    assert missing_participant_figures(MIXED) == []
    assert missing_participant_figures(WITH_PARTICIPANTS) == []
    assert missing_participant_figures(EMPTY) == []


def test_participant_warning_for_a_gemeente_with_totals_only():
    assert participant_warning(TOTALS_ONLY, national=False) == (
        "Deze gemeente registreert in deze periode alleen totalen per bijeenkomst, geen deelnemers."
        " Daarom zijn deze cijfers niet te tonen: unieke deelnemers, bereik per 1.000 inwoners,"
        " herhaalbezoek, nieuwe deelnemers."
    )


def test_participant_warning_for_a_country_with_totals_only():
    assert participant_warning(TOTALS_ONLY, national=True) == (
        "De gemeenten registreren in deze periode alleen totalen per bijeenkomst, geen deelnemers."
        " Daarom zijn deze cijfers niet te tonen: unieke deelnemers, bereik per 1.000 inwoners,"
        " herhaalbezoek, nieuwe deelnemers."
    )


def test_participant_warning_counts_the_gemeenten_with_totals_only():
    # worked out by hand from MIXED: GM0001 has an area with participant records, GM0002 and
    # GM0003 have none, so 2 of the 3 gemeenten
    assert participant_warning(MIXED, national=True) == (
        "2 van de 3 gemeenten registreren in deze periode alleen totalen per bijeenkomst;"
        " daar zijn deze cijfers leeg: unieke deelnemers, bereik per 1.000 inwoners,"
        " herhaalbezoek, nieuwe deelnemers."
    )


@pytest.mark.parametrize(
    ("rows", "national"),
    [
        (MIXED, False),  # within one gemeente some areas are enough
        (WITH_PARTICIPANTS, True),
        (WITH_PARTICIPANTS, False),
        (EMPTY, True),
        (EMPTY, False),
    ],
)
def test_no_participant_warning(rows, national):
    assert participant_warning(rows, national=national) is None


TREND = pd.DataFrame(
    {
        "gebiedscode": ["GM0002", "GM0001", "GM0001", "GM0002"],
        "maand": pd.to_datetime(["2024-02-01", "2024-01-01", "2024-02-01", "2024-01-01"]),
        "bijeenkomsten": [1, 2, 4, 3],
        "deelnames": [5.0, 10.0, None, 15.0],
        "unieke_deelnemers": [4, 8, 3, 12],
    }
)


def test_trend_rows_of_a_gemeente_are_its_own_months():
    rows = trend_rows(GEMEENTE, TREND)
    # worked out by hand from TREND: rows 1 and 2 are GM0001's
    expected = pd.DataFrame(
        {
            "gebiedscode": ["GM0001", "GM0001"],
            "maand": pd.to_datetime(["2024-01-01", "2024-02-01"]),
            "bijeenkomsten": [2, 4],
            "deelnames": [10.0, np.nan],
            "unieke_deelnemers": [8, 3],
        },
        index=[1, 2],
    )
    pd.testing.assert_frame_equal(rows, expected)


def test_trend_rows_of_the_country_add_up_per_month():
    rows = trend_rows(COUNTRY, TREND)
    # worked out by hand from TREND: January 2 + 3 bijeenkomsten and 10 + 15 deelnames;
    # February 1 + 4 bijeenkomsten, and no deelnames total because GM0001's is missing.
    # Unique participants do not add up over gemeenten: left empty.
    expected = pd.DataFrame(
        {
            "gebiedscode": [NATIONAL, NATIONAL],
            "maand": pd.to_datetime(["2024-01-01", "2024-02-01"]),
            "bijeenkomsten": [5.0, 5.0],
            "deelnames": [25.0, np.nan],
            "unieke_deelnemers": [np.nan, np.nan],
        }
    )
    pd.testing.assert_frame_equal(rows, expected)


PARTNERS = pd.DataFrame(
    {
        "gebiedscode": ["GM0001", "GM0002", "GM0002", "GM0001", "GM0003"],
        "organisatie_id": ["ORG-A", "ORG-B", "ORG-A", "ORG-C", "ORG-D"],
        "partner": ["Aa", "Bee", "Aa", "Cee", "Dee"],
        "bijeenkomsten": [3, 5, 4, 5, 1],
    }
)


def test_partner_rows_of_a_gemeente_are_its_own():
    rows = partner_rows(GEMEENTE, PARTNERS)
    expected = pd.DataFrame(
        {
            "gebiedscode": ["GM0001", "GM0001"],
            "organisatie_id": ["ORG-A", "ORG-C"],
            "partner": ["Aa", "Cee"],
            "bijeenkomsten": [3, 5],
        },
        index=[0, 3],
    )
    pd.testing.assert_frame_equal(rows, expected)


def test_partner_rows_of_the_country_are_those_of_the_busiest_partners(monkeypatch):
    monkeypatch.setattr(bereik, "NATIONAL_PARTNERS", 2)
    rows = partner_rows(COUNTRY, PARTNERS)
    # worked out by hand from PARTNERS: bijeenkomsten per partner over all gemeenten are
    # ORG-A 3 + 4 = 7, ORG-B 5, ORG-C 5, ORG-D 1; the top two are ORG-A and, of the two with
    # 5, the first by code: ORG-B. Every row of those partners stays, in the input order.
    expected = pd.DataFrame(
        {
            "gebiedscode": ["GM0001", "GM0002", "GM0002"],
            "organisatie_id": ["ORG-A", "ORG-B", "ORG-A"],
            "partner": ["Aa", "Bee", "Aa"],
            "bijeenkomsten": [3, 5, 4],
        },
        index=[0, 1, 2],
    )
    pd.testing.assert_frame_equal(rows, expected)


def test_partner_rows_of_the_country_by_name_without_organisatie_id(monkeypatch):
    monkeypatch.setattr(bereik, "NATIONAL_PARTNERS", 1)
    rows = partner_rows(COUNTRY, PARTNERS.drop(columns="organisatie_id"))
    # worked out by hand: per name Aa 7, Bee 5, Cee 5, Dee 1; the top one is Aa
    expected = pd.DataFrame(
        {"gebiedscode": ["GM0001", "GM0002"], "partner": ["Aa", "Aa"], "bijeenkomsten": [3, 4]},
        index=[0, 2],
    )
    pd.testing.assert_frame_equal(rows, expected)


def test_partner_rows_of_the_country_keep_everything_under_the_limit():
    assert bereik.NATIONAL_PARTNERS == 20
    pd.testing.assert_frame_equal(partner_rows(COUNTRY, PARTNERS), PARTNERS)


def explained(rows: list[tuple], attributie: str) -> list[str]:
    """bereik.explanations over rows of (unieke_deelnemers, bereikte_inwoners, records)."""
    df = pd.DataFrame(
        rows, columns=["unieke_deelnemers", "bereikte_inwoners", "heeft_deelnemersgegevens"]
    )
    return bereik.explanations(df, attributie)


def test_a_rate_without_participants_is_explained_under_waar():
    # Centrum: nobody took part in Centrum itself (0), but 3 of its residents did elsewhere:
    # its bereik per 1.000 is above 0 beside 0 unique participants. Say why.
    rows = [(0, 3, True), (12, 10, True)]
    assert explained(rows, "waar") == [bereik.RATE_WITHOUT_PARTICIPANTS]
    # Under wie both count residents: no such area; the note on the totals instead.
    assert explained(rows, "wie") == [bereik.WIE_COUNTS_REGISTRATIONS]


def test_a_rate_of_more_residents_than_participants_is_explained_under_waar():
    # Waterkant (a walk as a policy maker): 42 took part in Waterkant, but 67 of its
    # residents took part somewhere (7,8 per 1.000 of 8.547): the rate says more people
    rows = [(42, 67, True)]
    assert explained(rows, "waar") == [bereik.RATE_WITHOUT_PARTICIPANTS]
    assert bereik.rate_explanation(pd.DataFrame(
        {"unieke_deelnemers": [42], "bereikte_inwoners": [67]}), "waar"
    ) == bereik.RATE_WITHOUT_PARTICIPANTS  # fmt: skip
    # fewer residents than participants (people from elsewhere took part): nothing to say
    assert explained([(42, 30, True)], "waar") == []


def test_participants_unknown_beside_deelnames_are_explained_under_waar():
    # Hoogveld-Noord (a walk): 13 bijeenkomsten with 238 deelnames by their totals, none
    # registered, in a gemeente that registers participants: its participants are unknown
    # ("geen gegevens"); 8 of its residents took part elsewhere, which needs no note then
    rows = [(None, 8, True), (12, 10, True)]
    assert explained(rows, "waar") == [bereik.TOTALS_ONLY_HERE]
    # a gemeente registering totals only has the warning above its screen instead
    assert explained([(None, None, False)], "waar") == []


def test_nothing_to_explain():
    # Every area with participants of its own, or none and no residents reached either;
    # totals-only gemeenten (no records) have no wie/waar difference to explain.
    assert explained([(4, 2, True), (0, 0, True)], "waar") == []
    assert explained([(None, None, False)], "waar") == []
    assert explained([(None, None, False)], "wie") == []
    assert explained([], "wie") == []


def test_the_attribution_note_names_the_sidebars_choices():
    # a walk found the codes "(wie)" and "(waar)", which the sidebar never shows
    from dashboard.ui.frame import ATTRIBUTIE_LABELS

    for label in ATTRIBUTIE_LABELS.values():
        assert f"'{label}'" in bereik.WIE_COUNTS_REGISTRATIONS
    assert "(wie)" not in bereik.WIE_COUNTS_REGISTRATIONS


def per_gemeente(bijeenkomsten: list[float | None]) -> pd.DataFrame:
    """queries.bereik rows at level gemeente, nationally: None where one registers nothing."""
    n = len(bijeenkomsten)
    return pd.DataFrame(
        {
            "gemeentecode": [f"GM{i:04d}" for i in range(1, n + 1)],
            "inwoners": [1000] * n,
            "bijeenkomsten": bijeenkomsten,
            "deelnames": [None if b is None else 10 * b for b in bijeenkomsten],
            "bewonersinitiatief_pct": [None if b is None else 0.0 for b in bijeenkomsten],
        }
    )


def test_the_national_summary_says_how_many_gemeenten_its_sums_count():
    # 3 gemeenten, 1 silent: the sums are the other two's (4 + 6 sessions, 40 + 60
    # deelnames), the inwoners all three's; a row says 2 register activiteiten
    summary = per_gemeente([4, None, 6])
    shown = bereik.summary_table(COUNTRY, summary, "waar").set_index("Kengetal")["Waarde"]
    assert shown.to_dict() == {
        "Gemeenten": "3",
        "Gemeenten met activiteiten": "2",
        "Inwoners": "3.000",
        "Bijeenkomsten": "10",
        "Deelnames": "100",
        "Bewonersinitiatief": "0%",
    }
    assert bereik.national_silent_note(summary) == (
        "1 van de 3 gemeenten heeft geen activiteiten geregistreerd; bijeenkomsten en"
        " deelnames tellen alleen de andere."
    )


def test_without_silent_gemeenten_the_national_summary_has_no_such_row_or_note():
    summary = per_gemeente([4, 6])
    shown = bereik.summary_table(COUNTRY, summary, "waar")
    assert "Gemeenten met activiteiten" not in shown["Kengetal"].tolist()
    assert bereik.national_silent_note(summary) is None
    assert bereik.national_silent_note(summary.iloc[0:0]) is None


def test_per_buurt_the_sessions_without_a_buurt_are_counted_and_said():
    # worked out by hand: the gemeente held 10 + 7 = 17 sessions (two gemeenten nationally);
    # its buurten 4 + 6 + 5 = 15 (one buurt unknown, skipped), so 2 had no buurt
    whole = pd.DataFrame({"bijeenkomsten": [10, 7]})
    per_buurt = pd.DataFrame({"bijeenkomsten": [4, 6, None, 5]})
    assert bereik.unplaced_sessions(per_buurt, whole, "buurt") == (
        "2 van de 17 bijeenkomsten lagen in geen buurt: hun activiteit heeft geen buurt."
        " Die tellen wel voor de wijk en de gemeente; de buurten samen tellen daarom minder."
    )
    one = pd.DataFrame({"bijeenkomsten": [4, 6, 6]})
    assert bereik.unplaced_sessions(one, whole, "eigen").startswith(
        "1 van de 17 bijeenkomsten lag in geen gebied: de activiteit"
    )


def test_no_sessions_note_where_every_session_has_its_area():
    whole = pd.DataFrame({"bijeenkomsten": [10]})
    assert bereik.unplaced_sessions(pd.DataFrame({"bijeenkomsten": [4, 6]}), whole, "buurt") is None
    # a wijk holds every session (an activiteit always has one)
    assert bereik.unplaced_sessions(pd.DataFrame({"bijeenkomsten": [4]}), whole, "wijk") is None
    assert bereik.unplaced_sessions(pd.DataFrame({"bijeenkomsten": []}), whole, "buurt") is None
