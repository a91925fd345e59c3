"""A period of calendar days, and the error every layer raises for a request it cannot answer."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal


class QueryError(ValueError):
    """A request the data model cannot answer; the message is Dutch and meant for users."""


@dataclass(frozen=True)
class Period:
    """A period of calendar days, both ends included; the end is the reference date."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise QueryError(
                f"De einddatum ({self.end:%d-%m-%Y}) ligt voor de startdatum ({self.start:%d-%m-%Y})."
            )

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    @property
    def kind(self) -> Literal["jaar", "kwartaal", "maand", "periode"]:
        """What calendar unit the period is: a whole year, quarter or month, else a custom period."""
        whole_months = self.start.day == 1 and self.end.day == _last_day(self.end)
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        if not whole_months:
            return "periode"
        if months == 12 and self.start.month == 1:
            return "jaar"
        if months == 3 and self.start.month in (1, 4, 7, 10):
            return "kwartaal"
        if months == 1:
            return "maand"
        return "periode"

    def year_earlier(self, years: int = 1) -> Period:
        """The period people compare with: the same calendar dates `years` earlier.

        A year against the year before, a quarter or month against the same one a year
        earlier; a period that ends on a month's last day ends on that month's last day a year
        earlier (February 2024 → 1–28 February 2023), and 29 February becomes the 28th.
        """
        start = _years_back(self.start, years, month_end=False)
        end = _years_back(self.end, years, month_end=self.end.day == _last_day(self.end))
        return Period(start, end)


def _last_day(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _years_back(day: date, years: int, month_end: bool) -> date:
    """The same date `years` earlier; the last day of the month stays the last day."""
    year = day.year - years
    last = calendar.monthrange(year, day.month)[1]
    return date(year, day.month, last if month_end else min(day.day, last))
