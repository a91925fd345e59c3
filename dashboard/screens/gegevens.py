"""What the Gegevens screen and the import commands show: summaries and Dutch tables."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from dashboard.display import formatting as fmt
from dashboard.display.labels import IMPORT_KIND_LABELS
from dashboard.display.text import md
from dashboard.i18n import N_, Labels, _
from dashboard.ingest.assets import FORM
from dashboard.ingest.prepare import Prepared
from dashboard.ingest.registratie import MappingStore, Problem, report_frame, suggest_mapping
from dashboard.ingest.write import ImportResult

TABLE_LABELS = Labels(
    {
        "gemeente": N_("Gemeenten"),
        "wijk": N_("Wijken"),
        "buurt": N_("Buurten"),
        "kerncijfers": N_("Kerncijfers"),
        "indeling": N_("Gebieden (eigen indeling)"),
        "indeling_buurt": N_("Buurten in de eigen indeling"),
        "organisatie": N_("Organisaties"),
        "professional": N_("Professionals"),
        "inzet": N_("Inzet"),
        "activiteit": N_("Activiteiten"),
        "activiteit_partner": N_("Partners van activiteiten"),
        "plek": N_("Plekken"),
        "plek_activiteit": N_("Activiteiten bij plekken"),
        "route": N_("Routes"),
        "route_stop": N_("Stops van routes"),
        "verhaal": N_("Verhalen"),
        "bijeenkomst": N_("Bijeenkomsten"),
        "deelnemer": N_("Deelnemers"),
        "deelname": N_("Deelnames"),
    }
)


def import_summary(result: ImportResult) -> str:
    """One Dutch sentence on what an import wrote."""
    if result.leeg:
        return _(
            "{file}: geen rijen; het bestand bevat alleen een kop, er is niets geschreven."
        ).format(file=result.bestand)
    if not result.changed:
        return _("{file}: niets gewijzigd; deze gegevens staan al in de database.").format(
            file=result.bestand
        )
    parts = written_per_table(result.toegevoegd, result.bijgewerkt, result.verwijderd)
    return _("{file} is geïmporteerd (import {number}). {parts}.").format(
        file=result.bestand, number=result.import_id, parts=parts
    )


def written_per_table(
    added: Mapping[str, int], updated: Mapping[str, int], removed: Mapping[str, int]
) -> str:
    """What an import wrote, table by table: "Deelnames: 1.000 nieuw, 0 bijgewerkt;
    Deelnemers: 200 nieuw, 0 bijgewerkt" (a table's removed rows only when there are any)."""
    return "; ".join(
        _("{table}: {new} nieuw, {updated} bijgewerkt").format(
            table=TABLE_LABELS.get(t, t),
            new=fmt.number(added.get(t, 0)),
            updated=fmt.number(updated.get(t, 0)),
        )
        + (_(", {n} verwijderd").format(n=fmt.number(removed[t])) if removed.get(t) else "")
        for t in TABLE_LABELS
        if t in added or t in updated or removed.get(t)
    )


def report_verdict(prepared: Prepared) -> tuple[str, str]:
    """What the check of a file (or of the entry form) comes to: "error", "warning" or
    "success", and one sentence that fits a file or a form."""
    form = prepared.bestand == FORM
    if prepared.errors:
        message = (
            _("{n} fout(en): pas de invoer aan en controleer opnieuw. Er is niets geschreven.")
            if form
            else _(
                "{n} fout(en): los ze op in het bestand en upload het opnieuw. Er is niets"
                " geschreven."
            )
        )
        return "error", message.format(n=len(prepared.errors))
    if prepared.leeg:
        return "warning", _(
            "Geen rijen: het bestand bevat alleen een kop; er valt niets te importeren."
        )
    if form:
        return "success", (
            _("De invoer is in orde (met waarschuwingen).")
            if prepared.problems
            else _("De invoer is in orde.")
        )
    # what the file holds, before the user imports it (a steward's walk: "in orde" said
    # nothing of how many rows were found)
    rows = ", ".join(
        f"{TABLE_LABELS.get(t, t)} {fmt.number(len(frame))}"  # a label is plural: "Verhalen 1"
        for t, frame in prepared.tables.items()
        if len(frame)
    )
    return "success", (
        _("Het bestand is in orde (met waarschuwingen). Gelezen: {rows}.")
        if prepared.problems
        else _("Het bestand is in orde. Gelezen: {rows}.")
    ).format(rows=rows)


