"""Starts the dashboard in a container: the Dockerfile's command (docs/container.md).

`python -m dashboard.container` gets the database ready and then becomes the Streamlit server.
Everything comes from environment variables and mounted files, so one image serves the demo,
a gemeente's own database and a login without being rebuilt:

- the database is the configured one (`WIJKDASHBOARD_DB`, else `wijkdashboard.duckdb` in
  `WIJKDASHBOARD_DATA`; dashboard.config). When that file does not exist yet, the demo is
  built there first, unless `WIJKDASHBOARD_DEMO=0`; a read-only instance
  (`WIJKDASHBOARD_READ_ONLY=1`) or a connection string (`md:...`) is never written;
- the login is Streamlit's secrets TOML (`[auth]`, `[toegang]`; README "Privacy, inloggen en
  rollen"): a mounted `.toml` file (or a folder in Streamlit's one-level Kubernetes style) named
  by `WIJKDASHBOARD_SECRETS`, and/or
  the `[auth]` values in `WIJKDASHBOARD_AUTH_*` variables, written to a file only this user
  can read;
- the server's own options come from Streamlit's variables (`STREAMLIT_SERVER_PORT`,
  `STREAMLIT_SERVER_ADDRESS`, ...), which the Dockerfile sets.

`python -m dashboard.container health` is the image's HEALTHCHECK: exit code 0 when the
server's `/_stcore/health` answers "ok".
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import tomllib
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

from dashboard import cli
from dashboard.config import PROJECT_ROOT, database_location, read_only
from dashboard.warehouse import store

DEMO_ENV_VAR = "WIJKDASHBOARD_DEMO"
SECRETS_ENV_VAR = "WIJKDASHBOARD_SECRETS"
# The [auth] keys of STACK_NOTES "Auth (OIDC)", each from WIJKDASHBOARD_AUTH_<KEY in capitals>.
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
AUTH_ENV_PREFIX = "WIJKDASHBOARD_AUTH_"
APP = PROJECT_ROOT / "app.py"
_NO = ("0", "false", "no", "nee")


class StartError(Exception):
    """Why the container cannot start, in Dutch for the administrator reading its log."""


def _auth_from_env(env: Mapping[str, str]) -> dict[str, str]:
    return {
        key: env[AUTH_ENV_PREFIX + key.upper()]
        for key in AUTH_KEYS
        if env.get(AUTH_ENV_PREFIX + key.upper())
    }


def _toml_string(value: str) -> str:
    # A JSON string without ASCII escapes is a valid TOML basic string: the same escapes for
    # quote, backslash and control characters, other characters as they are.
    return json.dumps(value, ensure_ascii=False)


def auth_toml(auth: Mapping[str, str]) -> str:
    """An `[auth]` section with these values, as TOML."""
    lines = ["[auth]"] + [f"{key} = {_toml_string(value)}" for key, value in auth.items()]
    return "\n".join(lines) + "\n"


def _has_auth(path: Path) -> bool:
    if not path.is_file():  # a Kubernetes-style folder: one file per key, read by Streamlit
        return (path / "auth").exists()
    try:
        return "auth" in tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StartError(
            f"{SECRETS_ENV_VAR}: {path} is geen leesbaar TOML-bestand ({exc})."
        ) from exc


def secrets_files(env: Mapping[str, str], private_dir: Path) -> list[str]:
    """The secrets files for `--secrets.files`; empty to keep Streamlit's default places.

    With `WIJKDASHBOARD_AUTH_*` variables, no other secrets file may hold an `[auth]` of its
    own: Streamlit would let one replace the other whole, not merge them.
    """
    mounted: list[Path] = []
    configured = env.get(SECRETS_ENV_VAR, "").strip()
    if configured:
        path = Path(configured)
        if not path.exists():
            raise StartError(
                f"{SECRETS_ENV_VAR} wijst naar {path}, maar dat bestand bestaat niet. Koppel het"
                " bestand met de inlog en de rollen ([auth], [toegang]) als volume, of laat de"
                " variabele weg."
            )
        if path.is_file() and path.suffix != ".toml":
            raise StartError(
                f"{SECRETS_ENV_VAR}: Streamlit leest alleen een bestand dat op .toml eindigt (of"
                f" een map), niet {path}. Koppel het bestand onder een naam als"
                " /run/secrets/wijkdashboard.toml."
            )
        mounted.append(path)
    auth = _auth_from_env(env)
    if not mounted and not auth:
        return []
    # Streamlit's default places count too, so a file mounted there still does
    defaults = [
        p
        for p in (
            Path.home() / ".streamlit" / "secrets.toml",
            APP.parent / ".streamlit" / "secrets.toml",
        )
        if p.exists()
    ]
    files = [str(p) for p in defaults + mounted]
    if auth:
        twice = [str(p) for p in defaults + mounted if _has_auth(p)]
        if twice:
            raise StartError(
                f"De inlog staat twee keer ingesteld: [auth] in {', '.join(twice)} én"
                f" {AUTH_ENV_PREFIX}*-variabelen. Kies één van de twee."
            )
        generated = private_dir / "auth.toml"
        fd = os.open(generated, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(auth_toml(auth))
        files.append(str(generated))
    return files


def prepare_database(env: Mapping[str, str]) -> str:
    """Make sure the configured database exists: build the demo there when it does not."""
    location = database_location()
    if not store.is_file_location(location) or os.path.exists(location):
        return location
    if os.path.lexists(location):
        raise StartError(
            f"{location} wijst naar een databaseversie die er niet meer is. Zet de juiste versie"
            " terug; een nieuwe demo zou hem vervangen."
        )
    if read_only():
        raise StartError(
            f"Database niet gevonden: {location}. Een alleen-lezen instantie"
            " (WIJKDASHBOARD_READ_ONLY=1) maakt geen database; koppel het volume met de database."
        )
    if env.get(DEMO_ENV_VAR, "").strip().lower() in _NO:
        raise StartError(
            f"Database niet gevonden: {location}, en {DEMO_ENV_VAR}=0 zegt geen demo te maken."
            " Koppel het volume met de database of zet WIJKDASHBOARD_DB."
        )
    print(f"Geen database in {location}: de demogemeente wordt gemaakt.", flush=True)
    if cli.main(["demo", "--db", location]) != 0:
        raise StartError(f"De demodatabase kon niet worden gemaakt in {location}.")
    return location


def server_command(files: Sequence[str], extra: Sequence[str]) -> list[str]:
    """The Streamlit command line that serves the app."""
    command = [sys.executable, "-m", "streamlit", "run", str(APP)]
    for path in files:
        command += ["--secrets.files", path]
    return command + list(extra)


def health(env: Mapping[str, str], timeout: float = 5.0) -> bool:
    """Whether the server on this machine answers "ok" on /_stcore/health."""
    port = env.get("STREAMLIT_SERVER_PORT") or "8501"
    base = env.get("STREAMLIT_SERVER_BASE_URL_PATH", "").strip("/")
    path = f"/{base}/_stcore/health" if base else "/_stcore/health"
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as reply:
            return bool(reply.status == 200 and reply.read().strip() == b"ok")
    except (urllib.error.URLError, OSError):
        return False


def main(argv: Sequence[str] | None = None) -> int:
    """`serve` (the default; further arguments go to `streamlit run`) or `health`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["health"]:
        return 0 if health(os.environ) else 1
    if args[:1] == ["serve"]:
        args = args[1:]
    try:
        if not APP.exists():
            raise StartError(
                f"{APP} ontbreekt: start de container vanuit de broncode (de map /app)."
            )
        prepare_database(os.environ)
        private_dir = Path(tempfile.mkdtemp(prefix="wijkdashboard-"))  # mode 0700
        files = secrets_files(os.environ, private_dir)
    except StartError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    # Streamlit reads .streamlit/config.toml and serves static/ from the folder it runs in.
    os.chdir(APP.parent)
    command = server_command(files, args)
    os.execv(command[0], command)
    return 0  # unreachable: execv replaces this process


if __name__ == "__main__":
    sys.exit(main())
