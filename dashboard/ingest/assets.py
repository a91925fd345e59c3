"""What the wijk has: importing plekken, routes and verhalen (issue 16).

The same two steps as the registration exports: `prepare_assets` reads and checks a file
(CSV or XLSX like the templates, or GeoJSON for plekken and routes) and returns a `Prepared`
with the whole Dutch report (row, column, value, reason), nothing written; then
`dashboard.ingest.write.commit` writes it in one transaction on a new database version
with an import log row. Any error refuses the whole file.

Coordinates are WGS84 (lon, lat) or RD New (x, y), converted once here. A plek's buurt
and gemeente come from its point: a point in no buurt of the database lies outside the
gemeente(n) and is refused. A verhaal is refused when it holds obvious personal data
(`dashboard.ingest.privacy`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

import duckdb
import geopandas as gpd
import pandas as pd
import shapely
from pyproj import Transformer

from dashboard.domain.codes import (
    BEHEER,
    BUURT,
    CODE_PATTERNS,
    PLEK_TYPES,
    RD_NEW,
    ROUTE_MAKERS,
    ROUTE_MIN_STOPS,
    ROUTE_SOORTEN,
    VERHAAL_BRONNEN,
    VERHAAL_MAX_TEKENS,
    VERHAAL_STATUSSEN,
    WGS84,
    WIJK,
)
from dashboard.i18n import N_
from dashboard.ingest import privacy, registratie
from dashboard.ingest.prepare import Prepared, content_hash
from dashboard.ingest.registratie import Field, Problem
from dashboard.ingest.registratie.templates import ONE_OF, PARTNER_SEPARATOR, csv_for, xlsx_for
from dashboard.ingest.registratie.values import parse_date, parse_decimal, parse_integer
from dashboard.warehouse import area_shapes, store

KINDS: tuple[str, ...] = ("plekken", "routes", "verhalen")
GEOJSON_KINDS: tuple[str, ...] = ("plekken", "routes")

# --- reasons (exact texts; tests refer to these names) -------------------------------------

REDEN_KOLOM_ONTBREEKT = registratie.REDEN_KOLOM_ONTBREEKT
REDEN_LEEG = registratie.REDEN_LEEG
REDEN_DATUM = registratie.REDEN_DATUM
DUBBEL = registratie.DUBBEL
REDEN_GEEN_COORDINATEN = N_(
    "Coördinaten ontbreken: het bestand heeft de kolommen lon en lat (WGS84) of x en y (RD New)"
    " nodig"
)
REDEN_COORDINAAT = N_("Onleesbare coördinaat; gebruik een getal, zoals 5,1234 of 155000")
REDEN_BUITEN = N_(
    "Het punt ligt buiten de gemeente: geen buurt in de database bevat het"
    " (klopt de volgorde lon/lat of x/y?)"
)
REDEN_TYPE = N_("Onbekend type plek; toegestaan: {values}").format(values=", ".join(PLEK_TYPES))
REDEN_BEHEER = N_("Onbekend beheer; toegestaan: {values}").format(values=", ".join(BEHEER))
REDEN_EINDE_VOOR_START = registratie.REDEN_EINDE_VOOR_START
REDEN_ACTIVITEIT_ONBEKEND = registratie.REDEN_ACTIVITEIT_ONBEKEND
REDEN_ACTIVITEIT_ANDERE_GEMEENTE = N_(
    "Deze activiteit vindt plaats in een andere gemeente dan de plek"
)
REDEN_ROUTE_SOORT = N_("Onbekende soort route; toegestaan: {values}").format(
    values=", ".join(ROUTE_SOORTEN)
)
REDEN_ROUTE_MAKER = N_("Onbekend gemaakt_door; toegestaan: {values}").format(
    values=", ".join(ROUTE_MAKERS)
)
REDEN_ROUTE_EEN_PUNT = N_(
    "Een route is een lijn en heeft minstens {n} punten; deze heeft er één"
).format(n=ROUTE_MIN_STOPS)
REDEN_ROUTE_VERSCHILT = N_(
    "Andere naam, soort, datum of maker dan eerder in dit bestand voor deze route"
)
REDEN_ROUTE_GEMEENTEN = N_("De stops van deze route liggen in meer dan één gemeente")
REDEN_VOLGNUMMER = N_("Onleesbaar volgnummer; gebruik 1, 2, 3 ...")
REDEN_PLEK_ONBEKEND = N_("Onbekende plek: dit plek_id staat niet in de database")
REDEN_GEBIED = N_(
    "Onbekend gebied: gebruik de code van een wijk of buurt in de database (WK… of BU…)"
)
REDEN_BRON = N_("Onbekende bron; toegestaan: {values}").format(values=", ".join(VERHAAL_BRONNEN))
REDEN_STATUS = N_("Onbekende status; toegestaan: {values}").format(
    values=", ".join(VERHAAL_STATUSSEN)
)
REDEN_TE_LANG = N_("De tekst is langer dan {n} tekens; houd een verhaal kort").format(
    n=VERHAAL_MAX_TEKENS
)
REDEN_GEOJSON = N_("Het bestand is geen leesbare GeoJSON (een FeatureCollection)")
REDEN_GEOMETRIE_PLEK = N_("Een plek is een punt (geometrie Point)")
REDEN_GEOMETRIE_ROUTE = N_("Een route is een lijn (geometrie LineString)")
REDEN_GEOJSON_SOORT = N_(
    "GeoJSON kan alleen voor plekken en routes; verhalen staan in CSV of Excel"
)
REDEN_VERHAAL_ONBEKEND = N_("Onbekend verhaal: dit verhaal_id staat niet (meer) in de database")

# reasons with values, shown in the run's language through their templates
registratie.register_templates(
    N_("Onbekend type plek; toegestaan: {values}"),
    N_("Onbekend beheer; toegestaan: {values}"),
    N_("Onbekende soort route; toegestaan: {values}"),
    N_("Onbekend gemaakt_door; toegestaan: {values}"),
    N_("Onbekende bron; toegestaan: {values}"),
    N_("Onbekende status; toegestaan: {values}"),
    N_("Een route is een lijn en heeft minstens {n} punten; deze heeft er één"),
    N_("De tekst is langer dan {n} tekens; houd een verhaal kort"),
    privacy.REFUSAL,
)

# what a single entry typed on Gegevens is called in the report and the import log
FORM = "formulier"
# a verhaal's status changed on Gegevens, as the import log names it
STATUS_CHANGES: dict[str, str] = {"gepubliceerd": "gepubliceerd", "concept": "terug naar concept"}

# --- templates ----------------------------------------------------------------------------

# descriptions with values (Dutch; shown in the run's language through their templates)
_ONE_OF_ONLY = N_("Een van: {values}.")
_ACTIVITEITEN = N_(
    "activiteit_id's van activiteiten die hier plaatsvinden, gescheiden door {separator}."
)
_VERHAAL_TEKST = N_(
    "Het verhaal, hoogstens {n} tekens. Geen namen, adressen, e-mailadressen, telefoonnummers"
    " of BSN's."
)
registratie.register_templates(_ONE_OF_ONLY, _ACTIVITEITEN, _VERHAAL_TEKST)

_LON = Field(
    "lon", False, "decimal", N_("Lengtegraad (WGS84), of laat leeg en vul x en y."), "5,2913"
)
_LAT = Field("lat", False, "decimal", N_("Breedtegraad (WGS84)."), "52,1561")
_X = Field("x", False, "decimal", N_("RD New x in meters (in plaats van lon en lat)."), "")
_Y = Field("y", False, "decimal", N_("RD New y in meters."), "")

TEMPLATES: dict[str, tuple[Field, ...]] = {
    "plekken": (
        Field("plek_id", True, "text", N_("Eigen nummer van de plek."), "PLK-001"),
        Field("naam", True, "text", N_("Naam van de plek, het initiatief of de partner."), "Buurthuis De Linde"),
        Field("type", True, "code", _ONE_OF_ONLY.format(values=", ".join(PLEK_TYPES)), "buurthuis"),
        Field("beheer", True, "code", ONE_OF.format(what=N_("Wie het beheert of runt."), values=", ".join(BEHEER)), "bewoners"),
        _LON,
        _LAT,
        _X,
        _Y,
        Field("startdatum", False, "date", N_("Sinds wanneer (dd-mm-jjjj)."), "01-03-2019"),
        Field("einddatum", False, "date", N_("Tot wanneer, als het gestopt is."), ""),
        Field(
            "activiteiten",
            False,
            "list",
            _ACTIVITEITEN.format(separator=PARTNER_SEPARATOR),
            "ACT-0001|ACT-0002",
        ),
        Field("beschrijving", False, "text", N_("Korte beschrijving, zonder namen van personen."), ""),
    ),
    "routes": (
        Field("route_id", True, "text", N_("Eigen nummer van de route; elke stop een rij."), "RT-01"),
        Field("route_naam", True, "text", N_("Naam van de route."), "Wijksafari De Brink"),
        Field("soort", True, "code", _ONE_OF_ONLY.format(values=", ".join(ROUTE_SOORTEN)), "wijksafari"),
        Field("datum", False, "date", N_("Wanneer de route gelopen of gemaakt is."), "14-09-2025"),
        Field("gemaakt_door", True, "code", _ONE_OF_ONLY.format(values=", ".join(ROUTE_MAKERS)), "bewoners_met_opbouwwerk"),
        Field("volgnummer", True, "integer", N_("Volgorde van de stop: 1, 2, 3 ..."), "1"),
        Field("stop_naam", False, "text", N_("Naam van de stop."), "Het bankje bij de vijver"),
        _LON,
        _LAT,
        _X,
        _Y,
        Field("plek_id", False, "text", N_("Als de stop een plek is: haar plek_id."), ""),
    ),
    "verhalen": (
        Field("verhaal_id", True, "text", N_("Eigen nummer van het verhaal."), "VH-001"),
        Field("gebiedscode", True, "code", N_("Code van de wijk of buurt (WK… of BU…)."), "WK999901"),
        Field("datum", True, "date", N_("Datum van het verhaal of signaal."), "02-10-2025"),
        Field("thema", True, "text", N_("Thema, bijvoorbeeld ontmoeting, veiligheid, groen."), "ontmoeting"),
        Field(
            "tekst",
            True,
            "text",
            _VERHAAL_TEKST.format(n=VERHAAL_MAX_TEKENS),
            "Sinds het terras bij de flat zitten buren weer samen buiten.",
        ),
        Field("bron", True, "code", _ONE_OF_ONLY.format(values=", ".join(VERHAAL_BRONNEN)), "bewoner"),
        Field("status", False, "code", N_("concept (standaard) of gepubliceerd; alleen gepubliceerde ziet het publiek."), "concept"),
    ),
}  # fmt: skip

# column names users write for the coordinate fields
_ALIASES = {
    "lengtegraad": "lon",
    "longitude": "lon",
    "lng": "lon",
    "breedtegraad": "lat",
    "latitude": "lat",
    "rd_x": "x",
    "x_rd": "x",
    "rd_y": "y",
    "y_rd": "y",
    "naam_route": "route_naam",
    "stop": "stop_naam",
    "id": "",  # never guessed
}


def check_kind(kind: str) -> str:
    """Return kind when it is one of KINDS, else raise a Dutch ValueError."""
    if kind not in KINDS:
        raise ValueError(f"Onbekende soort import '{kind}'; kies uit: {', '.join(KINDS)}")
    return kind


def template_csv(kind: str) -> bytes:
    """The CSV template of a kind (`;`, UTF-8 with BOM, dd-mm-jjjj, decimal comma)."""
    return csv_for(TEMPLATES[check_kind(kind)])


def template_xlsx(kind: str) -> bytes:
    """The XLSX template of a kind, with a Toelichting sheet."""
    return xlsx_for(TEMPLATES[check_kind(kind)], kind)


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One row of a file (or one feature): its row number, its cells by field, its point(s)."""

    rij: int
    cells: dict[str, str]
    # GeoJSON: the coordinates of the geometry (one point, or a line's points), as given
    coords: tuple[tuple[float, float], ...] | None = None


