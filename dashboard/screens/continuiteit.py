"""What the Continuïteit screen offers: map measures per rol, in display units, and its level."""

from __future__ import annotations

import pandas as pd

from dashboard.display import formatting as fmt
from dashboard.screens import nationaal
from dashboard.screens.focus import Focus
from dashboard.screens.indicators import MapIndicator
from dashboard.screens.state import State

MAP_MEASURES: dict[str, MapIndicator] = {
    "mediane_verblijfsduur_dagen": MapIndicator(
        "Mediane verblijfsduur",
        "continuiteit",
        "mediane_verblijfsduur_dagen",
        "jaar",
        1,
        scale=1 / 365.25,
    ),
    "continuiteitsindex": MapIndicator(
        "Continuïteitsindex (aandeel fte twee jaar of langer in de wijk)",
        "continuiteit",
        "continuiteitsindex",
        "%",
    ),
    "verloop_pct": MapIndicator("Verloop per jaar", "continuiteit", "verloop_pct", "%", 0),
    "gezichten": MapIndicator("Gezichten", "continuiteit", "gezichten", "professionals"),
    "onbezet_dagen": MapIndicator("Onbezette dagen", "continuiteit", "onbezet_dagen", "dagen"),
}

# The map shows one rol; without a rol filter it shows the opbouwwerkers.
DEFAULT_MAP_ROL = "opbouwwerker"


def map_values(per_wijk: pd.DataFrame, measure: str, rol: str) -> pd.DataFrame:
    """gebiedscode, `value` (display units) and hover `tekst` of one continuity measure for one rol.

    Where the Kaplan–Meier median is not reached (most spells still running), the
    map colours the longest tenure as a lower bound and says "langer dan ...".
    """
    spec = MAP_MEASURES[measure]
    rows = per_wijk[per_wijk["rol"] == rol]
    value = pd.to_numeric(rows[measure]).astype(float)
    text = pd.Series([None] * len(rows), index=rows.index, dtype=object)
    if measure == "mediane_verblijfsduur_dagen":
        longest = pd.to_numeric(rows["langste_verblijfsduur_dagen"]).astype(float)
        lower_bound = value.isna() & longest.notna()
        value = value.where(~lower_bound, longest)
        text[lower_bound] = [
            f"mediaan niet bereikt: langer dan {fmt.days_as_years(d)}" for d in longest[lower_bound]
        ]
    return pd.DataFrame(
        {"gebiedscode": rows["gebiedscode"], "value": value * spec.scale, "tekst": text}
    )


def spells_of(spells: pd.DataFrame, wijkcode: str) -> pd.DataFrame:
    """The timeline rows of one wijk."""
    return spells[spells["wijkcode"] == wijkcode]


def area_level(state: State) -> str:
    """The level continuity is shown at: per wijk, or per gemeente in the national view."""
    return "gemeente" if state.is_national and state.level == "gemeente" else "wijk"


def curve_rows(focus: Focus, curve: pd.DataFrame) -> pd.DataFrame:
    """The survival curve of the focus; nationally that of all spells of the country together."""
    return nationaal.pooled_survival(curve) if focus.national else focus.rows(curve)
