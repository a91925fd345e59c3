"""Read CBS area files (wijk- en buurtkaart) into clean frames: areas with display geometry, kerncijfers long.

Pure reading and converting: nothing here touches the database. Accepted inputs are the CBS/PDOK
GeoPackage (layers gemeenten, wijken, buurten), GeoJSON and Shapefile exports of one level, in the
PDOK snake_case schema, the reduced schema of some wijken exports, or the older upper-case schema.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely.errors import GEOSException

from dashboard.domain.codes import CBS_LEVELS, RD_NEW, WGS84

# coverage_simplify tolerance in RD metres: invisible on a city map, removes most survey detail.
SIMPLIFY_TOLERANCE_M = 10.0
# Holes narrower than this in a union of parts that do not share edges are gaps, not enclaves.
SLIVER_WIDTH_M = 100.0
# About 0.1 m in WGS84 degrees: finer than any map needs, coarse enough to shrink the JSON.
PRECISION_DEG = 1e-6
# CBS marks secret or unknown figures with -99999999, -99999998, -99997, -99995 and the like.
CBS_MISSING_AT_OR_BELOW = -99990

LEVELS = CBS_LEVELS  # coarse to fine
_PLURAL = {"gemeente": "gemeenten", "wijk": "wijken", "buurt": "buurten"}
_CODE = {"gemeente": "gemeentecode", "wijk": "wijkcode", "buurt": "buurtcode"}
_NAME = {"gemeente": "gemeentenaam", "wijk": "wijknaam", "buurt": "buurtnaam"}
_PATTERN = {"gemeente": r"GM\d{4}", "wijk": r"WK\d{6}", "buurt": r"BU\d{8}"}
_PARENT = {"wijk": "gemeente", "buurt": "wijk"}
# digits a code shares with its parent's code: GM0308 -> WK030801 -> BU03080104
_PARENT_DIGITS = {"wijk": 4, "buurt": 6}

SUPPORTED_SUFFIXES = (".gpkg", ".geojson", ".json", ".shp", ".zip")

# Identity columns under other spellings (matched after lower-casing): old CBS upper-case names
# (BU_CODE, GM_NAAM, H2O, ...) and a few common export variants.
COLUMN_ALIASES: dict[str, str] = {
    "bu_code": "buurtcode",
    "buurt_code": "buurtcode",
    "bu_naam": "buurtnaam",
    "buurt_naam": "buurtnaam",
    "wk_code": "wijkcode",
    "wijk_code": "wijkcode",
    "wk_naam": "wijknaam",
    "wijk_naam": "wijknaam",
    "gm_code": "gemeentecode",
    "gemeente_code": "gemeentecode",
    "gm_naam": "gemeentenaam",
    "gemeente_naam": "gemeentenaam",
    "h2o": "water",
    "postcode": "meest_voorkomende_postcode",
    "ind_wbi": "indelingswijziging_wijken_en_buurten",
}

# Indicator columns under other names, mapped to the PDOK snake_case names.
INDICATOR_ALIASES: dict[str, str] = {
    # the reduced wijken schema; its age groups are percentages, as in PDOK
    "huishoudens": "aantal_huishoudens",
    "gem_huishouden_grootte": "gemiddelde_huishoudsgrootte",
    "bevolkingsdichtheid": "bevolkingsdichtheid_inwoners_per_km2",
    "personenautos": "personenautos_totaal",
    "0_15": "percentage_personen_0_tot_15_jaar",
    "15_25": "percentage_personen_15_tot_25_jaar",
    "25_45": "percentage_personen_25_tot_45_jaar",
    "45_65": "percentage_personen_45_tot_65_jaar",
    "65plus": "percentage_personen_65_jaar_en_ouder",
    # the old upper-case CBS schema (wijk- en buurtkaart before the PDOK snake_case names)
    "aant_inw": "aantal_inwoners",
    "aant_man": "mannen",
    "aant_vrouw": "vrouwen",
    "p_00_14_jr": "percentage_personen_0_tot_15_jaar",
    "p_15_24_jr": "percentage_personen_15_tot_25_jaar",
    "p_25_44_jr": "percentage_personen_25_tot_45_jaar",
    "p_45_64_jr": "percentage_personen_45_tot_65_jaar",
    "p_65_eo_jr": "percentage_personen_65_jaar_en_ouder",
    "aantal_hh": "aantal_huishoudens",
    "p_eenp_hh": "percentage_eenpersoonshuishoudens",
    "p_hh_z_k": "percentage_huishoudens_zonder_kinderen",
    "p_hh_m_k": "percentage_huishoudens_met_kinderen",
    "gem_hh_gr": "gemiddelde_huishoudsgrootte",
    "bev_dichth": "bevolkingsdichtheid_inwoners_per_km2",
    "p_link_hh": "percentage_huishoudens_met_laag_inkomen",
    "woz": "gemiddelde_woningwaarde",
    "auto_tot": "personenautos_totaal",
    "dek_perc": "dekkingspercentage",
    "oad": "omgevingsadressendichtheid",
    "sted": "stedelijkheid_adressen_per_km2",
    "opp_tot": "oppervlakte_totaal_in_ha",
    "opp_land": "oppervlakte_land_in_ha",
    "opp_water": "oppervlakte_water_in_ha",
}

# Columns that identify or describe an area: never an indicator, even when numeric.
_IDENTITY_COLUMNS = frozenset(
    {
        *_CODE.values(),
        *_NAME.values(),
        "naam",
        "water",
        "jrstatcode",
        "jaar",
        "meest_voorkomende_postcode",
        "statcode",
        "statnaam",
        "gwb_code",
        "gwb_code8",
        "gwb_code10",
        "id",
        "fid",
        "objectid",
        "ogc_fid",
        "shape_leng",
        "shape_length",
        "shape_area",
    }
)
_IDENTITY_PREFIXES = ("indelingswijziging",)

# The indicators the screens lean on (inwoners, and the default need index): say when one is missing.
KEY_INDICATORS: tuple[str, ...] = (
    "aantal_inwoners",
    "percentage_huishoudens_met_laag_inkomen",
    "gemiddeld_inkomen_per_inwoner",
    "percentage_eenpersoonshuishoudens",
    "percentage_personen_65_jaar_en_ouder",
)

_YEAR_IN_NAME = re.compile(r"(?:^|[_\-. ])((?:19|20)\d{2})(?=$|[_\-. ])")
_POLYGONAL_TYPE_IDS = (3, 6)  # Polygon, MultiPolygon
_COLLECTION_TYPE_ID = 7


class CbsImportError(ValueError):
    """A file that cannot be imported; the message is Dutch and names the file and the reason."""


@dataclass(frozen=True)
class CbsData:
    """CBS areas (EPSG:4326, simplified without gaps) and their kerncijfers, read from one file."""

    jaar: int
    gemeenten: gpd.GeoDataFrame  # gemeentecode, naam, geometry
    wijken: gpd.GeoDataFrame  # wijkcode, naam, gemeentecode, geometry
    buurten: gpd.GeoDataFrame  # buurtcode, naam, wijkcode, geometry (may be empty)
    kerncijfers: pd.DataFrame  # long: gebiedscode, jaar, indicator, waarde (NaN = unknown/secret)
    meldingen: list[str]  # Dutch warnings for the data steward


def read_cbs_file(
    path: str | Path, gemeenten: Sequence[str] | None = None, jaar: int | None = None
) -> CbsData:
    """Read a CBS wijk- en buurtkaart file (GeoPackage, GeoJSON or Shapefile) into clean frames."""
    path = Path(path)
    _check_file(path)
    wanted = _wanted_gemeenten(gemeenten)
    meldingen: list[str] = []

    layers = _read_layers(path, meldingen)
    year = _resolve_year(path, layers, jaar, meldingen)
    areas = {level: _areas(path, level, frame, meldingen) for level, frame in layers.items()}
    if wanted is not None:
        areas = _filter_gemeenten(path, areas, wanted)
    for level, frame in areas.items():
        _validate_codes(path, level, frame)
    _validate_nesting(path, areas)
    if "buurt" not in areas and "wijk" not in areas:
        meldingen.append("Het bestand bevat alleen gemeenten, geen wijken of buurten.")

    geometry = _display_geometry(path, areas, meldingen)
    kerncijfers = _kerncijfers(areas, year, meldingen)
    return CbsData(
        jaar=year,
        gemeenten=_output_frame(areas, geometry, "gemeente"),
        wijken=_output_frame(areas, geometry, "wijk"),
        buurten=_output_frame(areas, geometry, "buurt"),
        kerncijfers=kerncijfers,
        meldingen=meldingen,
    )


# ---------------------------------------------------------------------------------------------
# reading


def _error(path: Path, reden: str) -> CbsImportError:
    return CbsImportError(f"{path.name}: {reden}")


def _check_file(path: Path) -> None:
    if not path.exists():
        raise _error(path, "het bestand bestaat niet.")
    if path.is_dir():
        raise _error(path, "dit is een map, geen bestand.")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise _error(
            path,
            f"bestandstype '{path.suffix or '(geen)'}' wordt niet ondersteund; "
            "gebruik een GeoPackage (.gpkg), GeoJSON (.geojson) of Shapefile (.shp of .zip).",
        )
    if path.stat().st_size == 0:
        raise _error(path, "het bestand is leeg.")


def _wanted_gemeenten(gemeenten: Sequence[str] | None) -> list[str] | None:
    if gemeenten is None:
        return None
    if isinstance(gemeenten, str):  # one code passed bare: not a sequence of characters
        gemeenten = [gemeenten]
    wanted = [str(code).strip().upper() for code in gemeenten]
    wrong = [code for code in wanted if not re.fullmatch(_PATTERN["gemeente"], code)]
    if wrong:
        raise CbsImportError(
            f"Ongeldige gemeentecode {', '.join(wrong)}: verwacht GM en 4 cijfers, zoals GM0344."
        )
    return list(dict.fromkeys(wanted))


def _canonical_column(name: str) -> str:
    lowered = name.strip().lower()
    lowered = COLUMN_ALIASES.get(lowered, lowered)
    return INDICATOR_ALIASES.get(lowered, lowered)


def _canonical_columns(columns: Sequence[str]) -> dict[str, str]:
    """Map each original column to its canonical name; later duplicates keep their own name."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        canonical = _canonical_column(column)
        if canonical in taken:
            canonical = column  # e.g. both `huishoudens` and `aantal_huishoudens`: the first wins
        mapping[column] = canonical
        taken.add(canonical)
    return mapping


