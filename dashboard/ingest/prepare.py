"""Preparing an import: read and validate a file, nothing written.

`prepare_*` returns a `Prepared`: the raw-table rows, the whole validation report and
the content hash, so a user sees everything before `dashboard.ingest.write.commit`
writes it. A registration export is validated against the codes in the current
database version and its participant numbers are pseudonymised here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from dashboard.i18n import N_
from dashboard.ingest import registratie, statline
from dashboard.ingest.cbs import CbsData, read_cbs_file
from dashboard.ingest.pseudonym import load_or_create_salt, pseudonymiser, salt_path
from dashboard.ingest.registratie import KnownCodes, MappingStore, Problem, Validated
from dashboard.warehouse import store
from dashboard.warehouse.store import open_current


@dataclass(frozen=True)
class Prepared:
    """Validated data, ready to be written: what, from which file, and its content hash."""

    tabel: str
    bestand: str
    inhoud_hash: str
    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    # an own indeling replaces the gemeente's previous one: its areas not in this file go
    replaces_indeling_of: str | None = None
    # deelnames: each deelnemer's first deelname in the file, by the bijeenkomst dates of
    # database version `checked_against`, and the positions in tables["deelname"] of the
    # pairs that version holds already (see write.commit)
    first_deelnames: pd.DataFrame | None = None
    present_pairs: np.ndarray | None = None
    checked_against: str | None = None
    # a registration export's column names, for a hint when a required one is not mapped
    kolommen: tuple[str, ...] = ()
    # the mapping it was validated with: field -> column (None: no column)
    mapping: dict[str, str | None] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """The problems that block the import."""
        return [p for p in self.problems if p.ernst == "fout"]

    @property
    def leeg(self) -> bool:
        """True when there is not one row to write (a file with only its header)."""
        return not any(len(frame) for frame in self.tables.values())


def content_hash(data: bytes | Path) -> str:
    """SHA-256 of a file's bytes (or of the file at a path, read in blocks), to recognise the
    same file in the import log."""
    if isinstance(data, Path):
        with data.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    return hashlib.sha256(data).hexdigest()


def mapping_store(location: str) -> MappingStore:
    """Saved column mappings live beside the database, like the salt."""
    return MappingStore(salt_path(location).parent / "koppelingen")


# --- reading what the database already knows ------------------------------------


def _validate(
    location: str,
    kind: str,
    raw: registratie.RawTable,
    mapping: Mapping[str, str | None],
    pseudonymise: Callable[[str], str],
) -> tuple[Validated, str | None]:
    """Validate against the codes in the database (read-only; none yet when there is no file).

    Also returns the database version it checked against (None without one).
    """
    resolved = store.resolve(location)
    if store.is_file_location(resolved) and not Path(resolved).exists():
        return registratie.validate(kind, raw, mapping, KnownCodes(), pseudonymise), None
    con = open_current(location)
    try:
        validated = registratie.validate(kind, raw, mapping, con, pseudonymise)
        return validated, store.version_read_by(con)
    finally:
        con.close()


# --- preparing ---------------------------------------------------------------------


def prepare_registration(
    location: str,
    kind: str,
    data: bytes | Path,
    filename: str,
    *,
    mapping: Mapping[str, str | None] | None = None,
    sheet: str | None = None,
    overrides: Mapping[str, str] | None = None,
) -> tuple[Prepared, Validated]:
    """Read, map and validate a registration export (its bytes, or its path: a large CSV is
    then never held whole in memory); nothing is written. Without `mapping` the columns are
    matched by name (suggest_mapping); `overrides` (field -> column) go over either."""
    raw = registratie.read_export(data, filename, sheet, kind=kind)
    if mapping is None:
        mapping = registratie.suggest_mapping(kind, raw.columns)
    columns = tuple(raw.columns)
    # a column given by hand is found whatever its case, as the matching by name does
    by_case = {c.casefold(): c for c in columns}
    given = {f: by_case.get(c.casefold(), c) for f, c in (overrides or {}).items()}
    mapping = {**mapping, **given}
    salt = load_or_create_salt(salt_path(location))
    validated, version = _validate(location, kind, raw, mapping, pseudonymiser(salt))
    # the file's cells are done with: give their memory back before the write (Arrow's
    # allocator keeps freed blocks; 113 MB of cells for a 210 MB inzet file)
    del raw
    pa.default_memory_pool().release_unused()
    prepared = Prepared(
        kind,
        filename,
        content_hash(data),
        validated.tables,
        list(validated.problems),
        first_deelnames=validated.first_deelnames,
        present_pairs=validated.present_pairs,
        checked_against=version,
        kolommen=columns,
        mapping=dict(mapping),
    )
    return prepared, validated


def prepare_cbs(
    path: str | Path, gemeenten: Sequence[str] | None = None, jaar: int | None = None
) -> Prepared:
    """Read a CBS wijk- en buurtkaart file into the area and kerncijfers tables; nothing is written."""
    cbs = read_cbs_file(path, gemeenten=gemeenten, jaar=jaar)
    data = Path(path).read_bytes()
    notes = [
        Problem(Path(path).name, None, None, None, melding, "waarschuwing")
        for melding in cbs.meldingen
    ]
    return Prepared("cbs", Path(path).name, content_hash(data), cbs_tables(cbs), notes)


_UNKNOWN_AREAS = N_(
    "{n} gebied(en) staan niet in de database en worden overgeslagen;"
    " laad eerst de wijk- en buurtkaart van dat jaar."
)
registratie.register_templates(_UNKNOWN_AREAS)


def prepare_statline(
    location: str, gemeente: str, jaar: int, opener: Callable[[str], bytes] | None = None
) -> Prepared:
    """Fetch a gemeente's kerncijfers of one year from CBS StatLine (online); nothing is written.

    Only figures of areas the database knows are kept: load the areas first from the
    wijk- en buurtkaart. Raises statline.StatlineUnavailable when CBS cannot be reached.
    """
    figures = statline.fetch_kerncijfers(gemeente, jaar, opener=opener)
    con = open_current(location)
    try:
        known = {r[0] for r in con.cursor().sql("select gebiedscode from int_gebied").fetchall()}
    finally:
        con.close()
    keep = figures["gebiedscode"].isin(known)
    bron = f"CBS StatLine {statline.table_for(jaar)} ({gemeente})"
    problems = []
    if not keep.all():
        unknown = sorted(set(figures.loc[~keep, "gebiedscode"]))
        problems.append(
            Problem(
                bron,
                None,
                "gebiedscode",
                ", ".join(unknown[:5]),
                _UNKNOWN_AREAS.format(n=len(unknown)),
                "waarschuwing",
            )
        )
    if not keep.any():
        problems.append(
            Problem(
                bron,
                None,
                None,
                None,
                N_("Geen enkel gebied van deze gemeente staat in de database."),
                "fout",
            )
        )
    kerncijfers = figures.loc[keep, ["gebiedscode", "jaar", "indicator", "waarde"]].reset_index(
        drop=True
    )
    digest = content_hash(kerncijfers.to_csv(index=False).encode())
    return Prepared("kerncijfers", bron, digest, {"kerncijfers": kerncijfers}, problems)


def cbs_tables(cbs: CbsData) -> dict[str, pd.DataFrame]:
    """The raw-table rows of a CBS file: gemeente, wijk, buurt (geometry as WKB) and kerncijfers."""

    def wkb(gdf: gpd.GeoDataFrame) -> list[bytes | None]:
        return [None if g is None else shapely.to_wkb(g) for g in gdf.geometry]

    gemeente = pd.DataFrame(
        {
            "gemeentecode": cbs.gemeenten["gemeentecode"],
            "naam": cbs.gemeenten["naam"],
            "is_fictief": False,
            "geom_wkb": wkb(cbs.gemeenten),
        }
    )
    wijk = pd.DataFrame(
        {
            "wijkcode": cbs.wijken["wijkcode"],
            "naam": cbs.wijken["naam"],
            "gemeentecode": cbs.wijken["gemeentecode"],
            "geom_wkb": wkb(cbs.wijken),
        }
    )
    buurt = pd.DataFrame(
        {
            "buurtcode": cbs.buurten["buurtcode"],
            "naam": cbs.buurten["naam"],
            "wijkcode": cbs.buurten["wijkcode"],
            "geom_wkb": wkb(cbs.buurten),
        }
    )
    kerncijfers = cbs.kerncijfers[["gebiedscode", "jaar", "indicator", "waarde"]].copy()
    kerncijfers["waarde"] = kerncijfers["waarde"].astype("float64")
    return {"gemeente": gemeente, "wijk": wijk, "buurt": buurt, "kerncijfers": kerncijfers}
