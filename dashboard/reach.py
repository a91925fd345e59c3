"""What the Bereik screen offers: map measures and which figures need participant records."""

from __future__ import annotations

import pandas as pd

from dashboard.indicators import MapIndicator

# Measures the Bereik map can show (an allow-list; the column names of queries.bereik).
MAP_MEASURES: dict[str, MapIndicator] = {
    "bereik_per_1000": MapIndicator(
        "Bereik per 1.000 inwoners", "bereik", "bereik_per_1000", "per 1.000 inwoners", 1
    ),
    "unieke_deelnemers": MapIndicator(
        "Unieke deelnemers", "bereik", "unieke_deelnemers", "deelnemers", persons=True
    ),
    "deelnames": MapIndicator("Deelnames", "bereik", "deelnames", "deelnames"),
    "herhaal_pct": MapIndicator("Herhaalbezoek", "bereik", "herhaal_pct", "% van de deelnemers", 0),
    "nieuw": MapIndicator("Nieuwe deelnemers", "bereik", "nieuw", "deelnemers", persons=True),
    "bewonersinitiatief_pct": MapIndicator(
        "Bijeenkomsten van bewonersinitiatieven", "bereik", "bewonersinitiatief_pct", "%"
    ),
}

PARTICIPANT_FIGURES = (
    "unieke deelnemers",
    "bereik per 1.000 inwoners",
    "herhaalbezoek",
    "nieuwe deelnemers",
)


def missing_participant_figures(reach: pd.DataFrame) -> list[str]:
    """The figures that cannot be shown because the gemeente registers session totals only."""
    if reach.empty or reach["heeft_deelnemersgegevens"].any():
        return []
    return list(PARTICIPANT_FIGURES)