@dataclass(frozen=True)
class Source:
    """What a file gave: its records, the fields it has columns for, and its coordinate system."""

    records: list[Record]
    fields: frozenset[str]
    rd: bool  # coordinates are RD New (x, y), not WGS84
    problems: list[Problem]


def _field_name(column: str) -> str:
    name = column.strip().lower().replace(" ", "_").replace("-", "_")
    return _ALIASES.get(name, name)


def _is_geojson(data: bytes, filename: str) -> bool:
    return filename.lower().endswith((".geojson", ".json")) or data.lstrip()[:1] == b"{"


def read_source(kind: str, data: bytes, filename: str, sheet: str | None = None) -> Source:
    """Read a CSV, XLSX or GeoJSON file into records (raises registratie.ImportFileError)."""
    source = _read_any(kind, data, filename, sheet)
    if kind == "routes" and "naam" in source.fields and "route_naam" not in source.fields:
        # in a file of routes, "naam" is the route's name
        records = [
            Record(
                r.rij,
                {("route_naam" if k == "naam" else k): v for k, v in r.cells.items()},
                r.coords,
            )
            for r in source.records
        ]
        return Source(records, source.fields | {"route_naam"}, source.rd, source.problems)
    return source


def _read_any(kind: str, data: bytes, filename: str, sheet: str | None) -> Source:
    if _is_geojson(data, filename):
        return _read_geojson(kind, data, filename)
    raw = registratie.read_export(data, filename, sheet, kind=kind)
    columns = {c: _field_name(c) for c in raw.columns}
    names = {name for name in columns.values() if name}
    records = []
    frame = raw.frame
    for rij, values in zip(frame.index, frame.itertuples(index=False), strict=True):
        cells = {
            columns[c]: str(v).strip()
            for c, v in zip(raw.columns, values, strict=True)
            if columns[c]
        }
        if any(cells.values()):
            records.append(Record(int(rij), cells))
    rd = "lon" not in names and {"x", "y"} <= names
    titles = [  # a report's title above the column names: left out, said in the report
        Problem(filename, rij, None, text, registratie.REDEN_BOVEN_KOLOMNAMEN, "waarschuwing")
        for rij, text in raw.titles
    ]
    return Source(records, frozenset(names), rd, titles)


