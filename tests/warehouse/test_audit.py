"""dashboard.warehouse.audit: the append-only audit log in its own DuckDB file."""

from __future__ import annotations

import inspect
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.config import AUDIT_ENV_VAR, DATA_ENV_VAR, PROJECT_ROOT
from dashboard.warehouse import audit


@pytest.fixture()
def log(tmp_path: Path) -> str:
    return str(tmp_path / "auditlog.duckdb")


def rows(location: str) -> list[tuple]:
    """Every row but the time, oldest first."""
    frame = audit.read(location, limit=1000).iloc[::-1]

    def text(value: object) -> object:
        return None if pd.isna(value) else value

    return [
        (
            r.id,
            r.gebeurtenis,
            r.gebruiker,
            r.rol,
            list(r.organisaties),
            text(r.scherm),
            text(r.details),
        )
        for r in frame.itertuples()
    ]


def test_append_and_read_back(log):
    before = datetime.now(UTC).replace(tzinfo=None)
    first = audit.append(log, audit.AANMELDING, gebruiker="Anna", rol="beheerder")
    second = audit.append(
        log,
        audit.NAMEN_BEKEKEN,
        gebruiker="Bram",
        rol="teamleider",
        organisaties=["ORG2", "ORG1", "ORG2"],
        scherm="Continuïteit",
    )
    third = audit.append(
        log,
        audit.IMPORT,
        gebruiker="Anna",
        rol="beheerder",
        scherm="Gegevens",
        details="inzet.csv;\n  soort inzet\t; geslaagd",
    )
    after = datetime.now(UTC).replace(tzinfo=None)
    assert (first, second, third) == (1, 2, 3)
    # organisations sorted and unique; white space and line breaks become one space
    assert rows(log) == [
        (1, "aanmelding", "Anna", "beheerder", [], None, None),
        (2, "namen_bekeken", "Bram", "teamleider", ["ORG1", "ORG2"], "Continuïteit", None),
        (3, "import", "Anna", "beheerder", [], "Gegevens", "inzet.csv; soort inzet ; geslaagd"),
    ]
    times = audit.read(log)["tijdstip"].tolist()[::-1]
    assert before <= times[0] <= times[1] <= times[2] <= after  # UTC, in order
    # newest first, and no more than asked for
    assert audit.read(log, limit=2)["id"].tolist() == [3, 2]
    assert all(result.passed for result in audit.check(log))


def test_a_log_that_does_not_exist_yet_reads_empty_and_passes_its_checks(log):
    assert audit.read(log).empty
    assert list(audit.read(log).columns) == list(audit.COLUMNS)
    assert [r.passed for r in audit.check(log)] == [True, True]
    assert not Path(log).exists()  # reading never creates it


def test_an_unknown_event_is_refused_and_nothing_is_written(log):
    with pytest.raises(ValueError, match="Onbekende gebeurtenis"):
        audit.append(log, "wijziging", gebruiker="Anna", rol="beheerder")
    assert audit.read(log).empty


def test_long_details_are_cut_off(log):
    audit.append(log, audit.IMPORT, gebruiker="Anna", rol="beheerder", details="x" * 2000)
    assert audit.read(log)["details"].tolist() == ["x" * audit.MAX_TEXT]


def test_a_log_that_cannot_be_written_is_a_dutch_error(tmp_path):
    blocker = tmp_path / "geen_map"
    blocker.write_text("een bestand, geen map")
    with pytest.raises(audit.AuditUnavailable, match="kan niet worden bijgewerkt"):
        audit.append(str(blocker / "auditlog.duckdb"), audit.AANMELDING, gebruiker="A", rol="b")


def test_location_beside_the_database_or_configured(monkeypatch, tmp_path):
    monkeypatch.delenv(AUDIT_ENV_VAR, raising=False)
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path / "data"))
    assert audit.location_for("/srv/wijk/wijkdashboard.duckdb") == "/srv/wijk/auditlog.duckdb"
    # MotherDuck has no folder: the data folder of this instance
    assert audit.location_for("md:wijkdashboard") == str(tmp_path / "data" / "auditlog.duckdb")
    monkeypatch.setenv(AUDIT_ENV_VAR, "/var/log/wijk/audit.duckdb")
    assert audit.location_for("/srv/wijk/wijkdashboard.duckdb") == "/var/log/wijk/audit.duckdb"


