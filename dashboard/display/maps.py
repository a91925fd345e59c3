"""Choropleth maps as pure functions: GeoDataFrame + values -> Plotly figure.

Maps draw offline: polygons on a plain background (Plotly geo with the world
layer hidden, fitted to the areas). Missing values are drawn in grey as
"geen gegevens"; counts of persons below the small-number threshold are not
used to colour a cell (docs/DESIGN.md §7).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.display import formatting as fmt
from dashboard.display.text import html

# Colour-blind safe sequential scale (perceptually uniform, readable in grey).
COLORSCALE = "Cividis"
MISSING_COLOUR = "#d9d9d9"
SUPPRESSED_COLOUR = "#f0f0f0"
OUTLINE_COLOUR = "#ffffff"
SELECTED_OUTLINE = "#d55e00"  # Okabe–Ito vermillion, stands out against cividis

ATTRIBUTION_CBS = "Kaart: CBS/Kadaster, Wijk- en buurtkaart (CC-BY 4.0)"
ATTRIBUTION_FICTIEF = "Kaart: fictieve demogemeente (geen echte geometrie)"
ATTRIBUTION_FICTIEF_LAND = "Kaart: fictieve demogemeenten (geen echte geometrie)"

# Beyond this many areas (a national map) each area sends only its name as hover text and
# the browser adds the formatted value (d3-format with the Dutch separators): the full
# "<b>name</b><br>12,3 per 1.000 inwoners" for 14,700 buurten is 0.7 MB.
COMPACT_AREAS = 1_000

# Plotly fetches its world topojson even when the layer is hidden; the app serves
# a stub under /app/static/ so maps draw without internet (docs/STACK_NOTES.md).
PLOTLY_CONFIG = {"topojsonURL": "/app/static/", "displaylogo": False, "locale": "nl"}


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
) -> go.Figure:
    """A choropleth of `values[column]` over the polygons of `gdf`, merged on `key`.

    `text_column` optionally names a column with the hover text of each value
    (for values that need words, such as "langer dan 3,2 jaar").
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
    coloured = ~missing & ~suppressed
    custom = [
        t if isinstance(t, str) and t else None
        for t in (merged[text_column] if text_column else [None] * len(merged))
    ]
    compact = len(merged) > COMPACT_AREAS and all(t is None for t in custom)
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
        }
    else:
        text = [
            _hover(name, value, unit, decimals, persons, extra_text)
            for name, value, extra_text in zip(names, raw, custom, strict=True)
        ]
        templates = dict.fromkeys(("coloured", "missing", "suppressed"), "%{text}<extra></extra>")
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

    def outline(mask: np.ndarray) -> dict:
        # One width and colour for all, unless the selected area is among them.
        if selected is None or not (codes[mask] == selected).any():
            return {"width": 0.8, "color": OUTLINE_COLOUR}
        chosen = codes[mask] == selected
        return {
            "width": np.where(chosen, 4.0, 0.8),
            "color": np.where(chosen, SELECTED_OUTLINE, OUTLINE_COLOUR),
        }

    values_shown = raw.to_numpy()[coloured]
    zmin, zmax = colour_range(values_shown)
    scale_title = unit or title
    if zmax is not None and zmax < values_shown.max():
        # a few outliers would leave every other area in the same dark colour
        scale_title += f" (vanaf {fmt.number(zmax, decimals)}: felste kleur)"
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
            f"minder dan {fmt.SMALL_NUMBER_THRESHOLD}",
            templates["suppressed"],
        ),
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
                    showlegend=True,
                    name=label,
                )
            )
    notes = [attribution]
    shapeless = int(merged.geometry.isna().sum())
    if shapeless:
        notes.insert(0, f"{shapeless} gebied(en) zonder kaartvorm, niet getekend")
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 10, "b": 110},
        height=600,
        separators=",.",
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
