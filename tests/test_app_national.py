"""AppTest of every screen in the national view ("Heel Nederland", gm=NL) on a small
multi-gemeente demo: no exception, a map and tables per gemeente that equal the query API
with gemeente=None, and a click that opens a gemeente."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.config import DB_ENV_VAR
from dashboard.display import formatting as fmt
from dashboard.display import tables
from dashboard.domain.period import Period
from dashboard.screens.bereik import NATIONAL_SUMMARY_NOTE
from dashboard.screens.continuiteit import by_urgency
from dashboard.screens.dekking import per_gemeente
from dashboard.screens.gegevens import quality_table
from dashboard.screens.overzicht import NATIONAL_NOT_SHOWN
from dashboard.warehouse import queries, store
from tests.helpers import insert, open_screen

pytestmark = pytest.mark.slow  # every test runs the app in AppTest on a three-gemeente demo

SCALE = 3


@pytest.fixture(scope="module")
def country_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A demo with three gemeenten (the showcase and two more), built through the CLI."""
    from dashboard.cli import main

    path = tmp_path_factory.mktemp("land") / "land.duckdb"
    assert main(["demo", "--scale", str(SCALE), "--db", str(path)]) == 0
    return str(path)


@pytest.fixture()
def db(monkeypatch, country_path) -> str:
    monkeypatch.setenv(DB_ENV_VAR, country_path)
    return country_path


def api(db: str, fn: str, *args, **kwargs):
    with duckdb.connect(db, read_only=True) as con:
        return getattr(queries, fn)(con, *args, **kwargs)


@pytest.fixture()
def period(db) -> Period:
    _, last = api(db, "data_range", None)
    return Period(last - timedelta(days=364), last)


@pytest.fixture()
def gemeenten(db) -> dict[str, str]:
    rows = api(db, "gemeenten")
    return dict(zip(rows["gemeentecode"], rows["naam"], strict=True))


NATIONAL = {"gm": "NL"}


def map_locations(at: AppTest) -> list[str]:
    """The areas drawn on the screen's map (the chart with choropleth traces)."""
    for chart in at.get("plotly_chart"):
        traces = json.loads(chart.proto.spec)["data"]
        if any(t.get("type") == "choropleth" for t in traces):
            # the areas' names on the map are a trace of their own, without locations
            return sorted(
                loc for t in traces if t.get("type") == "choropleth" for loc in t["locations"]
            )
    raise AssertionError("no map on the screen")


def click(at: AppTest, key: str, code: str) -> None:
    at.session_state[key] = {
        "selection": {"points": [{"location": code}], "point_indices": [0], "box": [], "lasso": []}
    }
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def caption(at: AppTest) -> str:
    return at.caption[0].value


def table(at: AppTest, index: int = -1):
    return at.dataframe[index].value.reset_index(drop=True)


# --- the choice --------------------------------------------------------------


def test_heel_nederland_is_offered_first_but_the_default_stays_the_first_gemeente(db, gemeenten):
    at = open_screen()
    choice = at.selectbox(key="flt_gemeente")
    assert choice.options[0] == "Heel Nederland"
    assert choice.options[1:] == list(gemeenten.values())
    first = next(iter(gemeenten))
    assert choice.value == first and at.query_params["gm"] == first
    assert caption(at).startswith(gemeenten[first])


def test_heel_nederland_is_not_offered_with_one_gemeente(monkeypatch, demo_db_path):
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)
    at = open_screen(params=NATIONAL)
    assert "Heel Nederland" not in at.selectbox(key="flt_gemeente").options
    assert at.query_params["gm"] == "GM9999"
    assert any("Gemeente 'NL' uit de link is onbekend" in w.value for w in at.warning)
    assert caption(at).startswith("Lindenwaard")


def test_choosing_heel_nederland_in_the_sidebar(db, gemeenten):
    at = open_screen()
    at.selectbox(key="flt_gemeente").select("NL").run()
    assert not at.exception
    assert at.query_params["gm"] == "NL" and at.query_params["niveau"] == "gemeente"
    assert caption(at).startswith("Heel Nederland")
    assert map_locations(at) == sorted(gemeenten)


