"""More registered deelnemers than a bijeenkomst's total (docs/DESIGN.md §5.1, issue 11 item 3).

An export may register more people for a bijeenkomst than its `aantal_deelnemers`. The
import warns and goes on; the metrics count the larger of the two numbers, so unique
participants never exceed deelnames, and reach per 1,000 never exceeds 1,000.

Every expected value below is worked out by hand from this fixture (period 2024):

gemeente GM0001 with wijk Noord (WK000101): buurten Noord-A (BU00010101, 10 inwoners in
2024) and Noord-B (BU00010102, 1000 inwoners); Noord itself has no figure, so 1010.

activiteit A1 buurtcafé (O1) in Noord, BU00010101.

bijeenkomsten (aantal_deelnemers)   registered deelnames
  B7 A1 2024-03-01 (12)             P01 .. P14        14 > 12: counts 14
  B8 A1 2024-04-01 (5)              P01, P02           2 <  5: counts 5

deelnemers: P01 .. P12 live in BU00010101 (12 people in a buurt of 10 inwoners: an
outdated CBS year, or a default buurt in the registration), P13 and P14 in BU00010102.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from dashboard.cli import main
from dashboard.domain.period import Period
from dashboard.ingest.prepare import prepare_registration
from dashboard.ingest.pseudonym import SALT_ENV_VAR
from dashboard.ingest.registratie.problems import (
    Problem,
    reden_meer_dan_totaal,
    redenen_meer_dan_totaal,
)
from dashboard.warehouse import first_deelname, queries, registered_deelnames, store
from dashboard.warehouse.checks import run_checks
from tests.helpers import insert

YEAR_2024 = Period(date(2024, 1, 1), date(2024, 12, 31))
MARCH_2024 = Period(date(2024, 3, 1), date(2024, 3, 31))
PEOPLE = [f"P{i:02d}" for i in range(1, 15)]


@pytest.fixture()
def db(empty_db):
    con = empty_db
    insert(con, "gemeente", [("GM0001", "Testdorp", False, None)])
    insert(con, "wijk", [("WK000101", "Noord", "GM0001", None)])
    insert(
        con,
        "buurt",
        [
            ("BU00010101", "Noord-A", "WK000101", None),
            ("BU00010102", "Noord-B", "WK000101", None),
        ],
    )
    insert(
        con,
        "kerncijfers",
        [
            ("BU00010101", 2024, "aantal_inwoners", 10),
            ("BU00010102", 2024, "aantal_inwoners", 1000),
        ],
    )
    insert(con, "organisatie", [("O1", "Welzijn Testdorp", "welzijn")])
    insert(
        con,
        "activiteit",
        [("A1", "Buurtcafé Noord", "buurtcafé", "WK000101", "BU00010101", "O1", False)],
    )
    insert(
        con,
        "bijeenkomst",
        [("B7", "A1", date(2024, 3, 1), 12), ("B8", "A1", date(2024, 4, 1), 5)],
    )
    insert(
        con,
        "deelnemer",
        [(p, "BU00010101" if p <= "P12" else "BU00010102", None) for p in PEOPLE],
    )
    insert(con, "deelname", [("B7", p) for p in PEOPLE] + [("B8", "P01"), ("B8", "P02")])
    # as every import does after writing deelnames
    first_deelname.refresh_all(con)
    registered_deelnames.refresh_all(con)
    return con


def figures(df: pd.DataFrame, *columns: str) -> dict[str, list]:
    """Per gebiedscode the columns' values (floats rounded to 4 decimals)."""
    return {
        row["gebiedscode"]: [
            round(float(row[c]), 4) if isinstance(row[c], float) else int(row[c]) for c in columns
        ]
        for _, row in df.iterrows()
    }


