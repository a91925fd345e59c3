"""Reading the values a user types: dates, numbers, yes/no, rollen and leeftijdsgroepen.

Each function takes the stripped text of one cell and returns the typed value, or None
when it cannot be read; reporting is the checker's job. Area codes are checked with
`dashboard.domain.codes.CODE_PATTERNS`.
"""

from __future__ import annotations

import re
from datetime import date

from dashboard.domain.codes import LEEFTIJDSGROEPEN, ROLLEN

_DMY = re.compile(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_INTEGER = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+)")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|\d{1,3}(?:\.\d{3})+,\d+)")
_TRUE = {"ja", "true", "waar", "1"}
_FALSE = {"nee", "false", "onwaar", "0"}
_ROL_ALIASES = {"overig": "other"}
# The rollen as a file writes them: "overig" for the code "other" (the messages and the
# template listed the English code, which a steward then typed)
ROLLEN_AS_WRITTEN: tuple[str, ...] = tuple(
    next((alias for alias, code in _ROL_ALIASES.items() if code == rol), rol) for rol in ROLLEN
)


def parse_date(text: str) -> date | None:
    """dd-mm-jjjj, d-m-jjjj, dd/mm/jjjj or jjjj-mm-dd as a date; None when unreadable."""
    text = text.strip()
    if match := _DMY.fullmatch(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := _ISO.fullmatch(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def looks_like_date(text: str) -> bool:
    """Whether `text` is written as a date (dd-mm-jjjj, ...), whether or not that day exists."""
    text = text.strip()
    return bool(_DMY.fullmatch(text) or _ISO.fullmatch(text))


# The years a date of an inzet or bijeenkomst can have: a typo such as 2206 or 1926 made every
# screen open on an empty year, and the median stay "langer dan 193,8 jaar".
EARLIEST_YEAR = 2000
YEARS_AHEAD = 10


def plausible_year(day: date, today: date) -> bool:
    """Whether `day` lies in EARLIEST_YEAR up to YEARS_AHEAD years after `today`'s year."""
    return EARLIEST_YEAR <= day.year <= today.year + YEARS_AHEAD


def parse_integer(text: str) -> int | None:
    """A whole number, with thousands dots allowed ("1.234"); None when unreadable."""
    text = text.strip()
    if not _INTEGER.fullmatch(text):
        return None
    return int(text.replace(".", ""))


def parse_decimal(text: str) -> float | None:
    """A number with a decimal comma or point ("12,5", "12.5", "1.234,5"); None when unreadable."""
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def parse_boolean(text: str) -> bool | None:
    """ja/nee, true/false, waar/onwaar or 1/0 (any case) as a bool; None otherwise."""
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None


def normalise_rol(text: str) -> str | None:
    """The rol as stored ('Maatschappelijk werker' → maatschappelijk_werker); None when unknown."""
    value = re.sub(r"[\s\-]+", "_", text.strip().lower())
    value = _ROL_ALIASES.get(value, value)
    return value if value in ROLLEN else None


def normalise_leeftijdsgroep(text: str) -> str | None:
    """The age group as stored ('80 +' → 80+, '18 – 26' → 18-26); None when unknown."""
    value = re.sub(r"\s+", "", text).replace("–", "-").replace("—", "-")
    return value if value in LEEFTIJDSGROEPEN else None
