"""dashboard.screens.continuiteit: map values per rol in display units, and a wijk's spells."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from dashboard.screens.continuiteit import map_values, spells_of

# continuiteit per wijk and rol, as queries.continuiteit returns it (the columns map_values reads)
PER_WIJK = pd.DataFrame(
    {
        "gebiedscode": ["WK999901", "WK999901", "WK999902", "WK999903"],
        "rol": ["opbouwwerker", "jongerenwerker", "opbouwwerker", "opbouwwerker"],
        "mediane_verblijfsduur_dagen": [730.5, 100.0, None, None],
        "langste_verblijfsduur_dagen": [1000.0, 200.0, 1461.0, None],
        "verloop_pct": [25.0, 50.0, None, 10.0],
        "onbezet_dagen": [0, 12, 30, 365],
    }
)


def test_median_in_years_and_the_longest_tenure_where_the_median_is_open():
    values = map_values(PER_WIJK, "mediane_verblijfsduur_dagen", "opbouwwerker")
    # worked out by hand from PER_WIJK, opbouwwerkers only (rows 0, 2 and 3):
    # WK999901: 730,5 days = 2 years; WK999902: no median, longest 1461 days = 4 years as a
    # lower bound; WK999903: neither, so nothing
    expected = pd.DataFrame(
        {
            "gebiedscode": ["WK999901", "WK999902", "WK999903"],
            "value": [2.0, 4.0, np.nan],
            "tekst": pd.Series(
                [None, "mediaan niet bereikt: langer dan 4,0 jaar", None],
                index=[0, 2, 3],
                dtype=object,
            ),
        },
        index=[0, 2, 3],
    )
    pd.testing.assert_frame_equal(values, expected)


def test_other_measures_are_shown_as_they_are_for_the_chosen_rol():
    values = map_values(PER_WIJK, "verloop_pct", "jongerenwerker")
    # worked out by hand: only row 1 is a jongerenwerker; the percentage is not scaled
    expected = pd.DataFrame(
        {
            "gebiedscode": ["WK999901"],
            "value": [50.0],
            "tekst": pd.Series([None], index=[1], dtype=object),
        },
        index=[1],
    )
    pd.testing.assert_frame_equal(values, expected)


def test_counts_become_floats_and_a_missing_value_stays_missing():
    values = map_values(PER_WIJK, "onbezet_dagen", "opbouwwerker")
    expected = pd.DataFrame(
        {
            "gebiedscode": ["WK999901", "WK999902", "WK999903"],
            "value": [0.0, 30.0, 365.0],
            "tekst": pd.Series([None, None, None], index=[0, 2, 3], dtype=object),
        },
        index=[0, 2, 3],
    )
    pd.testing.assert_frame_equal(values, expected)


def test_a_rol_without_rows_gives_an_empty_frame():
    values = map_values(PER_WIJK, "verloop_pct", "wijkagent")
    assert values.to_dict("records") == []
    assert list(values.columns) == ["gebiedscode", "value", "tekst"]


def test_spells_of_one_wijk():
    spells = pd.DataFrame(
        {
            "wijkcode": ["WK999901", "WK999902", "WK999901"],
            "professional_naam": ["Anna", "Bram", "Cem"],
            "startdatum": [date(2022, 1, 1), date(2023, 1, 1), date(2024, 1, 1)],
        }
    )
    # worked out by hand: Anna and Cem work in WK999901
    assert spells_of(spells, "WK999901").to_dict("records") == [
        {"wijkcode": "WK999901", "professional_naam": "Anna", "startdatum": date(2022, 1, 1)},
        {"wijkcode": "WK999901", "professional_naam": "Cem", "startdatum": date(2024, 1, 1)},
    ]
    assert spells_of(spells, "WK999909").to_dict("records") == []