# --- Overzicht ---------------------------------------------------------------


def test_overzicht_national_figures_map_and_table(db, period, gemeenten):
    at = open_screen(params=NATIONAL)
    assert caption(at).startswith("Heel Nederland · ")
    assert caption(at).endswith("· Gemeente")
    assert at.radio(key="flt_niveau").options == ["Gemeente", "CBS-wijk", "CBS-buurt"]
    assert any("alle gemeenten in deze gegevens zijn verzonnen" in i.value for i in at.info)
    shown = {m.label: m.value for m in at.metric}
    reach = api(db, "bereik", period, level="gemeente")
    cover_wijk = api(db, "dekking", period, level="wijk")
    assert shown["Bijeenkomsten"] == fmt.number(reach["bijeenkomsten"].sum())
    assert shown["Deelnames"] == fmt.number(reach["deelnames"].sum())
    assert shown["Signalen voor teamleiders"] == fmt.number(
        len(api(db, "continuiteit_signalen", period.end))
    )
    assert shown["Wijken zonder opbouwwerk"] == (
        f"{int(cover_wijk['zonder_opbouwwerk'].sum())} van {len(cover_wijk)}"
    )
    # unique participants do not add up over gemeenten: not shown, and the screen says why
    assert "Unieke deelnemers" not in shown and "Bereik per 1.000 inwoners" not in shown
    assert NATIONAL_NOT_SHOWN in [c.value for c in at.caption]
    # the map and the table: one area per gemeente, with the query API's values
    assert map_locations(at) == sorted(gemeenten)
    annotations = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["annotations"]
    assert annotations[0]["text"] == "Kaart: fictieve demogemeenten (geen echte geometrie)"
    per_gemeente_table = table(at)
    assert list(per_gemeente_table["Gebied"]) == list(reach["naam"])
    assert list(per_gemeente_table["Bereik per 1.000 inwoners"]) == [
        f"{fmt.number(v, 1)} per 1.000 inwoners" for v in reach["bereik_per_1000"]
    ]
    assert "Per gemeente" in [s.value for s in at.header]


def test_overzicht_click_on_a_gemeente_opens_it(db, gemeenten):
    at = open_screen(params=NATIONAL)
    click(at, "kaart_overzicht", "GM9000")
    assert at.query_params["gm"] == "GM9000" and at.query_params["niveau"] == "wijk"
    assert "sel" not in at.query_params
    assert at.selectbox(key="flt_gemeente").value == "GM9000"
    assert at.radio(key="flt_niveau").value == "wijk"
    assert caption(at).startswith(gemeenten["GM9000"])
    wijken = api(db, "gebieden", "wijk", "GM9000")
    assert map_locations(at) == sorted(wijken["gebiedscode"])
    assert "Unieke deelnemers" in [m.label for m in at.metric]  # a gemeente's own figures
    # back to the whole country, and the same gemeente opens again
    at.selectbox(key="flt_gemeente").select("NL").run()
    assert at.query_params["gm"] == "NL" and at.radio(key="flt_niveau").value == "gemeente"
    click(at, "kaart_overzicht", "GM9000")
    assert at.query_params["gm"] == "GM9000"


def test_overzicht_national_wijk_map_click_opens_the_gemeente_with_that_wijk(db, gemeenten):
    at = open_screen(params={**NATIONAL, "niveau": "wijk"})
    wijken = api(db, "gebieden", "wijk")
    assert map_locations(at) == sorted(wijken["gebiedscode"])
    assert len(table(at)) == len(wijken)
    assert list(table(at)["Gemeente"]) == [gemeenten[g] for g in wijken["gemeentecode"]]
    code = wijken[wijken["gemeentecode"] == "GM9001"]["gebiedscode"].iloc[2]
    click(at, "kaart_overzicht", code)
    assert at.query_params["gm"] == "GM9001"
    assert at.query_params["sel"] == code and at.query_params["niveau"] == "wijk"
    name = wijken.set_index("gebiedscode").loc[code, "naam"]
    assert any(m.value.startswith(f"**{name}**") for m in at.markdown)


