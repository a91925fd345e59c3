"""`metrics` output (issue 11): identical files on identical databases, and `| head` ends without
a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
ARGS = ["metrics", "bereik", "--start", "2025-01-01", "--end", "2025-12-31", "--level", "buurt"]


def _metrics(db: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *ARGS, "--db", db],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    )


def test_two_runs_print_identical_files_with_at_most_12_significant_digits(demo_db_path):
    first, second = _metrics(demo_db_path).stdout, _metrics(demo_db_path).stdout
    assert first == second
    rate = first.splitlines()[0].split(",").index("bereik_per_1000")
    for line in first.splitlines()[1:]:
        value = line.split(",")[rate]
        if value:
            digits = value.replace(".", "").replace("-", "").lstrip("0")
            assert len(digits) <= 12, value


def test_a_closed_pipe_ends_quietly(demo_db_path):
    # as `metrics ... | head` once head has exited: the reader is gone before the CLI writes
    # (the demo's CSV is smaller than a pipe buffer, so a live `head` would not show it)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "dashboard", *ARGS, "--db", demo_db_path],
            cwd=PROJECT,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.returncode == 0
