"""dashboard.screens.overzicht: the table under the map (one row per area, in Dutch notation)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.screens.indicators import MapIndicator
from dashboard.screens.overzicht import (
    TENURE_BESIDE_TURNOVER,
    _figure,
    continuity_note,
    indicator_table,
)
from dashboard.warehouse import queries


def test_indicator_table_of_persons_under_the_small_number_rule():
    indicator = MapIndicator(
        "Unieke deelnemers", queries.bereik, "unieke_deelnemers", "deelnemers", persons=True
    )
    values = pd.DataFrame(
        {
            "gebiedscode": ["WK999901", "WK999902", "WK999903", "WK999904"],
            "naam": ["Centrum", "Noord", "Oost", "Zuid"],
            "value": [1234.4, 3.0, np.nan, 7.6],
            "tekst": [None, "", None, "zelf geschreven"],
        }
    )
    # worked out by hand: 1234,4 rounds to 1.234; 3 is under 5; no value is "geen gegevens";
    # a text of the map is shown as it is (an empty one is not a text)
    expected = pd.DataFrame(
        {
            "Gebied": ["Centrum", "Noord", "Oost", "Zuid"],
            "Unieke deelnemers": [
                "1.234 deelnemers",
                "<5 deelnemers",
                "geen gegevens",
                "zelf geschreven",
            ],
        }
    )
    pd.testing.assert_frame_equal(indicator_table(values, indicator), expected)


def test_indicator_table_with_decimals_and_map_texts():
    indicator = MapIndicator(
        "Mediane verblijfsduur", queries.continuiteit, "mediane_verblijfsduur_dagen", "jaar", 1
    )
    values = pd.DataFrame(
        {
            "gebiedscode": ["WK999902", "WK999901"],
            "naam": ["Noord", "Centrum"],
            "value": [2.26, 4.0],
            "tekst": [None, "mediaan niet bereikt: langer dan 4,0 jaar"],
        },
        index=[5, 3],
    )
    # worked out by hand: 2,26 with one decimal is 2,3; the rows keep their order, renumbered
    expected = pd.DataFrame(
        {
            "Gebied": ["Noord", "Centrum"],
            "Mediane verblijfsduur": ["2,3 jaar", "mediaan niet bereikt: langer dan 4,0 jaar"],
        }
    )
    pd.testing.assert_frame_equal(indicator_table(values, indicator), expected)


def test_a_long_stay_beside_turnover_is_explained_only_where_both_show():
    def figures(stay: float | None, stay_text: str, turnover: float | None) -> list:
        return [
            _figure("Mediane verblijfsduur opbouwwerkers", stay, stay_text, ""),
            _figure("Verloop opbouwwerkers per jaar", turnover, "", ""),
        ]

    # "langer dan 13,8 jaar" (the Kaplan–Meier median not reached) beside 30 % verloop
    assert continuity_note(figures(None, "langer dan 13,8 jaar", 30.0)) == TENURE_BESIDE_TURNOVER
    assert continuity_note(figures(4.2, "4,2 jaar", 12.5)) == TENURE_BESIDE_TURNOVER
    # no departures, no stay known, or no turnover known: nothing to explain
    assert continuity_note(figures(4.2, "4,2 jaar", 0.0)) is None
    assert continuity_note(figures(None, "geen gegevens", 30.0)) is None
    assert continuity_note(figures(4.2, "4,2 jaar", None)) is None
    assert continuity_note([]) is None
