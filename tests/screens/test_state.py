"""dashboard.screens.state: the level of inzet-based figures.

(The URL form of the state is tested in tests/test_filters.py and tests/test_national_view.py.)
"""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.domain.codes import NATIONAL
from dashboard.screens.state import State


@pytest.mark.parametrize(
    ("gemeente", "level", "expected"),
    [
        (NATIONAL, "gemeente", "gemeente"),  # the national map per gemeente
        (NATIONAL, "wijk", "wijk"),
        (NATIONAL, "buurt", "wijk"),  # inzet is registered per wijk
        ("GM9999", "wijk", "wijk"),
        ("GM9999", "buurt", "wijk"),
        ("GM9999", "eigen", "wijk"),
    ],
)
def test_inzet_level(gemeente, level, expected):
    state = State(gemeente, date(2024, 1, 1), date(2024, 12, 31), level=level)
    assert state.inzet_level == expected


def test_period_and_query_gemeente():
    state = State("GM9999", date(2024, 1, 1), date(2024, 12, 31))
    assert (state.period.start, state.period.end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert (state.is_national, state.query_gemeente) == (False, "GM9999")
    national = State(NATIONAL, date(2024, 1, 1), date(2024, 12, 31), level="gemeente")
    assert (national.is_national, national.query_gemeente) == (True, None)
