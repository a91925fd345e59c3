"""Overzicht: headline figures of the three themes and a map of a chosen indicator."""

from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard import formatting as fmt
from dashboard.frame import (
    area_map,
    clear_selection_button,
    frame,
    map_choice,
)
from dashboard.headline import delta_text
from dashboard.indicators import MAP_INDICATORS, format_value, indicator_values, map_level

state = frame("Overzicht")

figures = cache.headline(state.gemeente, state.start, state.end)
previous = state.period.previous()
first_day = cache.data_range(state.gemeente)
comparable = first_day is not None and previous.start >= first_day[0]
before = (
    cache.headline(state.gemeente, previous.start, previous.end)
    if comparable
    else [None] * len(figures)
)
for column, theme in zip(st.columns(3), ("Bereik", "Continuïteit", "Dekking"), strict=True):
    with column:
        st.subheader(theme)
        for figure, old in zip(figures, before, strict=True):
            if figure.theme == theme:
                st.metric(
                    figure.label,
                    figure.text,
                    delta=delta_text(figure, old),
                    delta_color=figure.delta_color,
                    help=figure.help,
                )
if comparable:
    st.caption(
        f"Verandering ten opzichte van {fmt.dutch_date(previous.start)} t/m {fmt.dutch_date(previous.end)}."
    )

st.subheader("Kaart")
key = map_choice("Indicator op de kaart", MAP_INDICATORS, key="ov_indicator")
indicator = MAP_INDICATORS[key]
level = map_level(indicator, state.level)
if level != state.level:
    st.caption(
        f"{indicator.label} wordt per wijk gemeten (inzet is per wijk geregistreerd): de kaart toont wijken."
    )
values = indicator_values(indicator, state, cache.query)
state = area_map(values, "value", indicator, state, level, "kaart_overzicht", text_column="tekst")

chosen = values[values["gebiedscode"] == state.selected]
if not chosen.empty:
    name = chosen["naam"].iloc[0]
    st.markdown(
        f"**{name}** · {indicator.label}: {format_value(indicator, chosen['value'].iloc[0])}"
    )
    if clear_selection_button(state, name) != state:
        st.rerun()
else:
    st.caption(
        "Klik op een gebied op de kaart om het te kiezen; de keuze komt in de link te staan."
    )
