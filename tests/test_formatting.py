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
    assert formatting.days_as_years(730.5) == "2,0 jaar"
    assert formatting.percentage(12.5, 1) == "12,5%"
