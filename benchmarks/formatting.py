"""How a measurement is written in a table cell: Dutch numbers, median and max."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def fmt_seconds(values: Sequence[float]) -> str:
    """Median and max of timings, e.g. '0,012 / 0,015 s' (one value: '0,012 s')."""
    if not values:
        return "–"
    med, top = statistics.median(values), max(values)
    text = _decimal3(med) if len(values) == 1 else f"{_decimal3(med)} / {_decimal3(top)}"
    return f"{text} s"


def _decimal3(value: float) -> str:
    return f"{value:.3f}".replace(".", ",")


def fmt_decimal2(value: float) -> str:
    """Two decimals with a Dutch comma, e.g. '1,07'."""
    return f"{value:.2f}".replace(".", ",")


def fmt_bytes(n: int | None) -> str:
    """A size in bytes as KB or MB, e.g. '1,25 MB' ('–' when unknown)."""
    if n is None:
        return "–"
    if n >= 1_000_000:
        return f"{n / 1_000_000:.2f} MB".replace(".", ",")
    return f"{n / 1000:.0f} KB"


def fmt_number(n: float) -> str:
    """A whole number with Dutch thousands separators, e.g. '10.000.000'."""
    return f"{n:,.0f}".replace(",", ".")


def fmt_throughput(seconds: Sequence[float], rows: int) -> str:
    """Rows per second at the median time, e.g. '512.000 rijen/s (1.000.000 in 1,953 / 2,010 s)'."""
    if not seconds:
        return "–"
    return f"{fmt_number(rows / statistics.median(seconds))} rijen/s ({fmt_number(rows)} in {fmt_seconds(seconds)})"


def fmt_ratio(values: Sequence[float]) -> str:
    """The median of the known (not NaN) ratios, e.g. '3,2×'."""
    known = [v for v in values if v == v]
    return "–" if not known else f"{statistics.median(known):.1f}×".replace(".", ",")