def test_a_bijeenkomst_counts_its_registered_deelnames_when_they_exceed_its_total(db):
    columns = ("bijeenkomsten", "deelnames", "unieke_deelnemers")
    # March: B7 alone. Its total says 12, 14 people are registered: deelnames 14 (the larger),
    # unique participants P01..P14 = 14, so not more than the deelnames.
    for attributie in ("waar", "wie"):
        march = queries.bereik(db, MARCH_2024, level="wijk", attributie=attributie)
        assert figures(march, *columns) == {"WK000101": [1, 14, 14]}, attributie
    # The year, by place: B7 counts 14, B8 its total 5 (2 registered) -> 19; unique P01..P14.
    # The same for the gemeente, and per month (March 14 of 14 people, April 5 of 2).
    year = queries.bereik(db, YEAR_2024, level="wijk", attributie="waar")
    assert figures(year, *columns) == {"WK000101": [2, 19, 14]}
    gemeente = queries.bereik(db, YEAR_2024, level="gemeente", attributie="waar")
    assert figures(gemeente, *columns) == {"GM0001": [2, 19, 14]}
    months = queries.bereik_per_maand(db, YEAR_2024, level="wijk").set_index("maand")
    assert months.loc[pd.Timestamp("2024-03-01"), ["deelnames", "unieke_deelnemers"]].tolist() == [
        14,
        14,
    ]
    assert months.loc[pd.Timestamp("2024-04-01"), ["deelnames", "unieke_deelnemers"]].tolist() == [
        5,
        2,
    ]
    assert months["deelnames"].sum() == 19
    per_type = queries.bereik_per_type(db, YEAR_2024, level="wijk")
    assert per_type[["type", "bijeenkomsten", "deelnames"]].to_dict("records") == [
        {"type": "buurtcafé", "bijeenkomsten": 2, "deelnames": 19}
    ]
    # by home (wie), the registered rows: Noord-A's residents P01..P12 in B7 and P01, P02 in
    # B8 = 14 rows of 12 people; Noord-B's P13, P14 in B7 = 2 rows of 2 people
    wie = queries.bereik(db, YEAR_2024, level="buurt", attributie="wie")
    assert figures(wie, "deelnames", "unieke_deelnemers") == {
        "BU00010101": [14, 12],
        "BU00010102": [2, 2],
    }


@pytest.mark.parametrize("attributie", ["wie", "waar"])
def test_reach_per_1000_never_exceeds_1000(db, attributie):
    df = queries.bereik(db, YEAR_2024, level="buurt", attributie=attributie)
    # Noord-A: 12 residents reached, CBS counts 10 inwoners: 1000 * 12 / max(10, 12) = 1000.0
    # (not 1200). Noord-B: 2 of 1000 = 2.0. Noord: 14 of 1010 = 13.8614.
    assert figures(df, "bereik_per_1000") == {"BU00010101": [1000.0], "BU00010102": [2.0]}
    wijk = queries.bereik(db, YEAR_2024, level="wijk", attributie=attributie)
    assert figures(wijk, "bereik_per_1000") == {"WK000101": [13.8614]}
    # the CBS figure itself is shown as it is
    assert df.set_index("gebiedscode").loc["BU00010101", "inwoners"] == 10


def test_the_data_assertions_pass(db):
    broken = [(r.name, r.failures.to_dict("records")) for r in run_checks(db) if not r.passed]
    assert broken == []


def test_a_stale_registered_count_is_caught(db):
    # the metrics read the stored count: a write that forgot to keep it breaks an assertion
    db.execute("update bijeenkomst set geregistreerde_deelnames = 0 where bijeenkomst_id = 'B7'")
    broken = {r.name: r.failures.values.tolist() for r in run_checks(db) if not r.passed}
    assert broken == {"bijeenkomst_geregistreerde_deelnames": [["B7", 0, 14]]}


# --- the import ----------------------------------------------------------------------


@pytest.fixture()
def demo_copy(tmp_path: Path, demo_db_path: str, monkeypatch) -> str:
    """A private copy of the demo database, with its own salt."""
    path = tmp_path / "data" / "wijkdashboard.duckdb"
    path.parent.mkdir()
    shutil.copyfile(store.resolve(demo_db_path), path)
    monkeypatch.setenv(SALT_ENV_VAR, str(tmp_path / "geheim" / "pseudonimisering.salt"))
    return str(path)


