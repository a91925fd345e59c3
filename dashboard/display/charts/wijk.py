"""What the wijk has (issue 16): the asset map (plekken by type, routes as lines, toggled in
the legend) and the overview of plekken by type and beheer. Pure: frames in, figures out."""

from __future__ import annotations

import textwrap

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.display import formatting as fmt
from dashboard.display import maps
from dashboard.display.charts.style import (
    BELOW_GAP_PX,
    LINE_HEIGHT,
    _bar_axes,
    _empty,
    _require,
    _style,
    beside_width_px,
)
from dashboard.display.labels import (
    BEHEER_LABELS,
    PLEK_TYPE_LABELS,
    ROUTE_MAKER_LABELS,
    ROUTE_SOORT_LABELS,
)
from dashboard.display.template import TEMPLATE
from dashboard.display.text import html
from dashboard.domain.codes import BEHEER, PLEK_TYPES
from dashboard.i18n import _

# Okabe–Ito (colour-blind safe), one per type in PLEK_TYPES order, cycling; the symbol tells
# types of the same colour apart.
TYPE_COLOURS = ("#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
TYPE_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "star", "x")
BEHEER_COLOURS = dict(zip(BEHEER, ("#009E73", "#0072B2", "#999999", "#E69F00"), strict=True))
ROUTE_COLOUR = "#D55E00"
AREA_FILL = "#f2f2f2"
MARKER_SIZE = 11
PLEK_COLUMNS = ("plek_id", "naam", "type", "beheer", "lon", "lat", "activiteiten", "bijeenkomsten")
STOP_COLUMNS = ("route_id", "route", "soort", "gemaakt_door", "volgnummer", "stop", "lon", "lat")


