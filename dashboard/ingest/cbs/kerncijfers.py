"""The kerncijfers of a CBS file: every numeric indicator column, long, with CBS's codes for
secret or unknown figures read as unknown.

For a level dissolved from its parts only aantal_inwoners is summed; other figures
(percentages, averages, densities) cannot be rebuilt from the parts.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.domain.codes import CBS_LEVELS
from dashboard.i18n import N_
from dashboard.ingest.cbs.columns import (
    CODE_COLUMN,
    clean_text,
    indicator_name,
    is_indicator,
)
from dashboard.ingest.cbs.messages import by_number
from dashboard.ingest.registratie.problems import register_templates

# CBS marks secret or unknown figures with -99999999, -99999998, -99997, -99995 and the like.
CBS_MISSING_AT_OR_BELOW = -99990

# notes (Dutch; the UI shows them through registratie.shown_reason)
_SECRET = (
    N_(
        "{n} waarde met een CBS-code voor geheim of onbekend (zoals -99995) "
        "is als onbekend ingelezen."
    ),
    N_(
        "{n} waarden met een CBS-code voor geheim of onbekend (zoals -99995) "
        "zijn als onbekend ingelezen."
    ),
)
_KEY_INDICATOR_MISSING = N_("Indicator {indicator} ontbreekt in het bestand.")
register_templates(*_SECRET, _KEY_INDICATOR_MISSING)

# The indicators the screens lean on (inwoners, and the default need index): say when one is missing.
KEY_INDICATORS: tuple[str, ...] = (
    "aantal_inwoners",
    "percentage_huishoudens_met_laag_inkomen",
    "gemiddeld_inkomen_per_inwoner",
    "percentage_eenpersoonshuishoudens",
    "percentage_personen_65_jaar_en_ouder",
)


def _numeric_columns(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """Indicator columns as float arrays; text columns count only when every value is a number."""
    out: dict[str, np.ndarray] = {}
    for column in frame.columns:
        if not is_indicator(str(column)):
            continue
        series = frame[column]
        if pd.api.types.is_bool_dtype(series):
            continue
        if pd.api.types.is_numeric_dtype(series):
            values = pd.to_numeric(series, errors="coerce")
        else:
            text = clean_text(series)
            values = pd.to_numeric(text, errors="coerce")
            if text.notna().sum() == 0 or values.notna().sum() != text.notna().sum():
                continue  # a text column such as `water` or a name
        name = indicator_name(str(column))
        if name and name not in out:
            out[name] = values.to_numpy(dtype=float, na_value=np.nan)
    return out


def kerncijfers(
    areas: dict[str, gpd.GeoDataFrame], jaar: int, meldingen: list[str]
) -> pd.DataFrame:
    """Long kerncijfers sorted by gebiedscode and indicator; CBS missing-value codes become NaN."""
    pieces: dict[str, pd.DataFrame] = {}
    secret = 0
    seen: set[str] = set()
    inwoners: dict[str, pd.Series] = {}
    for level, frame in areas.items():
        columns = _numeric_columns(frame)
        if not columns:
            continue
        seen.update(columns)
        values = np.column_stack(list(columns.values()))
        coded = values <= CBS_MISSING_AT_OR_BELOW
        secret += int(coded.sum())
        values[coded] = np.nan
        if "aantal_inwoners" in columns:
            inwoners[level] = pd.Series(
                values[:, list(columns).index("aantal_inwoners")], index=frame.index
            )
        # melt already in (code, indicator) order, so 3 million national rows need no sort
        codes = frame[CODE_COLUMN[level]].to_numpy(dtype=object)
        row_order = np.argsort(codes, kind="stable")
        names = np.array(list(columns), dtype=object)
        column_order = np.argsort(names, kind="stable")
        pieces[level] = _long_frame(
            codes[row_order], names[column_order], values[np.ix_(row_order, column_order)]
        )
    pieces.update(_derived_inwoners(areas, inwoners))

    if secret:
        meldingen.append(by_number(secret, *_SECRET).format(n=secret))
    for indicator in KEY_INDICATORS:
        if indicator not in seen:
            meldingen.append(_KEY_INDICATOR_MISSING.format(indicator=indicator))

    # one piece per level, and BU < GM < WK: concatenated in that order they stay sorted
    ordered = [pieces[level] for level in ("buurt", "gemeente", "wijk") if level in pieces]
    if ordered:
        long = pd.concat(ordered, ignore_index=True)
    else:
        long = _long_frame(np.array([], dtype=object), np.array([], dtype=object), np.empty(0))
    long.insert(1, "jaar", np.full(len(long), jaar, dtype="int64"))
    return long


def _long_frame(codes: np.ndarray, names: np.ndarray, values: np.ndarray) -> pd.DataFrame:
    """Rows code x indicator (codes outer) with the matching values; strings built by take."""
    n, k = len(codes), len(names)
    code_col = pd.Series(codes, dtype="str").take(np.repeat(np.arange(n), k))
    name_col = pd.Series(names, dtype="str").take(np.tile(np.arange(k), n))
    frame = pd.DataFrame(
        {
            "gebiedscode": code_col.reset_index(drop=True),
            "indicator": name_col.reset_index(drop=True),
            "waarde": values.ravel().astype("float64"),
        }
    )
    return frame


def _derived_inwoners(
    areas: dict[str, gpd.GeoDataFrame], inwoners: dict[str, pd.Series]
) -> dict[str, pd.DataFrame]:
    """aantal_inwoners of a dissolved wijk or gemeente: the sum of its parts, when all are known.

    This is the one kerncijfer we compute for a derived level: other figures (percentages,
    averages, densities) cannot be rebuilt from the parts. CBS rounds buurt figures to 5, so the
    sum can differ a little from CBS's own wijk figure.
    """
    pieces: dict[str, pd.DataFrame] = {}
    for level in ("wijk", "gemeente"):
        if level in areas:
            continue
        finer = CBS_LEVELS[CBS_LEVELS.index(level) + 1 :]
        parts_level = next((lvl for lvl in finer if lvl in inwoners), None)
        if parts_level is None:
            continue
        grouped = inwoners[parts_level].groupby(areas[parts_level][CODE_COLUMN[level]].to_numpy())
        total = grouped.sum(min_count=1)[grouped.count() == grouped.size()]  # sorted by code
        pieces[level] = _long_frame(
            total.index.to_numpy(dtype=object),
            np.array(["aantal_inwoners"], dtype=object),
            total.to_numpy(dtype=float)[:, None],
        )
    return pieces
