"""Read area geometry from the database (WKB in WGS84) into GeoDataFrames, and GeoJSON for maps."""

from __future__ import annotations

import duckdb
import geopandas as gpd
import pandas as pd

GEO_LEVELS: tuple[str, ...] = ("gemeente", "wijk", "buurt", "eigen")


def read_gebieden(
    con: duckdb.DuckDBPyConnection, level: str, gemeente: str | None = None
) -> gpd.GeoDataFrame:
    """Areas of one level (optionally one gemeente) with their geometry (None where none is stored)."""
    if level not in GEO_LEVELS:
        raise ValueError(f"Onbekend niveau '{level}'. Kies uit: {', '.join(GEO_LEVELS)}.")
    # Arrow keeps the BLOB as bytes; the .df() path gives bytearray, which shapely refuses.
    table = con.sql(
        "select gebiedscode, naam, gemeentecode, wijkcode, geom_wkb from stg_gebied"
        " where niveau = $niveau and ($gemeente is null or gemeentecode = $gemeente)"
        " order by gebiedscode",
        params={"niveau": level, "gemeente": gemeente},
    ).to_arrow_table()
    return wkb_frame(table.to_pandas())


def wkb_frame(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """Turn a frame with a `geom_wkb` column of WKB bytes into a GeoDataFrame in EPSG:4326."""
    if "geom_wkb" not in frame.columns:
        raise ValueError("Geen geometriekolom 'geom_wkb' in de gegevens.")
    wkb = [None if value is None else bytes(value) for value in frame["geom_wkb"]]
    geometry = gpd.GeoSeries.from_wkb(wkb, crs=4326)
    return gpd.GeoDataFrame(frame.drop(columns="geom_wkb"), geometry=geometry, crs=4326)


def geojson(gdf: gpd.GeoDataFrame, key: str = "gebiedscode") -> dict:
    """A GeoJSON FeatureCollection whose feature ids are the area codes (Plotly's default featureidkey)."""
    shaped = gdf[[key, "geometry"]].set_index(key, drop=False)
    collection = shaped.__geo_interface__
    for feature in collection["features"]:
        feature["id"] = feature["properties"][key]
    return collection
