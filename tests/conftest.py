"""Shared fixtures: an empty built database, the demo database, and the real CBS files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dashboard.warehouse.db import build_database

SHARED_CBS = Path(__file__).resolve().parents[2] / "shared" / "data" / "cbs"


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Remove the folder Streamlit's AppTest makes when it is imported (a module-level
    TemporaryDirectory it never cleans), which otherwise ends every run with a
    ResourceWarning traceback at interpreter exit."""
    import sys

    app_test = sys.modules.get("streamlit.testing.v1.app_test")
    folder = getattr(app_test, "TMP_DIR", None)  # private: may go in a later Streamlit
    if folder is not None:
        folder.cleanup()


@pytest.fixture()
def empty_db() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory database with all migrations and models, and no rows."""
    con = duckdb.connect(":memory:")
    build_database(con)
    yield con
    con.close()


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo gemeente built once per test session through the CLI, as a user would."""
    from dashboard.cli import main

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    assert main(["demo", "--db", str(path)]) == 0
    return str(path)


@pytest.fixture()
def cbs_dir() -> Path:
    """The folder with the real CBS files; every test that needs it skips when it is absent."""
    if not SHARED_CBS.is_dir():
        if os.environ.get("CI"):  # CI always has ../shared: a missing folder is a broken setup
            pytest.fail(f"{SHARED_CBS} ontbreekt in CI")
        pytest.skip("../shared/data/cbs ontbreekt (alleen in CI en ontwikkelomgeving)")
    return SHARED_CBS


@pytest.fixture()
def lokaal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Screens on real (non-demo) data without login: the administrator's local single-user
    mode (WIJKDASHBOARD_LOKAAL=1 on a server bound to localhost), as `make run` starts it."""
    from streamlit import config as st_config

    from dashboard.ui.auth import LOCAL_ENV_VAR

    monkeypatch.setenv(LOCAL_ENV_VAR, "1")
    before = st_config.get_option("server.address")
    st_config.set_option("server.address", "localhost")
    yield
    st_config.set_option("server.address", before)


@pytest.fixture(scope="session", autouse=True)
def _audit_log_outside_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The audit log of every test in a temporary folder, never in data/ of the checkout
    (tests that look at the log set WIJKDASHBOARD_AUDIT_DB themselves)."""
    from dashboard.config import AUDIT_ENV_VAR

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(AUDIT_ENV_VAR, str(tmp_path_factory.mktemp("audit") / "auditlog.duckdb"))
        yield


@pytest.fixture()
def new_db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Where a test's own database goes (not made yet), with its own pseudonymisation salt."""
    monkeypatch.setenv("WIJKDASHBOARD_SALT_FILE", str(tmp_path / "salt"))
    return str(tmp_path / "data" / "wijkdashboard.duckdb")


@pytest.fixture()
def demo_copy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_db_path: str) -> str:
    """A private copy of the demo database that the app uses (an import makes a new version)."""
    from dashboard.config import DB_ENV_VAR
    from dashboard.warehouse import store

    path = tmp_path / "data" / "wijkdashboard.duckdb"
    path.parent.mkdir()
    path.write_bytes(Path(store.resolve(demo_db_path)).read_bytes())
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    monkeypatch.setenv("WIJKDASHBOARD_SALT_FILE", str(tmp_path / "salt"))
    return str(path)


@pytest.fixture()
def with_own_indeling(demo_copy) -> str:
    """The demo with an eigen indeling: 'Binnenstad' of the buurten of Centrum and Oude Haven."""
    import shapely

    from dashboard.warehouse import store
    from tests.helpers import insert

    with duckdb.connect(store.resolve(demo_copy)) as con:
        rows = con.sql(
            "select buurtcode, geom_wkb from buurt where wijkcode in ('WK999901', 'WK999902')"
        ).fetchall()
        shape = shapely.union_all([shapely.from_wkb(bytes(g)) for _, g in rows])
        insert(con, "indeling", [("EG9999001", "Binnenstad", "GM9999", "stadsdelen", shape.wkb)])
        insert(con, "indeling_buurt", [(code, "EG9999001") for code, _ in rows])
    return demo_copy


@pytest.fixture()
def deferred_download(monkeypatch: pytest.MonkeyPatch):
    """A function that gives the file a deferred `st.download_button` (data made on click)
    would give, in AppTest: the test clicks for the browser by running the button's callable
    through the media file manager of the app's last run, as Streamlit's /media route does."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import app_test

    made: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)

    def read(button) -> tuple[bytes, str | None]:
        """(content, file name) of a download button element."""
        manager = made[-1]
        url = manager.execute_deferred(button.proto.deferred_file_id)
        stored = manager.read_file(url.rsplit("/", 1)[1].split(".")[0])
        assert stored is not None, url
        return stored.content, stored.filename

    return read
