"""What a screen's detail charts focus on: the area clicked on the map, or the whole gemeente."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.filters import State


@dataclass(frozen=True)
class Focus:
    """The focused area: its code, display name and the query level to fetch it at."""

    code: str
    label: str
    level: str
    is_area: bool

    def rows(self, df: pd.DataFrame) -> pd.DataFrame:
        """The rows of a per-area result that belong to the focus."""
        return df[df["gebiedscode"] == self.code]

    def within(self, df: pd.DataFrame, column: str = "wijkcode") -> pd.DataFrame:
        """Rows inside the focused area (all rows when the focus is the whole gemeente)."""
        return df[df[column] == self.code] if self.is_area else df


def focus_of(
    state: State, areas: pd.DataFrame, gemeente_naam: str, level: str | None = None
) -> Focus:
    """The selected area when it is one of `areas` (gebiedscode, naam), else the gemeente."""
    match = areas[areas["gebiedscode"] == state.selected] if state.selected else areas.iloc[0:0]
    if match.empty:
        return Focus(state.gemeente, gemeente_naam, "gemeente", False)
    return Focus(state.selected, str(match["naam"].iloc[0]), level or state.level, True)