def test_overzicht_national_area_list_opens_the_gemeente_as_a_click_does(db, gemeenten):
    per_gemeente = open_screen(params=NATIONAL).selectbox(key="kaart_overzicht_kies")
    assert per_gemeente.label == "Open een gemeente (zoals een klik op de kaart)"
    assert sorted(per_gemeente.options[1:]) == sorted(gemeenten.values())
    at = open_screen(params={**NATIONAL, "niveau": "wijk"})
    picker = at.selectbox(key="kaart_overzicht_kies")
    assert picker.label == "Open de gemeente van een wijk (zoals een klik op de kaart)"
    wijken = api(db, "gebieden", "wijk")
    # every wijk of the map, named with its gemeente as on the map (names repeat across gemeenten)
    assert sorted(picker.options[1:]) == sorted(
        f"{n} ({gemeenten[g]})" for n, g in zip(wijken["naam"], wijken["gemeentecode"], strict=True)
    )
    code = wijken[wijken["gemeentecode"] == "GM9001"]["gebiedscode"].iloc[2]
    picker.select(code).run()
    assert not at.exception
    assert at.query_params["gm"] == "GM9001"
    assert at.query_params["sel"] == code and at.query_params["niveau"] == "wijk"
    assert at.selectbox(key="flt_gemeente").value == "GM9001"
    assert at.selectbox(key="kaart_overzicht_kies").value == code


def test_overzicht_national_buurt_level_warns_that_the_map_is_heavy(db):
    at = open_screen(params={**NATIONAL, "niveau": "buurt"})
    assert any("buurten van het land is zwaar" in w.value for w in at.warning)
    assert len(map_locations(at)) == len(api(db, "gebieden", "buurt"))


def test_national_link_restores_the_view(db):
    at = open_screen(
        params={**NATIONAL, "van": "2020-01-01", "tot": "2020-12-31", "niveau": "wijk"}
    )
    assert at.selectbox(key="flt_gemeente").value == "NL"
    assert at.radio(key="flt_niveau").value == "wijk"
    assert caption(at) == "Heel Nederland · 1 jan 2020 t/m 31 dec 2020 · CBS-wijk"
    # GM9999 registers from 2021 on; the other gemeenten did in 2020
    shown = {m.label: m.value for m in at.metric}
    reach = api(db, "bereik", Period(date(2020, 1, 1), date(2020, 12, 31)), level="gemeente")
    assert shown["Bijeenkomsten"] == fmt.number(reach["bijeenkomsten"].sum())


# --- Bereik ------------------------------------------------------------------


def test_bereik_national_table_per_gemeente_and_level_switch(db, period, gemeenten):
    at = open_screen("pages/bereik.py", NATIONAL)
    assert caption(at).startswith("Heel Nederland")
    reach = api(db, "bereik", period, level="gemeente")
    assert table(at).equals(tables.bereik_table(reach))
    assert map_locations(at) == sorted(gemeenten)
    # the focus panel: only figures that add up, and why the others are left out
    assert "Heel Nederland" in [s.value for s in at.header]
    summary = at.dataframe[0].value.set_index("Kengetal")["Waarde"]
    assert summary["Bijeenkomsten"] == fmt.number(reach["bijeenkomsten"].sum())
    assert summary["Deelnames"] == fmt.number(reach["deelnames"].sum())
    assert "Unieke deelnemers" not in summary.index
    assert NATIONAL_SUMMARY_NOTE in [c.value for c in at.caption]
    at.radio(key="flt_niveau").set_value("wijk").run()
    assert not at.exception
    per_wijk = api(db, "bereik", period, level="wijk")
    expected = tables.with_gemeente(
        tables.bereik_table(per_wijk), per_wijk["gemeentecode"], gemeenten
    )
    assert table(at).equals(expected)
    assert map_locations(at) == sorted(per_wijk["gebiedscode"])
    assert at.query_params["niveau"] == "wijk"


