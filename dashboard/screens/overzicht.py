"""What the Overzicht screen shows besides its headline: an indicator per area on the map and in a table."""

from __future__ import annotations

import pandas as pd

from dashboard.screens import indicators
from dashboard.screens.indicators import MapIndicator, format_value
from dashboard.screens.state import State
from dashboard.warehouse.queries import Runner


def map_rows(indicator: MapIndicator, state: State, run: Runner) -> pd.DataFrame:
    """gebiedscode, naam, gemeentecode, niveau, `value` and `tekst` of one indicator at its map
    level, for the state's gemeente or (nationally) for every area of the country."""
    level = indicators.map_level(indicator, state.level)
    values = indicators.indicator_values(indicator, run, state.period, level, state.query_gemeente)
    return values.assign(niveau=level)


def indicator_table(values: pd.DataFrame, indicator: MapIndicator) -> pd.DataFrame:
    """The map's values as a display table: one row per area, in Dutch notation."""
    texts = [
        text if isinstance(text, str) and text else format_value(indicator, value)
        for value, text in zip(values["value"], values["tekst"], strict=True)
    ]
    return pd.DataFrame({"Gebied": values["naam"].to_numpy(), indicator.label: texts})
