"""Finding and reading the layers of a CBS file (one per level), and the year its figures are of.

pyogrio reads a path string as a URI before GDAL sees it (urllib.parse.urlparse, then a split
at '!'): ';' in a file name starts URL parameters and '!' separates an archive from its
member, so "/data/wijken;2024.geojson" reached GDAL as "/data/wijken". GDAL itself takes
any local name. `_gdal_path` therefore hands pyogrio a path it passes on unchanged.

What GDAL says when it cannot read a file is English and names the server's path: it goes
to the log; the user gets a Dutch reason with the file's name only (`_unreadable`), which
the UI shows in its own language (every reason here is a registered template or N_ text).
"""

from __future__ import annotations

import glob
import logging
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from dashboard.i18n import N_
from dashboard.ingest.cbs.columns import PLURAL, canonical_columns, level_of
from dashboard.ingest.cbs.messages import CbsImportError, error
from dashboard.ingest.registratie.problems import register_templates

SUPPORTED_SUFFIXES = (".gpkg", ".geojson", ".json", ".shp", ".zip")

# a year between other characters than letters and digits: wijken_2024, wijken;2024 (2024)
_YEAR_IN_NAME = re.compile(r"(?:^|[^0-9A-Za-z])((?:19|20)\d{2})(?=$|[^0-9A-Za-z])")
# characters of a local path that pyogrio's URI parsing changes or cuts at
_URI_SPECIAL = re.compile(r"[;!?#%]")

_log = logging.getLogger(__name__)

# reasons and notes (Dutch; the UI shows them through registratie.shown_reason)
_UNSUPPORTED = N_(
    "bestandstype '{suffix}' wordt niet ondersteund; "
    "gebruik een GeoPackage (.gpkg), GeoJSON (.geojson) of Shapefile (.shp of .zip)."
)
_NO_SUFFIX = N_("(geen)")
_UNREADABLE = N_(
    "het bestand kan niet gelezen worden als GeoPackage, GeoJSON of Shapefile "
    "(beschadigd of een ander bestandstype)."
)
_NO_MAP_LAYER = N_(
    "het bestand bevat geen kaartlaag met geometrie (is het een tabel, zoals CSV?); "
    "gebruik een GeoPackage, GeoJSON of Shapefile van de wijk- en buurtkaart."
)
_LAYER_UNREADABLE = N_("laag '{name}' kan niet gelezen worden.")
_LAYER_SKIPPED = N_("Laag '{name}' overgeslagen: geen buurt-, wijk- of gemeentecode.")
_NO_CODE_COLUMNS = N_("geen kolom buurtcode, wijkcode of gemeentecode gevonden (wel: {columns}).")
_NO_COLUMNS = N_("geen kolommen")
_SEVERAL_LAYERS = N_(
    "meerdere lagen met {areas} ({names}); het bestand mag per niveau één laag hebben."
)
_SEVERAL_YEARS = N_(
    "het bestand bevat cijfers van meerdere jaren ({years}); lees één jaar per keer in."
)
_YEAR_DIFFERS = N_("de cijfers in het bestand zijn van {year}, maar jaar {jaar} is opgegeven.")
_NAME_YEAR_DIFFERS = N_(
    "De bestandsnaam noemt {named}, de cijfers zelf zijn van {year}; {year} gebruikt."
)
_NO_YEAR = N_(
    "geen jaar gevonden (geen kolom jaar of jrstatcode, geen jaartal zoals _2024 in de "
    "bestandsnaam); geef het CBS-jaar op met --jaar."
)
_YEAR_OUT_OF_RANGE = N_("jaar {year} ligt niet tussen 1990 en 2100.")
register_templates(
    _UNSUPPORTED,
    _LAYER_UNREADABLE,
    _LAYER_SKIPPED,
    _NO_CODE_COLUMNS,
    _SEVERAL_LAYERS,
    _SEVERAL_YEARS,
    _YEAR_DIFFERS,
    _NAME_YEAR_DIFFERS,
    _YEAR_OUT_OF_RANGE,
)


def check_file(path: Path) -> None:
    """Refuse a path that is missing, a folder, empty or of a type we do not read."""
    if not path.exists():
        raise error(path, N_("het bestand bestaat niet."))
    if path.is_dir():
        raise error(path, N_("dit is een map, geen bestand."))
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise error(path, _UNSUPPORTED.format(suffix=path.suffix or _NO_SUFFIX))
    if path.stat().st_size == 0:
        raise error(path, N_("het bestand is leeg."))


@contextmanager
def _gdal_path(path: Path) -> Iterator[str]:
    """`path` as a string that pyogrio passes to GDAL unchanged, for as long as it is read.

    A zip is named by GDAL's own /vsizip/ prefix (pyogrio leaves /vsi paths alone, and adds
    this prefix to a zip itself). Another file whose path pyogrio would change is read
    through a link with a plain name in a private folder, a Shapefile's other parts
    (.dbf, .shx, .prj...) linked beside it.
    """
    full = path.absolute()
    if full.suffix.lower() == ".zip":
        yield f"/vsizip/{full}"
        return
    if not _URI_SPECIAL.search(str(full)):
        yield str(full)
        return
    with tempfile.TemporaryDirectory(prefix="wijkdashboard-cbs-") as folder:
        for part in full.parent.glob(glob.escape(full.stem) + ".*"):
            (Path(folder) / ("bestand" + part.name[len(full.stem) :])).symlink_to(part)
        yield str(Path(folder) / ("bestand" + full.suffix))


