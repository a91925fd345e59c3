"""Charts of the Wijkprofiel: reach over the years, activity types, partners, the familiar
faces per rol, the area's place among the gemeente's areas, the key figures, a locator map."""

from __future__ import annotations

import textwrap

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.display import formatting as fmt
from dashboard.display import maps
from dashboard.display.charts.bereik import partner_chart, type_chart
from dashboard.display.charts.style import (
    _HOVER,
    BLUE,
    GREY,
    ROL_COLOURS,
    VERMILLION,
    _bar_axes,
    _bar_height,
    _empty,
    _floats,
    _person_floats,
    _require,
    _style,
    rol_label,
)
from dashboard.display.template import TEMPLATE
from dashboard.display.text import html
from dashboard.i18n import _

LOCATOR_COLOUR = VERMILLION  # the area itself
LOCATOR_OTHERS = "#e6e6e6"
# the chosen area's name on a slide's map, in the projector's type (slides.TICK_FONT_SIZE)
LOCATOR_NAME_SIZE = 20


def years_chart(trend: pd.DataFrame) -> go.Figure:
    """Bars per year of data (the same stretch of the year each time): unique deelnemers, or
    deelnames where a gemeente registers totals only. Columns: periode, unieke_deelnemers, deelnames."""
    _require(trend, ("periode", "unieke_deelnemers", "deelnames"), "de trend over de jaren")
    unique_known = trend["unieke_deelnemers"].notna().any()
    measure, label = (
        ("unieke_deelnemers", _("Deelnemers")) if unique_known else ("deelnames", _("Deelnames"))
    )
    title = _("{label} per jaar").format(label=label)
    if trend.empty:
        return _empty(title)
    texts = [fmt.SHARE_HIDDEN if fmt.is_hidden(v) else fmt.persons(v) for v in trend[measure]]
    fig = go.Figure(
        go.Bar(
            # "nov 2025 –<br>okt 2026": two lines, so the labels stay level at 1024 pixels
            x=[html(p).replace(" – ", " –<br>") for p in trend["periode"]],
            y=_person_floats(trend[measure]),
            marker={"color": [GREY] * (len(trend) - 1) + [BLUE]},
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertext=[
                f"<b>{html(p)}</b><br>{label}: {t}"
                for p, t in zip(trend["periode"], texts, strict=True)
            ],
            hovertemplate=_HOVER,
            name=label,
        )
    )
    largest = max((v for v in _person_floats(trend[measure]) if v is not None), default=0.0)
    if largest > 0:
        fig.update_yaxes(range=[0, largest * 1.18])
    fig.update_yaxes(tickformat=",d", rangemode="tozero")
    fig.update_layout(showlegend=False)
    return _style(fig, title, None, label, 420)


def types_chart(per_type: pd.DataFrame) -> go.Figure:
    """Deelnames per activity type (type, bijeenkomsten, deelnames), largest on top."""
    return type_chart(per_type)


def partners_chart(partners: pd.DataFrame) -> go.Figure:
    """Bijeenkomsten per partner organisation (partner, soort, bijeenkomsten)."""
    return partner_chart(partners)


def presence_chart(presence: pd.DataFrame) -> go.Figure:
    """Per rol present on the reference date: how many years the longest-serving one has worked
    here. Columns: rol, aanwezig, jaren. No names."""
    title = _("Hoe lang werken ze hier al?")
    rows = presence[presence["aanwezig"] > 0]
    if rows.empty:
        return _empty(title)
    rows = rows.iloc[::-1]  # Plotly draws the first category at the bottom
    texts = [_("{years} jaar").format(years=fmt.number(y, 1)) for y in rows["jaren"]]
    labels = [
        rol_label(r) + (f" ({n})" if n > 1 else "")
        for r, n in zip(rows["rol"], rows["aanwezig"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=_floats(rows["jaren"]),
            y=labels,
            orientation="h",
            marker={"color": [ROL_COLOURS.get(r, GREY) for r in rows["rol"]]},
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"<b>{lab}</b><br>{t}" for lab, t in zip(labels, texts, strict=True)],
            hovertemplate=_HOVER,
        )
    )
    _bar_axes(fig, _floats(rows["jaren"]), texts)
    fig.update_layout(showlegend=False)
    return _style(fig, title, _("Jaren in de wijk"), None, _bar_height(len(rows)))


