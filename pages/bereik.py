"""Bereik: who the activities reach, where, how often, and who owns them."""

from __future__ import annotations

import streamlit as st

from dashboard.display import charts, tables
from dashboard.display.labels import LEVEL_NOUNS
from dashboard.display.text import md
from dashboard.i18n import _
from dashboard.screens.bereik import (
    FILTERS,
    MAP_MEASURES,
    MAP_TEXT,
    NATIONAL_PARTNERS,
    NATIONAL_SUMMARY_NOTE,
    ORGANISATIES,
    area_explanations,
    download_tables,
    explanations,
    map_values,
    national_silent_note,
    participant_warning,
    partner_rows,
    summary_table,
    trend_rows,
    type_rows,
    unplaced_sessions,
)
from dashboard.screens.focus import focus_of
from dashboard.ui import cache
from dashboard.ui.frame import (
    area_map,
    area_table,
    clear_selection_button,
    frame,
    gemeente_naam,
    map_choice,
    show_chart,
    show_table,
)
from dashboard.ui.share import share_tools

state = frame("Bereik", filters=FILTERS, organisaties=ORGANISATIES)
tools = st.container()  # filled at the end, when the figures are known
scope = {
    "gemeente": state.query_gemeente,
    "organisatie": state.organisatie,
    "activity_type": state.activity_type,
}
reach = cache.bereik(state.period, level=state.level, attributie=state.attributie, **scope)

warning = participant_warning(reach, state.is_national)
if warning:
    st.warning(warning)

map_column, side = st.columns([3, 2])
with map_column:
    measure = map_choice(_("Op de kaart"), MAP_MEASURES, key="bereik_maat")

    state = area_map(
        map_values(reach, measure),
        measure,
        MAP_MEASURES[measure],
        state,
        state.level,
        "kaart_bereik",
        text_column=MAP_TEXT,
    )

focus = focus_of(state, reach, gemeente_naam(state))
with side:
    st.header(md(focus.label))
    summary = cache.bereik(state.period, level=focus.level, attributie=state.attributie, **scope)
    st.dataframe(summary_table(focus, summary, state.attributie), hide_index=True, width="stretch")
    if focus.national:
        st.caption(_(NATIONAL_SUMMARY_NOTE))
        silent = national_silent_note(summary)
        if silent:
            st.caption(silent)
    elif focus.is_area:  # where a selected area's rate and participants seem not to agree
        for why in area_explanations(focus.rows(summary), state.attributie):
            st.caption(why)
    if clear_selection_button(state, focus.label) != state:
        st.rerun()

st.header(_("Per maand · {area}").format(area=md(focus.label)))
trend = cache.bereik_per_maand(
    state.period, level=focus.level, attributie=state.attributie, **scope
)
show_chart(
    cache.figure(
        charts.trend_chart, trend_rows(focus, trend, summary), names={focus.code: focus.label}
    ),
    "trend",
)

by_type, partners = st.columns(2)
with by_type:
    st.header(_("Per soort activiteit"))
    st.caption(_("Naar de plaats van de activiteit."))
    types = cache.bereik_per_type(
        state.period,
        level=focus.level,
        gemeente=state.query_gemeente,
        organisatie=state.organisatie,
    )
    show_chart(cache.figure(charts.type_chart, type_rows(focus, types, summary)), "types")
with partners:
    st.header(_("Partners"))
    st.caption(
        _("Bijeenkomsten met deze partner, naar de plaats van de activiteit.")
        + (
            " " + _("De {n} partners met de meeste bijeenkomsten.").format(n=NATIONAL_PARTNERS)
            if focus.national
            else ""
        )
    )
    mix = cache.bereik_partners(state.period, level=focus.level, **scope)
    show_chart(cache.figure(charts.partner_chart, partner_rows(focus, mix)), "partners")

st.header(
    _("Alle {areas}").format(areas=LEVEL_NOUNS[state.level][1])
    if state.is_national
    else _("Alle gebieden")
)
show_table(
    area_table(state, cache.table(tables.bereik_table, reach), reach),
    "alle_gebieden",
    marked=focus.marks(reach),
)
for sentence in explanations(reach, state.attributie):
    st.caption(sentence)
if state.level in ("buurt", "eigen"):
    whole = (
        summary
        if focus.level == "gemeente"
        else cache.bereik(state.period, level="gemeente", attributie=state.attributie, **scope)
    )
    unplaced = unplaced_sessions(reach, whole, state.level)
    if unplaced:
        st.caption(unplaced)

with tools:
    share_tools(state, "Bereik", lambda: download_tables(reach, focus, trend, types, mix, summary))
