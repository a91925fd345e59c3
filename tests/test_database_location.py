"""Where the database lives: connection strings and read-only shared files (scaling, docs/DESIGN.md §8).

Several app instances behind a load balancer read one database file opened
read-only. Opening it must then never create folders, take a lock or write an
upgraded version; a connection string (MotherDuck `md:`) is used as it is.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from dashboard import config
from dashboard.warehouse import store
from dashboard.warehouse.db import build_database, is_current
from dashboard.warehouse.store import open_current


@pytest.fixture()
def outdated(tmp_path: Path) -> Path:
    """A database file whose models are older than this code's (so a writer would upgrade it)."""
    path = tmp_path / "gedeeld" / "wijkdashboard.duckdb"
    path.parent.mkdir()
    with duckdb.connect(str(path)) as con:
        build_database(con)
        con.execute("insert into gemeente values ('GM0001', 'Testdorp', false, null)")
        con.execute("update model_versie set hash = 'ouder'")
    return path


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_configured_location_is_any_duckdb_connection_string(monkeypatch):
    monkeypatch.setenv(config.DB_ENV_VAR, "md:wijkdashboard?motherduck_token=x")
    assert config.database_location() == "md:wijkdashboard?motherduck_token=x"
    assert not store.is_file_location(config.database_location())
    assert store.resolve("md:wijkdashboard") == "md:wijkdashboard"
    monkeypatch.delenv(config.DB_ENV_VAR)
    assert config.database_location() == str(config.default_database())


def test_a_connection_string_is_opened_read_only_without_folders_or_upgrades(monkeypatch, tmp_path):
    calls = []
    real_connect = duckdb.connect

    def fake_connect(database: str, read_only: bool = False, **kwargs: object):
        calls.append((database, read_only))
        return real_connect(":memory:")  # offline: MotherDuck itself cannot be reached

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(store.duckdb, "connect", fake_connect)
    monkeypatch.setattr(store, "writing", lambda *a, **k: pytest.fail("no writes for md:"))
    con = open_current("md:wijkdashboard")
    assert calls == [("md:wijkdashboard", True)]
    assert con.sql("select 1").fetchall() == [(1,)]
    assert files(tmp_path) == []  # no folder named 'md:...' appeared


def test_a_read_only_share_is_used_as_it_is(outdated, monkeypatch):
    before = files(outdated.parent)
    real_access = os.access
    # a read-only mount or a folder this process may not write (tests run as root,
    # which may write everywhere, so the answer of the file system is simulated)
    monkeypatch.setattr(
        store.os,
        "access",
        lambda path, mode: False if Path(path) == outdated.parent else real_access(path, mode),
    )
    con = open_current(str(outdated))
    assert con.sql("select naam from gemeente").fetchall() == [("Testdorp",)]
    assert not is_current(con)  # not upgraded: nobody may write there
    with pytest.raises(duckdb.Error):
        con.execute("insert into gemeente values ('GM0002', 'Nee', false, null)")
    con.close()
    assert files(outdated.parent) == before  # no lock file, no new version


def test_configured_read_only_instances_never_write(outdated, monkeypatch):
    monkeypatch.setenv(config.READ_ONLY_ENV_VAR, "1")
    before = files(outdated.parent)
    con = open_current(str(outdated))
    assert con.sql("select count(*) from gemeente").fetchall() == [(1,)]
    con.close()
    assert files(outdated.parent) == before


def test_without_the_setting_a_reader_still_upgrades(outdated, monkeypatch):
    monkeypatch.delenv(config.READ_ONLY_ENV_VAR, raising=False)
    con = open_current(str(outdated))
    assert is_current(con)
    con.close()
    assert Path(outdated).is_symlink()  # the upgrade became a new version


@pytest.mark.parametrize("value", ["1", "true", "ja", "YES"])
def test_read_only_setting_values(monkeypatch, value):
    monkeypatch.setenv(config.READ_ONLY_ENV_VAR, value)
    assert config.read_only()


def test_read_only_is_off_by_default(monkeypatch):
    monkeypatch.delenv(config.READ_ONLY_ENV_VAR, raising=False)
    assert not config.read_only()


def test_data_folder_of_a_checkout_an_installation_and_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(config.DATA_ENV_VAR, raising=False)
    # in a checkout (app.py beside the package): its data/ folder
    assert config.data_dir() == config.PROJECT_ROOT / "data"
    # installed in site-packages (no app.py beside it): data/ of the folder it runs in
    monkeypatch.setattr(config, "PROJECT_ROOT", tmp_path / "site-packages")
    monkeypatch.chdir(tmp_path)
    assert config.data_dir() == tmp_path / "data"
    assert config.default_database() == tmp_path / "data" / "wijkdashboard.duckdb"
    monkeypatch.setenv(config.DATA_ENV_VAR, str(tmp_path / "elders"))
    assert config.data_dir() == tmp_path / "elders"
