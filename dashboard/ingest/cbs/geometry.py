"""Area geometry of a CBS file: coordinates detected (RD New or WGS84), shapes made valid and
simplified without gaps between neighbours, missing levels dissolved from finer ones.

Simplifying happens in RD New (metres); what leaves this module is WGS84.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.errors import GEOSException

from dashboard.domain.codes import CBS_LEVELS, RD_NEW, WGS84
from dashboard.ingest.cbs.columns import CODE_COLUMN, PLURAL
from dashboard.ingest.cbs.messages import count, error, short, verb

# coverage_simplify tolerance in RD metres: invisible on a city map, removes most survey detail.
SIMPLIFY_TOLERANCE_M = 10.0
# Holes narrower than this in a union of parts that do not share edges are gaps, not enclaves.
SLIVER_WIDTH_M = 100.0
# About 0.1 m in WGS84 degrees: finer than any map needs, coarse enough to shrink the JSON.
PRECISION_DEG = 1e-6
_POLYGONAL_TYPE_IDS = (3, 6)  # Polygon, MultiPolygon
_COLLECTION_TYPE_ID = 7


def display_geometry(
    path: Path, areas: dict[str, gpd.GeoDataFrame], meldingen: list[str]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per level: (codes, WGS84 geometries), simplified in RD New without gaps between neighbours.

    The finest level in the file is simplified; a level missing from the file is dissolved from the
    simplified finer level, so it nests its parts exactly. Levels present in the file are each
    simplified on their own.
    """
    rd: dict[str, np.ndarray] = {}
    coverage_ok: dict[str, bool] = {}
    for level in reversed(CBS_LEVELS):
        if level not in areas:
            continue
        geoms = _to_rd(path, level, areas[level], meldingen)
        rd[level], coverage_ok[level] = _simplify(geoms, level, meldingen)

    result: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for level in reversed(CBS_LEVELS):
        if level in areas:
            codes = areas[level][CODE_COLUMN[level]].to_numpy(dtype=object)
            result[level] = (codes, rd[level])
        elif level != "buurt":
            finer = "buurt" if level == "wijk" else "wijk"
            if finer not in result:
                continue
            finer_codes, finer_geoms = result[finer]
            parents = _parent_codes(areas, finer, level, finer_codes)
            codes, geoms = _dissolve(parents, finer_geoms, coverage_ok[finer])
            coverage_ok[level] = coverage_ok[finer]
            noun = level if len(codes) == 1 else PLURAL[level]
            meldingen.append(
                f"{len(codes)} {noun} afgeleid door de {PLURAL[finer]} per {CODE_COLUMN[level]} "
                "samen te voegen."
            )
            if not coverage_ok[finer]:
                geoms, filled = _fill_slivers(geoms)
                if filled:
                    meldingen.append(
                        f"{filled} smalle gaten tussen de {PLURAL[finer]} zijn in de afgeleide "
                        f"{PLURAL[level]} opgevuld."
                    )
            result[level] = (codes, geoms)
    return {level: (codes, _to_wgs84(geoms)) for level, (codes, geoms) in result.items()}


def _parent_codes(
    areas: dict[str, gpd.GeoDataFrame], finer: str, level: str, finer_codes: np.ndarray
) -> np.ndarray:
    """The `level` code of every area of the `finer` level (in `finer_codes` order)."""
    if finer in areas:
        return areas[finer][CODE_COLUMN[level]].to_numpy(dtype=object)
    # the finer level was itself dissolved (wijken from buurten): look its parents up in the buurten
    lookup = (
        areas["buurt"]
        .drop_duplicates(CODE_COLUMN[finer])
        .set_index(CODE_COLUMN[finer])[CODE_COLUMN[level]]
    )
    return lookup.reindex(finer_codes).to_numpy(dtype=object)


def _to_rd(path: Path, level: str, frame: gpd.GeoDataFrame, meldingen: list[str]) -> np.ndarray:
    series = frame.geometry
    present = ~(series.isna() | series.is_empty)
    types = shapely.get_type_id(series.values[present.to_numpy()])
    non_polygonal = ~np.isin(types, _POLYGONAL_TYPE_IDS + (_COLLECTION_TYPE_ID,))
    if non_polygonal.any():
        n = int(non_polygonal.sum())
        raise error(
            path,
            f"{count(n, level)} {verb(n, 'is', 'zijn')} geen vlak (punt of lijn); "
            "een gebied moet een (multi)polygoon zijn.",
        )
    if series.crs is None:
        series = series.set_crs(_guess_crs(path, series, meldingen))
    if series.crs.to_epsg() != RD_NEW:
        series = series.to_crs(RD_NEW)
    geoms = _polygonal(np.asarray(series.values))
    empty = int((shapely.is_missing(geoms) | shapely.is_empty(geoms)).sum())
    if empty:
        meldingen.append(f"{count(empty, level)} zonder (geldige) geometrie.")
    return geoms


