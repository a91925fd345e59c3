"""Opbrengst: does the long relationship pay off? Continuity of opbouwwerk beside what happens in
the wijk, over all years of data, with what the figures can and cannot show."""

from __future__ import annotations

import streamlit as st

from dashboard.display import charts, export
from dashboard.display.text import md
from dashboard.i18n import _, bind
from dashboard.screens import opbrengst
from dashboard.ui import cache
from dashboard.ui.frame import frame, gemeente_naam, is_fictitious, show_chart, show_table
from dashboard.ui.share import export_buttons

state = frame("Opbrengst", period=False)
if state.is_national:
    st.info(
        _(
            "Opbrengst vergelijkt de wijken van één gemeente over de jaren: kies eerst een"
            " gemeente in de zijbalk."
        )
    )
    st.stop()

name = gemeente_naam(state)
found = cache.opbrengst(state.gemeente)
st.caption(
    _(
        "Blijft een opbouwwerker lang, doen er dan meer bewoners mee? Per wijk en jaar de"
        " continuïteit van het opbouwwerk naast wat er in de wijk gebeurt, en bij elke wisseling"
        " van opbouwwerker de 12 maanden ervoor tegen de 12 maanden erna. Over alle jaren met"
        " registraties; de periode in de zijbalk geldt hier niet."
    )
)
st.info("\n\n".join(md(line) for line in opbrengst.honesty(found)), icon=":material/help:")
if not found.years:
    st.stop()

st.header(_("Wijken door de jaren"))
x_column, y_column = st.columns(2)
with x_column:
    x = st.radio(
        _("Continuïteit (horizontaal)"),
        opbrengst.CONTINUITY_AXES,
        format_func=bind(lambda c: opbrengst.CONTINUITY[c].short),
        horizontal=True,
        key="ob_x",
    )
with y_column:
    y = st.radio(
        _("Uitkomst (verticaal)"),
        list(opbrengst.OUTCOMES),
        format_func=bind(lambda c: opbrengst.OUTCOMES[c].short),
        horizontal=True,
        key="ob_y",
    )
xm, ym = opbrengst.CONTINUITY[x], opbrengst.OUTCOMES[y]
st.caption(
    _(
        "Elke lijn is één wijk, van het eerste jaar naar het laatste: de pijlpunt is {year};"
        " eindigt een lijn eerder, dan staat dat jaartal erbij. Continuïteitsindex: het aandeel"
        " fte opbouwwerk op 31 december dat er al 2 jaar of langer is. Een jaar zonder cijfer (te"
        " weinig mensen om te tonen) wordt overgeslagen."
    ).format(year=found.years[-1])
)
show_chart(
    cache.figure(
        charts.paths_chart,
        opbrengst.points(found, x, y),
        xm.short,
        ym.short,
        xm.decimals,
        ym.decimals,
    ),
    "ob_paden",
)

st.header(_("Voor en na een wisseling van opbouwwerker"))
st.caption(
    _(
        "Bij elk vertrek en elke nieuwe opbouwwerker: de 12 hele maanden ervoor tegen de 12 erna"
        " (de maand van de wisseling zelf telt niet mee). Rood: de plek bleef {days} dagen of"
        " langer leeg (of er kwam binnen een jaar niemand)."
    ).format(days=opbrengst.LONG_GAP_DAYS)
)
show_chart(
    cache.figure(charts.events_chart, opbrengst.event_frame(found, y), ym.short, ym.decimals),
    "ob_voor_na",
)
changes = cache.opbrengst_changes(state.gemeente)
st.markdown("**" + _("Gemiddeld over de wisselingen") + "**")
show_table(opbrengst.changes_table(changes), "gemiddeld")
with st.expander(_("Alle wisselingen ({n})").format(n=len(found.events))):
    show_table(opbrengst.events_table(found, y), "wisselingen")

st.header(_("Samenhang over wijken en jaren"))
st.caption(
    _(
        "Rangcorrelatie (Spearman) over alle wijk-jaren, met een 95%-band uit een bootstrap over"
        " wijken: steeds opnieuw een trekking van wijken, met al hun jaren. Een band die over de"
        " 0 loopt, zegt: met deze gegevens is niet te zeggen of er een verband is."
    )
)
found_associations = cache.opbrengst_associations(state.gemeente, x)
show_chart(
    cache.figure(
        charts.association_chart,
        opbrengst.association_frame(found_associations, short=True),
        xm.short,
    ),
    "ob_samenhang",
)
show_table(opbrengst.association_table(found_associations), "samenhang")

st.header(_("Alle wijk-jaren"))
show_table(opbrengst.per_year_table(found), "wijk_jaren")

st.header(_("Downloaden"))
fictitious = is_fictitious(state)
export_buttons(
    ("xlsx", "png"),
    # the PNGs are drawn in a browser, the workbook runs the bootstrap: made only when clicked
    lambda kind: export.render(opbrengst.story(found, name, fictitious, x, y), kind)[0],
    lambda kind: f"opbrengst-{state.gemeente}.{'zip' if kind == 'png' else kind}",
    "ob_download",
)