def _read_geojson(kind: str, data: bytes, filename: str) -> Source:
    problems: list[Problem] = []

    def refused(reden: str) -> Source:
        return Source([], frozenset(), False, [Problem(filename, None, None, None, reden, "fout")])

    if kind not in GEOJSON_KINDS:
        return refused(REDEN_GEOJSON_SOORT)
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return refused(REDEN_GEOJSON)
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        return refused(REDEN_GEOJSON)
    crs = json.dumps(doc.get("crs") or "")
    records, names = [], set()
    wanted = "Point" if kind == "plekken" else "LineString"
    reden = REDEN_GEOMETRIE_PLEK if kind == "plekken" else REDEN_GEOMETRIE_ROUTE
    first: tuple[float, float] | None = None
    for number, feature in enumerate(doc["features"], start=1):
        props = feature.get("properties") or {} if isinstance(feature, dict) else {}
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        cells = {
            _field_name(k): "" if v is None else str(v).strip()
            for k, v in props.items()
            if not isinstance(v, dict | list) and _field_name(k)
        }
        names |= set(cells)
        if not isinstance(geometry, dict) or geometry.get("type") != wanted:
            shown = geometry.get("type") if isinstance(geometry, dict) else None
            problems.append(Problem(filename, number, "geometry", shown, reden, "fout"))
            continue
        try:
            raw = geometry["coordinates"]
            points = [tuple(float(c) for c in p[:2]) for p in ([raw] if wanted == "Point" else raw)]
        except (TypeError, ValueError, KeyError, IndexError):
            problems.append(Problem(filename, number, "geometry", None, REDEN_COORDINAAT, "fout"))
            continue
        coords = tuple((p[0], p[1]) for p in points)
        first = first or (coords[0] if coords else None)
        records.append(Record(number, cells, coords))
    # GeoJSON is WGS84 by its standard; older exports name RD New in "crs" or just use it
    rd = "28992" in crs or (first is not None and abs(first[0]) > 1000)
    # a line's points are its stops, in order: no volgnummer column
    given = {"lon", "lat"} | ({"volgnummer"} if kind == "routes" else set())
    return Source(records, frozenset(names) | given, rd, problems)


