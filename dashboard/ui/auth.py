"""Who is looking (docs/DESIGN.md §7): OIDC login through `st.login`, the viewer's role from
the administrator's mapping, "Bekijk als" on demo data, and the gate in front of every screen.

The role is worked out on the server on every run from the login (`st.user`) and the
configuration (`.streamlit/secrets.toml`); nothing in the URL or the session can raise it.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from typing import Any

import streamlit as st

from dashboard import i18n
from dashboard.domain.roles import BEHEERDER, BELEID, PUBLIEK, ROLES, TEAMLEIDER
from dashboard.i18n import N_, Labels, _
from dashboard.screens.access import (
    PUBLIC,
    AccessConfig,
    AccessConfigError,
    Viewer,
    chosen_viewer,
    read_config,
    viewer_of,
)
from dashboard.ui import audit

# Streamlit signs its login cookie with this secret: a short one can be guessed.
MIN_COOKIE_SECRET = 32
# Without login, real (non-demo) data is served only when the administrator says so
# explicitly, for one person on this computer.
LOCAL_ENV_VAR = "WIJKDASHBOARD_LOKAAL"
LOCAL_ADDRESSES = ("localhost",)

ROLE_LABELS = Labels(
    {
        PUBLIEK: N_("Publiek"),
        BELEID: N_("Beleid"),
        TEAMLEIDER: N_("Teamleider"),
        BEHEERDER: N_("Beheerder"),
    }
)
ROLE_HELP = Labels(
    {
        PUBLIEK: N_("ziet alleen openbare pagina's, kleine aantallen als <5, geen namen"),
        BELEID: N_("ziet alle analyseschermen, geen namen van professionals"),
        TEAMLEIDER: N_("als beleid, plus de namen van de professionals van de eigen organisatie"),
        BEHEERDER: N_("als beleid, plus Gegevens: imports, koppelingen, logboeken, datakwaliteit"),
    }
)
_CHOSEN_ROLE = "auth_bekijk_als"
_CHOSEN_ORG = "auth_bekijk_als_organisatie"
_KEPT_ROLE = "auth_bekijk_als_bewaard"
_KEPT_ORG = "auth_bekijk_als_organisatie_bewaard"


def _secrets() -> Mapping[str, Any]:
    """The secrets as a mapping; empty when there is no secrets.toml."""
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return {}


def login_configured() -> bool:
    """Whether an OIDC provider is configured (an [auth] section in secrets.toml)."""
    return "auth" in _secrets()


def _cookie_secret_problem(auth: Mapping[str, Any]) -> str | None:
    secret = str(auth.get("cookie_secret") or "")
    if len(secret) < MIN_COOKIE_SECRET:
        return _(
            "De inlog is ingesteld, maar `cookie_secret` in `.streamlit/secrets.toml` ontbreekt of is"
            " korter dan {n} tekens. Maak er een met"
            ' `python -c "import secrets; print(secrets.token_urlsafe(48))"`.'
        ).format(n=MIN_COOKIE_SECRET)
    return None


def access_config() -> AccessConfig:
    """The administrator's mapping of users and groups to roles ([toegang] in secrets.toml)."""
    section = _secrets().get("toegang")
    return read_config(dict(section) if section is not None else None)


def _is_local_server() -> bool:
    address = str(st.get_option("server.address") or "")
    if address in LOCAL_ADDRESSES:
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def local_single_user() -> bool:
    """Whether the administrator started the app for local use without login."""
    flag = os.environ.get(LOCAL_ENV_VAR, "").strip().lower() in ("1", "true", "ja", "yes")
    return flag and _is_local_server()


def _stop(message: str) -> None:
    st.error(message)
    st.stop()


def _login_screen() -> None:
    st.title("Wijkdashboard")
    st.write(
        _(
            "Log in met het account van uw organisatie om het dashboard te openen. Wat u ziet"
            " hangt af van uw rol: beleid, teamleider of beheerder."
        )
    )
    if st.button(_("Inloggen"), type="primary", key="auth_inloggen"):
        st.login()
    st.stop()


