"""Import templates for registration exports: fields per kind, as CSV and XLSX downloads.

The CSV template is what Dutch Excel opens correctly by double-clicking: UTF-8
with a byte-order mark, `;` between fields, dates as dd-mm-jjjj and a decimal
comma. The XLSX template holds the same header and example row on a sheet
named after the kind, plus a sheet "Toelichting" that explains every field.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from dashboard.domain.codes import LEEFTIJDSGROEPEN, SOORTEN
from dashboard.i18n import N_, _
from dashboard.ingest.registratie.problems import register_templates, shown_reason
from dashboard.ingest.registratie.values import ROLLEN_AS_WRITTEN

FieldType = Literal["text", "code", "date", "integer", "decimal", "boolean", "list"]

KINDS: tuple[str, ...] = ("inzet", "activiteiten", "bijeenkomsten", "deelnames")

PARTNER_SEPARATOR = "|"
TOELICHTING_SHEET = "Toelichting"


@dataclass(frozen=True)
class Field:
    """One column of an import template."""

    name: str
    required: bool
    type: FieldType
    description: str
    example: str


# the CBS code patterns (dashboard.domain.codes.CODE_PATTERNS) in words
_WIJKCODE = N_("WK, 4 cijfers en dan 2 cijfers of letters (WK026801, in Amsterdam WK0363AA)")
_BUURTCODE = N_("BU, 4 cijfers en dan 4 cijfers of letters (BU02680101, in Amsterdam BU0363AA01)")
# descriptions with values: their Dutch templates, so the UI can show them in its language
# (registratie.shown_reason); the descriptions themselves stay Dutch, as in the Toelichting
ONE_OF = N_("{what} Een van: {values}.")
_WIJKCODE_OF = N_("CBS-wijkcode: {pattern}.")
_WIJKCODE_OF_PLACE = N_("CBS-wijkcode van de plek van de activiteit: {pattern}.")
_BUURT_IN_WIJK = N_(
    "CBS-buurtcode van de plek, als die bekend is: {pattern}, in de wijk van wijkcode."
)
_UNKNOWN_KIND = N_("Onbekende soort import '{kind}'; kies uit: {kinds}")
register_templates(ONE_OF, _WIJKCODE_OF, _WIJKCODE_OF_PLACE, _BUURT_IN_WIJK, _UNKNOWN_KIND)

_ORGANISATIE_NAAM = Field(
    "organisatie_naam",
    False,
    "text",
    N_("Naam van de organisatie; alleen nodig voor een organisatie die nog niet bekend is."),
    "Welzijn Lindenwaard",
)
_ORGANISATIE_SOORT = Field(
    "organisatie_soort",
    False,
    "code",
    ONE_OF.format(
        what=N_("Soort organisatie; alleen nodig voor een nieuwe organisatie."),
        values=", ".join(SOORTEN),
    ),
    "welzijn",
)

TEMPLATES: dict[str, tuple[Field, ...]] = {
    "inzet": (
        Field(
            "inzet_id",
            False,
            "text",
            N_(
                "Nummer van de inzet in het bronsysteem. Leeg: de inzet heet dan"
                " professional_id|wijkcode|rol|startdatum."
            ),
            "INZ-0001",
        ),
        Field("professional_id", True, "text", N_("Nummer van de professional."), "PRO-101"),
        Field(
            "professional_naam", True, "text", N_("Naam van de professional."), "Fatima el Amrani"
        ),
        Field(
            "wijkcode",
            True,
            "code",
            _WIJKCODE_OF.format(pattern=_WIJKCODE),
            "WK026801",
        ),
        Field(
            "rol",
            True,
            "code",
            ONE_OF.format(what=N_("Rol in deze inzet."), values=", ".join(ROLLEN_AS_WRITTEN)),
            "opbouwwerker",
        ),
        Field(
            "organisatie_id",
            True,
            "text",
            N_("Nummer van de organisatie waarvoor de professional werkt."),
            "ORG-WZL",
        ),
        _ORGANISATIE_NAAM,
        _ORGANISATIE_SOORT,
        Field(
            "startdatum", True, "date", N_("Eerste dag van de inzet (dd-mm-jjjj)."), "01-03-2023"
        ),
        Field(
            "einddatum",
            False,
            "date",
            N_("Laatste dag van de inzet (dd-mm-jjjj); leeg als de inzet nog loopt."),
            "31-12-2025",
        ),
        Field(
            "uren_per_week",
            True,
            "decimal",
            N_("Uren per week in deze wijk: meer dan 0 en hoogstens 60; decimale komma mag."),
            "24,5",
        ),
    ),
    "activiteiten": (
        Field("activiteit_id", True, "text", N_("Nummer van de activiteit."), "ACT-2001"),
        Field("naam", True, "text", N_("Naam van de activiteit."), "Pop-up terras Lindenplein"),
        Field(
            "type",
            True,
            "text",
            N_("Soort activiteit, bijvoorbeeld pop-up terras, wijksafari, buurtcafé, taalcafé."),
            "pop-up terras",
        ),
        Field(
            "wijkcode",
            True,
            "code",
            _WIJKCODE_OF_PLACE.format(pattern=_WIJKCODE),
            "WK026801",
        ),
        Field(
            "buurtcode",
            False,
            "code",
            _BUURT_IN_WIJK.format(pattern=_BUURTCODE),
            "BU02680101",
        ),
        Field(
            "organisatie_id",
            True,
            "text",
            N_("Nummer van de organisatie die de activiteit organiseert."),
            "ORG-WZL",
        ),
        _ORGANISATIE_NAAM,
        _ORGANISATIE_SOORT,
        Field(
            "bewonersinitiatief",
            True,
            "boolean",
            N_("Hebben bewoners de activiteit bedacht en is die van hen? ja of nee."),
            "ja",
        ),
        Field(
            "partners",
            False,
            "list",
            N_("Nummers van partnerorganisaties, gescheiden door |."),
            "ORG-WC1|ORG-BT1",
        ),
    ),
    "bijeenkomsten": (
        Field("bijeenkomst_id", True, "text", N_("Nummer van de bijeenkomst."), "BK-30001"),
        Field(
            "activiteit_id",
            True,
            "text",
            N_("Nummer van de activiteit waar de bijeenkomst bij hoort."),
            "ACT-2001",
        ),
        Field("datum", True, "date", N_("Datum van de bijeenkomst (dd-mm-jjjj)."), "14-06-2024"),
        Field(
            "aantal_deelnemers",
            True,
            "integer",
            N_("Aantal deelnemers (geheel getal, 0 of meer)."),
            "23",
        ),
    ),
    "deelnames": (
        Field(
            "bijeenkomst_id",
            True,
            "text",
            N_("Nummer van de bijeenkomst waaraan de deelnemer meedeed."),
            "BK-30001",
        ),
        Field(
            "deelnemer_id",
            True,
            "text",
            N_(
                "Deelnemernummer in het bronsysteem; wordt bij het laden vervangen door een"
                " pseudoniem en nooit opgeslagen."
            ),
            "100234",
        ),
        Field(
            "woonbuurt",
            False,
            "code",
            N_("CBS-buurtcode van de buurt waar de deelnemer woont, als die bekend is."),
            "BU02680101",
        ),
        Field(
            "leeftijdsgroep",
            False,
            "code",
            ONE_OF.format(
                what=N_("Leeftijdsgroep, als die bekend is."), values=", ".join(LEEFTIJDSGROEPEN)
            ),
            "27-44",
        ),
    ),
}


def check_kind(kind: str) -> str:
    """Return kind when it is one of KINDS, else raise a Dutch ValueError."""
    if kind not in TEMPLATES:
        raise ValueError(_UNKNOWN_KIND.format(kind=kind, kinds=", ".join(KINDS)))
    return kind


def fields(kind: str) -> tuple[Field, ...]:
    """The template fields of one kind, in column order."""
    return TEMPLATES[check_kind(kind)]


def field_names(kind: str) -> tuple[str, ...]:
    """The template column names of one kind, in order."""
    return tuple(f.name for f in fields(kind))


def template_csv(kind: str) -> bytes:
    """The CSV template: UTF-8 with BOM, `;`-separated, header plus one example row."""
    return csv_for(fields(kind))


def csv_for(template: tuple[Field, ...]) -> bytes:
    """A CSV template of these fields (also for the imports outside the registration kinds)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([f.name for f in template])
    writer.writerow([f.example for f in template])
    return buffer.getvalue().encode("utf-8-sig")


