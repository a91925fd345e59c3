"""Login and roles in AppTest (DESIGN §7): each role opens or is refused each screen as the
rights table says, on the server and not only by hiding links; the login screen; broken
configuration; no way to raise a role through the URL or the session; "Bekijk als" on the
demo; real data refused without login; and no professional's name for publiek or beleid."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import duckdb
import pandas as pd
import pytest
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from dashboard.config import DB_ENV_VAR
from dashboard.domain.roles import BEHEERDER, BELEID, PUBLIEK, ROLES, TEAMLEIDER
from dashboard.screens.access import Viewer
from dashboard.warehouse import store
from tests.helpers import APP, open_tables

pytestmark = pytest.mark.slow  # every test runs the app in AppTest

SCREENS = {
    "app.py": "Overzicht",
    "pages/bereik.py": "Bereik",
    "pages/continuiteit.py": "Continuïteit",
    "pages/dekking.py": "Dekking",
    "pages/wijkprofiel.py": "Wijkprofiel",
    "pages/opbrengst.py": "Opbrengst",
    "pages/gegevens.py": "Gegevens",
}
ANALYSIS = ["app.py", "pages/bereik.py", "pages/continuiteit.py", "pages/dekking.py"]
# the public screen, open to every role (publiek included)
PUBLIC_SCREENS = ["pages/wijkprofiel.py"]
# The rights table of the README, written out: which screens each role opens.
OPENS = {
    PUBLIEK: PUBLIC_SCREENS,
    BELEID: [*ANALYSIS, *PUBLIC_SCREENS, "pages/opbrengst.py"],
    TEAMLEIDER: [*ANALYSIS, *PUBLIC_SCREENS, "pages/opbrengst.py"],
    BEHEERDER: [*ANALYSIS, *PUBLIC_SCREENS, "pages/opbrengst.py", "pages/gegevens.py"],
}
LABELS = {PUBLIEK: "Publiek", BELEID: "Beleid", TEAMLEIDER: "Teamleider", BEHEERDER: "Beheerder"}

# A provider that is never reached: AppTest logs users in through `at.user`.
AUTH = {
    "cookie_secret": "x" * 40,
    "client_id": "wijkdashboard",
    "client_secret": "geheim",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    "redirect_uri": "http://localhost:8501/oauth2callback",
}
TEAM_ORG = "ORG999902"  # Lindenwaard Samen: the demo organisation with current opbouwwerk
TOEGANG = {
    "groepsclaim": "roles",
    "gebruikers": {
        "Beleid@Lindenwaard.nl": {"rol": "beleid"},
        "lead@welzijn.nl": {"rol": "teamleider", "organisaties": [TEAM_ORG]},
    },
    "groepen": {"wd-beheer": {"rol": "beheerder"}},
}
# One logged-in user per role: by e-mail (in another case than configured), by group, or
# not in the mapping at all (publiek).
USERS: dict[str, dict[str, object]] = {
    PUBLIEK: {"is_logged_in": True, "name": "Piet Publiek", "email": "piet@elders.nl"},
    BELEID: {"is_logged_in": True, "name": "Bea Beleid", "email": "beleid@lindenwaard.nl"},
    TEAMLEIDER: {"is_logged_in": True, "name": "Lea Lead", "email": "LEAD@welzijn.nl"},
    BEHEERDER: {
        "is_logged_in": True,
        "name": "Henk Beheer",
        "email": "henk@lindenwaard.nl",
        "roles": ["wd-beheer", "iets-anders"],
    },
}
LOGGED_OUT = {"is_logged_in": False}

# What shows data: none of it may appear on a refused screen or the login screen.
DATA_ELEMENTS = ("dataframe", "table", "metric", "plotly_chart", "json", "arrow_vega_lite_chart")


@pytest.fixture()
def db(monkeypatch, demo_db_path) -> str:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)
    return demo_db_path


@pytest.fixture()
def real_db(monkeypatch, tmp_path, demo_db_path) -> str:
    """The demo database with its gemeente marked as real (not fictitious)."""
    path = tmp_path / "echt.duckdb"
    shutil.copyfile(store.resolve(demo_db_path), path)
    with duckdb.connect(str(path)) as con:
        con.execute("update gemeente set is_fictief = false")
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    return str(path)


def app(
    page: str = "app.py",
    user: dict[str, object] | None = None,
    *,
    auth: dict[str, object] | None = AUTH,
    toegang: object = TOEGANG,
    params: dict[str, str] | None = None,
    state: dict[str, object] | None = None,
) -> AppTest:
    """Open `page` directly (its first run), with login configured unless `auth` is None."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    if auth is not None:
        at.secrets["auth"] = dict(auth)
        at.secrets["toegang"] = toegang
    else:
        # a secret that is not [auth]: the test never reads a developer's own secrets.toml
        at.secrets["test"] = "zonder inlog"
    at.user = dict(user) if user is not None else dict(LOGGED_OUT)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    if page != "app.py":
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def leaves(node) -> Iterator:
    """Every element under a block (containers, columns, tabs and expanders opened up)."""
    children = getattr(node, "children", None)
    if children is None:
        yield node
        return
    for child in children.values():
        yield from leaves(child)


