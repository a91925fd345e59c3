"""Continuïteit: do professionals stay long enough in a wijk to build relationships?"""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard.display import charts, exports, tables
from dashboard.display import formatting as fmt
from dashboard.display.labels import ROL_LABELS
from dashboard.display.text import md
from dashboard.i18n import _, bind
from dashboard.screens.continuiteit import (
    DEFAULT_MAP_ROL,
    MAP_MEASURES,
    absent_roles_note,
    beside_gemeente,
    by_urgency,
    curve_level,
    curve_rows,
    download_tables,
    labelled,
    map_values,
    named_signals,
    no_names,
    own_share,
    roles_in_scope,
    short_period_note,
    spells_of,
    table_title,
)
from dashboard.screens.focus import focus_of
from dashboard.ui import audit, cache
from dashboard.ui.frame import (
    SIGNAL_ROW_PX,
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
    viewer,
)
from dashboard.ui.share import share_tools

state = frame("Continuïteit", filters=("rol", "organisatie"), organisaties="inzet")
who = viewer()
tools = st.container()  # filled at the end, when the figures are known
level = state.inzet_level
if state.level != level:
    st.info(
        _(
            "Continuïteit wordt per wijk gemeten (inzet is per wijk geregistreerd): dit scherm toont wijken."
        )
    )
note = short_period_note(state.period)
if note is not None:
    st.info(note)
scope = {"gemeente": state.query_gemeente, "rol": state.rol, "organisatie": state.organisatie}
on = fmt.long_date(state.end)  # the date itself: "peildatum" is not a word people use
per_area = cache.continuiteit(state.period, level=level, **scope)
map_rol = state.rol or DEFAULT_MAP_ROL
focus = focus_of(state, per_area, gemeente_naam(state), level=level)
# names only for a team lead, only of their own organisations, and only once the audit log
# has recorded that they see them (docs/DESIGN.md §7); else the letters and a short message
show_names = audit.names_viewed(who, "Continuïteit")
if who.sees_names and not show_names:
    st.warning(_(audit.NAMES_UNAVAILABLE), icon=":material/warning:")
names = (
    cache.professional_namen(state.query_gemeente, tuple(sorted(who.organisaties)))
    if show_names
    else no_names()
)

map_column, signal_column = side_by_side(state, "kaart")
with map_column:
    measure = map_choice(
        _("Op de kaart ({role})").format(role=ROL_LABELS[map_rol].lower()),
        MAP_MEASURES,
        key="cont_maat",
    )
    state = area_map(
        map_values(per_area, measure, map_rol),
        "value",
        MAP_MEASURES[measure],
        state,
        level,
        "kaart_continuiteit",
        text_column="tekst",
    )
    if clear_selection_button(state, focus.label) != state:
        st.rerun()
with signal_column:
    st.header(_("Signalen voor teamleiders · {area}").format(area=md(focus.label)))
    st.caption(
        _(
            "Inzet die binnen 90 dagen na {date} eindigt zonder opvolger, en rollen die op {date}"
            " onbezet zijn terwijl de wijk ze het jaar ervoor wel had."
        ).format(date=on)
    )
    signals = by_urgency(focus.within(cache.continuiteit_signalen(state.end, **scope)))
    if show_names:
        own = named_signals(signals, names, who)
        if own.empty:
            st.success(_("Geen signalen voor uw organisatie op {date}.").format(date=on))
        else:
            st.dataframe(
                area_table(state, cache.table(tables.named_signals_table, own), own),
                hide_index=True,
                width="stretch",
                row_height=SIGNAL_ROW_PX,
            )
            st.download_button(
                _("Signalen als Excel (XLSX)"),
                data=bind(partial(exports.signals_xlsx, own)),  # made only when clicked
                file_name=f"signalen-{state.end.isoformat()}.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key="cont_signalen_xlsx",
            )
        if not signals.empty:
            st.caption(own_share(len(own), len(signals)))
    # a team lead sees the named signals of their own organisation first, then all of them
    all_signals = _("Alle signalen, zonder namen ({n})").format(n=fmt.number(len(signals)))
    with st.expander(all_signals) if show_names else st.container():
        if signals.empty:
            st.success(_("Geen signalen op {date}.").format(date=on))
        else:
            st.dataframe(
                area_table(state, cache.table(tables.signalen_table, signals), signals),
                hide_index=True,
                width="stretch",
            )