def test_the_module_offers_no_way_to_change_or_remove_a_row():
    public = {
        name
        for name, value in vars(audit).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__ == audit.__name__
    }
    assert public == {"append", "read", "check", "location_for", "AuditUnavailable"}
    # and no statement in it changes or removes rows
    source = inspect.getsource(audit).lower()
    for statement in ("update ", "delete ", "truncate ", "drop ", "insert or replace"):
        assert statement not in source.replace("kan niet worden bijgewerkt", ""), statement


@pytest.mark.parametrize(
    "tamper, failing",
    [
        # the last row dated tomorrow
        ("update audit_log set tijdstip = tijdstip + interval 1 day where id = 3", "toekomst"),
        # a later row dated before an earlier one (written back in time)
        ("update audit_log set tijdstip = tijdstip - interval 1 hour where id = 3", "volgorde"),
    ],
)
def test_check_finds_a_log_changed_behind_its_back(log, tamper, failing):
    for _ in range(3):
        audit.append(log, audit.AANMELDING, gebruiker="Anna", rol="beheerder")
    with duckdb.connect(log) as con:  # what no code of the dashboard does
        con.execute(tamper)
    results = {r.name: r for r in audit.check(log)}
    failed = [name for name, r in results.items() if not r.passed]
    expected = "auditlog_niet_in_de_toekomst" if failing == "toekomst" else "auditlog_volgorde"
    assert failed == [expected]
    assert results[expected].failures["id"].tolist() == [3]


APPENDER = textwrap.dedent(
    """
    import sys, time
    from dashboard.warehouse import audit

    location, name, count, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    while time.time() < start:  # both processes begin at the same moment
        time.sleep(0.001)
    for i in range(count):
        audit.append(location, audit.IMPORT, gebruiker=name, rol="beheerder", details=f"{name}-{i}")
    """
)


@pytest.mark.slow  # two Python processes
def test_two_processes_appending_at_once_keep_every_row_with_strictly_increasing_ids(log):
    import time

    count = 25
    start = time.time() + 2.0
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", APPENDER, log, name, str(count), str(start)],
            cwd=PROJECT_ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("een", "twee")
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    frame = audit.read(log, limit=1000).iloc[::-1]
    assert frame["id"].tolist() == list(range(1, 2 * count + 1))
    assert sorted(frame["details"]) == sorted(
        f"{name}-{i}" for name in ("een", "twee") for i in range(count)
    )
    # each process's own rows in its own order, and time never goes back
    for name in ("een", "twee"):
        own = frame[frame["gebruiker"] == name]["details"].tolist()
        assert own == [f"{name}-{i}" for i in range(count)]
    assert frame["tijdstip"].is_monotonic_increasing
    assert frame["tijdstip"].max() <= datetime.now(UTC).replace(tzinfo=None)
    assert all(result.passed for result in audit.check(log))


def test_a_lock_held_elsewhere_makes_append_and_read_fail_soon_instead_of_hanging(log):
    import fcntl
    import threading
    import time

    audit.append(log, audit.AANMELDING, gebruiker="Anna", rol="beheerder")
    outcomes: dict[str, object] = {}

    def attempt(name: str, action) -> None:
        started = time.monotonic()
        try:
            action()
            outcomes[name] = "gelukt"
        except audit.AuditUnavailable as exc:
            outcomes[name] = (exc, time.monotonic() - started)

    # another process (here: another open file description) that took the lock and hangs
    with open(Path(log).parent / f".{Path(log).name}.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            threads = [
                threading.Thread(
                    target=attempt,
                    args=(
                        "append",
                        lambda: audit.append(log, audit.IMPORT, gebruiker="B", rol="b"),
                    ),
                    daemon=True,
                ),
                threading.Thread(
                    target=attempt, args=("read", lambda: audit.read(log)), daemon=True
                ),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=6)
            hanging = [t for t in threads if t.is_alive()]
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)  # lets a thread that did hang finish
    assert hanging == [], "waited for the lock without end"
    for name in ("append", "read"):
        outcome = outcomes[name]
        assert isinstance(outcome, tuple), (name, outcome)
        exc, seconds = outcome
        assert "bezet" in str(exc)
        assert audit.LOCK_WAIT_SECONDS - 0.1 <= seconds < audit.LOCK_WAIT_SECONDS + 1.0
    # the lock free again: appends go on, and nothing was written meanwhile
    audit.append(log, audit.IMPORT, gebruiker="C", rol="beheerder")
    assert [r[2] for r in rows(log)] == ["Anna", "C"]
