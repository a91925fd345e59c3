"""Number and date formats of the UI's language (nl: 1.234,5 and 3 mrt 2025; en: 1,234.5 and
3 Mar 2025, through babel) and the small-number rule."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import SupportsFloat

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

from dashboard.domain.codes import HOURS_PER_FTE
from dashboard.domain.period import Period
from dashboard.i18n import N_, _, locale, ngettext

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

# MISSING and SHARE_HIDDEN are read through the module's __getattr__ (below), in the run's language.
_MISSING = N_("geen gegevens")


def is_missing(value: object) -> bool:
    """True for None and NaN/NA."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except TypeError:  # pandas.NA refuses comparison in a boolean context
        return True


def number(value: SupportsFloat | None, decimals: int = 0) -> str:
    """Format a number in the run's language: 1.234,5 (nl) or 1,234.5 (en)."""
    if value is None or is_missing(value):
        return _(_MISSING)
    pattern, parsed_locale = _decimal_format(decimals, locale())
    return pattern.apply(_rounded(value, decimals), parsed_locale)


def _rounded(value: SupportsFloat, decimals: int) -> Decimal:
    # rounded by Python first (as the Dutch formats always were), then grouped by babel
    return Decimal(f"{float(value):.{decimals}f}")


def as_shown(value: SupportsFloat, decimals: int = 0) -> float:
    """The value as `number` shows it (0.46499… with 2 decimals is 0.46): for a spreadsheet
    cell, which Excel would otherwise round on its own (to 0,47 beside the screen's 0,46)."""
    return float(_rounded(value, decimals))


def shown_change(now: SupportsFloat, before: SupportsFloat, decimals: int = 0) -> float | int:
    """The difference of two values as they are shown: "30,2" against "26,7" is +3,5, not the
    +3,6 of the unrounded 30.24 and 26.66 (a reader who subtracts the shown figures gets the
    same). Without decimals an int, which a spreadsheet shows as a whole number."""
    difference = _rounded(now, decimals) - _rounded(before, decimals)
    return int(difference) if decimals == 0 else float(difference)


