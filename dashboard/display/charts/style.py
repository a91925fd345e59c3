"""What every chart shares: the colour-blind-safe palette, font sizes, layout and small helpers."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.display import formatting as fmt
from dashboard.display.labels import ROL_LABELS
from dashboard.display.template import TEMPLATE
from dashboard.display.text import html, plain_lines
from dashboard.i18n import N_, Labels, _

EMPTY_TEXT = N_("Geen gegevens voor deze selectie")

# Readable on a projector at the back of a room: nothing below 14 px.
FONT_SIZE = 16
SMALL_FONT_SIZE = 14
TITLE_FONT_SIZE = 20

# The figure background every chart and map is drawn on (plotly_white).
BACKGROUND = "#FFFFFF"

# Seven colours, each at least 3:1 against the white background (WCAG 2.1 1.4.11) and told
# apart under simulated protanopia, deuteranopia and tritanopia (tests/display/test_contrast.py).
# From Okabe–Ito (blue, bluish green, vermillion; reddish purple a little darker) and Tol
# (indigo); Okabe–Ito's orange, sky blue and yellow and a light grey fell below 3:1 on white.
BLUE = "#0072B2"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#C2679A"
INDIGO = "#332288"
BLACK = "#000000"
GREY = "#707070"
PALETTE: tuple[str, ...] = (BLUE, GREEN, VERMILLION, PURPLE, INDIGO, BLACK, GREY)
# Lines for areas: grey is kept for "other" and for comparisons; beyond six, dashes tell apart.
LINE_COLOURS: tuple[str, ...] = (BLUE, VERMILLION, GREEN, PURPLE, INDIGO, BLACK)
LINE_DASHES: tuple[str, ...] = ("solid", "dash", "dot", "dashdot")


# One colour per rol, the same in every chart.
ROL_COLOURS: dict[str, str] = {
    "opbouwwerker": BLUE,
    "maatschappelijk_werker": INDIGO,
    "jongerenwerker": GREEN,
    "wijkagent": PURPLE,
    "buurtteam": VERMILLION,
    "other": GREY,
}

# Ten soorten and seven colours: soorten that share a colour differ by hatching.
SOORT_STYLES: dict[str, tuple[str, str]] = {
    "welzijn": (BLUE, ""),
    "woningcorporatie": (INDIGO, ""),
    "buurtteam": (GREEN, ""),
    "gemeente": (PURPLE, ""),
    "bewonersgroep": (VERMILLION, ""),
    "politie": (BLUE, "/"),
    "zorg": (GREEN, "/"),
    "onderwijs": (BLACK, ""),
    "cultuur": (GREY, "/"),
    "overig": (GREY, ""),
}
# hatching in white shows on every colour of the palette (each at least 3:1 against white)
PATTERN_COLOUR = "#FFFFFF"

TREND_MEASURES = Labels(
    {
        "deelnames": N_("Deelnames"),
        "bijeenkomsten": N_("Bijeenkomsten"),
        "unieke_deelnemers": N_("Unieke deelnemers"),
    }
)

SELECTED_OUTLINE_WIDTH = 4

DAYS_PER_YEAR = 365.25
_HOVER = "%{hovertext}<extra></extra>"


# Text hung under a plot area in pixels (a map's numbered names, its source line): Plotly's
# line height as a multiple of the font size (measured in the browser: 26 px lines at 20 px),
# and the gap between two such blocks.
LINE_HEIGHT = 1.3
BELOW_GAP_PX = 6
# A character's mean width as a share of the font size (DejaVu Sans and the browser's sans
# serif, letters and digits; measured on the plekken's names): for text set beside a plot,
# whose margin must hold its longest line.
CHAR_WIDTH = 0.56


def beside_width_px(markup: str, size: float) -> int:
    """The pixels an annotation's text (Plotly markup: escaped text, `<br>`, `<span>`) takes
    beside a plot at `size`, with its gaps: its longest line as the reader sees it."""
    lines = plain_lines(markup)
    longest = max((len(line) for line in lines), default=0)
    return round(longest * size * CHAR_WIDTH) + 2 * BELOW_GAP_PX


def _allowed(value: str, allowed: Mapping[str, str]) -> None:
    if value not in allowed:
        raise ValueError(f"Onbekende maat '{value}'. Kies uit: {', '.join(allowed)}.")


def _require(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"Voor {what} ontbreken de kolommen: {', '.join(missing)}.")


def _floats(values: pd.Series) -> list[float | None]:
    """Numbers as plain floats, NULL (NA/NaN) and hidden counts (fmt.HIDDEN) as None, so Plotly
    leaves a gap."""
    return [None if fmt.is_hidden(v) or fmt.is_missing(v) else float(v) for v in values]


def _person_floats(values: pd.Series) -> list[float | None]:
    """Counts of persons as floats, with small numbers (1 to 4) left out so no bar or point shows them."""
    return [None if v is None or 0 < v < fmt.SMALL_NUMBER_THRESHOLD else v for v in _floats(values)]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def rol_label(rol: str) -> str:
    """The Dutch display label of a rol ('maatschappelijk_werker' -> 'Maatschappelijk werker')."""
    return ROL_LABELS.get(rol, _capitalise(str(rol).replace("_", " ")))


def _rol_order(rollen: Iterable[str]) -> list[str]:
    known = list(ROL_LABELS)
    return sorted(set(rollen), key=lambda r: (known.index(r) if r in known else len(known), r))


def _month_text(value: pd.Timestamp) -> str:
    return fmt.month_year(value.date(), short=True)


def _month_ticks(
    first: pd.Timestamp, last: pd.Timestamp, max_ticks: int = 12
) -> tuple[list[pd.Timestamp], list[str]]:
    """Ticks at month starts with Dutch labels ('mrt 2025'; '2025' when ticks are a year or more apart)."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s <= max_ticks), 240)
    start = pd.Timestamp(first.year, first.month, 1)
    ticks = [
        t for t in pd.date_range(start, last, freq="MS") if (t.year * 12 + t.month - 1) % step == 0
    ]
    labels = [str(t.year) if step >= 12 else _month_text(t) for t in ticks]
    return ticks, labels


