"""The command line of DESIGN §10: demo, check and metrics.

Every command takes `--db` and exits non-zero with a Dutch message when it
cannot do its work. The metrics command prints exact figures (no small-number
rule): it is meant for an authorised analyst.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import checks, queries
from dashboard.config import database_location
from dashboard.db import build_database, open_for_reading
from dashboard.queries import Period, QueryError


class CliError(Exception):
    """A failure to report to the user in Dutch, with exit code 1."""


class _DutchParser(argparse.ArgumentParser):
    """argparse with its usage errors in Dutch."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"Fout in de opdracht: {message}\n")


def _is_file_location(location: str) -> bool:
    return location != ":memory:" and ":" not in location.split("/")[0]


def open_existing(location: str) -> duckdb.DuckDBPyConnection:
    """Open a database that must already exist, bring its models up to date."""
    if _is_file_location(location) and not Path(location).exists():
        raise CliError(
            f"Database niet gevonden: {location}. Maak de demo met 'python -m dashboard demo'"
            " of geef een andere database op met --db."
        )
    try:
        con = open_for_reading(location)
    except duckdb.Error as exc:
        raise CliError(f"Database kan niet worden geopend: {location} ({exc}).") from exc
    return con


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"'{text}' is geen datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2025-12-31"
        ) from exc


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is geen getal") from exc
    if value <= 0:
        raise argparse.ArgumentTypeError("de schaal moet groter dan 0 zijn")
    return value


def cmd_demo(args: argparse.Namespace) -> int:
    """Build (or rebuild) the demo database; the old file is replaced only when the new one is complete."""
    from dashboard.demo import generate_demo  # heavy imports only when needed

    location = args.db
    if not _is_file_location(location):
        raise CliError(
            f"De demo kan alleen naar een databasebestand worden geschreven, niet naar {location}."
        )
    target = Path(location)
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    # Build into a temporary file beside the target, then swap it in: a failed or
    # interrupted build never leaves a half-written database behind.
    fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    os.close(fd)
    os.unlink(tmp_name)
    try:
        con = duckdb.connect(tmp_name)
        build_database(con)
        counts = generate_demo(con, scale=args.scale, seed=args.seed)
        con.execute("checkpoint")
        con.close()
        os.replace(tmp_name, target)
    finally:
        for leftover in (tmp_name, tmp_name + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    seconds = time.perf_counter() - started
    summary = ", ".join(f"{table}: {n:,}".replace(",", ".") for table, n in counts.items())
    print(f"Demodatabase gemaakt in {target} ({seconds:.1f} s). {summary}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Run the data assertions; exit 1 when one fails."""
    con = open_existing(args.db)
    results = checks.run_checks(con)
    failed = [r for r in results if not r.passed]
    for result in results:
        status = "OK  " if result.passed else "FOUT"
        print(f"{status} {result.name}: {result.description}")
        if not result.passed:
            print(result.failures.head(10).to_string(index=False))
            if len(result.failures) > 10:
                print(f"... en nog {len(result.failures) - 10} rijen")
    print(f"{len(results) - len(failed)} van {len(results)} controles geslaagd.")
    return 1 if failed else 0


_FAMILIES: dict[str, Callable[..., pd.DataFrame]] = {
    "bereik": queries.bereik,
    "continuiteit": queries.continuiteit,
    "dekking": queries.dekking,
}


def cmd_metrics(args: argparse.Namespace) -> int:
    """Print one metric family as CSV."""
    con = open_existing(args.db)
    period = Period(args.start, args.end)
    if args.family != "bereik" and args.attributie is not None:
        raise CliError("--attributie geldt alleen voor bereik.")
    kwargs: dict[str, object] = {"level": args.level, "gemeente": args.gemeente}
    if args.family == "bereik":
        kwargs["attributie"] = args.attributie or "waar"
    if args.gemeente is not None:
        known = set(queries.gemeenten(con)["gemeentecode"])
        if args.gemeente not in known:
            raise CliError(f"Gemeente {args.gemeente} staat niet in de database.")
    df = _FAMILIES[args.family](con, period, **kwargs)
    df.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all commands."""
    parser = _DutchParser(
        prog="python -m dashboard", description="Wijkdashboard op de opdrachtregel."
    )
    common = _DutchParser(add_help=False)
    common.add_argument(
        "--db",
        default=database_location(),
        help="pad of DuckDB-verbindingstekst (standaard: de ingestelde database)",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_DutchParser)

    demo = sub.add_parser("demo", parents=[common], help="bouw (of herbouw) de demodatabase")
    demo.add_argument("--scale", type=_scale, default=1.0, help="schaalfactor (1 = één gemeente)")
    demo.add_argument("--seed", type=int, default=42, help="startwaarde van de toevalsgenerator")
    demo.set_defaults(func=cmd_demo)

    check = sub.add_parser("check", parents=[common], help="voer de datacontroles uit")
    check.set_defaults(func=cmd_check)

    metrics = sub.add_parser(
        "metrics", parents=[common], help="druk een familie van kengetallen af als CSV"
    )
    metrics.add_argument("family", choices=sorted(_FAMILIES))
    metrics.add_argument("--start", type=_date, required=True)
    metrics.add_argument("--end", type=_date, required=True)
    metrics.add_argument("--level", choices=queries.LEVELS, default="wijk")
    metrics.add_argument("--gemeente", default=None, help="GMxxxx")
    metrics.add_argument("--attributie", choices=queries.ATTRIBUTIES, default=None)
    metrics.set_defaults(func=cmd_metrics)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (CliError, QueryError) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
