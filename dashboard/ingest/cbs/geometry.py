"""Area geometry of a CBS file: coordinates placed in the Netherlands (RD New or WGS84, swapped
axes turned round), shapes made valid and simplified without gaps between neighbours, missing
levels dissolved from finer ones. Its reasons and notes are registered templates (see
`messages`), so the UI shows them in its own language.

Simplifying happens in RD New (metres); what leaves this module is WGS84. A shape the geometry
libraries cannot handle ends in a Dutch CbsImportError naming the file, never in a traceback.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import ProjError
from shapely.errors import GEOSException, ShapelyError

from dashboard.domain.codes import CBS_LEVELS, RD_NEW, WGS84
from dashboard.i18n import N_
from dashboard.ingest.cbs.columns import CODE_COLUMN, NOUN, PLURAL
from dashboard.ingest.cbs.messages import CbsImportError, by_number, count, error, short, some
from dashboard.ingest.registratie.problems import register_templates

# coverage_simplify tolerance in RD metres: invisible on a city map, removes most survey detail.
SIMPLIFY_TOLERANCE_M = 10.0
# Holes narrower than this in a union of parts that do not share edges are gaps, not enclaves.
SLIVER_WIDTH_M = 100.0
# About 0.1 m in WGS84 degrees: finer than any map needs, coarse enough to shrink the JSON.
PRECISION_DEG = 1e-6
_POLYGONAL_TYPE_IDS = (3, 6)  # Polygon, MultiPolygon
_COLLECTION_TYPE_ID = 7

# Where every area must lie after conversion to WGS84: a generous box around the European
# Netherlands, which is what the CBS wijk- en buurtkaart covers (land from about lon 3.36,
# Cadzand, to 7.23, Bad Nieuweschans, and lat 50.75, Vaals, to 53.56, Rottumeroog, plus the
# water of coastal gemeenten). The Caribbean special municipalities (about lon -68, lat 12) are
# not in those files and lie outside the box. The box also tells the readings of the numbers
# apart: lon 3.0-7.5 and lat 50.6-53.8 do not overlap, and RD New metres are far larger.
NL_LON = (3.0, 7.5)
NL_LAT = (50.6, 53.8)
_NL_BOX = N_("lengte 3,0 tot 7,5 en breedte 50,6 tot 53,8 graden")
_NUMBERS = {RD_NEW: N_("RD New (meters)"), WGS84: N_("WGS84 (graden)")}
_SWAPPED = N_("Coördinaten stonden als breedte, lengte; omgedraaid.")

# reasons and notes (Dutch; the UI shows them through registratie.shown_reason). A {count} is
# messages.count's "3 buurten", {areas} a level's plural noun (columns.PLURAL); a verb that
# agrees with the count makes a singular and a plural template.
_UNPROCESSABLE = N_(
    "de geometrie van de gebieden kan niet verwerkt worden (beschadigde of onmogelijke "
    "vormen of coördinaten). Technisch: {error}"
)
_DERIVED = N_("{count} afgeleid door de {parts} per {column} samen te voegen.")
_SLIVERS_FILLED = (
    N_("{n} smal gat tussen de {parts} is in de afgeleide {areas} opgevuld."),
    N_("{n} smalle gaten tussen de {parts} zijn in de afgeleide {areas} opgevuld."),
)
_NOT_POLYGONAL = (
    N_("{count} is geen vlak (punt of lijn); een gebied moet een (multi)polygoon zijn."),
    N_("{count} zijn geen vlak (punt of lijn); een gebied moet een (multi)polygoon zijn."),
)
_WITHOUT_GEOMETRY = N_("{count} zonder (geldige) geometrie.")
_SOME_OUTSIDE = (
    N_(
        "{count} ligt niet in Nederland ({box}), de andere {areas} wel: {codes}; "
        "controleer de coördinaten van deze {area}."
    ),
    N_(
        "{count} liggen niet in Nederland ({box}), de andere {areas} wel: {codes}; "
        "controleer de coördinaten van deze {areas}."
    ),
)
# every area outside: without a coordinate system, or with one (and where it puts them)
_ALL_OUTSIDE_NO_CRS = N_(
    "de gebieden liggen niet in Nederland ({box}), ook niet als de getallen als RD New "
    "(meters), als WGS84 (graden) of omgedraaid (breedte, lengte) gelezen worden; er staat "
    "geen coördinatenstelsel in het bestand: sla het op met coördinatenstelsel (bijvoorbeeld "
    "een .prj bij de Shapefile)."
)
_ALL_OUTSIDE_AROUND = N_(
    "de gebieden liggen niet in Nederland ({box}) maar rond lengte {lon} en breedte {lat}. Ook "
    "als de getallen als RD New (meters), als WGS84 (graden) of omgedraaid (breedte, lengte) "
    "gelezen worden, liggen ze erbuiten; controleer het coördinatenstelsel en de coördinaten "
    "van het bestand."
)
_ALL_OUTSIDE = N_(
    "de gebieden liggen niet in Nederland ({box}). Ook als de getallen als RD New (meters), "
    "als WGS84 (graden) of omgedraaid (breedte, lengte) gelezen worden, liggen ze erbuiten; "
    "controleer het coördinatenstelsel en de coördinaten van het bestand."
)
_READ_WITHOUT_CRS = N_(
    "Geen coördinatenstelsel in het bestand; de getallen zijn {numbers} en zijn zo gelezen."
)
_READ_OTHERWISE = N_(
    "Het bestand noemt coördinatenstelsel {name}, maar daarmee liggen de gebieden niet in "
    "Nederland; de getallen zijn {numbers} en zijn zo gelezen."
)
_NO_COVERAGE = N_(
    "De {areas} sluiten niet naadloos op elkaar aan (overlap of randen die niet precies "
    "samenvallen); ze zijn niet vereenvoudigd."
)
_NOT_SIMPLIFIED = N_("De {areas} zijn niet vereenvoudigd ({error}).")
register_templates(
    _UNPROCESSABLE,
    _DERIVED,
    *_SLIVERS_FILLED,
    *_NOT_POLYGONAL,
    _WITHOUT_GEOMETRY,
    *_SOME_OUTSIDE,
    _ALL_OUTSIDE_NO_CRS,
    _ALL_OUTSIDE_AROUND,
    _ALL_OUTSIDE,
    _READ_WITHOUT_CRS,
    _READ_OTHERWISE,
    _NO_COVERAGE,
    _NOT_SIMPLIFIED,
)
# How the numbers of a file are read when its own system puts them outside the Netherlands.
_READINGS: tuple[tuple[int, bool], ...] = ((WGS84, False), (WGS84, True), (RD_NEW, False))


def display_geometry(
    path: Path, areas: dict[str, gpd.GeoDataFrame], meldingen: list[str]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per level: (codes, WGS84 geometries), simplified in RD New without gaps between neighbours.

    The finest level in the file is simplified; a level missing from the file is dissolved from the
    simplified finer level, so it nests its parts exactly. Levels present in the file are each
    simplified on their own.
    """
    try:
        return _display_geometry(path, areas, meldingen)
    except CbsImportError:
        raise
    except (ShapelyError, ProjError, ValueError) as exc:
        # GEOS and PROJ say why in English; the steward gets the file's name and a Dutch reason
        raise error(path, _UNPROCESSABLE.format(error=short(exc))) from exc


