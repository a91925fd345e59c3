"""Real-browser tests: a Streamlit server on the demo database, driven by Playwright + Debian's chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.e2e.browser import run_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail(
            "Debian's chromium is missing: run the README's test command (make test), which installs it."
        )
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "locale": "nl-NL"}


@pytest.fixture(scope="session")
def server(demo_db_path: str) -> Iterator[str]:
    """A Streamlit server on the demo database, shared by the session's browser tests."""
    with run_server(demo_db_path, "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def national_db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small multi-gemeente demo (three gemeenten), so "Heel Nederland" is offered."""
    from dashboard.cli import main

    path = tmp_path_factory.mktemp("land") / "land.duckdb"
    assert main(["demo", "--scale", "3", "--db", str(path)]) == 0
    return str(path)


@pytest.fixture(scope="session")
def national_server(national_db_path: str) -> Iterator[str]:
    """A Streamlit server on the multi-gemeente demo, started fresh for the national view."""
    with run_server(national_db_path, "streamlit_national.log") as url:
        yield url
