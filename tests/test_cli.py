"""The command line (docs/DESIGN.md §10): demo, check and metrics, with Dutch errors and exit codes."""

from __future__ import annotations

import io
from datetime import date

import duckdb
import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.domain.period import Period
from dashboard.warehouse import checks, queries
from dashboard.warehouse.db import build_database
from tests.helpers import insert


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_passes_on_demo(capsys, demo_db_path):
    code, out, _ = run(capsys, "check", "--db", demo_db_path)
    assert code == 0, out
    assert "FOUT" not in out
    assert "controles geslaagd" in out


def test_check_speaks_dutch(capsys, demo_db_path):
    code, out, _ = run(capsys, "check", "--db", demo_db_path)
    assert code == 0, out
    for path in checks.assertion_files():
        lines = path.read_text(encoding="utf-8").splitlines()
        dutch = [line for line in lines if line.startswith("-- nl: ")]
        assert len(dutch) == 1, f"{path.name}: zet onder de eerste regel '-- nl: <Nederlands>'"
        assert f"OK   {path.stem}: {dutch[0].removeprefix('-- nl: ')}\n" in out
        assert lines[0].removeprefix("-- ") not in out  # the English line is for the code
    assert (
        "OK   deelname_uniek: een deelnemer neemt hoogstens één keer deel aan een bijeenkomst"
        " (de sleutel van deelname)" in out
    )
    assert "OK   auditlog_volgorde: de nummers in de auditlog nemen strikt toe" in out


def test_check_fails_on_broken_data(capsys, tmp_path):
    path = str(tmp_path / "broken.duckdb")
    with duckdb.connect(path) as con:
        build_database(con)
        insert(con, "gemeente", [("GM0001", "Testdorp", False, None)])
        insert(con, "wijk", [("WK000101", "Noord", "GM0001", None)])
        insert(con, "organisatie", [("O1", "Welzijn", "welzijn")])
        insert(con, "activiteit", [("A1", "Café", "buurtcafé", "WK000101", None, "O1", False)])
        insert(con, "bijeenkomst", [("B1", "A1", date(2024, 1, 1), 2)])
        insert(con, "deelnemer", [("P1", None, None)])
        # P2 is no deelnemer: the deelname refers to nothing, which breaks an invariant
        insert(con, "deelname", [("B1", "P1"), ("B1", "P2")])
    code, out, _ = run(capsys, "check", "--db", path)
    assert code == 1
    assert "FOUT deelname_verwijst" in out


def test_check_prints_a_missing_value_as_an_empty_cell(capsys, tmp_path):
    path = str(tmp_path / "zonder_deelnames.duckdb")
    with duckdb.connect(path) as con:
        build_database(con)
        # a first deelname without any deelname: the failing row's actual date is NULL
        insert(con, "deelnemer", [("P1", None, None, date(2024, 1, 1))])
    code, out, _ = run(capsys, "check", "--db", path)
    assert code == 1
    assert "FOUT deelnemer_eerste_deelname" in out
    table = out.split("FOUT deelnemer_eerste_deelname", 1)[1].splitlines()[1:3]
    assert table[0].split() == ["deelnemer_id", "eerste_deelname", "werkelijk"]
    assert table[1].split() == ["P1", "2024-01-01"]
    for shown in ("None", "NaT", "<NA>", "NaN"):
        assert shown not in out


@pytest.mark.parametrize("family", ["bereik", "continuiteit", "dekking"])
def test_metrics_csv_equals_query_api(capsys, demo_db_path, family):
    code, out, err = run(
        capsys,
        "metrics",
        family,
        "--start",
        "2025-01-01",
        "--end",
        "2025-12-31",
        "--db",
        demo_db_path,
    )
    assert code == 0, err
    printed = pd.read_csv(io.StringIO(out))
    with duckdb.connect(demo_db_path, read_only=True) as con:
        expected = getattr(queries, family)(con, Period(date(2025, 1, 1), date(2025, 12, 31)))
    assert list(printed.columns) == list(expected.columns)
    assert len(printed) == len(expected) > 0
    numeric = expected.select_dtypes("number").columns
    pd.testing.assert_frame_equal(
        printed[numeric].astype(float), expected[numeric].astype(float).reset_index(drop=True)
    )