def _level_of(columns: Sequence[str]) -> str | None:
    """The finest level whose code column is present."""
    canonical = {_canonical_column(c) for c in columns}
    for level in reversed(LEVELS):
        if _CODE[level] in canonical:
            return level
    return None


def _list_layers(path: Path) -> list[tuple[str, str | None]]:
    try:
        listed = pyogrio.list_layers(path)
    except Exception as exc:  # GDAL says why in English; the steward gets a Dutch reason first
        raise _unreadable(path, exc) from exc
    return [(str(name), None if kind is None else str(kind)) for name, kind in listed]


def _unreadable(path: Path, exc: BaseException) -> CbsImportError:
    return _error(
        path,
        "het bestand kan niet gelezen worden als GeoPackage, GeoJSON of Shapefile "
        f"(beschadigd of een ander bestandstype). Technisch: {_short(exc)}",
    )


def _short(exc: BaseException) -> str:
    text = str(exc).split(";")[0].strip()
    return text[:200] or type(exc).__name__


def _read_layers(path: Path, meldingen: list[str]) -> dict[str, gpd.GeoDataFrame]:
    """The file's layers by level (gemeente/wijk/buurt), with canonical column names."""
    if path.suffix.lower() in (".geojson", ".json"):
        # one layer by definition; listing it first would parse a national file three times
        frame = _read_layer(path, None)
        level = _level_of(list(frame.columns))
        if level is None:
            raise _no_code_columns(path, [c for c in frame.columns if c != "geometry"])
        return {level: frame}
    layers = _list_layers(path)
    spatial = [(name, kind) for name, kind in layers if kind not in (None, "None")]
    if not spatial:
        raise _error(
            path,
            "het bestand bevat geen kaartlaag met geometrie (is het een tabel, zoals CSV?); "
            "gebruik een GeoPackage, GeoJSON of Shapefile van de wijk- en buurtkaart.",
        )
    candidates: dict[str, list[str]] = {}
    for name, _kind in spatial:
        try:
            fields = [str(f) for f in pyogrio.read_info(path, layer=name)["fields"]]
        except Exception as exc:
            reden = f"laag '{name}' kan niet gelezen worden. Technisch: {_short(exc)}"
            raise _error(path, reden) from exc
        level = _level_of(fields)
        if level is None:
            if len(spatial) == 1:
                raise _no_code_columns(path, fields)
            meldingen.append(f"Laag '{name}' overgeslagen: geen buurt-, wijk- of gemeentecode.")
            continue
        candidates.setdefault(level, []).append(name)
    if not candidates:
        raise _error(path, "geen laag met buurtcode, wijkcode of gemeentecode gevonden.")

    frames: dict[str, gpd.GeoDataFrame] = {}
    for level, names in candidates.items():
        name = _pick_layer(path, level, names)
        frames[level] = _read_layer(path, name if len(layers) > 1 else None)
    return frames


