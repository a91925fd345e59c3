"""Real-browser tests: a Streamlit server on the demo database, driven by Playwright + Debian's chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dashboard.config import DB_ENV_VAR, PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


@contextmanager
def run_server(db_path: str, log_name: str) -> Iterator[str]:
    """Start `streamlit run app.py` on a free port against a database; yield its base URL."""
    port = _free_port()
    env = {**os.environ, DB_ENV_VAR: db_path}
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / log_name).open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Streamlit did not start; see {log.name}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def server(demo_db_path: str) -> Iterator[str]:
    """A Streamlit server on the demo database, shared by the session's browser tests."""
    with run_server(demo_db_path, "streamlit.log") as url:
        yield url


def screenshot(page, name: str, height: int | None = None) -> Path:
    """Save a screenshot under test-artifacts/; with `height`, of a page that tall (Streamlit scrolls inside)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    if height is not None:
        size = page.viewport_size
        page.set_viewport_size({"width": size["width"], "height": height})
        page.wait_for_timeout(1500)  # let the charts redraw at the new size
        page.screenshot(path=str(path))
        page.set_viewport_size(size)
    else:
        page.screenshot(path=str(path))
    return path


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