def test_an_import_beyond_a_total_warns_and_goes_on(capsys, demo_copy, tmp_path):
    with duckdb.connect(store.resolve(demo_copy), read_only=True) as con:
        # two bijeenkomsten with room for more registered deelnames
        (other, _, _), (full, total, registered) = con.sql(
            "select b.bijeenkomst_id, b.aantal_deelnemers, count(d.deelnemer_id)"
            " from bijeenkomst as b left join deelname as d using (bijeenkomst_id)"
            " group by all having b.aantal_deelnemers >= count(d.deelnemer_id) + 2"
            " order by 1 limit 2"
        ).fetchall()
    room = total - registered
    header = "bijeenkomst_id;deelnemer_id\n"
    # up to its total: no warning, also not when the same file comes again (its pairs are
    # in the database then, and are not counted twice)
    upto = header + f"{other};KLANT-ANDER\n" + "".join(f"{full};KLANT-{i}\n" for i in range(room))
    for name in ("tot_het_totaal.csv", "nog_eens.csv"):
        prepared, _ = prepare_registration(demo_copy, "deelnames", upto.encode(), name)
        assert prepared.problems == []
        (tmp_path / name).write_text(upto)
        assert main(["import", "deelnames", str(tmp_path / name), "--db", demo_copy]) == 0
    # two people more: `full` has total + 2 registered deelnemers. One warning, at its first
    # row (row 3: the header is row 1, `other` row 2), and the import goes on.
    beyond = upto + f"{full};KLANT-EXTRA-1\n{full};KLANT-EXTRA-2\n"
    prepared, _ = prepare_registration(demo_copy, "deelnames", beyond.encode(), "meer.csv")
    # the file names `room` of its pairs again (in the database since tot_het_totaal.csv):
    # the message says which of the registered came from this file (a steward's walk)
    reden = reden_meer_dan_totaal(full, total + 2, total, eerder=total)
    assert reden == (
        f"Bijeenkomst {full}: {total + 2} deelnemers geregistreerd (2 nieuw uit dit bestand,"
        f" {total} al in de database), de bijeenkomst telt er {total}; het dashboard telt"
        f" {total + 2}"
    )
    assert prepared.problems == [
        Problem("meer.csv", 3, "bijeenkomst_id", full, reden, "waarschuwing")
    ]
    capsys.readouterr()
    (tmp_path / "meer.csv").write_text(beyond)
    assert main(["import", "deelnames", str(tmp_path / "meer.csv"), "--db", demo_copy]) == 0
    out = capsys.readouterr().out
    assert reden in out
    assert "waarschuwing" in out
    assert "meer.csv is geïmporteerd" in out
    with duckdb.connect(store.resolve(demo_copy), read_only=True) as con:
        counted = con.sql(
            "select aantal_deelnemers, geregistreerde_deelnames, deelnames from int_bijeenkomst"
            " where bijeenkomst_id = $b",
            params={"b": full},
        ).fetchall()
        broken = [(r.name, r.failures.to_dict("records")) for r in run_checks(con) if not r.passed]
    assert counted == [(total, total + 2, total + 2)]
    assert broken == []
    # and `check` says so
    capsys.readouterr()
    assert main(["check", "--db", demo_copy]) == 0


def test_the_write_reuses_the_pairs_the_check_found_in_the_same_version(demo_copy, monkeypatch):
    from dashboard.ingest import upsert
    from dashboard.ingest.write import commit

    with duckdb.connect(store.resolve(demo_copy), read_only=True) as con:
        first, second = [
            r[0]
            for r in con.sql("select bijeenkomst_id from bijeenkomst order by 1 limit 2").fetchall()
        ]
    header = "bijeenkomst_id;deelnemer_id\n"

    def prepared(rows: str, name: str):
        return prepare_registration(demo_copy, "deelnames", (header + rows).encode(), name)[0]

    def counted() -> list[tuple]:
        with duckdb.connect(store.resolve(demo_copy), read_only=True) as con:
            broken = [r.name for r in run_checks(con) if not r.passed]
            assert broken == []  # no pair twice, every count right
            return con.sql(
                "select bijeenkomst_id, geregistreerde_deelnames from bijeenkomst"
                " where bijeenkomst_id in ($a, $b) order by 1",
                params={"a": first, "b": second},
            ).fetchall()

    before = dict(counted())
    commit(demo_copy, prepared(f"{first};K-1\n{first};K-2\n", "a.csv"), user="test")
    # the same two pairs and a new one: the check found the two (rows 0 and 1), and the
    # write, on the version the check read, takes them from it without a look of its own
    again = prepared(f"{first};K-1\n{first};K-2\n{second};K-1\n", "b.csv")
    assert again.present_pairs is not None and again.present_pairs.tolist() == [0, 1]

    def refuse(*args, **kwargs):
        raise AssertionError("the pairs were found by the check already")

    with monkeypatch.context() as patch:
        patch.setattr(upsert, "_find_present_pairs", refuse)
        assert commit(demo_copy, again, user="test").toegevoegd["deelname"] == 1
    assert dict(counted()) == {first: before[first] + 2, second: before[second] + 1}
    # checked, then another import adds one of its pairs: the write looks again
    late = prepared(f"{second};K-2\n{second};K-3\n", "c.csv")
    assert late.present_pairs is not None and late.present_pairs.tolist() == []
    commit(demo_copy, prepared(f"{second};K-3\n", "d.csv"), user="test")
    assert commit(demo_copy, late, user="test").toegevoegd["deelname"] == 1
    assert dict(counted()) == {first: before[first] + 2, second: before[second] + 3}


