"""Validate a read export against its template and the known codes; type it into raw-table rows.

Pure code: nothing is written. Every problem is reported (the check never
stops at the first) with file, row, column, value and a Dutch reason from the
REDEN_* constants below. Errors ("fout") block the import; warnings
("waarschuwing") do not. The returned tables hold only rows without errors and
are meant to be written only when `Validated.ok`.

Raw participant numbers never leave this module: the deelnemer tables carry
`pseudonymise(raw)`, and a problem about a participant number shows "(verborgen)".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

import duckdb
import pandas as pd

from dashboard.ingest.registratie.mapping import check_mapping
from dashboard.ingest.registratie.reader import RawTable
from dashboard.ingest.registratie.templates import (
    LEEFTIJDSGROEPEN,
    PARTNER_SEPARATOR,
    ROLLEN,
    SOORTEN,
    check_kind,
    fields,
)

Ernst = Literal["fout", "waarschuwing"]
FOUT: Ernst = "fout"
WAARSCHUWING: Ernst = "waarschuwing"
VERBORGEN = "(verborgen)"

# --- reasons (exact texts; tests and documentation refer to these names) ------------------

# file level (rij is None)
REDEN_KOLOM_ONTBREEKT = "Verplichte kolom ontbreekt: niet gekoppeld of niet in het bestand"
REDEN_KOLOM_WEG = "Gekoppelde kolom staat niet in het bestand; dit veld blijft leeg"
REDEN_GEEN_RIJEN = "Het bestand bevat geen gegevensrijen"
# values
REDEN_LEEG = "Verplichte waarde ontbreekt"
REDEN_DATUM = "Onleesbare datum; gebruik dd-mm-jjjj"
REDEN_GETAL = "Onleesbaar getal"
REDEN_GEHEEL_GETAL = "Onleesbaar geheel getal"
REDEN_NEGATIEF = "Aantal mag niet negatief zijn"
REDEN_UREN = "Uren per week moet meer dan 0 en hoogstens 60 zijn"
REDEN_EINDE_VOOR_START = "Einddatum ligt voor de startdatum"
REDEN_ROL = "Onbekende rol; toegestaan: " + ", ".join(ROLLEN)
REDEN_BEWONERSINITIATIEF = "Ongeldige waarde voor bewonersinitiatief; gebruik ja of nee"
REDEN_LEEFTIJDSGROEP = (
    "Onbekende leeftijdsgroep; de waarde wordt leeg gelaten (toegestaan: "
    + ", ".join(LEEFTIJDSGROEPEN)
    + ")"
)
# areas
REDEN_WIJK_ONGELDIG = "Ongeldige wijkcode; verwacht WK en 6 cijfers, zoals WK026801"
REDEN_WIJK_ONBEKEND = "Onbekende wijk: deze wijkcode staat niet in de database"
REDEN_BUURT_ONGELDIG = "Ongeldige buurtcode; verwacht BU en 8 cijfers, zoals BU02680101"
REDEN_BUURT_ONBEKEND = "Onbekende buurt: deze buurtcode staat niet in de database"
REDEN_BUURT_NIET_IN_WIJK = "Buurt ligt niet in de wijk van deze rij"
REDEN_WOONBUURT_ONBEKEND = (
    "Woonbuurt staat niet in de database; wordt leeg gelaten"
    " (de deelnemer telt alleen mee in het gemeentetotaal)"
)
# organisations
REDEN_ORGANISATIE_ONBEKEND = (
    "Onbekende organisatie; vul organisatie_naam en organisatie_soort in om haar toe te voegen"
)
REDEN_ORGANISATIE_NIEUW = "Nieuwe organisatie wordt toegevoegd"
REDEN_ORGANISATIE_VERSCHILT = (
    "Andere naam of soort dan eerder in dit bestand voor deze organisatie; de eerste wordt gebruikt"
)
REDEN_SOORT = "Onbekende soort organisatie; toegestaan: " + ", ".join(SOORTEN)
REDEN_PARTNER_ONBEKEND = "Onbekende partnerorganisatie: niet in de database en niet als nieuwe organisatie in dit bestand"
# references and keys
REDEN_ACTIVITEIT_ONBEKEND = "Onbekende activiteit: dit activiteit_id staat niet in de database"
REDEN_BIJEENKOMST_ONBEKEND = "Onbekende bijeenkomst: dit bijeenkomst_id staat niet in de database"
REDEN_DUBBEL = "Dubbele sleutel: komt al eerder voor in dit bestand"
REDEN_NAAM_VERSCHILT = (
    "Andere naam dan eerder in dit bestand voor deze professional; de eerste wordt gebruikt"
)
REDEN_DEELNEMER_VERSCHILT = (
    "Andere woonbuurt of leeftijdsgroep dan eerder in dit bestand voor deze deelnemer;"
    " de eerste wordt gebruikt"
)

REDENEN: dict[str, str] = {
    name: value for name, value in globals().items() if name.startswith("REDEN_")
}

# --- raw-table layouts (column order as in migrations/0001_raw_tables.sql) ---------------

TABLE_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "organisatie": (("organisatie_id", "object"), ("naam", "object"), ("soort", "object")),
    "professional": (("professional_id", "object"), ("naam", "object")),
    "inzet": (
        ("inzet_id", "object"),
        ("professional_id", "object"),
        ("wijkcode", "object"),
        ("rol", "object"),
        ("organisatie_id", "object"),
        ("startdatum", "object"),
        ("einddatum", "object"),
        ("uren_per_week", "float64"),
    ),
    "activiteit": (
        ("activiteit_id", "object"),
        ("naam", "object"),
        ("type", "object"),
        ("wijkcode", "object"),
        ("buurtcode", "object"),
        ("organisatie_id", "object"),
        ("is_bewonersinitiatief", "bool"),
    ),
    "activiteit_partner": (("activiteit_id", "object"), ("organisatie_id", "object")),
    "bijeenkomst": (
        ("bijeenkomst_id", "object"),
        ("activiteit_id", "object"),
        ("datum", "object"),
        ("aantal_deelnemers", "int64"),
    ),
    "deelnemer": (
        ("deelnemer_id", "object"),
        ("buurtcode", "object"),
        ("leeftijdsgroep", "object"),
    ),
    # a deelnames file has millions of rows: its (never empty) keys stay in Arrow ("str")
    "deelname": (("bijeenkomst_id", "str"), ("deelnemer_id", "str")),
}

# Parents before children, so a loader can write them in this order.
KIND_TABLES: dict[str, tuple[str, ...]] = {
    "inzet": ("organisatie", "professional", "inzet"),
    "activiteiten": ("organisatie", "activiteit", "activiteit_partner"),
    "bijeenkomsten": ("bijeenkomst",),
    "deelnames": ("deelnemer", "deelname"),
}


@dataclass(frozen=True)
class Problem:
    """One finding: where (file, Excel row, column), what value, why, and how bad."""

    bestand: str
    rij: int | None
    kolom: str | None
    waarde: str | None
    reden: str
    ernst: Ernst


@dataclass(frozen=True)
class KnownCodes:
    """Codes already in the database that an export may refer to."""

    wijken: frozenset[str] = frozenset()
    buurten: frozenset[str] = frozenset()
    buurt_wijk: Mapping[str, str] = field(default_factory=dict)
    organisaties: frozenset[str] = frozenset()
    activiteiten: frozenset[str] = frozenset()
    bijeenkomsten: frozenset[str] = frozenset()


@dataclass
class Validated:
    """The typed raw-table rows of one export and everything found wrong with it."""

    kind: str
    bestand: str
    tables: dict[str, pd.DataFrame]
    problems: list[Problem]
    # deelnames checked against a database: each deelnemer's first deelname in the export
    first_deelnames: pd.DataFrame | None = None

    @property
    def errors(self) -> list[Problem]:
        """The problems that block the import."""
        return [p for p in self.problems if p.ernst == FOUT]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that do not block the import."""
        return [p for p in self.problems if p.ernst == WAARSCHUWING]

    @property
    def ok(self) -> bool:
        """True when there are no errors."""
        return not self.errors