# --- what the database knows ---------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """The database's buurten (with shapes), wijken, activiteiten and plekken."""

    buurten: gpd.GeoDataFrame  # gebiedscode, gemeentecode, wijkcode, geometry
    wijk_gemeente: dict[str, str]
    activiteit_gemeente: dict[str, str]
    plek_gemeente: dict[str, str]

    def buurt_of(self, points: Sequence[tuple[float, float]]) -> list[int | None]:
        """The position in `buurten` of the buurt holding each point (None: in none)."""
        shapes = self.buurten.geometry.to_numpy()
        tree = shapely.STRtree(shapes)
        geoms = shapely.points([p[0] for p in points], [p[1] for p in points])
        found: list[int | None] = [None] * len(points)
        point_pos, shape_pos = tree.query(geoms, predicate="intersects")
        for p, s in zip(point_pos.tolist(), shape_pos.tolist(), strict=True):
            if found[p] is None or s < (found[p] or 0):  # on a border: the lowest code
                found[p] = s
        return found


def load_known(con: duckdb.DuckDBPyConnection) -> Known:
    """Read what the checks need from one database version."""
    cur = con.cursor()
    buurten = area_shapes.read_gebieden(cur, BUURT)
    buurten = buurten[buurten.geometry.notna()].reset_index(drop=True)
    wijken = dict(cur.sql("select wijkcode, gemeentecode from wijk").fetchall())
    activiteiten = dict(
        cur.sql(
            "select a.activiteit_id, w.gemeentecode from activiteit as a"
            " inner join wijk as w on w.wijkcode = a.wijkcode"
        ).fetchall()
    )
    plekken = dict(cur.sql("select plek_id, gemeentecode from plek").fetchall())
    return Known(buurten, wijken, activiteiten, plekken)


