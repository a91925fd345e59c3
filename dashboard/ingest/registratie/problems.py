"""What a validation finds: Problem, its Ernst, the Dutch reasons (REDEN_*) and the report table.

Errors ("fout") block the import; warnings ("waarschuwing") do not. The reason texts are
exact: tests and documentation refer to them by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from dashboard.domain.codes import LEEFTIJDSGROEPEN, ROLLEN, SOORTEN

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
REDEN_WIJK_ONGELDIG = (
    "Ongeldige wijkcode; verwacht WK, 4 cijfers en dan 2 cijfers of letters,"
    " zoals WK026801 of WK0363AA"
)
REDEN_WIJK_ONBEKEND = "Onbekende wijk: deze wijkcode staat niet in de database"
REDEN_BUURT_ONGELDIG = (
    "Ongeldige buurtcode; verwacht BU, 4 cijfers en dan 4 cijfers of letters,"
    " zoals BU02680101 of BU0363AA01"
)
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


def reden_meer_dan_totaal(bijeenkomst: str, geregistreerd: int, totaal: int) -> str:
    """The warning for a bijeenkomst with more registered deelnemers than its aantal_deelnemers.

    A reason with the bijeenkomst's own numbers, so not one of REDENEN. The dashboard
    counts the larger number (docs/DESIGN.md §5.1).
    """

    def n(value: int) -> str:
        return f"{value:,}".replace(",", ".")

    deelnemers = "deelnemer" if geregistreerd == 1 else "deelnemers"
    return (
        f"Bijeenkomst {bijeenkomst}: {n(geregistreerd)} {deelnemers} geregistreerd,"
        f" de bijeenkomst telt er {n(totaal)}; het dashboard telt {n(geregistreerd)}"
    )


@dataclass(frozen=True)
class Problem:
    """One finding: where (file, Excel row, column), what value, why, and how bad."""

    bestand: str
    rij: int | None
    kolom: str | None
    waarde: str | None
    reden: str
    ernst: Ernst


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
