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
    """Three buurten as queries.bereik returns them. Buurt A: 1 resident reached out of 2,843
    (1000 × 1 / 2843 = 0,35 per 1.000) and 4 deelnames; buurt B: 12 of 2,400 (5,0 per 1.000);
    buurt C: 8 of 1,000 (8,0 per 1.000) and 20 deelnames, the smallest counts beside A's, so
    the ones hidden with them (the gemeente's total minus B and C would give A's back)."""
    return pd.DataFrame(
        {
            "gebiedscode": ["BU00010001", "BU00010002", "BU00010003"],
            "naam": ["A", "B", "C"],
            "gemeentecode": ["GM0001", "GM0001", "GM0001"],
            "attributie": attributie,
            "inwoners": [2843, 2400, 1000],
            "bijeenkomsten": [2, 9, 5],
            "deelnames": [4, 40, 20],
            "unieke_deelnemers": [1, 12, 8],
            "bereik_per_1000": [1000 * 1 / 2843, 1000 * 12 / 2400, 1000 * 8 / 1000],
            "herhaal_pct": [100.0, 50.0, 50.0],
            "nieuw": [1, 6, 5],
            "bewonersinitiatief_pct": [50.0, 0.0, 0.0],
            "heeft_deelnemersgegevens": [True, True, True],
            "bereikte_inwoners": [1, 12, 8],
        }
    )


@pytest.mark.parametrize("attributie", ["waar", "wie"])
def test_the_table_applies_the_same_rule_under_both_attributions(attributie):
    table = bereik_table(_reach(attributie))
    a, b, c = table.iloc[0], table.iloc[1], table.iloc[2]
    assert a["Deelnames"] == "<5"  # before: "4" under waar, "<5" under wie
    assert a["Unieke deelnemers"] == "<5"
    assert a["Bereik per 1.000 inwoners"] == "<5 bewoners"  # before: "0,4"
    # buurt B passes the rule: 1000 × 12 / 2400 = 5,0 exactly
    assert (b["Deelnames"], b["Bereik per 1.000 inwoners"]) == ("40", "5,0")
    assert (b["Unieke deelnemers"], b["Nieuwe deelnemers"]) == ("12", "6")
    # buurt C's counts are hidden beside A's (4 + 20 deelnames, 1 + 8 deelnemers and residents
    # reached, 8,0 × 1000 / 1000 = 8); its 5 new of 8 would give 3 back in its own row
    hidden = "verborgen (kleine aantallen)"
    assert (c["Deelnames"], c["Unieke deelnemers"], c["Bereik per 1.000 inwoners"]) == (
        hidden,
        hidden,
        hidden,
    )
    assert c["Nieuwe deelnemers"] == hidden


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
    a, b, c = values.iloc[0], values.iloc[1], values.iloc[2]
    assert pd.isna(a["value"]) and a["tekst"] == "<5 bewoners"
    assert b["value"] == pytest.approx(5.0) and b["tekst"] is None
    # C's 8 residents reached are hidden beside A's 1: no rate, the words instead
    assert pd.isna(c["value"]) and c["tekst"] == "verborgen (kleine aantallen)"


def test_deelnames_on_the_map_follow_the_rule():
    assert MAP_INDICATORS["deelnames"].persons
    assert indicators.format_value(MAP_INDICATORS["deelnames"], 4) == "<5 deelnames"


@pytest.mark.parametrize(
    ("base", "small"), [(0, False), (1, True), (4, True), (5, False), (None, False)]
)
def test_is_small(base, small):
    assert fmt.is_small(base) is small


def test_bereiks_map_hides_what_its_table_hides():
    # worked by hand on the three buurten of _reach: the rate of A (1 resident reached) and of
    # C (8, hidden beside A's 1) have no value; herhaalbezoek of A rests on 1 participant and
    # C's 50% of 8 is 4 persons; C's 5 new of 8 says 3 came before. B's values stay.
    from dashboard.screens.bereik import MAP_TEXT, map_values

    reach = _reach("waar")
    rate = map_values(reach, "bereik_per_1000")
    assert rate["bereik_per_1000"].isna().tolist() == [True, False, True]
    assert rate[MAP_TEXT].tolist() == ["<5 bewoners", None, "verborgen (kleine aantallen)"]
    share = map_values(reach, "herhaal_pct")
    assert share["herhaal_pct"].isna().tolist() == [True, False, True]
    assert share[MAP_TEXT].iloc[0] == "<5 deelnemers"
    assert share[MAP_TEXT].iloc[2] == "verborgen (kleine aantallen)"
    new = map_values(reach, "nieuw")
    assert new["nieuw"].isna().tolist() == [False, False, True]  # A's 1 is "<5" on the map
    assert new[MAP_TEXT].iloc[2] == "verborgen (kleine aantallen)"
    # counts of persons go to the map as they are: the map hides C's beside A's itself
    assert map_values(reach, "deelnames")["deelnames"].tolist() == [4, 40, 20]


def test_a_selected_area_hidden_on_the_map_is_hidden_in_the_panel_and_its_months():
    # buurt C of _reach is hidden beside A (its 20 deelnames); selected, the panel beside the
    # map must not show them, and its months and types must not add up to them
    from dashboard.screens.bereik import download_tables, summary_table, trend_rows, type_rows
    from dashboard.screens.focus import Focus

    reach = _reach("waar")
    c = Focus(code="BU00010003", label="C", level="buurt", is_area=True)
    panel = dict(summary_table(c, reach, "waar").values.tolist())
    hidden = "verborgen (kleine aantallen)"
    assert panel["Deelnames"] == hidden and panel["Bereik per 1.000 inwoners"] == hidden
    months = pd.DataFrame(
        {
            "gebiedscode": ["BU00010003"] * 2,
            "maand": pd.to_datetime(["2025-01-01", "2025-02-01"]),
            "bijeenkomsten": [2, 3],
            "deelnames": [12, 8],
            "unieke_deelnemers": [5, 5],
        }
    )
    # 12 + 8 would give C's 20 back: the smaller month goes
    assert trend_rows(c, months, reach)["verborgen"].tolist() == [False, True]
    types = pd.DataFrame(
        {
            "gebiedscode": ["BU00010003"] * 2,
            "type": ["buurtcafé", "taalcafé"],
            "activiteiten": [1, 1],
            "bijeenkomsten": [3, 2],
            "deelnames": [15, 5],
        }
    )
    assert type_rows(c, types, reach)["verborgen"].tolist() == [False, True]
    partners = pd.DataFrame(
        {"gebiedscode": [], "partner": [], "soort": [], "bijeenkomsten": [], "organisatie_id": []}
    )
    sheets = dict(download_tables(reach, c, months, types, partners, reach))
    assert sheets["Per maand · C"]["Deelnames"].tolist() == [12, hidden]
    assert sheets["Per soort activiteit · C"]["Deelnames"].tolist() == [15, hidden]
    # B is not hidden: its panel shows its figures, its months are not marked
    b = Focus(code="BU00010002", label="B", level="buurt", is_area=True)
    assert dict(summary_table(b, reach, "waar").values.tolist())["Deelnames"] == "40"
    assert "verborgen" not in trend_rows(b, months.assign(gebiedscode="BU00010002"), reach)
