"""What the Dekking screen offers: map measures and the list of wijken without opbouwwerk."""

from __future__ import annotations

import pandas as pd

from dashboard import formatting as fmt
from dashboard.indicators import MapIndicator

MAP_MEASURES: dict[str, MapIndicator] = {
    "fte_per_10000": MapIndicator(
        "Fte opbouwwerk per 10.000 inwoners",
        "dekking",
        "fte_per_10000",
        "fte per 10.000 inwoners",
        2,
    ),
    "behoefte_index": MapIndicator("Behoefte-index", "dekking", "behoefte_index", "z-score", 2),
}


def without_opbouwwerk(dekking: pd.DataFrame) -> pd.DataFrame:
    """Wijken with no opbouwwerk at all in the period, highest need first, for display."""
    rows = dekking[dekking["zonder_opbouwwerk"]].sort_values(
        "behoefte_index", ascending=False, na_position="last"
    )
    return pd.DataFrame(
        {
            "Wijk": rows["naam"],
            "Inwoners": [fmt.number(v) for v in rows["inwoners"]],
            "Behoefte-index": [fmt.number(v, 2) for v in rows["behoefte_index"]],
            "Kwadrant": rows["kwadrant"].fillna(fmt.MISSING),
        }
    )


def components_table(components: pd.DataFrame, indicatoren: pd.DataFrame) -> pd.DataFrame:
    """One wijk's need-index parts for display: indicator, year, value, z-score and weight."""
    labels = dict(zip(indicatoren["indicator"], indicatoren["omschrijving"], strict=True))
    return pd.DataFrame(
        {
            "Indicator": [labels.get(i, i) for i in components["indicator"]],
            "Jaar": components["jaar"].astype(str),
            "Waarde": [fmt.number(v, 1) for v in components["waarde"]],
            "Z-score (meer = meer behoefte)": [fmt.number(v, 2) for v in components["z_score"]],
            "Gewicht": [fmt.number(v, 2) for v in components["gewicht"]],
        }
    )
