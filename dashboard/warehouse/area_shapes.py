"""Read area geometry from the database (WKB in WGS84) into GeoDataFrames, simplified for maps.

Maps do not need the stored detail: `display_gebieden` simplifies per zoom level,
without gaps between neighbours (`shapely.coverage_simplify` in RD metres, before
reprojecting), and rounds the coordinates to a grid that matches (docs/STACK_NOTES.md).
One gemeente gets about a pixel of detail on a map of its own extent; the whole
country a much coarser shape, so a national map of every buurt stays a few MB.
"""

from __future__ import annotations

import math

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from dashboard.domain.codes import LEVELS, RD_NEW, WGS84

# A map column is about this many pixels across; simplifying to one pixel of the extent
# shown is invisible (one gemeente: ~10 m; the whole country: ~470 m).
MAP_PIXELS = 600
# Bounds of the simplification tolerance in metres (a street corner; a small village).
MIN_TOLERANCE_M = 5.0
MAX_TOLERANCE_M = 1_000.0
METRES_PER_DEGREE = 111_000.0


def read_gebieden(
    con: duckdb.DuckDBPyConnection, level: str, gemeente: str | None = None
) -> gpd.GeoDataFrame:
    """Areas of one level (optionally one gemeente) with their geometry (None where none is stored)."""
    if level not in LEVELS:
        raise ValueError(f"Onbekend niveau '{level}'. Kies uit: {', '.join(LEVELS)}.")
    return wkb_frame(query_wkb(con, level, gemeente).to_pandas())


def query_wkb(con: duckdb.DuckDBPyConnection, level: str, gemeente: str | None) -> pa.Table:
    """The database part of `read_gebieden`: codes, names and WKB of one level."""
    # Arrow keeps the BLOB as bytes; the .df() path gives bytearray, which shapely refuses.
    return con.sql(
        "select gebiedscode, naam, gemeentecode, wijkcode, geom_wkb from int_gebied"
        " where niveau = $niveau and ($gemeente is null or gemeentecode = $gemeente)"
        " order by gebiedscode",
        params={"niveau": level, "gemeente": gemeente},
    ).to_arrow_table()


def display_gebieden(
    con: duckdb.DuckDBPyConnection, level: str, gemeente: str | None = None
) -> gpd.GeoDataFrame:
    """Areas of one level as a map draws them: simplified for the extent shown (one gemeente or all).

    On the national wijk map a name gets its gemeente, "Centrum (Lindenwaard)": many
    gemeenten have a Centrum. (Not on the buurt map: 14,700 longer names would add about
    0,2 MB to a map that is already at its 3 MB budget.)
    """
    gdf = read_gebieden(con, level, gemeente)
    if gemeente is None and level == "wijk":
        names = dict(con.sql("select gemeentecode, naam from gemeente").fetchall())
        gdf["naam"] = gdf["naam"] + " (" + gdf["gemeentecode"].map(names).fillna("?") + ")"
    return simplify_for_display(gdf, display_tolerance_m(gdf))


def display_tolerance_m(gdf: gpd.GeoDataFrame) -> float:
    """About one pixel of a map showing all of `gdf`, in metres."""
    shapes = gdf.geometry.dropna()
    if shapes.empty:
        return MIN_TOLERANCE_M
    lon0, lat0, lon1, lat1 = shapes.total_bounds
    width = (lon1 - lon0) * METRES_PER_DEGREE * math.cos(math.radians((lat0 + lat1) / 2))
    height = (lat1 - lat0) * METRES_PER_DEGREE
    return float(np.clip(max(width, height) / MAP_PIXELS, MIN_TOLERANCE_M, MAX_TOLERANCE_M))


def grid_degrees(tolerance_m: float) -> float:
    """A coordinate grid (a power of ten, in degrees) finer than half the tolerance: rounding moves
    a vertex less than a pixel, and neighbours share their rounded vertices, so no gaps open."""
    return 10.0 ** math.floor(math.log10(tolerance_m / 2 / METRES_PER_DEGREE))


def simplify_for_display(gdf: gpd.GeoDataFrame, tolerance_m: float) -> gpd.GeoDataFrame:
    """Simplify a coverage without gaps (RD metres), back to WGS84 on a grid; shapes never vanish.

    Areas are CBS (or CBS-built) polygons that share their borders; an area that the
    coverage simplification or the grid would make invalid or empty keeps its stored shape.
    """
    shaped = gdf.geometry.notna().to_numpy() & ~gdf.geometry.is_empty.to_numpy()
    if not shaped.any():
        return gdf
    stored = gdf.geometry.to_numpy()[shaped]
    rd = gpd.GeoSeries(stored, crs=WGS84).to_crs(RD_NEW).to_numpy()
    simple = shapely.coverage_simplify(rd, tolerance_m)
    back = gpd.GeoSeries(simple, crs=RD_NEW).to_crs(WGS84).to_numpy()
    rounded = shapely.set_precision(back, grid_degrees(tolerance_m))
    lost = shapely.is_empty(rounded) | ~shapely.is_valid(rounded)
    rounded[lost] = stored[lost]
    geometry = gdf.geometry.to_numpy().copy()
    geometry[shaped] = rounded
    return gdf.set_geometry(gpd.GeoSeries(geometry, index=gdf.index, crs=WGS84))


def wkb_frame(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """Turn a frame with a `geom_wkb` column of WKB bytes into a GeoDataFrame in EPSG:4326."""
    if "geom_wkb" not in frame.columns:
        raise ValueError("Geen geometriekolom 'geom_wkb' in de gegevens.")
    wkb = [None if value is None else bytes(value) for value in frame["geom_wkb"]]
    geometry = gpd.GeoSeries.from_wkb(wkb, crs=WGS84)
    return gpd.GeoDataFrame(frame.drop(columns="geom_wkb"), geometry=geometry, crs=WGS84)
