"""Wijkdashboard: Overzicht. Headline figures of reach, continuity and coverage for one gemeente."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from dashboard import cache
from dashboard import formatting as fmt

st.set_page_config(page_title="Wijkdashboard", page_icon="🏘️", layout="wide")
st.title("Wijkdashboard")

try:
    gemeenten = cache.gemeenten()
except cache.DatabaseMissing as exc:
    st.error(
        f"Er is nog geen database ({exc}). Maak de demogemeente met `make run` of "
        "`python -m dashboard demo` en laad deze pagina opnieuw."
    )
    st.stop()

if gemeenten.empty:
    st.warning("De database bevat nog geen gemeente. Maak de demo met `python -m dashboard demo`.")
    st.stop()

names = dict(zip(gemeenten["gemeentecode"], gemeenten["naam"], strict=True))
fictief = dict(zip(gemeenten["gemeentecode"], gemeenten["is_fictief"], strict=True))
gemeente = st.sidebar.selectbox("Gemeente", list(names), format_func=names.get, key="gemeente")

span = cache.data_range(gemeente)
if span is None:
    st.warning(f"Voor {names[gemeente]} zijn nog geen bijeenkomsten geregistreerd.")
    st.stop()
first, last = span
start = st.sidebar.date_input(
    "Van",
    value=max(first, last - timedelta(days=364)),
    min_value=first,
    max_value=last,
    format="DD-MM-YYYY",
    key="start",
)
end = st.sidebar.date_input(
    "Tot en met", value=last, min_value=first, max_value=last, format="DD-MM-YYYY", key="end"
)
if end < start:
    st.sidebar.error("De einddatum ligt voor de startdatum.")
    st.stop()

if fictief[gemeente]:
    st.info(
        f"Let op: {names[gemeente]} is een verzonnen gemeente met fictieve demogegevens.", icon="ℹ️"
    )

st.caption(f"{names[gemeente]} · {fmt.dutch_date(start)} t/m {fmt.dutch_date(end)}")

figures = cache.headline(gemeente, start, end)
for column, theme in zip(st.columns(3), ("Bereik", "Continuïteit", "Dekking"), strict=True):
    with column:
        st.subheader(theme)
        for figure in (f for f in figures if f.theme == theme):
            st.metric(figure.label, figure.text, help=figure.help)
