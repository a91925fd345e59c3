"""Writing to the database without disturbing its readers, and without half-written data.

A DuckDB file can be open in one writing process or in many reading ones,
never both (docs/STACK_NOTES.md). The running dashboard keeps the file open for
reading, so a write never happens in place: `writing()` copies the current
version to a new versioned file, applies the change there in one transaction,
and only when everything succeeded points the configured path (a symlink) at
the new version. A failure or a killed process leaves the configured path on
the old version; readers pick up a new version on their next query.

Connection strings that are not files (MotherDuck) are written in place, in
one transaction.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from dashboard.config import read_only
from dashboard.warehouse.db import build_database, is_current

# How many superseded versions stay on disk for readers still finishing a query.
KEEP_OLD_VERSIONS = 1
# A new version is rewritten compactly when more than this share of its file is free
# blocks: DuckDB reuses free blocks but never shrinks a file, and every write copies it.
COMPACT_WHEN_FREE = 0.5


def is_file_location(location: str) -> bool:
    """True for a database file path, False for ':memory:' and connection strings like 'md:...'."""
    return location != ":memory:" and ":" not in location.split("/")[0]


def resolve(location: str) -> str:
    """The file that holds the current version (follows the symlink); other locations unchanged."""
    return os.path.realpath(location) if is_file_location(location) else location


def version_read_by(con: duckdb.DuckDBPyConnection) -> str | None:
    """The version file a connection reads; None for a database behind a connection string."""
    path = con.sql(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchall()[0][0]
    return os.path.realpath(path) if path and is_file_location(path) else None


def is_current_version(location: str, version: str | None) -> bool:
    """Whether `version` (from version_read_by) is still the current version of `location`.

    Under the write lock the answer holds until the lock is released: every write through
    this module makes a new version (a tool that writes the file in place bypasses this and
    the lock). Without versions (a connection string) the answer is always False.
    """
    return version is not None and is_file_location(location) and resolve(location) == version


def open_current(location: str) -> duckdb.DuckDBPyConnection:
    """Open the current version read-only, upgrading it first when this code has newer models.

    Readers never write in place: an upgrade is published as a new version, under
    the same lock as imports. A database behind a connection string is used as it is.
    """
    con = duckdb.connect(resolve(location), read_only=True)
    if is_current(con) or not is_file_location(location) or not may_upgrade(location):
        return con
    con.close()
    # a version file is upgraded through the link that points at it
    link = _link_for(location)
    with _lock(Path(link)):
        # another process (several app instances start at once) may have upgraded it meanwhile
        with duckdb.connect(resolve(link), read_only=True) as latest:
            outdated = not is_current(latest)
        if outdated:
            with _new_version_of(link):
                pass  # builds the current models on a copy and publishes it
    return duckdb.connect(resolve(link), read_only=True)


def may_upgrade(location: str) -> bool:
    """Whether a reader may publish an upgraded version beside the file.

    Not on a read-only share (a read-only mount, a folder this process cannot write)
    and not when configured read-only: the database is then used as it is.
    """
    if read_only():
        return False
    return os.access(Path(_link_for(location)).parent, os.W_OK)


def _link_for(location: str) -> str:
    """The configured path for a location that may be a version file (`name.vNNN.duckdb` -> `name.duckdb`)."""
    path = Path(location)
    stem, dot, rest = path.name.partition(".v")
    if dot and rest.endswith(".duckdb") and rest[: -len(".duckdb")].isdigit():
        return str(path.with_name(f"{stem}.duckdb"))
    return location


def _versions(target: Path) -> list[Path]:
    return sorted(target.parent.glob(f"{target.stem}.v*.duckdb"))


@contextmanager
def _lock(target: Path) -> Iterator[None]:
    """One writer at a time per database (a lock file beside it)."""
    lock_path = target.parent / f".{target.name}.lock"
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _publish(target: Path, version: Path) -> None:
    """Point `target` at `version` atomically (a relative symlink swapped in with os.replace)."""
    link = target.parent / f".{target.name}.{os.getpid()}.link"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(version.name)
    os.replace(link, target)


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}.wal")):
        if leftover.exists():
            leftover.unlink()


def _prune(target: Path, current: Path) -> None:
    """Delete old versions beyond the few kept, and versions left by failed or killed writers."""
    older = [v for v in _versions(target) if v != current]
    for version in older[: max(0, len(older) - KEEP_OLD_VERSIONS)]:
        _remove(version)
    for leftover in target.parent.glob(f"{target.stem}.v*.duckdb.compact"):  # a killed compaction
        _remove(leftover)


def _new_version(target: Path) -> Path:
    return target.parent / f"{target.stem}.v{time.time_ns()}.duckdb"


def replace_with(location: str, built: Path) -> None:
    """Make a complete, closed database file the current version (e.g. a rebuilt demo)."""
    target = Path(location)
    with _lock(target):
        version = _new_version(target)
        os.replace(built, version)
        _publish(target, version)
        _prune(target, version)


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Commit when the block succeeds; roll back only a transaction that is really open.

    The first statement claims the database (migration 0006): a second writer at the
    same time fails on it, and its transaction is rolled back with nothing written.
    """
    con.execute("begin")
    try:
        con.execute("update schrijver set schrijfacties = schrijfacties + 1")
        yield
    except BaseException:
        try:
            con.execute("rollback")
        except duckdb.TransactionException:  # already ended by the failing statement's caller
            pass
        raise
    con.execute("commit")


