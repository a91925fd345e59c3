"""The roles of docs/DESIGN.md §7 and what each may open: the rights table, defined once."""

from __future__ import annotations

from typing import Final

PUBLIEK: Final = "publiek"
BELEID: Final = "beleid"
TEAMLEIDER: Final = "teamleider"
BEHEERDER: Final = "beheerder"

# from least to most rights (a user in several groups gets the highest of them)
ROLES: Final[tuple[str, ...]] = (PUBLIEK, BELEID, TEAMLEIDER, BEHEERDER)

ANALYSIS: Final = frozenset({BELEID, TEAMLEIDER, BEHEERDER})

# Which role may open which screen (by its script). A screen that is not listed is
# open to no one: a new screen must be added here before anybody can see it.
RIGHTS: Final[dict[str, frozenset[str]]] = {
    "app.py": ANALYSIS,
    "pages/bereik.py": ANALYSIS,
    "pages/continuiteit.py": ANALYSIS,
    "pages/dekking.py": ANALYSIS,
    "pages/opbrengst.py": ANALYSIS,
    "pages/gegevens.py": frozenset({BEHEERDER}),
    # the public screen: everyone, publiek included (it shows public figures only)
    "pages/wijkprofiel.py": frozenset(ROLES),
}


def may_open(role: str, screen: str) -> bool:
    """Whether a role may open a screen (its script path, as in RIGHTS)."""
    return role in RIGHTS.get(screen, frozenset())


def highest(roles: set[str] | frozenset[str] | list[str]) -> str:
    """The role with the most rights among `roles` (publiek when there is none)."""
    known = [r for r in roles if r in ROLES]
    return max(known, key=ROLES.index) if known else PUBLIEK
