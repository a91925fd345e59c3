"""dashboard.screens.overzicht: the table under the map (one row per area, in Dutch notation)
and the change beside a headline figure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.display import formatting as fmt
from dashboard.screens import overzicht
from dashboard.screens.indicators import MapIndicator
from dashboard.screens.overzicht import (
    TENURE_BESIDE_TURNOVER,
    Change,
    Figure,
    change_of,
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
            overzicht._figure("Mediane verblijfsduur opbouwwerkers", stay, stay_text, ""),
            overzicht._figure("Verloop opbouwwerkers per jaar", turnover, "", ""),
        ]

    # "langer dan 13,8 jaar" (the Kaplan–Meier median not reached) beside 30 % verloop
    assert continuity_note(figures(None, "langer dan 13,8 jaar", 30.0)) == TENURE_BESIDE_TURNOVER
    assert continuity_note(figures(4.2, "4,2 jaar", 12.5)) == TENURE_BESIDE_TURNOVER
    # no departures, no stay known, or no turnover known: nothing to explain
    assert continuity_note(figures(4.2, "4,2 jaar", 0.0)) is None
    assert continuity_note(figures(None, "geen gegevens", 30.0)) is None
    assert continuity_note(figures(4.2, "4,2 jaar", None)) is None
    assert continuity_note([]) is None


def _figure(value, *, decimals=0, delta_color="normal", unit="", persons=False) -> Figure:
    return Figure(
        "Bereik", "x", value, "", "", decimals, delta_color, persons=persons, delta_unit=unit
    )


@pytest.mark.parametrize(
    ("now", "before", "kwargs", "expected"),
    [
        # a change of zero is neutral: grey, no arrow (Streamlit only knows the literal "0")
        (12, 12, {"delta_color": "inverse"}, Change("0", "off", "off")),
        (30.0, 30.0, {"decimals": 1, "unit": "%-punt"}, Change("0,0 %-punt", "off", "off")),
        # 30.04 - 30.0 rounds to 0,0 at one decimal; a tiny fall is no "-0,0" with a down arrow
        (30.04, 30.0, {"decimals": 1, "delta_color": "inverse"}, Change("0,0", "off", "off")),
        (29.96, 30.0, {"decimals": 1}, Change("0,0", "off", "off")),
        # a real change keeps the figure's colour rule and the automatic arrow
        (14, 12, {"delta_color": "inverse"}, Change("+2", "inverse", "auto")),
        # the difference of the values as shown: "10,5" and "12,2" (12.25 is 12.2 in binary
        # rounding) differ by 1,7, which a reader subtracting them gets too (was -1,8)
        (10.5, 12.25, {"decimals": 1, "unit": "jaar"}, Change("-1,7 jaar", "normal", "auto")),
        # "30,2" against "26,7": +3,5 (the unrounded 30.24 - 26.66 = 3.58 gave "+3,6")
        (30.24, 26.66, {"decimals": 1}, Change("+3,5", "normal", "auto")),
        (1250, 1000, {}, Change("+250", "normal", "auto")),
    ],
)
def test_change_of_a_headline_figure(now, before, kwargs, expected):
    assert change_of(_figure(now, **kwargs), _figure(before, **kwargs)) == expected


def test_no_change_where_it_cannot_be_compared_or_would_give_a_small_count_back():
    assert change_of(_figure(3), None) is None
    assert change_of(_figure(None), _figure(3)) is None
    assert change_of(_figure(np.nan), _figure(3)) is None
    assert change_of(_figure(12, persons=True), _figure(4, persons=True)) is None


def test_no_kwadrant_count_for_a_year_without_need_or_coverage_figures():
    """A walk found "Hoge behoefte, lage dekking 0 van 9" for years before the CBS figures,
    beside "Fte opbouwwerk per 10.000: geen gegevens": the kwadrant needs both."""
    # three wijken that register inzet, one without opbouwwerk; no kwadrant for any of them
    cover = pd.DataFrame(
        {
            "heeft_inzetgegevens": [True, True, True],
            "zonder_opbouwwerk": [True, False, False],
            "kwadrant": [None, None, None],
        }
    )
    without, gap = overzicht._wijk_figures(cover, "", "")
    assert (without.text, gap.text, gap.value) == ("1 van 3", "geen gegevens", None)
    # two placed (one high need and low coverage), one unknown: counted among the two
    cover["kwadrant"] = ["hoge_behoefte_lage_dekking", "lage_behoefte_hoge_dekking", None]
    _without, gap = overzicht._wijk_figures(cover, "", "")
    assert (gap.text, gap.value) == ("1 van 2", 1)


@pytest.mark.parametrize(
    "label", ["Bijeenkomsten van bewonersinitiatieven", "Verloop opbouwwerkers per jaar"]
)
def test_a_percentage_tile_changes_in_the_whole_points_it_shows(label):
    # "20%" against "20%" (20,3 and 20,4): no "-0,1 %-punt" with an arrow (a review found it);
    # 20,46 against 19,5 shows "20%" against "20%" too: not "+1,0 %-punt" in red
    def tile(value):
        return overzicht._figure(label, value, fmt.percentage(value), "")

    assert change_of(tile(20.3), tile(20.4)) == Change("0 %-punt", "off", "off")
    assert change_of(tile(20.46), tile(19.5)) == Change("0 %-punt", "off", "off")
    assert change_of(tile(23.6), tile(21.4)).text == "+3 %-punt"  # "24%" against "21%"
