"""Overzicht compares by calendar (issue 14 item 3): the year 2025 against 2024, and says so."""

from __future__ import annotations

import pytest

from dashboard.config import DB_ENV_VAR
from tests.helpers import open_screen


@pytest.fixture(autouse=True)
def demo(monkeypatch, demo_db_path) -> None:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)


def test_a_year_is_compared_with_the_year_before():
    at = open_screen(params={"gm": "GM9999", "van": "2025-01-01", "tot": "2025-12-31"})
    captions = [c.value for c in at.caption]
    assert "Verandering ten opzichte van 2024 (het jaar ervoor)." in captions
    # the demo has data from before 2024, so the figures carry a change
    assert any(m.delta for m in at.metric)


def test_a_month_is_compared_with_the_same_month_a_year_earlier():
    at = open_screen(params={"gm": "GM9999", "van": "2026-03-01", "tot": "2026-03-31"})
    captions = [c.value for c in at.caption]
    assert "Verandering ten opzichte van maart 2025 (dezelfde maand een jaar eerder)." in captions


def test_a_change_of_zero_is_neutral_without_an_arrow():
    from streamlit.proto.Metric_pb2 import Metric

    # Molenkwartier keeps its opbouwwerker: verloop 0% in 2025 and in 2024
    at = open_screen(
        params={"gm": "GM9999", "van": "2025-01-01", "tot": "2025-12-31", "sel": "WK999903"}
    )
    tile = next(m for m in at.metric if m.label == "Verloop opbouwwerkers per jaar")
    assert tile.proto.delta == "0 %-punt"  # whole points, as the tile shows "0%"
    # before issue 14 item D: red (an increase of bad news) with an up arrow
    assert tile.proto.color == Metric.MetricColor.GRAY
    assert tile.proto.direction == Metric.MetricDirection.NONE
