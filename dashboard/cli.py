"""The command line of docs/DESIGN.md §10: demo, check, metrics, imports and exports.

Every command takes `--db` and exits non-zero with a Dutch message when it
cannot do its work. The metrics command prints exact figures (no small-number
rule): it is meant for an authorised analyst.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import shutil
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, TextIO

import duckdb
import pandas as pd

from dashboard import i18n
from dashboard.config import database_location
from dashboard.domain.codes import ATTRIBUTIES, BUURT, LEVELS, OWN_LEVEL, WIJK
from dashboard.domain.period import Period, QueryError
from dashboard.warehouse import audit, checks, errors, queries, store
from dashboard.warehouse.db import build_database
from dashboard.warehouse.store import open_current

if TYPE_CHECKING:  # the ingest package is imported only by the commands that need it
    from dashboard.ingest.registratie import Problem


class CliError(Exception):
    """A failure to report to the user in Dutch, with exit code 1."""


class _DutchParser(argparse.ArgumentParser):
    """argparse with its usage errors in Dutch."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"Fout in de opdracht: {message}\n")


def published(location: str) -> str:
    """`--db` as the database's published name: a version file stands for it, under its one lock."""
    try:
        name = store.published_location(location)
    except store.VersionFileError as exc:
        raise CliError(str(exc)) from exc
    if name != location:
        print(
            f"Let op: {location} is een versie van de database; gebruikt wordt {name},"
            " de naam die altijd naar de huidige versie wijst.",
            file=sys.stderr,
        )
    return name


def open_existing(location: str) -> duckdb.DuckDBPyConnection:
    """Open a database that must already exist, bring its models up to date."""
    location = store.resolve(location)
    if _missing(location):
        raise CliError(
            f"Database niet gevonden: {location}. Maak de demo met 'python -m dashboard demo'"
            " of geef een andere database op met --db."
        )
    try:
        con = open_current(location)
    except duckdb.Error as exc:
        raise CliError(
            f"Database kan niet worden geopend: {location} ({errors.dutch_reason(exc)})."
        ) from exc
    return con


def _missing(resolved: str) -> bool:
    """Whether a resolved location names a database file that is not there."""
    return store.is_file_location(resolved) and not Path(resolved).exists()


def _existing_database(location: str) -> None:
    """A CliError when `location` names a database file that is not there: an import of
    registrations, plekken or an indeling checks against the areas and codes it holds, and
    a mistyped --db reported every wijk as unknown. Only import-cbs may start a new one."""
    if _missing(store.resolve(location)):
        raise CliError(
            f"Database niet gevonden: {location}. Controleer --db; een nieuwe database begint"
            " met de CBS-gebieden ('python -m dashboard import-cbs ...'), of maak de demo met"
            " 'python -m dashboard demo'."
        )


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


def _real_gemeenten(location: str) -> list[str]:
    """Codes of the non-fictitious gemeenten in an existing database (none when it is unreadable)."""
    try:
        with duckdb.connect(store.resolve(location), read_only=True) as con:
            return [
                r[0]
                for r in con.sql(
                    "select gemeentecode from gemeente where not is_fictief order by 1"
                ).fetchall()
            ]
    except duckdb.Error:
        return []


