"""What a validation yields: typed raw-table rows per table and kind, with the problems found.

The column order and dtypes are those of the raw tables (migrations/0001_raw_tables.sql).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.ingest.registratie.problems import FOUT, WAARSCHUWING, Problem

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
