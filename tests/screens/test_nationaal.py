"""dashboard.screens.nationaal: country figures from per-gemeente rows, added up only where they add up.

(The pooled Kaplan–Meier curve and turnover are tested in tests/test_national_view.py.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.domain.codes import NATIONAL
from dashboard.screens.nationaal import (
    ReachTotal,
    SessionTotals,
    reach_total,
    session_totals,
    total,
    trend_total,
)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (pd.Series([1, 2, 3]), 6.0),
        (pd.Series([0.5, 2.25]), 2.75),
        (pd.Series(["1", "2.5"]), 3.5),  # numbers as text are read as numbers
        (pd.Series([1.0, np.nan]), None),  # a missing gemeente: no total
        (pd.Series([1, "onbekend"]), None),  # not a number counts as missing
        (pd.Series([], dtype=float), None),
    ],
)
def test_total(values, expected):
    result = total(values)
    assert result == expected and type(result) is type(expected)


def test_session_totals_add_up_counts_and_rebuild_the_share():
    per_type = pd.DataFrame(
        {
            "gebiedscode": ["GM0001", "GM0001", "GM0002"],
            "activiteit_type": ["taalcafé", "buurtcafé", "taalcafé"],
            "bijeenkomsten": [4, 6, 10],
            "bijeenkomsten_bewonersinitiatief": [1, 0, 4],
            "deelnames": [40, 30, 100],
        }
    )
    # worked out by hand: 4 + 6 + 10 = 20 bijeenkomsten, 1 + 0 + 4 = 5 of bewonersinitiatieven
    # (25%), 40 + 30 + 100 = 170 deelnames
    assert session_totals(per_type) == SessionTotals(20, 170, 25.0)


def test_session_totals_without_sessions_have_no_share():
    per_type = pd.DataFrame(
        {"bijeenkomsten": [0, 0], "bijeenkomsten_bewonersinitiatief": [0, 0], "deelnames": [0, 0]}
    )
    assert session_totals(per_type) == SessionTotals(0, 0, None)


def test_reach_total_leaves_out_what_a_missing_gemeente_would_hide():
    per_gemeente = pd.DataFrame(
        {
            "gemeentecode": ["GM0001", "GM0002", "GM0003"],
            "inwoners": [1000, None, 500],
            "bijeenkomsten": [10, 20, 3],
            "deelnames": [100, 250, 30],
            "bewonersinitiatief_pct": [30.0, None, 33.3],
        }
    )
    # worked out by hand: sessions of bewonersinitiatieven per gemeente 30% of 10 = 3, none
    # (no share) of 20 = 0 and 33,3% of 3 = 0,999, rounded 1: 4 of 33 bijeenkomsten.
    # Inwoners of GM0002 are missing, so there is no national total.
    assert reach_total(per_gemeente) == ReachTotal(
        gemeenten=3,
        inwoners=None,
        bijeenkomsten=33.0,
        deelnames=380.0,
        bewonersinitiatief_pct=400 / 33,
    )


def test_reach_total_without_the_deelnames_of_a_gemeente_has_no_deelnames():
    # under wie a gemeente that registers session totals only has unknown deelnames: a sum
    # without them would hide that gap (the sessions still add up: 10 + 4)
    per_gemeente = pd.DataFrame(
        {
            "inwoners": [1000, 2000],
            "bijeenkomsten": [10, 4],
            "deelnames": [100, None],
            "bewonersinitiatief_pct": [50.0, 25.0],
        }
    )
    # worked out by hand: 50% of 10 = 5 and 25% of 4 = 1 owned: 6 of 14 sessions
    assert reach_total(per_gemeente) == ReachTotal(2, 3000.0, 14.0, None, 600 / 14)


def test_reach_total_leaves_out_a_gemeente_that_registers_no_activities():
    # A CBS file loads all 342 gemeenten, and a few register: one silent gemeente (its
    # bijeenkomsten, deelnames and share unknown, bereik_vensters) made every national
    # sum unknown. Worked out by hand: the sums are the other gemeente's (10 sessions,
    # 100 deelnames, 50% owned), the inwoners (CBS) everyone's, 1 gemeente left out.
    per_gemeente = pd.DataFrame(
        {
            "inwoners": [1000, 2000],
            "bijeenkomsten": [10, None],
            "deelnames": [100, None],
            "bewonersinitiatief_pct": [50.0, None],
        }
    )
    assert reach_total(per_gemeente) == ReachTotal(
        2, 3000.0, 10.0, 100.0, 50.0, zonder_activiteiten=1
    )


def test_reach_total_without_sessions_has_no_share():
    per_gemeente = pd.DataFrame(
        {
            "inwoners": [1000],
            "bijeenkomsten": [0],
            "deelnames": [0],
            "bewonersinitiatief_pct": [None],
        }
    )
    assert reach_total(per_gemeente) == ReachTotal(1, 1000.0, 0.0, 0.0, None)


def test_trend_total_adds_up_per_month():
    per_maand = pd.DataFrame(
        {
            "gebiedscode": ["GM0002", "GM0001", "GM0001", "GM0002", "GM0003"],
            "maand": pd.to_datetime(
                ["2024-02-01", "2024-01-01", "2024-02-01", "2024-01-01", "2024-03-01"]
            ),
            "bijeenkomsten": [1, 2, 4, 3, 7],
            "deelnames": [5.0, 10.0, None, 15.0, 70.0],
            "unieke_deelnemers": [4, 8, 3, 12, 50],
        }
    )
    # worked out by hand: January 2 + 3 and 10 + 15; February 1 + 4, deelnames missing for
    # GM0001 so no total; March only GM0003. Unique participants never add up: empty.
    expected = pd.DataFrame(
        {
            "gebiedscode": [NATIONAL, NATIONAL, NATIONAL],
            "maand": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]),
            "bijeenkomsten": [5.0, 5.0, 7.0],
            "deelnames": [25.0, np.nan, 70.0],
            "unieke_deelnemers": [np.nan, np.nan, np.nan],
        }
    )
    pd.testing.assert_frame_equal(trend_total(per_maand), expected)


def test_trend_total_leaves_out_a_gemeente_that_registers_no_activities():
    # GM0002 registers nothing (bereik_per_maand leaves its months empty): the months are
    # GM0001's alone, 2 and 4 sessions, 10 and 20 deelnames
    per_maand = pd.DataFrame(
        {
            "gebiedscode": ["GM0001", "GM0001", "GM0002", "GM0002"],
            "maand": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-01", "2024-02-01"]),
            "bijeenkomsten": [2, 4, None, None],
            "deelnames": [10.0, 20.0, None, None],
            "unieke_deelnemers": [8, 12, None, None],
        }
    )
    shown = trend_total(per_maand)
    assert shown["bijeenkomsten"].tolist() == [2.0, 4.0]
    assert shown["deelnames"].tolist() == [10.0, 20.0]


def test_trend_total_of_no_months():
    empty = pd.DataFrame(
        columns=["gebiedscode", "maand", "bijeenkomsten", "deelnames", "unieke_deelnemers"]
    )
    pd.testing.assert_frame_equal(
        trend_total(empty),
        pd.DataFrame(
            columns=["gebiedscode", "maand", "bijeenkomsten", "deelnames", "unieke_deelnemers"]
        ),
    )
