"""Dutch formats and the small-number rule."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dashboard.display import formatting


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, "1.234,5"),
        (1234567, 0, "1.234.567"),
        (0.25, 2, "0,25"),
        (-3.14159, 2, "-3,14"),
        (None, 0, "geen gegevens"),
        (float("nan"), 1, "geen gegevens"),
    ],
)
def test_number(value, decimals, expected):
    assert formatting.number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (1200, "1.200"), (None, "geen gegevens")],
)
def test_persons_small_number_rule(value, expected):
    assert formatting.persons(value) == expected


def test_dates_and_durations():
    assert formatting.dutch_date(date(2025, 3, 3)) == "3 mrt 2025"
    assert formatting.dutch_date(date(2024, 12, 31)) == "31 dec 2024"
    assert formatting.dutch_datetime(datetime(2025, 3, 3, 9, 5, 59)) == "3 mrt 2025 09:05"
    # 730.5 days / 365.25 = 2.0 years
    assert formatting.duration(730.5) == "2,0 jaar"
    # under a year in whole months (30,44 days each), under a month in days: a stay of 12
    # days read "0,0 jaar" (a team lead's walk, one month's "langer dan 0,0 jaar")
    assert formatting.duration(364) == "11 maanden"  # 364 / 30,44 = 11,96
    assert formatting.duration(365) == "1,0 jaar"  # 1 Nov to 31 Oct (a review: "11 maanden")
    assert formatting.duration(31) == "1 maand"
    assert formatting.duration(30) == "30 dagen"
    assert formatting.duration(1) == "1 dag"
    assert formatting.duration(365.25) == "1,0 jaar"
    assert formatting.percentage(12.5, 1) == "12,5%"
    # fte = uren / 36: 0,8 × 36 = 28,8 → 29; 1/36 fte is 1 hour
    assert formatting.hours_per_week(0.8) == "29 uur per week"
    assert formatting.hours_per_week(1 / 36) == "1 uur per week"
    assert formatting.hours_per_week(0.01) == "minder dan 1 uur per week"  # 0,36 hours


@pytest.mark.parametrize(
    ("parts", "hidden"),
    [
        # worked by hand: a total of 40 with 36 and "<5" shown gives the 4 back, so the 36 is
        # hidden too (it is the only other positive part)
        ([36, 4], [True, True]),
        # 3 + 1 = 4 hidden is still fewer than 5: the smallest other part (7) joins them, the 10
        # stays; 3 + 1 + 7 = 11 can no longer be split back
        ([10, 3, 1, 7], [False, True, True, True]),
        # 3 + 4 = 7 hidden: enough, the 10 and the 0 stay
        ([10, 3, 4, 0], [False, True, True, False]),
        # nothing small: nothing hidden; zeros are never hidden
        ([20, 30, 0], [False, False, False]),
        # on a tie the first of the smallest goes
        ([2, 8, 8], [True, True, False]),
        # an unknown part is left as it is (the total minus the rest is then not the small one)
        ([None, 2, 9], [False, True, True]),
    ],
)
def test_hidden_parts_hide_a_small_count_with_the_smallest_other(parts, hidden):
    assert formatting.hidden_parts(parts) == hidden


def test_part_texts_say_which_are_small_and_which_are_hidden_beside_them():
    assert formatting.part_texts([36, 4, 0]) == ["verborgen (kleine aantallen)", "<5", "0"]
    assert formatting.part_texts([36, 40]) == ["36", "40"]


def test_hidden_parts_break_ties_by_key_in_any_order():
    # worked by hand: A=3 is small; B and C both 6 are the smallest others. By key, B goes,
    # whatever order a view lists them in (a chart sorts ascending, a sentence descending)
    assert formatting.hidden_parts([3, 6, 6, 50], keys=["A", "C", "B", "D"]) == [
        True,
        False,
        True,
        False,
    ]
    assert formatting.hidden_parts([50, 6, 6, 3], keys=["D", "B", "C", "A"]) == [
        False,
        True,
        False,
        True,
    ]


def test_hidden_parts_hold_within_each_group():
    # two gemeenten on a national map: G1's small 3 is hidden with G1's 10, not with G2's 7
    assert formatting.hidden_parts([3, 10, 20, 7], groups=["G1", "G1", "G2", "G2"]) == [
        True,
        True,
        False,
        False,
    ]


def test_one_more_hidden_when_nothing_else_is():
    # a hidden total of 30 = 20 + 10: the smaller part goes too; beside a small part the rule
    # already hides the other, so nothing is added
    assert formatting.one_more_hidden([20, 10], ["a", "b"]) == [False, True]
    assert formatting.one_more_hidden([20, 3], ["a", "b"]) == [False, False]
    assert formatting.one_more_hidden([0, None], ["a", "b"]) == [False, False]


def test_a_change_of_the_values_as_shown():
    # worked by hand: "30,2" (30.24) against "26,7" (26.66) is +3,5; unrounded 3.58 -> "3,6"
    assert formatting.shown_change(30.24, 26.66, 1) == 3.5
    # without decimals an int: a spreadsheet shows "250", not "250,0"
    change = formatting.shown_change(1250.4, 1000.2)
    assert change == 250 and isinstance(change, int)
    # 0.46498 is shown as 0,46 (and so kept for a spreadsheet cell)
    assert formatting.as_shown(0.46498, 2) == 0.46
