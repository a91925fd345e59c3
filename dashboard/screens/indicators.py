"""The indicators a user can put on the Overzicht map (an allow-list), and how to fetch them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.display import formatting as fmt
from dashboard.screens.state import State


@dataclass(frozen=True)
class MapIndicator:
    """One choosable map indicator: which query and column, and how to show it."""

    label: str
    family: str  # query name: bereik, dekking or continuiteit
    column: str
    unit: str
    decimals: int = 0
    persons: bool = False
    wijk_only: bool = False  # inzet is registered per wijk
    rol: str | None = None
    scale: float = 1.0  # e.g. days -> years


MAP_INDICATORS: dict[str, MapIndicator] = {
    "bereik_per_1000": MapIndicator(
        "Bereik per 1.000 inwoners", "bereik", "bereik_per_1000", "per 1.000 inwoners", 1
    ),
    "unieke_deelnemers": MapIndicator(
        "Unieke deelnemers", "bereik", "unieke_deelnemers", "deelnemers", persons=True
    ),
    "deelnames": MapIndicator("Deelnames (waar het gebeurt)", "bereik", "deelnames", "deelnames"),
    "bewonersinitiatief_pct": MapIndicator(
        "Bijeenkomsten van bewonersinitiatieven", "bereik", "bewonersinitiatief_pct", "%"
    ),
    "fte_per_10000": MapIndicator(
        "Fte opbouwwerk per 10.000 inwoners",
        "dekking",
        "fte_per_10000",
        "fte per 10.000 inwoners",
        2,
        wijk_only=True,
    ),
    "behoefte_index": MapIndicator(
        "Behoefte-index", "dekking", "behoefte_index", "z-score", 2, wijk_only=True
    ),
    "verblijfsduur_opbouwwerk": MapIndicator(
        "Mediane verblijfsduur opbouwwerkers",
        "continuiteit",
        "mediane_verblijfsduur_dagen",
        "jaar",
        1,
        wijk_only=True,
        rol="opbouwwerker",
        scale=1 / 365.25,
    ),
    "onbezet_opbouwwerk": MapIndicator(
        "Dagen zonder opbouwwerker",
        "continuiteit",
        "onbezet_dagen",
        "dagen",
        wijk_only=True,
        rol="opbouwwerker",
    ),
}


def map_level(indicator: MapIndicator, level: str) -> str:
    """The level the indicator can be drawn at: wijk-only indicators stay on wijken."""
    return "wijk" if indicator.wijk_only else level


def indicator_values(
    indicator: MapIndicator, state: State, fetch: Callable[..., pd.DataFrame]
) -> pd.DataFrame:
    """gebiedscode, naam and `value` of one indicator for the state's gemeente, period and level."""
    level = map_level(indicator, state.level)
    kwargs: dict[str, object] = {"level": level, "gemeente": state.gemeente}
    if indicator.rol is not None:
        kwargs["rol"] = indicator.rol
    df = fetch(indicator.family, state.period, **kwargs)
    if indicator.family == "continuiteit":
        # same values as the Continuïteit map, including "langer dan ..." where the median is open
        from dashboard.screens.continuiteit import map_values

        values = map_values(df, indicator.column, indicator.rol or "opbouwwerker")
        return values.assign(naam=df.loc[values.index, "naam"])
    return pd.DataFrame(
        {
            "gebiedscode": df["gebiedscode"],
            "naam": df["naam"],
            "value": pd.to_numeric(df[indicator.column], errors="coerce") * indicator.scale,
            "tekst": None,
        }
    )


def format_value(indicator: MapIndicator, value: object) -> str:
    """An indicator value in Dutch with its unit, under the small-number rule for persons."""
    if fmt.is_missing(value):
        return fmt.MISSING
    text = (
        fmt.persons(int(round(float(value))))
        if indicator.persons
        else fmt.number(value, indicator.decimals)
    )
    return f"{text} {indicator.unit}"