def _list_layers(path: Path, source: str) -> list[tuple[str, str | None]]:
    try:
        listed = pyogrio.list_layers(source)
    except Exception as exc:  # GDAL says why in English: the log gets that, the user Dutch
        raise _unreadable(path, exc) from exc
    return [(str(name), None if kind is None else str(kind)) for name, kind in listed]


def _technical(path: Path, exc: BaseException) -> None:
    """Log what the library said (English, with the server's paths) for the administrator."""
    _log.warning("CBS-bestand %s niet gelezen: %s: %s", path, type(exc).__name__, exc)


def _unreadable(path: Path, exc: BaseException) -> CbsImportError:
    _technical(path, exc)
    return error(path, _UNREADABLE)


def read_layers(path: Path, meldingen: list[str]) -> dict[str, gpd.GeoDataFrame]:
    """The file's layers by level (gemeente/wijk/buurt), with canonical column names."""
    with _gdal_path(path) as source:
        return _read_layers(path, source, meldingen)


def _read_layers(path: Path, source: str, meldingen: list[str]) -> dict[str, gpd.GeoDataFrame]:
    if path.suffix.lower() in (".geojson", ".json"):
        # one layer by definition; listing it first would parse a national file three times
        frame = _read_layer(path, source, None)
        level = level_of(list(frame.columns))
        if level is None:
            raise _no_code_columns(path, [c for c in frame.columns if c != "geometry"])
        return {level: frame}
    layers = _list_layers(path, source)
    spatial = [(name, kind) for name, kind in layers if kind not in (None, "None")]
    if not spatial:
        raise error(path, _NO_MAP_LAYER)
    candidates: dict[str, list[str]] = {}
    for name, _kind in spatial:
        try:
            fields = [str(f) for f in pyogrio.read_info(source, layer=name)["fields"]]
        except Exception as exc:
            _technical(path, exc)
            raise error(path, _LAYER_UNREADABLE.format(name=name)) from exc
        level = level_of(fields)
        if level is None:
            if len(spatial) == 1:
                raise _no_code_columns(path, fields)
            meldingen.append(_LAYER_SKIPPED.format(name=name))
            continue
        candidates.setdefault(level, []).append(name)
    if not candidates:
        raise error(path, N_("geen laag met buurtcode, wijkcode of gemeentecode gevonden."))

    frames: dict[str, gpd.GeoDataFrame] = {}
    for level, names in candidates.items():
        name = _pick_layer(path, level, names)
        frames[level] = _read_layer(path, source, name if len(layers) > 1 else None)
    return frames


def _no_code_columns(path: Path, columns: list[str]) -> CbsImportError:
    return error(path, _NO_CODE_COLUMNS.format(columns=", ".join(columns[:12]) or _NO_COLUMNS))


def _pick_layer(path: Path, level: str, names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    hinted = [n for n in names if re.sub(r"[^a-z]", "", n.lower()) in {level, PLURAL[level]}]
    if len(hinted) == 1:
        return hinted[0]
    raise error(path, _SEVERAL_LAYERS.format(areas=PLURAL[level], names=", ".join(names)))


def _read_layer(path: Path, source: str, layer: str | None) -> gpd.GeoDataFrame:
    try:
        frame = pyogrio.read_dataframe(source, layer=layer, use_arrow=True)
    except Exception as exc:  # pyogrio and GDAL raise many kinds; all mean "cannot read this"
        raise _unreadable(path, exc) from exc
    if isinstance(frame, gpd.GeoDataFrame) and frame.empty:
        raise error(path, N_("het bestand bevat geen gebieden (0 objecten)."))
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.isna().all():
        raise error(path, N_("het bestand bevat geen geometrie (is het een tabel, zoals CSV?)."))
    geometry_name = frame.geometry.name
    mapping = canonical_columns([c for c in frame.columns if c != geometry_name])
    frame = frame.rename(columns=mapping)
    if geometry_name != "geometry":
        frame = frame.rename_geometry("geometry")
    return frame


def resolve_year(
    path: Path, layers: dict[str, gpd.GeoDataFrame], jaar: int | None, meldingen: list[str]
) -> int:
    """The CBS year: from the data (jaar, jrstatcode), else the argument, else the file name."""
    found: set[int] = set()
    for frame in layers.values():
        if "jaar" in frame.columns:
            values = pd.to_numeric(frame["jaar"], errors="coerce").dropna()
            found.update(int(v) for v in values.unique())
        elif "jrstatcode" in frame.columns:
            prefix = frame["jrstatcode"].astype("str").str.extract(r"^\s*(\d{4})", expand=False)
            found.update(int(v) for v in prefix.dropna().unique())
    if len(found) > 1:
        years = ", ".join(str(y) for y in sorted(found))
        raise error(path, _SEVERAL_YEARS.format(years=years))
    from_name = _YEAR_IN_NAME.findall(path.stem)
    if found:
        year = found.pop()
        if jaar is not None and jaar != year:
            raise error(path, _YEAR_DIFFERS.format(year=year, jaar=jaar))
        if from_name and int(from_name[-1]) != year:
            meldingen.append(_NAME_YEAR_DIFFERS.format(named=from_name[-1], year=year))
    elif jaar is not None:
        year = int(jaar)
    elif from_name:
        year = int(from_name[-1])
    else:
        raise error(path, _NO_YEAR)
    if not 1990 <= year <= 2100:
        raise error(path, _YEAR_OUT_OF_RANGE.format(year=year))
    return year
