"""One small-number rule in every view (issue 11 item 8): deelnames 1 to 4 are "<5" under both
attributions, and a rate is hidden where the residents it counts are 1 to 4, because
rate × inwoners / 1000 gives that count back (a buurt of 2,843 inwoners showed "<5"
participants beside "0,4 per 1.000", i.e. about 1 person)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.display import formatting as fmt
from dashboard.display.tables import bereik_table
from dashboard.domain.period import Period
from dashboard.screens import indicators
from dashboard.screens.indicators import MAP_INDICATORS


def _reach(attributie: str) -> pd.DataFrame:
    """Two buurten as queries.bereik returns them. Buurt A: 1 resident reached out of 2,843
    (1000 × 1 / 2843 = 0,35 per 1.000) and 4 deelnames; buurt B: 12 of 2,400 (5,0 per 1.000)."""
    return pd.DataFrame(
        {
            "gebiedscode": ["BU00010001", "BU00010002"],
            "naam": ["A", "B"],
            "gemeentecode": ["GM0001", "GM0001"],
            "attributie": attributie,
            "inwoners": [2843, 2400],
            "bijeenkomsten": [2, 9],
            "deelnames": [4, 40],
            "unieke_deelnemers": [1, 12],
            "bereik_per_1000": [1000 * 1 / 2843, 1000 * 12 / 2400],
            "herhaal_pct": [100.0, 50.0],
            "nieuw": [1, 6],
            "bewonersinitiatief_pct": [50.0, 0.0],
            "heeft_deelnemersgegevens": [True, True],
            "bereikte_inwoners": [1, 12],
        }
    )


@pytest.mark.parametrize("attributie", ["waar", "wie"])
def test_the_table_applies_the_same_rule_under_both_attributions(attributie):
    table = bereik_table(_reach(attributie))
    a, b = table.iloc[0], table.iloc[1]
    assert a["Deelnames"] == "<5"  # before: "4" under waar, "<5" under wie
    assert a["Unieke deelnemers"] == "<5"
    assert a["Bereik per 1.000 inwoners"] == "<5 bewoners"  # before: "0,4"
    # buurt B passes the rule: 1000 × 12 / 2400 = 5,0 exactly
    assert (b["Deelnames"], b["Bereik per 1.000 inwoners"]) == ("40", "5,0")


def test_the_map_shows_no_rate_where_it_gives_the_count_back():
    def run(query):
        return lambda period, **kwargs: _reach("waar")

    values = indicators.indicator_values(
        MAP_INDICATORS["bereik_per_1000"],
        run,
        Period(date(2025, 1, 1), date(2025, 12, 31)),
        "buurt",
        "GM0001",
    )
    a, b = values.iloc[0], values.iloc[1]
    assert pd.isna(a["value"]) and a["tekst"] == "<5 bewoners"
    assert b["value"] == pytest.approx(5.0) and b["tekst"] is None


def test_deelnames_on_the_map_follow_the_rule():
    assert MAP_INDICATORS["deelnames"].persons
    assert indicators.format_value(MAP_INDICATORS["deelnames"], 4) == "<5 deelnames"


@pytest.mark.parametrize(
    ("base", "small"), [(0, False), (1, True), (4, True), (5, False), (None, False)]
)
def test_is_small(base, small):
    assert fmt.is_small(base) is small
