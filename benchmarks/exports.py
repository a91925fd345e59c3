"""The Wijkprofiel exports (issue 12 item 4): one PDF, and the zip of every wijk of a gemeente.

Timed from the database to the bytes, as `python -m dashboard export wijkprofiel` does it:
build the profile (queries), tell the story, lay it out. The first PDF of the process also
starts the browser that draws the charts (kaleido, Debian's chromium): that is the cold
figure; the others reuse the warm browser. The share of laying out alone (the story built
beforehand) shows what the writers cost next to the queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from benchmarks.databases import default_period
from benchmarks.measure import timed

# the zip is slow by nature (one profile per wijk): fewer runs than the other figures
ZIP_RUNS = 3


@dataclass
class ExportTimes:
    """The export timings of one size (seconds)."""

    cold_pdf: float | None = None
    pdf: list[float] = field(default_factory=list)
    layout_pdf: list[float] = field(default_factory=list)
    zip: list[float] = field(default_factory=list)
    areas: int = 0
    error: str = ""


def bench_exports(location: str, gemeente: str, repeat: int) -> ExportTimes:
    """Time one wijk's PDF (cold, then warm) and the zip of all wijken of `gemeente`."""
    from dashboard.display import export
    from dashboard.domain.codes import WIJK
    from dashboard.domain.period import Period
    from dashboard.screens import wijkprofiel
    from dashboard.warehouse import queries, store

    result = ExportTimes()
    with duckdb.connect(store.resolve(location), read_only=True) as con:
        run = queries.on(con)
        period = Period(*default_period(con, gemeente))
        areas = [code for code, _ in wijkprofiel.areas(run, gemeente, WIJK)]
        result.areas = len(areas)
        if not areas:
            result.error = f"geen wijken in {gemeente}"
            return result

        def story(code: str):
            return wijkprofiel.story(wijkprofiel.build(run, period, code, gemeente, WIJK))

        def zip_all() -> bytes:
            # as `export wijkprofiel --gemeente`: the profiles share their queries (queries.memo)
            shared = queries.memo(con)
            return export.render_zip(
                (
                    wijkprofiel.story(wijkprofiel.build(shared, period, c, gemeente, WIJK))
                    for c in areas
                ),
                "pdf",
            )

        def one_pdf() -> bytes:
            # as `export wijkprofiel --gebied`: one profile, each distinct query once (queries.memo)
            once = queries.memo(con)
            built = wijkprofiel.story(wijkprofiel.build(once, period, areas[0], gemeente, WIJK))
            return export.render(built, "pdf")[0]

        try:
            result.cold_pdf, _ = timed(one_pdf)
            result.pdf = [timed(one_pdf)[0] for _ in range(repeat)]
            built = story(areas[0])
            result.layout_pdf = [
                timed(lambda: export.render(built, "pdf"))[0] for _ in range(repeat)
            ]
            result.zip = [timed(zip_all)[0] for _ in range(min(repeat, ZIP_RUNS))]
        except export.ExportError as exc:
            result.error = f"fout: {exc}"
        finally:
            export.close_browser()
    return result
