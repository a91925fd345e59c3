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
    # the demo: 110 plekken over 14 types, 3 routes (see tests/test_demo_plekken.py)
    assert sum(len(t["text"]) for t in points) == 110  # coordinates travel as typed arrays
    assert len(lines) == 3
    assert {t["visible"] for t in traces} == {"legendonly"}
