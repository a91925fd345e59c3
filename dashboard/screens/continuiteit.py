"""What the Continuïteit screen offers: map measures per rol, in display units, and its level."""

from __future__ import annotations

import pandas as pd

from dashboard.domain.codes import COUNTRY, OPBOUWWERKER
from dashboard.screens.focus import Focus
from dashboard.screens.indicators import MapIndicator, continuity_values
from dashboard.warehouse import queries

MAP_MEASURES: dict[str, MapIndicator] = {
    "mediane_verblijfsduur_dagen": MapIndicator(
        "Mediane verblijfsduur",
        queries.continuiteit,
        "mediane_verblijfsduur_dagen",
        "jaar",
        1,
        scale=1 / 365.25,
    ),
    "continuiteitsindex": MapIndicator(
        "Continuïteitsindex (aandeel fte twee jaar of langer in de wijk)",
        queries.continuiteit,
        "continuiteitsindex",
        "%",
    ),
    "verloop_pct": MapIndicator("Verloop per jaar", queries.continuiteit, "verloop_pct", "%", 0),
    "gezichten": MapIndicator("Gezichten", queries.continuiteit, "gezichten", "professionals"),
    "onbezet_dagen": MapIndicator(
        "Onbezette dagen", queries.continuiteit, "onbezet_dagen", "dagen"
    ),
}

# The map shows one rol; without a rol filter it shows the opbouwwerkers.
DEFAULT_MAP_ROL = OPBOUWWERKER


def map_values(per_wijk: pd.DataFrame, measure: str, rol: str) -> pd.DataFrame:
    """gebiedscode, `value` (display units) and hover `tekst` of one continuity map measure for one rol."""
    return continuity_values(per_wijk, MAP_MEASURES[measure], rol)


def spells_of(spells: pd.DataFrame, wijkcode: str) -> pd.DataFrame:
    """The timeline rows of one wijk."""
    return spells[spells["wijkcode"] == wijkcode]


def curve_level(focus: Focus) -> str:
    """The level to fetch the focus's survival curve at; nationally `land`, all spells pooled."""
    return COUNTRY if focus.national else focus.level


def curve_rows(focus: Focus, curve: pd.DataFrame) -> pd.DataFrame:
    """The survival curve of the focus, from a curve fetched at `curve_level(focus)`."""
    return curve if focus.national else focus.rows(curve)
