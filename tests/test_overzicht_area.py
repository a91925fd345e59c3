"""A selected area focuses Overzicht's headline figures, with the gemeente's value beside each
(issue 14 item 4), and Continuïteit's "per rol" table follows the selected wijk."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from dashboard.config import DB_ENV_VAR
from dashboard.domain.period import Period
from dashboard.screens import overzicht
from dashboard.warehouse import queries, store
from tests.helpers import open_screen

PERIOD = Period(date(2025, 11, 1), date(2026, 10, 31))
CENTRUM = "WK999901"


@pytest.fixture(autouse=True)
def demo(monkeypatch, demo_db_path) -> None:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)


def test_area_figures_are_the_areas_own(demo_db_path):
    with duckdb.connect(store.resolve(demo_db_path), read_only=True) as con:
        run = queries.on(con)
        area = {f.label: f for f in overzicht.headline_figures(run, PERIOD, "GM9999", CENTRUM)}
        reach = queries.bereik(con, PERIOD, level="wijk", gemeente="GM9999")
        cover = queries.dekking(con, PERIOD, level="wijk", gemeente="GM9999")
    row = reach[reach["gebiedscode"] == CENTRUM].iloc[0]
    # the same numbers as Bereik and Dekking show for Centrum
    assert area["Deelnames"].value == row["deelnames"]
    assert area["Unieke deelnemers"].value == row["unieke_deelnemers"]
    fte = cover[cover["gebiedscode"] == CENTRUM].iloc[0]["fte_per_10000"]
    assert area["Fte opbouwwerk per 10.000 inwoners"].value == pytest.approx(fte)
    # in place of counts of wijken: what Dekking says of this one wijk
    assert "Wijken zonder opbouwwerk" not in area
    assert area["Opbouwwerk in de wijk"].text in ("ja", "nee")


def test_an_own_area_has_no_inzet_figures(with_own_indeling):
    with duckdb.connect(store.resolve(with_own_indeling), read_only=True) as con:
        figures = overzicht.headline_figures(
            queries.on(con), PERIOD, "GM9999", "EG9999001", "eigen"
        )
    continuity = [f for f in figures if f.theme == "Continuïteit"]
    assert continuity and all(f.text == overzicht.NOT_FOR_OWN_AREA for f in continuity)


def test_overzicht_with_a_selected_wijk_shows_its_figures_and_the_gemeentes():
    whole = open_screen(params={"gm": "GM9999"})
    chosen = open_screen(params={"gm": "GM9999", "sel": CENTRUM})
    assert any("Kerncijfers van Centrum" in m.value for m in chosen.markdown)
    values = {m.label: m.value for m in chosen.metric}
    gemeente = {m.label: m.value for m in whole.metric}
    assert values["Deelnames"] != gemeente["Deelnames"]
    captions = [c.value.replace("\\", "") for c in chosen.caption]  # md() escapes the colon
    assert f"Lindenwaard (fictief): {gemeente['Deelnames']}" in captions


def test_continuiteit_table_follows_the_selected_wijk():
    at = open_screen("pages/continuiteit.py", params={"gm": "GM9999", "sel": CENTRUM})
    assert any(h.value == "Per rol in Centrum" for h in at.header)
    table = at.dataframe[-1].value
    assert len(table) >= 2
    # Centrum's rollen, each followed by the same rol in the whole gemeente
    assert table["Gebied"].tolist() == ["Centrum", "Lindenwaard (fictief)"] * (len(table) // 2)
    assert table["Rol"].tolist()[::2] == table["Rol"].tolist()[1::2]


def test_gegevens_shows_no_period_or_level_filters(lokaal):
    # issue 14 item 7: the period and area level do nothing on Gegevens
    at = open_screen("pages/gegevens.py", params={"gm": "GM9999", "van": "2025-01-01"})
    assert not at.sidebar.date_input and not at.sidebar.radio
    # nor does the line under the title name them: only the gemeente
    assert [c.value for c in at.main.caption][:1] == ["Lindenwaard (fictief)"]
    assert not any("t/m" in c.value or "CBS-wijk" in c.value for c in at.main.caption)
    # the link keeps the period for the other screens
    assert at.query_params["van"] == "2025-01-01"


def test_the_line_under_the_title_names_the_chosen_organisatie_and_rol():
    """A team lead's screenshot of Continuïteit filtered on her organisation said nothing of
    it under the title; Overzicht, opened by the same link, showed all organisations' figures
    without a word."""
    params = {"gm": "GM9999", "org": "ORG999902", "rol": "opbouwwerker"}
    at = open_screen("pages/continuiteit.py", params=params)
    line = at.main.caption[0].value
    assert line.endswith(" · CBS-wijk · Opbouwwerker · Lindenwaard Samen, welzijn en opbouwwerk")
    at = open_screen(None, params=params)  # Overzicht, which has no organisation filter
    assert at.main.caption[0].value.endswith(" · CBS-wijk · alle organisaties")