def main_types(at: AppTest) -> list[str]:
    # st.html here holds only styles and the accessibility script (dashboard.ui.a11y: the
    # page language, also on a refusal): nothing a user sees
    return [e.type for e in leaves(at.main) if e.type != "html"]


def data_shown(at: AppTest) -> list[str]:
    return [
        e.type for block in (at.main, at.sidebar) for e in leaves(block) if e.type in DATA_ELEMENTS
    ]


def links(at: AppTest) -> list[str]:
    return [link.value for link in at.sidebar.get("page_link")]


def filters_shown(at: AppTest) -> list[str]:
    return [
        e.key
        for block in (at.main, at.sidebar)
        for e in leaves(block)
        if (getattr(e, "key", None) or "").startswith("flt_")
    ]


def refusal(title: str, role: str, chosen: bool = False) -> str:
    what = f"U kunt het scherm {title} niet openen met de rol {role}."
    if chosen:  # "Bekijk als": the message points at the switch
        return f"{what} Kies bij 'Bekijk als' in de zijbalk een andere rol om dit scherm te zien."
    return (
        f"{what} Vraag de beheerder van het dashboard om een andere rol als u dit scherm nodig"
        " heeft."
    )


def assert_opened(at: AppTest, page: str) -> None:
    assert [t.value for t in at.title][:1] == [SCREENS[page]], page
    assert not [e.value for e in at.error], page


def assert_only_error(at: AppTest, *words: str) -> str:
    """The page shows one Dutch error and nothing else: no title, data, links or filters."""
    assert main_types(at) == ["error"], main_types(at)
    assert data_shown(at) == [] and links(at) == [] and filters_shown(at) == []
    message = at.error[0].value
    for word in words:
        assert word in message, message
    return message


def assert_refused(at: AppTest, page: str, role: str) -> None:
    message = assert_only_error(at)
    assert message == refusal(SCREENS[page], role), message


# --- each role, each screen ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_each_screen_opens_or_refuses_as_the_rights_table_says(db, role):
    for page in SCREENS:
        at = app(page, USERS[role])  # opened directly, as by a typed or bookmarked URL
        if page in OPENS[role]:
            assert_opened(at, page)
            assert data_shown(at), page  # the screen itself, not an empty shell
        else:
            assert_refused(at, page, role)


@pytest.mark.parametrize("role", [BELEID, TEAMLEIDER, BEHEERDER])
def test_links_are_exactly_the_screens_the_role_opens(db, role):
    at = app("app.py", USERS[role])
    for page in OPENS[role]:
        go(at, page)
        assert_opened(at, page)
        assert links(at) == [SCREENS[p] for p in OPENS[role]], page
    # moving on within the session to a screen the role may not open still refuses
    for page in set(SCREENS) - set(OPENS[role]):
        assert_refused(go(at, page), page, role)


@pytest.mark.parametrize("role", [BELEID, TEAMLEIDER, BEHEERDER])
def test_the_sidebar_shows_name_role_and_logout(db, role):
    at = app("pages/bereik.py", USERS[role])
    sidebar_text = [t.value for t in at.sidebar.text]
    assert f"{USERS[role]['name']} · {LABELS[role]}" in sidebar_text
    assert [b.label for b in at.sidebar.button] == ["Uitloggen"]
    # with login configured there is no "Bekijk als"
    assert "auth_bekijk_als" not in [s.key for s in at.sidebar.selectbox]


