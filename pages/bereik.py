"""Bereik: who the activities reach, where, how often, and who owns them."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, charts, tables
from dashboard.focus import focus_of
from dashboard.frame import (
    area_map,
    clear_selection_button,
    frame,
    gemeente_naam,
    map_choice,
    show_chart,
)
from dashboard.reach import MAP_MEASURES, missing_participant_figures

state = frame(
    "Bereik", filters=("attributie", "organisatie", "activity_type"), organisaties="activiteit"
)
scope = {
    "gemeente": state.gemeente,
    "organisatie": state.organisatie,
    "activity_type": state.activity_type,
}
reach = cache.query("bereik", state.period, level=state.level, attributie=state.attributie, **scope)

missing = missing_participant_figures(reach)
if missing:
    st.warning(
        "Deze gemeente registreert in deze periode alleen totalen per bijeenkomst, geen deelnemers. "
        f"Daarom zijn deze cijfers niet te tonen: {', '.join(missing)}."
    )

map_column, side = st.columns([3, 2])
with map_column:
    measure = map_choice("Op de kaart", MAP_MEASURES, key="bereik_maat")

    state = area_map(reach, measure, MAP_MEASURES[measure], state, state.level, "kaart_bereik")

focus = focus_of(state, reach, gemeente_naam(state))
with side:
    st.subheader(focus.label)
    summary = cache.query(
        "bereik", state.period, level=focus.level, attributie=state.attributie, **scope
    )
    st.dataframe(tables.bereik_summary(focus.rows(summary)), hide_index=True, width="stretch")
    if clear_selection_button(state, focus.label) != state:
        st.rerun()

st.subheader(f"Per maand · {focus.label}")
trend = cache.query(
    "bereik_per_maand", state.period, level=focus.level, attributie=state.attributie, **scope
)
show_chart(charts.trend_chart(focus.rows(trend), names={focus.code: focus.label}), "trend")

by_type, partners = st.columns(2)
with by_type:
    st.subheader("Per soort activiteit")
    st.caption("Naar de plaats van de activiteit.")
    types = cache.query(
        "bereik_per_type",
        state.period,
        level=focus.level,
        gemeente=state.gemeente,
        organisatie=state.organisatie,
    )
    show_chart(charts.type_chart(focus.rows(types)), "types")
with partners:
    st.subheader("Partners")
    st.caption("Bijeenkomsten met deze partner, naar de plaats van de activiteit.")
    mix = cache.query("bereik_partners", state.period, level=focus.level, **scope)
    show_chart(charts.partner_chart(focus.rows(mix)), "partners")

st.subheader("Alle gebieden")
st.dataframe(tables.bereik_table(reach), hide_index=True, width="stretch")
