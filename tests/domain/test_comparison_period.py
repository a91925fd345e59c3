"""Comparison periods by calendar (issue 14 item 3): a year against the year before, a quarter or
month against the same one a year earlier, a custom period against the same dates a year
earlier. Every expected date below is worked out by hand from a calendar."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.display.formatting import comparison_text, period_name
from dashboard.domain.period import Period


@pytest.mark.parametrize(
    ("start", "end", "kind", "earlier"),
    [
        # a calendar year: 2025 against 2024 (before: 2 jan 2024 - 31 dec 2024, 365 days back)
        (date(2025, 1, 1), date(2025, 12, 31), "jaar", (date(2024, 1, 1), date(2024, 12, 31))),
        # a leap year against the year before it
        (date(2024, 1, 1), date(2024, 12, 31), "jaar", (date(2023, 1, 1), date(2023, 12, 31))),
        # 2nd quarter 2025 against 2nd quarter 2024
        (date(2025, 4, 1), date(2025, 6, 30), "kwartaal", (date(2024, 4, 1), date(2024, 6, 30))),
        # a month: March 2025 against March 2024
        (date(2025, 3, 1), date(2025, 3, 31), "maand", (date(2024, 3, 1), date(2024, 3, 31))),
        # February of a leap year: 1-29 Feb 2024 against 1-28 Feb 2023
        (date(2024, 2, 1), date(2024, 2, 29), "maand", (date(2023, 2, 1), date(2023, 2, 28))),
        # February 2025 against the leap February 2024: the month's last day stays its last day
        (date(2025, 2, 1), date(2025, 2, 28), "maand", (date(2024, 2, 1), date(2024, 2, 29))),
        # a custom period ending on a leap day: 29 Feb becomes 28 Feb
        (date(2023, 11, 15), date(2024, 2, 29), "periode", (date(2022, 11, 15), date(2023, 2, 28))),
        # a custom period of 12 months not starting in January (the default of the screens)
        (date(2025, 11, 1), date(2026, 10, 31), "periode", (date(2024, 11, 1), date(2025, 10, 31))),
        # custom dates inside months
        (date(2025, 3, 10), date(2025, 6, 20), "periode", (date(2024, 3, 10), date(2024, 6, 20))),
        # three months that are no quarter
        (date(2025, 2, 1), date(2025, 4, 30), "periode", (date(2024, 2, 1), date(2024, 4, 30))),
    ],
)
def test_year_earlier(start, end, kind, earlier):
    period = Period(start, end)
    assert period.kind == kind
    assert period.year_earlier() == Period(*earlier)


def test_labels_say_which_period():
    assert comparison_text(Period(date(2025, 1, 1), date(2025, 12, 31))) == (
        "Verandering ten opzichte van 2024 (het jaar ervoor)."
    )
    assert comparison_text(Period(date(2025, 4, 1), date(2025, 6, 30))) == (
        "Verandering ten opzichte van het 2e kwartaal van 2024 (hetzelfde kwartaal een jaar eerder)."
    )
    assert comparison_text(Period(date(2025, 3, 1), date(2025, 3, 31))) == (
        "Verandering ten opzichte van maart 2024 (dezelfde maand een jaar eerder)."
    )
    assert comparison_text(Period(date(2025, 11, 1), date(2026, 10, 31))) == (
        "Verandering ten opzichte van 1 nov 2024 t/m 31 okt 2025 (dezelfde data een jaar eerder)."
    )
    assert period_name(Period(date(2025, 10, 1), date(2025, 12, 31))) == (
        "het 4e kwartaal van 2025"
    )
