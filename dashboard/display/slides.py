"""The presentation mode's pure parts: which slide a link asks for, and a chart made legible
on a projector (dashboard.ui.presentation shows them)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from dashboard.display.charts.style import BELOW_GAP_PX, LINE_HEIGHT, beside_width_px
from dashboard.i18n import _

# Plotly sizes are pixels whatever the screen: at 1024×768 these still read from the back of
# a room, and at 1920×1080 they are not oversized.
FONT_SIZE = 22
TICK_FONT_SIZE = 20
TITLE_FONT_SIZE = 26


def slide_index(raw: str | None, count: int) -> tuple[int, str | None]:
    """The 0-based slide that the URL's `dia` (1-based) asks for, and a Dutch note when it is
    not a slide of this presentation (then the first slide)."""
    if raw is None or count == 0:
        return 0, None
    text = raw.strip()
    number = int(text) if text.isascii() and text.isdigit() else None
    if number is None:
        return 0, _("'{raw}' is geen dianummer; de presentatie begint bij dia 1.").format(raw=raw)
    if not 1 <= number <= count:
        return 0, _(
            "Dia {number} bestaat niet (deze presentatie heeft {count} dia's);"
            " de presentatie begint bij dia 1."
        ).format(number=number, count=count)
    return number - 1, None


def counter(index: int, count: int) -> str:
    """'dia 2 van 5'."""
    return _("dia {n} van {m}").format(n=index + 1, m=count)


# The bottom margin of a chart without a legend on a slide (px; the web keeps the legend's).
LEGENDLESS_MARGIN = 30

# The least size of a point on a map in the presentation mode and the PowerPoint.
PROJECTOR_MARKER_SIZE = 18


def projector_figure(figure: go.Figure, scale: float = 1.0) -> go.Figure:
    """A copy of `figure` with fonts for a projector (`scale` times larger for a large screen)
    and no fixed height (the slide sizes it)."""
    fig = go.Figure(figure)
    layout = fig.layout
    font, tick, title = (
        round(size * scale) for size in (FONT_SIZE, TICK_FONT_SIZE, TITLE_FONT_SIZE)
    )
    fig.update_layout(
        height=None,
        autosize=True,
        font_size=max(layout.font.size or 0, font),
        legend_font_size=max(layout.legend.font.size or 0, tick),
        hoverlabel_font_size=max(layout.hoverlabel.font.size or 0, tick),
    )
    if layout.title.text:
        fig.update_layout(title_font_size=max(layout.title.font.size or 0, title))
    if layout.showlegend is False and not layout.annotations:
        # the room charts keep below the plot for a legend: a chart without one gives it to
        # its bars (a slide's ranking of nine areas overlapped its names in the PowerPoint
        # once a note took a line above it); automargin still makes room for the axis title
        fig.update_layout(margin_b=min(layout.margin.b or 0, LEGENDLESS_MARGIN))
    for axes in (fig.update_xaxes, fig.update_yaxes):
        axes(tickfont_size=tick, title_font_size=font, automargin=True)
    # the largest point of the map's points: sizes per point grow by one factor for all
    top = max(
        (
            size
            for trace in fig.data
            if trace.type == "scattergeo" and trace.marker.size is not None
            for size in np.atleast_1d(trace.marker.size)
        ),
        default=0,
    )
    for trace in fig.data:
        for part in ("textfont", "insidetextfont", "outsidetextfont"):
            if part in trace and trace[part].size is not None:
                trace[part].size = max(trace[part].size, tick)
            elif part == "textfont" and part in trace:
                trace[part].size = tick
        if trace.type == "bar":
            # Plotly shrinks a bar's value to the bar's thickness: on a slide with eight or
            # nine bars "56,5" came out at 11 px on a 1024-pixel projector
            trace.constraintext = "none"
            trace.cliponaxis = False
        if "colorbar" in trace:
            trace.colorbar.tickfont.size = tick
            trace.colorbar.title.font.size = font
        if trace.type == "scattergeo" and trace.marker.size is not None:
            # the places on a map, seen from the back of a room: at web size (11 px) a walk
            # found them too small on a 1024-pixel projector; sizes per point (the plekken a
            # slide does not name are smaller) grow in proportion
            least = PROJECTOR_MARKER_SIZE * scale
            if isinstance(trace.marker.size, int | float):
                trace.marker.size = max(trace.marker.size, least)
            elif top < least:
                trace.marker.size = [size * least / top for size in trace.marker.size]
    for annotation in fig.layout.annotations:
        annotation.font.size = max(annotation.font.size or 0, tick)
    _stack_below(fig)
    _fit_beside(fig)
    return fig


def _fit_beside(fig: go.Figure) -> None:
    """Text set beside the plot (the slide's names of plekken) grew with the projector's
    fonts: the right margin holds its longest line again."""
    for annotation in fig.layout.annotations:
        if annotation.xref == "paper" and (annotation.x or 0) >= 1 and annotation.xanchor == "left":
            width = beside_width_px(str(annotation.text), annotation.font.size or TICK_FONT_SIZE)
            fig.update_layout(margin_r=max(fig.layout.margin.r or 0, width))


def _stack_below(fig: go.Figure) -> None:
    """Annotations under the plot (a map's source line and its numbered names) were placed for
    the figure's own fonts and height; with projector fonts in a slide-sized chart they ran
    past the bottom (the last names cut off at 1024×768). Stack them again under the plot
    area, in pixels, and make the bottom margin hold them."""
    below = [a for a in fig.layout.annotations if _is_below(a)]
    if not below:
        return
    offset = BELOW_GAP_PX
    for annotation in sorted(below, key=lambda a: (-(a.y or 0), -(a.yshift or 0))):
        lines = str(annotation.text).count("<br>") + 1
        annotation.update(y=0, yanchor="top", yshift=-offset)
        offset += round(lines * annotation.font.size * LINE_HEIGHT) + BELOW_GAP_PX
    fig.update_layout(margin_b=max(fig.layout.margin.b or 0, offset))


def _is_below(annotation: go.layout.Annotation) -> bool:
    """Whether an annotation stands under the plot area: below its bottom edge in paper
    coordinates, or hung from that edge and shifted down in pixels (the route map's list)."""
    if annotation.yref != "paper":
        return False
    y = annotation.y or 0
    return y < 0 or (y == 0 and annotation.yanchor == "top" and (annotation.yshift or 0) < 0)