def test_metrics_columns_named_as_in_design(capsys, demo_db_path):
    _, out, _ = run(
        capsys,
        "metrics",
        "continuiteit",
        "--start",
        "2025-01-01",
        "--end",
        "2025-12-31",
        "--db",
        demo_db_path,
    )
    header = out.splitlines()[0].split(",")
    for column in [
        "gebiedscode",
        "rol",
        "mediane_verblijfsduur_dagen",
        "verloop_pct",
        "gezichten",
        "onbezet_dagen",
        "continuiteitsindex",
    ]:
        assert column in header
    _, out, _ = run(
        capsys,
        "metrics",
        "bereik",
        "--start",
        "2025-01-01",
        "--end",
        "2025-12-31",
        "--attributie",
        "wie",
        "--level",
        "buurt",
        "--db",
        demo_db_path,
    )
    header = out.splitlines()[0].split(",")
    for column in [
        "deelnames",
        "unieke_deelnemers",
        "bereik_per_1000",
        "herhaal_pct",
        "nieuw",
        "bewonersinitiatief_pct",
    ]:
        assert column in header
    _, out, _ = run(
        capsys,
        "metrics",
        "dekking",
        "--start",
        "2025-01-01",
        "--end",
        "2025-12-31",
        "--db",
        demo_db_path,
    )
    header = out.splitlines()[0].split(",")
    for column in ["fte_opbouwwerk", "fte_per_10000", "behoefte_index", "kwadrant"]:
        assert column in header


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["metrics", "continuiteit", "--level", "buurt"], "Continuïteit wordt per wijk gemeten"),
        (
            ["metrics", "bereik", "--gemeente", "GM0001"],
            "Gemeente GM0001 staat niet in de database",
        ),
        (["metrics", "dekking", "--attributie", "wie"], "--attributie geldt alleen voor bereik"),
        (
            ["metrics", "bereik", "--start", "2025-12-31", "--end", "2025-01-01"],
            "ligt voor de startdatum",
        ),
    ],
)
def test_metrics_refuses_with_dutch_message(capsys, demo_db_path, argv, message):
    if "--start" not in argv:
        argv = [*argv, "--start", "2025-01-01", "--end", "2025-12-31"]
    code, out, err = run(capsys, *argv, "--db", demo_db_path)
    assert code == 1
    assert message in err
    assert out == ""


def test_missing_database_is_reported(capsys, tmp_path):
    code, _, err = run(capsys, "check", "--db", str(tmp_path / "nergens.duckdb"))
    assert code == 1
    assert "Database niet gevonden" in err
    assert not (tmp_path / "nergens.duckdb").exists()  # nothing created by accident


def test_bad_date_is_a_usage_error(capsys, demo_db_path):
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "metrics",
                "bereik",
                "--start",
                "1-1-2025",
                "--end",
                "2025-12-31",
                "--db",
                demo_db_path,
            ]
        )
    assert exit_info.value.code == 2
    assert "is geen datum" in capsys.readouterr().err


@pytest.mark.slow  # builds the demo twice
def test_demo_rebuild_replaces_file_completely(capsys, tmp_path):
    path = tmp_path / "demo.duckdb"
    path.write_bytes(b"not a database")  # an old, broken file is replaced, not appended to
    code, out, err = run(capsys, "demo", "--db", str(path), "--scale", "0.3")
    assert code == 0, err
    assert "Demodatabase gemaakt" in out
    with duckdb.connect(str(path.resolve()), read_only=True) as con:
        assert con.sql("select count(*) from gemeente").fetchall() == [(1,)]
    assert not list(tmp_path.glob("*.tmp*"))  # no temporary files left
    # building again replaces the version; old versions do not pile up
    assert run(capsys, "demo", "--db", str(path), "--scale", "0.3")[0] == 0
    assert len(list(tmp_path.glob("demo.v*.duckdb"))) <= 2