def _known_at(location: str) -> Known:
    con = store.open_current(location)
    try:
        return load_known(con)
    finally:
        con.close()


@cache
def _rd_to_wgs84() -> Transformer:
    return Transformer.from_crs(RD_NEW, WGS84, always_xy=True)


# --- checking ------------------------------------------------------------------------------


class _Checker:
    """Collects the problems of one file and reads its cells."""

    def __init__(self, kind: str, source: Source, filename: str) -> None:
        self.kind = kind
        self.source = source
        self.filename = filename
        self.problems: list[Problem] = list(source.problems)

    def fout(self, rij: int | None, kolom: str | None, waarde: str | None, reden: str) -> None:
        self.problems.append(Problem(self.filename, rij, kolom, waarde, reden, "fout"))

    def columns_present(self) -> bool:
        ok = True
        for spec in TEMPLATES[self.kind]:
            if spec.required and spec.name not in self.source.fields:
                self.fout(None, spec.name, None, REDEN_KOLOM_ONTBREEKT)
                ok = False
        if self.kind != "verhalen" and not (
            {"lon", "lat"} <= self.source.fields or {"x", "y"} <= self.source.fields
        ):
            self.fout(None, "lon, lat", None, REDEN_GEEN_COORDINATEN)
            ok = False
        return ok

    def required(self, record: Record, name: str) -> str | None:
        text = record.cells.get(name, "")
        if not text:
            self.fout(record.rij, name, text, REDEN_LEEG)
            return None
        return text

    def code(self, record: Record, name: str, allowed: Sequence[str], reden: str) -> str | None:
        text = record.cells.get(name, "")
        value = text.strip().lower().replace(" ", "_").replace("-", "_")
        if not text:
            self.fout(record.rij, name, text, REDEN_LEEG)
        elif value not in allowed:
            self.fout(record.rij, name, text, reden)
        else:
            return value
        return None

    def day(self, record: Record, name: str, required: bool = False) -> date | None:
        text = record.cells.get(name, "")
        if not text:
            if required:
                self.fout(record.rij, name, text, REDEN_LEEG)
            return None
        value = parse_date(text)
        if value is None:
            self.fout(record.rij, name, text, REDEN_DATUM)
        return value

    def points(self, record: Record) -> list[tuple[float, float]] | None:
        """The record's point(s) as given (CSV: one, from lon/lat or x/y), or None after a report."""
        if record.coords is not None:
            return list(record.coords)
        names = ("x", "y") if self.source.rd else ("lon", "lat")
        values = []
        for name in names:
            text = record.cells.get(name, "")
            value = parse_decimal(text) if text else None
            if value is None:
                self.fout(record.rij, name, text, REDEN_LEEG if not text else REDEN_COORDINAAT)
                return None
            values.append(value)
        return [(values[0], values[1])]


def _to_wgs84(points: list[tuple[float, float]], rd: bool) -> list[tuple[float, float]]:
    if not rd or not points:
        return points
    lon, lat = _rd_to_wgs84().transform([p[0] for p in points], [p[1] for p in points])
    return [(round(float(a), 7), round(float(b), 7)) for a, b in zip(lon, lat, strict=True)]


def _locate(
    checker: _Checker, known: Known, located: list[tuple[Record, tuple[float, float]]]
) -> list[int | None]:
    """The buurt position of each point; a point in no buurt is reported as outside."""
    found = known.buurt_of([p for _, p in located]) if located else []
    for (record, point), position in zip(located, found, strict=True):
        if position is None:
            shown = f"{point[0]:.6f}, {point[1]:.6f}".replace(".", ",")
            checker.fout(record.rij, "lon, lat", shown, REDEN_BUITEN)
    return found