@pytest.mark.parametrize(
    ("geregistreerd", "totaal", "shown"),
    [
        # hand-written: Dutch thousands separators from 1.000 on, none below
        (1, 0, ("1 deelnemer", "telt er 0", "telt 1")),
        (999, 998, ("999 deelnemers", "telt er 998", "telt 999")),
        (1000, 999, ("1.000 deelnemers", "telt er 999", "telt 1.000")),
        (1234567, 1000, ("1.234.567 deelnemers", "telt er 1.000", "telt 1.234.567")),
    ],
)
def test_the_warning_writes_its_numbers_the_dutch_way(geregistreerd, totaal, shown):
    reden = reden_meer_dan_totaal("B7", geregistreerd, totaal)
    assert reden == (
        f"Bijeenkomst B7: {shown[0]} geregistreerd, de bijeenkomst {shown[1]};"
        f" het dashboard {shown[2]}"
    )


def test_the_warnings_of_a_whole_file_are_the_same_texts_as_one_by_one():
    # the import writes its warnings for all bijeenkomsten at once (redenen_meer_dan_totaal);
    # each must read exactly as the one-by-one function writes it, singular, thousands and
    # the hidden id included
    cases = [
        ("B7", 1, 0),
        ("B8", 2, 1),
        ("(verborgen)", 14, 12),
        ("B9", 999, 998),
        ("B10", 1000, 999),
        ("B11", 1234567, 1000),
        ("B12", 7, 6),
    ]
    ids, registered, totals = (list(column) for column in zip(*cases, strict=True))
    at_once = redenen_meer_dan_totaal(
        pa.array(ids), pa.array(registered, pa.int64()), pa.array(totals, pa.int32())
    ).to_pylist()
    assert at_once == [reden_meer_dan_totaal(*case) for case in cases]
    assert at_once[0].startswith("Bijeenkomst B7: 1 deelnemer geregistreerd")
    assert "1.234.567 deelnemers" in at_once[5]
    # some of them in the database before the file: said per bijeenkomst that has them
    before = [0, 1, 0, 500, 0, 1234000, 6]
    with_before = redenen_meer_dan_totaal(
        pa.array(ids),
        pa.array(registered, pa.int64()),
        pa.array(totals, pa.int32()),
        pa.array(before, pa.int64()),
    ).to_pylist()
    assert with_before == [
        reden_meer_dan_totaal(*case, eerder=e) for case, e in zip(cases, before, strict=True)
    ]
    assert with_before[0] == at_once[0]  # none before: as without
    # every one with registrations before (a file sent again): the same texts too
    every = redenen_meer_dan_totaal(
        pa.array(ids),
        pa.array(registered, pa.int64()),
        pa.array(totals, pa.int32()),
        pa.array([1] * len(cases), pa.int64()),
    ).to_pylist()
    assert every == [reden_meer_dan_totaal(*case, eerder=1) for case in cases]
    assert with_before[5] == (
        "Bijeenkomst B11: 1.234.567 deelnemers geregistreerd (567 nieuw uit dit bestand,"
        " 1.234.000 al in de database), de bijeenkomst telt er 1.000; het dashboard telt"
        " 1.234.567"
    )
    assert "B8: 2 deelnemers geregistreerd (1 nieuw uit dit bestand, 1 al in de" in with_before[1]


def test_the_warning_with_earlier_registrations_in_english():
    from dashboard import i18n
    from dashboard.ingest.registratie.problems import shown_reason

    with i18n.using("en"):
        shown = shown_reason(reden_meer_dan_totaal("B7", 3, 2, eerder=1))
    assert shown == (
        "Session B7: 3 participants registered (2 new from this file, 1 already in the"
        " database), the session counts 2; the dashboard counts 3"
    )
