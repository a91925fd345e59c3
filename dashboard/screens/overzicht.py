"""What the Overzicht screen shows: the map level of an indicator and, nationally, a table per area."""

from __future__ import annotations

import pandas as pd

from dashboard.screens import indicators
from dashboard.screens.indicators import MapIndicator, format_value
from dashboard.screens.state import State
from dashboard.warehouse.queries import Runner

# The need index compares the wijken of one gemeente (z-scores within the gemeente): a
# whole gemeente has no need index of its own, so that map always shows wijken.
WIJK_ONLY_COLUMNS = frozenset({"behoefte_index"})


def map_level(indicator: MapIndicator, state: State) -> str:
    """The level the indicator is drawn at: inzet-based indicators never per buurt, need per wijk."""
    if indicator.column in WIJK_ONLY_COLUMNS:
        return "wijk"
    if indicator.wijk_only and state.level != "gemeente":
        return "wijk"
    return state.level


def level_note(indicator: MapIndicator, state: State) -> str | None:
    """Why the map shows another level than the one chosen, or None."""
    level = map_level(indicator, state)
    if level == state.level:
        return None
    if indicator.column in WIJK_ONLY_COLUMNS:
        return f"{indicator.label} vergelijkt de wijken van één gemeente met elkaar: de kaart toont wijken."
    return f"{indicator.label} wordt per wijk gemeten (inzet is per wijk geregistreerd): de kaart toont wijken."


def indicator_values(indicator: MapIndicator, state: State, run: Runner) -> pd.DataFrame:
    """gebiedscode, naam, gemeentecode, niveau, `value` and `tekst` of one indicator at its map
    level, for the state's gemeente or (nationally) for every area of the country."""
    level = map_level(indicator, state)
    values = indicators.indicator_values(indicator, run, state.period, level, state.query_gemeente)
    return values.assign(niveau=level)


def indicator_table(values: pd.DataFrame, indicator: MapIndicator) -> pd.DataFrame:
    """The map's values as a display table: one row per area, in Dutch notation."""
    texts = [
        text if isinstance(text, str) and text else format_value(indicator, value)
        for value, text in zip(values["value"], values["tekst"], strict=True)
    ]
    return pd.DataFrame({"Gebied": values["naam"].to_numpy(), indicator.label: texts})
