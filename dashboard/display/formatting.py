"""Dutch number and date formats for the UI (1.234,5; 3 mrt 2025) and the small-number rule."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import SupportsFloat

from dashboard.domain.period import Period

MONTH_NAMES = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

# docs/DESIGN.md §7: counts of persons below this threshold are shown as "<5" on screen.
SMALL_NUMBER_THRESHOLD = 5

MISSING = "geen gegevens"


def is_missing(value: object) -> bool:
    """True for None and NaN/NA."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except TypeError:  # pandas.NA refuses comparison in a boolean context
        return True


def number(value: SupportsFloat | None, decimals: int = 0) -> str:
    """Format a number the Dutch way: thousands with '.', decimals with ','."""
    if value is None or is_missing(value):
        return MISSING
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percentage(value: SupportsFloat | None, decimals: int = 0) -> str:
    """Format a percentage: 12,5%."""
    return MISSING if is_missing(value) else f"{number(value, decimals)}%"


def persons(value: SupportsFloat | None, threshold: int = SMALL_NUMBER_THRESHOLD) -> str:
    """A count of persons under the small-number rule: below the threshold (but above 0) it is '<5'."""
    if value is None or is_missing(value):
        return MISSING
    if 0 < int(float(value)) < threshold:
        return f"<{threshold}"
    return number(value)


def is_small(count: object, threshold: int = SMALL_NUMBER_THRESHOLD) -> bool:
    """The small-number rule: a count of persons (or of their deelnames) from 1 to 4."""
    return not is_missing(count) and 0 < float(count) < threshold  # type: ignore[arg-type]


def share_hidden(pct: object, base: object, threshold: int = SMALL_NUMBER_THRESHOLD) -> bool:
    """Whether a share of persons must not be shown: its base, or the persons it counts, or
    the rest of the base, is 1 to 4 (33% of 9 deelnemers gives back 3 of them)."""
    if is_small(base, threshold):
        return True
    if is_missing(pct) or is_missing(base):
        return False
    part = round(float(pct) * float(base) / 100)  # type: ignore[arg-type]
    return is_small(part, threshold) or is_small(float(base) - part, threshold)  # type: ignore[arg-type]


# A share whose base passes the rule but whose part (or rest) would give 1 to 4 persons back.
SHARE_HIDDEN = "verborgen (kleine aantallen)"


def share(pct: object, base: object, threshold: int = SMALL_NUMBER_THRESHOLD) -> str:
    """A share of `base` persons under the small-number rule: "<5 deelnemers" when the base is
    1 to 4, SHARE_HIDDEN when the persons it counts or the rest are, else the percentage."""
    if is_missing(pct):
        return MISSING
    if is_small(base, threshold):
        return f"<{threshold} deelnemers"
    if share_hidden(pct, base, threshold):
        return SHARE_HIDDEN
    return percentage(pct)  # type: ignore[arg-type]


def rate(
    value: SupportsFloat | None,
    base: object,
    decimals: int = 1,
    threshold: int = SMALL_NUMBER_THRESHOLD,
) -> str:
    """A rate or share whose count `base` is under the small-number rule: shown as "<5 bewoners"
    when the base is 1 to 4, because rate × inwoners would give that count back."""
    if is_small(base, threshold):
        return f"<{threshold} bewoners"
    return number(value, decimals)


def dutch_date(value: date) -> str:
    """Format a date as '3 mrt 2025'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def dutch_datetime(value: datetime) -> str:
    """Format a moment as '3 mrt 2025 14:05'."""
    return f"{dutch_date(value)} {value:%H:%M}"


def days_as_years(days: SupportsFloat | None) -> str:
    """A duration in days as years with one decimal: '2,3 jaar'."""
    if days is None or is_missing(days):
        return MISSING
    return f"{number(float(days) / 365.25, 1)} jaar"


def period_name(period: Period) -> str:
    """A period as people say it: "2024", "het 2e kwartaal van 2024", "maart 2024", or its dates."""
    kind = period.kind
    if kind == "jaar":
        return str(period.start.year)
    if kind == "kwartaal":
        return f"het {(period.start.month - 1) // 3 + 1}e kwartaal van {period.start.year}"
    if kind == "maand":
        return f"{MONTH_NAMES[period.start.month - 1]} {period.start.year}"
    return f"{dutch_date(period.start)} t/m {dutch_date(period.end)}"


_COMPARED_WITH = {
    "jaar": "het jaar ervoor",
    "kwartaal": "hetzelfde kwartaal een jaar eerder",
    "maand": "dezelfde maand een jaar eerder",
    "periode": "dezelfde data een jaar eerder",
}


def comparison_text(period: Period) -> str:
    """The line under compared figures: which period they are compared with, and why that one."""
    earlier = period.year_earlier()
    return f"Verandering ten opzichte van {period_name(earlier)} ({_COMPARED_WITH[period.kind]})."


def join_words(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"