def test_logout_brings_back_the_login_screen(db):
    at = app("pages/bereik.py", USERS[BELEID])
    at.sidebar.button(key="auth_uitloggen").click().run()
    assert not at.exception
    assert at.user.get("is_logged_in") is False
    at.run()
    assert [b.label for b in at.button] == ["Inloggen"]
    assert data_shown(at) == [] and links(at) == []


# --- not logged in, and users outside the mapping -------------------------------------------


@pytest.mark.parametrize("page", SCREENS)
@pytest.mark.parametrize("user", [LOGGED_OUT, {"email": "test@example.com"}])
def test_not_logged_in_sees_the_dutch_login_screen_and_nothing_else(db, page, user):
    at = app(page, user)
    assert [b.label for b in at.button] == ["Inloggen"]
    assert [t.value for t in at.title] == ["Wijkdashboard"]
    assert any("Log in met het account van uw organisatie" in m.value for m in at.markdown)
    assert set(main_types(at)) <= {"title", "markdown", "button"}, main_types(at)
    assert data_shown(at) == [] and links(at) == [] and filters_shown(at) == []
    assert list(leaves(at.sidebar)) == []


def test_a_logged_in_user_outside_the_mapping_is_publiek(db):
    user = {"is_logged_in": True, "name": "X", "email": "x@elders.nl", "roles": ["onbekend"]}
    for page in SCREENS:
        if page in OPENS[PUBLIEK]:
            assert_opened(app(page, user), page)
        else:
            assert_refused(app(page, user), page, PUBLIEK)


def test_a_user_configured_as_publiek_opens_only_the_public_screens(db):
    toegang = {**TOEGANG, "gebruikers": {"piet@elders.nl": {"rol": "publiek"}}}
    for page in SCREENS:
        at = app(page, USERS[PUBLIEK], toegang=toegang)
        if page in PUBLIC_SCREENS:
            assert_opened(at, page)
            assert links(at) == [SCREENS[p] for p in PUBLIC_SCREENS]
        else:
            assert_refused(at, page, PUBLIEK)


def test_a_group_under_another_claim_than_the_configured_one_does_not_count(db):
    user = {"is_logged_in": True, "name": "X", "email": "x@elders.nl", "groups": ["wd-beheer"]}
    assert_refused(app("pages/gegevens.py", user), "pages/gegevens.py", PUBLIEK)


# --- broken configuration -------------------------------------------------------------------


@pytest.mark.parametrize("secret", ["", "kort", "x" * 31])
@pytest.mark.parametrize("page", ["app.py", "pages/gegevens.py"])
def test_a_short_or_missing_cookie_secret_is_a_dutch_error(db, secret, page):
    auth = {**AUTH, "cookie_secret": secret}
    at = app(page, USERS[BEHEERDER], auth=auth)
    assert_only_error(at, "cookie_secret", "korter dan 32 tekens", "secrets.token_urlsafe")


def test_a_cookie_secret_of_32_characters_is_enough(db):
    assert_opened(app("app.py", USERS[BELEID], auth={**AUTH, "cookie_secret": "y" * 32}), "app.py")


def test_without_cookie_secret_at_all_is_a_dutch_error(db):
    auth = {k: v for k, v in AUTH.items() if k != "cookie_secret"}
    assert_only_error(app("app.py", USERS[BEHEERDER], auth=auth), "cookie_secret")


@pytest.mark.parametrize(
    ("toegang", "words"),
    [
        ({"gebruikers": {"henk@lindenwaard.nl": {"rol": "admin"}}}, ["onbekende rol 'admin'"]),
        ({"groepen": {"wd-team": {"rol": "teamleider"}}}, ["minstens één organisatie"]),
        (
            {"groepen": {"wd-team": {"rol": "teamleider", "organisaties": "ORG999901"}}},
            ["moet een lijst zijn"],
        ),
        ({"gebruikers": ["henk@lindenwaard.nl"]}, ["tabellen"]),
    ],
)
def test_a_malformed_toegang_is_a_dutch_error_for_everyone(db, toegang, words):
    at = app("app.py", USERS[BEHEERDER], toegang=toegang)
    assert_only_error(at, "De rollen in `.streamlit/secrets.toml` kloppen niet", *words)


