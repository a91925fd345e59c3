"""Dekking: where is opbouwwerk present or missing compared with need?"""

from __future__ import annotations

import streamlit as st

from dashboard.display import charts, tables
from dashboard.display.labels import LEVEL_NOUNS
from dashboard.display.text import md
from dashboard.domain.codes import OPBOUWWERKER
from dashboard.i18n import _
from dashboard.screens.dekking import (
    MAP_MEASURES,
    components_table,
    download_tables,
    empty_at_end,
    high_need_low_coverage,
    kwadrant_known,
    per_gemeente,
    without_opbouwwerk,
)
from dashboard.screens.focus import focus_of
from dashboard.screens.indicators import level_note, map_level
from dashboard.ui import cache
from dashboard.ui.frame import (
    area_map,
    area_table,
    clear_selection_button,
    frame,
    gemeente_naam,
    gemeente_namen,
    map_choice,
    show_chart,
    show_table,
    side_by_side,
)
from dashboard.ui.share import share_tools

state = frame("Dekking", filters=("organisatie",), organisaties="inzet")
tools = st.container()  # filled at the end, when the figures are known
level = state.inzet_level
if state.level != level:
    st.info(
        _(
            "Dekking wordt per wijk gemeten (inzet is per wijk geregistreerd): dit scherm toont wijken."
        )
    )
scope = {"gemeente": state.query_gemeente, "organisatie": state.organisatie}
dekking = cache.dekking(state.period, level=level, **scope)
per_wijk = dekking if level == "wijk" else cache.dekking(state.period, level="wijk", **scope)

map_column, quadrant_column = side_by_side(state, "kaart")
with map_column:
    measure = map_choice(_("Op de kaart"), MAP_MEASURES, key="dekking_maat", horizontal=True)
    shown = map_level(MAP_MEASURES[measure], level)
    note = level_note(MAP_MEASURES[measure], level)
    if note:
        st.caption(note)
    state = area_map(
        per_wijk if shown == "wijk" else dekking,
        measure,
        MAP_MEASURES[measure],
        state,
        shown,
        "kaart_dekking",
    )
with quadrant_column:
    if state.is_national:
        st.markdown("**" + _("Behoefte tegenover dekking per gemeente") + "**")
        st.caption(
            _(
                "Het kwadrant vergelijkt elke wijk met de mediaan van de wijken van haar eigen gemeente;"
                " hier staat per gemeente hoeveel wijken hoge behoefte en lage dekking hebben, en hoeveel"
                " geen opbouwwerk. Gemeenten met de meeste van zulke wijken staan bovenaan."
            )
        )
        totals = cache.dekking(state.period, level="gemeente", **scope)
        st.dataframe(cache.table(per_gemeente, totals, per_wijk), hide_index=True, width="stretch")
    else:
        st.markdown("**" + _("Behoefte tegenover dekking") + "**")
        show_chart(
            cache.figure(charts.quadrant_chart, dekking, selected=state.selected), "kwadrant"
        )

focus = focus_of(state, dekking, gemeente_naam(state), level="wijk")
if clear_selection_button(state, focus.label) != state:
    st.rerun()

missing_column, need_column = side_by_side(state, "tabellen")
with missing_column:
    st.header(_("Wijken zonder opbouwwerk"))
    absent = cache.table(
        without_opbouwwerk, per_wijk, gemeente_namen() if state.is_national else None
    )
    if absent.empty:
        st.success(_("Elke wijk had in deze periode opbouwwerk."))
    else:
        st.dataframe(absent, hide_index=True, width="stretch")
        st.caption(
            _(
                "Geen inzet van een opbouwwerker in de periode; activiteiten van andere"
                " organisaties kunnen er wel zijn (zie Bereik)."
            )
        )
    if not state.is_national:  # nationally the signals of every gemeente: see Continuïteit
        signalen = cache.continuiteit_signalen(
            state.end,
            gemeente=state.query_gemeente,
            rol=OPBOUWWERKER,
            organisatie=state.organisatie,
        )
        empty = empty_at_end(signalen, per_wijk, state.end)
        if empty:
            st.caption(md(empty))
    st.header(_("Hoge behoefte, lage dekking"))
    gap = cache.table(
        high_need_low_coverage, per_wijk, gemeente_namen() if state.is_national else None
    )
    if gap.empty:
        st.caption(
            _("Geen wijk met hoge behoefte en lage dekking in deze periode.")
            if kwadrant_known(per_wijk)
            else _(
                "Geen gegevens: het kwadrant vraagt de behoefte-index en de inwoners (CBS) van"
                " deze periode."
            )
        )
    else:
        st.dataframe(gap, hide_index=True, width="stretch")
        st.caption(
            _(
                "Wijken waarvan de behoefte-index boven de mediaan van de wijken van de gemeente"
                " ligt en de fte per 10.000 inwoners op of onder de mediaan van de wijken."
            )
        )

with need_column:
    st.header(_("Zo is de behoefte-index opgebouwd"))
    indicatoren = cache.behoefte_indicatoren()
    show_chart(cache.figure(charts.indicator_weights_chart, indicatoren), "gewichten")
    if focus.is_area:
        parts = cache.behoefte_componenten(
            state.period, level="wijk", gemeente=state.query_gemeente
        )
        st.markdown(f"**{md(focus.label)}**")
        st.dataframe(
            components_table(focus.rows(parts), indicatoren), hide_index=True, width="stretch"
        )

noun, nouns = LEVEL_NOUNS[level]
st.header(_("Alle {areas}").format(areas=nouns))
st.caption(
    _(
        "Fte opbouwwerk is het gemiddelde over de gekozen periode (inzet die halverwege begint of stopt"
        " telt naar rato)."
    )
    + " "
    + (
        _(
            "Behoefte-index en kwadrant vergelijken wijken binnen één gemeente en staan daarom bij de"
            " wijken, niet per gemeente."
        )
        if level == "gemeente"
        else _(
            "Kwadrant: behoefte en dekking elk vergeleken met de mediaan van de wijken van de"
            " gemeente (hoog: erboven; laag: gelijk of eronder)."
        )
    )
)
show_table(
    area_table(
        state,
        cache.table(tables.dekking_table, dekking, area=noun.capitalize(), need=level == "wijk"),
        dekking,
    ),
    "alle_gebieden",
    marked=focus.marks(dekking),
)

with tools:
    share_tools(
        state,
        "Dekking",
        lambda: download_tables(
            dekking,
            per_wijk,
            _("Alle {areas}").format(areas=nouns),
            noun.capitalize(),
            level == "wijk",
        ),
    )
