"""The national view ("Heel Nederland"): the link value NL, and figures that add up over gemeenten.

Unique participants never add up over gemeenten (one person can take part in two), so
the national figures are sums of counts, or follow exactly from them: the continuity
models at level land pool every spell of the country, exactly as level gemeente pools
the wijken of one gemeente.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest

from dashboard.demo import generate_demo
from dashboard.domain.codes import COUNTRY, NATIONAL
from dashboard.domain.period import Period, QueryError
from dashboard.screens import nationaal
from dashboard.screens.overzicht import headline_figures
from dashboard.screens.state import (
    Options,
    State,
    default_state,
    from_query_params,
    to_query_params,
)
from dashboard.warehouse import queries
from dashboard.warehouse.db import build_database
from tests.helpers import insert

OPTIONS = Options(
    gemeenten=["GM9999", "GM0001"],
    first_day=date(2021, 1, 1),
    last_day=date(2026, 10, 31),
    levels=("gemeente", "wijk", "buurt"),
    national=True,
)


# --- the link value NL -------------------------------------------------------


def test_nl_in_a_link_opens_the_national_view_at_gemeente_level():
    state = from_query_params({"gm": "NL"}, OPTIONS)
    assert state == State(NATIONAL, date(2025, 11, 1), date(2026, 10, 31), level="gemeente")
    assert state.is_national and state.query_gemeente is None
    assert state.notes == ()
    assert to_query_params(state)["gm"] == "NL"


def test_a_link_can_ask_for_wijken_of_the_whole_country():
    state = from_query_params({"gm": "NL", "niveau": "wijk"}, OPTIONS)
    assert (state.gemeente, state.level) == (NATIONAL, "wijk")


def test_the_default_stays_the_first_real_gemeente():
    assert default_state(OPTIONS).gemeente == "GM9999"
    assert from_query_params({}, OPTIONS).gemeente == "GM9999"
    assert not from_query_params({"gm": "GM0001"}, OPTIONS).is_national


def test_nl_falls_back_with_a_note_when_not_offered():
    one = Options(gemeenten=["GM9999"], first_day=date(2021, 1, 1), last_day=date(2026, 10, 31))
    state = from_query_params({"gm": "NL"}, one)
    assert state.gemeente == "GM9999" and state.level == "wijk"
    assert state.notes == ("Gemeente 'NL' uit de link is onbekend; de standaard wordt gebruikt.",)


def test_a_selected_area_in_a_national_link_is_not_chosen():
    state = from_query_params({"gm": "NL", "sel": "WK999901"}, OPTIONS)
    assert state.selected is None
    assert "niet gekozen" in state.notes[0]


# --- pooled figures, hand-worked --------------------------------------------


# Two gemeenten with one wijk each; every spell is one inzet row of its own professional.
# Period 2024-01-01..2024-12-31 (2024 is a leap year), reference date 2024-12-31;
# "A..B = n days" counts both ends.
HAND_PERIOD = Period(date(2024, 1, 1), date(2024, 12, 31))


def spells_db(con: duckdb.DuckDBPyConnection, spells: list[tuple]) -> duckdb.DuckDBPyConnection:
    """GM0001 (wijk WK000101) and GM0002 (wijk WK000201) with these (wijk, rol, start, end) spells."""
    insert(con, "gemeente", [("GM0001", "Een", False, None), ("GM0002", "Twee", False, None)])
    insert(
        con,
        "wijk",
        [("WK000101", "Noord", "GM0001", None), ("WK000201", "Zuid", "GM0002", None)],
    )
    insert(con, "organisatie", [("O1", "Welzijn", "welzijn")])
    for number, (wijk, rol, start, end) in enumerate(spells, start=1):
        insert(con, "professional", [(f"P{number}", f"Persoon {number}")])
        insert(
            con,
            "inzet",
            [
                (
                    f"I{number}",
                    f"P{number}",
                    wijk,
                    rol,
                    "O1",
                    date.fromisoformat(start),
                    None if end is None else date.fromisoformat(end),
                    36,
                )
            ],
        )
    return con


def test_pooled_survival_of_two_areas_hand_worked(empty_db):
    # GM0001: a departure at 100 days (2024-01-01..2024-04-09), one still there at 200
    # (2024-06-15..open); GM0002: departures at 150 (2024-02-01..2024-06-29) and 300
    # (2024-01-01..2024-10-26). Pooled, at risk 4, 3, 2, 1: S(100) = 3/4,
    # S(150) = 3/4 * 2/3 = 1/2, S(200) = 1/2 (censored), S(300) = 0.
    con = spells_db(
        empty_db,
        [
            ("WK000101", "opbouwwerker", "2024-01-01", "2024-04-09"),
            ("WK000101", "opbouwwerker", "2024-06-15", None),
            ("WK000201", "opbouwwerker", "2024-02-01", "2024-06-29"),
            ("WK000201", "opbouwwerker", "2024-01-01", "2024-10-26"),
        ],
    )
    pooled = queries.verblijfsduur_curve(con, HAND_PERIOD, level=COUNTRY)
    assert pooled["dagen"].tolist() == [100, 150, 200, 300]
    assert pooled["at_risk"].tolist() == [4, 3, 2, 1]
    assert pooled["gebiedscode"].eq(NATIONAL).all()
    assert np.allclose(pooled["overleving"], [0.75, 0.5, 0.5, 0.0])
    [country_row] = queries.continuiteit(con, HAND_PERIOD, level=COUNTRY).itertuples()
    assert (country_row.gebiedscode, country_row.niveau) == (NATIONAL, COUNTRY)
    # exactly one half counts, as for a gemeente
    assert country_row.mediane_verblijfsduur_dagen == 150


def test_pooled_survival_keeps_rollen_apart_and_median_can_stay_open(empty_db):
    # opbouwwerkers: a departure at 100 days in GM0001, two still there at 100 days in
    # GM0002 (2024-09-23..open); a wijkagent leaves after 50 days (2024-03-01..2024-04-19).
    con = spells_db(
        empty_db,
        [
            ("WK000101", "opbouwwerker", "2024-01-01", "2024-04-09"),
            ("WK000201", "opbouwwerker", "2024-09-23", None),
            ("WK000201", "opbouwwerker", "2024-09-23", None),
            ("WK000101", "wijkagent", "2024-03-01", "2024-04-19"),
        ],
    )
    pooled = queries.verblijfsduur_curve(con, HAND_PERIOD, level=COUNTRY)
    opbouw = pooled[pooled["rol"] == "opbouwwerker"]
    assert opbouw["at_risk"].tolist() == [3]
    median = queries.continuiteit(con, HAND_PERIOD, level=COUNTRY).set_index("rol")[
        "mediane_verblijfsduur_dagen"
    ]
    assert pd.isna(median["opbouwwerker"])  # S = 2/3 never reaches one half
    assert median["wijkagent"] == 50


def test_the_country_level_is_for_continuity_only(empty_db):
    with pytest.raises(QueryError, match="Onbekend niveau 'land'"):
        queries.bereik(empty_db, HAND_PERIOD, level=COUNTRY)
    with pytest.raises(QueryError, match="Onbekend niveau 'land'"):
        queries.dekking(empty_db, HAND_PERIOD, level=COUNTRY)


def test_totals_add_up_only_when_nothing_is_missing():
    assert nationaal.total(pd.Series([1, 2, 3])) == 6
    assert nationaal.total(pd.Series([1, None, 3], dtype="Int64")) is None
    assert nationaal.total(pd.Series([], dtype=float)) is None


def test_reach_total_rebuilds_the_share_from_counts():
    per_gemeente = pd.DataFrame(
        {
            "inwoners": [1000, 3000],
            "bijeenkomsten": [10, 30],
            "deelnames": [100, 300],
            "bewonersinitiatief_pct": [50.0, 10.0],  # 5 of 10 and 3 of 30
        }
    )
    total = nationaal.reach_total(per_gemeente)
    assert (total.gemeenten, total.inwoners, total.bijeenkomsten, total.deelnames) == (
        2,
        4000,
        40,
        400,
    )
    assert total.bewonersinitiatief_pct == pytest.approx(100 * 8 / 40)


def test_session_totals_add_up_sessions_per_area_and_type():
    # worked by hand: 4 + 6 + 10 = 20 sessions, 40 + 60 + 100 = 200 deelnames,
    # 1 + 0 + 4 = 5 of them by bewonersinitiatieven: 25 %
    per_type = pd.DataFrame(
        {
            "gebiedscode": ["GM0001", "GM0001", "GM0002"],
            "type": ["buurtcafé", "moestuin", "buurtcafé"],
            "bijeenkomsten": [4, 6, 10],
            "deelnames": [40, 60, 100],
            "bijeenkomsten_bewonersinitiatief": [1, 0, 4],
        }
    )
    totals = nationaal.session_totals(per_type)
    assert (totals.bijeenkomsten, totals.deelnames) == (20, 200)
    assert totals.bewonersinitiatief_pct == pytest.approx(25.0)
    assert nationaal.session_totals(per_type.iloc[0:0]).bewonersinitiatief_pct is None


# --- against the model, on a small multi-gemeente demo -----------------------


@pytest.fixture(scope="module")
def country() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(":memory:")
    build_database(con)
    generate_demo(con, scale=3)
    yield con
    con.close()


PERIODS = [
    Period(date(2018, 1, 1), date(2018, 12, 31)),
    Period(date(2022, 7, 1), date(2024, 6, 30)),
    Period(date(2025, 11, 1), date(2026, 10, 31)),
]


@pytest.mark.parametrize("period", PERIODS)
def test_pooling_the_wijken_of_a_gemeente_gives_the_models_gemeente_figures(country, period):
    # The model pools the spells of a gemeente's wijken into one Kaplan–Meier curve; the
    # country level with a gemeente filter pools exactly those spells, so it must give the
    # same figures, rol by rol.
    per_gemeente = queries.continuiteit(country, period, level="gemeente")
    compared = 0
    for gemeente, rows in per_gemeente.groupby("gemeentecode"):
        pooled = queries.continuiteit(country, period, level=COUNTRY, gemeente=gemeente)
        assert pooled["gebiedscode"].eq(NATIONAL).all()
        own = rows.drop(columns=["gebiedscode", "niveau", "naam", "gemeentecode"])
        pooled = pooled.drop(columns=["gebiedscode", "niveau", "naam", "gemeentecode"])
        pd.testing.assert_frame_equal(
            pooled.reset_index(drop=True),
            own.reset_index(drop=True),
            check_exact=False,
            check_dtype=False,
        )
        compared += int(own["mediane_verblijfsduur_dagen"].notna().sum())
    assert compared > 0  # some medians were reached, so the comparison meant something


@pytest.mark.parametrize("period", PERIODS)
def test_the_country_pools_the_spells_of_all_gemeenten(country, period):
    # Counts per duration and of departures add up over gemeenten; the curve of the country
    # follows from them (at risk at t: spells lasting t days or longer), and turnover is
    # departures per average active spell of all gemeenten together, scaled to a year.
    per_gemeente = queries.continuiteit(country, period, level="gemeente")
    country_rows = queries.continuiteit(country, period, level=COUNTRY).set_index("rol")
    curves = queries.verblijfsduur_curve(country, period, level="gemeente")
    country_curve = queries.verblijfsduur_curve(country, period, level=COUNTRY)
    for rol, rows in per_gemeente.groupby("rol"):
        row = country_rows.loc[rol]
        assert row["spells"] == rows["spells"].sum()
        assert row["vertrekken"] == rows["vertrekken"].sum()
        assert row["onbezet_dagen"] == rows["onbezet_dagen"].sum()
        active = rows["gemiddeld_actief"].sum()
        if active:
            expected = 100 * rows["vertrekken"].sum() / active * 365 / period.days
            assert row["verloop_pct"] == pytest.approx(expected)
        else:
            assert pd.isna(row["verloop_pct"])
        counts = (
            curves[curves["rol"] == rol]
            .groupby("dagen", as_index=False)[["vertrekken", "gecensureerd"]]
            .sum()
        )
        mine = country_curve[country_curve["rol"] == rol]
        assert mine["dagen"].tolist() == counts["dagen"].tolist()
        assert mine["vertrekken"].tolist() == counts["vertrekken"].tolist()
        assert mine["gecensureerd"].tolist() == counts["gecensureerd"].tolist()
        spells = counts["vertrekken"] + counts["gecensureerd"]
        assert mine["at_risk"].tolist() == spells[::-1].cumsum()[::-1].tolist()


def test_national_headline_figures_add_up_and_leave_out_unique_participants(country):
    period = PERIODS[-1]
    figures = {f.label: f for f in headline_figures(queries.on(country), period, None)}
    assert "Unieke deelnemers" not in figures
    assert "Bereik per 1.000 inwoners" not in figures
    reach = queries.bereik(country, period, level="gemeente")
    assert figures["Bijeenkomsten"].value == reach["bijeenkomsten"].sum()
    assert figures["Deelnames"].value == reach["deelnames"].sum()
    owned = nationaal.reach_total(reach).bewonersinitiatief_pct  # from bereik's own shares
    assert figures["Bijeenkomsten van bewonersinitiatieven"].value == pytest.approx(owned)
    # the sum of the gemeenten's unique participants would overcount: not shown anywhere
    assert reach["unieke_deelnemers"].sum() not in [f.value for f in figures.values()]
    signals = queries.continuiteit_signalen(country, period.end)
    assert figures["Signalen voor teamleiders"].value == len(signals)
    cover = queries.dekking(country, period, level="gemeente")
    cover_wijk = queries.dekking(country, period, level="wijk")
    assert figures["Fte opbouwwerk"].value == pytest.approx(cover["fte_opbouwwerk"].sum())
    assert figures["Fte opbouwwerk per 10.000 inwoners"].value == pytest.approx(
        10000 * cover["fte_opbouwwerk"].sum() / cover["inwoners"].sum()
    )
    assert figures["Wijken zonder opbouwwerk"].text == (
        f"{int(cover_wijk['zonder_opbouwwerk'].sum())} van {len(cover_wijk)}"
    )
    # one gemeente's own figures are unchanged by the national view
    one = {f.label for f in headline_figures(queries.on(country), period, "GM9999")}
    assert "Unieke deelnemers" in one


def test_pooled_curve_of_one_gemeente_equals_its_own_curve(country):
    period = PERIODS[1]
    curve = queries.verblijfsduur_curve(country, period, level="gemeente")
    own = curve[curve["gebiedscode"] == "GM9999"].reset_index(drop=True)
    pooled = queries.verblijfsduur_curve(country, period, level=COUNTRY, gemeente="GM9999")
    assert pooled["dagen"].tolist() == own["dagen"].tolist()
    assert pooled["at_risk"].tolist() == own["at_risk"].tolist()
    assert np.allclose(pooled["overleving"], own["overleving"])


def test_national_headline_continuity_figures_come_from_the_country_level(country):
    period = PERIODS[-1]
    figures = {f.label: f for f in headline_figures(queries.on(country), period, None)}
    [row] = queries.continuiteit(country, period, level=COUNTRY, rol="opbouwwerker").itertuples()
    assert figures["Mediane verblijfsduur opbouwwerkers"].value == (
        None
        if pd.isna(row.mediane_verblijfsduur_dagen)
        else row.mediane_verblijfsduur_dagen / 365.25
    )
    assert figures["Verloop opbouwwerkers per jaar"].value == pytest.approx(row.verloop_pct)


def test_national_partner_chart_keeps_the_partners_with_most_sessions():
    from dashboard.screens.bereik import NATIONAL_PARTNERS, partner_rows
    from dashboard.screens.focus import Focus

    n = NATIONAL_PARTNERS + 5
    partners = pd.DataFrame(
        {
            "gebiedscode": [f"GM{i:04d}" for i in range(n)],
            "organisatie_id": [f"ORG{i}" for i in range(n)],
            "partner": [f"Partner {i}" for i in range(n)],
            "soort": "welzijn",
            "bijeenkomsten": list(range(n)),
        }
    )
    national = Focus(NATIONAL, "Heel Nederland", "gemeente", False, national=True)
    kept = partner_rows(national, partners)
    assert sorted(kept["bijeenkomsten"]) == list(range(5, n))
    one = Focus("GM0003", "Drie", "gemeente", False)
    assert partner_rows(one, partners)["organisatie_id"].tolist() == ["ORG3"]


def test_the_national_survival_curve_is_fetched_for_the_country_as_one_area():
    from dashboard.screens.continuiteit import curve_level, curve_rows
    from dashboard.screens.focus import Focus

    curve = pd.DataFrame({"gebiedscode": ["GM0001", "GM0002"], "dagen": [10, 20]})
    national = Focus(NATIONAL, "Heel Nederland", "gemeente", False, national=True)
    assert curve_level(national) == COUNTRY
    assert curve_rows(national, curve) is curve  # already the country's one curve
    one = Focus("GM0002", "Twee", "gemeente", False)
    assert curve_level(one) == "gemeente"
    assert curve_rows(one, curve)["dagen"].tolist() == [20]
