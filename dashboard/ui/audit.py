"""What the web app writes to the audit log (docs/DESIGN.md §7): logins, views of
professional names and imports, each with who, role, organisations and screen.

Session flags (`audit_` keys) only keep a login or a names view from being recorded on
every rerun; they never decide what a viewer may see. The log itself: dashboard.warehouse.audit.
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from dashboard.config import database_location
from dashboard.screens.access import Viewer
from dashboard.warehouse import audit
from dashboard.warehouse.audit import AuditUnavailable

__all__ = ["AuditUnavailable", "imported", "latest", "location", "logged_in", "names_viewed"]

_LOGGED_IN = "audit_aangemeld"
_NAMES_SEEN = "audit_namen_bekeken"

_log = logging.getLogger(__name__)


def location() -> str:
    """The audit log of the configured database."""
    return audit.location_for(database_location())


def _append(gebeurtenis: str, viewer: Viewer, screen: str | None, details: str | None) -> bool:
    """Record one event; on failure say so on the page and in the server log, and return False."""
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
        _log.error("%s", exc)
        st.warning(f"{exc} Meld dit aan de beheerder van het dashboard.", icon=":material/warning:")
        return False
    return True


def logged_in(viewer: Viewer) -> None:
    """Record a login once per session and user (only for a viewer who really logged in)."""
    if not viewer.logged_in:
        return
    who = viewer.email or viewer.label
    if st.session_state.get(_LOGGED_IN) == who:
        return
    details = f"e-mail {viewer.email}" if viewer.name and viewer.email else None
    if _append(audit.AANMELDING, viewer, None, details):
        st.session_state[_LOGGED_IN] = who


def names_viewed(viewer: Viewer, screen: str) -> None:
    """Record that `viewer` is shown professional names on `screen`: at most once per session,
    screen and set of organisations. Call it where a team lead's names are shown."""
    if not viewer.sees_names:
        return
    seen: set[tuple[str, str, tuple[str, ...]]] = st.session_state.setdefault(_NAMES_SEEN, set())
    key = (viewer.email or viewer.label, screen, tuple(sorted(viewer.organisaties)))
    if key in seen:
        return
    details = "Bekijk als (demogegevens)" if viewer.chosen else None
    if _append(audit.NAMEN_BEKEKEN, viewer, screen, details):
        seen.add(key)


def imported(viewer: Viewer, screen: str, details: str) -> None:
    """Record an import attempt through a screen (geslaagd, geweigerd or mislukt: see `details`)."""
    _append(audit.IMPORT, viewer, screen, details)


def latest(limit: int = 200) -> pd.DataFrame:
    """The latest rows of the audit log, newest first (read anew on every run: it is small)."""
    return audit.read(location(), limit)