# --- the role cannot be raised --------------------------------------------------------------

RAISING_PARAMS = [
    {"rol": "beheerder"},
    {"bekijk_als": "beheerder"},
    {"auth_bekijk_als": "beheerder"},
    {"role": "beheerder", "organisatie": TEAM_ORG, "organisaties": TEAM_ORG},
]


@pytest.mark.parametrize("params", RAISING_PARAMS)
def test_url_parameters_do_not_raise_the_role(db, params):
    at = app("pages/gegevens.py", USERS[BELEID], params=params)
    assert_refused(at, "pages/gegevens.py", BELEID)
    at = app("app.py", USERS[BELEID], params=params)
    assert "Gegevens" not in links(at)
    assert_refused(app("app.py", USERS[PUBLIEK], params=params), "app.py", PUBLIEK)


def test_session_state_does_not_raise_the_role(db):
    planted = {
        "frame_kijker": Viewer(BEHEERDER, frozenset({TEAM_ORG}), "Henk", logged_in=True),
        "auth_bekijk_als": BEHEERDER,
        "auth_bekijk_als_organisatie": TEAM_ORG,
    }
    assert_refused(
        app("pages/gegevens.py", USERS[BELEID], state=planted), "pages/gegevens.py", BELEID
    )
    assert_refused(app("app.py", USERS[PUBLIEK], state=planted), "app.py", PUBLIEK)
    # planted between runs of one session, too: the frame works the viewer out anew
    at = app("app.py", USERS[BELEID])
    at.session_state["frame_kijker"] = planted["frame_kijker"]
    assert_refused(go(at, "pages/gegevens.py"), "pages/gegevens.py", BELEID)
    assert at.session_state["frame_kijker"].role == BELEID


def test_the_frame_recomputes_the_viewer_of_every_run(db):
    at = app("app.py", USERS[BEHEERDER])
    assert at.session_state["frame_kijker"].role == BEHEERDER
    at.user = dict(USERS[BELEID])
    at.run()
    assert at.session_state["frame_kijker"].role == BELEID
    assert "Gegevens" not in links(at)


# --- without login: "Bekijk als" on the demo, nothing on real data ---------------------------


def test_without_login_the_demo_offers_bekijk_als(db):
    at = app("app.py", auth=None)
    role = at.sidebar.selectbox(key="auth_bekijk_als")
    assert role.value == BEHEERDER
    assert [o for o in role.options] == [LABELS[r] for r in ROLES]
    assert any("Bekijk als" in m.value for m in at.sidebar.markdown)
    assert [b.label for b in at.sidebar.button] == []  # nobody to log out
    assert links(at) == list(SCREENS.values())

    role.select(PUBLIEK).run()
    assert not at.exception
    assert_refused_with_switch(at, "app.py", PUBLIEK)

    at.sidebar.selectbox(key="auth_bekijk_als").select(BEHEERDER).run()
    go(at, "pages/gegevens.py")
    assert_opened(at, "pages/gegevens.py")

    at.sidebar.selectbox(key="auth_bekijk_als").select(BELEID).run()
    assert_refused_with_switch(at, "pages/gegevens.py", BELEID)


def test_bekijk_als_keeps_the_chosen_role_on_other_screens(db):
    at = app("app.py", auth=None)
    at.sidebar.selectbox(key="auth_bekijk_als").select(BELEID).run()
    assert links(at) == [SCREENS[p] for p in OPENS[BELEID]]
    for page in OPENS[BELEID][1:]:
        assert_opened(go(at, page), page)
        assert at.sidebar.selectbox(key="auth_bekijk_als").value == BELEID, page
        assert links(at) == [SCREENS[p] for p in OPENS[BELEID]], page
    assert_refused_with_switch(go(at, "pages/gegevens.py"), "pages/gegevens.py", BELEID)


