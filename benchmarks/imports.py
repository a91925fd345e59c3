"""Import throughput: a large deelnames CSV through the importer and as DuckDB's raw load."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dashboard.domain.codes import LEEFTIJDSGROEPEN

# How often each import is measured (median and max; a run takes seconds at national size).
IMPORT_RUNS = 3


@dataclass
class ImportResult:
    """Seconds per run: the importer (new and returning participants) and the raw load.

    `warnings` and `warnings_returning`: the warnings in the importer's report of each file
    (write_deelnames_csv: one per bijeenkomst it takes beyond its aantal_deelnemers).
    """

    importer: list[float] = field(default_factory=list)
    returning: list[float] = field(default_factory=list)
    error: str | None = None
    raw: float = 0.0
    warnings: int = 0
    warnings_returning: int = 0


def write_deelnames_csv(location: str, rows: int, path: Path, shift: int = 0) -> None:
    """A registration export of `rows` deelnames of existing bijeenkomsten (template columns).

    Participant numbers P1000000, P1000001, ... take part 7 times each; `shift` moves
    every row to another bijeenkomst, so a second file has the same participants in
    new pairs.

    The rows go round all bijeenkomsten, beyond their aantal_deelnemers: on purpose. The
    demo's totals leave room for some 29,000 more registrations, not for a million, and a
    file that takes every bijeenkomst over its total is the importer's worst case: the
    check then warns once per bijeenkomst (and compares a returning file's pairs with the
    database's to count them). The metrics count the larger number (DESIGN §5.1), so the
    database stays consistent; the report's warnings are counted in ImportResult.
    """
    from dashboard.warehouse import store

    with duckdb.connect(store.resolve(location), read_only=True) as con:
        con.execute(
            f"""
            copy (
                with b as (select bijeenkomst_id, row_number() over () - 1 as k from bijeenkomst),
                n as (select count(*) as n from b),
                u as (select buurtcode, row_number() over () - 1 as k from buurt),
                m as (select count(*) as m from u)
                select b.bijeenkomst_id,
                    'P' || (1000000 + i // 7)::varchar as deelnemer_id,
                    case when i % 10 = 0 then null else u.buurtcode end as woonbuurt,
                    {list(LEEFTIJDSGROEPEN)!r}[1 + (i // 7) % 7] as leeftijdsgroep,
                from range({int(rows)}) as t(i), n, m
                inner join b on b.k = (i * 7919 + {int(shift)}) % n.n
                inner join u on u.k = (i // 7) % m.m
            ) to '{path}' (header)
            """
        )


def bench_raw_load(csv: Path, workdir: Path) -> float:
    """DuckDB's own load of the CSV into a keyed deelname table: read_csv + insert + commit."""
    with duckdb.connect(str(workdir / "ruw.duckdb")) as con:
        con.execute(
            "create table deelname (bijeenkomst_id varchar not null, deelnemer_id varchar not null,"
            " primary key (bijeenkomst_id, deelnemer_id))"
        )
        started = time.perf_counter()
        con.execute("begin")
        con.execute(
            "insert into deelname select bijeenkomst_id, deelnemer_id from read_csv($path,"
            " header = true, all_varchar = true)",
            {"path": str(csv)},
        )
        con.execute("commit")
        con.execute("checkpoint")
        return time.perf_counter() - started


def bench_importer(
    location: str, csv: Path, workdir: Path, earlier: Sequence[Path] = ()
) -> tuple[float, int] | None:
    """The importer's public path (prepare_registration + commit) into a copy of the database:
    its seconds and the warnings in its report.

    `earlier` files are imported first, untimed (the returning-participants case).
    None when this checkout has no such importer.
    """
    try:
        from dashboard.ingest.prepare import prepare_registration
        from dashboard.ingest.write import commit
    except ImportError:
        return None
    from dashboard.warehouse import store

    target = workdir / "import.duckdb"
    for old in workdir.glob("import*.duckdb*"):
        old.unlink()
    shutil.copyfile(store.resolve(location), target)
    for path in earlier:
        prepared, _ = prepare_registration(str(target), "deelnames", path.read_bytes(), path.name)
        commit(str(target), prepared, user="bench")
    # the copies above are the benchmark's own set-up: their writing back to disk must not
    # slow down the import's own copy of the database (store.writing)
    os.sync()
    started = time.perf_counter()
    prepared, _ = prepare_registration(str(target), "deelnames", csv.read_bytes(), csv.name)
    commit(str(target), prepared, user="bench")
    seconds = time.perf_counter() - started
    return seconds, sum(p.ernst == "waarschuwing" for p in prepared.problems)


def bench_import(location: str, rows: int, workdir: Path, runs: int) -> ImportResult:
    """Seconds to load a deelnames CSV of `rows` rows: the importer and DuckDB's raw load.

    The importer twice: a file of participants new to the database, and a second file
    of the same participants in other bijeenkomsten after the first was loaded (their
    pairs must be compared with the deelnames already there).
    """
    new, returning = workdir / "deelnames.csv", workdir / "deelnames_terug.csv"
    write_deelnames_csv(location, rows, new)
    write_deelnames_csv(location, rows, returning, shift=104_729)
    result = ImportResult()
    try:
        for _ in range(runs):
            first = bench_importer(location, new, workdir)
            if first is None:
                break
            seconds, result.warnings = first
            result.importer.append(seconds)
            again = bench_importer(location, returning, workdir, [new])
            if again is not None:
                seconds, result.warnings_returning = again
                result.returning.append(seconds)
    except Exception as exc:  # the importer is young; its failure is a result, not a crash
        result.error = f"fout: {type(exc).__name__}: {str(exc)[:120]}"
    result.raw = bench_raw_load(new, workdir)
    return result