def mapping_widgets_defaults(
    kind: str, columns: Sequence[str], store: MappingStore, saved: str | None
) -> dict[str, str | None]:
    """The column mapping to preselect: a saved one when chosen, else the suggestion."""
    if saved:
        saved_kind, mapping = store.load(saved)
        if saved_kind == kind:
            return dict(mapping)
    return dict(suggest_mapping(kind, list(columns)))


def cbs_preview(prepared: Prepared) -> pd.DataFrame:
    """Rows per table of a prepared CBS import."""
    return pd.DataFrame(
        {
            _("Tabel"): [TABLE_LABELS.get(t, t) for t in prepared.tables],
            _("Rijen"): [fmt.number(len(df)) for df in prepared.tables.values()],
        }
    )


def report_table(problems: Sequence[Problem]) -> pd.DataFrame:
    """The validation report for the screen: every cell text, empty where a problem of the
    whole file has no row, column or value (the grid wrote Python's "None" there).

    Ernst first and Reden last, where it has the rest of the width, and no Bestand column for
    one file (its name is above): at 1024×768 Reden, the column that says what to do, was
    cut after 40 characters and Ernst was off the screen."""
    frame = report_frame(list(problems))
    bestand, rij, kolom, waarde, reden, ernst = frame.columns  # report_frame's, translated
    # Rij, Kolom and Waarde only where a problem has them: a CBS file's notes are about the
    # whole file, and three empty columns left Reden half the width (three lines a note)
    order = [ernst, *(c for c in (rij, kolom, waarde) if frame[c].notna().any()), reden]
    if frame[bestand].nunique() > 1:
        order.insert(1, bestand)
    return frame[order].astype(object).map(lambda v: "" if fmt.is_missing(v) else str(v))


# The report's columns in pixels, by their (Dutch) header: one file's together 740, the width
# of the page at 1024×768, so Reden wraps in its cell (REPORT_ROW_HEIGHT) instead of running
# off the screen; on a wider screen Streamlit shares the rest among them.
REPORT_WIDTH = 740
# The import history's column of what each import wrote, per table: wide enough for one
# table on a line ("Deelnames: 1.000.000 nieuw, 0 bijgewerkt"), a second wraps under it
HISTORY_WRITTEN_PX = 290
HISTORY_NOTE_PX = 160
_REDEN = N_("Reden")
_REPORT_WIDTHS = {
    N_("Ernst"): 110,
    N_("Bestand"): 140,
    N_("Rij"): 45,
    N_("Kolom"): 120,
    N_("Waarde"): 135,
    _REDEN: 330,
}
# Three lines a row: Streamlit wraps the text of a cell only in rows taller than 4rem.
REPORT_ROW_HEIGHT = 70