def rank_chart(values: pd.DataFrame, selected: str, label: str) -> go.Figure:
    """All areas of the gemeente on one measure, this area highlighted.

    Columns: gebiedscode, naam, waarde (None where unknown or suppressed), tekst."""
    title = _("{label}, per gebied").format(label=label)
    known = values[values["waarde"].notna()]
    if known.empty:
        return _empty(title)
    rows = known.sort_values(["waarde", "naam"], ascending=[True, False])
    colours = [VERMILLION if c == selected else BLUE for c in rows["gebiedscode"]]
    fig = go.Figure(
        go.Bar(
            x=_floats(rows["waarde"]),
            y=[html(n) for n in rows["naam"]],
            orientation="h",
            marker={"color": colours},
            text=list(rows["tekst"]),
            textposition="outside",
            cliponaxis=False,
            hovertext=[
                f"<b>{html(n)}</b><br>{t}" for n, t in zip(rows["naam"], rows["tekst"], strict=True)
            ],
            hovertemplate=_HOVER,
        )
    )
    _bar_axes(fig, _floats(rows["waarde"]), list(rows["tekst"]))
    fig.update_layout(showlegend=False)
    return _style(fig, title, label, None, _bar_height(len(rows)))


def figures_table(figures: pd.DataFrame) -> go.Figure:
    """The key figures as a table (Kengetal, the area, the gemeente, a year earlier, change)."""
    columns = list(figures.columns)
    cells = [[fmt.MISSING if fmt.is_missing(v) else str(v) for v in figures[c]] for c in columns]
    fig = go.Figure(
        go.Table(
            header={
                "values": [f"<b>{html(c)}</b>" for c in columns],
                "align": "left",
                "font": {"size": 15},
                "fill": {"color": "#eeeeee"},
            },
            cells={
                "values": [[html(v) for v in col] for col in cells],
                "align": "left",
                "font": {"size": 15},
                "height": 30,
            },
        )
    )
    fig.update_layout(
        # the table's own style, not Streamlit's global template (which the app sets when it
        # runs): its exported picture looked different from the command line's
        template=TEMPLATE,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=80 + 32 * (len(figures) + 1),
        title={"text": _("Kerncijfers"), "x": 0, "font": {"size": 20}},
        font={"size": 15},
    )
    return fig


def locator_map(
    shapes: gpd.GeoDataFrame,
    selected: str,
    attribution: str = maps.ATTRIBUTION_CBS,
    all_names: bool = True,
) -> go.Figure:
    """A small map of the gemeente's areas with the chosen one in a strong colour and named.

    `all_names=False` (a slide): only the chosen area is named, over it; every area's name or
    number, fitted to the page's narrow column, ran into the next in a projector's type
    ("WaterkantCentrum", "De Brink" over Hoogveld's "4" on the PowerPoint's title slide)."""
    fig = go.Figure()
    if shapes.empty:
        return _empty(_("Ligging"))
    codes = shapes["gebiedscode"].to_numpy()
    chosen = codes == selected
    features = maps.geojson(shapes)
    names = [html(n) for n in shapes["naam"].astype(str)]
    for mask, colour, width in ((~chosen, LOCATOR_OTHERS, 0.8), (chosen, LOCATOR_COLOUR, 1.5)):
        if not mask.any():
            continue
        wanted = set(codes[mask].tolist())
        fig.add_trace(
            go.Choropleth(
                geojson={
                    "type": "FeatureCollection",
                    "features": [f for f in features["features"] if f["id"] in wanted],
                },
                locations=codes[mask],
                z=np.zeros(int(mask.sum())),
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                # the other areas outlined in grey (4.95:1 on white), so their shapes show
                marker={"line": {"width": width, "color": GREY if width < 1 else "#222222"}},
                text=np.asarray(names, dtype=object)[mask],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    fig.update_layout(
        template=TEMPLATE,
        margin={"l": 0, "r": 0, "t": 10, "b": 50},
        height=380,
        separators=fmt.plotly_separators(),
        font={"size": 14},
        showlegend=False,
        dragmode=False,
        annotations=[
            {
                # on two lines: the map often stands in a narrow column
                "text": "<br>".join(html(line) for line in textwrap.wrap(_(attribution), 34)),
                "xref": "paper",
                "yref": "paper",
                "x": 0.0,
                "y": -0.02,
                "xanchor": "left",
                "align": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 11, "color": "#555555"},
            }
        ],
    )
    if not all_names:
        # the chosen area without a shape (or not among them): no name to put anywhere
        shape = shapes[chosen].geometry.dropna()
        shape = shape[~shape.is_empty]
        if shape.empty:
            return fig
        point = shape.union_all().representative_point()
        fig.add_trace(
            go.Scattergeo(
                lon=[point.x], lat=[point.y], mode="text",
                text=[html(str(shapes["naam"][chosen].iloc[0]))],
                textfont={"size": LOCATOR_NAME_SIZE, "color": "#111111",
                          "shadow": maps.LABEL_HALOS[False]},
                hoverinfo="skip", showlegend=False, name="naam",
            )
        )  # fmt: skip
        return fig
    # names on the map, as on every map (issue 14 item 2); this one stands in a narrow
    # column (about 220 px at 1024×768) and is 320 px tall
    maps.add_area_labels(fig, shapes, box_px=(210, 320), line_chars=30)
    return fig