def assert_refused_with_switch(at: AppTest, page: str, role: str) -> None:
    """Refused, with only the "Bekijk als" switch beside the message (to choose another role)."""
    assert main_types(at) == ["error"], main_types(at)
    assert at.error[0].value == refusal(SCREENS[page], role, chosen=True)
    assert data_shown(at) == [] and links(at) == [] and filters_shown(at) == []
    assert at.sidebar.selectbox(key="auth_bekijk_als").value == role


def test_bekijk_als_teamleider_chooses_an_organisation(db):
    at = app("pages/continuiteit.py", auth=None)
    assert "auth_bekijk_als_organisatie" not in [s.key for s in at.sidebar.selectbox]
    at.sidebar.selectbox(key="auth_bekijk_als").select(TEAMLEIDER).run()
    assert not at.exception
    organisation = at.sidebar.selectbox(key="auth_bekijk_als_organisatie")
    assert "Lindenwaard Samen, welzijn en opbouwwerk" in organisation.options
    assert at.session_state["frame_kijker"].organisaties == frozenset({organisation.value})
    assert_opened(at, "pages/continuiteit.py")


@pytest.mark.parametrize("page", SCREENS)
def test_real_data_without_login_is_refused(real_db, page):
    at = app(page, auth=None)
    message = assert_only_error(at, "echte gegevens", "geen inlog", "WIJKDASHBOARD_LOKAAL=1")
    assert "Bekijk als" not in message
    assert [s.key for s in at.sidebar.selectbox] == []  # no "Bekijk als" on real data


@pytest.mark.parametrize("page", SCREENS)
def test_real_data_in_local_single_user_mode(real_db, lokaal, page):
    at = app(page, auth=None)
    assert_opened(at, page)
    assert any("Lokaal gebruik zonder inlog" in w.value for w in at.warning)
    assert links(at) == list(SCREENS.values())
    assert [s.key for s in at.sidebar.selectbox if s.key == "auth_bekijk_als"] == []


def test_local_mode_needs_a_server_bound_to_localhost(real_db, lokaal):
    from streamlit import config as st_config

    st_config.set_option("server.address", "0.0.0.0")  # the lokaal fixture puts it back
    assert_only_error(app("app.py", auth=None), "echte gegevens")
    st_config.set_option("server.address", "127.0.0.1")
    assert_opened(app("app.py", auth=None), "app.py")


def test_local_mode_needs_the_environment_variable(real_db, monkeypatch):
    from streamlit import config as st_config

    monkeypatch.setenv("WIJKDASHBOARD_LOKAAL", "0")
    before = st_config.get_option("server.address")
    st_config.set_option("server.address", "localhost")
    try:
        assert_only_error(app("app.py", auth=None), "echte gegevens")
    finally:
        st_config.set_option("server.address", before)


@pytest.mark.parametrize("role", [BELEID, BEHEERDER])
def test_real_data_with_login_follows_the_roles(real_db, role):
    for page in SCREENS:
        at = app(page, USERS[role])
        if page in OPENS[role]:
            assert_opened(at, page)
        else:
            assert_refused(at, page, role)


# --- no professional's name for publiek and beleid ------------------------------------------


def rendered_text(at: AppTest) -> str:
    """All text of the rendered elements: every proto field (markdown, captions, labels,
    options, help), the values of tables, and chart specs with their data."""
    parts: list[str] = []
    for block in (at.main, at.sidebar):
        for element in leaves(block):
            proto = element.proto
            parts.append(text_format.MessageToString(proto, as_utf8=True))
            if element.type in ("dataframe", "table"):
                frame = element.value
                if isinstance(frame, pd.DataFrame):
                    parts.append(frame.to_csv())
            if element.type == "plotly_chart":
                parts.append(json.dumps(json.loads(proto.spec), ensure_ascii=False))
    return "\n".join(parts)


def professional_names(db: str) -> list[str]:
    with duckdb.connect(db, read_only=True) as con:
        names = [n for (n,) in con.sql("select naam from professional").fetchall()]
    assert len(names) > 10
    return names


def names_in(at: AppTest, names: list[str]) -> list[str]:
    text = rendered_text(at)
    return [n for n in names if n in text]


