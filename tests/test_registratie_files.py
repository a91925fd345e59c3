"""Registration export files built in code, shared by the registratie tests, and checks on them.

GOOD holds one realistic export per kind (with an extra unmapped column
"opmerking", names with é, ë, ï, Ö and a cell with separators and quotes);
VARIANTS turns it into the file formats real registration systems produce.
BASE holds a clean two-row export per kind that the broken corpus edits one
cell at a time.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Sequence
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from dashboard.ingest.registratie import KnownCodes, field_names, fields, read_export

KNOWN = KnownCodes(
    wijken=frozenset({"WK026801", "WK026802"}),
    buurten=frozenset({"BU02680101", "BU02680201"}),
    buurt_wijk={"BU02680101": "WK026801", "BU02680201": "WK026802"},
    organisaties=frozenset({"ORG-WZL", "ORG-WC1", "ORG-BT1"}),
    activiteiten=frozenset({"ACT-1", "ACT-2", "ACT-2001"}),
    bijeenkomsten=frozenset({"BK-1", "BK-2", "BK-30001"}),
)


def pseudonymise(raw: str) -> str:
    """The test pseudonym of the brief: P + 12 hex digits of sha256."""
    return "P" + hashlib.sha256(raw.encode()).hexdigest()[:12]


Table = tuple[list[str], list[list[str]]]

GOOD: dict[str, Table] = {
    "inzet": (
        [*field_names("inzet"), "opmerking"],
        [
            [
                "INZ-1",
                "PRO-1",
                "Anouk de Vries",
                "WK026801",
                "opbouwwerker",
                "ORG-WZL",
                "",
                "",
                "01-03-2023",
                "",
                "24,5",
                "Café De Brug",
            ],
            [
                "",
                "PRO-2",
                "Daniël Öztürk",
                "wk026802",
                "Maatschappelijk werker",
                "ORG-NEW",
                "Café De Brug",
                "bewonersgroep",
                "15-01-2024",
                "31-12-2024",
                "36",
                "Oosterpoort-Zuid, naast de brug; sinds januari",
            ],
            [
                "INZ-3",
                "PRO-1",
                "Anouk de Vries",
                "WK026802",
                "jongerenwerker",
                "ORG-WZL",
                "",
                "",
                "01-09-2022",
                "31-08-2023",
                "12,5",
                'zegt "hallo"',
            ],
        ],
    ),
    "activiteiten": (
        [*field_names("activiteiten"), "opmerking"],
        [
            [
                "ACT-1",
                "Pop-up terras Oosterpoort-Zuid",
                "pop-up terras",
                "WK026801",
                "BU02680101",
                "ORG-WZL",
                "",
                "",
                "ja",
                "ORG-WC1|ORG-NEW2",
                "Café De Brug, met de corporatie",
            ],
            [
                "ACT-2",
                "Naïma's taalcafé",
                "taalcafé",
                "WK026802",
                "",
                "ORG-NEW2",
                "Café De Brug",
                "cultuur",
                "nee",
                "",
                "Oosterpoort-Zuid",
            ],
        ],
    ),
    "bijeenkomsten": (
        [*field_names("bijeenkomsten"), "opmerking"],
        [
            ["BK-1", "ACT-1", "14-06-2024", "23", "Café De Brug"],
            ["BK-2", "ACT-1", "21-06-2024", "0", "Oosterpoort-Zuid; regen"],
            ["BK-3", "ACT-2", "01-07-2024", "112", ""],
        ],
    ),
    "deelnames": (
        [*field_names("deelnames"), "opmerking"],
        [
            ["BK-1", "100234", "BU02680101", "27-44", "Café De Brug"],
            ["BK-1", "100235", "", "", "Oosterpoort-Zuid"],
            ["BK-2", "100234", "", "27-44", ""],
            ["BK-2", "K-00042", "BU02680201", "80+", ""],
        ],
    ),
}

RAW_IDS = ("100234", "100235", "K-00042")

BASE: dict[str, Table] = {
    "inzet": (
        list(field_names("inzet")),
        [
            [
                "INZ-1",
                "PRO-1",
                "Anouk de Vries",
                "WK026801",
                "opbouwwerker",
                "ORG-WZL",
                "",
                "",
                "01-03-2023",
                "",
                "24,5",
            ],
            [
                "INZ-2",
                "PRO-2",
                "Daniël Öztürk",
                "WK026802",
                "jongerenwerker",
                "ORG-WC1",
                "",
                "",
                "15-01-2024",
                "31-12-2024",
                "36",
            ],
        ],
    ),
    "activiteiten": (
        list(field_names("activiteiten")),
        [
            [
                "ACT-1",
                "Pop-up terras",
                "pop-up terras",
                "WK026801",
                "BU02680101",
                "ORG-WZL",
                "",
                "",
                "ja",
                "ORG-WC1",
            ],
            ["ACT-2", "Taalcafé", "taalcafé", "WK026802", "", "ORG-WC1", "", "", "nee", ""],
        ],
    ),
    "bijeenkomsten": (
        list(field_names("bijeenkomsten")),
        [["BK-1", "ACT-1", "14-06-2024", "23"], ["BK-2", "ACT-2", "21-06-2024", "0"]],
    ),
    "deelnames": (
        list(field_names("deelnames")),
        [["BK-1", "100234", "BU02680101", "27-44"], ["BK-2", "100235", "", ""]],
    ),
}


def csv_bytes(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
    newline: str = "\r\n",
    trailing: str = "",
) -> bytes:
    """A delimited file as a spreadsheet program or registration system writes it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return (buffer.getvalue() + trailing).encode(encoding)


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[Sequence[object]]]]) -> bytes:
    """A workbook with the given sheets (name, rows of cell values), in order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets:
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def typed(kind: str, header: Sequence[str], row: Sequence[str]) -> list[object]:
    """A row of GOOD strings as the typed cells Excel stores (real dates and numbers)."""
    types = {f.name: f.type for f in fields(kind)}
    out: list[object] = []
    for name, text in zip(header, row, strict=True):
        kind_of = types.get(name, "text")
        if not text:
            out.append(None)
        elif kind_of == "date":
            day, month, year = (int(p) for p in text.split("-"))
            out.append(date(year, month, day))
        elif kind_of == "integer":
            out.append(int(text))
        elif kind_of == "decimal":
            number = float(text.replace(",", "."))
            out.append(int(number) if number.is_integer() else number)
        else:
            out.append(text)
    return out


TOELICHTING = [("Veld", "Uitleg"), ("inzet_id", "nummer van de inzet")]


def _xlsx_named(kind: str) -> bytes:
    header, rows = GOOD[kind]
    return xlsx_bytes([("Toelichting", TOELICHTING), ("Gegevens", [header, *rows])])


def _xlsx_dates(kind: str) -> bytes:
    header, rows = GOOD[kind]
    data = [header, *(typed(kind, header, row) for row in rows)]
    return xlsx_bytes([(kind, data), ("Toelichting", TOELICHTING)])


# name -> (filename, build(kind) -> bytes, read_export keyword arguments, (delimiter, encoding, sheet))
VARIANTS: dict[str, tuple[str, Callable[[str], bytes], dict, tuple]] = {
    "puntkomma-utf8-bom": (
        "export.csv",
        lambda kind: csv_bytes(*GOOD[kind]),
        {},
        (";", "utf-8-sig", None),
    ),
    "komma-utf8": (
        "export.csv",
        lambda kind: csv_bytes(
            *GOOD[kind], delimiter=",", encoding="utf-8", newline="\n", trailing="\n\n\n"
        ),
        {},
        (",", "utf-8", None),
    ),
    "puntkomma-cp1252": (
        "export.csv",
        lambda kind: csv_bytes(*GOOD[kind], encoding="cp1252"),
        {},
        (";", "cp1252", None),
    ),
    "xlsx-tabblad": ("export.xlsx", _xlsx_named, {"sheet": "Gegevens"}, (None, None, "Gegevens")),
    "xlsx-datums": ("export.xlsx", _xlsx_dates, {"kind": True}, (None, None, "kind")),
}


def build_variant(variant: str, kind: str) -> tuple[bytes, str, dict]:
    """(bytes, filename, read_export keyword arguments) of one GOOD export in one format."""
    filename, build, kwargs, _ = VARIANTS[variant]
    kwargs = {k: (kind if v is True else v) for k, v in kwargs.items()}
    return build(kind), filename, kwargs


KINDS = tuple(GOOD)


@pytest.mark.parametrize("kind", KINDS)
def test_cp1252_variant_is_not_utf8(kind):
    data = csv_bytes(*GOOD[kind], encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "Café De Brug".encode("cp1252") in data


@pytest.mark.parametrize("kind", ["inzet", "bijeenkomsten"])
def test_xlsx_dates_variant_stores_real_dates_and_numbers(kind):
    sheet = load_workbook(io.BytesIO(_xlsx_dates(kind)))[kind]
    header = [c.value for c in sheet[1]]
    values = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    date_field = "startdatum" if kind == "inzet" else "datum"
    assert (
        values[date_field].date()
        == {"inzet": date(2023, 3, 1), "bijeenkomsten": date(2024, 6, 14)}[kind]
    )
    number_field = "uren_per_week" if kind == "inzet" else "aantal_deelnemers"
    assert values[number_field] == {"inzet": 24.5, "bijeenkomsten": 23}[kind]


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_is_readable(variant):
    data, filename, kwargs = build_variant(variant, "inzet")
    assert read_export(data, filename, **kwargs).frame.shape == (3, 12)
