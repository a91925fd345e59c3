"""Choropleth maps as pure functions: GeoDataFrame + values -> Plotly figure.

Maps draw offline: polygons on a plain background (Plotly geo with the world
layer hidden, fitted to the areas). Missing values are drawn in grey as
"geen gegevens"; counts of persons below the small-number threshold are not
used to colour a cell (DESIGN §7).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting as fmt
from dashboard.geo import geojson

# Colour-blind safe sequential scale (perceptually uniform, readable in grey).
COLORSCALE = "Cividis"
MISSING_COLOUR = "#d9d9d9"
SUPPRESSED_COLOUR = "#f0f0f0"
OUTLINE_COLOUR = "#ffffff"
SELECTED_OUTLINE = "#d55e00"  # Okabe–Ito vermillion, stands out against cividis

ATTRIBUTION_CBS = "Kaart: CBS/Kadaster, Wijk- en buurtkaart (CC-BY 4.0)"
ATTRIBUTION_FICTIEF = "Kaart: fictieve demogemeente (geen echte geometrie)"

# Plotly fetches its world topojson even when the layer is hidden; the app serves
# a stub under /app/static/ so maps draw without internet (STACK_NOTES).
PLOTLY_CONFIG = {"topojsonURL": "/app/static/", "displaylogo": False, "locale": "nl"}


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
    text = [
        _hover(name, value, unit, decimals, persons)
        for name, value in zip(merged["naam"], raw, strict=True)
    ]
    shapes = geojson(merged, key)
    codes = merged[key].to_numpy()
    widths = np.where(codes == selected, 4.0, 0.8)
    lines = np.where(codes == selected, SELECTED_OUTLINE, OUTLINE_COLOUR)

    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            geojson=shapes,
            locations=codes[coloured],
            z=raw[coloured],
            text=np.asarray(text, dtype=object)[coloured],
            hovertemplate="%{text}<extra></extra>",
            colorscale=COLORSCALE,
            marker={"line": {"width": widths[coloured], "color": lines[coloured]}},
            # a horizontal colour bar under the map leaves the full width to the polygons
            colorbar={
                "title": {"text": unit or title, "side": "top"},
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
    for mask, colour, label in (
        (missing, MISSING_COLOUR, fmt.MISSING),
        (suppressed, SUPPRESSED_COLOUR, f"minder dan {fmt.SMALL_NUMBER_THRESHOLD}"),
    ):
        if mask.any():
            fig.add_trace(
                go.Choropleth(
                    geojson=shapes,
                    locations=codes[mask],
                    z=np.zeros(int(mask.sum())),
                    text=np.asarray(text, dtype=object)[mask],
                    hovertemplate="%{text}<extra></extra>",
                    colorscale=[[0, colour], [1, colour]],
                    marker={"line": {"width": widths[mask], "color": lines[mask]}},
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


def _hover(name: str, value: float, unit: str, decimals: int, persons: bool) -> str:
    if np.isnan(value):
        shown = fmt.MISSING
    elif persons:
        shown = fmt.persons(int(round(value)))
    else:
        shown = fmt.number(value, decimals)
    suffix = f" {unit}" if unit and shown != fmt.MISSING else ""
    return f"<b>{name}</b><br>{shown}{suffix}"
