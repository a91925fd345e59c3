"""Benchmark: query API, screens, maps, import and memory at demo and national size (DESIGN §8).

`python -m dashboard bench [--sizes demo,national] [--national-db PATH] [--repeat N]`
builds (or reuses) the demo database (one gemeente) and the national one
(scale 342: 342 gemeenten, about 3,400 wijken, 14,700 buurten and 10 million
deelnames), measures, and prints ONE markdown table with a column per size.

What is measured, per size:

- every query-API function: median and max over `--repeat` runs, for one gemeente
  and for the whole country (`gemeente=None`);
- every screen's server-side run in `streamlit.testing.v1.AppTest` for one
  gemeente, cold (`st.cache_data` cleared: new query results; the connection and
  the map shapes, which belong to a database version, are already there) and warm
  (a new session on the same caches), plus the first view after a server start;
  and the screen's time divided by the DuckDB time it spent;
- reading and simplifying the map shapes (once per database version and process);
- every screen's national view ("Heel Nederland", `?gm=NL`, at its default level
  gemeente) the same way, cold and warm, when the database holds several gemeenten;
- the map payload (`len(fig.to_json())`) per screen and level, one gemeente and
  the whole country;
- import throughput of a large deelnames CSV, through the importer (participants new to
  the database, and the same participants again in other bijeenkomsten) and as DuckDB's
  raw load;
- the peak memory (VmHWM, the peak RSS) of the app process, after the single-gemeente
  screens and after everything.

Screens run in a fresh subprocess per size, so their memory and cold start are
the app's own.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb

from dashboard.config import DB_ENV_VAR, PROJECT_ROOT
from dashboard.domain.codes import LEEFTIJDSGROEPEN

DEFAULT_GEMEENTE = "GM9999"
SIZE_NAMES = ("demo", "national")
SIZE_LABELS = {"demo": "demo", "national": "nationaal"}
ONE = "één gemeente"
ALL = "heel Nederland"
WHOLE = "hele database"
MAP_LEVELS = ("wijk", "buurt")
# The screens with a map (and so a national view and a map payload).
MAP_SCREENS = ("Overzicht", "Bereik", "Continuïteit", "Dekking")


@dataclass(frozen=True)
class Size:
    """One database size: the demo scale and where its database lives by default."""

    name: str
    scale: float
    default_path: Path


SIZES: dict[str, Size] = {
    "demo": Size("demo", 1.0, PROJECT_ROOT / "data" / "demo.duckdb"),
    "national": Size("national", 342.0, PROJECT_ROOT / "data" / "national.duckdb"),
}


class BenchError(RuntimeError):
    """The benchmark cannot do its work; the message is Dutch."""


# --- small helpers ------------------------------------------------------------------------


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def _seconds(values: Sequence[float]) -> str:
    """Median and max of timings, e.g. '0,012 / 0,015 s' (one value: '0,012 s')."""
    if not values:
        return "–"
    med, top = statistics.median(values), max(values)
    text = _fmt_s(med) if len(values) == 1 else f"{_fmt_s(med)} / {_fmt_s(top)}"
    return f"{text} s"


def _fmt_s(value: float) -> str:
    return f"{value:.3f}".replace(".", ",")


def _bytes(n: int | None) -> str:
    if n is None:
        return "–"
    if n >= 1_000_000:
        return f"{n / 1_000_000:.2f} MB".replace(".", ",")
    return f"{n / 1000:.0f} KB"


def _number(n: float) -> str:
    return f"{n:,.0f}".replace(",", ".")


def peak_rss_kb() -> int:
    """This process's peak resident memory in KiB.

    Linux keeps `getrusage(...).ru_maxrss` across fork and exec, so a fresh worker would
    report its parent's peak; VmHWM in /proc is the peak of this process image alone.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def machine() -> str:
    """The machine the benchmark runs on: cores, memory and CPU model."""
    model = "onbekende CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        memory = "? GiB"
    return (
        f"{os.cpu_count()} cores (nproc), {memory} geheugen, {model}; "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}"
    )


