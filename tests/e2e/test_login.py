"""The real login flow in a browser: Streamlit's st.login against a local OIDC provider
(oidc-provider-mock on 127.0.0.1), the role from the [toegang] mapping, and logout."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import ARTIFACTS, free_port, load, run_server, screenshot

pytestmark = pytest.mark.e2e

# The user the provider knows: a team lead through a group in the "roles" claim.
SUB = "lea"
CLAIMS = {
    "sub": SUB,
    "email": "Lea.Leider@Lindenwaard.nl",
    "name": "Lea Leider",
    "roles": ["wd-teamleiders"],
}


def _wait_for(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"oidc-provider-mock did not start; see {log}")
        time.sleep(0.3)


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """oidc-provider-mock on a free port of 127.0.0.1, knowing one user; yields its URL."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / "oidc_provider.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "oidc-provider-mock"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--user-claims",
                json.dumps(CLAIMS),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_for(f"{url}/.well-known/openid-configuration", proc, log_path)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=20)


@pytest.fixture(scope="module")
def login_server(provider: str, demo_db_path: str, tmp_path_factory) -> Iterator[str]:
    """A Streamlit server with login configured through a secrets file outside the checkout
    (`--secrets.files`), so the test never writes into the repository's .streamlit/."""
    port = free_port()
    # the browser must use the host of redirect_uri: 127.0.0.1 here, also in page URLs
    base = f"http://127.0.0.1:{port}"
    secrets = tmp_path_factory.mktemp("inlog") / "secrets.toml"
    secrets.write_text(
        f"""
[auth]
redirect_uri = "{base}/oauth2callback"
cookie_secret = "een-geheim-van-ruim-tweeendertig-tekens-voor-de-test"
client_id = "wijkdashboard"
client_secret = "geheim"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[toegang]
groepsclaim = "roles"

[toegang.groepen."wd-teamleiders"]
rol = "teamleider"
organisaties = ["ORG999902"]
""",
        encoding="utf-8",
    )
    with run_server(
        demo_db_path, "streamlit_login.log", args=["--secrets.files", str(secrets)], port=port
    ) as url:
        assert url == base
        yield url


@pytest.fixture()
def small_page(page: Page) -> Page:
    page.set_viewport_size({"width": 1024, "height": 768})
    return page


def expect_login_screen(page: Page) -> None:
    expect(page.get_by_role("button", name="Inloggen")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Wijkdashboard")).to_be_visible()
    expect(page.get_by_text("Log in met het account van uw organisatie")).to_be_visible()
    # nothing of the dashboard: no links to screens, no filters, no map
    assert page.get_by_role("link", name="Overzicht").count() == 0
    assert page.get_by_label("Gemeente").count() == 0
    assert page.locator("[data-testid='stPlotlyChart']").count() == 0


def test_login_role_and_logout(small_page: Page, login_server: str, provider: str):
    page = small_page
    load(page, f"{login_server}/continuiteit")
    expect_login_screen(page)
    screenshot(page, "inloggen")

    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(re.escape(provider)), timeout=30_000)
    page.get_by_placeholder("sub").fill(SUB)
    page.get_by_role("button", name="Authorize").click()

    # back on the dashboard, logged in: Streamlit lands on the default page (Overzicht)
    page.wait_for_url(re.compile(re.escape(login_server)), timeout=30_000)
    expect(page.get_by_role("heading", name="Overzicht", exact=True)).to_be_visible(timeout=60_000)
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_text("Lea Leider · Teamleider")).to_be_visible()
    expect(sidebar.get_by_role("button", name="Uitloggen")).to_be_visible()
    # a team lead's links: the analysis screens, not Gegevens
    for title in ("Overzicht", "Bereik", "Continuïteit", "Dekking"):
        expect(sidebar.get_by_role("link", name=title)).to_be_visible()
    assert sidebar.get_by_role("link", name="Gegevens").count() == 0
    assert page.get_by_role("button", name="Inloggen").count() == 0
    expect(page.locator("[data-testid='stMetric']").first).to_be_visible(timeout=30_000)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']")
    screenshot(page, "ingelogd_zijbalk")

    sidebar.get_by_role("link", name="Continuïteit").click()
    expect(page.get_by_role("heading", name="Continuïteit", exact=True)).to_be_visible(
        timeout=60_000
    )
    expect(sidebar.get_by_text("Lea Leider · Teamleider")).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0

    # Gegevens, typed into the address bar, refuses a team lead
    load(page, f"{login_server}/gegevens")
    expect(
        page.get_by_text("U kunt het scherm Gegevens niet openen met de rol teamleider")
    ).to_be_visible(timeout=30_000)
    assert page.get_by_role("heading", name="Gegevens").count() == 0

    load(page, login_server)
    sidebar.get_by_role("button", name="Uitloggen").click()
    # Streamlit ends the session at the provider too (RP-initiated logout), which sends the
    # browser back to the dashboard
    page.wait_for_url(re.compile(re.escape(f"{provider}/oauth2/end_session")), timeout=30_000)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(re.compile(re.escape(login_server)), timeout=30_000)
    expect_login_screen(page)
    # the login cookie is gone: a fresh load is still the login screen
    load(page, f"{login_server}/bereik")
    expect_login_screen(page)