def _no_code_columns(path: Path, columns: list[str]) -> CbsImportError:
    return _error(
        path,
        "geen kolom buurtcode, wijkcode of gemeentecode gevonden "
        f"(wel: {', '.join(columns[:12]) or 'geen kolommen'}).",
    )


def _pick_layer(path: Path, level: str, names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    hinted = [n for n in names if re.sub(r"[^a-z]", "", n.lower()) in {level, _PLURAL[level]}]
    if len(hinted) == 1:
        return hinted[0]
    raise _error(
        path,
        f"meerdere lagen met {_PLURAL[level]} ({', '.join(names)}); "
        "het bestand mag per niveau één laag hebben.",
    )


def _read_layer(path: Path, layer: str | None) -> gpd.GeoDataFrame:
    try:
        frame = pyogrio.read_dataframe(path, layer=layer, use_arrow=True)
    except Exception as exc:  # pyogrio and GDAL raise many kinds; all mean "cannot read this"
        raise _unreadable(path, exc) from exc
    if isinstance(frame, gpd.GeoDataFrame) and frame.empty:
        raise _error(path, "het bestand bevat geen gebieden (0 objecten).")
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.isna().all():
        raise _error(path, "het bestand bevat geen geometrie (is het een tabel, zoals CSV?).")
    geometry_name = frame.geometry.name
    mapping = _canonical_columns([c for c in frame.columns if c != geometry_name])
    frame = frame.rename(columns=mapping)
    if geometry_name != "geometry":
        frame = frame.rename_geometry("geometry")
    return frame


def _resolve_year(
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
        raise _error(
            path,
            f"het bestand bevat cijfers van meerdere jaren ({years}); lees één jaar per keer in.",
        )
    from_name = _YEAR_IN_NAME.findall(path.stem)
    if found:
        year = found.pop()
        if jaar is not None and jaar != year:
            raise _error(
                path, f"de cijfers in het bestand zijn van {year}, maar jaar {jaar} is opgegeven."
            )
        if from_name and int(from_name[-1]) != year:
            meldingen.append(
                f"De bestandsnaam noemt {from_name[-1]}, de cijfers zelf zijn van {year}; {year} gebruikt."
            )
    elif jaar is not None:
        year = int(jaar)
    elif from_name:
        year = int(from_name[-1])
    else:
        raise _error(
            path,
            "geen jaar gevonden (geen kolom jaar of jrstatcode, geen jaartal zoals _2024 in de "
            "bestandsnaam); geef het CBS-jaar op met --jaar.",
        )
    if not 1990 <= year <= 2100:
        raise _error(path, f"jaar {year} ligt niet tussen 1990 en 2100.")
    return year


# ---------------------------------------------------------------------------------------------
# areas and codes


def _clean_text(series: pd.Series) -> pd.Series:
    text = series.astype("str").str.strip()
    return text.where(text.notna() & (text != ""))


def _areas(
    path: Path, level: str, frame: gpd.GeoDataFrame, meldingen: list[str]
) -> gpd.GeoDataFrame:
    """One level's rows with code, naam, parent codes and gemeentecode; indicators stay as columns."""
    frame = _drop_water_parts(level, frame, meldingen)
    code_col = _CODE[level]
    frame = frame.copy()
    frame[code_col] = _clean_text(frame[code_col]).str.upper()
    missing = int(frame[code_col].isna().sum())
    if missing:
        raise _error(path, f"{_count(missing, level)} zonder {code_col}.")
    for parent_level in LEVELS[: LEVELS.index(level)]:
        parent_col = _CODE[parent_level]
        if parent_col in frame.columns:
            frame[parent_col] = _clean_text(frame[parent_col]).str.upper()
    # CBS codes nest by construction, so a missing parent code column follows from the code
    if level == "buurt" and "wijkcode" not in frame.columns:
        frame["wijkcode"] = "WK" + frame[code_col].str.slice(2, 8)
    if level != "gemeente" and "gemeentecode" not in frame.columns:
        frame["gemeentecode"] = "GM" + frame[code_col].str.slice(2, 6)

    name_col = _NAME[level] if _NAME[level] in frame.columns else "naam"
    names = _clean_text(frame[name_col]) if name_col in frame.columns else None
    if names is None:
        names = pd.Series(pd.NA, index=frame.index, dtype="str")
    unnamed = int(names.isna().sum())
    if unnamed:
        meldingen.append(
            f"{_count(unnamed, level)} zonder naam in {path.name}; de naam is afgeleid van de code."
        )
        names = names.fillna(_name_from_code(level, frame[code_col]))
    frame["_naam"] = names
    return frame


def _drop_water_parts(
    level: str, frame: gpd.GeoDataFrame, meldingen: list[str]
) -> gpd.GeoDataFrame:
    """Older CBS maps store land and water of one area as two rows; keep the land row."""
    if "water" not in frame.columns:
        return frame
    code_col = _CODE[level]
    is_water = _clean_text(frame["water"]).str.upper().isin(["JA", "J", "1", "TRUE"])
    codes = frame[code_col].astype("str").str.strip().str.upper()
    land_codes = set(codes[~is_water])
    drop = is_water & codes.isin(land_codes)
    if drop.any():
        meldingen.append(
            f"Van {_count(int(drop.sum()), level)} is het watervlak weggelaten; "
            "het landvlak met dezelfde code blijft."
        )
        return frame.loc[~drop]
    return frame


def _filter_gemeenten(
    path: Path, areas: dict[str, gpd.GeoDataFrame], wanted: list[str]
) -> dict[str, gpd.GeoDataFrame]:
    present: set[str] = set()
    for frame in areas.values():
        present.update(frame["gemeentecode"].dropna().unique())
    absent = [code for code in wanted if code not in present]
    if len(absent) == 1:
        raise CbsImportError(f"Gemeente {absent[0]} komt niet voor in {path.name}.")
    if absent:
        raise CbsImportError(f"Gemeenten {', '.join(absent)} komen niet voor in {path.name}.")
    return {
        level: frame.loc[frame["gemeentecode"].isin(wanted)].reset_index(drop=True)
        for level, frame in areas.items()
    }


def _count(n: int, level: str) -> str:
    """'1 buurt', '3 buurten'."""
    return f"{n} {level if n == 1 else _PLURAL[level]}"


def _verb(n: int, singular: str, plural: str) -> str:
    return singular if n == 1 else plural


def _some(codes: Sequence[str], limit: int = 5) -> str:
    codes = list(codes)
    shown = ", ".join(codes[:limit])
    return shown + (f" en nog {len(codes) - limit}" if len(codes) > limit else "")


def _validate_codes(path: Path, level: str, frame: gpd.GeoDataFrame) -> None:
    code_col = _CODE[level]
    codes = frame[code_col]
    bad = codes[~codes.str.fullmatch(_PATTERN[level]).fillna(False).astype(bool)]
    if len(bad):
        example = {"gemeente": "GM0344", "wijk": "WK034401", "buurt": "BU03440101"}[level]
        raise _error(
            path,
            f"{len(bad)} ongeldige {code_col}{'' if len(bad) == 1 else 's'} (verwacht zoals "
            f"{example}): {_some(bad.tolist())}.",
        )
    duplicated = codes[codes.duplicated(keep=False)].drop_duplicates()
    if len(duplicated):
        raise _error(path, f"dubbele {code_col}s: {_some(sorted(duplicated.tolist()))}.")
    # a buurt carries its wijk's six digits (and so its gemeente's four); a wijk its gemeente's four
    checks = {"wijk": [("gemeente", 4)], "buurt": [("wijk", 6), ("gemeente", 4)]}
    for parent_level, digits in checks.get(level, []):
        parent_col = _CODE[parent_level]
        parent = frame[parent_col]
        ok = parent.str.fullmatch(_PATTERN[parent_level]).fillna(False).astype(bool) & (
            codes.str.slice(2, 2 + digits) == parent.str.slice(2, 2 + digits)
        ).fillna(False).astype(bool)
        if not ok.all():
            wrong = ~ok
            n_wrong = int(wrong.sum())
            pairs = [
                f"{c} ({p})"
                for c, p in zip(codes[wrong], parent[wrong].fillna("leeg"), strict=True)
            ]
            raise _error(
                path,
                f"{n_wrong} {code_col}{'' if n_wrong == 1 else 's'} "
                f"{_verb(n_wrong, 'past', 'passen')} niet bij de {parent_col}: "
                f"{_some(pairs)}.",
            )


def _validate_nesting(path: Path, areas: dict[str, gpd.GeoDataFrame]) -> None:
    """A buurt's wijk and a wijk's gemeente must be in the file when that level is."""
    for child, parent_level in _PARENT.items():
        if child not in areas or parent_level not in areas:
            continue
        parent_col = _CODE[parent_level]
        known = set(areas[parent_level][parent_col])
        orphans = areas[child].loc[~areas[child][parent_col].isin(known), _CODE[child]]
        if len(orphans):
            n = len(orphans)
            raise _error(
                path,
                f"{_count(n, child)} {_verb(n, 'verwijst', 'verwijzen')} naar een {parent_level} "
                f"die niet in het bestand staat: {_some(orphans.tolist())}.",
            )


# ---------------------------------------------------------------------------------------------
# geometry


def _display_geometry(
    path: Path, areas: dict[str, gpd.GeoDataFrame], meldingen: list[str]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per level: (codes, WGS84 geometries), simplified in RD New without gaps between neighbours.

    The finest level in the file is simplified; a level missing from the file is dissolved from the
    simplified finer level, so it nests its parts exactly. Levels present in the file are each
    simplified on their own.
    """
    rd: dict[str, np.ndarray] = {}
    coverage_ok: dict[str, bool] = {}
    for level in reversed(LEVELS):
        if level not in areas:
            continue
        geoms = _to_rd(path, level, areas[level], meldingen)
        rd[level], coverage_ok[level] = _simplify(geoms, level, meldingen)

    result: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for level in reversed(LEVELS):
        if level in areas:
            codes = areas[level][_CODE[level]].to_numpy(dtype=object)
            result[level] = (codes, rd[level])
        elif level != "buurt":
            finer = "buurt" if level == "wijk" else "wijk"
            if finer not in result:
                continue
            finer_codes, finer_geoms = result[finer]
            parents = _parent_codes(areas, finer, level, finer_codes)
            codes, geoms = _dissolve(parents, finer_geoms, coverage_ok[finer])
            coverage_ok[level] = coverage_ok[finer]
            noun = level if len(codes) == 1 else _PLURAL[level]
            meldingen.append(
                f"{len(codes)} {noun} afgeleid door de {_PLURAL[finer]} per {_CODE[level]} "
                "samen te voegen."
            )
            if not coverage_ok[finer]:
                geoms, filled = _fill_slivers(geoms)
                if filled:
                    meldingen.append(
                        f"{filled} smalle gaten tussen de {_PLURAL[finer]} zijn in de afgeleide "
                        f"{_PLURAL[level]} opgevuld."
                    )
            result[level] = (codes, geoms)
    return {level: (codes, _to_wgs84(geoms)) for level, (codes, geoms) in result.items()}


def _parent_codes(
    areas: dict[str, gpd.GeoDataFrame], finer: str, level: str, finer_codes: np.ndarray
) -> np.ndarray:
    """The `level` code of every area of the `finer` level (in `finer_codes` order)."""
    if finer in areas:
        return areas[finer][_CODE[level]].to_numpy(dtype=object)
    # the finer level was itself dissolved (wijken from buurten): look its parents up in the buurten
    lookup = areas["buurt"].drop_duplicates(_CODE[finer]).set_index(_CODE[finer])[_CODE[level]]
    return lookup.reindex(finer_codes).to_numpy(dtype=object)


def _to_rd(path: Path, level: str, frame: gpd.GeoDataFrame, meldingen: list[str]) -> np.ndarray:
    series = frame.geometry
    present = ~(series.isna() | series.is_empty)
    types = shapely.get_type_id(series.values[present.to_numpy()])
    non_polygonal = ~np.isin(types, _POLYGONAL_TYPE_IDS + (_COLLECTION_TYPE_ID,))
    if non_polygonal.any():
        n = int(non_polygonal.sum())
        raise _error(
            path,
            f"{_count(n, level)} {_verb(n, 'is', 'zijn')} geen vlak (punt of lijn); "
            "een gebied moet een (multi)polygoon zijn.",
        )
    if series.crs is None:
        series = series.set_crs(_guess_crs(path, series, meldingen))
    if series.crs.to_epsg() != RD_NEW:
        series = series.to_crs(RD_NEW)
    geoms = _polygonal(np.asarray(series.values))
    empty = int((shapely.is_missing(geoms) | shapely.is_empty(geoms)).sum())
    if empty:
        meldingen.append(f"{_count(empty, level)} zonder (geldige) geometrie.")
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
    raise _error(
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
            f"De {_PLURAL[level]} sluiten niet naadloos op elkaar aan (overlap of randen die niet "
            "precies samenvallen); ze zijn niet vereenvoudigd."
        )
        return geoms, False
    try:
        simplified = shapely.coverage_simplify(parts, tolerance=SIMPLIFY_TOLERANCE_M)
    except (GEOSException, ValueError) as exc:
        meldingen.append(f"De {_PLURAL[level]} zijn niet vereenvoudigd ({_short(exc)}).")
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


# ---------------------------------------------------------------------------------------------
# output frames


def _output_frame(
    areas: dict[str, gpd.GeoDataFrame],
    geometry: dict[str, tuple[np.ndarray, np.ndarray]],
    level: str,
) -> gpd.GeoDataFrame:
    code_col = _CODE[level]
    columns = {"gemeente": ["gemeentecode", "naam"], "wijk": ["wijkcode", "naam", "gemeentecode"]}
    columns["buurt"] = ["buurtcode", "naam", "wijkcode"]
    if level not in geometry:
        empty = {c: pd.Series([], dtype="str") for c in columns[level]}
        return gpd.GeoDataFrame(empty, geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)
    codes, geoms = geometry[level]
    if level in areas:
        frame = areas[level]
        table = pd.DataFrame({c: frame[c].to_numpy() for c in columns[level] if c != "naam"})
        table["naam"] = frame["_naam"].to_numpy()
    else:
        table = _derived_table(areas, level, codes)
    table = table[columns[level]].astype("str")
    out = gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(geoms, crs=WGS84), crs=WGS84)
    return out.sort_values(code_col, ignore_index=True)


def _derived_table(
    areas: dict[str, gpd.GeoDataFrame], level: str, codes: np.ndarray
) -> pd.DataFrame:
    """Codes and names of a level dissolved from its parts: names from the parts' files when given."""
    finer = [areas[lvl] for lvl in LEVELS[LEVELS.index(level) + 1 :] if lvl in areas]
    parents = finer[0].drop_duplicates(_CODE[level]).set_index(_CODE[level])
    names = pd.Series(pd.NA, index=codes, dtype="str")
    for source in finer:  # e.g. gemeentenaam from the wijken, else from the buurten
        if _NAME[level] in source.columns:
            given = source.drop_duplicates(_CODE[level]).set_index(_CODE[level])[_NAME[level]]
            names = names.fillna(_clean_text(given).reindex(codes))
    names = names.fillna(_name_from_code(level, pd.Series(codes, index=codes, dtype="str")))
    table = pd.DataFrame({_CODE[level]: codes, "naam": names.to_numpy()})
    if level == "wijk":
        table["gemeentecode"] = parents["gemeentecode"].reindex(codes).to_numpy()
    return table


def _name_from_code(level: str, codes: pd.Series) -> pd.Series:
    """A stand-in name: "Wijk 03" for WK034403 (as CBS names many wijken), else the code itself."""
    if level == "wijk":
        return "Wijk " + codes.str.slice(-2)
    return codes


# ---------------------------------------------------------------------------------------------
# kerncijfers


def _is_indicator(column: str) -> bool:
    return (
        column not in _IDENTITY_COLUMNS
        and not column.startswith(_IDENTITY_PREFIXES)
        and not column.startswith("_")
        and column != "geometry"
    )


def _indicator_name(column: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", column.lower()).strip("_")


def _numeric_columns(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """Indicator columns as float arrays; text columns count only when every value is a number."""
    out: dict[str, np.ndarray] = {}
    for column in frame.columns:
        if not _is_indicator(str(column)):
            continue
        series = frame[column]
        if pd.api.types.is_bool_dtype(series):
            continue
        if pd.api.types.is_numeric_dtype(series):
            values = pd.to_numeric(series, errors="coerce")
        else:
            text = _clean_text(series)
            values = pd.to_numeric(text, errors="coerce")
            if text.notna().sum() == 0 or values.notna().sum() != text.notna().sum():
                continue  # a text column such as `water` or a name
        name = _indicator_name(str(column))
        if name and name not in out:
            out[name] = values.to_numpy(dtype=float, na_value=np.nan)
    return out


def _kerncijfers(
    areas: dict[str, gpd.GeoDataFrame], jaar: int, meldingen: list[str]
) -> pd.DataFrame:
    """Long kerncijfers sorted by gebiedscode and indicator; CBS missing-value codes become NaN."""
    pieces: dict[str, pd.DataFrame] = {}
    secret = 0
    seen: set[str] = set()
    inwoners: dict[str, pd.Series] = {}
    for level, frame in areas.items():
        columns = _numeric_columns(frame)
        if not columns:
            continue
        seen.update(columns)
        values = np.column_stack(list(columns.values()))
        coded = values <= CBS_MISSING_AT_OR_BELOW
        secret += int(coded.sum())
        values[coded] = np.nan
        if "aantal_inwoners" in columns:
            inwoners[level] = pd.Series(
                values[:, list(columns).index("aantal_inwoners")], index=frame.index
            )
        # melt already in (code, indicator) order, so 3 million national rows need no sort
        codes = frame[_CODE[level]].to_numpy(dtype=object)
        row_order = np.argsort(codes, kind="stable")
        names = np.array(list(columns), dtype=object)
        column_order = np.argsort(names, kind="stable")
        pieces[level] = _long_frame(
            codes[row_order], names[column_order], values[np.ix_(row_order, column_order)]
        )
    pieces.update(_derived_inwoners(areas, inwoners))

    if secret:
        meldingen.append(
            f"{secret} waarden met een CBS-code voor geheim of onbekend (zoals -99995) "
            "zijn als onbekend ingelezen."
        )
    for indicator in KEY_INDICATORS:
        if indicator not in seen:
            meldingen.append(f"Indicator {indicator} ontbreekt in het bestand.")

    # one piece per level, and BU < GM < WK: concatenated in that order they stay sorted
    ordered = [pieces[level] for level in ("buurt", "gemeente", "wijk") if level in pieces]
    if ordered:
        long = pd.concat(ordered, ignore_index=True)
    else:
        long = _long_frame(np.array([], dtype=object), np.array([], dtype=object), np.empty(0))
    long.insert(1, "jaar", np.full(len(long), jaar, dtype="int64"))
    return long


def _long_frame(codes: np.ndarray, names: np.ndarray, values: np.ndarray) -> pd.DataFrame:
    """Rows code x indicator (codes outer) with the matching values; strings built by take."""
    n, k = len(codes), len(names)
    code_col = pd.Series(codes, dtype="str").take(np.repeat(np.arange(n), k))
    name_col = pd.Series(names, dtype="str").take(np.tile(np.arange(k), n))
    frame = pd.DataFrame(
        {
            "gebiedscode": code_col.reset_index(drop=True),
            "indicator": name_col.reset_index(drop=True),
            "waarde": values.ravel().astype("float64"),
        }
    )
    return frame


def _derived_inwoners(
    areas: dict[str, gpd.GeoDataFrame], inwoners: dict[str, pd.Series]
) -> dict[str, pd.DataFrame]:
    """aantal_inwoners of a dissolved wijk or gemeente: the sum of its parts, when all are known.

    This is the one kerncijfer we compute for a derived level: other figures (percentages,
    averages, densities) cannot be rebuilt from the parts. CBS rounds buurt figures to 5, so the
    sum can differ a little from CBS's own wijk figure.
    """
    pieces: dict[str, pd.DataFrame] = {}
    for level in ("wijk", "gemeente"):
        if level in areas:
            continue
        finer = LEVELS[LEVELS.index(level) + 1 :]
        parts_level = next((lvl for lvl in finer if lvl in inwoners), None)
        if parts_level is None:
            continue
        grouped = inwoners[parts_level].groupby(areas[parts_level][_CODE[level]].to_numpy())
        total = grouped.sum(min_count=1)[grouped.count() == grouped.size()]  # sorted by code
        pieces[level] = _long_frame(
            total.index.to_numpy(dtype=object),
            np.array(["aantal_inwoners"], dtype=object),
            total.to_numpy(dtype=float)[:, None],
        )
    return pieces