def _wrap(text: str, width: int = 45) -> str:
    """Text over lines of at most `width` characters, each escaped for Plotly."""
    return "<br>".join(html(line) for line in textwrap.wrap(text, width)) or html(text)


def _style(
    fig: go.Figure,
    title: str,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int | None = None,
    legend_title: str = "",
) -> go.Figure:
    # titles come as Dutch msgids (N_) or already translated: shown in the run's language
    title, legend_title = _(title), _(legend_title)
    x_title = _(x_title) if x_title else x_title
    y_title = _(y_title) if y_title else y_title
    fig.update_layout(
        template=TEMPLATE,
        separators=fmt.plotly_separators(),
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": TITLE_FONT_SIZE}},
        font={"size": FONT_SIZE},
        hoverlabel={"font": {"size": FONT_SIZE}},
        # below the plot, so a chart in a half-width column keeps its full width
        legend={
            "font": {"size": FONT_SIZE},
            "title": {"text": legend_title},
            "orientation": "h",
            "yanchor": "top",
            "y": -0.22,
            "x": 0,
        },
        margin={"l": 20, "r": 30, "t": 70, "b": 120},
    )
    if height is not None:
        fig.update_layout(height=height)
    fig.update_xaxes(title={"text": x_title}, automargin=True)
    fig.update_yaxes(title={"text": y_title}, automargin=True)
    return fig


def _empty(title: str, note: str | None = None) -> go.Figure:
    fig = go.Figure()
    text = _(EMPTY_TEXT) if note is None else f"{_(EMPTY_TEXT)}<br>({note})"
    fig.add_annotation(
        text=text,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": TITLE_FONT_SIZE},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, title)


def _bar_height(bars: int) -> int:
    return max(360, 150 + 44 * bars)


def _bar_axes(fig: go.Figure, values: Iterable[float | None], texts: Iterable[str]) -> None:
    """Room for the value printed after the longest bar, a gap between labels and bars, no ticks."""
    largest = max((v for v in values if v is not None), default=0.0)
    longest = max((len(t) for t in texts), default=0)
    if largest > 0:
        fig.update_xaxes(range=[0, largest * (1 + 0.02 * longest + 0.05)])
    # every bar named: where the labels' type is large for the bars' height (a projector's
    # 20 px on a 16:9 slide), Plotly left out every other name, the highlighted area's among
    # them (the PowerPoint's "Bereik per 1.000 inwoners, per gebied")
    # (a category axis: names that are all numbers would make it numeric, a tick per unit)
    fig.update_yaxes(ticklabelstandoff=8, type="category", tickmode="linear", dtick=1)
    # every bar carries its value: tick labels would only crowd a plot that long names narrow
    # (plotly then stands them on end)
    fig.update_xaxes(showticklabels=False)
