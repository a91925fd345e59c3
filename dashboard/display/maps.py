"""Choropleth maps as pure functions: GeoDataFrame + values -> Plotly figure.

Maps draw offline: polygons on a plain background (Plotly geo with the world
layer hidden, fitted to the areas). Missing values are drawn in grey as
"geen gegevens"; counts of persons below the small-number threshold are not
used to colour a cell (docs/DESIGN.md §7).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely

from dashboard import i18n
from dashboard.display import formatting as fmt
from dashboard.display.template import TEMPLATE
from dashboard.display.text import html
from dashboard.i18n import N_, _

# Colour-blind safe sequential scale (perceptually uniform, lightness rising with the value).
# Viridis, not Cividis: the middle of Cividis is a neutral grey, which the grey of "minder
# dan 5" could not be told apart from (tests/display/test_contrast.py).
COLORSCALE = "Viridis"
# The two areas without a colour differ from each other by more than 3:1 and from every
# Viridis colour: "geen gegevens" is a light grey, "minder dan 5" a mid grey (4.5:1 on white,
# 3.3:1 on the light grey). "Geen gegevens" was white, and its legend entry, a white square
# with an outline, looked like a checkbox to tick (seen at 1024×768).
MISSING_COLOUR = "#DDDDDD"
SUPPRESSED_COLOUR = "#767676"
# Every area is outlined in dark grey (10:1 on the white background, WCAG 2.1 1.4.11), so its
# shape shows whatever its fill, also a light Viridis yellow or an empty area.
OUTLINE_COLOUR = "#404040"
SELECTED_OUTLINE = "#D55E00"  # Okabe–Ito vermillion (3.9:1 on white), stands out against viridis

ATTRIBUTION_CBS = N_("Kaart: CBS/Kadaster, Wijk- en buurtkaart (CC-BY 4.0)")
ATTRIBUTION_FICTIEF = N_("Kaart: fictieve demogemeente (geen echte geometrie)")
ATTRIBUTION_FICTIEF_LAND = N_("Kaart: fictieve demogemeenten (geen echte geometrie)")

# Beyond this many areas (a national map) each area sends only its name as hover text and
# the browser adds the formatted value (d3-format with the Dutch separators): the full
# "<b>name</b><br>12,3 per 1.000 inwoners" for 14,700 buurten is 0.7 MB.
COMPACT_AREAS = 1_000

# Plotly fetches its world topojson even when the layer is hidden; the app serves
# a stub under /app/static/ so maps draw without internet (docs/STACK_NOTES.md).
# The mode bar's labels in Dutch (their accessible names too; WCAG 3.1.2). Streamlit's Plotly
# has no locales registered, so the dictionary travels with each chart (plotly.js `locales`).
# Numbers and dates follow the figure's own `separators`, not the locale.
PLOTLY_DUTCH = {
    "Autoscale": "Automatisch schalen",
    "Box Select": "Rechthoek selecteren",
    "Compare data on hover": "Gegevens vergelijken bij aanwijzen",
    "Double-click to zoom back out": "Dubbelklik om terug te zoomen",
    "Download plot": "Grafiek downloaden",
    "Download plot as a PNG": "Grafiek downloaden als PNG",
    "Image download succeeded": "Afbeelding gedownload",
    "Lasso Select": "Lasso selecteren",
    "Pan": "Verschuiven",
    "Preparing image - this may take a few seconds": "Afbeelding maken; dit duurt enkele seconden",
    "Reset": "Herstellen",
    "Reset axes": "Assen herstellen",
    "Reset view": "Weergave herstellen",
    "Reset views": "Weergaven herstellen",
    "Show closest data on hover": "Dichtstbijzijnde gegevens bij aanwijzen",
    "Sorry, there was a problem downloading your image!": "Het downloaden van de afbeelding is mislukt.",
    "Toggle Spike Lines": "Hulplijnen aan of uit",
    "Toggle show closest data on hover": "Dichtstbijzijnde gegevens aan of uit",
    "Zoom": "Zoomen",
    "Zoom in": "Inzoomen",
    "Zoom out": "Uitzoomen",
}
PLOTLY_CONFIG = {
    "topojsonURL": "/app/static/",
    "displaylogo": False,
    "locale": "nl",
    "locales": {"nl": {"dictionary": PLOTLY_DUTCH}},
}


def plotly_config() -> dict[str, object]:
    """Plotly's configuration for the run's language: its toolbar in Dutch, or its own English."""
    if i18n.current() == i18n.NL:
        return PLOTLY_CONFIG
    return {k: v for k, v in PLOTLY_CONFIG.items() if k not in ("locale", "locales")}


# From this many coloured areas on, the colour scale ends at a high percentile, not the maximum.
ROBUST_SCALE_AREAS = 50
ROBUST_PERCENTILE = 98


def colour_range(values: np.ndarray) -> tuple[float | None, float | None]:
    """(zmin, zmax) of the colour scale; (None, None): plotly's own (the data's min and max).

    On a map of many areas (all wijken of the country) the scale runs from the lowest
    value to the 98th percentile, so one extreme wijk does not flatten all others.
    """
    if len(values) < ROBUST_SCALE_AREAS:
        return None, None
    low, high = float(np.min(values)), float(np.percentile(values, ROBUST_PERCENTILE))
    return (low, high) if high > low else (None, None)


def legend_swatch(colour: str, label: str) -> go.Scattergeo:
    """The legend entry of the areas drawn in one `colour`: a square with the areas' outline.

    Plotly draws a choropleth's own legend entry as its fill alone, so a light fill was no
    swatch at all on the white legend (the white of "geen gegevens" was none). This entry has no points; it shares
    its legend group with the areas, so a click on it still hides and shows them."""
    return go.Scattergeo(
        lon=[None],
        lat=[None],
        mode="markers",
        marker={
            "symbol": "square",
            "size": 12,
            "color": colour,
            "line": {"color": OUTLINE_COLOUR, "width": 1},
        },
        hoverinfo="skip",
        showlegend=True,
        legendgroup=label,
        name=label,
    )


def choropleth(
    gdf: gpd.GeoDataFrame,
    values: pd.DataFrame,
    column: str,
    *,
    title: str,
    unit: str = "",
    decimals: int = 0,
    persons: bool = False,
    selected: str | None = None,
    attribution: str = ATTRIBUTION_CBS,
    key: str = "gebiedscode",
    text_column: str | None = None,
    labels: bool = True,
) -> go.Figure:
    """A choropleth of `values[column]` over the polygons of `gdf`, merged on `key`.

    `text_column` optionally names a column with the hover text of each value
    (for values that need words, such as "langer dan 3,2 jaar"). `labels`: the areas'
    names on the map, or numbers and a list under it (`add_area_labels`).
    """
    if column not in values.columns:
        raise ValueError(f"Kolom '{column}' ontbreekt in de waarden.")
    unknown = sorted(set(values[key]) - set(gdf[key]))
    if unknown:
        raise ValueError(f"Waarden voor gebieden zonder geometrie: {', '.join(unknown[:5])}")
    extra = [text_column] if text_column else []
    merged = gdf[[key, "naam", "geometry"]].merge(values[[key, column, *extra]], on=key, how="left")
    raw = pd.to_numeric(merged[column], errors="coerce").astype(float)
    missing = raw.isna().to_numpy()
    suppressed = (
        ((raw > 0) & (raw < fmt.SMALL_NUMBER_THRESHOLD)).to_numpy()
        if persons
        else np.zeros(len(raw), bool)
    )
    # the areas' counts add up to the total shown beside the map: a count hidden beside a
    # small one (formatting.hidden_parts) gets no colour and no number either
    if persons:
        codes_of = merged[[key]].rename(columns={key: "gebiedscode"})
        if "gemeentecode" in values.columns:
            codes_of = codes_of.merge(
                values[[key, "gemeentecode"]].rename(columns={key: "gebiedscode"}),
                on="gebiedscode",
                how="left",
            )
        keys, groups = fmt.area_scope(codes_of)
        found = fmt.hidden_parts(raw.tolist(), keys=keys, groups=groups)
        beside = np.asarray(found, bool) & ~suppressed
    else:
        beside = np.zeros(len(raw), bool)
    coloured = ~missing & ~suppressed & ~beside
    custom = [
        t if isinstance(t, str) and t else None
        for t in (merged[text_column] if text_column else [None] * len(merged))
    ]
    # a big map sends no hover text per area; the words of grey areas (missing) do not
    # count, they read "geen gegevens" there (769 of the country's 3,453 wijken have nobody
    # in a rol: with their words the national continuity maps were no longer compact)
    compact = len(merged) > COMPACT_AREAS and all(
        t is None for t, gone in zip(custom, missing, strict=True) if not gone
    )
    # the hover of a hidden count says so (in a compact map its own template does)
    custom = [fmt.SHARE_HIDDEN if h else t for t, h in zip(custom, beside, strict=True)]
    # names come from data (CBS files, an own indeling): escaped, so Plotly reads no tags
    names = [html(name) for name in merged["naam"].astype(str)]
    if compact:
        text = names
        shown = f"%{{z:,.{0 if persons else decimals}f}}"
        suffix = f" {unit}" if unit else ""
        templates = {
            "coloured": f"<b>%{{text}}</b><br>{shown}{suffix}<extra></extra>",
            "missing": f"<b>%{{text}}</b><br>{fmt.MISSING}<extra></extra>",
            "suppressed": f"<b>%{{text}}</b><br>{fmt.persons(1)}{suffix}<extra></extra>",
            "hidden": f"<b>%{{text}}</b><br>{fmt.SHARE_HIDDEN}<extra></extra>",
        }
    else:
        text = [
            _hover(name, value, unit, decimals, persons, extra_text)
            for name, value, extra_text in zip(names, raw, custom, strict=True)
        ]
        templates = dict.fromkeys(
            ("coloured", "missing", "suppressed", "hidden"), "%{text}<extra></extra>"
        )
    # Each trace carries only its own polygons: the geometry is most of the bytes sent
    # to the browser, so it must not travel twice.
    features = geojson(merged, key)["features"]
    if compact:
        # plotly.js reads only the id and geometry of a feature (it builds its own Feature
        # objects); on a national map "type": "Feature" alone would be 0.25 MB.
        features = [{"id": f["id"], "geometry": f["geometry"]} for f in features]
    codes = merged[key].to_numpy()

    def shapes(mask: np.ndarray) -> dict:
        return {"type": "FeatureCollection", "features": _features_of(features, codes[mask])}

    # thinner on a map of thousands of areas, where dark lines would cover the fills
    line_width = 0.3 if compact else 0.8

    def outline(mask: np.ndarray) -> dict:
        # One width and colour for all, unless the selected area is among them.
        if selected is None or not (codes[mask] == selected).any():
            return {"width": line_width, "color": OUTLINE_COLOUR}
        chosen = codes[mask] == selected
        return {
            "width": np.where(chosen, 4.0, line_width),
            "color": np.where(chosen, SELECTED_OUTLINE, OUTLINE_COLOUR),
        }

    values_shown = raw.to_numpy()[coloured]
    zmin, zmax = colour_range(values_shown)
    scale_title = unit or title
    if zmax is not None and zmax < values_shown.max():
        # a few outliers would leave every other area in the same dark colour
        scale_title += _(" (vanaf {value}: felste kleur)").format(value=fmt.number(zmax, decimals))
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            geojson=shapes(coloured),
            locations=codes[coloured],
            # single precision is plenty for a colour and a rounded hover value
            z=values_shown.astype(np.float32) if compact else values_shown,
            text=np.asarray(text, dtype=object)[coloured],
            hovertemplate=templates["coloured"],
            colorscale=COLORSCALE,
            zmin=zmin,
            zmax=zmax,
            marker={"line": outline(coloured)},
            # a horizontal colour bar under the map leaves the full width to the polygons
            colorbar={
                "title": {"text": scale_title, "side": "top"},
                "separatethousands": True,
                "orientation": "h",
                "y": -0.02,
                "yanchor": "top",
                "x": 0.0,
                "xanchor": "left",
                "len": 0.75,
                "thickness": 14,
            },
            name=title,
            showscale=bool(coloured.any()),
        )
    )
    for mask, colour, label, template in (
        (missing, MISSING_COLOUR, fmt.MISSING, templates["missing"]),
        (
            suppressed,
            SUPPRESSED_COLOUR,
            _("minder dan {n}").format(n=fmt.SMALL_NUMBER_THRESHOLD),
            templates["suppressed"],
        ),
        (beside, SUPPRESSED_COLOUR, fmt.SHARE_HIDDEN, templates["hidden"]),
    ):
        if mask.any():
            fig.add_trace(
                go.Choropleth(
                    geojson=shapes(mask),
                    locations=codes[mask],
                    z=np.zeros(int(mask.sum()), dtype=np.int8 if compact else float),
                    text=np.asarray(text, dtype=object)[mask],
                    hovertemplate=template,
                    colorscale=[[0, colour], [1, colour]],
                    marker={"line": outline(mask)},
                    showscale=False,
                    showlegend=False,
                    legendgroup=label,
                    name=label,
                )
            )
            fig.add_trace(legend_swatch(colour, label))
    notes = [_(attribution)]
    shapeless = int(merged.geometry.isna().sum())
    if shapeless:
        notes.insert(0, _("{n} gebied(en) zonder kaartvorm, niet getekend").format(n=shapeless))
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    fig.update_layout(
        template=TEMPLATE,
        margin={"l": 0, "r": 0, "t": 10, "b": 110},
        height=600,
        separators=fmt.plotly_separators(),
        font={"size": 14},
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": 1.0,
            "x": 0.0,
            "bgcolor": "rgba(255,255,255,0.7)",
        },
        dragmode=False,
        annotations=[
            {
                "text": " · ".join(notes),
                "xref": "paper",
                "yref": "paper",
                "x": 1.0,
                "y": -0.2,
                "xanchor": "right",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 11, "color": "#555555"},
            }
        ],
    )
    if labels:
        low = zmin if zmin is not None else (values_shown.min() if len(values_shown) else 0.0)
        high = zmax if zmax is not None else (values_shown.max() if len(values_shown) else 0.0)
        middle = (low + high) / 2
        dark = codes[coloured][values_shown < middle] if high > low else codes[coloured][:0]
        # white names on the grey of "minder dan 5" (4.5:1; dark ones would be 4.2:1)
        dark = np.concatenate([dark, codes[suppressed | beside]])
        add_area_labels(fig, gdf, key, frozenset(dark.tolist()))
    return fig


def _features_of(features: list[dict], codes: np.ndarray) -> list[dict]:
    """The features whose id is one of `codes` (areas without a shape have none)."""
    wanted = set(codes.tolist())
    return [f for f in features if f["id"] in wanted]


def _hover(
    name: str, value: float, unit: str, decimals: int, persons: bool, text: str | None = None
) -> str:
    if text:  # the caller's words for this value, e.g. "langer dan 3,2 jaar"
        return f"<b>{name}</b><br>{html(text)}"
    if np.isnan(value):
        shown = fmt.MISSING
    elif persons:
        shown = fmt.persons(int(round(value)))
    else:
        shown = fmt.number(value, decimals)
    suffix = f" {unit}" if unit and shown != fmt.MISSING else ""
    return f"<b>{name}</b><br>{shown}{suffix}"


def geojson(gdf: gpd.GeoDataFrame, key: str = "gebiedscode") -> dict:
    """A GeoJSON FeatureCollection whose feature ids are the area codes (Plotly's default featureidkey).

    Features carry no properties: the id is all a map needs, and every byte goes to
    the browser (14,700 buurten x a property each is 0.4 MB).
    """
    features = []
    for code, shape in zip(gdf[key], gdf.geometry, strict=True):
        if shape is None or shape.is_empty:
            continue
        features.append({"type": "Feature", "id": code, "geometry": shape.__geo_interface__})
    return {"type": "FeatureCollection", "features": features}


# --- Names on the map (issue 14 item 2) ----------------------------------------------
# A map read on a projector or on paper has no hover, so areas carry their names. The
# figure does not know how wide the browser will draw it, so the rule assumes the smallest
# map box the app draws: a half-width map column (Continuïteit, Dekking) at 1024×768,
# about 270 px wide, and the plot area of a 600 px map (480 px tall). A name is written inside its area when it fits
# the area's largest inscribed circle at that size, on one line or broken over two at a
# space or hyphen; otherwise the area gets a number, and the numbered names are listed
# under the map, in the figure itself, so exports and screenshots carry them too. A map
# of many areas (a whole country) gets no names: hover and the table name them.
LABEL_FONT_PX = 12
LABEL_CHAR_PX = 0.56 * LABEL_FONT_PX  # the average width of a character of the map font
LABEL_BOX_PX = (270.0, 480.0)
# a name may run a little past the inscribed circle, into the wider parts of its area
LABEL_SPILL = 1.2
MAX_LABELLED_AREAS = 60
# dark text with a light halo on light fills, white text with a dark halo on the dark half
# of Viridis (its lightness rises evenly with the value, so the middle splits dark from light)
LABEL_COLOURS = {False: "#111111", True: "#ffffff"}
LABEL_HALOS = {
    False: "0px 0px 2px #ffffff, 0px 0px 3px #ffffff",
    True: "0px 0px 2px #000000, 0px 0px 3px #000000",
}
LEGEND_LINE_CHARS = 52
LEGEND_LINE_PX = 20  # plotly's line height for 12 px text is about 18 px
WEB_MERCATOR = "EPSG:3857"


@dataclass(frozen=True)
class AreaLabel:
    """What is written on one area: its name (maybe over two lines) or its number."""

    code: str
    lon: float
    lat: float
    text: str  # plain text from data; escaped only where it goes into the figure
    number: int | None = None  # set when the name did not fit and stands in the list


def _lines(name: str) -> list[list[str]]:
    """The ways to write a name: on one line, or broken once at a space or after a hyphen."""
    options = [[name]]
    for i, c in enumerate(name):
        if c == " ":
            options.append([name[:i], name[i + 1 :]])
        elif c == "-" and 0 < i < len(name) - 1:
            options.append([name[: i + 1], name[i + 1 :]])
    return options


def _fits(lines: list[str], radius_px: float) -> bool:
    width = max(len(line) for line in lines) * LABEL_CHAR_PX
    height = len(lines) * LABEL_FONT_PX * 1.2
    return width <= 2 * radius_px * LABEL_SPILL and height <= 2 * radius_px


def area_labels(
    gdf: gpd.GeoDataFrame, key: str = "gebiedscode", box_px: tuple[float, float] = LABEL_BOX_PX
) -> list[AreaLabel]:
    """Where and what to write on each area of a map (none for a map of many areas).

    Names that fit stand in their area; the others get their number in the alphabetical
    order of all the map's names, so the list under the map reads like an index and an area
    has the same number on every map of its gemeente, however many names fit (a policy
    maker found "2 Lindenhof" on one screen and "2 Hoogveld" on the next).
    """
    shaped = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]
    if shaped.empty or len(shaped) > MAX_LABELLED_AREAS:
        return []
    metres = shaped.to_crs(WEB_MERCATOR)
    x0, y0, x1, y1 = metres.total_bounds
    # plotly's fitbounds scales the areas' box into the plot area, keeping proportions
    px_per_m = min(box_px[0] / max(x1 - x0, 1.0), box_px[1] / max(y1 - y0, 1.0))
    geoms = metres.geometry.to_numpy()
    circles = shapely.maximum_inscribed_circle(geoms, tolerance=max(x1 - x0, y1 - y0) / 2000)
    centres = shapely.get_point(circles, 0)
    radii = shapely.length(circles) * px_per_m
    lonlat = gpd.GeoSeries(centres, crs=WEB_MERCATOR).to_crs(4326)
    placed: list[AreaLabel] = []
    for code, name, point, radius in zip(
        shaped[key], shaped["naam"].astype(str), lonlat, radii, strict=True
    ):
        lines = next((ls for ls in _lines(name) if _fits(ls, radius)), None)
        text = name if lines is None else "\n".join(lines)
        placed.append(AreaLabel(str(code), point.x, point.y, text, None if lines else -1))
    alphabetical = sorted(zip(shaped["naam"].astype(str), shaped[key].astype(str), strict=True),
                          key=lambda pair: pair[0].casefold())  # fmt: skip
    numbers = {code: n for n, (_name, code) in enumerate(alphabetical, start=1)}
    return [replace(a, number=numbers[a.code]) if a.number is not None else a for a in placed]


def legend_lines(labels: list[AreaLabel], line_chars: int = LEGEND_LINE_CHARS) -> list[str]:
    """The numbered names under the map ("1 Begijnhof · 2 Havenkom"), as plain text lines."""
    return joined_lines(
        [f"{a.number} {a.text}" for a in sorted(labels, key=lambda a: a.number or 0) if a.number],
        line_chars,
    )


def joined_lines(entries: list[str], line_chars: int = LEGEND_LINE_CHARS) -> list[str]:
    """Entries joined by " · " into lines of at most `line_chars` (a longer entry alone)."""
    lines: list[str] = []
    for entry in entries:
        if lines and len(lines[-1]) + 3 + len(entry) <= line_chars:
            lines[-1] += f" · {entry}"
        else:
            lines.append(entry)
    return lines


def add_area_labels(
    fig: go.Figure,
    gdf: gpd.GeoDataFrame,
    key: str = "gebiedscode",
    dark: frozenset[str] = frozenset(),
    box_px: tuple[float, float] = LABEL_BOX_PX,
    line_chars: int = LEGEND_LINE_CHARS,
) -> None:
    """Write the areas' names (or numbers) on a map figure, and the numbered names under it.

    `dark`: the codes of areas drawn in a dark colour, whose label is white. `box_px` and
    `line_chars`: the smallest plot area the figure is drawn in, and the characters of a
    line of the list under it (a small map in a narrow column gets fewer).
    Names are text from data: escaped for Plotly, which reads tags in text (`text.html`).
    The labels take no hover and no clicks, so a click still selects the area under them.
    """
    labels = area_labels(gdf, key, box_px)
    if not labels:
        return
    # one trace per text colour: plotly takes one halo per trace
    for on_dark in (False, True):
        shown = [a for a in labels if (a.code in dark) == on_dark]
        if not shown:
            continue
        fig.add_trace(
            go.Scattergeo(
                lon=[a.lon for a in shown],
                lat=[a.lat for a in shown],
                text=[
                    str(a.number)
                    if a.number
                    else "<br>".join(html(line) for line in a.text.split("\n"))
                    for a in shown
                ],
                mode="text",
                textfont={
                    "size": LABEL_FONT_PX,
                    "color": LABEL_COLOURS[on_dark],
                    "shadow": LABEL_HALOS[on_dark],
                },
                hoverinfo="skip",
                showlegend=False,
                name="namen",
            )
        )
    lines = legend_lines(labels, line_chars)
    if not lines:
        return
    # the list goes under everything else: the figure grows by its lines, the map stays
    layout = fig.layout
    margin_b = layout.margin.b or 0
    plot_px = (layout.height or 450) - (layout.margin.t or 0) - margin_b
    extra = LEGEND_LINE_PX * (len(lines) + 1)
    fig.add_annotation(
        text="<br>".join(html(line) for line in lines),
        xref="paper",
        yref="paper",
        x=0.0,
        y=-(margin_b + 4) / plot_px,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": 12, "color": "#222222"},
    )
    fig.update_layout(height=(layout.height or 450) + extra, margin={"b": margin_b + extra})
