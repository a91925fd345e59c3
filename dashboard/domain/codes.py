"""The domain's code lists, each defined once (docs/DESIGN.md §3 and §4).

Codes are what the database stores and SQL returns; Dutch labels for them live in
`dashboard.display.labels`. The lists that the schema also checks (rollen, soorten,
leeftijdsgroepen) are compared with the check constraints of the migrations by a test.
"""

from __future__ import annotations

import re
from typing import Final

# --- professionals and organisations -----------------------------------------------------

# The rollen of docs/DESIGN.md §3, in this order everywhere (charts, filters, templates).
ROLLEN: Final[tuple[str, ...]] = (
    "opbouwwerker",
    "maatschappelijk_werker",
    "jongerenwerker",
    "wijkagent",
    "buurtteam",
    "other",
)
OPBOUWWERKER: Final = "opbouwwerker"
# both a rol (a professional of the team in the wijk) and a soort of organisatie (the team)
BUURTTEAM: Final = "buurtteam"
# docs/DESIGN.md §2: fte = uren_per_week / 36 (stg_inzet.sql divides by the same number)
HOURS_PER_FTE: Final = 36

SOORTEN: Final[tuple[str, ...]] = (
    "welzijn",
    "woningcorporatie",
    "buurtteam",
    "gemeente",
    "politie",
    "zorg",
    "onderwijs",
    "cultuur",
    "bewonersgroep",
    "overig",
)

# --- participants --------------------------------------------------------------------------

LEEFTIJDSGROEPEN: Final[tuple[str, ...]] = (
    "0-11",
    "12-17",
    "18-26",
    "27-44",
    "45-64",
    "65-79",
    "80+",
)

# Where a deelname counts: where the activity takes place, or where the participant lives.
ATTRIBUTIES: Final[tuple[str, ...]] = ("waar", "wie")

# --- areas ---------------------------------------------------------------------------------

GEMEENTE: Final = "gemeente"
WIJK: Final = "wijk"
BUURT: Final = "buurt"
# a gemeente's own indeling (stadsdelen, gebieden), offered only where one was loaded
OWN_LEVEL: Final = "eigen"

CBS_LEVELS: Final[tuple[str, ...]] = (GEMEENTE, WIJK, BUURT)  # coarse to fine
LEVELS: Final[tuple[str, ...]] = (*CBS_LEVELS, OWN_LEVEL)
# the levels a user picks within one gemeente
AREA_LEVELS: Final[tuple[str, ...]] = (WIJK, BUURT)
# inzet is registered per wijk, so continuity and coverage go no finer than that
INZET_LEVELS: Final[tuple[str, ...]] = (GEMEENTE, WIJK)

# "Heel Nederland": every area of the country at once (queries run with gemeente=None).
NATIONAL: Final = "NL"
NATIONAL_NAME: Final = "Heel Nederland"
NATIONAL_LEVELS: Final[tuple[str, ...]] = CBS_LEVELS
# The query level of the whole country as one area (gebiedscode NATIONAL): the continuity
# marts pool every spell there, as level gemeente pools the spells of a gemeente's wijken.
COUNTRY: Final = "land"
CONTINUITY_LEVELS: Final[tuple[str, ...]] = (*INZET_LEVELS, COUNTRY)

# CBS pseudo-gemeenten: codes in CBS files that are no area of the Netherlands and have no
# inwoners (GM0998 "Buitenland" in the wijken- en buurtenkaart). The CBS import leaves them
# out with a note, so no total of the country or of a gemeente ever counts them.
PSEUDO_GEMEENTEN: Final[dict[str, str]] = {"GM0998": "Buitenland"}

# CBS area codes: GM + 4 digits; WK + the gemeente's 4 digits + 2 digits or capitals; BU +
# the wijk's 6 characters + 2 digits or capitals. Amsterdam's codes carry capitals (WK0363AA,
# BU0363AA01); CBS writes no lower case, so readers upper-case what a user typed first. ASCII
# only, as the database's check constraints (\d would also take other scripts' digits).
# Migration 0009 states the same patterns in the check constraints (a test compares them).
CODE_PATTERNS: Final[dict[str, re.Pattern[str]]] = {
    GEMEENTE: re.compile(r"GM[0-9]{4}"),
    WIJK: re.compile(r"WK[0-9]{4}[0-9A-Z]{2}"),
    BUURT: re.compile(r"BU[0-9]{4}[0-9A-Z]{4}"),
    # an area of an eigen indeling: EG + the gemeente's 4 digits + 3 digits (migration 0003)
    OWN_LEVEL: re.compile(r"EG[0-9]{7}"),
}


