"""The sidebar says which dates can be chosen: a typed date outside the data's range never
reaches the script (Streamlit only colours the field red), so the reason must be on screen."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.config import DB_ENV_VAR
from tests.helpers import open_screen

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def demo(monkeypatch, demo_db_path) -> None:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)


def _day(proto_value: str) -> date:
    return date.fromisoformat(proto_value.replace("/", "-"))


def test_the_sidebar_names_the_range_the_date_fields_accept():
    at = open_screen("pages/continuiteit.py", params={"gm": "GM9999"})
    van = at.date_input(key="flt_van")
    first, last = _day(van.proto.min), _day(van.proto.max)
    # the demo's registrations end on 31 October 2026 (its generator's last day)
    assert last == date(2026, 10, 31)
    assert (at.date_input(key="flt_tot").proto.min, at.date_input(key="flt_tot").proto.max) == (
        van.proto.min,
        van.proto.max,
    )
    months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    expected = f"Te kiezen: {first.day} {months[first.month - 1]} {first.year} t/m 31 okt 2026."
    assert [c.value for c in at.sidebar.caption if c.value.startswith("Te kiezen")] == [expected]


def test_a_screen_without_a_period_says_nothing_about_dates():
    at = open_screen("pages/gegevens.py", params={"gm": "GM9999"})
    assert not [c for c in at.sidebar.caption if c.value.startswith("Te kiezen")]
