"""A street map under the map of what the wijk has (issue 16): MapLibre tiles from a
configured XYZ source (the PDOK BRT-Achtergrondkaart by default), with its attribution.

Pure: the tile of a point, the MapLibre style of a raster source (no style.json to fetch,
STACK_NOTES "Plotly maps offline"), and the figure. Whether the tiles can be reached is the
UI's question (`dashboard.ui.basemap`); without them the geo map of
`charts.asset_map` is drawn, as before.
"""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from dashboard.display.charts.wijk import (
    ASSET_MAP_MARGIN,
    MARKER_SIZE,
    PLEK_NUMBER_COLOUR,
    PLEK_NUMBER_SIZE,
    ROUTE_COLOUR,
    labelled,
    outline,
    plek_hover,
    type_style,
)
from dashboard.display.labels import PLEK_TYPE_LABELS
from dashboard.display.template import TEMPLATE
from dashboard.display.text import html
from dashboard.domain.codes import PLEK_TYPES
from dashboard.i18n import _

# the tile of the middle of the Netherlands at zoom 6: what the UI asks to see if tiles come
PROBE = (5.3, 52.1, 6)
MAX_ZOOM = 17


def tile_of(lon: float, lat: float, zoom: int) -> tuple[int, int]:
    """The XYZ (Web Mercator) tile holding a point at a zoom level."""
    n = 2**zoom
    x = int((lon + 180.0) / 360.0 * n)
    rad = math.radians(lat)
    y = int((1.0 - math.log(math.tan(rad) + 1.0 / math.cos(rad)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def tile_url(template: str, zoom: int, x: int, y: int) -> str:
    """A template with {z}, {x} and {y} filled in."""
    return template.replace("{z}", str(zoom)).replace("{x}", str(x)).replace("{y}", str(y))


def map_style(template: str, attribution: str) -> dict[str, object]:
    """A MapLibre style of one raster tile source: nothing else is fetched."""
    return {
        "version": 8,
        "sources": {
            "achtergrond": {
                "type": "raster",
                "tiles": [template],
                "tileSize": 256,
                "attribution": attribution,
                "maxzoom": 19,
            }
        },
        "layers": [{"id": "achtergrond", "type": "raster", "source": "achtergrond"}],
    }


def zoom_for(bounds: tuple[float, float, float, float], width_px: int = 500) -> float:
    """The zoom at which the bounds fill about `width_px` (and as much in height)."""
    lon0, lat0, lon1, lat1 = bounds
    span_lon = max(lon1 - lon0, 1e-4)
    span_lat = max(lat1 - lat0, 1e-4) / math.cos(math.radians((lat0 + lat1) / 2))
    span = max(span_lon, span_lat)
    # MapLibre's zoom counts 512-pixel tiles: at zoom z the world is 512 · 2^z pixels wide
    return float(min(MAX_ZOOM, math.log2(360.0 * width_px / 512.0 / span) - 0.3))


def asset_tile_map(
    shapes: gpd.GeoDataFrame,
    code: str,
    plekken: pd.DataFrame,
    stops: pd.DataFrame,
    held: pd.DataFrame | None,
    template: str,
    attribution: str,
    map_attribution: str,
) -> go.Figure:
    """The area with its plekken and routes on a street map; the same legend as the geo map."""
    area = shapes[shapes["gebiedscode"] == code]
    lon, lat = outline(area.geometry.iloc[0])
    fig = go.Figure(
        go.Scattermap(
            lon=lon, lat=lat, mode="lines", fill="toself", fillcolor="rgba(255,255,255,0.15)",
            line={"width": 2.5, "color": "#222222"}, hoverinfo="skip", showlegend=False,
        )
    )  # fmt: skip
    # the routes under the plekken and without stop numbers, as on the offline map
    # (charts.add_asset_layer): their numbers lay on the plekken's
    for _route_id, route in stops.sort_values(["route_id", "volgnummer"]).groupby("route_id"):
        fig.add_trace(
            go.Scattermap(
                lon=route["lon"].to_numpy(float), lat=route["lat"].to_numpy(float),
                mode="lines+markers", name=html(route["route"].iloc[0]),
                legendgroup="routes", legendgrouptitle_text=_("Routes"), legendrank=2000,
                line={"width": 4, "color": ROUTE_COLOUR}, marker={"size": 9, "color": ROUTE_COLOUR},
                hovertext=[html(s) if isinstance(s, str) else "stop" for s in route["stop"]],
                hoverinfo="text",
            )
        )  # fmt: skip
    by_plek = {k: g for k, g in held.groupby("plek_id")} if held is not None and len(held) else {}
    west, south, east, north = (float(v) for v in area.total_bounds)
    bounds = (west, south, east, north)
    plekken = labelled(plekken, bounds)  # the numbers of the offline map and the table
    for plek_type in [t for t in PLEK_TYPES if t in set(plekken["type"])]:
        rows = plekken[plekken["type"] == plek_type]
        colour, _symbol = type_style(plek_type)
        fig.add_trace(
            go.Scattermap(
                lon=rows["lon"].to_numpy(float), lat=rows["lat"].to_numpy(float),
                mode="markers+text", name=PLEK_TYPE_LABELS[plek_type], legendgroup="plekken",
                legendgrouptitle_text=_("Plekken"),
                marker={"size": MARKER_SIZE + 2, "color": colour},
                # one position per trace: a street map takes no list of them
                text=rows["label"].to_list(), textposition="top right",
                textfont={"size": PLEK_NUMBER_SIZE + 1, "color": PLEK_NUMBER_COLOUR},
                hovertext=[plek_hover(r, by_plek.get(str(r.get("plek_id")))) for _i, r in rows.iterrows()],
                customdata=rows["plek_id"].to_numpy(object) if "plek_id" in rows else None,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )  # fmt: skip
    fig.update_layout(
        map={
            "style": map_style(template, attribution),
            "center": {"lon": (bounds[0] + bounds[2]) / 2, "lat": (bounds[1] + bounds[3]) / 2},
            "zoom": zoom_for(bounds),
        },
        template=TEMPLATE,
        margin=ASSET_MAP_MARGIN,
        height=460,
        separators=",.",
        font={"size": 14},
        showlegend=True,
        legend={"groupclick": "toggleitem",
                "font": {"size": 12}},
        annotations=[
            {
                # both sources, below the map (MapLibre's own control shows the tiles' too)
                "text": html(f"{attribution} · {_(map_attribution)}"),
                "xref": "paper", "yref": "paper", "x": 0.0, "y": -0.02, "xanchor": "left",
                "yanchor": "top", "showarrow": False, "font": {"size": 11, "color": "#555555"},
            }
        ],
    )  # fmt: skip
    return fig
