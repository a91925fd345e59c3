"""Read CBS area files (wijk- en buurtkaart) into clean frames: areas with display geometry, kerncijfers long.

Pure reading and converting: nothing here touches the database. Accepted inputs are the CBS/PDOK
GeoPackage (layers gemeenten, wijken, buurten), GeoJSON and Shapefile exports of one level, in the
PDOK snake_case schema, the reduced schema of some wijken exports, or the older upper-case schema.

The steps, one module each: `layers` finds and reads the file's layers and its year, `columns`
maps column spellings to canonical names, `areas` checks and completes codes, names and parents,
`geometry` places the shapes in the Netherlands and makes them valid, simplified and WGS84,
and `kerncijfers` takes the figures; `messages` holds CbsImportError and the Dutch wording they
share. Every reason and note is Dutch, built from a registered template (N_), so the UI shows it
in its own language through `registratie.shown_reason`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dashboard.i18n import N_
from dashboard.ingest.cbs.areas import (
    clean_areas,
    filter_gemeenten,
    output_frame,
    validate_codes,
    validate_nesting,
    wanted_gemeenten,
)
from dashboard.ingest.cbs.columns import COLUMN_ALIASES, INDICATOR_ALIASES
from dashboard.ingest.cbs.geometry import display_geometry
from dashboard.ingest.cbs.kerncijfers import CBS_MISSING_AT_OR_BELOW, KEY_INDICATORS, kerncijfers
from dashboard.ingest.cbs.layers import SUPPORTED_SUFFIXES, check_file, read_layers, resolve_year
from dashboard.ingest.cbs.messages import CbsImportError

__all__ = [
    "CBS_MISSING_AT_OR_BELOW",
    "COLUMN_ALIASES",
    "INDICATOR_ALIASES",
    "KEY_INDICATORS",
    "SUPPORTED_SUFFIXES",
    "CbsData",
    "CbsImportError",
    "read_cbs_file",
]


@dataclass(frozen=True)
class CbsData:
    """CBS areas (EPSG:4326, simplified without gaps) and their kerncijfers, read from one file."""

    jaar: int
    gemeenten: gpd.GeoDataFrame  # gemeentecode, naam, geometry
    wijken: gpd.GeoDataFrame  # wijkcode, naam, gemeentecode, geometry
    buurten: gpd.GeoDataFrame  # buurtcode, naam, wijkcode, geometry (may be empty)
    kerncijfers: pd.DataFrame  # long: gebiedscode, jaar, indicator, waarde (NaN = unknown/secret)
    meldingen: list[str]  # Dutch warnings for the data steward (see registratie.shown_reason)


def read_cbs_file(
    path: str | Path, gemeenten: Sequence[str] | None = None, jaar: int | None = None
) -> CbsData:
    """Read a CBS wijk- en buurtkaart file (GeoPackage, GeoJSON or Shapefile) into clean frames."""
    path = Path(path)
    check_file(path)
    wanted = wanted_gemeenten(gemeenten)
    meldingen: list[str] = []

    layers = read_layers(path, meldingen)
    year = resolve_year(path, layers, jaar, meldingen)
    areas = {level: clean_areas(path, level, frame, meldingen) for level, frame in layers.items()}
    if wanted is not None:
        areas = filter_gemeenten(path, areas, wanted)
    for level, frame in areas.items():
        validate_codes(path, level, frame)
    validate_nesting(path, areas)
    if "buurt" not in areas and "wijk" not in areas:
        meldingen.append(N_("Het bestand bevat alleen gemeenten, geen wijken of buurten."))

    geometry = display_geometry(path, areas, meldingen)
    figures = kerncijfers(areas, year, meldingen)
    return CbsData(
        jaar=year,
        gemeenten=output_frame(areas, geometry, "gemeente"),
        wijken=output_frame(areas, geometry, "wijk"),
        buurten=output_frame(areas, geometry, "buurt"),
        kerncijfers=figures,
        meldingen=meldingen,
    )
