"""Writing to the database without disturbing its readers, and without half-written data.

A DuckDB file can be open in one writing process or in many reading ones,
never both (docs/STACK_NOTES.md). The running dashboard keeps the file open for
reading, so a write never happens in place: `writing()` copies the current
version to a new versioned file, applies the change there in one transaction,
and only when everything succeeded points the configured path (a symlink) at
the new version. A failure or a killed process leaves the configured path on
the old version; readers pick up a new version on their next query.

The files beside the published name `wijkdashboard.duckdb` (a symlink):
`wijkdashboard.vNNN.duckdb` the versions (names of this form are reserved for them),
`.wijkdashboard.vNNN.duckdb.previous` a record, made when that version was published, of
the version it replaced, and `.wijkdashboard.duckdb.lock` the write lock. Every writer
takes the lock by the published name (a version file given as the location stands for
it), and first removes what killed writers left: versions never published, their `.wal`,
half-done compactions. Kept are the current version and the one it replaced (its record),
which a running reader may still have open; older versions are removed.

Connection strings that are not files (MotherDuck) are written in place, in
one transaction.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from dashboard.config import read_only
from dashboard.warehouse.db import build_database, is_current

# How many superseded versions stay on disk for readers still finishing a query: the one
# the current version replaced, the one that one replaced, ... (see _replaced).
KEEP_OLD_VERSIONS = 1
# A new version is rewritten compactly when more than this share of its file is free
# blocks: DuckDB reuses free blocks but never shrinks a file, and every write copies it.
COMPACT_WHEN_FREE = 0.5

# A version file: `<name>.v<number>.duckdb` beside the published `<name>.duckdb`.
_VERSION_FILE = re.compile(r"(?P<stem>.+)\.v(?P<number>\d+)\.duckdb")


class VersionFileError(ValueError):
    """A location named like a version file (`naam.vNNN.duckdb`) of no published database."""


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


def published_location(location: str) -> str:
    """The name a database is published under: a version file stands for the link beside it.

    Writers lock and publish by this name, so writing to `data/wijkdashboard.v123.duckdb`
    writes to `data/wijkdashboard.duckdb`, under its one lock (two names for one database
    were two locks, and two writers could both publish). A file named like a version with
    no published link beside it raises VersionFileError: such names are kept for versions.
    Other locations are returned unchanged.
    """
    if not is_file_location(location):
        return location
    path = Path(location)
    match = _VERSION_FILE.fullmatch(path.name)
    if match is None:
        return location
    link = path.with_name(f"{match['stem']}.duckdb")
    if not link.is_symlink():
        raise VersionFileError(
            f"{path.name} heeft de naam van een versie van een database (naam.vNNN.duckdb),"
            f" maar er staat geen {link.name} naast die naar de versies wijst. Geef de database"
            " op met haar gewone naam, of kopieer deze versie naar een bestand met een andere naam."
        )
    return published_location(str(link))  # a chain `naam.v1.v2.duckdb` made by older code


def is_current_version(location: str, version: str | None) -> bool:
    """Whether `version` (from version_read_by) is still the current version of `location`.

    Under the write lock the answer holds until the lock is released: every write through
    this module makes a new version (a tool that writes the file in place bypasses this and
    the lock). Without versions (a connection string) the answer is always False.
    """
    return (
        version is not None
        and is_file_location(location)
        and resolve(published_location(location)) == version
    )


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
    link = published_location(location)
    with _writer(Path(link)):
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
    try:
        link = published_location(location)
    except VersionFileError:  # a lone version-named file is read as it is
        return False
    return os.access(Path(link).parent, os.W_OK)


def _version_names(target: Path) -> re.Pattern[str]:
    # `(\.v\d+)+`: also the chains `name.v1.v2.duckdb` older code made when given a version file
    return re.compile(re.escape(target.stem) + r"(?:\.v\d+)+\.duckdb")


def _number(version: Path) -> int:
    return int(version.name.removesuffix(".duckdb").rsplit(".v", 1)[1])


def _versions(target: Path) -> list[Path]:
    """The version files of a database, oldest first."""
    names = _version_names(target)
    return sorted((p for p in target.parent.iterdir() if names.fullmatch(p.name)), key=_number)


def _record(version: Path) -> Path:
    """Where the publisher of `version` recorded the version it replaced (a symlink to it)."""
    return version.with_name(f".{version.name}.previous")


def _hops(target: Path) -> list[Path]:
    """The files the published link leads through to the current version (one, unless a chain)."""
    hops: list[Path] = []
    path = target
    while path.is_symlink() and len(hops) < 16:
        path = path.parent / os.readlink(path)
        hops.append(path)
    return hops


def _replaced(target: Path, version: Path) -> Path | None:
    """The version that `version` replaced when it was published; None when it replaced none.

    Read from its record. A version published before records existed falls back to the
    newest version numbered below it: never a version newer than it, which only a killed
    writer can have left (numbers grow with time).
    """
    record = _record(version)
    if record.is_symlink():
        previous = version.with_name(os.readlink(record))
        return previous if _version_names(target).fullmatch(previous.name) else None
    older = [v for v in _versions(target) if _number(v) < _number(version)]
    return older[-1] if older else None


def _kept(target: Path) -> set[str]:
    """The names of the versions a reader may have open: the current one and those it replaced."""
    hops = _hops(target)
    kept = {hop.name for hop in hops}
    version: Path | None = hops[-1] if hops else None
    if version is None or not _version_names(target).fullmatch(version.name):
        return kept
    for _ in range(KEEP_OLD_VERSIONS):
        version = _replaced(target, version)
        if version is None:
            break
        kept.add(version.name)
    return kept


def _clean(target: Path) -> None:
    """Remove old versions beyond the kept ones, and everything failed or killed writers left.

    Only under the write lock, so no other writer is busy with a file removed here:
    versions never published (a killed writer's, with its `.wal`), the `.wal` and record
    of every version not kept, half-done compactions, a publisher's temporary link, and
    the temporary files of demo builds by older code. The current version and the version
    it replaced stay, with their `.wal`: a running reader may have them open.
    """
    kept = _kept(target)
    version_files = re.compile(
        rf"\.?(?P<version>{_version_names(target).pattern})(?P<extra>\.wal|\.previous|\.compact(?:\.wal)?)?"
    )
    temporary = re.compile(
        rf"\.{re.escape(target.name)}\.\d+\.link|{re.escape(target.name)}\..+\.tmp(?:\.wal)?"
    )
    for path in target.parent.iterdir():
        match = version_files.fullmatch(path.name)
        if match is not None:
            if match["version"] not in kept or (match["extra"] or "").startswith(".compact"):
                _unlink(path)
        elif temporary.fullmatch(path.name):
            _unlink(path)


def _unlink(path: Path) -> None:
    """Remove a file or symlink; one that cannot be removed is left for the next writer."""
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        logging.getLogger(__name__).warning("Kan %s niet verwijderen: %s", path.name, exc)


@contextmanager
def _writer(target: Path) -> Iterator[None]:
    """Hold the write lock of a database, after removing what killed writers left."""
    with _lock(target):
        _clean(target)
        yield


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
    """Point `target` at `version` atomically (a relative symlink swapped in with os.replace).

    First records which version `version` replaces: that one stays beside it for readers.
    A record names `target` itself when no version was current (a plain file, or none).
    """
    hops = _hops(target)
    record = _record(version)
    _unlink(record)
    record.symlink_to(hops[-1].name if hops else target.name)
    link = target.parent / f".{target.name}.{os.getpid()}.link"
    _unlink(link)
    link.symlink_to(version.name)
    os.replace(link, target)
    _clean(target)


def _remove(path: Path) -> None:
    """Remove a database file that was never published, with its log and record."""
    for leftover in (path, Path(f"{path}.wal"), _record(path)):
        _unlink(leftover)


def _new_version(target: Path) -> Path:
    return target.parent / f"{target.stem}.v{time.time_ns()}.duckdb"


@contextmanager
def building(location: str) -> Iterator[Path]:
    """A path for a whole new database (e.g. the demo), made the current version if the block succeeds.

    The caller creates the file there, fills it and closes it inside the block. The build
    holds the write lock: an import waits for it, and a killed build leaves an unpublished
    version that the next writer removes.
    """
    target = Path(published_location(location))
    target.parent.mkdir(parents=True, exist_ok=True)
    with _writer(target):
        version = _new_version(target)
        try:
            yield version
            if not version.is_file():
                raise FileNotFoundError(f"{version.name} is niet gemaakt")
        except BaseException:
            _remove(version)
            raise
        _publish(target, version)


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

    location = published_location(location)  # one lock per database, whatever name it is given by
    target = Path(location)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _writer(target), _new_version_of(location) as con:
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
