"""What the Bereik screen offers: map measures and which figures need participant records."""

from __future__ import annotations

import pandas as pd

from dashboard.indicators import MAP_INDICATORS, MapIndicator

# Measures the Bereik map can show (an allow-list; the column names of queries.bereik).
MAP_MEASURES: dict[str, MapIndicator] = {
    "bereik_per_1000": MAP_INDICATORS["bereik_per_1000"],
    "unieke_deelnemers": MAP_INDICATORS["unieke_deelnemers"],
    "deelnames": MapIndicator("Deelnames", "bereik", "deelnames", "deelnames"),
    "herhaal_pct": MapIndicator("Herhaalbezoek", "bereik", "herhaal_pct", "% van de deelnemers", 0),
    "nieuw": MapIndicator("Nieuwe deelnemers", "bereik", "nieuw", "deelnemers", persons=True),
    "bewonersinitiatief_pct": MAP_INDICATORS["bewonersinitiatief_pct"],
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