def _chosen(demo_organisaties: Mapping[str, str]) -> Viewer:
    """The "Bekijk als" switch: demo data only, so a newcomer sees what each role sees."""
    box = st.sidebar.container(border=True)
    box.markdown("**" + _("Bekijk als") + "**")
    # a widget's own state does not survive a switch to another page: the choice is kept
    # under a key of its own (demo data only, where choosing a role is the point)
    kept = st.session_state.get(_KEPT_ROLE, BEHEERDER)
    role = box.selectbox(
        _("Rol (bekijk als)"),
        ROLES,
        index=ROLES.index(kept) if kept in ROLES else ROLES.index(BEHEERDER),
        format_func=i18n.bind(lambda r: ROLE_LABELS[r]),
        key=_CHOSEN_ROLE,
        help=_("Zonder inlog en alleen op de demogemeente: kies een rol om te zien wat die ziet."),
    )
    organisaties: list[str] = []
    if role == TEAMLEIDER and demo_organisaties:
        codes = list(demo_organisaties)
        kept_org = st.session_state.get(_KEPT_ORG)
        organisatie = box.selectbox(
            _("Organisatie van de teamleider (bekijk als)"),
            codes,
            index=codes.index(kept_org) if kept_org in codes else 0,
            format_func=lambda c: demo_organisaties[c],
            key=_CHOSEN_ORG,
        )
        organisaties = [organisatie]
        st.session_state[_KEPT_ORG] = organisatie
    st.session_state[_KEPT_ROLE] = role
    box.caption(f"{ROLE_LABELS[role]}: {ROLE_HELP[role]}.")
    return chosen_viewer(role, organisaties)


def viewer(all_fictitious: bool, demo_organisaties: Mapping[str, str]) -> Viewer:
    """The viewer of this run; stops the page with a Dutch message where nobody may look.

    `all_fictitious`: the database holds only demo gemeenten; `demo_organisaties`: the
    organisations a "Bekijk als" team lead can belong to (code -> name).
    """
    secrets = _secrets()
    if "auth" in secrets:
        problem = _cookie_secret_problem(secrets["auth"])
        if problem:
            _stop(problem)
        try:
            config = access_config()
        except AccessConfigError as exc:
            _stop(
                _("De rollen in `.streamlit/secrets.toml` kloppen niet: {error}").format(error=exc)
            )
            raise  # unreachable: st.stop ends the run
        user = st.user.to_dict()
        if not user.get("is_logged_in", False):
            _login_screen()
        who = viewer_of(user, config)
        audit.logged_in(who)  # once per session: the audit log records who logged in
        return who
    if local_single_user():
        st.warning(
            _(
                "Lokaal gebruik zonder inlog, met de rechten van een beheerder: dit dashboard is"
                " alleen op deze computer bereikbaar. Stel een inlog in voordat anderen het gebruiken."
            ),
            icon=":material/warning:",
        )
        return Viewer(BEHEERDER)
    if all_fictitious:
        return _chosen(demo_organisaties)
    _stop(
        _(
            "Deze database bevat echte gegevens en er is geen inlog ingesteld, dus het dashboard toont"
            " ze aan niemand. Stel een inlog in (`[auth]` en `[toegang]` in `.streamlit/secrets.toml`,"
            " zie de README), of start het voor uzelf op deze computer met {variable}=1 en"
            " `make run` (dat luistert alleen op localhost)."
        ).format(variable=LOCAL_ENV_VAR)
    )
    return PUBLIC  # unreachable


def show_viewer(viewer: Viewer) -> None:
    """The viewer's name and role in the sidebar, with a logout button when logged in."""
    if not viewer.logged_in:
        return
    box = st.sidebar.container(border=True)
    box.text(f"{viewer.label} · {ROLE_LABELS[viewer.role]}")
    if box.button(_("Uitloggen"), key="auth_uitloggen"):
        st.logout()


def refuse(title: str, viewer: Viewer) -> None:
    """A screen this viewer may not open: say so in Dutch and show nothing else."""
    what = _("U kunt het scherm {screen} niet openen met de rol {role}.").format(
        screen=_(title), role=ROLE_LABELS[viewer.role].lower()
    )
    if viewer.chosen:  # looking around with "Bekijk als": the switch is right there
        _stop(
            _(
                "{refusal} Kies bij 'Bekijk als' in de zijbalk een andere rol om dit scherm te zien."
            ).format(refusal=what)
        )
    _stop(
        _(
            "{refusal} Vraag de beheerder van het dashboard om een andere rol als u dit scherm nodig heeft."
        ).format(refusal=what)
    )
