"""Dekking: where is opbouwwerk present or missing compared with need?"""

from __future__ import annotations

import streamlit as st

from dashboard import cache, charts, tables
from dashboard.coverage_view import MAP_MEASURES, components_table, without_opbouwwerk
from dashboard.focus import focus_of
from dashboard.frame import (
    area_map,
    clear_selection_button,
    frame,
    gemeente_naam,
    map_choice,
    show_chart,
)

state = frame("Dekking", filters=("organisatie",), organisaties="inzet")
if state.level != "wijk":
    st.info(
        "Dekking wordt per wijk gemeten (inzet is per wijk geregistreerd): dit scherm toont wijken."
    )
dekking = cache.query(
    "dekking", state.period, level="wijk", gemeente=state.gemeente, organisatie=state.organisatie
)

map_column, quadrant_column = st.columns(2)
with map_column:
    measure = map_choice("Op de kaart", MAP_MEASURES, key="dekking_maat", horizontal=True)

    state = area_map(dekking, measure, MAP_MEASURES[measure], state, "wijk", "kaart_dekking")
with quadrant_column:
    st.markdown("**Behoefte tegenover dekking**")
    show_chart(charts.quadrant_chart(dekking, selected=state.selected), "kwadrant")

focus = focus_of(state, dekking, gemeente_naam(state), level="wijk")
if clear_selection_button(state, focus.label) != state:
    st.rerun()

missing_column, need_column = st.columns(2)
with missing_column:
    st.subheader("Wijken zonder opbouwwerk")
    absent = without_opbouwwerk(dekking)
    if absent.empty:
        st.success("Elke wijk had in deze periode opbouwwerk.")
    else:
        st.dataframe(absent, hide_index=True, width="stretch")
with need_column:
    st.subheader("Zo is de behoefte-index opgebouwd")
    indicatoren = cache.behoefte_indicatoren()
    show_chart(charts.indicator_weights_chart(indicatoren), "gewichten")
    if focus.is_area:
        parts = cache.query(
            "behoefte_componenten", state.period, level="wijk", gemeente=state.gemeente
        )
        st.markdown(f"**{focus.label}**")
        st.dataframe(
            components_table(focus.rows(parts), indicatoren), hide_index=True, width="stretch"
        )

st.subheader("Alle wijken")
st.caption(
    "Fte opbouwwerk is het gemiddelde over de gekozen periode (inzet die halverwege begint of stopt"
    " telt naar rato). Kwadrant: boven of op/onder de mediaan van de gemeente."
)
st.dataframe(tables.dekking_table(dekking), hide_index=True, width="stretch")