st.header(_("Hoe lang blijven professionals? · {area}").format(area=md(focus.label)))
curve = cache.verblijfsduur_curve(state.period, level=curve_level(focus), **scope)
show_chart(cache.figure(charts.survival_chart, curve_rows(focus, curve)), "overleving")
st.caption(
    _(
        "Van de professionals die in deze periode in de wijk werkten: welk deel er na zoveel jaar"
        " nog werkte, gerekend vanaf de start van ieders inzet. Wie er op {date} nog werkt, telt"
        " mee tot die dag. Waar de lijn boven 50% blijft, is de mediaan 'langer dan' de langste"
        " duur tot nu toe."
    ).format(date=on)
)

st.header(_("Wie was er wanneer?"))
if focus.national:
    st.info(
        _(
            "De tijdlijn toont de professionals van één wijk: klik op de kaart op een gemeente (of,"
            " met gebiedsniveau CBS-wijk, op een wijk) om die te openen."
        )
    )
else:
    spells = labelled(cache.spell_tijdlijn(state.period, **scope), names, who)
    wijken = dict(zip(per_area["gebiedscode"], per_area["naam"], strict=False))
    wijk = (
        focus.code
        if focus.is_area
        else st.selectbox(
            _("Wijk"), list(wijken), format_func=lambda c: wijken[c], key="cont_tijdlijn_wijk"
        )
    )
    timeline = cache.figure(charts.spell_timeline, spells_of(spells, wijk), state.end, state.start)
    show_chart(timeline, "tijdlijn")
    if show_names:
        st.caption(
            _(
                "Namen staan alleen bij professionals van uw eigen organisatie; de anderen heten"
                " Opbouwwerker A, B, … per wijk en rol, in volgorde van start. Wie ook bij een"
                " andere organisatie werkte, heeft daar een eigen letter."
            )
        )

# a selected wijk focuses the table too; the map above still compares all wijken
in_scope, absent = roles_in_scope(per_area, state.organisatie)
table_rows = focus.within(in_scope, "gebiedscode")
beside = focus.is_area and not state.is_national  # each rol beside the same in the gemeente
if beside:
    whole = cache.continuiteit(state.period, level="gemeente", **scope)
    table_rows = beside_gemeente(table_rows, whole)
st.header(table_title(md(focus.label) if focus.is_area else None, level))
if beside:
    st.caption(
        _("Onder elke rol van {area}: dezelfde rol in heel {gemeente}.").format(
            area=md(focus.label), gemeente=md(gemeente_naam(state))
        )
    )
show_table(
    area_table(state, cache.table(tables.continuiteit_table, table_rows), table_rows),
    "per_wijk_en_rol",
    widen_long_texts=False,
)
st.caption(
    _(
        "Verloop: vertrekken in de periode per gemiddeld aantal bezette plaatsen, omgerekend naar een jaar"
        " (boven 100%: meer dan één wisseling per plaats per jaar). Gezichten: verschillende professionals."
        " Onbezette dagen: dagen zonder iemand in die rol, per wijk geteld (voor een gemeente: opgeteld over"
        " haar wijken, dus soms meer dan de dagen van de periode). Continuïteitsindex: aandeel van de fte op"
        " {date} van mensen die er al minstens twee jaar werken; 'geen gegevens' als er op die dag"
        " niemand is. Geen inzet: niemand werkte in de periode in die rol in dat gebied."
    ).format(date=on)
)
absent_note = absent_roles_note(absent)
if absent_note:
    st.caption(absent_note)

with tools:
    # read now: the workbook is made when clicked, maybe outside this run and its caches
    gemeenten = gemeente_namen() if state.is_national else None
    share_tools(
        state,
        "Continuïteit",
        lambda: download_tables(table_rows, signals, focus, level, gemeenten),
        notes=[n for n in (note, absent_note) if n is not None],
    )
