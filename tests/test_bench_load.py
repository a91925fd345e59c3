"""The load benchmark (benchmarks/load.py) against a real server: every page run it counts is a
real script run of the screen asked for, and a bad --sessies gets a Dutch message."""

from __future__ import annotations

import pytest

from benchmarks import load


@pytest.mark.slow  # starts a Streamlit server
def test_two_sessions_run_every_screen_without_errors(demo_db_path):
    # in the whole suite pytest-playwright's sync API keeps an event loop running in this
    # thread: measure() must not need this thread's loop (it failed so once)
    (result,) = load.measure(load.Path(demo_db_path), [2], runs=len(load.SCREENS))
    assert result.sessions == 2 and result.errors == 0
    assert len(result.seconds) == 2 * len(load.SCREENS)
    assert all(s > 0 for s in result.seconds)
    table = load.render([result], len(load.SCREENS))
    assert "| 2 | 8 |" in table and table.splitlines()[0].startswith("| sessies tegelijk")


@pytest.mark.parametrize("sessies", ["een,twee", "0", ""])
def test_bad_session_counts_are_refused_in_dutch(sessies, capsys):
    assert load.main(["--sessies", sessies, "--db", "/nonexistent/x.duckdb"]) == 1
    assert "kommagescheiden lijst" in capsys.readouterr().err
