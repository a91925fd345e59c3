"""The columns of a CBS file: spellings mapped to canonical names, the level a layer holds, and
which columns are indicators.

Canonical names are the PDOK snake_case names (buurtcode, aantal_inwoners, ...); the old
upper-case CBS schema and the reduced wijken schema are mapped onto them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from dashboard.domain.codes import BUURT, CBS_LEVELS, GEMEENTE, WIJK
from dashboard.i18n import N_

# The levels' nouns, marked for translation: messages hold them as values of their templates.
NOUN = {GEMEENTE: N_("gemeente"), WIJK: N_("wijk"), BUURT: N_("buurt")}
PLURAL = {GEMEENTE: N_("gemeenten"), WIJK: N_("wijken"), BUURT: N_("buurten")}
CODE_COLUMN = {GEMEENTE: "gemeentecode", WIJK: "wijkcode", BUURT: "buurtcode"}
NAME_COLUMN = {GEMEENTE: "gemeentenaam", WIJK: "wijknaam", BUURT: "buurtnaam"}

# Identity columns under other spellings (matched after lower-casing): old CBS upper-case names
# (BU_CODE, GM_NAAM, H2O, ...) and a few common export variants.
COLUMN_ALIASES: dict[str, str] = {
    "bu_code": "buurtcode",
    "buurt_code": "buurtcode",
    "bu_naam": "buurtnaam",
    "buurt_naam": "buurtnaam",
    "wk_code": "wijkcode",
    "wijk_code": "wijkcode",
    "wk_naam": "wijknaam",
    "wijk_naam": "wijknaam",
    "gm_code": "gemeentecode",
    "gemeente_code": "gemeentecode",
    "gm_naam": "gemeentenaam",
    "gemeente_naam": "gemeentenaam",
    "h2o": "water",
    "postcode": "meest_voorkomende_postcode",
    "ind_wbi": "indelingswijziging_wijken_en_buurten",
}

# Indicator columns under other names, mapped to the PDOK snake_case names.
INDICATOR_ALIASES: dict[str, str] = {
    # the reduced wijken schema; its age groups are percentages, as in PDOK
    "huishoudens": "aantal_huishoudens",
    "gem_huishouden_grootte": "gemiddelde_huishoudsgrootte",
    "bevolkingsdichtheid": "bevolkingsdichtheid_inwoners_per_km2",
    "personenautos": "personenautos_totaal",
    "0_15": "percentage_personen_0_tot_15_jaar",
    "15_25": "percentage_personen_15_tot_25_jaar",
    "25_45": "percentage_personen_25_tot_45_jaar",
    "45_65": "percentage_personen_45_tot_65_jaar",
    "65plus": "percentage_personen_65_jaar_en_ouder",
    # the old upper-case CBS schema (wijk- en buurtkaart before the PDOK snake_case names)
    "aant_inw": "aantal_inwoners",
    "aant_man": "mannen",
    "aant_vrouw": "vrouwen",
    "p_00_14_jr": "percentage_personen_0_tot_15_jaar",
    "p_15_24_jr": "percentage_personen_15_tot_25_jaar",
    "p_25_44_jr": "percentage_personen_25_tot_45_jaar",
    "p_45_64_jr": "percentage_personen_45_tot_65_jaar",
    "p_65_eo_jr": "percentage_personen_65_jaar_en_ouder",
    "aantal_hh": "aantal_huishoudens",
    "p_eenp_hh": "percentage_eenpersoonshuishoudens",
    "p_hh_z_k": "percentage_huishoudens_zonder_kinderen",
    "p_hh_m_k": "percentage_huishoudens_met_kinderen",
    "gem_hh_gr": "gemiddelde_huishoudsgrootte",
    "bev_dichth": "bevolkingsdichtheid_inwoners_per_km2",
    "p_link_hh": "percentage_huishoudens_met_laag_inkomen",
    "woz": "gemiddelde_woningwaarde",
    "auto_tot": "personenautos_totaal",
    "dek_perc": "dekkingspercentage",
    "oad": "omgevingsadressendichtheid",
    "sted": "stedelijkheid_adressen_per_km2",
    "opp_tot": "oppervlakte_totaal_in_ha",
    "opp_land": "oppervlakte_land_in_ha",
    "opp_water": "oppervlakte_water_in_ha",
}

# Columns that identify or describe an area: never an indicator, even when numeric.
_IDENTITY_COLUMNS = frozenset(
    {
        *CODE_COLUMN.values(),
        *NAME_COLUMN.values(),
        "naam",
        "water",
        "jrstatcode",
        "jaar",
        "meest_voorkomende_postcode",
        "statcode",
        "statnaam",
        "gwb_code",
        "gwb_code8",
        "gwb_code10",
        "id",
        "fid",
        "objectid",
        "ogc_fid",
        "shape_leng",
        "shape_length",
        "shape_area",
    }
)
_IDENTITY_PREFIXES = ("indelingswijziging",)


def canonical_column(name: str) -> str:
    """A column's canonical name: lower-cased, then through the identity and indicator aliases."""
    lowered = name.strip().lower()
    lowered = COLUMN_ALIASES.get(lowered, lowered)
    return INDICATOR_ALIASES.get(lowered, lowered)


def canonical_columns(columns: Sequence[str]) -> dict[str, str]:
    """Map each original column to its canonical name; later duplicates keep their own name."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        canonical = canonical_column(column)
        if canonical in taken:
            canonical = column  # e.g. both `huishoudens` and `aantal_huishoudens`: the first wins
        mapping[column] = canonical
        taken.add(canonical)
    return mapping


def level_of(columns: Sequence[str]) -> str | None:
    """The finest level whose code column is present."""
    canonical = {canonical_column(c) for c in columns}
    for level in reversed(CBS_LEVELS):
        if CODE_COLUMN[level] in canonical:
            return level
    return None


def is_indicator(column: str) -> bool:
    """True for a column that may hold a kerncijfer (not a code, name or technical column)."""
    return (
        column not in _IDENTITY_COLUMNS
        and not column.startswith(_IDENTITY_PREFIXES)
        and not column.startswith("_")
        and column != "geometry"
    )


def indicator_name(column: str) -> str:
    """The indicator a column is stored as: lower-case letters, digits and underscores."""
    return re.sub(r"[^a-z0-9_]+", "_", column.lower()).strip("_")


def clean_text(series: pd.Series) -> pd.Series:
    """A column as stripped text; empty cells become missing."""
    text = series.astype("str").str.strip()
    return text.where(text.notna() & (text != ""))
