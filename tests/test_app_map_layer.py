"""The screens' maps carry the plekken and routes as a layer switched on in the legend."""

from __future__ import annotations

import json

import pytest

from dashboard.config import DB_ENV_VAR
from tests.helpers import open_screen

pytestmark = pytest.mark.slow


@pytest.fixture()
def db(monkeypatch, demo_db_path) -> str:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)
    return demo_db_path


def map_traces(at, key: str) -> list[dict]:
    (chart,) = [c for c in at.get("plotly_chart") if c.proto.id.endswith(key) or key in c.proto.id]
    return json.loads(chart.proto.spec)["data"]


def test_the_bereik_map_has_the_asset_layer_switched_off(db):
    at = open_screen("pages/bereik.py", {"gm": "GM9999"})
    traces = [
        t for t in map_traces(at, "kaart_bereik") if t.get("legendgroup") in ("plekken", "routes")
    ]
    points = [t for t in traces if t["mode"] == "markers"]
    lines = [t for t in traces if "lines" in t["mode"]]
    # two legend entries: the demo's 110 plekken in one, its 3 routes in one line (the three
    # broken apart by a gap: 8 + 7 + 7 stops and 3 gaps = 25 points)
    assert [t["name"] for t in traces] == ["Plekken (110)", "Routes (3)"]
    assert len(points[0]["text"]) == 110  # coordinates travel as typed arrays: count the hovers
    assert len(lines[0]["hovertext"]) == 25
    assert {t["visible"] for t in traces} == {"legendonly"}