@lru_cache(maxsize=32)
def _decimal_format(decimals: int, name: str) -> tuple[NumberPattern, Locale]:
    """The parsed pattern and locale of `number`: babel's format_decimal parses both on every
    call, a third of a table's formatting time (12 against 4 µs a number, measured)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return parse_pattern(pattern), Locale.parse(name)


def percentage(value: SupportsFloat | None, decimals: int = 0) -> str:
    """Format a percentage: 12,5%."""
    return _(_MISSING) if is_missing(value) else f"{number(value, decimals)}%"


def persons(value: SupportsFloat | None, threshold: int = SMALL_NUMBER_THRESHOLD) -> str:
    """A count of persons under the small-number rule: below the threshold (but above 0) it is '<5'."""
    if value is None or is_missing(value):
        return _(_MISSING)
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


# A share whose base passes the rule but whose part (or rest) would give 1 to 4 persons back;
# also a count hidden beside a small one (hidden_parts).
_SHARE_HIDDEN = N_("verborgen (kleine aantallen)")


class Hidden:
    """The value of a count that is not shown, so that a small count cannot be worked back."""

    def __repr__(self) -> str:
        return "HIDDEN"


HIDDEN = Hidden()


def is_hidden(value: object) -> bool:
    """Whether a value is HIDDEN (shown as SHARE_HIDDEN, never computed with)."""
    return isinstance(value, Hidden)


def hidden_parts(
    parts: Sequence[object],
    threshold: int = SMALL_NUMBER_THRESHOLD,
    already: Sequence[bool] | None = None,
    keys: Sequence[object] | None = None,
    groups: Sequence[object] | None = None,
) -> list[bool]:
    """Which parts of a shown total are not shown as numbers (complementary suppression).

    Each count from 1 to 4 (shown as "<5"); then, while the hidden parts together are fewer
    than `threshold` persons, also the smallest other positive part: otherwise the total
    minus the shown parts gives the small count back (a total of 40 with parts 36 and "<5"
    says the hidden part is 4). Two hidden parts of together 5 or more give back only their
    sum. Unknown parts are left as they are.

    `already`: parts hidden for another reason (a row's own rule), hidden from the start.
    `keys`: what names each part (an area code, a type): a tie between equally small parts
    goes to the smallest key, so every view of the same parts, in whatever order, hides the
    same ones (without keys: the first). `groups`: the total each part belongs to (the
    gemeente of a wijk on a national map): the rule holds within each group."""
    n = len(parts)
    if groups is not None:
        hidden = [False] * n
        members: dict[object, list[int]] = {}
        for i, group in enumerate(groups):
            members.setdefault(group, []).append(i)
        for indices in members.values():
            found = hidden_parts(
                [parts[i] for i in indices],
                threshold,
                None if already is None else [already[i] for i in indices],
                None if keys is None else [keys[i] for i in indices],
            )
            for i, h in zip(indices, found, strict=True):
                hidden[i] = h
        return hidden
    values = [None if is_missing(v) else float(v) for v in parts]  # type: ignore[arg-type]
    order = [str(k) for k in keys] if keys is not None else [f"{i:09d}" for i in range(n)]
    hidden = [v is not None and 0 < v < threshold for v in values]
    if already is not None:
        hidden = [h or bool(a) for h, a in zip(hidden, already, strict=True)]
    while any(hidden):
        if sum(v for v, h in zip(values, hidden, strict=True) if h and v is not None) >= threshold:
            break
        others = [
            (v, order[i], i)
            for i, v in enumerate(values)
            if not hidden[i] and v is not None and v > 0
        ]
        if not others:
            break
        hidden[min(others)[2]] = True
    return hidden


def area_scope(
    frame: pd.DataFrame, code_column: str = "gebiedscode"
) -> tuple[list[str] | None, list[object] | None]:
    """keys and groups for hidden_parts over rows of areas: the area codes, and, for wijken and
    buurten, their gemeente (on a national view each gemeente's total is shown apart)."""
    if code_column not in frame:
        return None, None
    keys = frame[code_column].astype(str).tolist()
    below = any(not k.startswith("GM") for k in keys)
    groups = frame["gemeentecode"].tolist() if below and "gemeentecode" in frame else None
    return keys, groups


def one_more_hidden(parts: Sequence[object], keys: Sequence[object]) -> list[bool]:
    """For parts whose own total is hidden: the parts to hide besides those hidden_parts hides,
    so that the shown ones do not add up to that total (the smallest positive part, by key on
    a tie, when hidden_parts hides none)."""
    marks = [False] * len(parts)
    positive = [
        (float(v), str(k), i)  # type: ignore[arg-type]
        for i, (v, k) in enumerate(zip(parts, keys, strict=True))
        if not is_missing(v) and float(v) > 0  # type: ignore[arg-type]
    ]
    if positive and not any(hidden_parts(parts, keys=keys)):
        marks[min(positive)[2]] = True
    return marks


def part_texts(
    parts: Sequence[object],
    already: Sequence[bool] | None = None,
    keys: Sequence[object] | None = None,
    groups: Sequence[object] | None = None,
) -> list[str]:
    """Parts of a shown total as texts: "<5" for a small count, SHARE_HIDDEN for a count
    hidden beside it (hidden_parts), the number otherwise."""
    found = hidden_parts(parts, already=already, keys=keys, groups=groups)
    return [
        _(_SHARE_HIDDEN) if hidden and not is_small(value) else persons(value)  # type: ignore[arg-type]
        for value, hidden in zip(parts, found, strict=True)
    ]


def new_beside_all(nieuw: object, unique: object) -> bool:
    """Whether a count of new participants must be hidden beside all participants: the
    difference, those who came before, is 1 to 4 (20 deelnemers, 17 nieuw: 3 came before)."""
    if is_missing(nieuw) or is_missing(unique) or is_small(nieuw):
        return False
    return is_small(float(unique) - float(nieuw))  # type: ignore[arg-type]


def __getattr__(name: str) -> str:
    """MISSING and SHARE_HIDDEN in the run's language (module constants before the English switch)."""
    if name == "MISSING":
        return _(_MISSING)
    if name == "SHARE_HIDDEN":
        return _(_SHARE_HIDDEN)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def share(pct: object, base: object, threshold: int = SMALL_NUMBER_THRESHOLD) -> str:
    """A share of `base` persons under the small-number rule: "<5 deelnemers" when the base is
    1 to 4, SHARE_HIDDEN when the persons it counts or the rest are, else the percentage."""
    if is_missing(pct):
        return _(_MISSING)
    if is_small(base, threshold):
        return _("<{threshold} deelnemers").format(threshold=threshold)
    if share_hidden(pct, base, threshold):
        return _(_SHARE_HIDDEN)
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
        return _("<{threshold} bewoners").format(threshold=threshold)
    return number(value, decimals)


def plotly_separators() -> str:
    """Plotly's decimal and thousands separators for the run's language (",." for 1.234,5)."""
    return ".," if locale().startswith("en") else ",."


def dutch_date(value: date) -> str:
    """Format a date as '3 mrt 2025' (en: '3 Mar 2025')."""
    return format_date(value, "d MMM y", locale=locale())


def month_year(value: date, short: bool = False) -> str:
    """A month as 'maart 2025' ('mrt 2025' short; en: 'March 2025', 'Mar 2025')."""
    return format_date(value, "MMM y" if short else "MMMM y", locale=locale())


def long_date(value: date) -> str:
    """A date in running text: '3 maart 2025' (en: '3 March 2025')."""
    return format_date(value, "d MMMM y", locale=locale())


def dutch_datetime(value: datetime) -> str:
    """Format a moment as '3 mrt 2025 14:05'."""
    return f"{dutch_date(value)} {value:%H:%M}"


def days(n: SupportsFloat) -> str:
    """A number of days in words: "1 dag", "45 dagen"."""
    count = int(float(n))
    return ngettext("{n} dag", "{n} dagen", count).format(n=number(count))


def hours_per_week(fte: SupportsFloat) -> str:
    """Fte in the hours a resident can picture: 0,8 fte is "29 uur per week"."""
    exact = float(fte) * HOURS_PER_FTE
    if 0 < exact < 0.5:  # not "0 uur" for a little opbouwwerk
        return _("minder dan 1 uur per week")
    hours = round(exact)
    return ngettext("{n} uur per week", "{n} uur per week", hours).format(n=number(hours))


DAYS_PER_MONTH = 365.25 / 12


def duration(length: SupportsFloat | None) -> str:
    """A stay in days as people say it: '2,3 jaar'; under 365 days in whole months ('7
    maanden'), under a month in days ('12 dagen'). A stay of 12 days read "0,0 jaar"."""
    if length is None or is_missing(length):
        return _(_MISSING)
    exact = float(length)
    if exact >= 365:  # 1 Nov to 31 Oct is 365 days: "1,0 jaar", not "11 maanden"
        return _("{years} jaar").format(years=number(exact / 365.25, 1))
    if exact >= DAYS_PER_MONTH:
        months = int(exact // DAYS_PER_MONTH)
        return ngettext("{n} maand", "{n} maanden", months).format(n=number(months))
    return days(exact)


def period_name(period: Period) -> str:
    """A period as people say it: "2024", "het 2e kwartaal van 2024", "maart 2024", or its dates."""
    kind = period.kind
    if kind == "jaar":
        return str(period.start.year)
    if kind == "kwartaal":
        return _("het {quarter}e kwartaal van {year}").format(
            quarter=(period.start.month - 1) // 3 + 1, year=period.start.year
        )
    if kind == "maand":
        return month_year(period.start)
    return _("{start} t/m {end}").format(start=dutch_date(period.start), end=dutch_date(period.end))


_COMPARED_WITH = {
    "jaar": N_("het jaar ervoor"),
    "kwartaal": N_("hetzelfde kwartaal een jaar eerder"),
    "maand": N_("dezelfde maand een jaar eerder"),
    "periode": N_("dezelfde data een jaar eerder"),
}


def comparison_text(period: Period) -> str:
    """The line under compared figures: which period they are compared with, and why that one."""
    earlier = period.year_earlier()
    return _("Verandering ten opzichte van {period} ({why}).").format(
        period=period_name(earlier), why=_(_COMPARED_WITH[period.kind])
    )


def join_words(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c' (en: 'a, b and c')."""
    if len(items) <= 1:
        return "".join(items)
    return _("{first} en {last}").format(first=", ".join(items[:-1]), last=items[-1])
