"""Charts of the Opbrengst screen: each wijk's path through the years, before and after each
change of opbouwwerker, and the associations with their bootstrap bands.

The frames come already public from `dashboard.screens.opbrengst` (None where a value may not
be shown), so nothing here can give a small count back.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.display import formatting as fmt
from dashboard.display.charts.style import (
    _HOVER,
    BLUE,
    GREY,
    LINE_COLOURS,
    LINE_DASHES,
    SMALL_FONT_SIZE,
    VERMILLION,
    _empty,
    _floats,
    _require,
    _style,
)
from dashboard.display.text import html
from dashboard.i18n import N_, _


def _text(value: float | None, decimals: int) -> str:
    return fmt.MISSING if value is None else fmt.number(value, decimals)


# Two year labels closer than this share of both axes' spans would print over each other.
_LABEL_CLEARANCE = 0.06


def _apart(points: list[tuple[float, float]], x_span: float, y_span: float) -> list[bool]:
    """Which points get a label: each one not within _LABEL_CLEARANCE of an earlier labelled one."""
    placed: list[tuple[float, float]] = []
    keep = []
    for x, y in points:
        near = any(
            abs(x - px) <= _LABEL_CLEARANCE * x_span and abs(y - py) <= _LABEL_CLEARANCE * y_span
            for px, py in placed
        )
        keep.append(not near)
        if not near:
            placed.append((x, y))
    return keep


def paths_chart(
    points: pd.DataFrame, x_label: str, y_label: str, x_decimals: int = 0, y_decimals: int = 1
) -> go.Figure:
    """A connected scatter: per wijk its points year by year, joined in time order.

    Columns: naam, jaar, x, y (None: not known or not shown; the line then skips the year).
    Each path ends in an arrowhead (the direction of time). Paths ending in the chart's last
    year carry no label: many wijken end at the same point and their years would print over
    each other. A path that ends earlier gets its last year beside the arrowhead, unless
    another such label already sits there.
    """
    title = _("{label}, per wijk door de jaren").format(label=y_label)
    _require(points, ("naam", "jaar", "x", "y"), "de paden per wijk")
    known = points.dropna(subset=["x", "y"])
    if known.empty:
        return _empty(_("Wijken door de jaren"))
    last_year = int(known["jaar"].max())
    paths = [(naam, rows.sort_values("jaar")) for naam, rows in known.groupby("naam", sort=True)]
    ends = [(float(rows["x"].iloc[-1]), float(rows["y"].iloc[-1])) for _, rows in paths]
    x_span = float(known["x"].max() - known["x"].min()) or 1.0
    y_span = float(known["y"].max() - known["y"].min()) or 1.0
    early = [int(rows["jaar"].iloc[-1]) < last_year for _, rows in paths]
    labelled = iter(_apart([e for e, k in zip(ends, early, strict=True) if k], x_span, y_span))
    fig = go.Figure()
    for k, ((naam, rows), ends_early) in enumerate(zip(paths, early, strict=True)):
        years = [str(int(j)) for j in rows["jaar"]]
        label = years[-1] if ends_early and next(labelled) else ""
        # an arrowhead at the last point, turned along the path's last step
        symbols = ["circle"] * (len(years) - 1) + ["arrow" if len(years) > 1 else "circle"]
        fig.add_trace(
            go.Scatter(
                x=_floats(rows["x"]),
                y=_floats(rows["y"]),
                mode="lines+markers+text",
                name=html(naam),
                line={
                    "color": LINE_COLOURS[k % len(LINE_COLOURS)],
                    "dash": LINE_DASHES[k // 7 % 4],
                },
                marker={
                    "size": [8] * (len(years) - 1) + [15],
                    "symbol": symbols,
                    "angleref": "previous",
                },
                text=["" for _ in years[:-1]] + [label],
                textposition="middle right",
                textfont={"size": SMALL_FONT_SIZE},
                hovertext=[
                    f"<b>{html(naam)}</b> {j}<br>{html(x_label)}: {_text(x, x_decimals)}"
                    f"<br>{html(y_label)}: {_text(y, y_decimals)}"
                    for j, x, y in zip(years, _floats(rows["x"]), _floats(rows["y"]), strict=True)
                ],
                hovertemplate=_HOVER,
            )
        )
    return _style(fig, title, x_label, y_label, 560, _("Wijk"))


def events_chart(events: pd.DataFrame, label: str, decimals: int = 1) -> go.Figure:
    """Before and after each change: two points joined by a line, one row per change.

    Columns: wat (the row's label, already escaped text is not expected), voor, na (None: not
    shown), lang (True: the post stayed empty 90 days or more, drawn in vermillion).
    """
    title = _("{label}: voor en na").format(label=label)
    _require(events, ("wat", "voor", "na", "lang"), "voor en na een wisseling")
    rows = events.dropna(subset=["voor", "na"])
    if rows.empty:
        return _empty(title)
    labels = [html(w) for w in rows["wat"]]
    fig = go.Figure()
    for y, before, after, long_gap in zip(
        labels, _floats(rows["voor"]), _floats(rows["na"]), rows["lang"], strict=True
    ):
        fig.add_trace(
            go.Scatter(
                x=[before, after],
                y=[y, y],
                mode="lines",
                line={"color": VERMILLION if long_gap else GREY, "width": 3},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    for name, column, colour, symbol in (
        (N_("12 maanden ervoor"), "voor", GREY, "circle"),
        (N_("12 maanden erna"), "na", BLUE, "diamond"),
    ):
        name = _(name)
        values = _floats(rows[column])
        fig.add_trace(
            go.Scatter(
                x=values,
                y=labels,
                mode="markers",
                name=name,
                marker={"color": colour, "size": 13, "symbol": symbol},
                hovertext=[
                    f"<b>{y}</b><br>{name}: {_text(v, decimals)}"
                    for y, v in zip(labels, values, strict=True)
                ],
                hovertemplate=_HOVER,
            )
        )
    fig.update_yaxes(autorange="reversed", ticklabelstandoff=8)
    height = max(380, 160 + 38 * len(rows))
    return _style(fig, title, label, None, height)


def association_chart(rows: pd.DataFrame, x_label: str) -> go.Figure:
    """Spearman's rho per outcome with its 95% bootstrap band, from -1 to 1.

    Columns: uitkomst, rho, laag, hoog (None: not shown, too little data).
    """
    title = _("Samenhang met {measure}").format(measure=f"{x_label[:1].lower()}{x_label[1:]}")
    del x_label  # in the title; the axis says what rho means
    _require(rows, ("uitkomst", "rho", "laag", "hoog"), "de samenhang")
    shown = rows.dropna(subset=["rho"])
    if shown.empty:
        return _empty(title, _("te weinig gegevens"))
    rho, low, high = _floats(shown["rho"]), _floats(shown["laag"]), _floats(shown["hoog"])
    labels = [html(u) for u in shown["uitkomst"]]
    fig = go.Figure(
        go.Scatter(
            x=rho,
            y=labels,
            mode="markers",
            marker={"color": BLUE, "size": 14},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [h - r for h, r in zip(high, rho, strict=True)],  # type: ignore[operator]
                "arrayminus": [r - lo for r, lo in zip(rho, low, strict=True)],  # type: ignore[operator]
                "thickness": 3,
                "width": 8,
                "color": BLUE,
            },
            hovertext=[
                f"<b>{u}</b><br>rho {fmt.number(r, 2)} ("
                + _("95%-band {low} tot {high}").format(
                    low=fmt.number(lo, 2), high=fmt.number(h, 2)
                )
                + ")"
                for u, r, lo, h in zip(labels, rho, low, high, strict=True)
            ],
            hovertemplate=_HOVER,
            showlegend=False,
        )
    )
    fig.add_vline(x=0, line={"color": GREY, "dash": "dot"})
    fig.update_xaxes(range=[-1.05, 1.05], tickvals=[-1, -0.5, 0, 0.5, 1])
    fig.update_yaxes(autorange="reversed", ticklabelstandoff=8)
    return _style(
        fig,
        title,
        _("Spearman-rho met 95%-band"),
        None,
        max(360, 180 + 60 * len(shown)),
    )


def history_chart(
    label: str,
    before: float,
    after: float,
    periods: tuple[str, str],
    texts: tuple[str, str],
    percentage: bool = False,
) -> go.Figure:
    """Two bars: one outcome in the 12 months before and after a change in one wijk, each with
    its value written as the sentence beside it writes it (`texts`: '76%', '27,4', '164');
    `percentage`: the axis says so ("40%", not a bare 40)."""
    fig = go.Figure(
        go.Bar(
            # the months on a line of their own: Plotly stood the long labels at 45°, and on a
            # slide they took half its height and ran off the picture ("(oktober 2022 – s…")
            x=[html(p).replace(" (", "<br>(", 1) for p in periods],
            y=[before, after],
            marker={"color": [GREY, BLUE]},
            text=[html(t) for t in texts],
            textposition="outside",
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    fig.update_yaxes(
        rangemode="tozero",
        range=[0, max(before, after) * 1.2 or 1],
        ticksuffix="%" if percentage else None,
    )
    fig.update_layout(showlegend=False)
    fig.update_xaxes(tickangle=0, automargin=True)
    fig = _style(fig, label, None, None, 380)
    # no legend under it: its room (120 px) squeezed the bars on a slide under a long message
    fig.update_layout(margin={"b": 30})
    return fig
