"""Kerncijfers of one gemeente from CBS open data (StatLine, OData v3), when the machine is online.

StatLine's keys carry a position suffix (`AantalInwoners_5`) that shifts between the yearly tables
(`HuishoudensTotaal_28` in one year, `HuishoudensTotaal_29` in another), so keys are matched on
their name without the suffix. Our indicator names are the PDOK snake_case names that
`dashboard.ingest.cbs` reads from the wijk- en buurtkaart, so figures from both sources line up.

Taken over as they are (StatLine unit in brackets): AantalInwoners, Mannen, Vrouwen,
HuishoudensTotaal (counts); GemiddeldeHuishoudensgrootte; Bevolkingsdichtheid (per km2);
GemiddeldInkomenPerInwoner, GemiddeldInkomenPerInkomensontvanger, GemiddeldeWOZWaardeVanWoningen
(x 1 000 euro); HuishoudensMetEenLaagInkomen, HuishOnderOfRondSociaalMinimum (%);
Woningvoorraad, PersonenautoSTotaal (counts). See DIRECT for the names they get.

Converted: StatLine publishes age groups (k_0Tot15Jaar ... k_65JaarOfOuder) and household types
(Eenpersoonshuishoudens, HuishoudensZonderKinderen, HuishoudensMetKinderen) as counts, the
wijk- en buurtkaart as percentages. We store percentages of AantalInwoners or HuishoudensTotaal,
rounded to 1 decimal as CBS publishes them (see AS_PERCENTAGE). A count whose denominator is
unknown or 0 gives an unknown percentage.
"""

from __future__ import annotations

import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

import numpy as np
import pandas as pd

from dashboard.domain.codes import BUURT, CODE_PATTERNS, GEMEENTE, WIJK
from dashboard.i18n import N_
from dashboard.ingest.cbs.kerncijfers import CBS_MISSING_AT_OR_BELOW
from dashboard.ingest.registratie.problems import register_templates

# The "Kerncijfers wijken en buurten" table of each year.
KERNCIJFERS_TABELLEN: dict[int, str] = {
    2024: "85984NED",
    2023: "85618NED",
    2022: "85318NED",
    2021: "85039NED",
}

BASE_URL = "https://opendata.cbs.nl/ODataApi/odata"
TIMEOUT_S = 30
# A gemeente has a few hundred regions; a runaway nextLink chain is a server fault, not data.
MAX_PAGES = 100

# StatLine key (without its _N suffix) -> our indicator, for values taken over as they are.
DIRECT: dict[str, str] = {
    "AantalInwoners": "aantal_inwoners",
    "Mannen": "mannen",
    "Vrouwen": "vrouwen",
    "HuishoudensTotaal": "aantal_huishoudens",
    "GemiddeldeHuishoudensgrootte": "gemiddelde_huishoudsgrootte",
    "Bevolkingsdichtheid": "bevolkingsdichtheid_inwoners_per_km2",
    "GemiddeldInkomenPerInwoner": "gemiddeld_inkomen_per_inwoner",
    "GemiddeldInkomenPerInkomensontvanger": "gemiddeld_inkomen_per_inkomensontvanger",
    "HuishoudensMetEenLaagInkomen": "percentage_huishoudens_met_laag_inkomen",
    "HuishOnderOfRondSociaalMinimum": "percentage_huishoudens_onder_of_rond_sociaal_minimum",
    "Woningvoorraad": "woningvoorraad",
    "GemiddeldeWOZWaardeVanWoningen": "gemiddelde_woningwaarde",
    "PersonenautoSTotaal": "personenautos_totaal",
}

# StatLine counts that we publish as a percentage: key -> (our indicator, key of the denominator).
AS_PERCENTAGE: dict[str, tuple[str, str]] = {
    "k_0Tot15Jaar": ("percentage_personen_0_tot_15_jaar", "AantalInwoners"),
    "k_15Tot25Jaar": ("percentage_personen_15_tot_25_jaar", "AantalInwoners"),
    "k_25Tot45Jaar": ("percentage_personen_25_tot_45_jaar", "AantalInwoners"),
    "k_45Tot65Jaar": ("percentage_personen_45_tot_65_jaar", "AantalInwoners"),
    "k_65JaarOfOuder": ("percentage_personen_65_jaar_en_ouder", "AantalInwoners"),
    "Eenpersoonshuishoudens": ("percentage_eenpersoonshuishoudens", "HuishoudensTotaal"),
    "HuishoudensZonderKinderen": ("percentage_huishoudens_zonder_kinderen", "HuishoudensTotaal"),
    "HuishoudensMetKinderen": ("percentage_huishoudens_met_kinderen", "HuishoudensTotaal"),
}

