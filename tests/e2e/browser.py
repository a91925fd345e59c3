"""What the browser tests share: a Streamlit server on a database, screenshots, and the screens
with how to load one."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page

from dashboard.config import DB_ENV_VAR, PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "test-artifacts"

SCREENS = {
    "": "Overzicht",
    "bereik": "Bereik",
    "continuiteit": "Continuïteit",
    "dekking": "Dekking",
    "gegevens": "Gegevens",
}
WITH_MAP = {"", "bereik", "continuiteit", "dekking"}
POLYGONS = "path.choroplethlocation"


def load(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, proc: subprocess.Popen, seconds: float, failure: str) -> None:
    """Wait until the server at `url` answers "ok" on /_stcore/health; raise with `failure`
    when its process ends or `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(failure)
        time.sleep(0.3)


@contextmanager
def run_server(
    db_path: str,
    log_name: str,
    args: Sequence[str] = (),
    port: int | None = None,
    script: str = "app.py",
) -> Iterator[str]:
    """Start `streamlit run app.py` on a free port against a database; yield its base URL.

    `args`: more command-line options for Streamlit (such as `--secrets.files`); `script`:
    another entry point than app.py (relative to the checkout)."""
    port = port or free_port()
    env = {**os.environ, DB_ENV_VAR: db_path}
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / log_name).open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            *args,
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, proc, 60, f"Streamlit did not start; see {log.name}")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


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


@contextmanager
def run_entrypoint(
    env: dict[str, str], log_name: str, app_dir: Path = PROJECT_ROOT
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Start the container's command (`python -m dashboard.container`) as the Dockerfile does,
    outside a container, on a free port of 127.0.0.1; yield its base URL and process.

    `env` on top of this environment: where the data goes, the login variables. The database
    variable of the developer's shell is dropped, so the data folder decides. `app_dir`: the
    folder it runs in (the image's WORKDIR), the checkout unless given."""
    port = free_port()
    full = {k: v for k, v in os.environ.items() if k != DB_ENV_VAR}
    full.update(
        {
            "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
            "STREAMLIT_SERVER_PORT": str(port),
            "STREAMLIT_SERVER_HEADLESS": "true",
            **env,
        }
    )
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / log_name).open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard.container"],
        cwd=app_dir,
        env=full,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, proc, 90, f"the container command did not start; see {log.name}")
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
