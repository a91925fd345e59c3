"""What a screen's detail charts focus on: the area clicked on the map, the gemeente, or the country."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.screens.state import State


@dataclass(frozen=True)
class Focus:
    """The focused area: its code, display name and the query level to fetch it at.

    `national`: the focus is the whole country; its figures come from the rows of all
    gemeenten (fetched at level gemeente), added up only where they add up.
    """

    code: str
    label: str
    level: str
    is_area: bool
    national: bool = False

    def rows(self, df: pd.DataFrame) -> pd.DataFrame:
        """The rows of a per-area result that belong to the focus (nationally: every gemeente's)."""
        return df if self.national else df[df["gebiedscode"] == self.code]

    def marks(self, df: pd.DataFrame) -> list[bool]:
        """Per row of a per-area result: whether it is the focused area (none without one),
        so that a table of all areas can show where the selected one stands."""
        if not self.is_area or "gebiedscode" not in df:
            return [False] * len(df)
        return df["gebiedscode"].eq(self.code).tolist()

    def within(self, df: pd.DataFrame, column: str = "wijkcode") -> pd.DataFrame:
        """Rows inside the focused area (all rows when the focus is the whole gemeente or country)."""
        return df[df[column] == self.code] if self.is_area else df


def focus_of(
    state: State, areas: pd.DataFrame, gemeente_naam: str, level: str | None = None
) -> Focus:
    """The selected area when it is one of `areas` (gebiedscode, naam), else the gemeente (or country)."""
    match = areas[areas["gebiedscode"] == state.selected] if state.selected else areas.iloc[0:0]
    if state.selected is None or match.empty:
        return Focus(state.gemeente, gemeente_naam, "gemeente", False, national=state.is_national)
    return Focus(state.selected, str(match["naam"].iloc[0]), level or state.level, True)