# SoortRegio_2 -> the pattern its code must have; other soorten (Land: NL00) are dropped.
SOORT_PATTERNS: dict[str, re.Pattern[str]] = {
    "Gemeente": CODE_PATTERNS[GEMEENTE],
    "Wijk": CODE_PATTERNS[WIJK],
    "Buurt": CODE_PATTERNS[BUURT],
}

# StatLine leaves unknown figures null; older downloads used CBS's negative codes
# (CBS_MISSING_AT_OR_BELOW, as in the wijk- en buurtkaart). Both -> NaN.

_SUFFIX = re.compile(r"_\d+$")

# the errors (Dutch; the UI shows them through registratie.shown_reason). What the network
# library says (a timeout, a refused connection) is its own English and stays as it is.
_NO_TABLE = N_("Geen StatLine-tabel met kerncijfers bekend voor {jaar}; bekende jaren: {known}.")
_BAD_GEMEENTE = N_("Ongeldige gemeentecode '{gemeente}': verwacht GM en 4 cijfers, zoals GM0344.")
_GEMEENTE_ABSENT = N_("Gemeente {gemeente} komt niet voor in StatLine-tabel {table} ({jaar}).")
_UNAVAILABLE = N_("CBS StatLine is niet bereikbaar: {reden}; laad de kerncijfers uit een bestand.")
_ENDLESS_PAGES = N_("de server blijft naar meer pagina's verwijzen ({n} gelezen)")
_HTTP_ERROR = N_("HTTP-fout {code} ({reason})")
_NOT_ODATA = N_("het antwoord is geen OData-JSON met 'value'")
register_templates(
    _NO_TABLE, _BAD_GEMEENTE, _GEMEENTE_ABSENT, _UNAVAILABLE, _ENDLESS_PAGES, _HTTP_ERROR
)


class StatlineUnavailable(RuntimeError):
    """CBS StatLine cannot be reached or gave an unusable answer; load the kerncijfers from a file."""


def table_for(jaar: int) -> str:
    """The StatLine table id of the Kerncijfers wijken en buurten of one year."""
    if jaar not in KERNCIJFERS_TABELLEN:
        known = ", ".join(str(y) for y in sorted(KERNCIJFERS_TABELLEN))
        raise ValueError(_NO_TABLE.format(jaar=jaar, known=known))
    return KERNCIJFERS_TABELLEN[jaar]


def kerncijfers_url(gemeente: str, jaar: int) -> str:
    """The first-page URL: every region whose code contains the gemeente's four digits."""
    # Codering_3 of a wijk is WK034401 and of a buurt BU03440101, so filtering on 'GM0344'
    # would return the gemeente alone; the four digits also match a few regions of other
    # gemeenten, which fetch_kerncijfers drops.
    query = urllib.parse.urlencode(
        {"$filter": f"substringof('{gemeente[2:]}',Codering_3)"},
        quote_via=urllib.parse.quote,
        safe="$'(),",
    )
    return f"{BASE_URL}/{table_for(jaar)}/TypedDataSet?{query}"


def fetch_kerncijfers(
    gemeente: str, jaar: int, *, opener: Callable[[str], bytes] | None = None
) -> pd.DataFrame:
    """Kerncijfers of one gemeente and its wijken and buurten, long: gebiedscode, jaar, indicator, waarde."""
    gemeente = gemeente.strip().upper()
    if not SOORT_PATTERNS["Gemeente"].fullmatch(gemeente):
        raise ValueError(_BAD_GEMEENTE.format(gemeente=gemeente))
    url = kerncijfers_url(gemeente, jaar)
    regions = _regions_of(_fetch_all(url, opener or _urlopen), gemeente)
    if gemeente not in regions.index:
        raise ValueError(
            _GEMEENTE_ABSENT.format(gemeente=gemeente, table=table_for(jaar), jaar=jaar)
        )
    return _long(regions, jaar)