def _excel_value(field: Field) -> str | int | float | date:
    """The example as the typed cell a user would get by typing it in Excel."""
    text = field.example
    if field.type == "date" and text:
        day, month, year = (int(part) for part in text.split("-"))
        return date(year, month, day)
    if field.type == "integer" and text:
        return int(text)
    if field.type == "decimal" and text:
        return float(text.replace(",", "."))
    return text


def template_xlsx(kind: str) -> bytes:
    """The XLSX template: a sheet named after the kind with header and example, and a Toelichting sheet."""
    return xlsx_for(fields(kind), kind)


# the Toelichting sheet's own texts, in the run's language
_NOTES_HEADER = (N_("Veld"), N_("Verplicht"), N_("Beschrijving"), N_("Voorbeeld"))
_YES, _NO = N_("ja"), N_("nee")


def xlsx_for(template: tuple[Field, ...], kind: str) -> bytes:
    """An XLSX template of these fields on a sheet named `kind`, with a Toelichting sheet."""
    workbook = Workbook()
    sheet = workbook.worksheets[0]  # the one sheet a new workbook has (its active sheet)
    sheet.title = kind
    bold = Font(bold=True)
    for col, field in enumerate(template, start=1):
        letter = get_column_letter(col)
        head = sheet.cell(row=1, column=col, value=field.name)
        head.font = bold
        cell = sheet.cell(row=2, column=col, value=_excel_value(field))
        if field.type == "date":
            cell.number_format = "DD-MM-YYYY"
        elif field.type in ("text", "code", "list", "boolean"):
            # Text format, so Excel keeps leading zeros and does not turn codes into dates.
            cell.number_format = "@"
        sheet.column_dimensions[letter].width = max(14, len(field.name) + 4)
    sheet.freeze_panes = "A2"

    # the sheet keeps its name in every language: the reader skips it by that name
    notes = workbook.create_sheet(TOELICHTING_SHEET)
    for col, title in enumerate(_NOTES_HEADER, start=1):
        notes.cell(row=1, column=col, value=_(title)).font = bold
    for row, field in enumerate(template, start=2):
        notes.cell(row=row, column=1, value=field.name)
        notes.cell(row=row, column=2, value=_(_YES) if field.required else _(_NO))
        notes.cell(row=row, column=3, value=shown_reason(field.description))
        notes.cell(row=row, column=4, value=field.example).number_format = "@"
    for letter, width in zip("ABCD", (22, 10, 90, 22), strict=True):
        notes.column_dimensions[letter].width = width

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
