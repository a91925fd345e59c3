"""AppTest of the first screen (app.py): no exception, figures equal the query API."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import formatting as fmt
from dashboard import queries
from dashboard.config import DB_ENV_VAR
from dashboard.queries import Period


@pytest.fixture()
def app(monkeypatch, demo_db_path) -> AppTest:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)
    at = AppTest.from_file("../app.py", default_timeout=60)
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def expected_figures(path: str, gemeente: str, period: Period) -> dict[str, str]:
    """The figures as the query API gives them, formatted the Dutch way."""
    with duckdb.connect(path, read_only=True) as con:
        reach = queries.bereik(con, period, level="gemeente", gemeente=gemeente).iloc[0]
        cover = queries.dekking(con, period, level="gemeente", gemeente=gemeente).iloc[0]
        cover_wijk = queries.dekking(con, period, level="wijk", gemeente=gemeente)
        signals = queries.continuiteit_signalen(con, period.end, gemeente=gemeente)
    n = len(cover_wijk)
    return {
        "Unieke deelnemers": fmt.persons(reach["unieke_deelnemers"]),
        "Deelnames": fmt.number(reach["deelnames"]),
        "Bereik per 1.000 inwoners": fmt.number(reach["bereik_per_1000"], 1),
        "Fte opbouwwerk per 10.000 inwoners": fmt.number(cover["fte_per_10000"], 2),
        "Wijken zonder opbouwwerk": f"{int(cover_wijk['zonder_opbouwwerk'].sum())} van {n}",
        "Signalen voor teamleiders": fmt.number(len(signals)),
    }


def test_first_screen_shows_headline_figures(app, demo_db_path):
    assert not app.exception
    shown = metrics(app)
    # default period: the 12 months ending on the last day with registrations
    with duckdb.connect(demo_db_path, read_only=True) as con:
        _, last = queries.data_range(con, "GM9999")
    period = Period(last - timedelta(days=364), last)
    expected = expected_figures(demo_db_path, "GM9999", period)
    for label, text in expected.items():
        assert shown[label] == text, label
    assert "Mediane verblijfsduur opbouwwerkers" in shown
    assert "Verloop opbouwwerkers per jaar" in shown
    # fictitious data is labelled as such
    assert any("fictieve demogegevens" in i.value for i in app.info)


def test_changing_the_period_changes_the_figures(app, demo_db_path):
    before = metrics(app)
    app.date_input(key="start").set_value(date(2022, 1, 1))
    app.date_input(key="end").set_value(date(2022, 12, 31)).run()
    assert not app.exception
    after = metrics(app)
    expected = expected_figures(
        demo_db_path, "GM9999", Period(date(2022, 1, 1), date(2022, 12, 31))
    )
    for label, text in expected.items():
        assert after[label] == text, label
    assert after["Deelnames"] != before["Deelnames"]


def test_missing_database_gives_dutch_message(monkeypatch, tmp_path):
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "nergens.duckdb"))
    at = AppTest.from_file("../app.py", default_timeout=30).run()
    assert not at.exception
    assert "Er is nog geen database" in at.error[0].value
