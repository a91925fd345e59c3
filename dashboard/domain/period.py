"""A period of calendar days, and the error every layer raises for a request it cannot answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


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