def test_bereik_national_filters_list_every_gemeentes_choices(db, period):
    at = open_screen("pages/bereik.py", NATIONAL)
    types = api(db, "activity_types", None)
    assert at.selectbox(key="flt_type").options[1:] == types
    orgs = api(db, "organisaties", None, role="activiteit")
    assert len(at.selectbox(key="flt_org").options) == len(orgs) + 1
    at.selectbox(key="flt_type").set_value(types[0]).run()
    assert not at.exception
    expected = api(db, "bereik", period, level="gemeente", activity_type=types[0])
    assert table(at).equals(tables.bereik_table(expected))


# --- Continuïteit ------------------------------------------------------------


def test_continuiteit_national_table_signals_and_click(db, period, gemeenten):
    at = open_screen("pages/continuiteit.py", NATIONAL)
    assert caption(at).startswith("Heel Nederland")
    expected = tables.continuiteit_table(api(db, "continuiteit", period, level="gemeente"))
    assert table(at).equals(expected)
    assert map_locations(at) == sorted(gemeenten)
    signals = by_urgency(api(db, "continuiteit_signalen", period.end))  # as the screen orders
    shown = at.dataframe[0].value
    assert len(shown) == len(signals) > 0
    assert list(shown["Gemeente"]) == [gemeenten[g] for g in signals["gemeentecode"]]
    assert "Per gemeente en rol" in [s.value for s in at.header]
    click(at, "kaart_continuiteit", "GM9999")
    assert at.query_params["gm"] == "GM9999"
    own = tables.continuiteit_table(
        api(db, "continuiteit", period, level="wijk", gemeente="GM9999")
    )
    assert table(at).equals(own)


# --- Dekking -----------------------------------------------------------------


def test_dekking_national_per_gemeente_and_need_map_per_wijk(db, period, gemeenten):
    at = open_screen("pages/dekking.py", NATIONAL)
    assert caption(at).startswith("Heel Nederland")
    assert len(at.columns) == 0  # the wide national tables get the full width, one under another
    totals = api(db, "dekking", period, level="gemeente")
    per_wijk = api(db, "dekking", period, level="wijk")
    assert table(at).equals(tables.dekking_table(totals, area="Gemeente", need=False))
    assert table(at, 0).equals(per_gemeente(totals, per_wijk).reset_index(drop=True))
    gaps = table(at, 0).set_index("Gemeente")["Hoge behoefte, lage dekking"]
    for code, name in gemeenten.items():
        own = per_wijk[per_wijk["gemeentecode"] == code]
        assert gaps[name] == fmt.number((own["kwadrant"] == "hoge_behoefte_lage_dekking").sum())
    assert map_locations(at) == sorted(gemeenten)
    # the need index compares the wijken of one gemeente: its map shows wijken
    at.radio(key="dekking_maat").set_value("behoefte_index").run()
    assert not at.exception
    assert map_locations(at) == sorted(per_wijk["gebiedscode"])
    assert any("vergelijkt de wijken van één gemeente" in c.value for c in at.caption)


# --- Gegevens ----------------------------------------------------------------


def shown_like(at: AppTest, expected):
    """The one table on the screen with the columns of `expected` (Gegevens has several tabs)."""
    columns = list(expected.columns)
    (found,) = [df.value for df in at.dataframe if list(df.value.columns) == columns]
    return found.reset_index(drop=True)


def test_gegevens_national_quality_of_all_data_and_back_to_a_gemeente(db):
    at = open_screen("pages/gegevens.py", NATIONAL)
    assert caption(at).startswith("Heel Nederland")
    expected = quality_table(api(db, "datakwaliteit", None))
    assert shown_like(at, expected).equals(expected)
    assert at.text_input(key="gg_statline_gm").value == ""
    at.selectbox(key="flt_gemeente").select("GM9999").run()
    assert not at.exception
    expected = quality_table(api(db, "datakwaliteit", "GM9999"))
    assert shown_like(at, expected).equals(expected)


# --- demo banner and attribution --------------------------------------------