def level_of(code: str | None) -> str | None:
    """The area level a code is of: wijk, buurt or eigen (None: no area code of those)."""
    if code is None:
        return None
    for level in (WIJK, BUURT, OWN_LEVEL):
        if CODE_PATTERNS[level].fullmatch(code):
            return level
    return None


# --- continuity signals for team leads (the continuiteit_signalen model) --------------------

VERTREK: Final = "vertrek_zonder_opvolger"  # leaves within 90 days, nobody continues
ONBEZET: Final = "rol_onbezet"  # nobody in the rol on the peildatum, somebody the year before
SIGNALEN: Final[tuple[str, ...]] = (VERTREK, ONBEZET)


# --- coverage against need ------------------------------------------------------------------

# The kwadrant of a wijk: need and coverage, each strictly above its gemeente's median or not.
HIGH_NEED_LOW_COVERAGE: Final = "hoge_behoefte_lage_dekking"
KWADRANTEN: Final[tuple[str, ...]] = (
    HIGH_NEED_LOW_COVERAGE,
    "hoge_behoefte_hoge_dekking",
    "lage_behoefte_lage_dekking",
    "lage_behoefte_hoge_dekking",
)


def kwadrant(high_need: bool, high_coverage: bool) -> str:
    """The kwadrant code of a wijk (the same rule as the dekking model's)."""
    need = "hoge_behoefte" if high_need else "lage_behoefte"
    coverage = "hoge_dekking" if high_coverage else "lage_dekking"
    return f"{need}_{coverage}"


# --- coordinates ----------------------------------------------------------------------------

RD_NEW: Final = 28992  # Amersfoort / RD New, metres: CBS files and area sums
WGS84: Final = 4326  # longitude/latitude: what is stored and drawn


# --- what the wijk has: plekken, routes and verhalen (migration 0011) -----------------------

# The types of a plek (an asset with a point), in this order in legends, filters and templates.
# Places first, then initiatives and partners (which have an address too). Migration 0011
# states the same list in its check constraint (a test compares them).
PLEK_TYPES: Final[tuple[str, ...]] = (
    "buurthuis",
    "park",
    "speelplek",
    "moestuin",
    "school",
    "gebedshuis",
    "winkelcentrum",
    "sportveld",
    "bibliotheek",
    "zorgpunt",
    "complex_corporatie",
    "initiatief",
    "partner",
    "overig",
)
# Which kind of asset a type is: a place, an initiative or a partner.
PLEK_SOORT: Final[dict[str, str]] = {
    t: t if t in ("initiatief", "partner") else "plek" for t in PLEK_TYPES
}

# Who owns or runs a plek (its beheer).
BEHEER: Final[tuple[str, ...]] = ("bewoners", "organisatie", "gemeente", "corporatie")

# What a route is, and who made it.
ROUTE_SOORTEN: Final[tuple[str, ...]] = ("wijksafari", "wandelroute", "terrastour", "overig")
ROUTE_MAKERS: Final[tuple[str, ...]] = (
    "bewoners",
    "bewoners_met_opbouwwerk",
    "opbouwwerk",
    "organisatie",
)
# A route is a line: at least two stops.
ROUTE_MIN_STOPS: Final = 2

# Where a verhaal (a story or signal) comes from, and whether it may be shown publicly.
VERHAAL_BRONNEN: Final[tuple[str, ...]] = ("bewoner", "professional", "bijeenkomst")
VERHAAL_STATUSSEN: Final[tuple[str, ...]] = ("concept", "gepubliceerd")
GEPUBLICEERD: Final = "gepubliceerd"
# A verhaal is short: a few sentences beside the figures, not a report.
VERHAAL_MAX_TEKENS: Final = 600
