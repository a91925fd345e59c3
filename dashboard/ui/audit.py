"""What the web app writes to the audit log (docs/DESIGN.md §7): logins, views of
professional names and imports, each with who, role, organisations and screen.

Session flags (`audit_` keys) only keep a login or a names view from being recorded on
every rerun; they never decide what a viewer may see. The log itself: dashboard.warehouse.audit.

When the log cannot be written or read, the user gets a short Dutch message without
technical details (no file path, no database error); those go to the server log only.
Names are shown only once their view is in the log (`names_viewed` says whether it is).
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from dashboard.config import database_location
from dashboard.i18n import N_
from dashboard.screens.access import Viewer
from dashboard.warehouse import audit
from dashboard.warehouse.audit import AuditUnavailable

__all__ = [
    "NAMES_UNAVAILABLE",
    "AuditUnavailable",
    "imported",
    "latest",
    "location",
    "logged_in",
    "names_viewed",
]

# What a user is told when the log fails: no path, no database error (those are logged).
NAMES_UNAVAILABLE = N_(
    "De namen zijn nu niet te tonen: het auditlogboek is niet bereikbaar. Probeer het later"
    " opnieuw of meld het de beheerder."
)
_LOGIN_UNRECORDED = (
    "Uw aanmelding kon niet in het auditlogboek worden vastgelegd. Meld het de beheerder."
)
_IMPORT_UNRECORDED = (
    "Deze import kon niet in het auditlogboek worden vastgelegd. Meld het de beheerder."
)
_UNREADABLE = (
    "Het auditlogboek is nu niet te lezen. Probeer het later opnieuw of meld het de beheerder."
)

_LOGGED_IN = "audit_aangemeld"
_NAMES_SEEN = "audit_namen_bekeken"

_log = logging.getLogger(__name__)


def location() -> str:
    """The audit log of the configured database."""
    return audit.location_for(database_location())


def _append(gebeurtenis: str, viewer: Viewer, screen: str | None, details: str | None) -> bool:
    """Record one event; False when the log cannot be written (the reason goes to the server
    log only: it names the file and the database error)."""
    try:
        audit.append(
            location(),
            gebeurtenis,
            gebruiker=viewer.label,
            rol=viewer.role,
            organisaties=viewer.organisaties,
            scherm=screen,
            details=details,
        )
    except AuditUnavailable as exc:
        _log.error("Auditlog: %s (scherm %s) niet vastgelegd: %s", gebeurtenis, screen, exc)
        return False
    return True


def logged_in(viewer: Viewer) -> None:
    """Record a login once per session and user (only for a viewer who really logged in).

    One attempt per session: when the log cannot be written, the server log says so once and
    the user is told once, not on every rerun."""
    if not viewer.logged_in:
        return
    who = viewer.email or viewer.label
    if st.session_state.get(_LOGGED_IN) == who:
        return
    details = f"e-mail {viewer.email}" if viewer.name and viewer.email else None
    recorded = _append(audit.AANMELDING, viewer, None, details)
    st.session_state[_LOGGED_IN] = who
    if not recorded:
        st.warning(_LOGIN_UNRECORDED, icon=":material/warning:")


def names_viewed(viewer: Viewer, screen: str) -> bool:
    """Record that `viewer` is shown professional names on `screen`, at most once per session,
    screen and set of organisations; return whether that view is in the log.

    Call it before names are fetched, and show names only when it returns True. False for a
    viewer who sees no names, and when the log cannot be written (then it is tried again on
    the next run; the page shows NAMES_UNAVAILABLE and no names)."""
    if not viewer.sees_names:
        return False
    seen: set[tuple[str, str, tuple[str, ...]]] = st.session_state.setdefault(_NAMES_SEEN, set())
    key = (viewer.email or viewer.label, screen, tuple(sorted(viewer.organisaties)))
    if key in seen:
        return True
    details = "Bekijk als (demogegevens)" if viewer.chosen else None
    if not _append(audit.NAMEN_BEKEKEN, viewer, screen, details):
        return False
    seen.add(key)
    return True


def imported(viewer: Viewer, screen: str, details: str) -> bool:
    """Record an import attempt through a screen (geslaagd, geweigerd or mislukt: see `details`);
    when the log cannot be written, say so on the page and return False."""
    if _append(audit.IMPORT, viewer, screen, details):
        return True
    st.warning(_IMPORT_UNRECORDED, icon=":material/warning:")
    return False


def latest(limit: int = 200) -> pd.DataFrame:
    """The latest rows of the audit log, newest first (read anew on every run: it is small).

    AuditUnavailable with a message for the user when the log cannot be read (the reason
    goes to the server log)."""
    try:
        return audit.read(location(), limit)
    except AuditUnavailable as exc:
        _log.error("Auditlog niet gelezen: %s", exc)
        raise AuditUnavailable(_UNREADABLE) from exc