def _display_geometry(
    path: Path, areas: dict[str, gpd.GeoDataFrame], meldingen: list[str]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
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
            meldingen.append(
                _DERIVED.format(
                    count=count(len(codes), level), parts=PLURAL[finer], column=CODE_COLUMN[level]
                )
            )
            if not coverage_ok[finer]:
                geoms, filled = _fill_slivers(geoms)
                if filled:
                    meldingen.append(
                        by_number(filled, *_SLIVERS_FILLED).format(
                            n=filled, parts=PLURAL[finer], areas=PLURAL[level]
                        )
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
        raise error(path, by_number(n, *_NOT_POLYGONAL).format(count=count(n, level)))
    series = _placed(path, level, frame, meldingen)
    if series.crs.to_epsg() != RD_NEW:
        series = series.to_crs(RD_NEW)
    geoms = _polygonal(np.asarray(series.values))
    empty = int((shapely.is_missing(geoms) | shapely.is_empty(geoms)).sum())
    if empty:
        meldingen.append(_WITHOUT_GEOMETRY.format(count=count(empty, level)))
    return geoms


def _placed(path: Path, level: str, frame: gpd.GeoDataFrame, meldingen: list[str]) -> gpd.GeoSeries:
    """The areas' geometry in the coordinate system that puts every one of them in the Netherlands.

    The file's own system is tried first; when it puts an area outside the box, or the file names
    none, the numbers are read as WGS84, as WGS84 with the axes swapped, and as RD New. Those
    readings exclude each other in the box, so at most one fits. Per case:

    - RD New metres without a crs: read as RD New, with a note. A GeoJSON is WGS84 by definition
      and GDAL labels it so with or without a crs member, so these metres arrive labelled as
      degrees (converted as such they become infinite and break GEOS); the numbers tell.
    - breedte, lengte instead of lengte, breedte (EPSG:4326's own axis order, which some tools
      write): turned round, with a note.
      Both are fixed rather than refused: a whole file fitting the box in exactly one reading is
      no coincidence, the fix loses nothing, and the steward sees the note and the map.
    - some areas inside and others outside (a mix no reading of the whole file undoes) or all
      outside in every reading: refused in Dutch, naming the areas outside; guessing further
      could put wrong shapes on the map.
    """
    series = frame.geometry
    stated: CRS | None = series.crs
    bounds = shapely.bounds(np.asarray(series.values))
    present = ~np.isnan(bounds).any(axis=1)
    if not present.any():  # nothing to place; the areas without geometry are reported later
        return series if stated is not None else series.set_crs(RD_NEW)
    bounds = bounds[present]
    tried: list[np.ndarray] = []
    if stated is not None:
        tried.append(_in_nl(bounds, stated, swap=False))
        if tried[-1].all():
            return series
    for epsg, swap in _READINGS:
        tried.append(_in_nl(bounds, epsg, swap))
        if not tried[-1].all():
            continue
        geoms = np.asarray(series.values)
        if swap:
            geoms = shapely.transform(geoms, lambda xy: xy[:, ::-1])
        notes = [] if _same(stated, epsg) else [_reading_note(path, stated, epsg)]
        for note in notes + ([_SWAPPED] if swap else []):
            if note not in meldingen:  # the levels of one file share the mistake: one note
                meldingen.append(note)
        return gpd.GeoSeries(geoms, index=series.index, crs=epsg)
    best = max(tried, key=lambda inside: int(inside.sum()))  # first of equals: the file's own
    if best.any():
        codes = [str(c) for c in frame[CODE_COLUMN[level]].to_numpy(dtype=object)[present][~best]]
        n = len(codes)
        reden = by_number(n, *_SOME_OUTSIDE).format(
            count=count(n, level),
            box=_NL_BOX,
            areas=PLURAL[level],
            codes=some(codes),
            area=NOUN[level],
        )
        raise error(path, reden)
    where = _where(bounds, stated)
    if stated is None:
        reden = _ALL_OUTSIDE_NO_CRS.format(box=_NL_BOX)
    elif where is None:
        reden = _ALL_OUTSIDE.format(box=_NL_BOX)
    else:
        reden = _ALL_OUTSIDE_AROUND.format(box=_NL_BOX, lon=where[0], lat=where[1])
    raise error(path, reden)


def _in_nl(bounds: np.ndarray, crs: CRS | int, swap: bool) -> np.ndarray:
    """Per area (rows of minx, miny, maxx, maxy): whether its corners lie in the box when read so.

    The corners of an area's box stand for the area: the box of the Netherlands is generous
    enough for the slight turn of RD New against the meridians.
    """
    xs, ys = bounds[:, [0, 0, 2, 2]].ravel(), bounds[:, [1, 3, 1, 3]].ravel()
    if swap:
        xs, ys = ys, xs
    if not _same(crs, WGS84):
        try:
            xs, ys = Transformer.from_crs(crs, WGS84, always_xy=True).transform(xs, ys)
        except ProjError:  # a system PROJ cannot convert places nothing
            return np.zeros(len(bounds), dtype=bool)
    lon, lat = np.asarray(xs).reshape(-1, 4), np.asarray(ys).reshape(-1, 4)
    # NaN and inf (no conversion possible) compare False: outside
    ok = (NL_LON[0] <= lon) & (lon <= NL_LON[1]) & (NL_LAT[0] <= lat) & (lat <= NL_LAT[1])
    return np.asarray(ok.all(axis=1), dtype=bool)


def _same(crs: CRS | int | None, other: CRS | int) -> bool:
    if crs is None:
        return False
    a, b = CRS.from_user_input(crs), CRS.from_user_input(other)
    return a == b or (a.to_epsg() is not None and a.to_epsg() == b.to_epsg())


def _reading_note(path: Path, stated: CRS | None, epsg: int) -> str:
    numbers = _NUMBERS[epsg]
    if stated is None or (_is_geojson(path) and not _geojson_names_crs(path)):
        return _READ_WITHOUT_CRS.format(numbers=numbers)
    code = stated.to_epsg()
    name = f"{stated.name} (EPSG:{code})" if code else stated.name
    return _READ_OTHERWISE.format(name=name, numbers=numbers)


def _is_geojson(path: Path) -> bool:
    return path.suffix.lower() in (".geojson", ".json")


def _geojson_names_crs(path: Path) -> bool:
    """Whether a GeoJSON has a crs member before its features (where writers put it).

    GDAL reads WGS84 both with and without one, so only the file itself can tell; this decides
    the wording of a note, nothing else.
    """
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    return b'"crs"' in head.split(b'"features"', 1)[0]


def _where(bounds: np.ndarray, stated: CRS | None) -> tuple[str, str] | None:
    """("15,3", "52,2"): the lengte and breedte where the file's own system puts the areas
    (None: it says nowhere). Written the Dutch way, as the file's data in every language."""
    if stated is None:
        return None
    x = (bounds[:, 0].min() + bounds[:, 2].max()) / 2
    y = (bounds[:, 1].min() + bounds[:, 3].max()) / 2
    try:
        lon, lat = Transformer.from_crs(stated, WGS84, always_xy=True).transform(x, y)
    except ProjError:
        return None
    if not (np.isfinite(lon) and np.isfinite(lat) and abs(lat) <= 90):
        return None
    return f"{lon:.1f}".replace(".", ","), f"{lat:.1f}".replace(".", ",")


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
        meldingen.append(_NO_COVERAGE.format(areas=PLURAL[level]))
        return geoms, False
    try:
        simplified = shapely.coverage_simplify(parts, tolerance=SIMPLIFY_TOLERANCE_M)
    except (GEOSException, ValueError) as exc:
        meldingen.append(_NOT_SIMPLIFIED.format(areas=PLURAL[level], error=short(exc)))
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
