"""DuckDB's English errors become a Dutch reason without server paths (issue 11, messages).

Each case makes the real error in DuckDB (2.0.1, pinned), so a change of DuckDB's wording
shows here as a failing test, not as English text on a screen.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import duckdb
import pytest

from dashboard import i18n
from dashboard.ingest import registratie
from dashboard.ingest import write as _write  # noqa: F401  registers the templates
from dashboard.warehouse import errors


def _raised(con: duckdb.DuckDBPyConnection, sql: str) -> duckdb.Error:
    with pytest.raises(duckdb.Error) as raised:
        con.execute(sql)
    return raised.value


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "create table wijk (wijkcode varchar primary key, inwoners integer not null"
        " check (inwoners >= 0));"
        " create table inzet (inzet_id varchar primary key,"
        " wijkcode varchar references wijk (wijkcode));"
        " insert into wijk values ('WK036301', 10); insert into inzet values ('I1', 'WK036301')"
    )
    return con


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        (
            "insert into wijk values ('WK036301', 5)",
            "de sleutel wijkcode: WK036301 staat al in de database",
        ),
        (
            "insert into wijk values ('WK036302', null)",
            "een verplichte waarde ontbreekt (wijk.inwoners)",
        ),
        (
            "insert into wijk values ('WK036302', -1)",
            "een regel van de tabel wijk klopt niet: (inwoners >= 0)",
        ),
        (
            "insert into inzet values ('I2', 'WK036399')",
            "wijkcode: WK036399 verwijst naar iets dat niet in de database staat",
        ),
        ("delete from wijk", "naar wijkcode: WK036301 verwijzen nog andere gegevens"),
    ],
)
def test_a_broken_rule_is_named_in_dutch_with_its_codes(con, sql, reason):
    assert errors.dutch_reason(_raised(con, sql)) == reason


def test_the_error_that_aborted_the_transaction_is_the_one_named(con):
    """After a failing statement every later one fails with "transaction is aborted"; the
    reason is the first one's, as a write's `finally` raises the second."""
    con.execute("begin")
    first = _raised(con, "insert into wijk values ('WK036302', -1)")
    try:
        raise first
    except duckdb.Error:
        later = _raised(con, "select 1")
    assert "aborted" in str(later)
    assert errors.dutch_reason(later) == "een regel van de tabel wijk klopt niet: (inwoners >= 0)"


def test_a_database_held_by_another_program_says_so_without_its_path(tmp_path):
    path = tmp_path / "geheim" / "wijkdashboard.duckdb"
    path.parent.mkdir()
    duckdb.connect(str(path)).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, duckdb
                con = duckdb.connect({str(path)!r})
                print("open", flush=True)
                sys.stdin.read()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        with pytest.raises(duckdb.IOException) as raised:
            duckdb.connect(str(path))
        assert str(path) in str(raised.value)  # DuckDB's own text names the file and program
        reason = errors.dutch_reason(raised.value)
    finally:
        holder.communicate("")
    assert reason == errors.IN_GEBRUIK
    assert "geheim" not in reason and "python" not in reason


def test_a_file_that_is_no_database_says_so_without_its_path(tmp_path):
    path = tmp_path / "geheim.duckdb"
    path.write_bytes(b"dit is tekst, geen database\n" * 200)
    with pytest.raises(duckdb.IOException) as raised:
        duckdb.connect(str(path))
    assert errors.dutch_reason(raised.value) == errors.GEEN_DATABASE


def test_another_error_is_named_as_unexpected_and_logged_in_english(con, caplog):
    exc = _raised(con, "select cast('x' as integer)")
    with caplog.at_level("WARNING", logger="dashboard.warehouse.errors"):
        assert errors.dutch_reason(exc) == errors.ONVERWACHT
    assert "Could not convert string 'x'" in caplog.text  # the administrator's detail


def test_a_write_failure_reads_in_english_in_an_english_session(con):
    reason = errors.dutch_reason(_raised(con, "insert into inzet values ('I2', 'WK036399')"))
    message = (
        f"inzet.csv: het schrijven is mislukt en teruggedraaid; er is niets gewijzigd ({reason})."
    )
    with i18n.using("en"):
        shown = registratie.shown_reason(message)
    assert "WK036399" in shown
    assert "verwijst" not in shown and "schrijven" not in shown


def test_every_reason_is_a_registered_template():
    for template in errors.TEMPLATES:
        assert registratie.shown_reason(template) == template
        with i18n.using("en"):
            assert registratie.shown_reason(template) != template, template


def test_the_command_line_names_a_broken_database_in_dutch_only(tmp_path, capsys):
    from dashboard.cli import main

    path = tmp_path / "kapot.duckdb"
    path.write_bytes(b"dit is tekst, geen database\n" * 200)
    assert main(["check", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        f"Fout: Database kan niet worden geopend: {path} (het bestand is geen database van het"
        " dashboard)."
    )  # the path is the one the user typed; DuckDB's English text is not there


def test_a_guessed_reason_puts_duckdbs_text_under_it_on_the_command_line(tmp_path, caplog):
    """An IO error other than a lock or a file that is no database reads "schijf vol, of geen
    rechten?", a guess: DuckDB's own text is logged as a warning (the server's log, or the
    terminal under the message), where a classified error logs it for debugging only."""
    missing = tmp_path / "geen_map" / "db.duckdb"
    with pytest.raises(duckdb.IOException) as raised:
        duckdb.connect(str(missing), read_only=True)
    with caplog.at_level("DEBUG", logger="dashboard.warehouse.errors"):
        assert errors.dutch_reason(raised.value) == errors.SCHIJF
    [record] = caplog.records
    assert record.levelname == "WARNING" and str(missing) in record.getMessage()
    caplog.clear()
    con = duckdb.connect()
    con.execute("create table t (k integer primary key); insert into t values (1)")
    with caplog.at_level("DEBUG", logger="dashboard.warehouse.errors"):
        errors.dutch_reason(_raised(con, "insert into t values (1)"))
    assert [r.levelname for r in caplog.records] == ["DEBUG"]