# --- databases ------------------------------------------------------------------------------


def ensure_database(path: Path, scale: float) -> float | None:
    """Build the demo at this scale unless the file exists; the build time, or None when reused.

    A reused database is first brought up to this code's models (a new version when
    they changed), so the first view after a server start measures no upgrade.
    """
    if path.exists():
        from dashboard.warehouse.store import open_current

        open_current(str(path)).close()
        return None
    from dashboard.cli import main as cli_main

    seconds, code = _timed(lambda: cli_main(["demo", "--scale", str(scale), "--db", str(path)]))
    if code != 0:
        raise BenchError(f"De database {path} kon niet worden gebouwd (schaal {scale}).")
    return seconds


def database_counts(location: str) -> dict[str, int]:
    """Row counts of the tables that set the size."""
    from dashboard.warehouse import store

    with duckdb.connect(store.resolve(location), read_only=True) as con:
        return {
            table: con.sql(f"select count(*) from {table}").fetchall()[0][0]
            for table in ("gemeente", "wijk", "buurt", "bijeenkomst", "deelname")
        }


def default_period(con: duckdb.DuckDBPyConnection, gemeente: str) -> tuple[date, date]:
    """The period a new visitor gets: the 12 months ending on the gemeente's last day with data."""
    from dashboard.warehouse import queries

    span = queries.data_range(con, gemeente)
    if span is None:
        raise BenchError(f"Gemeente {gemeente} heeft geen gegevens in deze database.")
    first, last = span
    return max(first, last - timedelta(days=364)), last


# --- the query API ------------------------------------------------------------------------


def query_calls() -> list[tuple[str, Callable[..., object], bool]]:
    """(label, call(con, period, gemeente), also national) for every query-API function."""
    from dashboard.screens.headline import headline_figures
    from dashboard.warehouse import area_shapes, queries

    return [
        ("gemeenten", lambda c, p, g: queries.gemeenten(c), False),
        ("data_range", lambda c, p, g: queries.data_range(c, g), True),
        ("organisaties", lambda c, p, g: queries.organisaties(c, g), True),
        ("activity_types", lambda c, p, g: queries.activity_types(c, g), True),
        ("gebieden (buurt)", lambda c, p, g: queries.gebieden(c, "buurt", g), True),
        ("behoefte_indicatoren", lambda c, p, g: queries.behoefte_indicatoren(c), False),
        ("bereik (wijk, waar)", lambda c, p, g: queries.bereik(c, p, "wijk", "waar", g), True),
        ("bereik (buurt, wie)", lambda c, p, g: queries.bereik(c, p, "buurt", "wie", g), True),
        ("bereik (gemeente)", lambda c, p, g: queries.bereik(c, p, "gemeente", gemeente=g), True),
        (
            "bereik_per_maand (gemeente)",
            lambda c, p, g: queries.bereik_per_maand(c, p, "gemeente", gemeente=g),
            True,
        ),
        (
            "bereik_per_type (gemeente)",
            lambda c, p, g: queries.bereik_per_type(c, p, "gemeente", gemeente=g),
            True,
        ),
        (
            "bereik_partners (gemeente)",
            lambda c, p, g: queries.bereik_partners(c, p, "gemeente", gemeente=g),
            True,
        ),
        ("continuiteit (wijk)", lambda c, p, g: queries.continuiteit(c, p, "wijk", g), True),
        (
            "verblijfsduur_curve (gemeente)",
            lambda c, p, g: queries.verblijfsduur_curve(c, p, "gemeente", g),
            True,
        ),
        (
            "continuiteit_signalen",
            lambda c, p, g: queries.continuiteit_signalen(c, p.end, g),
            True,
        ),
        ("spell_tijdlijn", lambda c, p, g: queries.spell_tijdlijn(c, p, g), True),
        ("dekking (wijk)", lambda c, p, g: queries.dekking(c, p, "wijk", g), True),
        (
            "behoefte_componenten (wijk)",
            lambda c, p, g: queries.behoefte_componenten(c, p, "wijk", g),
            True,
        ),
        ("headline_figures", lambda c, p, g: headline_figures(queries.on(c), p, g), False),
        (
            "area_shapes.read_gebieden (buurt)",
            lambda c, p, g: area_shapes.read_gebieden(c, "buurt", g),
            True,
        ),
    ]


