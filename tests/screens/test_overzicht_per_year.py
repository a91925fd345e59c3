"""dashboard.screens.overzicht.per_year_figures: the headline figures of every whole calendar year, on
the hand-made reach fixture of tests/test_bereik.py (its docstring lists every row)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.domain.period import Period
from dashboard.screens import overzicht
from dashboard.warehouse import queries
from tests.test_bereik import db  # noqa: F401  (the fixture)


@pytest.mark.parametrize(
    ("first", "last", "years"),
    [
        # the demo: November 2016 to October 2026 -> 2017 .. 2025 are whole
        (date(2016, 11, 1), date(2026, 10, 31), list(range(2017, 2026))),
        (date(2020, 1, 1), date(2020, 12, 31), [2020]),
        (date(2020, 1, 2), date(2020, 12, 31), []),  # a day short
        (date(2019, 12, 31), date(2021, 1, 1), [2020]),  # 2020 is a leap year: still whole
        (date(2024, 3, 1), date(2024, 6, 30), []),
    ],
)
def test_whole_years(first, last, years):
    assert overzicht.whole_years(first, last) == years


def test_figures_per_year_of_a_gemeente(db):  # noqa: F811
    table = overzicht.year_table(
        overzicht.per_year_figures(queries.on(db), "GM0001", [2023, 2024])
    ).set_index("Kerncijfer")
    assert list(table.columns) == ["2024", "2023"]  # the newest year first
    # 2023: the first bijeenkomst (B1) is on 2023-12-15, so 2023 is not a whole registered
    # year: its reach figures say so instead of comparing 17 days with whole years.
    assert table.loc["Deelnames", "2023"] == overzicht.PART_OF_YEAR
    assert table.loc["Unieke deelnemers", "2023"] == overzicht.PART_OF_YEAR
    # 2024 (test_gemeente_totals_both_attributions): 5 unique (P1..P5), 25 deelnames,
    # 1 of 4 bijeenkomsten a bewonersinitiatief = 25 %. Bereik per 1.000: 4 residents
    # reached, fewer than 5, so the rate would give them back: "<5 bewoners".
    assert table.loc["Unieke deelnemers", "2024"] == "5"
    assert table.loc["Deelnames", "2024"] == "25"
    assert table.loc["Bijeenkomsten van bewonersinitiatieven", "2024"] == "25%"
    assert table.loc["Bereik per 1.000 inwoners", "2024"] == "<5 bewoners"
    # the fixture registers no inzet: continuity and coverage are unknown, not 0
    assert table.loc["Verloop opbouwwerkers per jaar", "2024"] == overzicht.NO_REGISTRATIONS
    assert table.loc["Fte opbouwwerk per 10.000 inwoners", "2024"] == overzicht.NO_REGISTRATIONS
    # signals belong to a peildatum, not to a year
    assert "Signalen voor teamleiders" not in table.index
    # the figures of a year are the headline figures of that year (one bereik query for all)
    alone = overzicht.headline_figures(
        queries.on(db), Period(date(2024, 1, 1), date(2024, 12, 31)), "GM0001"
    )
    assert {f.label: f.text for f in alone if f.label in table.index} == table["2024"].to_dict()


def test_figures_per_year_of_one_wijk(db):  # noqa: F811
    table = overzicht.year_table(
        overzicht.per_year_figures(queries.on(db), "GM0001", [2024], "WK000101", "wijk")
    )
    by_label = table.set_index("Kerncijfer")["2024"]
    # Noord in 2024 (test_waar_per_wijk): 4 unique, 19 deelnames -> "<5" and "19"
    assert by_label["Unieke deelnemers"] == "<5"
    assert by_label["Deelnames"] == "19"
