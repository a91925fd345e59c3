"""Versioned, atomic writes: a failed or killed write leaves the database as it was."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from dashboard.config import PROJECT_ROOT
from dashboard.warehouse import store
from dashboard.warehouse.db import build_database


def count(location: str, table: str = "gemeente") -> int:
    with duckdb.connect(store.resolve(location), read_only=True) as con:
        return con.sql(f"select count(*) from {table}").fetchall()[0][0]


@pytest.fixture()
def location(tmp_path: Path) -> str:
    path = tmp_path / "db" / "wijkdashboard.duckdb"
    path.parent.mkdir()
    with duckdb.connect(str(path)) as con:
        build_database(con)
        con.execute("insert into gemeente values ('GM0001', 'Eerste', false, null)")
    return str(path)


def test_a_successful_write_becomes_the_current_version(location):
    with store.writing(location) as con:
        con.execute("insert into gemeente values ('GM0002', 'Tweede', false, null)")
    assert Path(location).is_symlink()
    assert count(location) == 2


def test_a_failed_write_changes_nothing_and_leaves_no_files(location):
    before = sorted(p.name for p in Path(location).parent.glob("*.duckdb"))
    with pytest.raises(duckdb.ConstraintException):
        with store.writing(location) as con:
            con.execute("insert into gemeente values ('GM0002', 'Tweede', false, null)")
            con.execute("insert into gemeente values ('GM0002', 'Dubbel', false, null)")
    assert count(location) == 1
    assert sorted(p.name for p in Path(location).parent.glob("*.duckdb")) == before


def test_readers_keep_reading_while_a_write_happens(location):
    reader = duckdb.connect(store.resolve(location), read_only=True)  # like the running dashboard
    with store.writing(location) as con:
        con.execute("insert into gemeente values ('GM0002', 'Tweede', false, null)")
    # the open reader still sees its version; a new reader sees the new one
    assert reader.sql("select count(*) from gemeente").fetchall() == [(1,)]
    assert count(location) == 2
    reader.close()


def test_old_versions_are_pruned(location):
    for i in range(2, 6):
        with store.writing(location) as con:
            con.execute(
                "insert into gemeente values ($code, 'G', false, null)", {"code": f"GM000{i}"}
            )
    versions = sorted(Path(location).parent.glob("wijkdashboard.v*.duckdb"))
    assert len(versions) == 1 + store.KEEP_OLD_VERSIONS
    assert count(location) == 5


def kill_a_writer_halfway(location: str, tmp_path: Path, *statements: str) -> None:
    """A child process runs `statements` in a write and signals it is halfway; we kill it hard."""
    ready = tmp_path / "halfway"
    ready.unlink(missing_ok=True)
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(PROJECT_ROOT)!r})
        from pathlib import Path
        from dashboard.warehouse import store
        with store.writing({location!r}) as con:
            for statement in {list(statements)!r}:
                con.execute(statement)
            Path({str(ready)!r}).write_text("ja")
            time.sleep(60)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert child.poll() is None, "the writer stopped before it was halfway"
        assert time.monotonic() < deadline
        time.sleep(0.1)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


def version_files(location: str) -> list[str]:
    return sorted(p.name for p in Path(location).parent.glob("wijkdashboard.v*.duckdb"))


def test_a_write_killed_halfway_leaves_the_database_as_it_was(location, tmp_path):
    kill_a_writer_halfway(
        location,
        tmp_path,
        "create table groot as select range as i from range(2000000)",
        "insert into gemeente values ('GM0002', 'Half', false, null)",
    )
    assert count(location) == 1  # the half-done write is not visible
    with duckdb.connect(store.resolve(location), read_only=True) as con:
        assert con.sql(
            "select count(*) from information_schema.tables where table_name = 'groot'"
        ).fetchall() == [(0,)]
    # and the next write works, cleaning up what the killed writer left
    with store.writing(location) as con:
        con.execute("insert into gemeente values ('GM0003', 'Derde', false, null)")
    assert count(location) == 2
    leftovers = [
        p.name
        for p in Path(location).parent.glob("*.duckdb")
        if p.resolve() != Path(store.resolve(location))
    ]
    assert len(leftovers) <= store.KEEP_OLD_VERSIONS + 1  # the link itself plus one kept version


def test_pseudonyms_are_stable_salted_and_hide_the_id(tmp_path, monkeypatch):
    from dashboard.ingest.pseudonym import load_or_create_salt, pseudonymiser, salt_path

    monkeypatch.delenv("WIJKDASHBOARD_SALT_FILE", raising=False)
    path = salt_path(str(tmp_path / "x.duckdb"))
    assert path == tmp_path / "pseudonimisering.salt"
    salt = load_or_create_salt(path)
    assert load_or_create_salt(path) == salt  # made once, then reused
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    first = pseudonymiser(salt)
    assert first("123456") == first(" 123456 ")
    assert "123456" not in first("123456")
    other = pseudonymiser(b"x" * 64)
    assert other("123456") != first("123456")  # another installation, another pseudonym


def test_readers_upgrade_an_outdated_database_as_a_new_version(location):
    with store.writing(location):  # the location becomes a link to a version file
        pass
    # an older build: one view missing, and no record of the models it was built with
    with duckdb.connect(store.resolve(location)) as con:
        con.execute("drop view stg_inzet cascade")
        con.execute("drop table model_versie")
    old = store.resolve(location)
    con = store.open_current(location)
    try:
        assert con.sql("select count(*) from stg_inzet").fetchall() == [(0,)]
    finally:
        con.close()
    assert store.resolve(location) != old  # published as a new version, not changed in place
    with duckdb.connect(old, read_only=True) as untouched:
        assert untouched.sql(
            "select count(*) from duckdb_views() where view_name = 'stg_inzet'"
        ).fetchall() == [(0,)]


def test_a_failure_before_the_transaction_is_reported_as_itself(location, monkeypatch):
    def broken(con):
        raise OSError("schijf vol")

    monkeypatch.setattr(store, "_bring_up_to_date", broken)
    with pytest.raises(OSError, match="schijf vol"):
        with store.writing(location):
            pass
    assert not list(Path(location).parent.glob("wijkdashboard.v*.duckdb"))


@pytest.mark.slow  # writes and compacts a large file
def test_a_write_that_frees_most_of_the_file_is_compacted(location):
    with store.writing(location) as con:
        con.execute(
            "insert into import_log (bestand, tabel, gebruiker, resultaat)"
            " values ('a.csv', 'deelnames', 'test', 'geslaagd')"
        )
        con.execute(
            "create table ballast as select i, md5(i::varchar) as tekst from range(2000000) t(i)"
        )
    big = Path(store.resolve(location)).stat().st_size
    with store.writing(location) as con:
        con.execute("drop table ballast")
    small = Path(store.resolve(location)).stat().st_size
    assert small < big / 3  # DuckDB alone would keep the file at its size, with free blocks
    assert count(location) == 1
    with store.writing(location) as con:  # the sequence went along: the log keeps counting
        new_id = con.sql(
            "insert into import_log (bestand, tabel, gebruiker, resultaat)"
            " values ('b.csv', 'deelnames', 'test', 'geslaagd') returning import_id"
        ).fetchall()[0][0]
        assert con.sql("select count(*) from stg_inzet").fetchall() == [(0,)]  # views kept
    assert new_id == 2
    assert not list(Path(location).parent.glob("*.compact"))


@pytest.mark.slow  # concurrent upgrades with a deliberate delay
def test_instances_starting_together_upgrade_an_outdated_database_once(location, monkeypatch):
    import threading

    with store.writing(location):
        pass
    with duckdb.connect(store.resolve(location)) as con:
        con.execute("drop table model_versie")  # built by older code
    builds = []
    real_build = store.build_database

    def slow_build(con):  # widen the window in which the other instance also finds it outdated
        builds.append(1)
        time.sleep(0.3)
        real_build(con)

    monkeypatch.setattr(store, "build_database", slow_build)
    opened = []

    def open_it():
        con = store.open_current(location)
        opened.append(con.sql("select count(*) from gemeente").fetchall()[0][0])
        con.close()

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert opened == [1, 1]
    assert len(builds) == 1  # the second found the first's upgrade after taking the lock


def test_two_writers_of_one_database_conflict_and_the_second_writes_nothing():
    # what protects a MotherDuck database, which has no lock file: the claim on `schrijver`
    con = duckdb.connect()
    build_database(con)
    first, second = con.cursor(), con.cursor()
    with store._transaction(first):
        first.execute("insert into gemeente values ('GM0001', 'Eerste', false, null)")
        with pytest.raises(duckdb.TransactionException):
            with store._transaction(second):
                second.execute("insert into gemeente values ('GM0002', 'Tweede', false, null)")
    assert con.sql("select gemeentecode from gemeente").fetchall() == [("GM0001",)]
    assert con.sql("select schrijfacties from schrijver").fetchall() == [(1,)]


def test_a_failed_compaction_still_publishes_the_write(location, monkeypatch):
    with store.writing(location) as con:
        con.execute("create table ballast as select i from range(3000000) t(i)")

    def broken(version):
        raise duckdb.IOException("schijf vol")

    monkeypatch.setattr(store, "_compact", broken)
    with store.writing(location) as con:
        con.execute("drop table ballast")
        con.execute("insert into gemeente values ('GM0002', 'Tweede', false, null)")
    assert count(location) == 2


def test_compaction_keeps_a_whole_demo_database(demo_db_path, tmp_path):
    import shutil

    copy = tmp_path / "demo.v1.duckdb"
    shutil.copyfile(store.resolve(demo_db_path), copy)

    def catalog_and_rows(path):
        with duckdb.connect(str(path), read_only=True) as con:
            tables = [
                r[0]
                for r in con.sql("select table_name from duckdb_tables() order by 1").fetchall()
            ]
            return {
                "tables": {t: con.sql(f"select * from {t} order by all").fetchall() for t in tables},
                "views": con.sql("select view_name, sql from duckdb_views() where not internal order by 1").fetchall(),
                "macros": con.sql("select function_name from duckdb_functions() where function_type = 'table_macro' order by 1").fetchall(),
                "constraints": con.sql("select table_name, constraint_type, constraint_text from duckdb_constraints() order by all").fetchall(),
                "sequences": con.sql("select sequence_name, last_value from duckdb_sequences()").fetchall(),
            }  # fmt: skip

    before = catalog_and_rows(copy)
    store._compact(copy)
    assert catalog_and_rows(copy) == before


def test_a_killed_writers_leftovers_go_when_the_next_writer_starts_and_the_previous_stays(
    location, tmp_path
):
    for code in ("GM0002", "GM0003"):
        with store.writing(location) as con:
            con.execute("insert into gemeente values ($code, 'G', false, null)", {"code": code})
    current = Path(store.resolve(location))
    folder = Path(location).parent
    before = set(folder.iterdir())
    # killed after DuckDB logged part of its work: an unpublished version file and its .wal
    kill_a_writer_halfway(
        location,
        tmp_path,
        "insert into gemeente values ('GM0009', 'Half', false, null)",
        "commit",
        "begin",
    )
    left = sorted(p.name for p in set(folder.iterdir()) - before)
    assert len(left) == 2 and left[1] == f"{left[0]}.wal", left
    assert left[0] > current.name  # newer than the current version, as a killed writer's is
    assert count(location) == 3  # the killed write is not visible
    with store.writing(location) as con:
        assert not any((folder / name).exists() for name in left)  # gone as this writer starts
        assert current.exists()
        con.execute("insert into gemeente values ('GM0004', 'Vierde', false, null)")
    assert count(location) == 4
    # kept: the new current version and the real previous one, the version it replaced
    assert version_files(location) == sorted([current.name, Path(store.resolve(location)).name])
    assert not list(folder.glob("*.wal"))


@pytest.mark.parametrize("recorded", [True, False], ids=["met-vorige", "door-oudere-code"])
def test_pruning_with_leftovers_present_keeps_the_current_and_the_previous_version(
    location, recorded
):
    with store.writing(location) as con:
        con.execute("insert into gemeente values ('GM0002', 'Tweede', false, null)")
    previous = Path(store.resolve(location))
    folder = previous.parent
    if not recorded:  # published by code from before the records of the previous version
        for record in folder.glob(".*.previous"):
            record.unlink()
    # what killed writers left: a version never published (newer than any, as a killed
    # writer's is) with its .wal, a half compaction, a publisher's temporary link, and the
    # temporary files of a demo build by older code
    never_published = folder / "wijkdashboard.v9999999999999999999.duckdb"
    shutil.copyfile(previous, never_published)
    debris = [
        Path(f"{never_published}.wal"),
        folder / f"{previous.name}.compact",
        folder / ".wijkdashboard.duckdb.4242.link",
        folder / "wijkdashboard.duckdb.abc123.tmp",
        folder / "wijkdashboard.duckdb.abc123.tmp.wal",
    ]
    for path in debris:
        path.write_bytes(b"half")
    with store.writing(location) as con:
        con.execute("insert into gemeente values ('GM0003', 'Derde', false, null)")
    current = Path(store.resolve(location))
    assert version_files(location) == sorted([previous.name, current.name])
    assert [p.name for p in debris if p.exists() or p.is_symlink()] == []
    assert count(location) == 3
    with duckdb.connect(str(previous), read_only=True) as con:  # the previous one still reads
        assert con.sql("select count(*) from gemeente").fetchall() == [(2,)]


def test_a_writer_through_a_version_file_waits_for_the_lock_of_the_database(location):
    import threading

    with store.writing(location) as con:  # the location becomes a link to a version file
        con.execute("insert into gemeente values ('GM0002', 'Tweede', false, null)")
    version = store.resolve(location)
    holding, release, second_done = threading.Event(), threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with store.writing(location) as con:
                con.execute("insert into gemeente values ('GM0003', 'Derde', false, null)")
                holding.set()
                release.wait(30)
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)

    def second() -> None:
        try:
            with store.writing(version) as con:  # `--db data/wijkdashboard.vNNN.duckdb`
                con.execute("insert into gemeente values ('GM0004', 'Vierde', false, null)")
            second_done.set()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    assert holding.wait(30)
    threads[1].start()
    try:
        assert not second_done.wait(1.0), (
            "the second writer published while the first held the lock"
        )
    finally:
        release.set()
        for thread in threads:
            thread.join(60)
    assert errors == []
    assert second_done.is_set()
    assert count(location) == 4  # both writes, one after the other: nothing lost
    assert Path(location).is_symlink()
    published = Path(location).parent / os.readlink(location)
    assert not published.is_symlink()  # no chain of links
    assert not Path(version).is_symlink()
    versions = version_files(location)
    assert len(versions) == 1 + store.KEEP_OLD_VERSIONS and published.name in versions
    assert not any((Path(location).parent / name).is_symlink() for name in versions)


INZET = (
    "inzet_id;professional_id;professional_naam;wijkcode;rol;organisatie_id;startdatum;einddatum;uren_per_week\n"
    "T1;PTEST1;Anna Test;WK999908;opbouwwerker;ORG999902;01-03-2026;;24\n"
)


@pytest.fixture()
def demo_copy(tmp_path: Path, demo_db_path: str, monkeypatch) -> str:
    """A private copy of the demo database, published as versions, with its own salt."""
    path = tmp_path / "data" / "wijkdashboard.duckdb"
    path.parent.mkdir()
    shutil.copyfile(store.resolve(demo_db_path), path)
    monkeypatch.setenv("WIJKDASHBOARD_SALT_FILE", str(tmp_path / "pseudonimisering.salt"))
    with store.writing(str(path)):  # the database becomes a link to its current version
        pass
    return str(path)


def test_a_version_file_as_db_imports_into_the_published_database(capsys, demo_copy, tmp_path):
    from dashboard.cli import main

    version = store.resolve(demo_copy)
    (tmp_path / "inzet.csv").write_text(INZET)
    code = main(["import", "inzet", str(tmp_path / "inzet.csv"), "--db", version])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"gebruikt wordt {demo_copy}" in err  # a Dutch note names the database written to
    # published under the database's own name and lock: a new version, no chain of links
    assert not Path(version).is_symlink()
    current = Path(store.resolve(demo_copy))
    assert current != Path(version) and current.parent == Path(demo_copy).parent
    assert version_files(demo_copy) == sorted([Path(version).name, current.name])
    assert count(demo_copy, "inzet where inzet_id = 'T1'") == 1


def test_a_version_named_file_of_no_database_is_refused_as_db(capsys, demo_copy, tmp_path):
    from dashboard.cli import main

    lone = tmp_path / "kopie.v1234.duckdb"  # a version copied elsewhere
    shutil.copyfile(store.resolve(demo_copy), lone)
    (tmp_path / "inzet.csv").write_text(INZET)
    code = main(["import", "inzet", str(tmp_path / "inzet.csv"), "--db", str(lone)])
    assert code == 1
    assert "heeft de naam van een versie van een database" in capsys.readouterr().err
    assert not lone.is_symlink() and not list(tmp_path.glob("kopie.v1234.v*"))
