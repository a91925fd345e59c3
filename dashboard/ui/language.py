"""The language of the page: chosen in the sidebar, kept in the URL (`?taal=en`), Dutch by default.

`apply()` runs first in every script run (the frame calls it) and sets the language of
`dashboard.i18n` for everything the run draws; `current()` is the one function other UI code
asks (for instance the page's `<html lang>`).
"""

from __future__ import annotations

import streamlit as st

from dashboard import i18n
from dashboard.screens.state import PARAM

# the sidebar widget's key: its value is newer than the URL after a click
KEY = "flt_taal"
# the language of the previous run of this session
_PREVIOUS = "taal_vorige"


def _chosen() -> str:
    picked = st.session_state.get(KEY)
    if picked in i18n.LANGUAGES:
        return str(picked)
    from_url = st.query_params.get(PARAM["language"])
    return from_url if from_url in i18n.LANGUAGES else i18n.DEFAULT


def apply() -> str:
    """Set this run's language from the sidebar choice or the URL; return it.

    After a switch, the sidebar's other widgets start again from the URL (which holds every
    choice): Streamlit keeps a radio's or selectbox's value as its shown text, which the new
    language no longer offers."""
    code = _chosen()
    previous = st.session_state.get(_PREVIOUS)
    if previous is not None and previous != code:
        for key in [k for k in st.session_state if str(k).startswith("flt_") and k != KEY]:
            del st.session_state[key]
    st.session_state[_PREVIOUS] = code
    i18n.set_language(code)
    return code


def current() -> str:
    """The language of the page being drawn: "nl" or "en" (for `<html lang>` too)."""
    return i18n.current()


def choose() -> str:
    """The sidebar choice of the language (Nederlands / English); returns the code."""
    # the widget is keyed; a page switch drops its state, so hand the choice over first
    st.session_state[KEY] = current()
    picked = st.sidebar.segmented_control(
        # in both languages, and each language by its own name, so either reader finds it
        i18n._("Taal · Language"),
        list(i18n.LANGUAGES),
        format_func=i18n.bind(lambda code: i18n._(i18n.LANGUAGE_NAMES[code])),
        selection_mode="single",
        key=KEY,
    )
    # a click on the chosen button deselects it: the language stays
    return str(picked) if picked in i18n.LANGUAGES else current()