def _urlopen(url: str) -> bytes:
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "wijkdashboard"}
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
        return response.read()


def _unavailable(reden: str) -> StatlineUnavailable:
    return StatlineUnavailable(_UNAVAILABLE.format(reden=reden))


def _fetch_all(url: str, opener: Callable[[str], bytes]) -> list[dict]:
    """All rows of a TypedDataSet query, following odata.nextLink page by page."""
    rows: list[dict] = []
    seen: set[str] = set()
    next_url: str | None = url
    while next_url:
        if next_url in seen or len(seen) >= MAX_PAGES:
            raise _unavailable(_ENDLESS_PAGES.format(n=len(seen)))
        seen.add(next_url)
        try:
            body = opener(next_url)
        except urllib.error.HTTPError as exc:
            raise _unavailable(_HTTP_ERROR.format(code=exc.code, reason=exc.reason)) from exc
        except urllib.error.URLError as exc:
            raise _unavailable(str(exc.reason)) from exc
        except (TimeoutError, OSError, http.client.HTTPException) as exc:
            raise _unavailable(str(exc) or type(exc).__name__) from exc
        try:
            page = json.loads(body)
            values = page["value"]
        except (ValueError, TypeError, KeyError) as exc:
            raise _unavailable(_NOT_ODATA) from exc
        if not isinstance(values, list):
            raise _unavailable(_NOT_ODATA)
        rows.extend(values)
        next_url = page.get("odata.nextLink")
    return rows


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _regions_of(rows: list[dict], gemeente: str) -> pd.DataFrame:
    """One row per region of the gemeente, indexed by gebiedscode; columns are keys without suffix."""
    digits = gemeente[2:]
    records: dict[str, dict[str, object]] = {}
    for row in rows:
        soort = _text(row.get("SoortRegio_2"))
        code = _text(row.get("Codering_3")) or _text(row.get("WijkenEnBuurten"))
        pattern = SOORT_PATTERNS.get(soort)
        if pattern is None or not pattern.fullmatch(code) or code[2:6] != digits:
            continue  # Nederland itself, or a region of another gemeente that matched the filter
        records[code] = {_SUFFIX.sub("", key): value for key, value in row.items()}
    return pd.DataFrame.from_dict(records, orient="index")


def _number(frame: pd.DataFrame, key: str) -> np.ndarray:
    if key not in frame.columns:
        return np.full(len(frame), np.nan)
    values = pd.to_numeric(frame[key], errors="coerce").to_numpy(
        dtype=float, na_value=np.nan, copy=True
    )
    values[values <= CBS_MISSING_AT_OR_BELOW] = np.nan
    return values


def _long(frame: pd.DataFrame, jaar: int) -> pd.DataFrame:
    columns: dict[str, np.ndarray] = {}
    for key, indicator in DIRECT.items():
        if key in frame.columns:
            columns[indicator] = _number(frame, key)
    for key, (indicator, denominator) in AS_PERCENTAGE.items():
        if key in frame.columns:
            count, total = _number(frame, key), _number(frame, denominator)
            with np.errstate(divide="ignore", invalid="ignore"):
                share = np.where(total > 0, np.round(100.0 * count / total, 1), np.nan)
            columns[indicator] = share
    codes = frame.index.to_numpy(dtype=object)
    names = np.array(list(columns), dtype=object)
    values = np.column_stack(list(columns.values())) if columns else np.empty((len(codes), 0))
    long = pd.DataFrame(
        {
            "gebiedscode": np.repeat(codes, len(names)),
            "jaar": np.full(len(codes) * len(names), jaar, dtype="int64"),
            "indicator": np.tile(names, len(codes)),
            "waarde": values.ravel().astype(float),
        }
    )
    long = long.astype({"gebiedscode": "str", "indicator": "str"})
    return long.sort_values(["gebiedscode", "indicator"], ignore_index=True)
