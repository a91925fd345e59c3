"""The container's command run directly, as the Dockerfile runs it (no container engine here),
from a folder holding only what the Dockerfile copies into the image: the demo built on first
start in the data folder, /_stcore/health, the HEALTHCHECK command, the demo in a browser, and
the login configured from environment variables and a mounted file."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, expect

from dashboard.config import PROJECT_ROOT
from tests.e2e.browser import POLYGONS, free_port, load, run_entrypoint, screenshot
from tests.helpers import image_tree

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data volume: empty before the first start."""
    return tmp_path_factory.mktemp("volume") / "data"


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The image's /app: only the files the Dockerfile's COPY instructions take."""
    return image_tree(PROJECT_ROOT / "Dockerfile", tmp_path_factory.mktemp("image") / "app")


@pytest.fixture(scope="module")
def demo_server(data_dir: Path, app_dir: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    assert not data_dir.exists()
    env = {"WIJKDASHBOARD_DATA": str(data_dir)}
    with run_entrypoint(env, "container.log", app_dir) as started:
        yield started


def _command_line(proc: subprocess.Popen) -> list[str]:
    """What the process runs now (the container command replaces itself with Streamlit)."""
    return [a.decode() for a in Path(f"/proc/{proc.pid}/cmdline").read_bytes().split(b"\0") if a]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as reply:
        return reply.status, reply.read()


def _healthcheck(port: str) -> int:
    """The image's HEALTHCHECK command, run as Docker would, against a port."""
    env = {**os.environ, "STREAMLIT_SERVER_PORT": port}
    return subprocess.run(
        [sys.executable, "-m", "dashboard.container", "health"],
        cwd=PROJECT_ROOT,
        env=env,
        timeout=30,
    ).returncode


def test_first_start_builds_the_demo_in_the_data_folder(demo_server, data_dir: Path, app_dir):
    url, proc = demo_server
    # the server runs the image's copy of the app, not the checkout
    assert _command_line(proc)[1:5] == ["-m", "streamlit", "run", str(app_dir / "app.py")]
    status, body = _get(f"{url}/_stcore/health")
    assert (status, body) == (200, b"ok")
    database = data_dir / "wijkdashboard.duckdb"
    assert database.exists()
    con = duckdb.connect(str(database), read_only=True)
    try:
        gemeenten = con.sql("select gemeentecode, naam, is_fictief from gemeente").fetchall()
    finally:
        con.close()
    assert gemeenten == [("GM9999", "Lindenwaard (fictief)", True)]


def test_the_app_page_is_served(demo_server):
    url, _ = demo_server
    status, body = _get(url)
    assert status == 200
    assert b'<div id="root">' in body


def test_healthcheck_command_follows_the_server(demo_server):
    url, _ = demo_server
    port = url.rsplit(":", 1)[1]
    assert _healthcheck(port) == 0
    # nothing listens on a free port: the check fails
    assert _healthcheck(str(free_port())) == 1


def test_demo_shows_in_the_browser(page: Page, demo_server):
    url, _ = demo_server
    load(page, url)
    expect(page.get_by_role("heading", name="Overzicht", exact=True)).to_be_visible(timeout=30_000)
    expect(page.get_by_text("fictieve demogegevens")).to_be_visible()
    # the map draws offline: static/ and .streamlit/config.toml made it into the image
    expect(page.locator(POLYGONS)).to_have_count(9, timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "container_demo")


def test_second_start_keeps_the_database(demo_server, data_dir: Path, app_dir: Path):
    """A restart reuses the volume's database: no new demo over it."""
    database = data_dir / "wijkdashboard.duckdb"
    version = os.readlink(database)
    # a second instance on the same volume, read-only as beside a running one
    env = {"WIJKDASHBOARD_DATA": str(data_dir), "WIJKDASHBOARD_READ_ONLY": "1"}
    with run_entrypoint(env, "container_second.log", app_dir) as (url, _):
        assert _get(f"{url}/_stcore/health") == (200, b"ok")
    assert os.readlink(database) == version


def test_login_from_environment_and_mounted_roles(page: Page, tmp_path: Path, app_dir: Path):
    """[auth] from WIJKDASHBOARD_AUTH_* and [toegang] from a mounted file: the app asks to log in."""
    roles = tmp_path / "secrets.toml"
    roles.write_text('[toegang]\ngroepsclaim = "roles"\n', encoding="utf-8")
    env = {
        "WIJKDASHBOARD_DATA": str(tmp_path / "data"),
        "WIJKDASHBOARD_SECRETS": str(roles),
        "WIJKDASHBOARD_AUTH_REDIRECT_URI": "http://localhost:9/oauth2callback",
        "WIJKDASHBOARD_AUTH_COOKIE_SECRET": "x" * 48,
        "WIJKDASHBOARD_AUTH_CLIENT_ID": "wijkdashboard",
        "WIJKDASHBOARD_AUTH_CLIENT_SECRET": 'geheim "met" \\ tekens',
        "WIJKDASHBOARD_AUTH_SERVER_METADATA_URL": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
    with run_entrypoint(env, "container_login.log", app_dir) as (url, proc):
        load(page, url)
        expect(page.get_by_role("button", name="Inloggen")).to_be_visible(timeout=30_000)
        assert page.get_by_text("fictieve demogegevens").count() == 0
        # Streamlit was handed both files: the mounted one and the generated [auth]
        command = _command_line(proc)
        files = [command[i + 1] for i, a in enumerate(command) if a == "--secrets.files"]
        assert files[-2] == str(roles)
        assert Path(files[-1]).name == "auth.toml"
        assert Path(files[-1]).stat().st_mode & 0o777 == 0o600
