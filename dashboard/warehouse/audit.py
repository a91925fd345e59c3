"""The audit log (docs/DESIGN.md §7): who logged in, who saw professional names, who imported what.

**Append-only.** This module offers `append` (one new row) and `read` (the latest rows),
and nothing that changes or removes a row; nothing else in the package writes the log.
`check` finds a log that was changed behind its back: a row with a time in the future, or
ids that do not strictly increase with time.

**Its own file.** The log is a DuckDB file of its own, `audit_log` its one table. The app
reads the main database read-only and every write there makes a whole new database
version (`dashboard.warehouse.store`): far too heavy for a login or a page view. An append
opens the log for a moment under an exclusive lock (a lock file beside it, as the store
does), so several app processes, their threads and the command line can append at the
same time; the ids come from a sequence in the file and the time (UTC) is taken under the
lock, so both only go up. Nobody waits for the lock longer than `LOCK_WAIT_SECONDS`: a lock
that stays taken (a process that hangs) makes an append or a read fail with
`AuditUnavailable`, never freezes the login or a screen.

**Where.** `WIJKDASHBOARD_AUDIT_DB`, else `auditlog.duckdb` in the folder of the database
file. A database behind a connection string (MotherDuck `md:...`) has no folder: the log is
then `auditlog.duckdb` in this instance's data folder (`WIJKDASHBOARD_DATA`), one per
instance; to keep one log for several instances, point `WIJKDASHBOARD_AUDIT_DB` at a
MotherDuck database of its own (`md:wijkdashboard_audit`; MotherDuck orders concurrent
transactions itself, so no lock file is used there). Several instances sharing one read-only
database file need a writable `WIJKDASHBOARD_AUDIT_DB` too.

**Never participant data.** A row holds who (the user's label: name or e-mail), their role
and organisations, the screen, and a short text; for an import the file name, the kind and
the rows added and updated per table.
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Final

import duckdb
import pandas as pd

from dashboard.config import AUDIT_ENV_VAR, data_dir
from dashboard.warehouse.checks import CheckResult
from dashboard.warehouse.store import is_file_location

AANMELDING: Final = "aanmelding"
NAMEN_BEKEKEN: Final = "namen_bekeken"
IMPORT: Final = "import"
# the codes of `gebeurtenis`; the table's check constraint repeats them
GEBEURTENISSEN: Final[tuple[str, ...]] = (AANMELDING, NAMEN_BEKEKEN, IMPORT)

FILE_NAME: Final = "auditlog.duckdb"
# how long an append or a read waits for the lock, and how often it tries meanwhile
LOCK_WAIT_SECONDS: Final = 2.0
_LOCK_POLL_SECONDS: Final = 0.005
# a details text longer than this is cut off: the log holds short facts, never file contents
MAX_TEXT: Final = 500
COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "tijdstip",
    "gebeurtenis",
    "gebruiker",
    "rol",
    "organisaties",
    "scherm",
    "details",
)

# Run on every append (the log's only migration; `if not exists` makes it idempotent).
# A new column would be an `alter table ... add column if not exists` below these.
_SCHEMA: Final[tuple[str, ...]] = (
    "create sequence if not exists audit_log_id",
    """create table if not exists audit_log (
        id bigint primary key default nextval('audit_log_id'),
        tijdstip timestamp not null,  -- UTC
        gebeurtenis varchar not null
            check (gebeurtenis in ('aanmelding', 'namen_bekeken', 'import')),
        gebruiker varchar not null,
        rol varchar not null,
        organisaties varchar[] not null,
        scherm varchar,
        details varchar
    )""",
)

# The data checks of the log: each query must return zero rows.
_CHECKS: Final[dict[str, tuple[str, str]]] = {
    "auditlog_niet_in_de_toekomst": (
        "geen regel in de auditlog heeft een tijdstip in de toekomst",
        "select id, tijdstip from audit_log where tijdstip > $nu order by id",
    ),
    "auditlog_volgorde": (
        "de nummers in de auditlog nemen strikt toe en gaan nooit terug in de tijd",
        """with ordered as (
            select
                id,
                tijdstip,
                lag(id) over (order by id) as vorige_id,
                lag(tijdstip) over (order by id) as vorige_tijdstip,
            from audit_log
        )
        select id, tijdstip, vorige_id, vorige_tijdstip
        from ordered
        where id = vorige_id or tijdstip < vorige_tijdstip
        order by id""",
    ),
}


class AuditUnavailable(RuntimeError):
    """The audit log cannot be written or read; the message is Dutch and names the file."""


def location_for(database: str) -> str:
    """Where the audit log of a database lives (see the module docstring)."""
    configured = os.environ.get(AUDIT_ENV_VAR)
    if configured:
        return configured
    if is_file_location(database):
        return str(Path(database).parent / FILE_NAME)
    return str(data_dir() / FILE_NAME)


def _now() -> datetime:
    """The current time in UTC, without a zone (the column is a plain timestamp in UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _text(value: str | None) -> str | None:
    """One short line: control characters and runs of white space become one space."""
    if value is None:
        return None
    line = re.sub(r"[\s\x00-\x1f\x7f]+", " ", str(value)).strip()
    return line[:MAX_TEXT] or None


def _take(handle: IO[str], operation: int, deadline: float) -> bool:
    """flock without blocking, tried again until the deadline (time.monotonic); False if it
    never came free."""
    while True:
        try:
            fcntl.flock(handle, operation | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(_LOCK_POLL_SECONDS)


@contextmanager
def _locked(location: str, exclusive: bool) -> Iterator[None]:
    """One writer at a time (and no reader while it writes), across processes and threads;
    AuditUnavailable when the lock does not come free within LOCK_WAIT_SECONDS.

    flock belongs to an open file description, so two threads of one process that each
    open the lock file exclude each other as two processes do. The lock is tried without
    blocking, so a waiter is never woken by the kernel: to keep one process that appends in
    a loop from taking the lock again and again while another keeps missing it, a waiter
    first takes a second lock, the queue, and holds it until it has the lock itself. The
    one in the queue is next.
    """
    if not is_file_location(location):
        yield
        return
    path = Path(location)
    if exclusive:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    with (
        open(path.parent / f".{path.name}.lock", "a") as handle,
        open(path.parent / f".{path.name}.queue", "a") as queue,
    ):
        taken = False
        if _take(queue, fcntl.LOCK_EX, deadline):
            try:
                taken = _take(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH, deadline)
            finally:
                fcntl.flock(queue, fcntl.LOCK_UN)
        if not taken:
            raise AuditUnavailable(
                f"De auditlog ({location}) is bezet: de vergrendeling kwam niet binnen"
                f" {LOCK_WAIT_SECONDS:g} seconden vrij."
            )
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def append(
    location: str,
    gebeurtenis: str,
    *,
    gebruiker: str,
    rol: str,
    organisaties: Iterable[str] = (),
    scherm: str | None = None,
    details: str | None = None,
) -> int:
    """Add one row to the audit log at `location` (the time is now, in UTC); return its id."""
    if gebeurtenis not in GEBEURTENISSEN:
        raise ValueError(f"Onbekende gebeurtenis voor de auditlog: {gebeurtenis!r}.")
    row: dict[str, object] = {
        "gebeurtenis": gebeurtenis,
        "gebruiker": _text(gebruiker) or "onbekend",
        "rol": _text(rol) or "onbekend",
        "organisaties": sorted({str(o) for o in organisaties}),
        "scherm": _text(scherm),
        "details": _text(details),
    }
    try:
        with _locked(location, exclusive=True), duckdb.connect(location) as con:
            for statement in _SCHEMA:
                con.execute(statement)
            # taken under the lock: a later id never gets an earlier time
            row["tijdstip"] = _now()
            inserted = con.sql(
                "insert into audit_log (tijdstip, gebeurtenis, gebruiker, rol, organisaties,"
                " scherm, details) values ($tijdstip, $gebeurtenis, $gebruiker, $rol,"
                " $organisaties, $scherm, $details) returning id",
                params=row,
            ).fetchall()
    except (duckdb.Error, OSError) as exc:
        raise AuditUnavailable(
            f"De auditlog ({location}) kan niet worden bijgewerkt: {exc}"
        ) from exc
    return int(inserted[0][0])


def _empty() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=object) for column in COLUMNS})


