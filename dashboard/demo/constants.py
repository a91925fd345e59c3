"""Fixed facts of the demo: codes, dates and the welfare-contract switch."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

DEMO_GEMEENTECODE = "GM9999"
DEMO_GEMEENTENAAM = "Lindenwaard (fictief)"
# Extra gemeenten at scale > 1 count up from here; GM9999 stays the showcase.
EXTRA_GEMEENTECODE_START = 9000

DEMO_START = date(2021, 1, 1)
DEMO_END = date(2026, 10, 31)
# The further gemeenten of a national-size demo (scale > 1) have registered for ten
# years (docs/DESIGN.md §8); the showcase keeps its own, shorter history.
NATIONAL_START = date(2016, 11, 1)

# Inzet history reaches back further than registrations: long relationships need it.
INZET_HISTORY_START = date(2012, 1, 1)
# On this day the welfare contract moves from the first to the second welzijn organisation.
WELZIJN_SWITCH = date(2023, 1, 1)

KERNCIJFERS_JAREN = tuple(range(2020, 2026))
# Further gemeenten carry kerncijfers for every year of their registrations.
KERNCIJFERS_JAREN_NATIONAAL = tuple(range(NATIONAL_START.year, 2026))

# Centre of the showcase town in RD New metres (EPSG:28992), roughly Utrecht province.
SHOWCASE_CENTRE_RD = (150_000.0, 450_000.0)


def day(d: date) -> int:
    """A date as whole days since 1970-01-01 (the integer form numpy's datetime64[D] uses)."""
    return int(np.datetime64(d, "D").astype(np.int64))


DAY_START = day(DEMO_START)
DAY_NATIONAL_START = day(NATIONAL_START)
DAY_END = day(DEMO_END)
DAY_HISTORY = day(INZET_HISTORY_START)
DAY_SWITCH = day(WELZIJN_SWITCH)


def as_dates(days: pd.Series | np.ndarray) -> np.ndarray:
    """Whole days since 1970 (None/NaN for unknown) as datetime64 values for DuckDB DATE columns."""
    values = pd.to_numeric(pd.Series(days), errors="raise").to_numpy(dtype=float)
    out = np.full(values.shape, np.datetime64("NaT"), dtype="datetime64[s]")
    known = ~np.isnan(values)
    out[known] = values[known].astype(np.int64).astype("datetime64[D]")
    return out
