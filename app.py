"""Overzicht: headline figures of the three themes and a map of a chosen indicator."""

from __future__ import annotations

import streamlit as st

from dashboard.display import formatting as fmt
from dashboard.display.labels import LEVEL_NOUNS
from dashboard.display.text import md
from dashboard.domain.codes import level_of
from dashboard.i18n import _
from dashboard.screens import indicators, overzicht
from dashboard.screens.indicators import MAP_INDICATORS
from dashboard.screens.overzicht import NATIONAL_NOT_SHOWN, change_of
from dashboard.ui import cache
from dashboard.ui.frame import (
    area_map,
    area_table,
    clear_selection_button,
    fitted_columns,
    frame,
    gemeente_naam,
    map_choice,
)
from dashboard.ui.share import share_tools

state = frame("Overzicht")
tools = st.container()  # filled at the end, when the figures are known

# a selected area focuses the headline figures, with the gemeente's beside them
area = None if state.is_national else state.selected
area_level = level_of(area)
area_name = (
    overzicht.area_name(cache.run, area, area_level, state.gemeente)
    if area is not None and area_level
    else None
)
focused = area if area_name else None
focus_level = area_level if area_name and area_level else "wijk"
# people compare a year with the year before, a quarter or month with the same one a year earlier
previous = state.period.year_earlier()
first_day = cache.data_range(state.query_gemeente)
comparable = first_day is not None and previous.start >= first_day[0]
# the period and a year earlier at once (their queries run side by side)
figures, *earlier = cache.headlines(
    state.query_gemeente, [state.period, *([previous] if comparable else [])], focused, focus_level
)
before = earlier[0] if comparable else [None] * len(figures)
whole = cache.headline(state.query_gemeente, state.start, state.end) if area_name else None
if area_name:
    st.markdown("**" + _("Kerncijfers van {area}").format(area=md(area_name)) + "**")
for column, theme in zip(st.columns(3), ("Bereik", "Continuïteit", "Dekking"), strict=True):
    with column:
        st.header(_(theme))
        for figure, old in zip(figures, before, strict=True):
            if figure.theme == theme:
                change = change_of(figure, old)
                st.metric(
                    _(figure.label),
                    _(figure.text),
                    delta=None if change is None else change.text,
                    delta_color=figure.delta_color if change is None else change.color,
                    delta_arrow="auto" if change is None else change.arrow,
                    help=_(figure.help),
                )
                beside = overzicht.gemeente_beside(figure, whole, gemeente_naam(state))
                if beside:
                    st.caption(md(beside))
        note = overzicht.continuity_note(figures) if theme == "Continuïteit" else None
        if note:
            st.caption(_(note))
by_year = None  # the figures per calendar year, when the reader opens them (and downloads)
if comparable:
    st.caption(fmt.comparison_text(state.period))
if state.is_national:
    st.caption(_(NATIONAL_NOT_SHOWN))
elif state.gemeente and first_day is not None and (years := overzicht.whole_years(*first_day)):
    # on demand: every year asks the continuity and coverage queries again
    toggle = (
        _("Kerncijfers per kalenderjaar van {area}").format(area=md(area_name))
        if area_name
        else _("Kerncijfers per kalenderjaar")
    )
    if st.toggle(toggle, key="ov_jaren"):
        by_year = cache.per_year(state.gemeente, tuple(years), focused, focus_level)
        per_year = overzicht.year_table(by_year)
        st.dataframe(
            per_year,
            hide_index=True,
            width="stretch",
            # every text whole; the labels stay in view when older years are scrolled to
            column_config=fitted_columns(per_year, _("Kerncijfer")),
        )
        st.caption(
            _(
                "Alle hele kalenderjaren met gegevens, van {last} terug tot {first}, elk"
                " met dezelfde regels als de kerncijfers hierboven."
            ).format(last=years[-1], first=years[0])
        )

st.header(_("Kaart"))
key = map_choice(_("Indicator op de kaart"), MAP_INDICATORS, key="ov_indicator")
indicator = MAP_INDICATORS[key]
level = indicators.map_level(indicator, state.level)
note = indicators.level_note(indicator, state.level)
if note:
    st.caption(note)
values = overzicht.map_rows(indicator, state, cache.run)
state = area_map(values, "value", indicator, state, level, "kaart_overzicht", text_column="tekst")

chosen = values[values["gebiedscode"] == state.selected]
if not chosen.empty:
    name = chosen["naam"].iloc[0]
    st.markdown(
        f"**{md(name)}** · {_(indicator.label)}:"
        f" {indicators.value_beside_label(indicator, chosen['value'].iloc[0])}"
    )
    if clear_selection_button(state, name) != state:
        st.rerun()
elif state.is_national:
    st.caption(
        _(
            "Klik op een gebied op de kaart, of kies het in de lijst boven de kaart, om die"
            " gemeente te openen."
        )
    )
else:
    st.caption(
        _(
            "Klik op een gebied op de kaart of kies het in de lijst boven de kaart; de keuze komt"
            " in de link te staan."
        )
    )

if state.is_national:
    st.header(_("Per {area}").format(area=LEVEL_NOUNS[level][0]))
    st.dataframe(
        area_table(state, overzicht.indicator_table(values, indicator), values),
        hide_index=True,
        width="stretch",
    )

with tools:
    share_tools(
        state,
        "Overzicht",
        lambda: overzicht.download_tables(
            figures,
            before,
            fmt.period_name(previous) if comparable else None,
            values,
            indicator,
            by_year,
        ),
    )