def type_style(plek_type: str) -> tuple[str, str]:
    """(colour, symbol) of a plek type on every map."""
    k = PLEK_TYPES.index(plek_type) if plek_type in PLEK_TYPES else len(PLEK_TYPES) - 1
    return TYPE_COLOURS[k % len(TYPE_COLOURS)], TYPE_SYMBOLS[(k // len(TYPE_COLOURS)) % 7]


def plek_hover(row: pd.Series, held: pd.DataFrame | None) -> str:
    """A plek's hover text: name, type, beheer, and the activiteiten held there (escaped)."""
    lines = [
        f"<b>{html(row['naam'])}</b>",
        f"{PLEK_TYPE_LABELS.get(str(row['type']), html(row['type']))} · "
        + _("beheer: {beheer}").format(
            beheer=BEHEER_LABELS.get(str(row["beheer"]), html(row["beheer"])).lower()
        ),
    ]
    if held is not None and len(held):
        lines.append(_("Activiteiten hier:"))
        for activiteit, n in zip(
            held["activiteit"].head(6), held["bijeenkomsten"].head(6), strict=True
        ):
            lines.append(
                f"· {html(activiteit)} (" + _("{n} bijeenk.").format(n=fmt.number(int(n))) + ")"
            )
        if len(held) > 6:
            lines.append("· " + _("en {n} meer").format(n=len(held) - 6))
    return "<br>".join(lines)


# The plekken's numbers on their map: dark on the light map, beside the marker.
PLEK_NUMBER_SIZE = 12
PLEK_NUMBER_COLOUR = "#222222"


def numbered(plekken: pd.DataFrame) -> pd.DataFrame:
    """The plekken in the order of the table under their map (most bijeenkomsten first, then
    by name), with their number in that table in `nr`, from 1."""
    keys = ["bijeenkomsten", "naam"] if "bijeenkomsten" in plekken else ["naam"]
    ordered = plekken.sort_values(keys, ascending=[False, True][-len(keys) :], kind="stable")
    return ordered.reset_index(drop=True).assign(nr=np.arange(1, len(ordered) + 1))


def labelled(
    plekken: pd.DataFrame,
    bounds: tuple[float, float, float, float] | None = None,
    named: int | None = None,
) -> pd.DataFrame:
    """`numbered`, with each plek's label on the map and its position: names showed only on
    hover, of no use on a projector or a printout; a number leads to the table's row.
    `named`: only the first so many get a number, those a list beside the map names (on a
    slide, numbers 11 to 15 had no name anywhere a resident could see)."""
    out = numbered(plekken)
    listed = out if named is None else out.head(named)  # in the numbering's order
    texts, positions = stop_labels(
        listed["nr"].to_list(),
        listed["lon"].to_numpy(float),
        listed["lat"].to_numpy(float),
        bounds,
        chain=False,
    )
    rest = len(out) - len(listed)
    return out.assign(label=texts + [""] * rest, label_position=positions + ["top center"] * rest)


# On a slide the names stand beside the map in the projector's size (slides.TICK_FONT_SIZE),
# each line at most this long: under it, on a 16:9 slide of the PowerPoint, they left the map
# 140 pixels of 330 and cut its legend after five types.
SLIDE_NAME_SIZE = 20
SLIDE_LINE_CHARS = 30
# Lines of names beside a map on a slide: 12 lines fit the map's height in the PowerPoint
# (a 13th, "en 10 andere, grijs op de kaart" on Centrum's slide, was cut off at its bottom)
# and on a 1024×768 projector. A route's first stops, or the most used plekken, as many as
# fit; the handout's table has them all (22 names of plekken under the map took a third of a
# slide; a fixed 10 named 10 of 12 plekken and left two markers without a number).
SLIDE_NAME_LINES = 12
# A plek's marker as a character, by its symbol on the map (type_style): the slide's list
# stands for the legend.
_SYMBOL_GLYPHS = {
    "circle": "●", "square": "■", "diamond": "◆", "triangle-up": "▲", "cross": "✚",
    "star": "★", "x": "✖",
}  # fmt: skip
# and in the PDF and the PNGs: a printed page has room for more, and is read up close
PRINTED_PLACE_NAMES = 30
PLACE_LINE_CHARS = 80
PLACE_NAME_SIZE = 13


def with_place_names(
    fig: go.Figure, plekken: pd.DataFrame, limit: int = PRINTED_PLACE_NAMES
) -> go.Figure:
    """A copy of the map of what the wijk has with the first `limit` plekken of its numbering
    named under it, above its source line, for a page or a picture: nobody hovers there, and
    the table is not beside it (on a slide they stand beside it: with_place_names_beside)."""
    p = numbered(plekken)
    entries = [f"{n} {name}" for n, name in zip(p["nr"][:limit], p["naam"][:limit], strict=True)]
    if len(p) > limit:
        entries.append(_("en {n} andere").format(n=fmt.number(len(p) - limit)))
    # the list spans the figure, not the legend's width
    listed = maps.joined_lines(entries, PLACE_LINE_CHARS)
    out = go.Figure(fig)
    gap, list_px = BELOW_GAP_PX, round(PLACE_NAME_SIZE * LINE_HEIGHT) * len(listed)
    # hung from the plot's bottom edge in pixels, the source line under the list, and the
    # figure as much taller (slides.projector_figure stacks them again for its own fonts)
    out.add_annotation(
        text="<br>".join(html(line) for line in listed),
        xref="paper", yref="paper", x=0.0, y=0.0, xanchor="left", yanchor="top", yshift=-gap,
        align="left", showarrow=False, font={"size": PLACE_NAME_SIZE, "color": "#222222"},
    )  # fmt: skip
    for annotation in out.layout.annotations[:-1]:  # the source line, under the plot
        if annotation.yref == "paper" and (annotation.y or 0) < 0:
            annotation.update(y=0, yanchor="top", yshift=-(2 * gap + list_px))
    margin = out.layout.margin.b or 0
    out.update_layout(
        margin_b=margin + list_px + 2 * gap,
        height=(out.layout.height or 460) + list_px + 2 * gap,
    )
    return out


def _beside_lines(text: str) -> list[str]:
    """A text in the column beside a slide's map, in its lines."""
    return textwrap.wrap(text, SLIDE_LINE_CHARS) or [text]


def _fitting_beside(texts: list[str]) -> int:
    """How many of `texts` the column beside a slide's map holds: all, when their lines fit in
    SLIDE_NAME_LINES; else the first ones that fit with the line "en … andere"."""
    lines = np.cumsum([len(_beside_lines(text)) for text in texts])
    if len(texts) == 0 or lines[-1] <= SLIDE_NAME_LINES:
        return len(texts)
    return int(np.searchsorted(lines, SLIDE_NAME_LINES - 1, side="right"))


def _place_entry(nr: object, name: object) -> str:
    return f"{nr} {name}"


def slide_named(plekken: pd.DataFrame) -> int:
    """How many plekken of the numbering a slide names beside its map (`_fitting_beside`)."""
    return _named_of(numbered(plekken))


def _named_of(p: pd.DataFrame) -> int:
    """`slide_named` of plekken already `numbered`."""
    return _fitting_beside(
        [_place_entry(nr, name) for nr, name in zip(p["nr"], p["naam"], strict=True)]
    )


def with_place_names_beside(
    fig: go.Figure, plekken: pd.DataFrame, limit: int | None = None
) -> go.Figure:
    """A copy of the map of what the wijk has for a slide: the first `limit` plekken of its
    numbering (`slide_named` when None) named in a column beside the map, each after its
    marker (colour and shape of its type), the rest counted; no legend and no routes (the
    next slide has the route). A 16:9 slide has more room beside a map than under it."""
    p = numbered(plekken)
    limit = _named_of(p) if limit is None else limit
    items = []
    for row in p.head(limit).itertuples():
        colour, symbol = type_style(str(row.type))
        glyph = _SYMBOL_GLYPHS.get(symbol, "●")
        items.append(
            (f'<span style="color:{colour}">{glyph}</span> ', _place_entry(row.nr, row.naam))
        )
    out = go.Figure(fig)
    for trace in out.data:
        if trace.legendgroup == "routes":
            trace.visible = False
    rest = None
    if len(p) > limit:
        others = len(p) - limit
        rest = _("en {n} andere").format(n=fmt.number(others))
        if "plek_id" in p and _grey_the_others(out, set(p["plek_id"].head(limit).astype(str))):
            rest = _("en {n} andere, grijs op de kaart").format(n=fmt.number(others))
    out.update_layout(showlegend=False)
    _set_beside(out, items, rest)
    return out


# The plekken a slide does not name, on its map: small and grey, so that a resident does not
# look for their number (a walk saw ten markers without one on Centrum's slide of 22 plekken).
OTHER_PLEK_COLOUR = "#9E9E9E"
OTHER_PLEK_SIZE = 7


def _grey_the_others(fig: go.Figure, named_ids: set[str]) -> bool:
    """Draw the plekken of `fig` whose id is not in `named_ids` small and grey; whether any."""
    greyed = False
    for trace in fig.data:
        if trace.legendgroup != "plekken" or trace.customdata is None:
            continue
        named = [str(i) in named_ids for i in trace.customdata]
        if all(named):
            continue
        colour = trace.marker.color
        trace.marker.color = [colour if n else OTHER_PLEK_COLOUR for n in named]
        trace.marker.size = [MARKER_SIZE if n else OTHER_PLEK_SIZE for n in named]
        greyed = True
    return greyed


def slide_asset_map(
    shapes: gpd.GeoDataFrame,
    code: str,
    plekken: pd.DataFrame,
    stops: pd.DataFrame,
    held: pd.DataFrame | None = None,
    attribution: str = maps.ATTRIBUTION_CBS,
) -> go.Figure:
    """The map of what the wijk has for a slide: only the plekken named beside it numbered
    (numbers without a name on the slide sent a resident nowhere), `with_place_names_beside`."""
    named = slide_named(plekken)
    the_map = asset_map(shapes, code, plekken, stops, held, attribution, named=named)
    return with_place_names_beside(the_map, plekken, named)


def _set_beside(fig: go.Figure, items: list[tuple[str, str]], rest: str | None = None) -> None:
    """Set `items` (a marker's markup, or "", and a plain text) in a column beside the plot at
    the slide's size, each text wrapped at SLIDE_LINE_CHARS and going on under its first
    letter, then `rest`; the right margin grows to hold the longest line."""
    lines: list[str] = []  # markup: escaped text
    for marker, text in items:
        wrapped = _beside_lines(text)
        lines.append(marker + html(wrapped[0]))
        indent = "\u00a0\u00a0\u00a0" if marker else "\u00a0\u00a0"
        # under the text's first letter, not under the marker
        lines += [indent + html(more) for more in wrapped[1:]]
    if rest is not None:
        lines.append(html(rest))
    markup = "<br>".join(lines)
    fig.add_annotation(
        text=markup,
        xref="paper", yref="paper", x=1.0, y=1.0, xanchor="left", yanchor="top",
        xshift=BELOW_GAP_PX, align="left", showarrow=False,
        font={"size": SLIDE_NAME_SIZE, "color": "#222222"},
    )  # fmt: skip
    fig.update_layout(
        margin_r=(fig.layout.margin.r or 0) + beside_width_px(markup, SLIDE_NAME_SIZE)
    )


def add_asset_layer(
    fig: go.Figure,
    plekken: pd.DataFrame,
    stops: pd.DataFrame,
    held: pd.DataFrame | None = None,
    visible: bool | str = True,
    bounds: tuple[float, float, float, float] | None = None,
    named: int | None = None,
) -> go.Figure:
    """Add plekken (one trace per type) and routes (one line each) to a geo map, each an
    entry of the legend: a click on an entry hides or shows it. `held`: plek_activiteiten,
    for the hover. `visible="legendonly"` adds the layer switched off. `bounds`: the lon/lat
    box the map shows, for the plekken's numbers; `named`: how many get one (`labelled`)."""
    _require(plekken, ("naam", "type", "beheer", "lon", "lat"), "de plekken")
    # the routes first, under the plekken: their markers covered the plekken's colours
    if len(stops):
        for route_id, route in stops.sort_values(["route_id", "volgnummer"]).groupby("route_id"):
            first = route.iloc[0]
            title = html(first["route"])
            kind = ROUTE_SOORT_LABELS.get(str(first["soort"]), "Route")
            maker = ROUTE_MAKER_LABELS.get(str(first["gemaakt_door"]), "")
            names = [
                f"{int(n)}. {html(stop_name(s))}"
                for n, s in zip(route["volgnummer"], route["stop"], strict=True)
            ]
            # its stops without numbers: a stop is often a plek, and its number lay on the
            # plek's ("1–21, 6" on the demo's Waterkant), a second numbering beside the table's;
            # the route's own map numbers and names them (route_map)
            fig.add_trace(
                go.Scattergeo(
                    lon=route["lon"].to_numpy(float),
                    lat=route["lat"].to_numpy(float),
                    mode="lines+markers",
                    name=title,
                    legendgroup="routes",
                    legendgrouptitle_text=_("Routes"),
                    legendrank=2000,  # after the plekken, which are drawn over it
                    # solid: the PDF export (fpdf2) cannot read the dash pattern of a dotted
                    # line in Plotly's SVG ("3px,3px")
                    line={"width": 3, "color": ROUTE_COLOUR},
                    marker={"size": 7, "color": ROUTE_COLOUR},
                    hovertext=[f"<b>{title}</b> ({kind.lower()}, {maker})<br>{n}" for n in names],
                    hoverinfo="text",
                    customdata=np.full(len(route), str(route_id), dtype=object),
                    visible=visible,
                )
            )
    by_plek = {k: g for k, g in held.groupby("plek_id")} if held is not None and len(held) else {}
    plekken = labelled(plekken, bounds, named)
    for plek_type in [t for t in PLEK_TYPES if t in set(plekken["type"])]:
        rows = plekken[plekken["type"] == plek_type]
        colour, symbol = type_style(plek_type)
        fig.add_trace(
            go.Scattergeo(
                lon=rows["lon"].to_numpy(float),
                lat=rows["lat"].to_numpy(float),
                mode="markers+text",
                name=PLEK_TYPE_LABELS[plek_type],
                legendgroup="plekken",
                legendgrouptitle_text=_("Plekken"),
                marker={"size": MARKER_SIZE, "color": colour, "symbol": symbol,
                        "line": {"width": 1, "color": "#ffffff"}},
                text=rows["label"].to_list(),
                textposition=rows["label_position"].to_list(),
                textfont={"size": PLEK_NUMBER_SIZE, "color": PLEK_NUMBER_COLOUR},
                hovertext=[plek_hover(r, by_plek.get(str(r.get("plek_id")))) for _i, r in rows.iterrows()],
                customdata=rows["plek_id"].to_numpy(object) if "plek_id" in rows else None,
                hovertemplate="%{hovertext}<extra></extra>",
                visible=visible,
            )
        )  # fmt: skip
    fig.update_layout(
        showlegend=True,
        legend={"groupclick": "toggleitem",
                "font": {"size": 12}},
    )  # fmt: skip
    return fig


# The maps of what a wijk has (this offline one and basemap's street map): room above the
# legend for Plotly's toolbar, which covered the legend's title "Plekken".
ASSET_MAP_MARGIN = {"l": 0, "r": 0, "t": 40, "b": 40}


def area_outline(area: gpd.GeoDataFrame) -> go.Scattergeo:
    """The area (its first row) as a filled outline without hover: not a choropleth, for the
    page's other maps are the clickable ones."""
    lon, lat = outline(area.geometry.iloc[0])
    return go.Scattergeo(
        lon=lon,
        lat=lat,
        mode="lines",
        fill="toself",
        fillcolor=AREA_FILL,
        line={"width": 1.5, "color": "#222222"},
        hoverinfo="skip",
        showlegend=False,
    )


def stop_name(value: object) -> str:
    """A route stop's name (text from data), or "stop" when it has none."""
    return str(value) if isinstance(value, str) and value.strip() else _("stop")


def outline(shape: object) -> tuple[list[float | None], list[float | None]]:
    """The rings of a (multi)polygon as one line, parts separated by None (Plotly's gap)."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    for polygon in getattr(shape, "geoms", [shape]):
        for ring in (polygon.exterior, *polygon.interiors):
            xs, ys = ring.xy
            lon += [*map(float, xs), None]
            lat += [*map(float, ys), None]
    return lon, lat


def asset_map(
    shapes: gpd.GeoDataFrame,
    code: str,
    plekken: pd.DataFrame,
    stops: pd.DataFrame,
    held: pd.DataFrame | None = None,
    attribution: str = maps.ATTRIBUTION_CBS,
    named: int | None = None,
) -> go.Figure:
    """The area on its own with its plekken and the routes through it, legend beside it;
    `named`: only the first so many plekken numbered (`labelled`)."""
    area = shapes[shapes["gebiedscode"] == code]
    if area.empty or (plekken.empty and stops.empty):
        return _empty(_("Wat de wijk heeft"))
    fig = go.Figure(area_outline(area))
    add_asset_layer(fig, plekken, stops, held, bounds=tuple(area.total_bounds), named=named)
    lon, lat = padded_view(area, plekken, stops)
    fig.update_geos(lonaxis_range=lon, lataxis_range=lat, visible=False, projection_type="mercator")
    fig.update_layout(
        template=TEMPLATE,
        margin=ASSET_MAP_MARGIN,
        height=460,
        separators=",.",
        font={"size": 14},
        dragmode=False,
        annotations=[
            {
                "text": "<br>".join(html(line) for line in textwrap.wrap(_(attribution), 60)),
                "xref": "paper", "yref": "paper", "x": 0.0, "y": -0.02, "xanchor": "left",
                "yanchor": "top", "align": "left", "showarrow": False,
                "font": {"size": 11, "color": "#555555"},
            }
        ],
    )  # fmt: skip
    return fig


# Room around the area on the map of what it has, as a share of its larger side: Plotly's
# fitbounds ends the map at the outermost plek, and its number beside it was cut at the edge
# ("5, 14, 19" lost its 5 on the demo's Centrum slide).
VIEW_PADDING = 0.08


def padded_view(
    area: gpd.GeoDataFrame, plekken: pd.DataFrame, stops: pd.DataFrame
) -> tuple[list[float], list[float]]:
    """The lon and lat ranges that show the area, its plekken and its route stops, with
    VIEW_PADDING around them."""
    west, south, east, north = (float(v) for v in area.total_bounds)
    for points in (plekken, stops):
        if len(points):
            lon, lat = points["lon"].astype(float), points["lat"].astype(float)
            west, east = min(west, lon.min()), max(east, lon.max())
            south, north = min(south, lat.min()), max(north, lat.max())
    # a degree of longitude is shorter than one of latitude here
    shrink = float(np.cos(np.radians((south + north) / 2)))
    pad = VIEW_PADDING * max((east - west) * shrink, north - south)
    return [west - pad / shrink, east + pad / shrink], [south - pad, north + pad]


# Two stops closer than this share of the map's extent are near: above both, "2" and "3"
# read as "23" (seen on the demo's wijksafari).
NEAR_SHARE = 0.12
# Plekken closer than this share lie under each other's markers (a marker and its number
# are some 5% of a slide's map): one label lists them all, "12, 22", as three or more
# numbers around one point overlapped whatever side each took ("1222" on the demo's
# Centrum at 1024×768).
TOGETHER_SHARE = 0.05
# Plotly's text positions by the direction they point to, counter-clockwise from east.
_COMPASS = (
    "middle right", "top right", "top center", "top left",
    "middle left", "bottom left", "bottom center", "bottom right",
)  # fmt: skip


def stop_labels(
    numbers: list[int],
    lon: np.ndarray,
    lat: np.ndarray,
    bounds: tuple[float, float, float, float] | None = None,
    chain: bool = True,
) -> tuple[list[str], list[str]]:
    """The text and its position at each stop of a route.

    Stops that follow each other in number and lie close together (one street's four stops
    on a wijksafari) share one label, "1–4", at the uppermost: four numbers there overlapped
    whatever their positions. With `chain=False` (plekken: numbers next to each other in a
    table of places are no walk) only places on top of each other share one, listing their
    numbers ("3, 9"; `TOGETHER_SHARE`). Any other label with labels near it stands on the side
    away from them (the direction from their middle, in one of eight); the rest above their
    stop. "Close" is a share of what the map shows: `bounds` (lon/lat, the area the map is
    zoomed to), else the stops' own extent.
    """
    count = len(numbers)
    if count == 0:
        return [], []
    # a degree of longitude is shorter than one of latitude away from the equator
    shrink = np.cos(np.radians(float(np.nanmean(lat))))
    x = np.asarray(lon, float) * shrink
    y = np.asarray(lat, float)
    if bounds is not None:
        west, south, east, north = bounds
        shown = max((east - west) * shrink, north - south)
    else:
        shown = max(float(np.nanmax(x) - np.nanmin(x)), float(np.nanmax(y) - np.nanmin(y)))
    near_distance = NEAR_SHARE * (shown or 1.0)
    distance = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :])
    near = distance < near_distance  # NaN (a stop without a place) is never near
    texts = (
        _route_labels(numbers, y, near, distance, near_distance)
        if chain
        else _together(numbers, y, distance < TOGETHER_SHARE * (shown or 1.0))
    )
    labelled = np.array([t != "" for t in texts])
    positions = []
    for k in range(count):
        others = labelled & near[k] & (np.arange(count) != k)
        if not texts[k] or not others.any():
            positions.append("top center")
            continue
        dx, dy = x[k] - x[others].mean(), y[k] - y[others].mean()
        if np.hypot(dx, dy) < near_distance / 100:  # in the middle of its neighbours: above
            positions.append("top center")
            continue
        angle = np.degrees(np.arctan2(dy, dx)) % 360
        positions.append(_COMPASS[int(((angle + 22.5) % 360) // 45)])
    return texts, positions


def _route_labels(
    numbers: list[int], y: np.ndarray, near: np.ndarray, distance: np.ndarray, near_distance: float
) -> list[str]:
    """A route's labels: a chain of stops each near the one before shares "1–4"."""
    count = len(numbers)
    texts = [""] * count
    i = 0
    while i < count:
        # a chain of stops each near the one before, within twice that of the first
        group = [i]
        while (
            group[-1] + 1 < count
            and numbers[group[-1] + 1] == numbers[group[-1]] + 1
            and near[group[-1] + 1, group[-1]]
            and distance[group[-1] + 1, i] < 2 * near_distance
        ):
            group.append(group[-1] + 1)
        top = max(group, key=lambda k: y[k])
        texts[top] = (
            str(numbers[i]) if len(group) == 1 else f"{numbers[group[0]]}–{numbers[group[-1]]}"
        )
        i = group[-1] + 1
    return texts


def _together(numbers: list[int], y: np.ndarray, on_top: np.ndarray) -> list[str]:
    """Plekken's labels: those on top of each other (`on_top`, pairwise) in one label at the
    uppermost, their numbers in order ("3, 9"); the lowest number gathers its neighbours
    first, so a label never repeats a number."""
    texts = [""] * len(numbers)
    taken = np.zeros(len(numbers), dtype=bool)
    for i in np.argsort(numbers, kind="stable"):
        if taken[i]:
            continue
        group = np.flatnonzero(~taken & on_top[i])
        group = group if len(group) else np.array([i])  # NaN: on top of nothing, not itself
        taken[group] = True
        top = group[np.argmax(y[group])] if len(group) > 1 else i
        texts[top] = ", ".join(str(n) for n in sorted(numbers[k] for k in group))
    return texts


def route_map(
    shapes: gpd.GeoDataFrame,
    code: str,
    route: pd.DataFrame,
    attribution: str = maps.ATTRIBUTION_CBS,
    beside: bool = False,
) -> go.Figure:
    """One route through the area, its stops numbered and named in a list under the map (with
    `beside`, for a slide: beside it): on a projector nobody hovers, and a number alone says
    nothing to a resident."""
    _require(route, STOP_COLUMNS, "de route")
    area = shapes[shapes["gebiedscode"] == code]
    if area.empty or route.empty:
        return _empty(_("Een route van de wijk"))
    stops = route.sort_values("volgnummer")
    fig = go.Figure(area_outline(area))
    numbers = [int(n) for n in stops["volgnummer"]]
    names = [stop_name(s) for s in stops["stop"]]
    stop_lon, stop_lat = stops["lon"].to_numpy(float), stops["lat"].to_numpy(float)
    texts, positions = stop_labels(numbers, stop_lon, stop_lat, tuple(area.total_bounds))
    fig.add_trace(
        go.Scattergeo(
            lon=stop_lon, lat=stop_lat, mode="lines+markers+text",
            line={"width": 3, "color": ROUTE_COLOUR},
            marker={"size": 9, "color": ROUTE_COLOUR, "line": {"width": 1, "color": "#ffffff"}},
            text=texts,
            textposition=positions,
            textfont={"size": 14, "color": "#222222"},
            hovertext=[f"{n}. {html(name)}" for n, name in zip(numbers, names, strict=True)],
            hoverinfo="text", showlegend=False,
        )
    )  # fmt: skip
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    entries = [f"{n} {name}" for n, name in zip(numbers, names, strict=True)]
    listed = [] if beside else maps.joined_lines(entries)
    source = textwrap.wrap(_(attribution), 60)
    # in pixels under the plot area, the list first: the figure's height holds both
    list_px, source_px = round(13 * LINE_HEIGHT) * len(listed), 15 * len(source)
    gap = BELOW_GAP_PX
    below = {
        "xref": "paper",
        "yref": "paper",
        "x": 0.0,
        "y": 0.0,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "showarrow": False,
    }
    fig.update_layout(
        template=TEMPLATE,
        margin={"l": 0, "r": 0, "t": 20, "b": list_px + source_px + 3 * gap},
        height=400 + list_px + source_px + 3 * gap,
        dragmode=False,
        font={"size": 14},
        annotations=[
            {**below, "text": "<br>".join(html(line) for line in listed), "yshift": -gap,
             "font": {"size": 13, "color": "#222222"}},
            {**below, "text": "<br>".join(html(line) for line in source),
             "yshift": -(2 * gap + list_px), "font": {"size": 11, "color": "#555555"}},
        ][1 if beside else 0 :],
    )  # fmt: skip
    if beside:  # as many stops as a slide holds (a long walk: the rest counted)
        shown = _fitting_beside(entries)
        rest = len(entries) - shown
        _set_beside(
            fig,
            [("", entry) for entry in entries[:shown]],
            _("en {n} andere").format(n=fmt.number(rest)) if rest > 0 else None,
        )
    return fig


def overview_chart(plekken: pd.DataFrame) -> go.Figure:
    """What the wijk has: plekken per type (bars), split by who runs them (beheer)."""
    _require(plekken, ("type", "beheer"), "de plekken")
    if plekken.empty:
        return _empty(_("Plekken naar type en beheer"))
    counts = plekken.groupby(["type", "beheer"]).size()
    types = [t for t in PLEK_TYPES if t in set(plekken["type"])][::-1]  # first type on top
    fig = go.Figure()
    for beheer in BEHEER:
        values = [int(counts.get((t, beheer), 0)) for t in types]
        if not any(values):
            continue
        fig.add_trace(
            go.Bar(
                y=[PLEK_TYPE_LABELS[t] for t in types],
                x=values,
                orientation="h",
                name=BEHEER_LABELS[beheer],
                marker_color=BEHEER_COLOURS[beheer],
                hovertemplate="%{y}: %{x} (" + BEHEER_LABELS[beheer].lower() + ")<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    _bar_axes(fig, [float(counts.groupby(level=0).sum().max())], [])
    # no axis title: on a chart of few types the legend (a share of the plot's height below
    # it) ran into "Aantal plekken"; the title says what is counted
    fig = _style(
        fig,
        _("Plekken naar type en beheer"),
        height=max(300, 200 + 32 * len(types)),
        legend_title=_("Beheer"),
    )
    # whole numbers of plekken on the axis
    return fig.update_xaxes(showticklabels=True, dtick=1, tickformat="d")


def add_compact_layer(
    fig: go.Figure,
    plekken: pd.DataFrame,
    stops: pd.DataFrame,
    held: pd.DataFrame | None = None,
    visible: bool | str = "legendonly",
) -> go.Figure:
    """The same layer in two legend entries, for the screens' area maps (a half-width column
    has no room for a legend per type): all plekken (coloured and shaped by type, the type in
    the hover) and all routes (one line, broken between routes)."""
    _require(plekken, ("naam", "type", "beheer", "lon", "lat"), "de plekken")
    by_plek = {k: g for k, g in held.groupby("plek_id")} if held is not None and len(held) else {}
    if len(plekken):
        styles = [type_style(str(t)) for t in plekken["type"]]
        fig.add_trace(
            go.Scattergeo(
                lon=plekken["lon"].to_numpy(float), lat=plekken["lat"].to_numpy(float),
                mode="markers", name=_("Plekken ({n})").format(n=fmt.number(len(plekken))),
                legendgroup="plekken",
                marker={"size": MARKER_SIZE - 2, "color": [c for c, _s in styles],
                        "symbol": [s for _c, s in styles], "line": {"width": 1, "color": "#ffffff"}},
                text=[plek_hover(r, by_plek.get(str(r.get("plek_id")))) for _i, r in plekken.iterrows()],
                customdata=plekken["plek_id"].to_numpy(object) if "plek_id" in plekken else None,
                hovertemplate="%{text}<extra></extra>", visible=visible,
            )
        )  # fmt: skip
    if len(stops):
        lon: list[float | None] = []
        lat: list[float | None] = []
        hover: list[str] = []
        ordered = stops.sort_values(["route_id", "volgnummer"])
        for _id, route in ordered.groupby("route_id", sort=True):
            title = html(route["route"].iloc[0])
            lon += [*route["lon"].astype(float), None]
            lat += [*route["lat"].astype(float), None]
            hover += [
                f"<b>{title}</b><br>" + _("stop {n}").format(n=int(n)) for n in route["volgnummer"]
            ] + [""]
        fig.add_trace(
            go.Scattergeo(
                lon=lon, lat=lat, mode="lines+markers",
                name=_("Routes ({n})").format(n=fmt.number(ordered["route_id"].nunique())),
                legendgroup="routes", line={"width": 3, "color": ROUTE_COLOUR},
                marker={"size": 6, "color": ROUTE_COLOUR}, hovertext=hover, hoverinfo="text",
                visible=visible,
            )
        )  # fmt: skip
    fig.update_layout(showlegend=True)
    return fig