def test_rendered_text_reads_every_kind_of_element():
    """The collector itself: a name in any element it must read is found."""
    at = AppTest.from_string(
        """
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.markdown("in markdown: Anna Eerste")
st.caption("in a caption: Bob Tweede")
st.metric("Carla Derde", 3)
st.dataframe(pd.DataFrame({"naam": ["Daan Vierde"]}))
st.table(pd.DataFrame({"wie": ["Eva Vijfde"]}))
st.plotly_chart(go.Figure(go.Bar(x=[1], y=["Fleur Zesde"], hovertext=["Gijs Zevende"])))
st.sidebar.selectbox("kies", ["Hanna Achtste"])
with st.expander("open"):
    st.text("Ivo Negende")
"""
    ).run()
    assert not at.exception
    names = [
        "Anna Eerste",
        "Bob Tweede",
        "Carla Derde",
        "Daan Vierde",
        "Eva Vijfde",
        "Fleur Zesde",
        "Gijs Zevende",
        "Hanna Achtste",
        "Ivo Negende",
    ]
    assert names_in(at, [*names, "Niet Getoond"]) == names


def walk(at: AppTest, role: str, bekijk_als: bool, organisatie: str = TEAM_ORG) -> Iterator[str]:
    """Every analysis screen as `role`, with the views that can show individual professionals
    (the timeline of each wijk on Continuïteit); yields where it is."""
    for page in ANALYSIS:
        go(at, page)
        if bekijk_als:  # chosen on each screen: this walk is about names, not navigation
            at.sidebar.selectbox(key="auth_bekijk_als").select(role).run()
            if role == TEAMLEIDER:
                at.sidebar.selectbox(key="auth_bekijk_als_organisatie").select(organisatie).run()
            assert not at.exception
        assert at.session_state["frame_kijker"].role == role, page
        open_tables(at)  # a chart's table (the timeline's names too) is made only once opened
        yield page
        timeline = [s for s in at.selectbox if s.key == "cont_tijdlijn_wijk"]
        if timeline:
            for wijk in timeline[0].options[1:]:
                at.selectbox(key="cont_tijdlijn_wijk").select(wijk).run()
                assert not at.exception
                assert at.session_state["frame_kijker"].role == role, page
                yield f"{page} tijdlijn {wijk}"


@pytest.mark.parametrize("role", [PUBLIEK, BELEID])
@pytest.mark.parametrize("how", ["inlog", "bekijk als"])
def test_no_professional_name_for_publiek_and_beleid(db, role, how):
    names = professional_names(db)
    if how == "inlog":
        at = app("app.py", USERS[role])
    else:
        at = app("app.py", auth=None)
        at.sidebar.selectbox(key="auth_bekijk_als").select(role).run()
    seen: list[str] = []
    for where in walk(at, role, bekijk_als=how == "bekijk als"):
        assert names_in(at, names) == [], where
        if role == PUBLIEK:
            assert data_shown(at) == [], where
        else:
            assert_opened(at, where.split(" ")[0])
        seen.append(where)
    if role == BELEID:
        assert len(seen) > len(ANALYSIS)  # the timelines of more than one wijk were walked
        # the walk reads what the screens show: the demo's wijk names are in the text
        assert "Oude Haven" in rendered_text(at)


@pytest.mark.parametrize("how", ["inlog", "bekijk als"])
def test_a_team_lead_sees_names_of_the_own_organisation_only(db, how):
    """Professionals who never worked for the team lead's organisation stay anonymous; the
    own organisation's professionals are named (so the walk does see names where allowed)."""

    def names(where: str) -> list[str]:
        with duckdb.connect(db, read_only=True) as con:
            return [
                n
                for (n,) in con.sql(
                    "select naam from professional where professional_id"
                    f" {where} (select professional_id from inzet where organisatie_id = $org)",
                    params={"org": TEAM_ORG},
                ).fetchall()
            ]

    own, others = names("in"), names("not in")
    assert len(own) > 10 and len(others) > 10
    at = app("app.py", USERS[TEAMLEIDER]) if how == "inlog" else app("app.py", auth=None)
    seen: set[str] = set()
    for where in walk(at, TEAMLEIDER, bekijk_als=how == "bekijk als"):
        assert at.session_state["frame_kijker"].organisaties == frozenset({TEAM_ORG}), where
        assert names_in(at, others) == [], where
        seen.update(names_in(at, own))
    assert seen