def bench_queries(location: str, gemeente: str, repeat: int) -> dict[tuple[str, str], list[float]]:
    """Timings of every query-API function, for one gemeente and for the whole country."""
    from dashboard.domain.period import Period
    from dashboard.warehouse import store
    from dashboard.warehouse.store import open_current

    con = open_current(store.resolve(location))
    try:
        period = Period(*default_period(con, gemeente))
        out: dict[tuple[str, str], list[float]] = {}
        for label, call, national in query_calls():
            scopes = [(ONE, gemeente)] + ([(ALL, None)] if national else [])
            for scope, code in scopes:
                times = []
                for _ in range(repeat):
                    cur = con.cursor()
                    started = time.perf_counter()
                    call(cur, period, code)
                    times.append(time.perf_counter() - started)
                    cur.close()
                out[(label, scope)] = times
        return out
    finally:
        con.close()


# --- import throughput ----------------------------------------------------------------------


def write_deelnames_csv(location: str, rows: int, path: Path, shift: int = 0) -> None:
    """A registration export of `rows` deelnames of existing bijeenkomsten (template columns).

    Participant numbers P1000000, P1000001, ... take part 7 times each; `shift` moves
    every row to another bijeenkomst, so a second file has the same participants in
    new pairs.
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
) -> float | None:
    """The importer's public path (prepare_registration + commit) into a copy of the database.

    `earlier` files are imported first, untimed (the returning-participants case).
    """
    try:
        from dashboard.ingest import importer
    except ImportError:
        return None
    if not (hasattr(importer, "prepare_registration") and hasattr(importer, "commit")):
        return None
    import shutil

    from dashboard.warehouse import store

    target = workdir / "import.duckdb"
    for old in workdir.glob("import*.duckdb*"):
        old.unlink()
    shutil.copyfile(store.resolve(location), target)
    for path in earlier:
        prepared, _ = importer.prepare_registration(
            str(target), "deelnames", path.read_bytes(), path.name
        )
        importer.commit(str(target), prepared, user="bench")
    # the copies above are the benchmark's own set-up: their writing back to disk must not
    # slow down the import's own copy of the database (store.writing)
    os.sync()
    started = time.perf_counter()
    prepared, _ = importer.prepare_registration(
        str(target), "deelnames", csv.read_bytes(), csv.name
    )
    importer.commit(str(target), prepared, user="bench")
    return time.perf_counter() - started


# How often each import is measured (median and max; a run takes seconds at national size).
IMPORT_RUNS = 3


def bench_import(location: str, rows: int, workdir: Path, runs: int) -> dict[str, object]:
    """Seconds to load a deelnames CSV of `rows` rows: the importer and DuckDB's raw load.

    The importer twice: a file of participants new to the database, and a second file
    of the same participants in other bijeenkomsten after the first was loaded (their
    pairs must be compared with the deelnames already there).
    """
    new, returning = workdir / "deelnames.csv", workdir / "deelnames_terug.csv"
    write_deelnames_csv(location, rows, new)
    write_deelnames_csv(location, rows, returning, shift=104_729)
    result: dict[str, object] = {"importer": [], "returning": [], "error": None}
    try:
        for _ in range(runs):
            seconds = bench_importer(location, new, workdir)
            if seconds is None:
                break
            result["importer"].append(seconds)
            result["returning"].append(bench_importer(location, returning, workdir, [new]))
    except Exception as exc:  # the importer is young; its failure is a result, not a crash
        result["error"] = f"fout: {type(exc).__name__}: {str(exc)[:120]}"
    result["raw"] = bench_raw_load(new, workdir)
    return result


# --- the screens (in a fresh app process) ---------------------------------------------------


def _screens_worker(location: str, gemeente: str, repeat: int) -> dict:
    """Run in a fresh process: every screen cold and warm, national views, map payloads, memory."""
    os.environ[DB_ENV_VAR] = location
    import warnings

    warnings.filterwarnings("ignore")
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard.ui import cache, frame  # noqa: F401  (warm imports)
    from dashboard.warehouse import area_shapes, queries

    db_time = [0.0]

    def timing(fn: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                db_time[0] += time.perf_counter() - started

        return wrapper

    # Every DuckDB call of the app goes through these three functions.
    queries._run = timing(queries._run)
    queries.data_range = timing(queries.data_range)
    area_shapes.query_wkb = timing(area_shapes.query_wkb)

    app = str(PROJECT_ROOT / "app.py")
    # AppTest scans installed packages for components on each new instance (~0.15 s);
    # a real server does that once, so the scan is shared between the runs here.
    components: list[object] = []

    def run_screen(path: str, gm: str = gemeente) -> float:
        at = AppTest.from_file(app, default_timeout=600)
        if components and hasattr(at, "_bidi_component_manager"):
            at._bidi_component_manager = components[0]
        at.query_params["gm"] = gm
        if path != "app.py":
            at.switch_page(path)
        seconds, _ = _timed(at.run)
        if at.exception:
            raise BenchError(f"{path}: {[e.value for e in at.exception]}")
        if not components and getattr(at, "_bidi_component_manager", None) is not None:
            components.append(at._bidi_component_manager)
        return seconds

    def cold_and_warm(path: str, gm: str) -> dict[str, list[float]]:
        cold, warm, ratio = [], [], []
        for _ in range(repeat):
            st.cache_data.clear()
            gc.collect()
            db_time[0] = 0.0
            seconds = run_screen(path, gm)
            cold.append(seconds)
            ratio.append(seconds / db_time[0] if db_time[0] > 0 else float("nan"))
            warm.append(run_screen(path, gm))
        return {"cold": cold, "warm": warm, "ratio": ratio}

    result: dict = {"screens": {}, "national": {}, "payload": {}, "errors": {}}
    # The first view after a server start also opens the database (st.cache_resource).
    result["first"] = run_screen("app.py")
    for screen in frame.SCREENS:
        try:
            result["screens"][screen.title] = cold_and_warm(screen.path, gemeente)
        except Exception as exc:  # one broken screen should not hide the others' figures
            result["errors"][screen.title] = str(exc)[:200]
            result["screens"][screen.title] = {"cold": [], "warm": [], "ratio": []}

    period = queries.Period(
        *default_period(cache._root(cache.database_location()).cursor(), gemeente)
    )
    # Peak memory after the single-gemeente screens, and after everything below.
    result["maxrss_screens_kb"] = peak_rss_kb()
    # Map shapes are simplified once per database version (st.cache_resource); timed here.
    result["shapes"] = {}
    for level in MAP_LEVELS:
        for scope, code in ((ONE, gemeente), (ALL, None)):
            times = []
            for _ in range(repeat):
                cur = cache._root(cache.database_location()).cursor()
                times.append(
                    _timed(lambda c=cur, lv=level, g=code: area_shapes.display_gebieden(c, lv, g))[0]
                )
            result["shapes"][f"{level}|{scope}"] = times
    # "Heel Nederland" is offered when the database holds more than one gemeente.
    from dashboard.domain.codes import NATIONAL

    several = len(cache.gemeenten()) > 1
    for screen in frame.SCREENS:
        try:
            result["national"][screen.title] = (
                cold_and_warm(screen.path, NATIONAL) if several else None
            )
        except Exception as exc:
            result["errors"][f"{screen.title} (landelijk)"] = str(exc)[:200]
            result["national"][screen.title] = {"cold": [], "warm": [], "ratio": []}
    for title in MAP_SCREENS:
        for level in MAP_LEVELS:
            for scope, code in ((ONE, gemeente), (ALL, None)):
                fig = screen_map(title, period, code, level)
                key = f"{title}|{level}|{scope}"
                result["payload"][key] = None if fig is None else len(fig.to_json())
    result["maxrss_kb"] = peak_rss_kb()
    return result


def screen_map(title: str, period, gemeente: str | None, level: str):
    """The map a screen draws at this level, through the app's caches (None: no map there)."""
    from dashboard.display import maps
    from dashboard.screens.indicators import MAP_INDICATORS, indicator_values, map_level
    from dashboard.ui import cache

    if title in ("Continuïteit", "Dekking") and level != "wijk":
        return None  # measured per wijk: these screens draw wijken only
    if title == "Overzicht":
        indicator = MAP_INDICATORS["bereik_per_1000"]
        values = indicator_values(
            indicator, cache.run, period, map_level(indicator, level), gemeente
        )
        column, unit = "value", indicator.unit
    elif title == "Bereik":
        values = cache.bereik(period, level=level, attributie="waar", gemeente=gemeente)
        column, unit = "bereik_per_1000", "per 1.000 inwoners"
    elif title == "Continuïteit":
        from dashboard.screens.continuiteit import DEFAULT_MAP_ROL, map_values

        per_wijk = cache.continuiteit(period, level="wijk", gemeente=gemeente)
        values = map_values(per_wijk, "mediane_verblijfsduur_dagen", DEFAULT_MAP_ROL)
        column, unit = "value", "jaar"
    else:
        values = cache.dekking(period, level="wijk", gemeente=gemeente)
        column, unit = "fte_per_10000", "fte per 10.000 inwoners"
    return maps.choropleth(
        cache.geometry(level, gemeente), values, column, title=title, unit=unit, decimals=1
    )


