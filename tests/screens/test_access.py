"""dashboard.screens.access: the administrator's role mapping ([toegang]) and who a user is."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from dashboard.domain.roles import BEHEERDER, BELEID, PUBLIEK, ROLES, TEAMLEIDER
from dashboard.screens.access import (
    DEFAULT_GROUP_CLAIM,
    PUBLIC,
    AccessConfigError,
    Grant,
    Viewer,
    chosen_viewer,
    may_import,
    read_config,
    viewer_of,
)

# A [toegang] section as secrets.toml gives it (st.secrets turns tables into mappings).
TOEGANG = {
    "groepsclaim": "roles",
    "gebruikers": {
        "Beheer@Gemeente.nl": {"rol": "beheerder"},
        "anna@welzijn.nl": {"rol": "teamleider", "organisaties": ["ORG1"]},
        "bert@gemeente.nl": {"rol": "beleid"},
    },
    "groepen": {
        "wd-beleid": {"rol": "beleid"},
        "wd-team-noord": {"rol": "teamleider", "organisaties": ["ORG2"]},
        "wd-team-zuid": {"rol": "teamleider", "organisaties": ["ORG3", "ORG2"]},
        "wd-beheer": {"rol": "beheerder"},
    },
}
CONFIG = read_config(TOEGANG)


def user(email: str | None = None, name: str | None = "Iemand", **claims) -> dict[str, object]:
    """The claims of a logged-in user, as st.user gives them."""
    return {"is_logged_in": True, "email": email, "name": name, **claims}


# --- read_config -------------------------------------------------------------------------


def test_no_section_is_an_empty_mapping_with_the_default_claim():
    for section in (None, {}):
        config = read_config(section)
        assert config.users == {} and config.groups == {}
        assert config.group_claim == DEFAULT_GROUP_CLAIM == "groups"


def test_users_are_keyed_by_their_email_in_lower_case():
    assert set(CONFIG.users) == {"beheer@gemeente.nl", "anna@welzijn.nl", "bert@gemeente.nl"}
    assert CONFIG.users["beheer@gemeente.nl"] == Grant(BEHEERDER, frozenset())
    assert CONFIG.users["anna@welzijn.nl"] == Grant(TEAMLEIDER, frozenset({"ORG1"}))


def test_spaces_around_an_email_do_not_count():
    config = read_config({"gebruikers": {" Bert@Gemeente.nl ": {"rol": "beleid"}}})
    assert set(config.users) == {"bert@gemeente.nl"}


def test_groups_and_the_configured_claim():
    assert CONFIG.group_claim == "roles"
    assert CONFIG.groups["wd-team-zuid"] == Grant(TEAMLEIDER, frozenset({"ORG2", "ORG3"}))
    assert CONFIG.groups["wd-beleid"] == Grant(BELEID, frozenset())


def test_organisation_codes_are_read_as_text():
    config = read_config({"gebruikers": {"a@b.nl": {"rol": "teamleider", "organisaties": [7]}}})
    assert config.users["a@b.nl"].organisaties == frozenset({"7"})


@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_be_configured(role):
    entry = {"rol": role, "organisaties": ["ORG1"]} if role == TEAMLEIDER else {"rol": role}
    assert read_config({"groepen": {"g": entry}}).groups["g"].role == role


@pytest.mark.parametrize(
    ("section", "words"),
    [
        ({"gebruikers": {"a@b.nl": {"rol": "admin"}}}, ["a@b.nl", "onbekende rol", "'admin'"]),
        ({"gebruikers": {"a@b.nl": {"rol": "Beleid"}}}, ["onbekende rol", "kies uit"]),
        ({"groepen": {"g": {}}}, ['[toegang.groepen."g"]', "onbekende rol None"]),
        ({"groepen": {"g": {"rol": "teamleider"}}}, ["teamleider", "minstens één organisatie"]),
        (
            {"groepen": {"g": {"rol": "teamleider", "organisaties": []}}},
            ["minstens één organisatie"],
        ),
        (
            {"gebruikers": {"a@b.nl": {"rol": "teamleider", "organisaties": "ORG1"}}},
            ["organisaties moet een lijst zijn"],
        ),
        (
            {"gebruikers": {"a@b.nl": {"rol": "teamleider", "organisaties": 5}}},
            ["organisaties moet een lijst zijn"],
        ),
        ({"gebruikers": {"a@b.nl": "beheerder"}}, ['verwacht rol = "..."']),
        ({"gebruikers": ["a@b.nl"]}, ["gebruikers en groepen zijn tabellen", "README"]),
        ({"groepen": "wd-beheer"}, ["gebruikers en groepen zijn tabellen"]),
    ],
)
def test_a_wrong_entry_is_a_dutch_error_naming_where(section, words):
    with pytest.raises(AccessConfigError) as caught:
        read_config(section)
    message = str(caught.value)
    for word in words:
        assert word in message, message


# --- viewer_of ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "claims",
    [
        {},
        {"is_logged_in": False},
        # claims of a configured beheerder do not count without a login
        {"is_logged_in": False, "email": "beheer@gemeente.nl", "roles": ["wd-beheer"]},
    ],
)
def test_not_logged_in_is_publiek(claims):
    assert viewer_of(claims, CONFIG) == PUBLIC
    assert not PUBLIC.logged_in and PUBLIC.role == PUBLIEK


def test_a_user_not_in_the_mapping_is_publiek():
    who = viewer_of(user("onbekend@elders.nl", "Onbekend", roles=["andere-groep"]), CONFIG)
    assert who.role == PUBLIEK
    assert who.logged_in and who.organisaties == frozenset()
    assert who.name == "Onbekend" and who.email == "onbekend@elders.nl"


def test_a_user_without_email_or_groups_is_publiek():
    assert viewer_of(user(None), CONFIG).role == PUBLIEK
    assert viewer_of(user(None), read_config(None)).role == PUBLIEK


def test_email_match_ignores_case():
    who = viewer_of(user("BEHEER@gemeente.NL", "Bea Heer"), CONFIG)
    assert who == Viewer(
        BEHEERDER, frozenset(), "Bea Heer", "beheer@gemeente.nl", logged_in=True, chosen=False
    )


def test_an_email_the_provider_has_not_verified_grants_nothing():
    claims = {**user("beheer@gemeente.nl", "Bea Heer"), "email_verified": False}
    assert viewer_of(claims, CONFIG).role == PUBLIEK
    # verified, or a provider that does not say: the mapping counts
    assert viewer_of({**claims, "email_verified": True}, CONFIG).role == BEHEERDER
    # groups still count for an unverified address (they come from the provider, not the user)
    claims_with_group = {**user("x@y.nl", roles=["wd-beheer"]), "email_verified": False}
    assert viewer_of(claims_with_group, CONFIG).role == BEHEERDER


def test_group_match_through_the_configured_claim():
    assert viewer_of(user("x@y.nl", roles=["wd-beleid"]), CONFIG).role == BELEID
    # a single value instead of a list
    assert viewer_of(user("x@y.nl", roles="wd-beheer"), CONFIG).role == BEHEERDER
    # the same group under another claim than the configured one does not count
    assert viewer_of(user("x@y.nl", groups=["wd-beheer"]), CONFIG).role == PUBLIEK


def test_default_group_claim_is_groups():
    config = read_config({"groepen": {"wd-beleid": {"rol": "beleid"}}})
    assert viewer_of(user("x@y.nl", groups=["wd-beleid"]), config).role == BELEID
    assert viewer_of(user("x@y.nl", roles=["wd-beleid"]), config).role == PUBLIEK


def test_the_highest_role_wins():
    # e-mail says beleid, a group says beheerder
    assert viewer_of(user("bert@gemeente.nl", roles=["wd-beheer"]), CONFIG).role == BEHEERDER
    # e-mail says beheerder, a group says beleid
    assert viewer_of(user("beheer@gemeente.nl", roles=["wd-beleid"]), CONFIG).role == BEHEERDER
    # two groups
    who = viewer_of(user("x@y.nl", roles=["wd-beleid", "wd-team-noord"]), CONFIG)
    assert (who.role, who.organisaties) == (TEAMLEIDER, frozenset({"ORG2"}))


def test_a_team_leads_organisations_add_up_over_matching_entries():
    who = viewer_of(user("anna@welzijn.nl", roles=["wd-team-noord", "wd-team-zuid"]), CONFIG)
    assert who.role == TEAMLEIDER
    assert who.organisaties == frozenset({"ORG1", "ORG2", "ORG3"})


def test_only_matching_entries_give_organisations():
    who = viewer_of(user("anna@welzijn.nl", roles=["wd-beleid", "niet-bestaand"]), CONFIG)
    assert (who.role, who.organisaties) == (TEAMLEIDER, frozenset({"ORG1"}))


def test_a_beheerder_entry_beats_teamleider_and_brings_no_names():
    who = viewer_of(user("anna@welzijn.nl", roles=["wd-beheer", "wd-team-zuid"]), CONFIG)
    assert who.role == BEHEERDER
    assert who.organisaties == frozenset()
    assert not who.sees_names
    assert not who.sees_names_of("ORG1")


def test_organisations_of_another_role_give_no_names():
    config = read_config({"groepen": {"g": {"rol": "beleid", "organisaties": ["ORG1"]}}})
    who = viewer_of(user("x@y.nl", groups=["g"]), config)
    assert (who.role, who.organisaties) == (BELEID, frozenset())
    assert not who.sees_names_of("ORG1")


def test_the_label_is_name_then_email():
    assert viewer_of(user("a@b.nl", "Anna"), CONFIG).label == "Anna"
    assert viewer_of(user("a@b.nl", None), CONFIG).label == "a@b.nl"
    assert PUBLIC.label == "niet aangemeld"


# --- what a viewer may see ---------------------------------------------------------------


def test_sees_names_of_only_the_team_leads_own_organisations():
    lead = viewer_of(user("x@y.nl", roles=["wd-team-zuid"]), CONFIG)
    assert lead.sees_names
    assert lead.sees_names_of("ORG2") and lead.sees_names_of("ORG3")
    assert not lead.sees_names_of("ORG1")
    assert not lead.sees_names_of(None)


@pytest.mark.parametrize("role", [PUBLIEK, BELEID, BEHEERDER])
def test_no_other_role_sees_names(role):
    who = Viewer(role, frozenset({"ORG1"}), logged_in=True)
    assert not who.sees_names
    assert not who.sees_names_of("ORG1")


def test_a_team_lead_without_organisations_sees_no_names():
    assert not Viewer(TEAMLEIDER).sees_names
    assert not Viewer(TEAMLEIDER).sees_names_of("ORG1")


def test_viewer_may_open_follows_the_rights_table():
    assert not PUBLIC.may_open("app.py")
    assert Viewer(BELEID).may_open("pages/continuiteit.py")
    assert not Viewer(TEAMLEIDER).may_open("pages/gegevens.py")
    assert Viewer(BEHEERDER).may_open("pages/gegevens.py")


@pytest.mark.parametrize("role", ROLES)
def test_only_a_beheerder_imports(role):
    assert may_import(Viewer(role)) is (role == BEHEERDER)


def test_a_beheerder_chosen_with_bekijk_als_does_not_import():
    # "Bekijk als" shows what a beheerder sees; an import needs a real one
    assert may_import(chosen_viewer(BEHEERDER, [])) is False
    assert may_import(Viewer(BEHEERDER, logged_in=True)) is True


@pytest.mark.parametrize("flag", [False, "false", "False", "0", "no"])
def test_an_email_marked_unverified_in_any_spelling_grants_nothing(flag):
    claims = {**user("beheer@gemeente.nl", "Bea Heer"), "email_verified": flag}
    assert viewer_of(claims, CONFIG).role == PUBLIEK


# --- "Bekijk als" ------------------------------------------------------------------------


def test_chosen_viewer_is_marked_as_chosen_and_not_logged_in():
    who = chosen_viewer(BELEID, [])
    assert (who.role, who.chosen, who.logged_in) == (BELEID, True, False)


def test_a_chosen_team_lead_sees_the_names_of_the_chosen_organisation():
    who = chosen_viewer(TEAMLEIDER, ["ORG1"])
    assert who.sees_names_of("ORG1") and not who.sees_names_of("ORG2")


def test_organisations_count_only_for_a_chosen_team_lead():
    assert chosen_viewer(BEHEERDER, ["ORG1"]).organisaties == frozenset()
    assert chosen_viewer(BELEID, ["ORG1"]).organisaties == frozenset()


def test_an_unknown_chosen_role_is_publiek():
    assert chosen_viewer("superuser", ["ORG1"]) == PUBLIC


# --- the documented examples ---------------------------------------------------------------

PROJECT = Path(__file__).resolve().parents[2]


def _readme_toml() -> dict:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, flags=re.S)
    assert len(blocks) == 1
    return tomllib.loads(blocks[0])


@pytest.mark.parametrize(
    "secrets",
    [
        pytest.param(lambda: _readme_toml(), id="README"),
        pytest.param(
            lambda: tomllib.loads(
                (PROJECT / ".streamlit" / "secrets.example.toml").read_text(encoding="utf-8")
            ),
            id="secrets.example.toml",
        ),
    ],
)
def test_the_documented_examples_are_valid(secrets):
    found = secrets()
    assert set(found["auth"]) == {
        "redirect_uri",
        "cookie_secret",
        "client_id",
        "client_secret",
        "server_metadata_url",
    }
    assert found["auth"]["redirect_uri"].endswith("/oauth2callback")
    config = read_config(found["toegang"])
    assert config.group_claim == "roles"
    who = viewer_of(user("F.Bakker@welzijn.nl", roles=["wijkdashboard-beleid"]), config)
    assert (who.role, who.organisaties) == (TEAMLEIDER, frozenset({"ORG0001"}))
    lead = viewer_of(user("x@y.nl", roles=["wijkdashboard-teamleiders-noord"]), config)
    assert lead.organisaties == frozenset({"ORG0001", "ORG0002"})
    assert viewer_of(user("a.jansen@gemeente.nl"), config).role == BEHEERDER


def test_the_example_cookie_secret_is_refused_until_replaced():
    from dashboard.ui.auth import MIN_COOKIE_SECRET

    example = tomllib.loads(
        (PROJECT / ".streamlit" / "secrets.example.toml").read_text(encoding="utf-8")
    )
    assert len(example["auth"]["cookie_secret"]) < MIN_COOKIE_SECRET


@pytest.mark.parametrize(
    ("role", "sees"),
    [("publiek", False), ("beleid", False), ("teamleider", False), ("beheerder", True)],
)
def test_only_the_beheerder_sees_concept_verhalen(role, sees):
    from dashboard.screens.access import Viewer

    assert Viewer(role, frozenset({"ORG1"})).sees_concept_verhalen is sees