def _guess_crs(path: Path, series: gpd.GeoSeries, meldingen: list[str]) -> int:
    minx, miny, maxx, maxy = series.total_bounds
    if -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90:
        meldingen.append("Geen coördinatenstelsel in het bestand; aangenomen: WGS84 (EPSG:4326).")
        return WGS84
    if 0 <= minx and maxx <= 300_000 and 250_000 <= miny and maxy <= 650_000:
        meldingen.append(
            "Geen coördinatenstelsel in het bestand; de coördinaten zijn meters, "
            "aangenomen: RD New (EPSG:28992)."
        )
        return RD_NEW
    raise error(
        path,
        "geen coördinatenstelsel in het bestand en de coördinaten passen niet bij RD New of "
        "WGS84; sla het bestand op met coördinatenstelsel (bijvoorbeeld een .prj bij de Shapefile).",
    )


def _polygonal(geoms: np.ndarray) -> np.ndarray:
    """Valid (multi)polygons; collapsed or non-polygonal leftovers of repairs are dropped."""
    out = np.array(geoms, dtype=object)
    empty = shapely.is_missing(out) | shapely.is_empty(out)
    out[empty] = None
    invalid = ~empty & ~shapely.is_valid(out)
    if invalid.any():
        out[invalid] = shapely.make_valid(out[invalid], method="structure", keep_collapsed=False)
    collections = np.flatnonzero(shapely.get_type_id(out) == _COLLECTION_TYPE_ID)
    for i in collections:  # rare: only after a repair, so a loop is fine
        parts = shapely.get_parts(out[i])
        polygons = parts[np.isin(shapely.get_type_id(parts), _POLYGONAL_TYPE_IDS)]
        out[i] = shapely.union_all(polygons) if len(polygons) else None
    out[shapely.is_empty(out)] = None
    return out


def _simplify(geoms: np.ndarray, level: str, meldingen: list[str]) -> tuple[np.ndarray, bool]:
    """coverage_simplify in RD metres; unchanged (with a melding) when the areas are no coverage."""
    present = ~shapely.is_missing(geoms)
    parts = geoms[present]
    if len(parts) == 0:
        return geoms, False
    if not shapely.coverage_is_valid(parts):
        meldingen.append(
            f"De {PLURAL[level]} sluiten niet naadloos op elkaar aan (overlap of randen die niet "
            "precies samenvallen); ze zijn niet vereenvoudigd."
        )
        return geoms, False
    try:
        simplified = shapely.coverage_simplify(parts, tolerance=SIMPLIFY_TOLERANCE_M)
    except (GEOSException, ValueError) as exc:
        meldingen.append(f"De {PLURAL[level]} zijn niet vereenvoudigd ({short(exc)}).")
        return geoms, True
    out = geoms.copy()
    out[present] = simplified
    return _polygonal(out), True


def _dissolve(
    parents: np.ndarray, geoms: np.ndarray, coverage_ok: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Union the parts per parent code (sorted by code); parts of a coverage share their edges."""
    groups = pd.Series(np.arange(len(parents))).groupby(pd.Series(parents), sort=True).indices
    codes = np.array(list(groups), dtype=object)
    out = np.empty(len(codes), dtype=object)
    for i, idx in enumerate(groups.values()):  # one call per group, not per geometry
        parts = geoms[idx]
        parts = parts[~shapely.is_missing(parts)]
        if len(parts) == 0:
            out[i] = None
            continue
        if coverage_ok:
            try:
                out[i] = shapely.coverage_union_all(parts)
                continue
            except GEOSException:
                pass
        out[i] = shapely.union_all(parts)
    return codes, _polygonal(out)


def _fill_slivers(geoms: np.ndarray) -> tuple[np.ndarray, int]:
    """Fill holes narrower than SLIVER_WIDTH_M: gaps between parts that were simplified apart.

    A real enclave is far wider, so it stays; only a union of a non-coverage needs this.
    """
    out = geoms.copy()
    filled = 0
    for i, geom in enumerate(out):
        if geom is None:
            continue
        polygons = []
        for polygon in shapely.get_parts(geom):
            holes = [shapely.Polygon(ring) for ring in polygon.interiors]
            keep = [
                h.exterior for h in holes if not shapely.buffer(h, -SLIVER_WIDTH_M / 2).is_empty
            ]
            filled += len(holes) - len(keep)
            polygons.append(shapely.Polygon(polygon.exterior, keep))
        out[i] = shapely.union_all(polygons) if len(polygons) > 1 else polygons[0]
    return _polygonal(out), filled


def _to_wgs84(geoms: np.ndarray) -> np.ndarray:
    if len(geoms) == 0:
        return geoms
    series = gpd.GeoSeries(geoms, crs=RD_NEW).to_crs(WGS84)
    # pointwise rounding is ten times faster than the default mode; the rare polygon it breaks
    # is repaired by _polygonal below
    snapped = shapely.set_precision(np.asarray(series.values), PRECISION_DEG, mode="pointwise")
    return _polygonal(snapped)
