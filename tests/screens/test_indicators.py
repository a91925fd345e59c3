"""dashboard.screens.indicators: the level a map indicator is drawn at, why, and its values in Dutch.

(indicator_values runs queries and is tested through the screens in tests/test_app.py.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.screens import indicators
from dashboard.screens.continuiteit import MAP_MEASURES
from dashboard.screens.indicators import (
    MapIndicator,
    continuity_values,
    format_value,
    level_note,
    map_level,
)
from dashboard.warehouse import queries

# hand-made indicators of the three kinds: per area, inzet-based (per wijk) and the need index
PER_AREA = MapIndicator("Deelnames", queries.bereik, "deelnames", "deelnames")
INZET = MapIndicator(
    "Fte opbouwwerk per 10.000 inwoners", queries.dekking, "fte_per_10000", "fte", 2, wijk_only=True
)
NEED = MapIndicator(
    "Behoefte-index", queries.dekking, "behoefte_index", "z-score", 2, wijk_only=True, per_wijk=True
)

INZET_NOTE = (
    "Fte opbouwwerk per 10.000 inwoners wordt per wijk gemeten (inzet is per wijk geregistreerd):"
    " de kaart toont wijken."
)
NEED_NOTE = (
    "Behoefte-index vergelijkt de wijken van één gemeente met elkaar: de kaart toont wijken."
)


@pytest.mark.parametrize(
    ("indicator", "level", "expected_level", "expected_note"),
    [
        (PER_AREA, "gemeente", "gemeente", None),
        (PER_AREA, "wijk", "wijk", None),
        (PER_AREA, "buurt", "buurt", None),
        (PER_AREA, "eigen", "eigen", None),
        (INZET, "gemeente", "gemeente", None),  # inzet adds up to a gemeente
        (INZET, "wijk", "wijk", None),
        (INZET, "buurt", "wijk", INZET_NOTE),
        (INZET, "eigen", "wijk", INZET_NOTE),
        (NEED, "gemeente", "wijk", NEED_NOTE),  # a gemeente has no need index of its own
        (NEED, "wijk", "wijk", None),
        (NEED, "buurt", "wijk", NEED_NOTE),
    ],
)
def test_map_level_and_level_note(indicator, level, expected_level, expected_note):
    assert map_level(indicator, level) == expected_level
    assert level_note(indicator, level) == expected_note


@pytest.mark.parametrize(
    ("indicator", "value", "expected"),
    [
        (PER_AREA, 1234.5, "1.234 deelnames"),  # rounded half to even, as Python formats
        (PER_AREA, 3, "3 deelnames"),  # not a count of persons: no small-number rule
        (INZET, 0.456, "0,46 fte"),
        (NEED, -1.5, "-1,50 z-score"),
        (PER_AREA, None, "geen gegevens"),
        (PER_AREA, np.nan, "geen gegevens"),
    ],
)
def test_format_value(indicator, value, expected):
    assert format_value(indicator, value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0 deelnemers"), (3, "<5 deelnemers"), (4.6, "5 deelnemers"), (1234, "1.234 deelnemers")],
)
def test_format_value_of_persons(value, expected):
    persons = MapIndicator(
        "Unieke deelnemers", queries.bereik, "unieke_deelnemers", "deelnemers", persons=True
    )
    assert format_value(persons, value) == expected


def test_continuity_values_of_the_vacant_days():
    indicator = MapIndicator("Onbezette dagen", queries.continuiteit, "onbezet_dagen", "dagen")
    per_wijk = pd.DataFrame(
        {
            "gebiedscode": ["WK999901", "WK999901", "WK999902"],
            "rol": ["opbouwwerker", "jongerenwerker", "opbouwwerker"],
            "onbezet_dagen": [0, 12, 30],
        }
    )
    expected = pd.DataFrame(
        {
            "gebiedscode": ["WK999901", "WK999902"],
            "value": [0.0, 30.0],
            "tekst": pd.Series([None, None], index=[0, 2], dtype=object),
        },
        index=[0, 2],
    )
    pd.testing.assert_frame_equal(continuity_values(per_wijk, indicator, "opbouwwerker"), expected)


def test_a_value_beside_its_label_does_not_repeat_the_unit():
    # a walk found "Bereik per 1.000 inwoners: 9,7 per 1.000 inwoners" under the map
    by_key = indicators.MAP_INDICATORS
    assert indicators.value_beside_label(by_key["bereik_per_1000"], 9.74) == "9,7"
    assert indicators.value_beside_label(by_key["fte_per_10000"], 0.721) == "0,72"
    assert indicators.value_beside_label(by_key["onbezet_opbouwwerk"], 45) == "45"
    # a unit the label does not say stays
    assert indicators.value_beside_label(by_key["verblijfsduur_opbouwwerk"], 2.25) == "2,2 jaar"
    assert indicators.value_beside_label(by_key["behoefte_index"], None) == "geen gegevens"


def test_a_wijk_without_anyone_in_the_rol_says_so_in_the_maps_hover():
    """Waterkant never had an opbouwwerker: its grey read "geen gegevens" (a team lead's
    walk). Hand-made: WK999901 has a spell with a median of 730 days (2,0 years), WK999902
    none in the period, so no median and the words instead."""
    indicator = MAP_MEASURES["mediane_verblijfsduur_dagen"]  # the screen's own, in years
    per_wijk = pd.DataFrame(
        {
            "gebiedscode": ["WK999901", "WK999902"],
            "rol": ["opbouwwerker", "opbouwwerker"],
            "spells": [1, 0],
            "mediane_verblijfsduur_dagen": [730.5, None],
            "langste_verblijfsduur_dagen": [900, None],
        }
    )
    got = continuity_values(per_wijk, indicator, "opbouwwerker")
    assert got["value"].tolist()[0] == 2.0 and pd.isna(got["value"].tolist()[1])
    assert got["tekst"].tolist() == [None, "niemand in deze rol in deze periode"]