def extend_known(known: KnownCodes, validated: Validated) -> KnownCodes:
    """Known codes plus the organisations, activiteiten and bijeenkomsten a validated file adds."""

    def ids(table: str, column: str) -> set[str]:
        frame = validated.tables.get(table)
        return set() if frame is None else set(frame[column])

    return replace(
        known,
        organisaties=known.organisaties | ids("organisatie", "organisatie_id"),
        activiteiten=known.activiteiten | ids("activiteit", "activiteit_id"),
        bijeenkomsten=known.bijeenkomsten | ids("bijeenkomst", "bijeenkomst_id"),
    )


# --- value parsing -----------------------------------------------------------------------

_DMY = re.compile(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_INTEGER = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+)")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|\d{1,3}(?:\.\d{3})+,\d+)")
# ASCII digits only, as the database's check constraints (\d would also take other scripts' digits)
WIJKCODE = re.compile(r"WK[0-9]{6}")
BUURTCODE = re.compile(r"BU[0-9]{8}")
_TRUE = {"ja", "true", "waar", "1"}
_FALSE = {"nee", "false", "onwaar", "0"}
_ROL_ALIASES = {"overig": "other"}


def parse_date(text: str) -> date | None:
    """dd-mm-jjjj, d-m-jjjj, dd/mm/jjjj or jjjj-mm-dd as a date; None when unreadable."""
    text = text.strip()
    if match := _DMY.fullmatch(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := _ISO.fullmatch(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_integer(text: str) -> int | None:
    """A whole number, with thousands dots allowed ("1.234"); None when unreadable."""
    text = text.strip()
    if not _INTEGER.fullmatch(text):
        return None
    return int(text.replace(".", ""))


def parse_decimal(text: str) -> float | None:
    """A number with a decimal comma or point ("12,5", "12.5", "1.234,5"); None when unreadable."""
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def parse_boolean(text: str) -> bool | None:
    """ja/nee, true/false, waar/onwaar or 1/0 (any case) as a bool; None otherwise."""
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None


def normalise_rol(text: str) -> str | None:
    """The rol as stored ('Maatschappelijk werker' → maatschappelijk_werker); None when unknown."""
    value = re.sub(r"[\s\-]+", "_", text.strip().lower())
    value = _ROL_ALIASES.get(value, value)
    return value if value in ROLLEN else None


def normalise_leeftijdsgroep(text: str) -> str | None:
    """The age group as stored ('80 +' → 80+, '18 – 26' → 18-26); None when unknown."""
    value = re.sub(r"\s+", "", text).replace("–", "-").replace("—", "-")
    return value if value in LEEFTIJDSGROEPEN else None


# --- the checker -------------------------------------------------------------------------


class _Checker:
    """Walks the rows of one export, collecting problems and typed rows."""

    def __init__(
        self,
        kind: str,
        raw: RawTable,
        mapping: Mapping[str, str | None],
        known: KnownCodes,
        pseudonymise: Callable[[str], str],
    ) -> None:
        self.kind = kind
        self.raw = raw
        self.known = known
        self.pseudonymise = pseudonymise
        self.template = {f.name: f for f in fields(kind)}
        self.problems: list[Problem] = []
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in KIND_TABLES[kind]}
        self.columns: dict[str, str] = {}  # field -> column present in the file
        self.missing: set[str] = set()  # required fields without a column
        self.keys: dict[object, int] = {}
        self._row_ok = True
        self._check_columns(check_mapping(kind, mapping))

    # reporting

    def problem(
        self,
        rij: int | None,
        name: str | None,
        waarde: str | None,
        reden: str,
        ernst: Ernst = FOUT,
    ) -> None:
        """Record a problem; a participant number is shown as (verborgen)."""
        if waarde and rij is not None and name == "deelnemer_id":
            waarde = VERBORGEN
        kolom = self.columns.get(name, name) if name is not None else None
        self.problems.append(Problem(self.raw.bestand, rij, kolom, waarde, reden, ernst))
        if ernst == FOUT and rij is not None:
            self._row_ok = False

    def _check_columns(self, mapping: dict[str, str | None]) -> None:
        """Report required fields without a column and mapped columns missing from the file."""
        present = set(self.raw.columns)
        for name, spec in self.template.items():
            column = mapping.get(name)
            if column is not None and column in present:
                self.columns[name] = column
            elif spec.required:
                self.missing.add(name)
                self.problem(None, name, column, REDEN_KOLOM_ONTBREEKT)
            elif column is not None:
                self.problem(None, name, column, REDEN_KOLOM_WEG, WAARSCHUWING)

    # cell access and typing

    def cell(self, values: dict[str, str], name: str) -> str:
        """The stripped cell of a field ('' when the field has no column)."""
        return values.get(name, "")

    def required(self, rij: int, values: dict[str, str], name: str) -> str | None:
        """The cell, or None after reporting it empty (not again when its column is missing)."""
        text = self.cell(values, name)
        if text:
            return text
        if name not in self.missing:
            self.problem(rij, name, text, REDEN_LEEG)
        return None

    def value(self, rij: int, values: dict[str, str], name: str) -> Any:
        """The typed value of a plain field (text, date, integer, decimal, boolean), or None."""
        spec = self.template[name]
        text = self.required(rij, values, name) if spec.required else self.cell(values, name)
        if not text:
            return None
        parsers: dict[str, tuple[Callable[[str], Any], str]] = {
            "date": (parse_date, REDEN_DATUM),
            "integer": (parse_integer, REDEN_GEHEEL_GETAL),
            "decimal": (parse_decimal, REDEN_GETAL),
            "boolean": (parse_boolean, REDEN_BEWONERSINITIATIEF),
        }
        if spec.type not in parsers:
            return text
        parse, reden = parsers[spec.type]
        parsed = parse(text)
        if parsed is None:
            self.problem(rij, name, text, reden)
        return parsed

    def wijk(self, rij: int, values: dict[str, str]) -> str | None:
        """A known wijkcode (upper-cased), or None after reporting why not."""
        text = self.required(rij, values, "wijkcode")
        if text is None:
            return None
        code = text.upper()
        if not WIJKCODE.fullmatch(code):
            self.problem(rij, "wijkcode", text, REDEN_WIJK_ONGELDIG)
        elif code not in self.known.wijken:
            self.problem(rij, "wijkcode", text, REDEN_WIJK_ONBEKEND)
        else:
            return code
        return None

    def buurt(self, rij: int, values: dict[str, str], name: str) -> tuple[str | None, bool]:
        """(buurtcode, readable): a known code or None; readable is False for a bad pattern."""
        text = self.cell(values, name)
        if not text:
            return None, True
        code = text.upper()
        if not BUURTCODE.fullmatch(code):
            self.problem(rij, name, text, REDEN_BUURT_ONGELDIG)
            return None, False
        if code not in self.known.buurten:
            return None, True
        return code, True

    def organisatie(self, rij: int, values: dict[str, str], new: dict[str, tuple]) -> str | None:
        """The organiser's id when known or new in this file; reports unknown ones and bad soorten."""
        soort_text = self.cell(values, "organisatie_soort")
        if soort_text and soort_text.lower() not in SOORTEN:
            self.problem(rij, "organisatie_soort", soort_text, REDEN_SOORT)
        org = self.required(rij, values, "organisatie_id")
        if org is None or org in self.known.organisaties:
            return org
        if org in new:
            naam, soort, first = new[org]
            if first == rij:
                self.problem(rij, "organisatie_id", org, REDEN_ORGANISATIE_NIEUW, WAARSCHUWING)
                self.rows["organisatie"].append(
                    {"organisatie_id": org, "naam": naam, "soort": soort}
                )
            else:
                naam_here = self.cell(values, "organisatie_naam")
                soort_here = soort_text.lower()
                if (naam_here and naam_here != naam) or (soort_here and soort_here != soort):
                    self.problem(
                        rij, "organisatie_id", org, REDEN_ORGANISATIE_VERSCHILT, WAARSCHUWING
                    )
            return org
        # Not definable here: without naam or soort it is unknown; a wrong soort is reported above.
        if not self.cell(values, "organisatie_naam") or not soort_text:
            self.problem(rij, "organisatie_id", org, REDEN_ORGANISATIE_ONBEKEND)
        return None

    def new_organisations(self, records: list[tuple[int, dict[str, str]]]) -> dict[str, tuple]:
        """Unknown organisations that some row of this file defines with a naam and a valid soort."""
        new: dict[str, tuple] = {}
        for rij, values in records:
            org = self.cell(values, "organisatie_id")
            naam = self.cell(values, "organisatie_naam")
            soort = self.cell(values, "organisatie_soort").lower()
            if org and org not in self.known.organisaties and org not in new:
                if naam and soort in SOORTEN:
                    new[org] = (naam, soort, rij)
        return new

    def duplicate(self, rij: int, key: object, name: str, shown: str) -> None:
        """Report a key seen before in this file."""
        if key in self.keys:
            self.problem(rij, name, shown, REDEN_DUBBEL)
        else:
            self.keys[key] = rij

    # the run

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """(Excel row, field → cell) for every row that is not entirely empty."""
        frame = self.raw.frame
        if len(frame.columns):
            filled = (
                frame.astype(str).apply(lambda col: col.str.strip().ne("")).any(axis=1).tolist()
            )
        else:
            filled = [False] * len(frame)
        cells = {name: frame[column].astype(str).tolist() for name, column in self.columns.items()}
        out = []
        for pos in range(len(frame)):
            if filled[pos]:
                values = {name: cells[name][pos].strip() for name in cells}
                out.append((self.raw.first_data_row + pos, values))
        return out

    def run(self) -> Validated:
        """Check every row; return the typed tables and all problems."""
        records = self.records()
        if not records:
            self.problem(None, None, None, REDEN_GEEN_RIJEN, WAARSCHUWING)
        check_row = {
            "inzet": self.inzet_row,
            "activiteiten": self.activiteit_row,
            "bijeenkomsten": self.bijeenkomst_row,
        }[self.kind]
        context: dict[str, Any] = {}
        if self.kind in ("inzet", "activiteiten"):
            context["new"] = self.new_organisations(records)
        for rij, values in records:
            self._row_ok = not self.missing  # without a required column no row is complete
            check_row(rij, values, context)
        tables = {table: _frame(table, self.rows[table]) for table in KIND_TABLES[self.kind]}
        return Validated(self.kind, self.raw.bestand, tables, self.problems)

    def inzet_row(self, rij: int, values: dict[str, str], context: dict[str, Any]) -> None:
        """One inzet row: professional, wijk, rol, organisation, period and hours."""
        inzet_id = self.cell(values, "inzet_id")
        professional_id = self.required(rij, values, "professional_id")
        naam = self.required(rij, values, "professional_naam")
        wijk = self.wijk(rij, values)
        rol_text = self.required(rij, values, "rol")
        rol = normalise_rol(rol_text) if rol_text else None
        if rol_text and rol is None:
            self.problem(rij, "rol", rol_text, REDEN_ROL)
        org = self.organisatie(rij, values, context["new"])
        start = self.value(rij, values, "startdatum")
        end = self.value(rij, values, "einddatum")
        if start is not None and end is not None and end < start:
            self.problem(rij, "einddatum", self.cell(values, "einddatum"), REDEN_EINDE_VOOR_START)
        uren = self.value(rij, values, "uren_per_week")
        if uren is not None and not 0 < uren <= 60:
            self.problem(rij, "uren_per_week", self.cell(values, "uren_per_week"), REDEN_UREN)
        if not inzet_id and professional_id and wijk and rol and start:
            inzet_id = f"{professional_id}|{wijk}|{rol}|{start.isoformat()}"
        if inzet_id:
            self.duplicate(rij, ("inzet", inzet_id), "inzet_id", inzet_id)
        if not self._row_ok:
            return
        professionals = context.setdefault("professionals", {})
        if professional_id in professionals:
            if professionals[professional_id] != naam:
                self.problem(rij, "professional_naam", naam, REDEN_NAAM_VERSCHILT, WAARSCHUWING)
        else:
            professionals[professional_id] = naam
            self.rows["professional"].append({"professional_id": professional_id, "naam": naam})
        self.rows["inzet"].append(
            {
                "inzet_id": inzet_id,
                "professional_id": professional_id,
                "wijkcode": wijk,
                "rol": rol,
                "organisatie_id": org,
                "startdatum": start,
                "einddatum": end,
                "uren_per_week": uren,
            }
        )

    def activiteit_row(self, rij: int, values: dict[str, str], context: dict[str, Any]) -> None:
        """One activiteit row: place, organiser, ownership and partners."""
        activiteit_id = self.required(rij, values, "activiteit_id")
        naam = self.required(rij, values, "naam")
        activiteit_type = self.required(rij, values, "type")
        wijk = self.wijk(rij, values)
        buurt, readable = self.buurt(rij, values, "buurtcode")
        buurt_text = self.cell(values, "buurtcode")
        if buurt_text and readable and buurt is None:
            self.problem(rij, "buurtcode", buurt_text, REDEN_BUURT_ONBEKEND)
        elif buurt is not None and wijk is not None:
            if self.known.buurt_wijk.get(buurt, "WK" + buurt[2:8]) != wijk:
                self.problem(rij, "buurtcode", buurt_text, REDEN_BUURT_NIET_IN_WIJK)
        org = self.organisatie(rij, values, context["new"])
        initiatief = self.value(rij, values, "bewonersinitiatief")
        partners: list[str] = []
        for partner in self.cell(values, "partners").split(PARTNER_SEPARATOR):
            partner = partner.strip()
            if not partner or partner in partners:
                continue
            if partner in self.known.organisaties or partner in context["new"]:
                partners.append(partner)
            else:
                self.problem(rij, "partners", partner, REDEN_PARTNER_ONBEKEND)
        if activiteit_id:
            self.duplicate(rij, ("activiteit", activiteit_id), "activiteit_id", activiteit_id)
        if not self._row_ok:
            return
        self.rows["activiteit"].append(
            {
                "activiteit_id": activiteit_id,
                "naam": naam,
                "type": activiteit_type,
                "wijkcode": wijk,
                "buurtcode": buurt,
                "organisatie_id": org,
                "is_bewonersinitiatief": initiatief,
            }
        )
        for partner in partners:
            self.rows["activiteit_partner"].append(
                {"activiteit_id": activiteit_id, "organisatie_id": partner}
            )

    def bijeenkomst_row(self, rij: int, values: dict[str, str], context: dict[str, Any]) -> None:
        """One bijeenkomst row: its activiteit, date and participant count."""
        bijeenkomst_id = self.required(rij, values, "bijeenkomst_id")
        activiteit_id = self.required(rij, values, "activiteit_id")
        if activiteit_id and activiteit_id not in self.known.activiteiten:
            self.problem(rij, "activiteit_id", activiteit_id, REDEN_ACTIVITEIT_ONBEKEND)
        datum = self.value(rij, values, "datum")
        aantal = self.value(rij, values, "aantal_deelnemers")
        if aantal is not None and aantal < 0:
            self.problem(
                rij, "aantal_deelnemers", self.cell(values, "aantal_deelnemers"), REDEN_NEGATIEF
            )
        if bijeenkomst_id:
            self.duplicate(rij, ("bijeenkomst", bijeenkomst_id), "bijeenkomst_id", bijeenkomst_id)
        if not self._row_ok:
            return
        self.rows["bijeenkomst"].append(
            {
                "bijeenkomst_id": bijeenkomst_id,
                "activiteit_id": activiteit_id,
                "datum": datum,
                "aantal_deelnemers": aantal,
            }
        )


def _frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a DataFrame with the raw table's columns, in order, and fitting dtypes."""
    return pd.DataFrame(
        {
            column: pd.Series([row[column] for row in rows], dtype=dtype)
            for column, dtype in TABLE_COLUMNS[table]
        }
    )


def validate(
    kind: str,
    raw: RawTable,
    mapping: Mapping[str, str | None],
    known: KnownCodes | duckdb.DuckDBPyConnection,
    pseudonymise: Callable[[str], str],
) -> Validated:
    """Check an export of one kind; return typed raw-table rows and every problem found.

    `known` is the codes the export may refer to, or a read-only connection to the
    database that holds them (a deelnames file is then checked against it in place,
    without loading every bijeenkomst).
    """
    check_kind(kind)
    if kind != "deelnames":
        if isinstance(known, duckdb.DuckDBPyConnection):
            from dashboard.ingest.registratie.known import (
                load_known_codes,  # known imports this module
            )

            known = load_known_codes(known)
        return _Checker(kind, raw, mapping, known, pseudonymise).run()
    # deelnames files run to millions of rows: checked as sets (dashboard.ingest.registratie.deelnames)
    from dashboard.ingest.registratie.deelnames import check_deelnames  # it builds on this module

    checker = _Checker(kind, raw, mapping, KnownCodes(), pseudonymise)
    problems, tables, first = check_deelnames(
        raw, checker.columns, checker.missing, known, pseudonymise
    )
    return Validated(kind, raw.bestand, tables, checker.problems + problems, first)


_ERNST_ORDER = {FOUT: 0, WAARSCHUWING: 1}


def report_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a Dutch table: errors first, then per file by row (file-level problems first)."""
    files: dict[str, int] = {}
    for p in problems:
        files.setdefault(p.bestand, len(files))
    ordered = sorted(
        problems,
        key=lambda p: (
            _ERNST_ORDER[p.ernst],
            files[p.bestand],
            -1 if p.rij is None else p.rij,
        ),
    )
    return pd.DataFrame(
        {
            "Bestand": pd.Series([p.bestand for p in ordered], dtype=object),
            "Rij": pd.array([p.rij for p in ordered], dtype="Int64"),
            "Kolom": pd.Series([p.kolom for p in ordered], dtype=object),
            "Waarde": pd.Series([p.waarde for p in ordered], dtype=object),
            "Reden": pd.Series([p.reden for p in ordered], dtype=object),
            "Ernst": pd.Series([p.ernst for p in ordered], dtype=object),
        }
    )
