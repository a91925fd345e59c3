"""dashboard.screens.focus: which area the detail charts show, and the rows that belong to it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from dashboard.domain.codes import NATIONAL
from dashboard.screens.focus import Focus, focus_of
from dashboard.screens.state import State

AREAS = pd.DataFrame({"gebiedscode": ["WK999901", "WK999902"], "naam": ["Centrum", "Noord"]})
STATE = State("GM9999", date(2024, 1, 1), date(2024, 12, 31))

# one row per area and month, as the per-area queries return them
PER_AREA = pd.DataFrame(
    {
        "gebiedscode": ["WK999901", "WK999902", "WK999901"],
        "maand": ["2024-01", "2024-01", "2024-02"],
        "deelnames": [10, 20, 30],
    }
)
# buurten with the wijk they lie in
BUURTEN = pd.DataFrame(
    {
        "gebiedscode": ["BU99990101", "BU99990201", "BU99990102"],
        "wijkcode": ["WK999901", "WK999902", "WK999901"],
    }
)


def test_focus_of_without_a_selection_is_the_gemeente():
    assert focus_of(STATE, AREAS, "Demodorp") == Focus("GM9999", "Demodorp", "gemeente", False)


def test_focus_of_a_selected_area_takes_its_name_and_the_state_level():
    state = replace(STATE, selected="WK999902", level="wijk")
    assert focus_of(state, AREAS, "Demodorp") == Focus("WK999902", "Noord", "wijk", True)


def test_focus_of_a_selected_area_at_an_explicit_level():
    state = replace(STATE, selected="WK999901", level="buurt")
    assert focus_of(state, AREAS, "Demodorp", level="wijk") == Focus(
        "WK999901", "Centrum", "wijk", True
    )


def test_focus_of_a_selection_that_is_not_one_of_the_areas_is_the_gemeente():
    state = replace(STATE, selected="BU99990101")
    assert focus_of(state, AREAS, "Demodorp") == Focus("GM9999", "Demodorp", "gemeente", False)


def test_focus_of_the_national_state_is_the_country():
    state = State(NATIONAL, date(2024, 1, 1), date(2024, 12, 31), level="gemeente")
    gemeenten = pd.DataFrame({"gebiedscode": ["GM0001"], "naam": ["Eerstedorp"]})
    assert focus_of(state, gemeenten, "Heel Nederland") == Focus(
        NATIONAL, "Heel Nederland", "gemeente", False, national=True
    )


def test_rows_of_an_area_are_its_own_rows():
    rows = Focus("WK999901", "Centrum", "wijk", True).rows(PER_AREA)
    # worked out by hand from PER_AREA: rows 0 and 2 are WK999901's
    expected = pd.DataFrame(
        {
            "gebiedscode": ["WK999901", "WK999901"],
            "maand": ["2024-01", "2024-02"],
            "deelnames": [10, 30],
        },
        index=[0, 2],
    )
    pd.testing.assert_frame_equal(rows, expected)


def test_rows_of_the_gemeente_are_its_own_row_only():
    rows = Focus("GM9999", "Demodorp", "gemeente", False).rows(PER_AREA)
    pd.testing.assert_frame_equal(rows, PER_AREA.iloc[0:0])


def test_rows_of_the_country_are_every_row():
    rows = Focus(NATIONAL, "Heel Nederland", "gemeente", False, national=True).rows(PER_AREA)
    pd.testing.assert_frame_equal(rows, PER_AREA)


def test_within_an_area_keeps_the_rows_inside_it():
    inside = Focus("WK999901", "Centrum", "wijk", True).within(BUURTEN)
    # worked out by hand from BUURTEN: the two buurten of WK999901
    expected = pd.DataFrame(
        {"gebiedscode": ["BU99990101", "BU99990102"], "wijkcode": ["WK999901", "WK999901"]},
        index=[0, 2],
    )
    pd.testing.assert_frame_equal(inside, expected)


def test_within_an_area_by_another_column():
    inside = Focus("BU99990201", "Noord-Oost", "buurt", True).within(BUURTEN, column="gebiedscode")
    expected = pd.DataFrame({"gebiedscode": ["BU99990201"], "wijkcode": ["WK999902"]}, index=[1])
    pd.testing.assert_frame_equal(inside, expected)


def test_within_the_gemeente_or_country_keeps_every_row():
    pd.testing.assert_frame_equal(
        Focus("GM9999", "Demodorp", "gemeente", False).within(BUURTEN), BUURTEN
    )
    pd.testing.assert_frame_equal(
        Focus(NATIONAL, "Heel Nederland", "gemeente", False, national=True).within(BUURTEN),
        BUURTEN,
    )


def test_marks_point_at_the_focused_areas_rows_only():
    # PER_AREA rows 0 and 2 are Centrum's (WK999901); without a selected area none is marked
    centrum = Focus("WK999901", "Centrum", "wijk", True)
    assert centrum.marks(PER_AREA) == [True, False, True]
    assert Focus("GM9999", "Demodorp", "gemeente", False).marks(PER_AREA) == [False] * 3
    assert centrum.marks(PER_AREA.drop(columns=["gebiedscode"])) == [False] * 3
