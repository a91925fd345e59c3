"""dashboard.screens.continuiteit: map values per rol in display units, a wijk's spells, and
who is named in the timeline and the signals (docs/DESIGN.md §7)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from dashboard.domain.period import Period
from dashboard.screens.access import Viewer
from dashboard.screens.continuiteit import (
    NAMED_SIGNAL_COLUMNS,
    absent_roles_note,
    anonymous_label,
    by_urgency,
    download_tables,
    labelled,
    map_values,
    named_signals,
    no_names,
    own_share,
    roles_in_scope,
    short_period_note,
    spell_labels,
    spells_of,
)
from dashboard.screens.focus import Focus

# continuiteit per wijk and rol, as queries.continuiteit returns it (the columns map_values reads)
PER_WIJK = pd.DataFrame(
    {
        "gebiedscode": ["WK999901", "WK999901", "WK999902", "WK999903"],
        "rol": ["opbouwwerker", "jongerenwerker", "opbouwwerker", "opbouwwerker"],
        "mediane_verblijfsduur_dagen": [730.5, 100.0, None, None],
        "langste_verblijfsduur_dagen": [1000.0, 200.0, 1461.0, None],
        "verloop_pct": [25.0, 50.0, None, 10.0],
        "onbezet_dagen": [0, 12, 30, 365],
    }
)


def test_median_in_years_and_the_longest_tenure_where_the_median_is_open():
    values = map_values(PER_WIJK, "mediane_verblijfsduur_dagen", "opbouwwerker")
    # worked out by hand from PER_WIJK, opbouwwerkers only (rows 0, 2 and 3):
    # WK999901: 730,5 days = 2 years; WK999902: no median, longest 1461 days = 4 years as a
    # lower bound; WK999903: neither, so nothing
    expected = pd.DataFrame(
        {
            "gebiedscode": ["WK999901", "WK999902", "WK999903"],
            "value": [2.0, 4.0, np.nan],
            "tekst": pd.Series(
                [None, "mediaan niet bereikt: langer dan 4,0 jaar", None],
                index=[0, 2, 3],
                dtype=object,
            ),
        },
        index=[0, 2, 3],
    )
    pd.testing.assert_frame_equal(values, expected)


def test_other_measures_are_shown_as_they_are_for_the_chosen_rol():
    values = map_values(PER_WIJK, "verloop_pct", "jongerenwerker")
    # worked out by hand: only row 1 is a jongerenwerker; the percentage is not scaled
    expected = pd.DataFrame(
        {
            "gebiedscode": ["WK999901"],
            "value": [50.0],
            "tekst": pd.Series([None], index=[1], dtype=object),
        },
        index=[1],
    )
    pd.testing.assert_frame_equal(values, expected)


def test_counts_become_floats_and_a_missing_value_stays_missing():
    values = map_values(PER_WIJK, "onbezet_dagen", "opbouwwerker")
    expected = pd.DataFrame(
        {
            "gebiedscode": ["WK999901", "WK999902", "WK999903"],
            "value": [0.0, 30.0, 365.0],
            "tekst": pd.Series([None, None, None], index=[0, 2, 3], dtype=object),
        },
        index=[0, 2, 3],
    )
    pd.testing.assert_frame_equal(values, expected)


def test_a_rol_without_rows_gives_an_empty_frame():
    values = map_values(PER_WIJK, "verloop_pct", "wijkagent")
    assert values.to_dict("records") == []
    assert list(values.columns) == ["gebiedscode", "value", "tekst"]


def test_spells_of_one_wijk():
    spells = pd.DataFrame(
        {
            "wijkcode": ["WK999901", "WK999902", "WK999901"],
            "professional_naam": ["Anna", "Bram", "Cem"],
            "startdatum": [date(2022, 1, 1), date(2023, 1, 1), date(2024, 1, 1)],
        }
    )
    # worked out by hand: Anna and Cem work in WK999901
    assert spells_of(spells, "WK999901").to_dict("records") == [
        {"wijkcode": "WK999901", "professional_naam": "Anna", "startdatum": date(2022, 1, 1)},
        {"wijkcode": "WK999901", "professional_naam": "Cem", "startdatum": date(2024, 1, 1)},
    ]
    assert spells_of(spells, "WK999909").to_dict("records") == []


# --- names for team leads --------------------------------------------------------------------

BELEID = Viewer("beleid")
BEHEERDER = Viewer("beheerder")
LEAD_X = Viewer("teamleider", frozenset({"ORG_X"}))
LEAD_Y = Viewer("teamleider", frozenset({"ORG_Y"}))
LEAD_XY = Viewer("teamleider", frozenset({"ORG_X", "ORG_Y"}))

# every name, as if fetched for both organisations: the viewer, not the fetch, decides here
NAMES = pd.DataFrame(
    {
        "professional_id": ["P1", "P2", "P3", "P4"],
        "naam": ["Fatima Bakker", "Jan de Vries", "Piet Smit", "=cmd|' /C calc'!A0"],
        "organisatie_id": ["ORG_X", "ORG_Y", "ORG_X", "ORG_Y"],
    }
)

# the timeline rows of spell_tijdlijn (the columns the labels read)
SPELLS = pd.DataFrame(
    {
        "wijkcode": ["WK1", "WK1", "WK1", "WK1", "WK2"],
        "rol": ["opbouwwerker", "opbouwwerker", "jongerenwerker", "opbouwwerker", "wijkagent"],
        "volgnummer": [1, 2, 1, 27, 1],
        "professional_id": ["P1", "P2", "P1", "P3", "P4"],
        "organisatie_id": ["ORG_X", "ORG_Y", "ORG_X", "ORG_X", "ORG_Y"],
        "startdatum": pd.to_datetime(
            ["2020-01-01", "2021-01-01", "2020-06-01", "2024-01-01", "2022-01-01"]
        ),
    },
    index=[10, 11, 12, 13, 14],
)


@pytest.mark.parametrize(
    ("volgnummer", "expected"),
    [(1, "Opbouwwerker A"), (2, "Opbouwwerker B"), (26, "Opbouwwerker Z"), (27, "Opbouwwerker 27")],
)
def test_anonymous_label_letters_then_numbers(volgnummer, expected):
    assert anonymous_label("opbouwwerker", volgnummer) == expected


@pytest.mark.parametrize(
    ("viewer", "names", "expected"),
    [
        pytest.param(
            BELEID,
            NAMES,
            [
                "Opbouwwerker A",
                "Opbouwwerker B",
                "Jongerenwerker A",
                "Opbouwwerker 27",
                "Wijkagent A",
            ],
            id="beleid-no-names-even-when-given",
        ),
        pytest.param(
            BEHEERDER,
            NAMES,
            [
                "Opbouwwerker A",
                "Opbouwwerker B",
                "Jongerenwerker A",
                "Opbouwwerker 27",
                "Wijkagent A",
            ],
            id="beheerder-no-names",
        ),
        pytest.param(
            # P1 and P3 are ORG_X's: named; P2 and P4 are ORG_Y's: letters, counted among the
            # unnamed only (P2 is WK1's only unnamed opbouwwerker: A, not the B of beleid)
            LEAD_X,
            NAMES,
            ["Fatima Bakker", "Opbouwwerker A", "Fatima Bakker", "Piet Smit", "Wijkagent A"],
            id="teamleider-x",
        ),
        pytest.param(
            # the name is text: shown as it is (the chart escapes it, tables show text); the
            # unnamed opbouwwerkers of WK1 in order of start: P1 (2020) A, P3 (2024) B
            LEAD_Y,
            NAMES,
            [
                "Opbouwwerker A",
                "Jan de Vries",
                "Jongerenwerker A",
                "Opbouwwerker B",
                "=cmd|' /C calc'!A0",
            ],
            id="teamleider-y",
        ),
        pytest.param(
            # a team lead of ORG_X without P3's name fetched: a letter, never an empty label;
            # unnamed in WK1: P2 (2021) A, P3 (2024) B
            LEAD_X,
            NAMES[NAMES["professional_id"] == "P1"],
            ["Fatima Bakker", "Opbouwwerker A", "Fatima Bakker", "Opbouwwerker B", "Wijkagent A"],
            id="teamleider-x-name-missing",
        ),
        pytest.param(
            # a name is only used for the organisation it was fetched for: P2's row is ORG_Y's
            LEAD_XY,
            NAMES.assign(organisatie_id="ORG_X"),
            ["Fatima Bakker", "Opbouwwerker A", "Fatima Bakker", "Piet Smit", "Wijkagent A"],
            id="name-of-another-organisation-not-used",
        ),
        pytest.param(
            # a team lead without names at hand (the audit log is down) still gets letters
            # per person and organisation, counted in the view: P1, P2, P3 by start
            LEAD_X,
            no_names(),
            [
                "Opbouwwerker A",
                "Opbouwwerker B",
                "Jongerenwerker A",
                "Opbouwwerker C",
                "Wijkagent A",
            ],
            id="teamleider-no-names",
        ),
    ],
)
def test_spell_labels(viewer, names, expected):
    labels = spell_labels(SPELLS, names, viewer)
    assert labels.tolist() == expected
    assert labels.index.tolist() == [10, 11, 12, 13, 14]  # aligned with the spells
    assert labelled(SPELLS, names, viewer)["label"].tolist() == expected


# The review's case: one wijk and rol, ORG_X the team lead's. Martijn (P2) moves from ORG_X to
# ORG_Y; spell_tijdlijn numbers people across organisations: Jorien 1, Martijn 2, P3 3.
MOVE = pd.DataFrame(
    {
        "wijkcode": ["WK1"] * 4,
        "rol": ["jongerenwerker"] * 4,
        "volgnummer": [1, 2, 3, 2],
        "professional_id": ["P1", "P2", "P3", "P2"],
        "organisatie_id": ["ORG_X", "ORG_X", "ORG_Z", "ORG_Y"],
        "startdatum": pd.to_datetime(["2018-01-01", "2019-01-01", "2020-01-01", "2022-01-01"]),
    }
)
MOVE_NAMES = pd.DataFrame(
    {
        "professional_id": ["P1", "P2", "P2"],
        "naam": ["Jorien de Wit", "Martijn Öztürk", "Martijn Öztürk"],
        "organisatie_id": ["ORG_X", "ORG_X", "ORG_Y"],
    }
)


def test_a_team_lead_cannot_tell_who_an_anonymous_spell_is_from_its_letter():
    labels = spell_labels(MOVE, MOVE_NAMES, LEAD_X).tolist()
    # ORG_X's spells named; of the rest, in order of start: P3 at ORG_Z (2020) A, Martijn at
    # ORG_Y (2022) B, another person than his named spell. Before: "Jongerenwerker C" and
    # "Jongerenwerker B", with A missing (Jorien) and B the letter of Martijn's whole stay.
    assert labels == ["Jorien de Wit", "Martijn Öztürk", "Jongerenwerker A", "Jongerenwerker B"]
    # the anonymous labels are the same as in the view without the named spells, and do not
    # change when the named people start earlier or later: they say nothing about them
    unnamed = MOVE["organisatie_id"] != "ORG_X"
    assert spell_labels(MOVE[unnamed], MOVE_NAMES, LEAD_X).tolist() == [
        "Jongerenwerker A",
        "Jongerenwerker B",
    ]
    later = MOVE.assign(
        startdatum=pd.to_datetime(["2023-01-01", "2023-06-01", "2020-01-01", "2022-01-01"]),
        volgnummer=[3, 2, 1, 2],
    )
    assert spell_labels(later, MOVE_NAMES, LEAD_X).tolist() == labels


def test_for_a_team_lead_the_same_person_at_another_organisation_is_another_anonymous_person():
    # the team lead of ORG_Y: Martijn's ORG_Y spell named, his ORG_X spell an unnamed person
    # of its own (Jorien 2018 A, Martijn at ORG_X 2019 B, P3 2020 C), not the letter of a name
    assert spell_labels(MOVE, MOVE_NAMES, LEAD_Y).tolist() == [
        "Jongerenwerker A",
        "Jongerenwerker B",
        "Jongerenwerker C",
        "Martijn Öztürk",
    ]
    # a team lead of another organisation still gets letters per person and organisation
    assert spell_labels(MOVE, no_names(), Viewer("teamleider", frozenset({"ORG_W"}))).tolist() == [
        "Jongerenwerker A",
        "Jongerenwerker B",
        "Jongerenwerker C",
        "Jongerenwerker D",
    ]


def test_beleid_sees_the_letters_of_spell_tijdlijn_one_per_person():
    # unchanged: the same person keeps one letter in the wijk and rol, across organisations
    for viewer in (BELEID, BEHEERDER, Viewer("publiek")):
        assert spell_labels(MOVE, MOVE_NAMES, viewer).tolist() == [
            "Jongerenwerker A",
            "Jongerenwerker B",
            "Jongerenwerker C",
            "Jongerenwerker B",
        ]


def test_two_named_people_of_one_name_are_told_apart_by_their_start_not_a_letter():
    spells = pd.DataFrame(
        {
            "wijkcode": ["WK1", "WK1", "WK1", "WK1", "WK2"],
            "rol": ["opbouwwerker"] * 5,
            "volgnummer": [1, 3, 3, 2, 1],
            "professional_id": ["P1", "P2", "P2", "P5", "P1"],
            "organisatie_id": ["ORG_X", "ORG_X", "ORG_X", "ORG_Y", "ORG_X"],
            "startdatum": pd.to_datetime(
                ["2020-03-01", "2023-01-05", "2024-02-01", "2021-01-01", "2022-01-01"]
            ),
        }
    )
    names = pd.DataFrame(
        {
            "professional_id": ["P1", "P2"],
            "naam": ["Jan de Vries"] * 2,
            "organisatie_id": ["ORG_X"] * 2,
        }
    )
    # P1 and P2 (two spells) share a name in WK1: each gets their first start there, P5 (ORG_Y)
    # is WK1's only unnamed opbouwwerker, so A; in WK2 P1 is the only Jan de Vries.
    # Before: "Jan de Vries (A)" and "(C)", giving away that B is someone else.
    assert spell_labels(spells, names, LEAD_X).tolist() == [
        "Jan de Vries (vanaf 1 mrt 2020)",
        "Jan de Vries (vanaf 5 jan 2023)",
        "Jan de Vries (vanaf 5 jan 2023)",
        "Opbouwwerker A",
        "Jan de Vries",
    ]
    # two of one name who started on the same day are counted
    same_day = spells.assign(startdatum=pd.to_datetime(["2020-03-01"] * 5))
    assert spell_labels(same_day, names, LEAD_X).tolist()[:3] == [
        "Jan de Vries (vanaf 1 mrt 2020, 1)",
        "Jan de Vries (vanaf 1 mrt 2020, 2)",
        "Jan de Vries (vanaf 1 mrt 2020, 2)",
    ]


# continuiteit_signalen rows on the peildatum 31 Oct 2026 (their dagen counted from it), in
# no particular order
SIGNALS = pd.DataFrame(
    {
        "signaal": [
            "vertrek_zonder_opvolger",
            "rol_onbezet",
            "vertrek_zonder_opvolger",
            "vertrek_zonder_opvolger",
            "rol_onbezet",
        ],
        "gemeentecode": ["GM1"] * 5,
        "wijkcode": ["WK1", "WK2", "WK3", "WK4", "WK1"],
        "wijknaam": ["Molenkwartier", "Oude Haven", "Centrum", "Rivierzicht", "Molenkwartier"],
        "rol": ["opbouwwerker", "opbouwwerker", "jongerenwerker", "buurtteam", "other"],
        "professional_id": ["P1", None, "P3", "P2", None],
        "organisatie_id": ["ORG_X", "ORG_X", "ORG_X", "ORG_Y", "ORG_X"],
        "startdatum": pd.to_datetime(["2020-03-01", None, "2024-01-10", "2025-05-05", None]),
        "einddatum": pd.to_datetime(
            ["2026-12-15", "2026-03-02", "2026-11-01", "2026-11-10", "2026-10-20"]
        ),
        "dagen": [45, 243, 1, 10, 11],
    }
)


def test_named_signals_of_a_team_lead_most_urgent_first():
    shown = named_signals(SIGNALS, NAMES, LEAD_X)
    assert list(shown.columns) == list(NAMED_SIGNAL_COLUMNS)
    # Worked out by hand from the peildatum 2026-10-31, ORG_X's rows only (not P2's):
    # - Oude Haven opbouwwerker: last day 2026-03-02, so nobody since 3 mrt; unfilled
    #   Mar 3..Oct 31 = 29 + 30 + 31 + 30 + 31 + 31 + 30 + 31 = 243 days → urgency −243
    # - Molenkwartier other: last day 2026-10-20, nobody since 21 okt, 11 days → −11
    # - Piet Smit leaves 2026-11-01: 1 day left → 1 ("dag", singular)
    # - Fatima Bakker leaves 2026-12-15: Nov 30 + 15 = 45 days left → 45
    assert shown["tekst"].tolist() == [
        "Oude Haven: geen opbouwwerker sinds 3 mrt 2026 (243 dagen)",
        "Molenkwartier: geen overige professional sinds 21 okt 2026 (11 dagen)",
        "Piet Smit (jongerenwerker, Centrum) stopt over 1 dag; geen opvolger",
        "Fatima Bakker (opbouwwerker, Molenkwartier) stopt over 45 dagen; geen opvolger",
    ]
    assert shown["startdatum"].tolist() == [None, None, date(2024, 1, 10), date(2020, 3, 1)]
    assert shown["einddatum"].tolist() == [
        date(2026, 3, 2),
        date(2026, 10, 20),
        date(2026, 11, 1),
        date(2026, 12, 15),
    ]
    assert shown["organisatie_id"].tolist() == ["ORG_X"] * 4
    assert shown["wijkcode"].tolist() == ["WK2", "WK1", "WK3", "WK1"]


def test_named_signals_of_another_team_lead():
    shown = named_signals(SIGNALS, NAMES, LEAD_Y)
    # 2026-11-10 − 2026-10-31 = 10 days
    assert shown[["tekst", "startdatum"]].to_dict("records") == [
        {
            "tekst": "Jan de Vries (buurtteam, Rivierzicht) stopt over 10 dagen; geen opvolger",
            "startdatum": date(2025, 5, 5),
        }
    ]


@pytest.mark.parametrize("viewer", [BELEID, BEHEERDER, Viewer("publiek"), Viewer("teamleider")])
def test_named_signals_for_anyone_else_are_none(viewer):
    shown = named_signals(SIGNALS, NAMES, viewer)
    assert shown.empty
    assert list(shown.columns) == list(NAMED_SIGNAL_COLUMNS)


def test_a_departure_without_a_fetched_name_says_who_by_rol():
    shown = named_signals(SIGNALS.iloc[[0]], no_names(), LEAD_X)
    assert shown["tekst"].tolist() == [
        "Een professional (opbouwwerker, Molenkwartier) stopt over 45 dagen; geen opvolger"
    ]


def test_all_signals_most_urgent_first_as_a_team_lead_sees_their_own():
    # by hand from SIGNALS' dagen: unfilled 243 and 11 days (urgency −243, −11), then
    # departures in 1, 10 and 45 days; the same order as named_signals, for every organisation
    ordered = by_urgency(SIGNALS)
    assert ordered["wijknaam"].tolist() == [
        "Oude Haven",
        "Molenkwartier",
        "Centrum",
        "Rivierzicht",
        "Molenkwartier",
    ]
    assert ordered["dagen"].tolist() == [243, 11, 1, 10, 45]
    assert by_urgency(SIGNALS.iloc[0:0]).empty


def test_a_team_lead_reads_how_many_of_the_signals_on_the_screen_are_theirs():
    # of the screen's signals, with its filters: Overzicht counts the gemeente's, unfiltered
    assert own_share(1, 5) == (
        "Signalen over uw organisatie: 1 van 5 op dit scherm (met de gekozen filters); alle 5"
        " staan hieronder, zonder namen."
    )


def test_a_signal_without_days_sorts_last():
    signals = SIGNALS.assign(dagen=[45.0, None, 1.0, 10.0, 11.0])
    # by hand: unfilled 11 days (−11), departures in 1, 10, 45 days, then the unknown one
    assert by_urgency(signals)["dagen"].tolist()[:4] == [11.0, 1.0, 10.0, 45.0]
    assert by_urgency(signals)["wijknaam"].tolist()[4] == "Oude Haven"


@pytest.mark.parametrize(
    ("period", "days"),
    [
        # a month: 30 days (1 to 30 november)
        (Period(date(2026, 11, 1), date(2026, 11, 30)), 30),
        # 364 days: one day short of a year
        (Period(date(2025, 11, 1), date(2026, 10, 30)), 364),
    ],
)
def test_a_period_under_a_year_warns_that_its_verloop_is_scaled_up(period, days):
    note = short_period_note(period)
    assert note is not None
    assert note.startswith(f"Deze periode duurt {days} dagen: het verloop is omgerekend")


@pytest.mark.parametrize(
    "period",
    [Period(date(2025, 11, 1), date(2026, 10, 31)), Period(date(2024, 1, 1), date(2025, 12, 31))],
)
def test_a_year_or_longer_needs_no_warning(period):
    assert short_period_note(period) is None


def test_the_download_holds_the_table_the_screen_shows():
    per_area = pd.DataFrame(
        {
            "gebiedscode": ["WK1", "WK2"],
            "naam": ["Molenkwartier", "Oude Haven"],
            "rol": ["opbouwwerker", "opbouwwerker"],
            "mediane_verblijfsduur_dagen": [730.5, 365.25],
            "langste_verblijfsduur_dagen": [1000.0, 400.0],
            "verloop_pct": [25.0, 50.0],
            "gezichten": [2, 3],
            "onbezet_dagen": [0, 12],
            "continuiteitsindex": [50.0, 0.0],
        }
    )
    focus = Focus("WK2", "Oude Haven", "wijk", True)
    shown = focus.within(per_area, "gebiedscode")
    signals = focus.within(by_urgency(SIGNALS))
    [(title, table), (signals_title, signal_rows)] = download_tables(shown, signals, focus, "wijk")
    assert title == "Per rol in Oude Haven"
    assert table["Gebiedscode"].tolist() == ["WK2"]
    assert signals_title == "Signalen · Oude Haven"
    assert signal_rows["Wijk"].tolist() == ["Oude Haven"]
    whole = Focus("GM1", "Lindenwaard", "gemeente", False)
    [(title, table), (signals_title, _rows)] = download_tables(per_area, SIGNALS, whole, "wijk")
    assert title == "Per wijk en rol"
    assert table["Gebiedscode"].tolist() == ["WK1", "WK2"]
    # the gemeente is in the file's first sheet; "Signalen · Lindenwaard (fictie…" was cut
    assert signals_title == "Signalen"


# the columns of queries.continuiteit that the download reads
CONTINUITY_COLUMNS = [
    "gebiedscode",
    "naam",
    "rol",
    "mediane_verblijfsduur_dagen",
    "langste_verblijfsduur_dagen",
    "verloop_pct",
    "gezichten",
    "onbezet_dagen",
    "continuiteitsindex",
]


def test_national_signals_in_the_download_name_their_gemeente():
    country = Focus("NL", "Heel Nederland", "gemeente", False, national=True)
    two = SIGNALS.iloc[:2].assign(gemeentecode=["GM1", "GM2"])
    [_table, (_title, signal_rows)] = download_tables(
        pd.DataFrame(columns=CONTINUITY_COLUMNS),
        two,
        country,
        "gemeente",
        {"GM1": "Lindenwaard", "GM2": "Hulststede"},
    )
    assert list(signal_rows.columns[:3]) == ["Signaal", "Gemeente", "Wijk"]
    assert signal_rows["Gemeente"].tolist() == ["Lindenwaard", "Hulststede"]


def test_an_organisations_table_leaves_out_the_rollen_it_had_nobody_in():
    """Filtered on one organisatie, a rol in which it had no spell in any wijk read "365
    onbezette dagen" in every wijk (a team lead's walk: Centrum's buurtteam came from another
    organisation). Hand-made: the organisatie has an opbouwwerker in Noord only; buurtteam
    and wijkagent have no spell anywhere, so they go, and are named in the note."""
    per_area = pd.DataFrame(
        {
            "gebiedscode": ["WK1", "WK1", "WK1", "WK2", "WK2", "WK2"],
            "rol": ["opbouwwerker", "buurtteam", "wijkagent"] * 2,
            "spells": [1, 0, 0, 0, 0, 0],
        }
    )
    kept, absent = roles_in_scope(per_area, "ORG1")
    # the opbouwwerker stays in both wijken: in Zuid (no spell) it is a real gap of the rol
    assert kept[["gebiedscode", "rol"]].values.tolist() == [
        ["WK1", "opbouwwerker"],
        ["WK2", "opbouwwerker"],
    ]
    assert absent == ["buurtteam", "wijkagent"]
    assert absent_roles_note(absent) == (
        "Rollen waarin deze organisatie in deze periode niemand had, staan er niet in:"
        " buurtteam en wijkagent."
    )
    # unfiltered every row stays (pinned reading 4), and there is nothing to say
    unfiltered, none = roles_in_scope(per_area, None)
    assert unfiltered is per_area and none == []
    assert absent_roles_note([]) is None
