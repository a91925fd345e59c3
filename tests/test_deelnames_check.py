"""The set-based deelnames check (dashboard.ingest.registratie.deelnames) against a row-by-row oracle.

The oracle below is the row checker the project used before deelnames were checked in
DuckDB, kept here as the specification: for every file it must give the same problems
(in the same order) and the same deelnemer and deelname rows.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta

import duckdb
import pytest

from dashboard.domain.codes import BUURT, CODE_PATTERNS
from dashboard.ingest.registratie import (
    DUBBELE_DEELNAME,
    REDEN_BIJEENKOMST_ONBEKEND,
    REDEN_BUURT_ONGELDIG,
    REDEN_DEELNEMER_VERSCHILT,
    REDEN_KOLOM_ONTBREEKT,
    REDEN_LEEFTIJDSGROEP,
    REDEN_LEEG,
    REDEN_WOONBUURT_ONBEKEND,
    VERBORGEN,
    Problem,
    dubbel,
    read_export,
    reden_meer_dan_totaal,
    suggest_mapping,
    validate,
)
from dashboard.ingest.registratie.values import normalise_leeftijdsgroep
from dashboard.warehouse.db import build_database
from tests.fixtures.registratie import KNOWN, csv_bytes, pseudonymise
from tests.helpers import insert

FIELDS = ("bijeenkomst_id", "deelnemer_id", "woonbuurt", "leeftijdsgroep")
# each known bijeenkomst its own date, later codes earlier, so the first row is not the first date
DATES = {
    b: date(2024, 6, 1) - timedelta(days=11 * i) for i, b in enumerate(sorted(KNOWN.bijeenkomsten))
}
# each known bijeenkomst's aantal_deelnemers in the database: a file registers more or not
TOTALS = {b: i for i, b in enumerate(sorted(KNOWN.bijeenkomsten))}


def oracle_row(rij: int, values: dict[str, str], columns, missing, keys: dict) -> tuple:
    """One row checked as the old checker did: (problems, ok, bijeenkomst, pseudonym, buurt, groep)."""
    problems: list[tuple] = []
    secret = values.get("deelnemer_id", "")

    def problem(name, waarde, reden, ernst="fout"):
        if waarde and (name == "deelnemer_id" or waarde == secret):
            waarde = VERBORGEN
        problems.append((rij, columns.get(name, name), waarde, reden, ernst))

    def required(name):
        text = values.get(name, "")
        if not text and name not in missing:
            problem(name, text, REDEN_LEEG)
        return text or None

    bijeenkomst = required("bijeenkomst_id")
    if bijeenkomst and bijeenkomst not in KNOWN.bijeenkomsten:
        problem("bijeenkomst_id", bijeenkomst, REDEN_BIJEENKOMST_ONBEKEND)
    raw_id = required("deelnemer_id")
    pseudonym = pseudonymise(raw_id) if raw_id else None
    text = values.get("woonbuurt", "")
    buurt = None
    if text:
        if not CODE_PATTERNS[BUURT].fullmatch(text.upper()):
            problem("woonbuurt", text, REDEN_BUURT_ONGELDIG)
        elif text.upper() in KNOWN.buurten:
            buurt = text.upper()
        else:
            problem("woonbuurt", text, REDEN_WOONBUURT_ONBEKEND, "waarschuwing")
    groep_text = values.get("leeftijdsgroep", "")
    groep = normalise_leeftijdsgroep(groep_text) if groep_text else None
    if groep_text and groep is None:
        problem("leeftijdsgroep", groep_text, REDEN_LEEFTIJDSGROEP, "waarschuwing")
    if bijeenkomst and pseudonym:
        if (bijeenkomst, pseudonym) in keys:
            # the reason names the row where the pair was first
            problem(
                "deelnemer_id", VERBORGEN, dubbel(DUBBELE_DEELNAME, keys[bijeenkomst, pseudonym])
            )
        keys.setdefault((bijeenkomst, pseudonym), rij)
    ok = not missing and all(p[-1] != "fout" for p in problems)
    return problems, ok, bijeenkomst, pseudonym, buurt, groep


def oracle(
    rows: list[tuple[int, dict[str, str]]],
    columns: dict[str, str],
    missing: set[str],
    totals: dict[str, int] | None = None,
):
    """Row by row: (problems, deelnemer rows, deelname rows) as the old checker made them.

    With `totals` (the database's aantal_deelnemers; it holds no deelnames), also a warning
    per bijeenkomst whose good rows exceed its total, at its first good row, after that
    row's own problems (its code hidden when one of its rows has it as participant number).
    """
    problems: list[tuple] = []
    deelnemers: dict[str, dict] = {}
    deelname: list[tuple] = []
    keys: dict[tuple, int] = {}
    first_row: dict[str, int] = {}
    hidden: set[str] = set()
    for rij, values in rows:
        found, ok, bijeenkomst, pseudonym, buurt, groep = oracle_row(
            rij, values, columns, missing, keys
        )
        problems += found
        if not ok:
            continue
        if pseudonym not in deelnemers:
            deelnemers[pseudonym] = {"buurtcode": buurt, "leeftijdsgroep": groep}
        else:
            row = deelnemers[pseudonym]
            for column, name, new in (
                ("buurtcode", "woonbuurt", buurt),
                ("leeftijdsgroep", "leeftijdsgroep", groep),
            ):
                if new is None:
                    continue
                if row[column] is None:
                    row[column] = new
                elif row[column] != new:
                    shown = values.get(name, "")
                    if shown == values.get("deelnemer_id"):
                        shown = VERBORGEN
                    problems.append(
                        (
                            rij,
                            columns.get(name, name),
                            shown,
                            REDEN_DEELNEMER_VERSCHILT,
                            "waarschuwing",
                        )
                    )
        deelname.append((bijeenkomst, pseudonym))
        first_row.setdefault(bijeenkomst, rij)
        if values.get("deelnemer_id") == bijeenkomst:
            hidden.add(bijeenkomst)
    for bijeenkomst, rij in first_row.items() if totals is not None else ():
        registered = sum(b == bijeenkomst for b, _ in deelname)
        if registered > totals[bijeenkomst]:
            shown = VERBORGEN if bijeenkomst in hidden else bijeenkomst
            reden = reden_meer_dan_totaal(shown, registered, totals[bijeenkomst])
            problems.append((rij, columns.get("bijeenkomst_id"), shown, reden, "waarschuwing"))
    problems.sort(key=lambda problem: problem[0])  # stable: a row's own problems first
    people = [(p, r["buurtcode"], r["leeftijdsgroep"]) for p, r in deelnemers.items()]
    return problems, people, deelname


@pytest.fixture(scope="module")
def known_db():
    """A database holding exactly the buurten and bijeenkomsten of KNOWN (in memory: the
    check copies the tables it needs)."""
    con = duckdb.connect()
    _fill_known(con)
    yield con
    con.close()


@pytest.fixture(scope="module")
def known_file_db(tmp_path_factory):
    """The same database as a file, opened read-only as an import opens it (the check then
    attaches the file to its own bounded DuckDB)."""
    path = tmp_path_factory.mktemp("bekend") / "bekend.duckdb"
    with duckdb.connect(str(path)) as con:
        _fill_known(con)
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def _fill_known(con: duckdb.DuckDBPyConnection) -> None:
    build_database(con)
    insert(con, "gemeente", [("GM0268", "Nijmegen", False, None)])
    insert(con, "wijk", [(w, w, "GM0268", None) for w in sorted(KNOWN.wijken)])
    insert(con, "buurt", [(b, b, KNOWN.buurt_wijk[b], None) for b in sorted(KNOWN.buurten)])
    insert(con, "organisatie", [("ORG-WZL", "Welzijn", "welzijn")])
    insert(
        con,
        "activiteit",
        [("ACT-1", "Buurtcafé", "buurtcafé", "WK026801", None, "ORG-WZL", False)],
    )
    insert(con, "bijeenkomst", [(b, "ACT-1", DATES[b], TOTALS[b]) for b in KNOWN.bijeenkomsten])


POOLS = {
    "bijeenkomst_id": ["BK-1", "BK-2", "BK-30001", "BK-99", "", "K1"],
    "deelnemer_id": ["K1", "K2", "k1", "", "K3", "BK-1"],
    "woonbuurt": ["BU02680101", "bu02680201", "BU02689999", "Centrum", "", "K1", "BU0268010١"],
    "leeftijdsgroep": ["18-26", "80 +", "18 – 26", "90+", "", "65-79", "K2"],
}


def random_file(seed: int) -> tuple[bytes, dict[str, str | None]]:
    """A small deelnames CSV drawn from values that trigger every rule, and a mapping."""
    rnd = random.Random(seed)
    fields = [f for f in FIELDS if rnd.random() < 0.9]
    header = [f if rnd.random() < 0.8 else f"{f.upper()} (bron)" for f in fields]
    rows = [
        [""] * len(fields) if rnd.random() < 0.1 else [rnd.choice(POOLS[f]) for f in fields]
        for _ in range(rnd.randint(0, 12))
    ]
    mapping = {f: h for f, h in zip(fields, header, strict=True) if rnd.random() < 0.95}
    return csv_bytes(header or ["leeg"], rows), mapping


@pytest.mark.parametrize("folded", [False, True], ids=["pseudoniem", "k1-is-K1"])
@pytest.mark.parametrize(
    "source", [None, "known_db", "known_file_db"], ids=["bekende-codes", "database", "bestand"]
)
@pytest.mark.slow  # random files through the row-by-row oracle
def test_set_based_check_equals_the_row_by_row_oracle(source, folded, request, monkeypatch):
    in_database = source is not None
    known_db = request.getfixturevalue(source) if source else None
    if folded:
        # a pseudonymiser under which two numbers (K1, k1) are one person: the check, which
        # works with the numbers while it pseudonymises, must merge them (oracle_row and
        # validate below both look `pseudonymise` up in this module)
        plain = pseudonymise
        monkeypatch.setattr(sys.modules[__name__], "pseudonymise", lambda raw: plain(raw.upper()))
    compared = over = within = 0
    for seed in range(250):
        data, mapping = random_file(seed)
        raw = read_export(data, "d.csv")
        v = validate("deelnames", raw, mapping, known_db if in_database else KNOWN, pseudonymise)
        present = set(raw.columns)
        columns = {f: c for f, c in mapping.items() if c in present}
        missing = {"bijeenkomst_id", "deelnemer_id"} - set(columns)
        rows = [
            (raw.first_data_row + i, {f: cells[c] for f, c in columns.items()})
            for i, cells in enumerate(raw.frame.to_dict("records"))
            if any(cells.values())
        ]
        problems, people, deelname = oracle(rows, columns, missing, TOTALS if in_database else None)
        row_problems = [p for p in v.problems if p.rij is not None]
        assert [(p.rij, p.kolom, p.waarde, p.reden, p.ernst) for p in row_problems] == problems
        # the tables hold Arrow texts: an empty cell is a missing value (None in the oracle)
        got_people = v.tables["deelnemer"].astype(object).where(v.tables["deelnemer"].notna(), None)
        assert list(got_people.itertuples(index=False, name=None)) == people
        assert list(v.tables["deelname"].itertuples(index=False, name=None)) == deelname
        # against a database: each deelnemer's earliest date among its rows (for eerste_deelname)
        first = {}
        for bijeenkomst, person in deelname:
            first[person] = min(first.get(person, DATES[bijeenkomst]), DATES[bijeenkomst])
        if in_database:
            got = v.first_deelnames
            assert dict(zip(got["deelnemer_id"], got["eerste_deelname"], strict=True)) == first
        else:
            assert v.first_deelnames is None
        compared += bool(problems) + bool(deelname)
        beyond = {p[2] for p in problems if p[3].startswith("Bijeenkomst ")}
        over += len(beyond)
        within += len({b for b, _ in deelname} - beyond)
    assert compared > 180  # the files really exercise both the problems and the rows
    if in_database:  # and bijeenkomsten registered beyond their totals, and within them
        assert over > 20 and within > 20, (over, within)


def test_a_buurtcode_needs_ascii_digits():
    # Python's \d also takes Arabic-Indic digits; the database's check constraint does not
    data = csv_bytes(list(FIELDS), [["BK-1", "K1", "BU0268010١", ""]])
    raw = read_export(data, "d.csv")
    v = validate("deelnames", raw, suggest_mapping("deelnames", raw.columns), KNOWN, pseudonymise)
    assert v.problems == [
        Problem("d.csv", 2, "woonbuurt", "BU0268010١", REDEN_BUURT_ONGELDIG, "fout")
    ]


def test_a_missing_required_column_blocks_every_row(known_db):
    data = csv_bytes(["bijeenkomst_id", "woonbuurt"], [["BK-1", "BU02680101"]])
    raw = read_export(data, "d.csv")
    v = validate(
        "deelnames", raw, suggest_mapping("deelnames", raw.columns), known_db, pseudonymise
    )
    assert [(p.kolom, p.reden) for p in v.problems] == [("deelnemer_id", REDEN_KOLOM_ONTBREEKT)]
    assert (len(v.tables["deelnemer"]), len(v.tables["deelname"])) == (0, 0)
