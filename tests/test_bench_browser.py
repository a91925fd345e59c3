"""The browser benchmark (bench --browser) runs end to end on the demo: every screen with a
chart, the floor page and the frame are timed in Debian's chromium, and the table has a row
each."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import browser
from dashboard.ui import frame


@pytest.mark.e2e  # a real server and a real browser
def test_every_screen_with_a_chart_against_the_floor(demo_db_path):
    times = browser.measure(Path(demo_db_path), "GM9999", 1)
    charted = [s.title for s in frame.SCREENS if s.title != "Gegevens"]
    assert list(times.screens) == charted
    assert all(len(v) == 1 and v[0] > 0 for v in times.screens.values())
    # the floor and the frame (sidebar, title, one chart) are measured between the screens'
    # runs, once per timed visit
    assert len(times.floor) == len(charted) and min(times.floor) > 0
    assert len(times.frame) == len(charted) and min(times.frame) > 0
    table = browser.render(times, "demo")
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1].startswith("| vloer") and rows[2].startswith("| kader")
    assert [r.split(" | ")[0].lstrip("| ") for r in rows[3:]] == charted


def test_the_table_splits_a_screen_into_frame_and_content():
    # hand-worked: floor median 0.40, frame median 0.80, Bereik median 1.10 (max 1.30) ->
    # Bereik is 2.75 times the floor, and its content adds 1.10 - 0.80 = 0.30 s to the frame
    times = browser.BrowserTimes(
        floor=[0.40, 0.50, 0.30], screens={"Bereik": [1.10, 1.30, 1.00]}, frame=[0.80]
    )
    rows = browser.render(times, "demo").splitlines()
    assert rows[2] == "| vloer: lege pagina met één Plotly-grafiek | 0,40 | 0,50 | 1,00 |  |"
    assert rows[3] == (
        "| kader: zijbalk, titel en bijschrift met één Plotly-grafiek | 0,80 | 0,80 | 2,00 |  |"
    )
    assert rows[4] == "| Bereik | 1,10 | 1,30 | 2,75 | 0,30 |"