def cmd_demo(args: argparse.Namespace) -> int:
    """Build (or rebuild) the demo database; the old file is replaced only when the new one is complete."""
    from dashboard.demo import generate_demo  # heavy imports only when needed

    location = args.db
    if not store.is_file_location(location):
        raise CliError(
            f"De demo kan alleen naar een databasebestand worden geschreven, niet naar {location}."
        )
    target = Path(location)
    if target.exists() and not args.force:
        real = _real_gemeenten(location)
        if real:
            raise CliError(
                f"{location} bevat echte gegevens ({', '.join(real[:5])}); de demo zou die vervangen."
                " Kies een ander bestand met --db, of gebruik --force als u dat echt wilt."
            )
    started = time.perf_counter()
    # Build a new version under the write lock and make it current once it is complete:
    # a failed or interrupted build never leaves a half-written database behind.
    with store.building(location) as version:
        con = duckdb.connect(str(version))
        try:
            build_database(con)
            counts = generate_demo(con, scale=args.scale, seed=args.seed)
            con.execute("checkpoint")
        finally:
            con.close()
    seconds = time.perf_counter() - started
    summary = ", ".join(f"{table}: {n:,}".replace(",", ".") for table, n in counts.items())
    print(f"Demodatabase gemaakt in {target} ({seconds:.1f} s). {summary}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Run the data assertions, and the checks of the audit log; exit 1 when one fails."""
    con = open_existing(args.db)
    try:
        results = checks.run_checks(con) + audit.check(audit.location_for(args.db))
    except audit.AuditUnavailable as exc:
        raise CliError(str(exc)) from exc
    failed = [r for r in results if not r.passed]
    for result in results:
        status = "OK  " if result.passed else "FOUT"
        print(f"{status} {result.name}: {result.description}")
        if not result.passed:
            print(_as_text(result.failures.head(10)))
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
    # 12 significant digits: parallel sums in DuckDB may differ in the last bits between runs
    # (37.2093023255814 / 37.209302325581405); identical databases print identical files
    df.to_csv(sys.stdout, index=False, lineterminator="\n", float_format="%.12g")
    return 0


def _as_text(frame: pd.DataFrame) -> str:
    """A table as plain text; a missing value (None, NaN, <NA>, NaT) is an empty cell."""
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if values.dtype == object or isinstance(values.dtype, pd.api.extensions.ExtensionDtype):
            # na_rep covers NaN and NaT only: pandas prints None and <NA> as they are
            shown[column] = values.astype(object).where(values.notna(), "")
    return shown.to_string(index=False, na_rep="")


def _print_report(problems: Sequence[Problem], out: TextIO) -> None:
    from dashboard.ingest.registratie import report_frame

    if problems:
        # wrapped only for a person at a terminal: a script that reads the output (or a
        # grep) finds each reason on one line
        width = shutil.get_terminal_size().columns if out.isatty() else None
        print(report_text(report_frame(list(problems)), width), file=out)


def report_text(frame: pd.DataFrame, width: int | None = None) -> str:
    """A file's report for a terminal: left-aligned columns, the reason last and wrapped under
    itself at `width` (None: not wrapped), without the file's name (the line under the report
    names it). pandas' own table right-aligned every column, the reason behind a wide gap,
    and wrapped each row over the next."""
    shown = frame.drop(columns=[frame.columns[0]])  # Bestand: one file per command
    rij, kolom, waarde, reden, ernst = shown.columns
    order = [rij, ernst, kolom, waarde]
    cells = [[("" if pd.isna(v) else str(v)) for v in shown[c]] for c in order]
    sizes = [max(len(c), *(len(v) for v in values)) for c, values in zip(order, cells, strict=True)]
    indent = sum(sizes) + 2 * len(sizes)
    # a reason keeps a line of its own width at least: else it is not wrapped
    room = width - indent if width is not None and width - indent >= 30 else None

    def line(parts: Sequence[str], last: str) -> list[str]:
        start = "".join(p.ljust(size + 2) for p, size in zip(parts, sizes, strict=True))
        wrapped = (textwrap.wrap(last, room) if room else None) or [last]
        return [start + wrapped[0], *(" " * indent + more for more in wrapped[1:])]

    lines = line(order, str(reden))
    for i, text in enumerate(shown[reden]):
        lines += line([values[i] for values in cells], "" if pd.isna(text) else str(text))
    return "\n".join(line.rstrip() for line in lines)


def _read_bytes(path: str) -> bytes:
    return _existing_file(path).read_bytes()


def _existing_file(path: str) -> Path:
    """The path of a file that exists and can be read (not read yet: a registration export
    of hundreds of MB is read in blocks), or a CliError saying why not."""
    file = Path(path)
    if file.is_dir():
        raise CliError(f"{path} is een map, geen bestand.")
    try:
        with file.open("rb"):
            pass
    except FileNotFoundError as exc:
        raise CliError(f"Bestand niet gevonden: {path}.") from exc
    except PermissionError as exc:
        raise CliError(f"Bestand {path} kan niet worden gelezen (geen leesrechten).") from exc
    return file


# The role an import from the command line has in the audit log: whoever may run it on the
# server holds the database, as a beheerder does.
CLI_ROLE = "beheerder (opdrachtregel)"


def _cli_user() -> str:
    """Who imports from the command line, for the import and audit logs: the operating-system
    user of the server, said as such (an account name like "root" alone reads as a person)."""
    from dashboard.ingest import write

    return f"opdrachtregel ({write.current_user()})"


def _audit_import(location: str, details: str) -> None:
    """Record an import in the audit log, as the operating-system user; a failure is a warning."""
    try:
        audit.append(
            audit.location_for(location),
            audit.IMPORT,
            gebruiker=_cli_user(),
            rol=CLI_ROLE,
            scherm="opdrachtregel",
            details=details,
        )
    except audit.AuditUnavailable as exc:
        print(f"Waarschuwing: {exc}", file=sys.stderr)


def _unreadable(location: str, file: str, kind: str, exc: Exception) -> CliError:
    """The error for a file that cannot be read, logged in the audit log as every other
    refused import is (a file with only its header is); without the reason, which may quote
    the file's cells."""
    _audit_import(location, f"{Path(file).name}; soort {kind}; geweigerd: bestand niet te lezen")
    return CliError(str(exc))


def _finish(prepared, location: str, hint: str | None = None) -> int:
    """Print the report (and `hint` under a refused one); write only when it has no errors.
    Every attempt goes into the audit log."""
    from dashboard.ingest import write
    from dashboard.screens.gegevens import import_audit_details, import_summary

    errors = prepared.errors
    _print_report(prepared.problems, sys.stderr if errors else sys.stdout)
    if errors:
        if hint:
            print(hint, file=sys.stderr)
        _audit_import(location, import_audit_details(prepared))
        print(
            f"Fout: {prepared.bestand} is geweigerd: {len(errors)} fout(en); er is niets geschreven.",
            file=sys.stderr,
        )
        return 1
    try:
        result = write.commit(location, prepared, user=_cli_user())
    except write.ImportFailed as exc:
        _audit_import(location, import_audit_details(prepared))
        raise CliError(str(exc)) from exc
    _audit_import(location, import_audit_details(prepared, result))
    print(import_summary(result))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Validate a registration export and load it atomically."""
    from dashboard.ingest import collector, prepare, registratie

    _existing_database(args.db)
    data = _existing_file(args.file)
    mapping = None
    if args.mapping:
        try:
            kind, mapping = prepare.mapping_store(args.db).load(args.mapping)
        except (LookupError, ValueError) as exc:
            raise CliError(
                f"Kolomkoppeling '{args.mapping}' kan niet worden gelezen: {exc}"
            ) from exc
        if kind != args.kind:
            raise CliError(
                f"Kolomkoppeling '{args.mapping}' is voor {kind}, niet voor {args.kind}."
            )
    overrides = _column_overrides(args.kind, args.kolom or [])
    try:
        # a process of its own: Python's garbage collector may wait (collector.paused); not
        # in the app, where it would wait for every session during an upload
        with collector.paused():
            prepared, _ = prepare.prepare_registration(
                args.db,
                args.kind,
                data,
                Path(args.file).name,
                mapping=mapping,
                sheet=args.sheet,
                overrides=overrides,
            )
    except registratie.ImportFileError as exc:
        raise _unreadable(args.db, args.file, args.kind, exc) from exc
    unmapped = [
        p.kolom
        for p in prepared.errors
        if p.rij is None and p.kolom and p.reden == registratie.REDEN_KOLOM_ONTBREEKT
    ]
    # a file of another kind: the report's first line says which kind to choose; advice to
    # map its columns (--kolom deelnemer_id=aantal_deelnemers) would make wrong data of it
    other_kind = any(
        p.rij is None and registratie.of_another_kind(p.reden) for p in prepared.errors
    )
    hint = _mapping_hint(prepared, unmapped) if unmapped and not other_kind else None
    return _finish(prepared, args.db, hint=hint)


def _column_overrides(kind: str, given: Sequence[str]) -> dict[str, str]:
    """--kolom VELD=KOLOM options as field -> column, or a CliError naming the fields."""
    from dashboard.ingest.registratie import field_names

    fields = field_names(kind)
    out: dict[str, str] = {}
    for option in given:
        name, sep, column = option.partition("=")
        name, column = name.strip(), column.strip()
        if not sep or not column:
            raise CliError(
                f"--kolom {option}: schrijf VELD=KOLOM, zoals --kolom {fields[0]}=nummer."
            )
        if name not in fields:
            raise CliError(
                f"--kolom {option}: {kind} heeft geen veld '{name}'; wel: {', '.join(fields)}."
            )
        out[name] = column
    return out


def _mapping_hint(prepared, missing: Sequence[str]) -> str:
    """What to do when required fields (`missing`) have no column: the file's columns the
    mapping left unused, and how to name one with --kolom."""
    used = {column for column in prepared.mapping.values() if column}
    unused = [c for c in prepared.kolommen if c not in used]
    named = [
        f"{field} (kolom '{prepared.mapping[field]}' staat niet in het bestand)"
        if prepared.mapping.get(field)
        else field
        for field in missing
    ]
    lines = [f"Niet gekoppeld: {', '.join(named)}."]
    if unused:
        lines.append(
            f"Kolommen in het bestand die nergens aan gekoppeld zijn: {', '.join(unused)}."
        )
        example = difflib.get_close_matches(missing[0], unused, n=1, cutoff=0)[0]  # the likeliest
        lines.append(f"Koppel er een met --kolom VELD=KOLOM, zoals --kolom {missing[0]}={example}.")
    else:
        lines.append("Het bestand heeft geen kolom meer over om te koppelen.")
    return "\n".join(lines)


def cmd_import_cbs(args: argparse.Namespace) -> int:
    """Load CBS areas (with geometry) and kerncijfers from a wijk- en buurtkaart file."""
    from dashboard.ingest import prepare
    from dashboard.ingest.cbs import CbsImportError

    _existing_file(args.file)  # a clear message for a missing file
    try:
        prepared = prepare.prepare_cbs(args.file, gemeenten=args.gemeente or None, jaar=args.jaar)
    except CbsImportError as exc:
        raise CliError(str(exc)) from exc
    return _finish(prepared, args.db)


def cmd_import_statline(args: argparse.Namespace) -> int:
    """Fetch a gemeente's kerncijfers from CBS StatLine (needs internet) and load them."""
    from dashboard.ingest import prepare, statline

    _existing_database(args.db)
    try:
        prepared = prepare.prepare_statline(args.db, args.gemeente, args.jaar)
    except (statline.StatlineUnavailable, ValueError) as exc:
        raise CliError(str(exc)) from exc
    return _finish(prepared, args.db)


def cmd_import_indeling(args: argparse.Namespace) -> int:
    """Load a gemeente's own area division (buurtcode -> gebied)."""
    from dashboard.ingest import indeling, registratie

    _existing_database(args.db)
    data = _read_bytes(args.file)
    try:
        prepared = indeling.prepare_indeling(args.db, data, Path(args.file).name, args.naam)
    except registratie.ImportFileError as exc:
        raise _unreadable(args.db, args.file, indeling.INDELING_KIND, exc) from exc
    return _finish(prepared, args.db)


def cmd_import_wijk(args: argparse.Namespace) -> int:
    """Load plekken, routes or verhalen (CSV, XLSX, or GeoJSON for plekken and routes)."""
    from dashboard.ingest import assets, registratie

    _existing_database(args.db)
    data = _read_bytes(args.file)
    try:
        prepared = assets.prepare_assets(
            args.db, args.kind, data, Path(args.file).name, sheet=args.sheet
        )
    except registratie.ImportFileError as exc:
        raise _unreadable(args.db, args.file, args.kind, exc) from exc
    return _finish(prepared, args.db)


# docs/DESIGN.md §6.2: exports follow the public privacy rules, whoever runs them.
EXPORT_FORMATS: tuple[str, ...] = ("pdf", "pptx", "png", "xlsx")
_EXPORT_LEVELS: tuple[str, ...] = (WIJK, BUURT, OWN_LEVEL)


def _find_area(
    con: duckdb.DuckDBPyConnection, code: str, level: str | None
) -> tuple[str, str, str]:
    """(level, gemeentecode, the code as stored) of an area code typed by a user, looked up at
    `level` or at every area level."""
    wanted = code.strip()
    for candidate in (level,) if level else _EXPORT_LEVELS:
        areas = queries.gebieden(con, candidate)
        # CBS writes codes in capitals; an own indeling's codes are taken as they are
        for typed in dict.fromkeys((wanted, wanted.upper())):
            found = areas[areas["gebiedscode"] == typed]
            if len(found):
                return candidate, str(found["gemeentecode"].iloc[0]), typed
    where = f" op niveau {level}" if level else ""
    raise CliError(f"Gebied {code} staat niet in de database{where}.")


def _output(path: str) -> Path:
    """--out checked before any work: its folder exists and takes a new file."""
    out = Path(path)
    if out.is_dir():
        raise CliError(f"{path} is een map; geef een bestandsnaam op met --out.")
    if not out.parent.is_dir():
        raise CliError(
            f"De map {out.parent} bestaat niet; maak die eerst of kies een andere --out."
        )
    if not os.access(out.parent, os.W_OK | os.X_OK) or (
        out.exists() and not os.access(out, os.W_OK)
    ):
        raise CliError(f"Kan niet schrijven naar {path}: geen schrijfrechten.")
    return out


def _write_atomically(out: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: never a half-written --out."""
    try:
        handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise CliError(f"Kan niet schrijven naar {out}: {exc.strerror}.") from exc
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise CliError(f"Kan niet schrijven naar {out}: {exc.strerror}.") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cmd_export(args: argparse.Namespace) -> int:
    """Export the Wijkprofiel of one area, or of every area of a gemeente as one zip."""
    from dashboard.display import export  # kaleido, fpdf2, python-pptx: only when exporting
    from dashboard.screens import wijkprofiel

    started = time.perf_counter()
    out = _output(args.out)
    period = Period(args.start, args.end)
    con = open_existing(args.db)
    # the profiles of one gemeente ask the same questions (per gemeente and level): once each
    run = queries.memo(con)

    def story_of(code: str, gemeente: str, level: str):
        return wijkprofiel.story(wijkprofiel.build(run, period, code, gemeente, level))

    try:
        with i18n.using(args.taal):
            data, what = _export_data(con, run, args, story_of)
    except export.ExportError as exc:
        raise CliError(str(exc)) from exc
    finally:
        con.close()
        # stop the browser now: at interpreter exit its clean-up threads can no longer start
        export.close_browser()
    _write_atomically(out, data)
    seconds = time.perf_counter() - started
    size = _kilobytes(len(data))
    print(f"Geschreven: {out} ({what}, {args.format}, {size}, {seconds:.1f} s).")
    return 0


def _export_data(con, run, args: argparse.Namespace, story_of) -> tuple[bytes, str]:
    """The bytes of the export asked for, and what they hold (for the closing line)."""
    from dashboard.display import export
    from dashboard.screens import wijkprofiel

    if args.gebied is not None:
        level, gemeente, code = _find_area(con, args.gebied, args.niveau)
        data, _, _ = export.render(story_of(code, gemeente, level), args.format)
        what = f"wijkprofiel van {code}"
    else:
        gemeente = args.gemeente.strip().upper()
        if gemeente not in set(queries.gemeenten(con)["gemeentecode"]):
            raise CliError(f"Gemeente {args.gemeente} staat niet in de database.")
        level = args.niveau or WIJK
        areas = wijkprofiel.areas(run, gemeente, level)
        if not areas:
            raise CliError(f"Gemeente {gemeente} heeft geen gebieden op niveau {level}.")
        stories = (story_of(code, gemeente, level) for code, _ in areas)
        data = export.render_zip(stories, args.format)
        what = f"{len(areas)} wijkprofielen van {gemeente} (niveau {level}) in één zip"
    return data, what


def _kilobytes(size: int) -> str:
    """A file size in kB, the Dutch way (12,3 kB)."""
    return f"{size / 1000:.1f} kB".replace(".", ",")


def _bench_module() -> ModuleType | None:
    """The benchmark (`benchmarks/` of a checkout; not part of the installed package)."""
    try:
        return importlib.import_module("benchmarks.bench")
    except ModuleNotFoundError:
        return None


def cmd_bench(args: argparse.Namespace) -> int:
    """Benchmark the query API, screens, maps, import and memory; print one markdown table."""
    bench = _bench_module()
    if bench is None:
        raise CliError("De benchmark zit alleen in een checkout van de broncode (map benchmarks/).")
    try:
        print(bench.run(args))
    except bench.BenchError as exc:
        raise CliError(str(exc)) from exc
    return 0


def build_parser(prog: str = "python -m dashboard") -> argparse.ArgumentParser:
    """The argument parser for all commands."""
    parser = _DutchParser(prog=prog, description="Wijkdashboard op de opdrachtregel.")
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
    demo.add_argument(
        "--force", action="store_true", help="ook een database met echte gegevens vervangen"
    )
    demo.set_defaults(func=cmd_demo)

    check = sub.add_parser("check", parents=[common], help="voer de datacontroles uit")
    check.set_defaults(func=cmd_check)

    metrics = sub.add_parser(
        "metrics", parents=[common], help="druk een familie van kengetallen af als CSV"
    )
    metrics.add_argument("family", choices=sorted(_FAMILIES))
    metrics.add_argument("--start", type=_date, required=True)
    metrics.add_argument("--end", type=_date, required=True)
    metrics.add_argument("--level", choices=LEVELS, default="wijk")
    metrics.add_argument("--gemeente", default=None, help="GMxxxx")
    metrics.add_argument("--attributie", choices=ATTRIBUTIES, default=None)
    metrics.set_defaults(func=cmd_metrics)

    imp = sub.add_parser(
        "import", parents=[common], help="laad een export uit een registratiesysteem"
    )
    imp.add_argument("kind", choices=["inzet", "activiteiten", "bijeenkomsten", "deelnames"])
    imp.add_argument("file")
    imp.add_argument("--mapping", default=None, help="naam van een bewaarde kolomkoppeling")
    imp.add_argument(
        "--kolom",
        action="append",
        metavar="VELD=KOLOM",
        help="koppel een veld aan een kolom van het bestand (meer keren te geven), zoals"
        " --kolom organisatie_id=org; gaat boven de koppeling op naam en --mapping",
    )
    imp.add_argument("--sheet", default=None, help="tabblad van een XLSX-bestand")
    imp.set_defaults(func=cmd_import)

    cbs = sub.add_parser(
        "import-cbs", parents=[common], help="laad CBS-wijken en -buurten met kerncijfers"
    )
    cbs.add_argument("file")
    cbs.add_argument("--gemeente", action="append", default=[], help="GMxxxx (herhaalbaar)")
    cbs.add_argument(
        "--jaar",
        type=int,
        default=None,
        help="jaar van de kerncijfers als het bestand dat niet zegt",
    )
    cbs.set_defaults(func=cmd_import_cbs)

    online = sub.add_parser(
        "import-statline",
        parents=[common],
        help="haal kerncijfers op bij CBS StatLine (vraagt internet)",
    )
    online.add_argument("--gemeente", required=True, help="GMxxxx")
    online.add_argument("--jaar", type=int, required=True)
    online.set_defaults(func=cmd_import_statline)

    indeling = sub.add_parser(
        "import-indeling",
        parents=[common],
        help="laad een eigen gebiedsindeling (buurtcode -> gebied)",
    )
    indeling.add_argument("file")
    indeling.add_argument(
        "--naam", default="Eigen indeling", help="naam van de indeling, bv. Stadsdelen"
    )
    indeling.set_defaults(func=cmd_import_indeling)

    wijk = sub.add_parser(
        "import-wijk",
        parents=[common],
        help="laad plekken, routes of verhalen (CSV, XLSX; GeoJSON voor plekken en routes)",
    )
    wijk.add_argument("kind", choices=["plekken", "routes", "verhalen"])
    wijk.add_argument("file")
    wijk.add_argument("--sheet", default=None, help="tabblad van een XLSX-bestand")
    wijk.set_defaults(func=cmd_import_wijk)

    export = sub.add_parser(
        "export", help="exporteer een wijkprofiel als PDF, PowerPoint, PNG of Excel"
    )
    exports = export.add_subparsers(dest="what", required=True, parser_class=_DutchParser)
    profile = exports.add_parser(
        "wijkprofiel",
        parents=[common],
        help="het wijkprofiel van één gebied, of van alle gebieden van een gemeente (zip)",
    )
    target = profile.add_mutually_exclusive_group(required=True)
    target.add_argument("--gebied", default=None, help="gebiedscode, bv. WK036301 of BU03630101")
    target.add_argument(
        "--gemeente", default=None, help="GMxxxx: alle gebieden van de gemeente in één zip"
    )
    profile.add_argument("--start", type=_date, required=True, help="JJJJ-MM-DD")
    profile.add_argument("--end", type=_date, required=True, help="JJJJ-MM-DD (ingesloten)")
    profile.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    profile.add_argument(
        "--niveau",
        choices=_EXPORT_LEVELS,
        default=None,
        help="niveau van de gebieden (standaard: dat van --gebied; wijk bij --gemeente)",
    )
    profile.add_argument("--out", required=True, help="het bestand dat geschreven wordt")
    profile.add_argument(
        "--taal", choices=("nl", "en"), default="nl", help="taal van de export (standaard: nl)"
    )
    profile.set_defaults(func=cmd_export)

    bench = sub.add_parser(
        "bench", help="meet query's, schermen, kaarten, import en geheugen (demo en nationaal)"
    )
    bench_module = _bench_module()
    if bench_module is not None:
        bench_module.add_arguments(bench)
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    # `wijkdashboard ...` when installed with pip, `python -m dashboard ...` in a checkout
    installed = Path(sys.argv[0]).name == "wijkdashboard"
    args = build_parser("wijkdashboard" if installed else "python -m dashboard").parse_args(argv)
    try:
        if getattr(args, "db", None):
            args.db = published(args.db)
        return args.func(args)
    except (CliError, QueryError) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader stopped early (`metrics ... | head`): not an error; no traceback, and
        # stdout pointed at /dev/null so Python's own flush at exit does not fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