@contextmanager
def _reading(location: str) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A read-only connection to the log under the shared lock; None when there is no log yet."""
    if is_file_location(location) and not Path(location).exists():
        yield None
        return
    try:
        with (
            _locked(location, exclusive=False),
            duckdb.connect(location, read_only=is_file_location(location)) as con,
        ):
            exists = con.sql(
                "select count(*) from duckdb_tables() where table_name = 'audit_log'"
                " and database_name = current_database()"
            ).fetchall()[0][0]
            yield con if exists else None
    except (duckdb.Error, OSError) as exc:
        raise AuditUnavailable(f"De auditlog ({location}) kan niet worden gelezen: {exc}") from exc


def read(location: str, limit: int = 200) -> pd.DataFrame:
    """The latest `limit` rows of the audit log, newest first (an empty frame when there is none)."""
    with _reading(location) as con:
        if con is None:
            return _empty()
        return con.sql(
            f"select {', '.join(COLUMNS)} from audit_log order by id desc limit $limit",
            params={"limit": max(0, int(limit))},
        ).df()


def check(location: str) -> list[CheckResult]:
    """The data checks of the audit log (none fails on a log that does not exist yet)."""
    now = _now()
    with _reading(location) as con:
        return [
            CheckResult(
                name,
                description,
                con.sql(sql, params={"nu": now} if "$nu" in sql else None).df()
                if con is not None
                else pd.DataFrame(),
            )
            for name, (description, sql) in _CHECKS.items()
        ]
