"""What the Continuïteit screen offers: map measures per rol, in display units, and its level."""

from __future__ import annotations

import pandas as pd

from dashboard.domain.codes import OPBOUWWERKER
from dashboard.screens import nationaal
from dashboard.screens.focus import Focus
from dashboard.screens.indicators import MapIndicator, continuity_values
from dashboard.screens.state import State
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


def area_level(state: State) -> str:
    """The level continuity is shown at: per wijk, or per gemeente in the national view."""
    return "gemeente" if state.is_national and state.level == "gemeente" else "wijk"


def curve_rows(focus: Focus, curve: pd.DataFrame) -> pd.DataFrame:
    """The survival curve of the focus; nationally that of all spells of the country together."""
    return nationaal.pooled_survival(curve) if focus.national else focus.rows(curve)
