"""The benchmark's entry point: its options, one run over the chosen sizes, its error.

`dashboard.cli` uses `add_arguments`, `run` and `BenchError`; `python -m benchmarks.bench`
runs it on its own. What is measured: see the package docstring (`benchmarks/__init__.py`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from benchmarks.databases import database_counts, ensure_database
from benchmarks.exports import bench_exports
from benchmarks.imports import IMPORT_RUNS, bench_import
from benchmarks.measure import machine
from benchmarks.queries import bench_queries, query_calls
from benchmarks.report import SizeResult, build_rows, render
from benchmarks.screens import bench_screens
from benchmarks.terms import (
    ALL,
    DEFAULT_GEMEENTE,
    MAP_SCREENS,
    ONE,
    SIZE_NAMES,
    SIZES,
    BenchError,
    Size,
)

# The command line's names, and the ones tests/test_bench.py reads through this module.
__all__ = [
    "ALL",
    "DEFAULT_GEMEENTE",
    "MAP_SCREENS",
    "ONE",
    "BenchError",
    "add_arguments",
    "bench_screens",
    "build_parser",
    "main",
    "query_calls",
    "run",
    "run_size",
]


def run_size(
    size: Size,
    location: Path,
    gemeente: str,
    repeat: int,
    import_rows: int,
    workdir: Path,
    groot: bool = False,
) -> SizeResult:
    """Every measurement of one size."""
    built = ensure_database(location, size.scale)
    counts = database_counts(str(location))
    screens = bench_screens(str(location), gemeente, repeat)
    query_times = bench_queries(str(location), gemeente, repeat)
    sized_dir = workdir / size.name
    sized_dir.mkdir(parents=True, exist_ok=True)
    loads = bench_import(str(location), import_rows, sized_dir, min(repeat, IMPORT_RUNS), groot)
    exports = bench_exports(str(location), gemeente, repeat)
    return SizeResult(
        counts=counts,
        build_seconds=built,
        queries=query_times,
        screens=screens,
        imports=loads,
        import_rows=import_rows,
        exports=exports,
    )


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
    parser.add_argument(
        "--browser",
        action="store_true",
        help="ook de browsermeting: per scherm de tijd tot alle grafieken getekend zijn, in"
        " Debians chromium, tegen een lege pagina met één grafiek en tegen het kader van het"
        " dashboard met één grafiek (standaard niet)",
    )
    parser.add_argument(
        "--groot",
        action="store_true",
        help="meet ook het geheugen van imports van ~200 MB (5,2 miljoen deelnames, met en zonder"
        " aanhalingstekens; 1,8 miljoen inzetregels): enkele minuten per grootte",
    )
    parser.add_argument(
        "--sessies",
        default="",
        help="ook de belastingtest: kommagescheiden aantallen sessies tegelijk tegen een echte"
        " server op de landelijke database, zoals 1,5,20 (standaard niet)",
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
    results: dict[str, SizeResult] = {}
    with tempfile.TemporaryDirectory(prefix="wijkdashboard-bench-") as tmp:
        for name in sizes:
            results[name] = run_size(
                SIZES[name],
                paths[name],
                args.gemeente,
                args.repeat,
                args.import_rows,
                Path(tmp),
                getattr(args, "groot", False),
            )
    table = render(build_rows(results), sizes)
    text = f"{table}\n\nMachine: {machine()}. Herhalingen: {args.repeat} (mediaan / max).\n"
    if args.browser:
        from benchmarks import browser

        for name in sizes:
            text += "\n" + browser.render(
                browser.measure(paths[name], args.gemeente, args.repeat), name
            )
            text += "\n"
    if args.sessies:
        text += "\n" + _load(args.sessies, paths["national"])
    return text


def _load(sessies: str, national: Path) -> str:
    """The load benchmark's table (benchmarks/load.py) on the national database."""
    from benchmarks import load

    try:
        counts = [int(n) for n in sessies.split(",") if n.strip()]
    except ValueError as exc:
        raise BenchError(
            "--sessies is een kommagescheiden lijst van aantallen, zoals 1,5,20."
        ) from exc
    if not counts or min(counts) < 1:
        raise BenchError("--sessies is een kommagescheiden lijst van aantallen, zoals 1,5,20.")
    ensure_database(national, SIZES["national"].scale)
    return load.render(load.measure(national, counts, load.RUNS), load.RUNS)


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