def report_widths(table: pd.DataFrame) -> dict[str, int]:
    """Per column of a report_table (headers in the run's language), its width in pixels;
    Reden takes what the others leave of the page at 1024×768."""
    widths = {_(header): px for header, px in _REPORT_WIDTHS.items()}
    shown = {str(c): widths[str(c)] for c in table.columns}
    reden = _(_REDEN)
    if reden in shown:
        others = sum(px for c, px in shown.items() if c != reden)
        shown[reden] = max(shown[reden], REPORT_WIDTH - others)
    return shown


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The import log for display; what each import wrote per table (the log's own counts sum
    all tables: a deelnames file's new participants and its deelnames together)."""
    return pd.DataFrame(
        {
            _("Import"): history["import_id"],
            _("Tijdstip"): [dutch_moment(t) for t in history["tijdstip"]],
            _("Bestand"): history["bestand"],
            _("Soort"): [IMPORT_KIND_LABELS.get(t, t) for t in history["tabel"]],
            _("Geschreven"): [
                _written(per_table, new, updated)
                for per_table, new, updated in zip(
                    history["rijen_per_tabel"],
                    history["rijen_toegevoegd"],
                    history["rijen_bijgewerkt"],
                    strict=True,
                )
            ],
            _("Melding"): history["melding"].fillna(""),
            _("Gebruiker"): history["gebruiker"],
            _("Resultaat"): history["resultaat"],
        }
    )


def _written(per_table: object, new: int, updated: int) -> str:
    """One import's row counts: per table, or the log's sums for an import logged before the
    log kept them per table (migration 0013)."""
    if fmt.is_missing(per_table):
        return _("{new} nieuw, {updated} bijgewerkt (alle tabellen samen)").format(
            new=fmt.number(new), updated=fmt.number(updated)
        )
    counts: dict[str, list[int]] = json.loads(str(per_table))
    return written_per_table(
        {t: c[0] for t, c in counts.items()},
        {t: c[1] for t, c in counts.items()},
        {t: c[2] for t, c in counts.items()},
    )


def import_audit_details(prepared: Prepared, result: ImportResult | None = None) -> str:
    """What the audit log keeps of an import: file, kind, rows per table and the outcome.

    Never the file's contents (and so never participant data); without a result the import
    was refused (errors in the file) or failed and was rolled back.
    """
    parts = [prepared.bestand, f"soort {prepared.tabel}"]
    if result is not None:
        tables = [
            t
            for t in TABLE_LABELS
            if t in result.toegevoegd or t in result.bijgewerkt or result.verwijderd.get(t)
        ]
        parts += [
            f"{t}: {result.toegevoegd.get(t, 0)} nieuw, {result.bijgewerkt.get(t, 0)} bijgewerkt"
            + (f", {result.verwijderd[t]} verwijderd" if result.verwijderd.get(t) else "")
            for t in tables
        ]
        parts.append(
            "geen rijen" if result.leeg else "geslaagd" if result.changed else "niets gewijzigd"
        )
    elif prepared.errors:
        parts.append(f"geweigerd: {len(prepared.errors)} fout(en)")
    else:
        parts.append("mislukt, niets gewijzigd")
    return "; ".join(parts)


AUDIT_EVENT_LABELS = Labels(
    {
        "aanmelding": N_("Aanmelding"),
        "namen_bekeken": N_("Namen van professionals bekeken"),
        "import": N_("Import"),
    }
)


def _dutch_time_zone() -> tzinfo:
    """Dutch time for the audit log's UTC times; UTC where the system has no time zone data."""
    try:
        return ZoneInfo("Europe/Amsterdam")
    except ZoneInfoNotFoundError:
        return UTC


def dutch_moment(value: Any) -> str:
    """A UTC timestamp without zone (the logs store them so) in Dutch time, in Dutch."""
    if fmt.is_missing(value):
        return ""
    local = pd.Timestamp(value).tz_localize("UTC").tz_convert(_dutch_time_zone())
    return fmt.dutch_datetime(local.to_pydatetime())


def audit_table(log: pd.DataFrame) -> pd.DataFrame:
    """The audit log for display: Dutch headers, Dutch times, every value but the number as text."""

    def text(value: Any) -> str:
        return "" if value is None or fmt.is_missing(value) else str(value)

    def organisations(value: Any) -> str:
        return "" if value is None or isinstance(value, float) else ", ".join(map(str, value))

    return pd.DataFrame(
        {
            _("Nr."): [int(v) for v in log["id"]],
            _("Tijdstip"): [dutch_moment(v) for v in log["tijdstip"]],
            _("Gebeurtenis"): [AUDIT_EVENT_LABELS.get(str(v), str(v)) for v in log["gebeurtenis"]],
            _("Gebruiker"): [text(v) for v in log["gebruiker"]],
            _("Rol"): [text(v) for v in log["rol"]],
            _("Organisaties"): [organisations(v) for v in log["organisaties"]],
            _("Scherm"): [text(v) for v in log["scherm"]],
            _("Details"): [text(v) for v in log["details"]],
        }
    )


def quality_table(quality: pd.DataFrame) -> pd.DataFrame:
    """Data quality per table for display."""

    def day(value: Any) -> str:  # a cell of a date column: date, Timestamp or missing
        return "" if fmt.is_missing(value) else fmt.dutch_date(pd.Timestamp(value).date())

    return pd.DataFrame(
        {
            _("Tabel"): [TABLE_LABELS.get(t, t) for t in quality["tabel"]],
            _("Rijen"): [fmt.number(v) for v in quality["rijen"]],
            _("Vanaf"): [day(v) for v in quality["vanaf"]],
            _("Tot en met"): [day(v) for v in quality["tot_en_met"]],
            _("Wijken zonder gegevens"): [fmt.number(v) for v in quality["wijken_zonder_gegevens"]],
        }
    )


@contextmanager
def uploaded_to_temp(data: bytes, filename: str) -> Iterator[Path]:
    """An uploaded file on disk (geo readers need a path), removed afterwards; the name keeps its suffix."""
    with tempfile.TemporaryDirectory(prefix="wijkdashboard-upload-") as directory:
        path = Path(directory) / Path(filename).name
        path.write_bytes(data)
        yield path


# --- what the wijk has: the entry form for one verhaal or plek (issue 16) -------------------

ENTRY_KINDS = Labels({"verhalen": N_("Een verhaal of signaal"), "plekken": N_("Een plek")})
# the import's kinds and a verhaal's codes as the form shows them (Dutch: the codes themselves)
ASSET_KIND_LABELS = Labels(
    {"plekken": N_("plekken"), "routes": N_("routes"), "verhalen": N_("verhalen")}
)
VERHAAL_CODE_LABELS = Labels(
    {
        "bewoner": N_("bewoner"),
        "professional": N_("professional"),
        "bijeenkomst": N_("bijeenkomst"),
        "concept": N_("concept"),
        "gepubliceerd": N_("gepubliceerd"),
    }
)
PRIVACY_WARNING = N_(
    "Schrijf geen namen of andere persoonsgegevens: geen namen van bewoners of"
    " professionals, geen adressen, e-mailadressen, telefoonnummers of BSN's. Een tekst met"
    " een e-mailadres, telefoonnummer of BSN wordt geweigerd. Een gepubliceerd verhaal ziet"
    " ook het publiek."
)


def entry_cells(kind: str, values: dict[str, object], entry_id: str) -> dict[str, str]:
    """The form's values as the cells of a file of one row (the import's own field names),
    so the form goes through exactly the file's checks. `entry_id` becomes the key."""
    cells: dict[str, str] = {}
    for name, value in values.items():
        if value is None:
            cells[name] = ""
        elif isinstance(value, date):
            cells[name] = value.strftime("%d-%m-%Y")
        elif isinstance(value, float):
            cells[name] = repr(value)
        else:
            cells[name] = str(value)
    key = "verhaal_id" if kind == "verhalen" else "plek_id"
    cells[key] = entry_id
    return cells


def new_entry_id(kind: str, now: datetime) -> str:
    """A key for an entry typed in the form: FORM-V-/FORM-P- and the moment to the second."""
    return f"FORM-{'V' if kind == 'verhalen' else 'P'}-{now:%Y%m%d%H%M%S}"


def verhalen_table(verhalen: pd.DataFrame) -> pd.DataFrame:
    """The verhalen of a gemeente with Dutch headers, newest first (text from data as text)."""
    return pd.DataFrame(
        {
            _("Datum"): pd.to_datetime(verhalen["datum"]).dt.date,
            _("Gebied"): verhalen["gebiedscode"].astype(str),
            _("Thema"): verhalen["thema"].astype(str),
            _("Bron"): [VERHAAL_CODE_LABELS.get(str(b), str(b)) for b in verhalen["bron"]],
            _("Status"): [VERHAAL_CODE_LABELS.get(str(v), str(v)) for v in verhalen["status"]],
            _("Tekst"): verhalen["tekst"].astype(str),
        }
    )


# a verhaal's status on Gegevens: the status it can go to, and the button that does it
STATUS_ACTIONS: dict[str, tuple[str, str]] = {
    "concept": ("gepubliceerd", N_("Publiceren")),
    "gepubliceerd": ("concept", N_("Terug naar concept")),
}


def status_summary(result: ImportResult, status: str, thema: str) -> str:
    """The Dutch confirmation of a verhaal's status change (thema from data: pass it through
    display.text.md before markdown)."""
    if not result.changed:
        return _("Het verhaal '{thema}' was al {status}; er is niets gewijzigd.").format(
            thema=thema, status=VERHAAL_CODE_LABELS.get(status, status)
        )
    if status == "gepubliceerd":
        return _(
            "Het verhaal '{thema}' is gepubliceerd (import {id}): het publiek ziet het nu op het"
            " Wijkprofiel."
        ).format(thema=thema, id=result.import_id)
    return _(
        "Het verhaal '{thema}' is terug naar concept (import {id}): het publiek ziet het niet"
        " meer; alleen de beheerder ziet het hier."
    ).format(thema=thema, id=result.import_id)


def verhaal_line(story: Any) -> str:
    """One verhaal of `queries.verhalen` (a row as a named tuple) as markdown beside its
    button: thema, area, date and status, then the text (text from data escaped)."""
    day = fmt.dutch_date(pd.Timestamp(story.datum).date())
    return (
        f"**{md(story.thema)}** · {md(story.gebiedscode)} · {day}"
        f" · {md(VERHAAL_CODE_LABELS.get(str(story.status), str(story.status)))}  \n"
        f"{md(story.tekst)}"
    )