def bench_screens(location: str, gemeente: str, repeat: int) -> dict:
    """Run `_screens_worker` in a fresh Python process and return its results."""
    code = (
        "import json, sys; from benchmarks.bench import _screens_worker; "
        "print('BENCH-RESULT' + json.dumps(_screens_worker(sys.argv[1], sys.argv[2], int(sys.argv[3]))))"
    )
    env = {**os.environ, DB_ENV_VAR: location, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code, location, gemeente, str(repeat)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH-RESULT"):
            return json.loads(line.removeprefix("BENCH-RESULT"))
    raise BenchError(f"De schermmeting is mislukt:\n{done.stderr[-3000:]}")


# --- the table ----------------------------------------------------------------------------


@dataclass
class Row:
    """One table row: what, which part, which view, a value per size and the target."""

    kind: str
    part: str
    scope: str
    values: dict[str, str]
    target: str = ""


def build_rows(results: dict[str, dict]) -> list[Row]:
    """The table rows from the measurements of every size."""
    sizes = list(results)
    rows: list[Row] = []

    def add(kind: str, part: str, scope: str, fn: Callable[[dict], str], target: str = "") -> None:
        rows.append(Row(kind, part, scope, {s: fn(results[s]) for s in sizes}, target))

    add("database", "gemeenten / wijken / buurten", WHOLE, lambda r: r["counts_areas"])
    add("database", "bijeenkomsten / deelnames", WHOLE, lambda r: r["counts_facts"])
    add("database", "bouwen (demo --scale)", WHOLE, lambda r: r["build"], "minuten, geen uren")
    for label, _, national in query_calls():
        for scope in (ONE, ALL) if national else (ONE,):
            add("query", label, scope, lambda r, k=(label, scope): _seconds(r["queries"][k]))
    add(
        "scherm",
        "eerste weergave na serverstart (Overzicht, opent de database)",
        ONE,
        lambda r: _seconds([r["screens"]["first"]]),
    )
    titles = list(next(iter(results.values()))["screens"]["screens"])
    for title in titles:
        if any(title in results[s]["screens"]["errors"] for s in sizes):
            add(
                "scherm",
                title,
                ONE,
                lambda r, t=title: "fout: " + r["screens"]["errors"].get(t, ""),
            )
            continue
        add(
            "scherm koud",
            title,
            ONE,
            lambda r, t=title: _seconds(r["screens"]["screens"][t]["cold"]),
            "≤ 1,0 s",
        )
        add(
            "scherm warm",
            title,
            ONE,
            lambda r, t=title: _seconds(r["screens"]["screens"][t]["warm"]),
            "≤ 0,2 s",
        )
        add(
            "scherm / DuckDB-tijd",
            title,
            ONE,
            lambda r, t=title: _ratio(r["screens"]["screens"][t]["ratio"]),
        )

    def national(title: str, what: str) -> Callable[[dict], str]:
        def cell(r: dict) -> str:
            view = r["screens"]["national"].get(title)
            if view is None:
                return "niet aangeboden (één gemeente)"
            if f"{title} (landelijk)" in r["screens"]["errors"]:
                return "fout: " + r["screens"]["errors"][f"{title} (landelijk)"]
            return _ratio(view[what]) if what == "ratio" else _seconds(view[what])

        return cell

    for title in titles:
        add("landelijk beeld koud", title, ALL, national(title, "cold"), "≤ 2 s")
        add("landelijk beeld warm", title, ALL, national(title, "warm"))
        add("landelijk beeld / DuckDB-tijd", title, ALL, national(title, "ratio"))
    for level in MAP_LEVELS:
        for scope in (ONE, ALL):
            add(
                "kaartvormen (eenmalig per databaseversie)",
                f"{level}: lezen en vereenvoudigen",
                scope,
                lambda r, k=f"{level}|{scope}": _seconds(r["screens"]["shapes"][k]),
            )
    for title in MAP_SCREENS:
        for level in MAP_LEVELS:
            for scope in (ONE, ALL):
                key = f"{title}|{level}|{scope}"
                if all(results[s]["screens"]["payload"].get(key) is None for s in sizes):
                    continue
                target = ""
                if level == "buurt":
                    target = "≤ 150 KB" if scope == ONE else "≤ 3 MB"
                add(
                    "kaart (bytes JSON)",
                    f"{title}, {level}",
                    scope,
                    lambda r, k=key: _bytes(r["screens"]["payload"].get(k)),
                    target,
                )
    if any(results[s]["import"]["importer"] or results[s]["import"]["error"] for s in sizes):
        for key, part in (
            (
                "importer",
                "deelnames-CSV via dashboard.ingest.importer (prepare + commit), nieuwe deelnemers",
            ),
            (
                "returning",
                "deelnames-CSV via dashboard.ingest.importer, dezelfde deelnemers opnieuw (andere"
                " bijeenkomsten, na de eerste)",
            ),
        ):
            add(
                "import",
                part,
                WHOLE,
                lambda r, k=key: (
                    r["import"]["error"] or _throughput(r["import"][k], r["import_rows"])
                ),
                "≥ 500.000 rijen/s",
            )
    add(
        "import",
        "deelnames-CSV (ruwe laadstap: read_csv + insert in DuckDB)",
        WHOLE,
        lambda r: _throughput([r["import"]["raw"]], r["import_rows"]),
        "≥ 500.000 rijen/s",
    )
    add(
        "geheugen",
        "piek-RSS van het app-proces na de schermen van één gemeente",
        WHOLE,
        lambda r: _bytes(r["screens"]["maxrss_screens_kb"] * 1024),
        "≤ 1,5 GB",
    )
    add(
        "geheugen",
        "piek-RSS van het app-proces, ook na landelijke beelden en kaarten",
        WHOLE,
        lambda r: _bytes(r["screens"]["maxrss_kb"] * 1024),
        "≤ 1,5 GB",
    )
    return rows


def _throughput(seconds: Sequence[float], rows: int) -> str:
    """Rows per second at the median time, e.g. '512.000 rijen/s (1.000.000 in 1,953 / 2,010 s)'."""
    if not seconds:
        return "–"
    return f"{_number(rows / statistics.median(seconds))} rijen/s ({_number(rows)} in {_seconds(seconds)})"


def _ratio(values: Sequence[float]) -> str:
    known = [v for v in values if v == v]
    return "–" if not known else f"{statistics.median(known):.1f}×".replace(".", ",")


def render(rows: list[Row], sizes: Sequence[str]) -> str:
    """The rows as one markdown table."""
    header = ["Soort", "Onderdeel", "Weergave", *(SIZE_LABELS[s] for s in sizes), "Doel"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    for row in rows:
        cells = [row.kind, row.part, row.scope, *(row.values[s] for s in sizes), row.target]
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |")
    return "\n".join(lines)


# --- entry point ----------------------------------------------------------------------------


def run_size(
    size: Size, location: Path, gemeente: str, repeat: int, import_rows: int, workdir: Path
) -> dict:
    """Every measurement of one size."""
    built = ensure_database(location, size.scale)
    counts = database_counts(str(location))
    screens = bench_screens(str(location), gemeente, repeat)
    query_times = bench_queries(str(location), gemeente, repeat)
    sized_dir = workdir / size.name
    sized_dir.mkdir(parents=True, exist_ok=True)
    loads = bench_import(str(location), import_rows, sized_dir, min(repeat, IMPORT_RUNS))
    return {
        "counts_areas": " / ".join(_number(counts[t]) for t in ("gemeente", "wijk", "buurt")),
        "counts_facts": " / ".join(_number(counts[t]) for t in ("bijeenkomst", "deelname")),
        "build": "hergebruikt" if built is None else f"{built:.0f} s".replace(".", ","),
        "queries": query_times,
        "screens": screens,
        "import": loads,
        "import_rows": import_rows,
    }


def build_parser() -> argparse.ArgumentParser:
    """The bench command's arguments (also used by `python -m dashboard bench`)."""
    parser = argparse.ArgumentParser(prog="python -m dashboard bench", add_help=True)
    add_arguments(parser)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the bench options to a parser."""
    parser.add_argument(
        "--sizes",
        default="demo,national",
        help="kommagescheiden: demo, national (standaard beide)",
    )
    parser.add_argument("--demo-db", default=str(SIZES["demo"].default_path))
    parser.add_argument("--national-db", default=str(SIZES["national"].default_path))
    parser.add_argument("--repeat", type=int, default=5, help="herhalingen per meting")
    parser.add_argument("--gemeente", default=DEFAULT_GEMEENTE, help="de gemeente van de metingen")
    parser.add_argument(
        "--import-rows", type=int, default=1_000_000, help="rijen in het deelnames-CSV"
    )


def run(args: argparse.Namespace) -> str:
    """Measure the chosen sizes and return the markdown table (with the machine line)."""
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown or not sizes:
        raise BenchError(
            f"Onbekende grootte(s): {', '.join(unknown) or '(geen)'}. Kies uit: {', '.join(SIZE_NAMES)}."
        )
    if args.repeat < 1:
        raise BenchError("--repeat moet minstens 1 zijn.")
    paths = {"demo": Path(args.demo_db), "national": Path(args.national_db)}
    results = {}
    with tempfile.TemporaryDirectory(prefix="wijkdashboard-bench-") as tmp:
        for name in sizes:
            results[name] = run_size(
                SIZES[name], paths[name], args.gemeente, args.repeat, args.import_rows, Path(tmp)
            )
    table = render(build_rows(results), sizes)
    return f"{table}\n\nMachine: {machine()}. Herhalingen: {args.repeat} (mediaan / max).\n"


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m benchmarks.bench ...`: print the table; exit 1 with a Dutch message on failure."""
    args = build_parser().parse_args(argv)
    try:
        print(run(args))
    except BenchError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
