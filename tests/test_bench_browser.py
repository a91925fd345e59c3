"""The browser benchmark (bench --browser) runs end to end on the demo: every screen with a
chart and the floor page are timed in Debian's chromium, and the table has a row each."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import browser
from dashboard.ui import frame

pytestmark = pytest.mark.e2e  # a real server and a real browser


def test_every_screen_with_a_chart_against_the_floor(demo_db_path):
    times = browser.measure(Path(demo_db_path), "GM9999", 1)
    charted = [s.title for s in frame.SCREENS if s.title != "Gegevens"]
    assert list(times.screens) == charted
    assert all(len(v) == 1 and v[0] > 0 for v in times.screens.values())
    # the floor is measured between the screens' runs, once per timed visit
    assert len(times.floor) == len(charted) and min(times.floor) > 0
    table = browser.render(times, "demo")
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1].startswith("| vloer")
    assert [r.split(" | ")[0].lstrip("| ") for r in rows[2:]] == charted
