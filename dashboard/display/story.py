"""One area's story, as the exports and the presentation mode take it: sentences, charts and
slides, already made public (docs/DESIGN.md §6: counts of persons below 5 shown as "<5", no
professional names). The Wijkprofiel screen builds it (dashboard.screens.wijkprofiel);
the PDF, PPTX, PNG and XLSX writers (dashboard.display.export) only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.domain.period import Period


@dataclass(frozen=True)
class Chart:
    """One chart or map: a file-safe name, a Dutch title, the figure and the figures behind it.

    `data` has Dutch column headers and real numbers (no formatted text) except where a
    small count is suppressed, where the cell holds the text "<5".
    """

    name: str
    title: str
    figure: go.Figure
    data: pd.DataFrame
    # the sheet's name in the XLSX when the title would not fit its 31 characters
    sheet: str | None = None
    # the figure for a picture without the screen around it (the PDF, the PNGs), where the
    # screen's figure leans on what stands beside it (the map of plekken on its table)
    printed: go.Figure | None = None
    # the figure for a slide, where the screen's figure leans on its table or hangs a list
    # under it that leaves a 16:9 slide too little map (the names then stand beside it)
    slide: go.Figure | None = None

    @property
    def picture(self) -> go.Figure:
        """The figure a PDF or PNG shows: `printed`, else the screen's."""
        return self.printed if self.printed is not None else self.figure

    @property
    def projected(self) -> Chart:
        """The chart as a slide shows it: with its `slide` figure, when it has one."""
        return self if self.slide is None else replace(self, figure=self.slide)


@dataclass(frozen=True)
class Slide:
    """One slide of the presentation: one message in big type, maybe one chart."""

    title: str
    message: str
    chart: Chart | None = None
    # small type under the message: where a verhaal comes from (its date, theme and source
    # in the quote's large type read as part of it), or what a chart counts when that is not
    # what the message counts
    note: str = ""


@dataclass(frozen=True)
class Story:
    """Everything an export of one area's Wijkprofiel shows."""

    area_code: str
    area_name: str
    gemeente_name: str
    period_text: str
    sentences: tuple[str, ...]
    charts: tuple[Chart, ...]
    slides: tuple[Slide, ...]
    # "Bron: Kadaster / CBS, ..." when real CBS data is shown; always names the registrations
    source: str
    fictitious: bool
    made: date = field(default_factory=date.today)
    # the period told, for the exports' file names (wijkprofiel-<code>-<start>-<end>.pdf)
    period: Period | None = None
    # the sentences under the screen's headings, for a printout that reads as the screen
    # ("Meedoen", ...); then the verhalen as (heading, text). Empty: one paragraph a sentence
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    verhalen: tuple[tuple[str, str], ...] = ()