def test_banner_and_attribution_with_real_and_fictitious_gemeenten(
    monkeypatch, tmp_path, country_path, lokaal
):
    path = tmp_path / "gemengd.duckdb"
    shutil.copyfile(store.resolve(country_path), path)
    with duckdb.connect(str(path)) as con:
        con.execute("update gemeente set is_fictief = false where gemeentecode = 'GM9000'")
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    at = open_screen(params=NATIONAL)
    assert not any("verzonnen" in i.value for i in at.info)  # not all data is made up
    annotations = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["annotations"]
    assert "CBS/Kadaster" in annotations[0]["text"]
    at = open_screen(params={"gm": "GM9999"})
    assert any("Lindenwaard (fictief) is een verzonnen gemeente" in i.value for i in at.info)


def test_the_period_carries_over_to_the_gemeente_a_click_opens(tmp_path, monkeypatch, country_path):
    path = tmp_path / "land.duckdb"
    shutil.copyfile(store.resolve(country_path), path)
    with duckdb.connect(str(path)) as con:
        # GM9000's last sessions a day before the rest of the country's
        con.execute(
            "update bijeenkomst set datum = datum - 1 where datum = date '2026-10-31'"
            " and activiteit_id in (select a.activiteit_id from activiteit as a"
            " inner join wijk as w on w.wijkcode = a.wijkcode where w.gemeentecode = 'GM9000')"
        )
        assert queries.data_range(con, "GM9000")[1] == date(2026, 10, 30)
        assert queries.data_range(con, None)[1] == date(2026, 10, 31)
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    at = open_screen(params=NATIONAL)
    period = (at.date_input(key="flt_van").value, at.date_input(key="flt_tot").value)
    assert period[1] == date(2026, 10, 31)
    click(at, "kaart_overzicht", "GM9000")
    assert at.query_params["gm"] == "GM9000"
    assert (at.date_input(key="flt_van").value, at.date_input(key="flt_tot").value) == period
    assert [w.value for w in at.warning] == []  # no complaint about a link the user never typed


def test_bereik_national_sums_leave_out_a_gemeente_that_registers_nothing(
    monkeypatch, tmp_path, country_path, period
):
    # With a CBS file every gemeente of the country is loaded, and only some register: one
    # silent gemeente made Bijeenkomsten, Deelnames and the trend of "Heel Nederland" empty.
    path = tmp_path / "stil.duckdb"
    shutil.copyfile(store.resolve(country_path), path)
    with duckdb.connect(str(path)) as con:
        # fictitious, as the demo's gemeenten (real data asks for a login)
        insert(con, "gemeente", [("GM0001", "Stilstad", True, None)])
        insert(con, "wijk", [("WK000101", "Centrum", "GM0001", None)])
        insert(con, "buurt", [("BU00010101", "Centrum-A", "WK000101", None)])
        insert(con, "kerncijfers", [("BU00010101", period.end.year, "aantal_inwoners", 500)])
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    at = open_screen("pages/bereik.py", NATIONAL)
    reach = api(str(path), "bereik", period, level="gemeente")
    assert reach["bijeenkomsten"].isna().sum() == 1  # Stilstad's: unknown, not 0
    summary = at.dataframe[0].value.set_index("Kengetal")["Waarde"]
    assert summary["Gemeenten"] == str(SCALE + 1)
    assert summary["Gemeenten met activiteiten"] == str(SCALE)
    # the sums of the three demo gemeenten (pandas' sum skips Stilstad's empty cells)
    assert summary["Bijeenkomsten"] == fmt.number(reach["bijeenkomsten"].sum())
    assert summary["Deelnames"] == fmt.number(reach["deelnames"].sum())
    note = f"1 van de {SCALE + 1} gemeenten heeft geen activiteiten geregistreerd"
    assert any(c.value.startswith(note) for c in at.caption)
    # the months add up too: the trend has a point for each month
    [trend] = [
        spec["data"][0]["y"]
        for spec in (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
        if spec["layout"].get("title", {}).get("text", "").startswith("Deelnames per maand")
    ]
    assert trend and all(y is not None for y in trend)
