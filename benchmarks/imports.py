"""Import throughput: a large deelnames CSV through the importer and as DuckDB's raw load;
and an import's peak memory, as `python -m dashboard import` in a process of its own
measured by `/usr/bin/time -v` (the 200 MB files of issue 11 with `--groot`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from benchmarks.terms import BenchError
from dashboard.domain.codes import LEEFTIJDSGROEPEN

# How often each import is measured (median and max; a run takes seconds at national size).
IMPORT_RUNS = 3


@dataclass
class ImportResult:
    """Seconds per run: the importer (new and returning participants) and the raw load.

    `warnings` and `warnings_returning`: the warnings in the importer's report of each file
    (write_deelnames_csv: one per bijeenkomst it takes beyond its aantal_deelnemers);
    `within` and `warnings_within`: the same for a file that stays within the totals
    (write_deelnames_within_totals).
    """

    importer: list[float] = field(default_factory=list)
    returning: list[float] = field(default_factory=list)
    within: list[float] = field(default_factory=list)
    error: str | None = None
    raw: float = 0.0
    warnings: int = 0
    warnings_returning: int = 0
    warnings_within: int = 0
    memory: list[ImportMemory] = field(default_factory=list)


@dataclass
class ImportMemory:
    """One import in a process of its own: the file, the seconds and peak RSS per run."""

    label: str
    rows: int
    size_bytes: int
    seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)
    error: str | None = None


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


def write_deelnames_within_totals(location: str, rows: int, path: Path) -> None:
    """A registration export as a welfare organisation sends it: `rows` deelnames of new
    participants (P1000000, ... 7 times each), every bijeenkomst within its aantal_deelnemers.

    The rows fill the room the database's bijeenkomsten have left (aantal_deelnemers minus
    the deelnames registered), one bijeenkomst after another, as an export lists them; a
    participant's 7 rows lie rows/7 apart, in 7 different bijeenkomsten. Fails when there
    is not room enough
    (the demo of one gemeente has some 29,000 places left; the national one 3 million).
    """
    from dashboard.warehouse import store

    with duckdb.connect(store.resolve(location), read_only=True) as con:
        con.execute("set enable_progress_bar = false")
        [(room,)] = con.execute(
            "select coalesce(sum(greatest(aantal_deelnemers"
            " - coalesce(geregistreerde_deelnames, 0), 0)), 0) from bijeenkomst"
        ).fetchall()
        if room < rows:
            raise BenchError(
                f"De bijeenkomsten hebben nog {room} plaatsen, niet {rows}: gebruik een grotere"
                " database (demo --scale 342)."
            )
        con.execute(
            f"""
            copy (
                with plekken as (
                    select bijeenkomst_id,
                        unnest(range(aantal_deelnemers - coalesce(geregistreerde_deelnames, 0)))
                            as plek
                    from bijeenkomst
                    where aantal_deelnemers > coalesce(geregistreerde_deelnames, 0)
                ),
                rijen as (
                    select bijeenkomst_id, row_number() over (
                        order by hash(bijeenkomst_id), bijeenkomst_id, plek
                    ) - 1 as i
                    from plekken
                    qualify i < {int(rows)}
                ),
                -- a list, not a join on a computed key (that join took 30 s)
                buurten as (select list(buurtcode order by buurtcode) as codes from buurt)
                select r.bijeenkomst_id,
                    'P' || (1000000 + r.p)::varchar as deelnemer_id,
                    case when r.i % 10 = 0 then null
                        else codes[1 + r.p % len(codes)] end as woonbuurt,
                    {list(LEEFTIJDSGROEPEN)!r}[1 + r.p % 7] as leeftijdsgroep,
                from (select *, i % {-(-int(rows) // 7)} as p from rijen) as r,
                    buurten
                order by r.i
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
    from dashboard.ingest import collector
    from dashboard.warehouse import store

    target = workdir / "import.duckdb"
    for old in workdir.glob("import*.duckdb*"):
        old.unlink()
    shutil.copyfile(store.resolve(location), target)
    for path in earlier:
        prepared, _ = prepare_registration(str(target), "deelnames", path, path.name)
        commit(str(target), prepared, user="bench")
    # the copies above are the benchmark's own set-up: their writing back to disk must not
    # slow down the import's own copy of the database (store.writing)
    os.sync()
    started = time.perf_counter()
    # by its path and with the garbage collector paused, as `python -m dashboard import`
    # reads it (in blocks, never whole)
    with collector.paused():
        prepared, _ = prepare_registration(str(target), "deelnames", csv, csv.name)
    commit(str(target), prepared, user="bench")
    seconds = time.perf_counter() - started
    return seconds, sum(p.ernst == "waarschuwing" for p in prepared.problems)


def bench_import(
    location: str, rows: int, workdir: Path, runs: int, groot: bool = False
) -> ImportResult:
    """Seconds to load a deelnames CSV of `rows` rows: the importer and DuckDB's raw load.

    The importer three times: a file of participants new to the database, a second file
    of the same participants in other bijeenkomsten after the first was loaded (their
    pairs must be compared with the deelnames already there), and a file of new
    participants that keeps every bijeenkomst within its total (when the database has
    room for it).
    """
    new, returning = workdir / "deelnames.csv", workdir / "deelnames_terug.csv"
    within: Path | None = workdir / "deelnames_binnen.csv"
    write_deelnames_csv(location, rows, new)
    write_deelnames_csv(location, rows, returning, shift=104_729)
    result = ImportResult()
    try:
        write_deelnames_within_totals(location, rows, workdir / "deelnames_binnen.csv")
    except BenchError:
        within = None  # too small a database: that row says so
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
            if within is not None:
                fits = bench_importer(location, within, workdir)
                if fits is not None:
                    seconds, result.warnings_within = fits
                    result.within.append(seconds)
    except Exception as exc:  # the importer is young; its failure is a result, not a crash
        result.error = f"fout: {type(exc).__name__}: {str(exc)[:120]}"
    result.raw = bench_raw_load(new, workdir)
    result.memory = bench_import_memory(location, workdir, new, runs, groot)
    return result


# The files of issue 11 (`bench --groot`): a deelnames CSV of 5.2 million rows (206 MB), the
# same with a quoted column (216 MB: the csv module's path), and an inzet CSV of 1.8 million
# rows (214 MB, Dutch dates and decimal commas).
GROOT_DEELNAMES = 5_200_000
GROOT_INZET = 1_800_000
TIME = "/usr/bin/time"


def write_quoted_copy(source: Path, path: Path) -> None:
    """The deelnames CSV with its deelnemer_id column quoted: read by the csv module."""
    with duckdb.connect() as con:
        con.execute(
            "copy (select * from read_csv($src, all_varchar = true, header = true))"
            " to '" + str(path).replace("'", "''") + "' (header, force_quote (deelnemer_id))",
            {"src": str(source)},
        )


def write_inzet_csv(location: str, rows: int, path: Path) -> None:
    """An inzet export of `rows` rows (three per professional) in the template's columns, as
    Dutch Excel writes it: `;`, dd-mm-jjjj and a decimal comma."""
    from dashboard.domain.codes import ROLLEN
    from dashboard.warehouse import store

    with duckdb.connect(store.resolve(location), read_only=True) as con:
        wijken = [r[0] for r in con.sql("select wijkcode from wijk order by 1").fetchall()]
        orgs = [
            r[0] for r in con.sql("select organisatie_id from organisatie order by 1").fetchall()
        ]
    with duckdb.connect() as con:
        con.execute(
            f"""
            copy (
                select 'INZ' || lpad(i::varchar, 10, '0') as inzet_id,
                    'PRF' || lpad((i // 3)::varchar, 9, '0') as professional_id,
                    'Medewerker ' || (i // 3)::varchar || ' van den Berg' as professional_naam,
                    {wijken!r}[1 + (i // 3) % {len(wijken)}] as wijkcode,
                    {list(ROLLEN)!r}[1 + (i // 3) % {len(ROLLEN)}] as rol,
                    {orgs!r}[1 + (i // 3) % {len(orgs)}] as organisatie_id,
                    strftime(date '2016-01-01' + ((i % 3) * 400)::integer, '%d-%m-%Y') as startdatum,
                    strftime(date '2016-01-01' + ((i % 3) * 400 + 380)::integer, '%d-%m-%Y')
                        as einddatum,
                    replace(printf('%.1f', (8 + (i % 29))::double + 0.5), '.', ',') as uren_per_week
                from range({int(rows)}) as t(i)
            ) to '{str(path).replace("'", "''")}' (header, delimiter ';')
            """
        )


def measure_import_process(
    location: str, kind: str, csv: Path, workdir: Path, label: str, runs: int
) -> ImportMemory:
    """`python -m dashboard import KIND FILE` into a fresh copy of the database, `runs` times,
    each in its own process under `/usr/bin/time -v`: seconds (wall) and peak RSS."""
    from dashboard.warehouse import store

    with csv.open("rb") as handle:
        rows = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 24), b"")) - 1
    result = ImportMemory(label, rows, csv.stat().st_size)
    if not Path(TIME).exists():
        result.error = f"{TIME} ontbreekt (Debian-pakket time)"
        return result
    for run in range(runs):
        target = workdir / f"geheugen{run}"
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        shutil.copyfile(store.resolve(location), target / "import.duckdb")
        env = {
            **os.environ,
            "WIJKDASHBOARD_SALT_FILE": str(target / "salt"),
            "WIJKDASHBOARD_AUDIT_DB": str(target / "audit.duckdb"),
        }
        os.sync()
        done = subprocess.run(
            [
                TIME,
                "-v",
                sys.executable,
                "-m",
                "dashboard",
                "import",
                kind,
                str(csv),
                "--db",
                str(target / "import.duckdb"),
            ],  # fmt: skip
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", done.stderr)
        if done.returncode != 0 or peak is None or wall is None:
            result.error = f"fout (code {done.returncode}): {done.stderr.strip()[-160:]}"
            break
        result.peak_kb.append(int(peak[1]))
        result.seconds.append(_seconds(wall[1]))
        shutil.rmtree(target, ignore_errors=True)
    return result


def _seconds(clock: str) -> float:
    """'1:02.5' or '1:00:02' as seconds."""
    total = 0.0
    for part in clock.split(":"):
        total = total * 60 + float(part)
    return total


def bench_import_memory(
    location: str, workdir: Path, deelnames: Path, runs: int, groot: bool
) -> list[ImportMemory]:
    """Peak memory of whole imports: the benchmark's deelnames CSV, and with `groot` the three
    files of issue 11 (made here, in `workdir`)."""
    if not groot:
        return [
            measure_import_process(location, "deelnames", deelnames, workdir, "deelnames-CSV", runs)
        ]
    plain, quoted, inzet = (
        workdir / n for n in ("groot.csv", "groot_quoted.csv", "groot_inzet.csv")
    )
    write_deelnames_csv(location, GROOT_DEELNAMES, plain)
    write_quoted_copy(plain, quoted)
    write_inzet_csv(location, GROOT_INZET, inzet)
    measured = [
        measure_import_process(location, "deelnames", plain, workdir, "deelnames-CSV", runs),
        measure_import_process(
            location, "deelnames", quoted, workdir, "deelnames-CSV met aanhalingstekens", runs
        ),
        measure_import_process(location, "inzet", inzet, workdir, "inzet-CSV", runs),
    ]
    for path in (plain, quoted, inzet):
        path.unlink(missing_ok=True)
    return measured