def _bring_up_to_date(con: duckdb.DuckDBPyConnection) -> None:
    """Build this code's schema and models, unless the database already has exactly them."""
    if not is_current(con):  # rebuilding ~30 unchanged views cost every import 0.05 s
        build_database(con)


def _free_share(con: duckdb.DuckDBPyConnection) -> float:
    """The share of the database file that is free blocks (after a checkpoint)."""
    total, free = con.sql(
        "select total_blocks, free_blocks from pragma_database_size()"
    ).fetchall()[0]
    return free / total if total else 0.0


def _compact(version: Path) -> None:
    """Rewrite a version file without its free blocks (tables, views, macros, sequences kept).

    Happens after a migration dropped a large index or a clean-up removed many rows;
    the rewrite is still private, so readers never see it half done.
    """
    compacted = version.with_name(f"{version.name}.compact")
    _remove(compacted)
    try:
        with duckdb.connect() as con:
            con.execute("set enable_progress_bar = false")  # no bar on the CLI's terminal
            con.execute("attach $path as nieuw", {"path": str(compacted)})
            con.execute("attach $path as oud (read_only)", {"path": str(version)})
            con.execute("copy from database oud to nieuw")
            con.execute("detach oud")
            con.execute("checkpoint nieuw")
            con.execute("detach nieuw")
        os.replace(compacted, version)
    except BaseException:
        _remove(compacted)
        raise


@contextmanager
def writing(location: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection inside a transaction; its changes become the current version only if the block succeeds."""
    if not is_file_location(location):
        con = duckdb.connect(location)
        try:
            _bring_up_to_date(con)
            with _transaction(con):
                yield con
        finally:
            con.close()
        return

    target = Path(location)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _lock(target), _new_version_of(location) as con:
        yield con


@contextmanager
def _new_version_of(location: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """writing() for a file, once the caller holds the lock."""
    target = Path(location)
    current = Path(resolve(location))
    version = _new_version(target)
    if current.exists():
        shutil.copyfile(current, version)
        wal = Path(f"{current}.wal")
        if wal.exists():  # a crashed writer's log: DuckDB replays it on open
            shutil.copyfile(wal, f"{version}.wal")
    try:
        con = duckdb.connect(str(version))
        try:
            _bring_up_to_date(con)
            with _transaction(con):
                yield con
            con.execute("checkpoint")
            sparse = _free_share(con) > COMPACT_WHEN_FREE
        finally:
            con.close()
        if sparse:
            try:
                _compact(version)
            except (duckdb.Error, OSError) as exc:  # only an optimisation: publish as it is
                logging.getLogger(__name__).warning("Compacteren van %s mislukt: %s", version, exc)
    except BaseException:
        _remove(version)
        raise
    _publish(target, version)
    _prune(target, version)