def check_plekken(
    kind_source: Source, filename: str, known: Known
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The plek and plek_activiteit rows of a file, and its problems."""
    checker = _Checker("plekken", kind_source, filename)
    if not checker.columns_present():
        return {}, checker.problems
    rows, links, located = [], [], []
    seen: dict[str, int] = {}  # each plek_id with its first row
    for record in kind_source.records:
        plek_id = checker.required(record, "plek_id")
        if plek_id is not None and plek_id in seen:
            checker.fout(record.rij, "plek_id", plek_id, registratie.dubbel(DUBBEL, seen[plek_id]))
        seen.setdefault(plek_id or "", record.rij)
        naam = checker.required(record, "naam")
        soort = checker.code(record, "type", PLEK_TYPES, REDEN_TYPE)
        beheer = checker.code(record, "beheer", BEHEER, REDEN_BEHEER)
        start = checker.day(record, "startdatum")
        end = checker.day(record, "einddatum")
        if start and end and end < start:
            checker.fout(
                record.rij, "einddatum", record.cells.get("einddatum"), REDEN_EINDE_VOOR_START
            )
        points = checker.points(record)
        if points is None:
            continue
        # located even when another cell has an error: the report is the whole report (a
        # row with an error refuses the file, so its values are never written)
        point = _to_wgs84(points, kind_source.rd)[0]
        located.append((record, point))
        rows.append(
            {
                "plek_id": plek_id,
                "naam": naam,
                "type": soort,
                "lon": point[0],
                "lat": point[1],
                "beheer": beheer,
                "startdatum": start,
                "einddatum": end,
                "beschrijving": record.cells.get("beschrijving") or None,
            }
        )
    positions = _locate(checker, known, located)
    for row, position in zip(rows, positions, strict=True):
        if position is not None:
            row["buurtcode"] = known.buurten["gebiedscode"].iat[position]
            row["gemeentecode"] = known.buurten["gemeentecode"].iat[position]
    for (record, _), row in zip(located, rows, strict=True):
        for activiteit in _split(record.cells.get("activiteiten", "")):
            gemeente = known.activiteit_gemeente.get(activiteit)
            if gemeente is None:
                checker.fout(record.rij, "activiteiten", activiteit, REDEN_ACTIVITEIT_ONBEKEND)
            elif row.get("gemeentecode") not in (None, gemeente):
                checker.fout(
                    record.rij, "activiteiten", activiteit, REDEN_ACTIVITEIT_ANDERE_GEMEENTE
                )
            else:
                links.append({"plek_id": row["plek_id"], "activiteit_id": activiteit})
    if any(p.ernst == "fout" for p in checker.problems):
        return {}, checker.problems
    plek = pd.DataFrame(rows, columns=_columns("plek"))
    link = pd.DataFrame(links, columns=_columns("plek_activiteit")).drop_duplicates()
    return {"plek": plek, "plek_activiteit": link}, checker.problems


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(PARTNER_SEPARATOR) if part.strip()]


def check_routes(
    source: Source, filename: str, known: Known
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The route and route_stop rows of a file (CSV: a row per stop; GeoJSON: a line per route)."""
    checker = _Checker("routes", source, filename)
    if not checker.columns_present():
        return {}, checker.problems
    routes: dict[str, dict[str, object]] = {}
    first_row: dict[str, int] = {}
    stops: list[dict[str, object]] = []
    # every point of the file, also of rows with an error in another cell: the report is the
    # whole report (a row with an error refuses the file, so its values are never written)
    located: list[tuple[Record, tuple[float, float]]] = []
    stop_points: list[int] = []  # per stop, its position in `located`
    # routes with a row in error: their count and order of stops would mislead (a row is missing)
    faulty: set[str] = set()
    for record in source.records:
        before = len(checker.problems)
        route_id = checker.required(record, "route_id")
        naam = checker.required(record, "route_naam") if "route_naam" in source.fields else None
        soort = checker.code(record, "soort", ROUTE_SOORTEN, REDEN_ROUTE_SOORT)
        maker = checker.code(record, "gemaakt_door", ROUTE_MAKERS, REDEN_ROUTE_MAKER)
        datum = checker.day(record, "datum")
        points = checker.points(record)
        first_point = len(located)
        wgs = _to_wgs84(points, source.rd) if points is not None else []
        located.extend((record, point) for point in wgs)
        number: int | None = None
        plek_id: str | None = None
        if record.coords is None:  # a row of a CSV or XLSX: one stop
            text = record.cells.get("volgnummer", "")
            number = parse_integer(text) if text else None
            if number is None or number < 1:
                checker.fout(
                    record.rij, "volgnummer", text, REDEN_VOLGNUMMER if text else REDEN_LEEG
                )
            plek_id = record.cells.get("plek_id") or None
            if plek_id is not None and plek_id not in known.plek_gemeente:
                checker.fout(record.rij, "plek_id", plek_id, REDEN_PLEK_ONBEKEND)
        if len(checker.problems) > before or points is None or route_id is None:
            faulty.add(route_id or "")
            continue
        route: dict[str, object] = {"route_id": route_id, "naam": naam, "soort": soort, "datum": datum,
                 "gemaakt_door": maker, "beschrijving": record.cells.get("beschrijving") or None}  # fmt: skip
        if route_id in routes and record.coords is not None:
            reden = registratie.dubbel(DUBBEL, first_row[route_id])
            checker.fout(record.rij, "route_id", route_id, reden)
            continue
        if route_id in routes and {k: routes[route_id][k] for k in route} != route:
            checker.fout(record.rij, "route_id", route_id, REDEN_ROUTE_VERSCHILT)
            continue
        routes.setdefault(route_id, route)
        first_row.setdefault(route_id, record.rij)
        if record.coords is not None:  # a GeoJSON line: every vertex a stop
            names = record.cells.get("stops", "")
            stop_names = _split(names)
            for k, point in enumerate(wgs, start=1):
                stops.append({"route_id": route_id, "volgnummer": k,
                              "naam": stop_names[k - 1] if k <= len(stop_names) else None,
                              "lon": point[0], "lat": point[1], "plek_id": None})  # fmt: skip
                stop_points.append(first_point + k - 1)
        else:
            stops.append({"route_id": route_id, "volgnummer": number,
                          "naam": record.cells.get("stop_naam") or None,
                          "lon": wgs[0][0], "lat": wgs[0][1], "plek_id": plek_id})  # fmt: skip
            stop_points.append(first_point)
    # every point in a buurt; the stops' gemeente: every stop in a buurt of one gemeente
    positions = _locate(checker, known, located)
    gemeenten: dict[str, set[str]] = {}
    for stop, at in zip(stops, stop_points, strict=True):
        position = positions[at]
        if position is not None:
            gemeenten.setdefault(str(stop["route_id"]), set()).add(
                known.buurten["gemeentecode"].iat[position]
            )
    frame = pd.DataFrame(stops, columns=_columns("route_stop"))
    for route_id, route in routes.items():
        own = frame[frame["route_id"] == route_id]
        numbers = sorted(own["volgnummer"].tolist())
        if route_id in faulty:
            pass
        elif len(numbers) < ROUTE_MIN_STOPS:
            checker.fout(first_row[route_id], "route_id", route_id, REDEN_ROUTE_EEN_PUNT)
        elif numbers != list(range(1, len(numbers) + 1)):
            checker.fout(first_row[route_id], "volgnummer", ", ".join(map(str, numbers)),
                         "De volgnummers van deze route zijn niet 1, 2, 3 ... zonder gaten of dubbele")  # fmt: skip
        found = gemeenten.get(route_id, set())
        if len(found) > 1:
            checker.fout(first_row[route_id], "route_id", route_id, REDEN_ROUTE_GEMEENTEN)
        route["gemeentecode"] = next(iter(found), None)
    if any(p.ernst == "fout" for p in checker.problems):
        return {}, checker.problems
    route_frame = pd.DataFrame(list(routes.values()), columns=_columns("route"))
    return {
        "route": route_frame,
        "route_stop": frame.sort_values(["route_id", "volgnummer"]),
    }, checker.problems


def check_verhalen(
    source: Source, filename: str, known: Known
) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The verhaal rows of a file; a text with personal data is refused."""
    checker = _Checker("verhalen", source, filename)
    if not checker.columns_present():
        return {}, checker.problems
    rows: list[dict[str, object]] = []
    seen: dict[str, int] = {}  # each verhaal_id with its first row
    buurt_gemeente = dict(
        zip(known.buurten["gebiedscode"], known.buurten["gemeentecode"], strict=True)
    )
    for record in source.records:
        verhaal_id = checker.required(record, "verhaal_id")
        if verhaal_id is not None and verhaal_id in seen:
            repeated = registratie.dubbel(DUBBEL, seen[verhaal_id])
            checker.fout(record.rij, "verhaal_id", verhaal_id, repeated)
        seen.setdefault(verhaal_id or "", record.rij)
        text = record.cells.get("gebiedscode", "")
        code = text.upper()
        gemeente = (
            known.wijk_gemeente.get(code)
            if CODE_PATTERNS[WIJK].fullmatch(code)
            else buurt_gemeente.get(code)
        )
        if not text:
            checker.fout(record.rij, "gebiedscode", text, REDEN_LEEG)
        elif gemeente is None:
            checker.fout(record.rij, "gebiedscode", text, REDEN_GEBIED)
        datum = checker.day(record, "datum", required=True)
        thema = checker.required(record, "thema")
        tekst = checker.required(record, "tekst")
        if tekst is not None:
            if len(tekst) > VERHAAL_MAX_TEKENS:
                checker.fout(record.rij, "tekst", tekst[:40] + "…", REDEN_TE_LANG)
            reden = privacy.refusal(tekst)
            if reden is not None:
                # the value is not repeated in the report: it is the personal data
                checker.fout(record.rij, "tekst", registratie.VERBORGEN, reden)
        bron = checker.code(record, "bron", VERHAAL_BRONNEN, REDEN_BRON)
        status_text = record.cells.get("status", "")
        status = "concept"
        if status_text:
            status = status_text.strip().lower()
            if status not in VERHAAL_STATUSSEN:
                checker.fout(record.rij, "status", status_text, REDEN_STATUS)
        rows.append({"verhaal_id": verhaal_id, "gemeentecode": gemeente, "gebiedscode": code,
                     "datum": datum, "thema": thema, "tekst": tekst, "bron": bron, "status": status})  # fmt: skip
    if any(p.ernst == "fout" for p in checker.problems):
        return {}, checker.problems
    return {"verhaal": pd.DataFrame(rows, columns=_columns("verhaal"))}, checker.problems


def _columns(table: str) -> list[str]:
    from dashboard.warehouse import schema

    return [c.name for c in schema.table(table).loaded_columns]


_CHECKS: dict[
    str, Callable[[Source, str, Known], tuple[dict[str, pd.DataFrame], list[Problem]]]
] = {
    "plekken": check_plekken,
    "routes": check_routes,
    "verhalen": check_verhalen,
}


def prepare_source(kind: str, source: Source, filename: str, digest: str, known: Known) -> Prepared:
    """Check read records against what the database knows; nothing is written."""
    if not source.records and not source.problems:
        problem = Problem(filename, None, None, None, registratie.REDEN_GEEN_RIJEN, "waarschuwing")
        return Prepared(kind, filename, digest, {}, [problem])
    tables, problems = _CHECKS[check_kind(kind)](source, filename, known)
    return Prepared(kind, filename, digest, tables, problems)


def prepare_assets(
    location: str, kind: str, data: bytes, filename: str, sheet: str | None = None
) -> Prepared:
    """Read and check a file of plekken, routes or verhalen; nothing is written.

    Raises registratie.ImportFileError when the file cannot be read at all.
    """
    check_kind(kind)
    source = read_source(kind, data, filename, sheet)
    return prepare_source(kind, source, filename, content_hash(data), _known_at(location))


def prepare_entry(location: str, kind: str, cells: dict[str, str]) -> Prepared:
    """Check one plek or verhaal typed in the form on Gegevens, as a file of one row would be."""
    check_kind(kind)
    names = frozenset(k for k, v in cells.items() if v) | frozenset(cells)
    source = Source([Record(1, {k: v.strip() for k, v in cells.items()})], names, False, [])
    filename = FORM
    digest = content_hash(json.dumps(cells, sort_keys=True).encode())
    return prepare_source(kind, source, filename, digest, _known_at(location))


def status_change_name(verhaal_id: str, status: str) -> str:
    """What the import log calls a status change: "verhaal VH-001 gepubliceerd"."""
    return f"verhaal {verhaal_id} {STATUS_CHANGES[status]}"


def prepare_status(location: str, verhaal_id: str, status: str) -> Prepared:
    """A stored verhaal with another status (published, or back to concept), checked as a file
    of that one row would be (the privacy check included); nothing is written. Written by
    `write.commit` like any import: one transaction, a new version, the import log."""
    if status not in VERHAAL_STATUSSEN:
        raise ValueError(f"Onbekende status '{status}'; kies uit: {', '.join(VERHAAL_STATUSSEN)}")
    con = store.open_current(location)
    try:
        found = con.sql(
            "select gebiedscode, datum, thema, tekst, bron from verhaal where verhaal_id = $id",
            params={"id": verhaal_id},
        ).fetchall()
        known = load_known(con)
    finally:
        con.close()
    filename = status_change_name(verhaal_id, status)
    if not found:
        problem = Problem(filename, None, "verhaal_id", verhaal_id, REDEN_VERHAAL_ONBEKEND, "fout")
        return Prepared("verhalen", filename, "", {}, [problem])
    gebiedscode, datum, thema, tekst, bron = found[0]
    cells = {
        "verhaal_id": verhaal_id,
        "gebiedscode": gebiedscode,
        "datum": datum.strftime("%d-%m-%Y"),
        "thema": thema,
        "tekst": tekst,
        "bron": bron,
        "status": status,
    }
    source = Source([Record(1, cells)], frozenset(cells), False, [])
    digest = content_hash(json.dumps(cells, sort_keys=True).encode())
    return prepare_source("verhalen", source, filename, digest, known)
