"""dashboard.domain.roles: the four roles of DESIGN §7 and the rights table, screen by screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.domain import roles
from dashboard.domain.roles import BEHEERDER, BELEID, PUBLIEK, RIGHTS, ROLES, TEAMLEIDER

PROJECT = Path(__file__).resolve().parents[2]

OVERZICHT = "app.py"
BEREIK = "pages/bereik.py"
CONTINUITEIT = "pages/continuiteit.py"
DEKKING = "pages/dekking.py"
GEGEVENS = "pages/gegevens.py"
WIJKPROFIEL = "pages/wijkprofiel.py"
OPBRENGST = "pages/opbrengst.py"
SCREENS = (OVERZICHT, BEREIK, CONTINUITEIT, DEKKING, GEGEVENS, WIJKPROFIEL, OPBRENGST)

# The rights table as the README states it: role -> the screens it may open. Publiek opens
# the Wijkprofiel (and its presentation mode) only: the public story of one area.
TABLE: dict[str, set[str]] = {
    PUBLIEK: {WIJKPROFIEL},
    BELEID: {OVERZICHT, BEREIK, CONTINUITEIT, DEKKING, WIJKPROFIEL, OPBRENGST},
    TEAMLEIDER: {OVERZICHT, BEREIK, CONTINUITEIT, DEKKING, WIJKPROFIEL, OPBRENGST},
    BEHEERDER: {OVERZICHT, BEREIK, CONTINUITEIT, DEKKING, GEGEVENS, WIJKPROFIEL, OPBRENGST},
}


def test_roles_go_from_least_to_most_rights():
    assert ROLES == (PUBLIEK, BELEID, TEAMLEIDER, BEHEERDER)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("screen", SCREENS)
def test_may_open_follows_the_table(role, screen):
    assert roles.may_open(role, screen) is (screen in TABLE[role])


def test_rights_lists_exactly_the_current_screens():
    assert set(RIGHTS) == set(SCREENS)


def test_every_screen_script_is_in_the_rights_table():
    """A new page must get a row in RIGHTS; unlisted it is open to no one (see the next test)."""
    scripts = {"app.py"} | {f"pages/{p.name}" for p in (PROJECT / "pages").glob("*.py")}
    assert scripts <= set(RIGHTS), sorted(scripts - set(RIGHTS))


@pytest.mark.parametrize("role", ROLES)
def test_a_screen_not_in_the_table_is_open_to_no_one(role):
    assert not roles.may_open(role, "pages/nieuw.py")
    assert not roles.may_open(role, "")


def test_an_unknown_role_opens_nothing():
    for screen in SCREENS:
        assert not roles.may_open("superbeheerder", screen)
        assert not roles.may_open("", screen)
        assert not roles.may_open("Beheerder", screen)  # roles are exact, lower case


def test_highest_picks_the_role_with_the_most_rights():
    assert roles.highest([BELEID, BEHEERDER, TEAMLEIDER]) == BEHEERDER
    assert roles.highest({TEAMLEIDER, BELEID}) == TEAMLEIDER
    assert roles.highest(frozenset({PUBLIEK, BELEID})) == BELEID
    assert roles.highest([PUBLIEK]) == PUBLIEK


def test_highest_of_nothing_or_unknown_roles_is_publiek():
    assert roles.highest([]) == PUBLIEK
    assert roles.highest(["admin", "root"]) == PUBLIEK
    assert roles.highest(["admin", BELEID]) == BELEID
