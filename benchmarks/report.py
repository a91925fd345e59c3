"""The table: one row per measured quantity with a column per size, as markdown."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Literal

from benchmarks.exports import ExportTimes
from benchmarks.formatting import (
    fmt_bytes,
    fmt_number,
    fmt_ratio,
    fmt_seconds,
    fmt_throughput,
)
from benchmarks.imports import ImportResult
from benchmarks.queries import QueryTimes, query_calls
from benchmarks.screens import ScreensResult
from benchmarks.terms import ALL, MAP_LEVELS, MAP_SCREENS, ONE, SIZE_LABELS, WHOLE


@dataclass
class SizeResult:
    """Every measurement of one size."""

    counts: dict[str, int]  # rows per table (gemeente, wijk, buurt, bijeenkomst, deelname)
    build_seconds: float | None  # None: an existing database was reused
    queries: QueryTimes
    screens: ScreensResult
    imports: ImportResult
    import_rows: int
    exports: ExportTimes | None = None


@dataclass
class Row:
    """One table row: what, which part, which view, a value per size and the target."""

    kind: str
    part: str
    scope: str
    values: dict[str, str]
    target: str = ""


# --- cells: one size's value of a row -------------------------------------------------------

Cell = Callable[[SizeResult], str]
View = Literal["cold", "warm", "ratio"]


def _counts(tables: Sequence[str], r: SizeResult) -> str:
    return " / ".join(fmt_number(r.counts[t]) for t in tables)


def _build(r: SizeResult) -> str:
    if r.build_seconds is None:
        return "hergebruikt"
    return f"{r.build_seconds:.0f} s".replace(".", ",")


def _query(key: tuple[str, str], r: SizeResult) -> str:
    return fmt_seconds(r.queries[key])


def _screen_error(title: str, r: SizeResult) -> str:
    return "fout: " + r.screens["errors"].get(title, "")


def _screen(title: str, what: View, r: SizeResult) -> str:
    values = r.screens["screens"][title][what]
    return fmt_ratio(values) if what == "ratio" else fmt_seconds(values)


def _national(title: str, what: View, r: SizeResult) -> str:
    view = r.screens["national"].get(title)
    if view is None:
        return "niet aangeboden (één gemeente)"
    if f"{title} (landelijk)" in r.screens["errors"]:
        return "fout: " + r.screens["errors"][f"{title} (landelijk)"]
    return fmt_ratio(view[what]) if what == "ratio" else fmt_seconds(view[what])


def _shapes(key: str, r: SizeResult) -> str:
    return fmt_seconds(r.screens["shapes"][key])


def _payload(key: str, r: SizeResult) -> str:
    return fmt_bytes(r.screens["payload"].get(key))


def _importer(case: str, r: SizeResult) -> str:
    """One import case: "nieuw", "terug" (the same participants again) or "binnen" (a file
    within the bijeenkomsten' totals)."""
    found = r.imports
    times, warnings = {
        "nieuw": (found.importer, found.warnings),
        "terug": (found.returning, found.warnings_returning),
        "binnen": (found.within, found.warnings_within),
    }[case]
    if found.error:
        return found.error
    if not times:
        return "–"
    shown = fmt_throughput(times, r.import_rows)
    return f"{shown}; {fmt_number(warnings)} waarschuwingen" if warnings else shown


def _import_memory(label: str, r: SizeResult) -> str:
    found = [m for m in r.imports.memory if m.label == label]
    if not found:
        return "–"
    m = found[0]
    if m.error:
        return m.error
    seconds = statistics.median(m.seconds)
    return (
        f"{fmt_number(m.rows)} rijen, {fmt_bytes(m.size_bytes)}: {fmt_seconds(m.seconds)},"
        f" {fmt_number(m.rows / seconds)} rijen/s, piek-RSS {fmt_bytes(int(statistics.median(m.peak_kb) * 1024))}"
        f" (max {fmt_bytes(max(m.peak_kb) * 1024)})"
    )


def _raw_load(r: SizeResult) -> str:
    return fmt_throughput([r.imports.raw], r.import_rows)


def _export(what: str, r: SizeResult) -> str:
    times = r.exports
    if times is None:
        return "–"
    if times.error:
        return times.error
    if what == "cold":
        return fmt_seconds([times.cold_pdf] if times.cold_pdf is not None else [])
    if what == "zip":
        return f"{fmt_seconds(times.zip)} ({times.areas} wijken)"
    return fmt_seconds(times.pdf if what == "pdf" else times.layout_pdf)


def _peak_memory(after_everything: bool, r: SizeResult) -> str:
    kb = r.screens["maxrss_kb"] if after_everything else r.screens["maxrss_screens_kb"]
    return fmt_bytes(kb * 1024)


# --- rows -------------------------------------------------------------------------------------


def build_rows(results: dict[str, SizeResult]) -> list[Row]:
    """The table rows from the measurements of every size."""
    sizes = list(results)
    rows: list[Row] = []

    def add(kind: str, part: str, scope: str, cell: Cell, target: str = "") -> None:
        rows.append(Row(kind, part, scope, {s: cell(results[s]) for s in sizes}, target))

    add(
        "database",
        "gemeenten / wijken / buurten",
        WHOLE,
        partial(_counts, ("gemeente", "wijk", "buurt")),
    )
    add(
        "database",
        "bijeenkomsten / deelnames",
        WHOLE,
        partial(_counts, ("bijeenkomst", "deelname")),
    )
    add("database", "bouwen (demo --scale)", WHOLE, _build, "minuten, geen uren")
    for label, _, also_national in query_calls():
        for scope in (ONE, ALL) if also_national else (ONE,):
            add("query", label, scope, partial(_query, (label, scope)))
    add(
        "scherm",
        "eerste weergave na serverstart (Overzicht, opent de database)",
        ONE,
        lambda r: fmt_seconds([r.screens["first"]]),
    )
    titles = list(next(iter(results.values())).screens["screens"])
    for title in titles:
        if any(title in results[s].screens["errors"] for s in sizes):
            add("scherm", title, ONE, partial(_screen_error, title))
            continue
        add("scherm koud", title, ONE, partial(_screen, title, "cold"), "≤ 1,0 s")
        add("scherm warm", title, ONE, partial(_screen, title, "warm"), "≤ 0,2 s")
        add("scherm / DuckDB-tijd", title, ONE, partial(_screen, title, "ratio"))
    for title in titles:
        add("landelijk beeld koud", title, ALL, partial(_national, title, "cold"), "≤ 2 s")
        add("landelijk beeld warm", title, ALL, partial(_national, title, "warm"))
        add("landelijk beeld / DuckDB-tijd", title, ALL, partial(_national, title, "ratio"))
    for level in MAP_LEVELS:
        for scope in (ONE, ALL):
            add(
                "kaartvormen (eenmalig per databaseversie)",
                f"{level}: lezen en vereenvoudigen",
                scope,
                partial(_shapes, f"{level}|{scope}"),
            )
    for title in MAP_SCREENS:
        for level in MAP_LEVELS:
            for scope in (ONE, ALL):
                key = f"{title}|{level}|{scope}"
                if all(results[s].screens["payload"].get(key) is None for s in sizes):
                    continue
                target = ""
                if level == "buurt":
                    target = "≤ 150 KB" if scope == ONE else "≤ 3 MB"
                add(
                    "kaart (bytes JSON)", f"{title}, {level}", scope, partial(_payload, key), target
                )
    if any(results[s].imports.importer or results[s].imports.error for s in sizes):
        for case, part in (
            (
                "binnen",
                "deelnames-CSV via dashboard.ingest.importer (prepare + commit), nieuwe deelnemers,"
                " elke bijeenkomst binnen haar totaal (zoals een export)",
            ),
            (
                "nieuw",
                "idem, elke rij een andere bijeenkomst, elke bijeenkomst boven haar totaal (het"
                " slechtste geval)",
            ),
            (
                "terug",
                "idem, dezelfde deelnemers opnieuw (andere bijeenkomsten, na de vorige)",
            ),
        ):
            add("import", part, WHOLE, partial(_importer, case), "≥ 500.000 rijen/s")
    add(
        "import",
        "deelnames-CSV (ruwe laadstap: read_csv + insert in DuckDB)",
        WHOLE,
        _raw_load,
        "≥ 500.000 rijen/s",
    )
    labels = list(dict.fromkeys(m.label for s in sizes for m in results[s].imports.memory))
    for label in labels:
        add(
            "import, eigen proces",
            f"{label}: python -m dashboard import, tijd en piek-RSS (/usr/bin/time -v)",
            WHOLE,
            partial(_import_memory, label),
            "≤ 1 GB piek-RSS",
        )
    add(
        "export",
        "Wijkprofiel als PDF, eerste van het proces (start de browser voor de grafieken)",
        ONE,
        partial(_export, "cold"),
    )
    add(
        "export",
        "Wijkprofiel als PDF (één wijk: query's, verhaal, opmaak)",
        ONE,
        partial(_export, "pdf"),
        "≤ 3 s",
    )
    add("export", "waarvan opmaak (PDF uit een gebouwd verhaal)", ONE, partial(_export, "layout"))
    add(
        "export",
        "zip met de PDF's van alle wijken van de gemeente",
        ONE,
        partial(_export, "zip"),
        "≤ 15 s (9 wijken)",
    )
    add(
        "geheugen",
        "piek-RSS van het app-proces na de schermen van één gemeente",
        WHOLE,
        partial(_peak_memory, False),
        "≤ 1,5 GB",
    )
    add(
        "geheugen",
        "piek-RSS van het app-proces, ook na landelijke beelden en kaarten",
        WHOLE,
        partial(_peak_memory, True),
        "≤ 1,5 GB",
    )
    return rows


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
