"""The frame every screen calls first: page config, links, banner and the shared sidebar.

`app.py` and each file in `pages/` start with `state = frame("Bereik", ...)`. The
frame reads the filters from the URL (so a link reproduces a view, also on a
freshly started server), draws the sidebar widgets, writes the choices back to
the URL, and returns them as a `filters.State`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal, cast

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.elements.lib.column_types import ColumnConfig

from dashboard import i18n
from dashboard.display import chart_table, maps, tables
from dashboard.display import formatting as fmt
from dashboard.display.labels import LEVEL_LABELS, LEVEL_NOUNS, ROL_LABELS
from dashboard.display.text import md
from dashboard.domain.codes import (
    AREA_LEVELS,
    NATIONAL,
    NATIONAL_LEVELS,
    NATIONAL_NAME,
    OWN_LEVEL,
    ROLLEN,
    level_of,
)
from dashboard.i18n import N_, _
from dashboard.screens.access import PUBLIC, Viewer
from dashboard.screens.indicators import MapIndicator
from dashboard.screens.state import (
    PARAM,
    Options,
    State,
    from_query_params,
    to_query_params,
)
from dashboard.ui import a11y, auth, cache, language, layout, presentation, table_sort
from dashboard.ui.dates import apply_typed_dates_on_enter_and_tab


@dataclass(frozen=True)
class Screen:
    """A screen: its script, title (Dutch, as the pages pass it to `frame`; shown translated) and icon."""

    path: str
    title: str
    icon: str


SCREENS: tuple[Screen, ...] = (
    Screen("app.py", N_("Overzicht"), ":material/dashboard:"),
    Screen("pages/bereik.py", N_("Bereik"), ":material/groups:"),
    Screen("pages/continuiteit.py", N_("Continuïteit"), ":material/handshake:"),
    Screen("pages/dekking.py", N_("Dekking"), ":material/map:"),
    Screen("pages/wijkprofiel.py", N_("Wijkprofiel"), ":material/location_city:"),
    Screen("pages/opbrengst.py", N_("Opbrengst"), ":material/trending_up:"),
    Screen("pages/gegevens.py", N_("Gegevens"), ":material/upload_file:"),
)

# The sidebar filters a screen can ask for, beyond gemeente, period and level.
# Characters of a choice that the sidebar's select box shows whole at its narrowest (the
# sidebar at 1024×768); a longer chosen organisation is written out under it.
SELECT_CHARS = 20
EXTRA_FILTERS = ("attributie", "rol", "organisatie", "activity_type")

ATTRIBUTIE_LABELS = i18n.Labels(
    {"waar": N_("Waar het gebeurt"), "wie": N_("Waar deelnemers wonen")}
)
ALL = "__alle__"


def _options(gemeente_codes: list[str], gemeente: str, level: str) -> Options:
    """What to choose from for one gemeente, or for the whole country (NATIONAL)."""
    national = len(gemeente_codes) >= 2
    scope = None if gemeente == NATIONAL else gemeente
    # The period runs over the data of the whole installation, for every gemeente: a
    # period then carries over when another gemeente is opened, and every gemeente starts
    # on the same default (one whose sessions stop a day earlier would shift it by a day).
    span = cache.data_range(None)
    if span is None:  # no registrations yet: offer the last year up to today
        today = date.today()
        span = (today - timedelta(days=364), today)
    orgs = cache.organisaties(scope)
    if scope is None:
        levels = NATIONAL_LEVELS
        areas = []  # nationally a click opens a gemeente: no area is selected
    else:
        own = cache.gebieden(OWN_LEVEL, scope)
        levels = (*AREA_LEVELS, OWN_LEVEL) if not own.empty else AREA_LEVELS
        shown = cache.gebieden(level if level in levels else "wijk", scope)
        wijken = cache.gebieden("wijk", scope)
        areas = shown["gebiedscode"].tolist() + wijken["gebiedscode"].tolist()
    return Options(
        gemeenten=gemeente_codes,
        first_day=span[0],
        last_day=span[1],
        organisaties=orgs["organisatie_id"].tolist(),
        activity_types=cache.activity_types(scope),
        areas=areas,
        levels=levels,
        national=national,
    )


def _index(options: list, value: object) -> int:
    return options.index(value) if value in options else 0


def frame(
    title: str,
    filters: Iterable[str] = (),
    organisaties: str | None = None,
    period: bool = True,
) -> State:
    """Set up the page and the shared sidebar; return the chosen filters.

    `organisaties` narrows the organisation filter to those with 'inzet' or that
    organise activities ('activiteit'), so every choice can show something. `period`
    False: the screen uses no period and no area level (Gegevens), so the sidebar shows
    neither; the link keeps them for the other screens.
    """
    language.apply()  # first: everything below is drawn in the chosen language
    st.set_page_config(page_title=f"{_(title)} · Wijkdashboard", page_icon="🏘️", layout="wide")
    layout.responsive()
    a11y.apply(language.current())  # <html lang> and the charts' names in that language
    table_sort.apply(language.current())  # a plain table's headers sort it (narrow pages)
    try:
        gemeenten = cache.gemeenten()
    except cache.DatabaseMissing as exc:
        st.error(
            _(
                "Er is nog geen database ({error}). Maak de demogemeente met `make run` of "
                "`python -m dashboard demo` en laad deze pagina opnieuw."
            ).format(error=exc)
        )
        st.stop()
    if gemeenten.empty:
        st.warning(
            _("De database bevat nog geen gemeente. Maak de demo met `python -m dashboard demo`.")
        )
        st.stop()
    who = _gate(title, gemeenten)
    filters = tuple(filters)
    unknown = set(filters) - set(EXTRA_FILTERS)
    if unknown:
        raise ValueError(f"Onbekende filters: {sorted(unknown)}")

    codes = gemeenten["gemeentecode"].tolist()
    names = {NATIONAL: _(NATIONAL_NAME), **dict(zip(codes, gemeenten["naam"], strict=True))}
    # "Heel Nederland" first, for an installation with more than one gemeente
    choices = [NATIONAL, *codes] if len(codes) >= 2 else codes
    params = st.query_params.to_dict()
    url_gemeente = params.get(PARAM["gemeente"])
    url_level = params.get(PARAM["level"])
    options = _options(
        codes,
        url_gemeente if url_gemeente is not None and url_gemeente in choices else codes[0],
        url_level or ("gemeente" if url_gemeente == NATIONAL else "wijk"),
    )
    url_state = from_query_params(params, options)
    clicked_map = st.session_state.pop(_RELOAD_KEY, None)
    if clicked_map:
        # A click on the national map opened a gemeente (now in the URL). The sidebar widgets
        # are set to it through the Session State API, so the browser shows the new values
        # too; the map forgets the click, so the same gemeente can be opened again later.
        st.session_state.update(
            {
                "flt_gemeente": url_state.gemeente,
                "flt_niveau": url_state.level,
                "flt_van": url_state.start,
                "flt_tot": url_state.end,
            }
        )
        for key in (clicked_map, f"{clicked_map}_verwerkt"):
            st.session_state.pop(key, None)

    links = st.sidebar.container()
    sidebar = st.sidebar
    # a selectbox or radio with an index always has a value (never None)
    gemeente = cast(
        str,
        sidebar.selectbox(
            _("Gemeente"),
            choices,
            index=_index(choices, url_state.gemeente),
            format_func=lambda code: names.get(code, code),
            key="flt_gemeente",
        ),
    )
    if gemeente != url_state.gemeente:  # another gemeente: its own data range and options
        # the whole country starts at its own default level (one area per gemeente)
        level = NATIONAL_LEVELS[0] if gemeente == NATIONAL else url_state.level
        if gemeente == NATIONAL:  # through the Session State API, so the browser shows it too
            st.session_state["flt_niveau"] = level
        options = _options(codes, gemeente, level)
        url_state = replace(from_query_params({PARAM["gemeente"]: gemeente}, options), level=level)
    if period:
        start = sidebar.date_input(
            _("Van"),
            value=url_state.start,
            min_value=options.first_day,
            max_value=options.last_day,
            format="DD-MM-YYYY",
            key="flt_van",
        )
        end = sidebar.date_input(
            _("Tot en met"),
            value=url_state.end,
            min_value=options.first_day,
            max_value=options.last_day,
            format="DD-MM-YYYY",
            key="flt_tot",
        )
        # A typed date outside this range never reaches the script: the field only turns
        # red (a team lead typing last month before its data arrived saw no reason why).
        sidebar.caption(
            _("Te kiezen: {first} t/m {last}.").format(
                first=fmt.dutch_date(options.first_day), last=fmt.dutch_date(options.last_day)
            )
        )
        # not under the slides: their keys must reach the slide buttons (a key pressed right
        # after opening was lost with this handler mounted, tests/e2e/test_presentation.py)
        if not presentation.is_requested():
            with sidebar:  # typed dates apply on Enter and Tab (see dashboard.ui.dates)
                apply_typed_dates_on_enter_and_tab()
        if end < start:
            sidebar.error(_("De einddatum ligt voor de startdatum; de periode is omgedraaid."))
            start, end = end, start
        level = sidebar.radio(
            _("Gebiedsniveau"),
            list(options.levels),
            index=_index(list(options.levels), url_state.level),
            format_func=i18n.bind(lambda code: LEVEL_LABELS.get(code, code)),
            horizontal=True,
            key="flt_niveau",
        )
    else:
        start, end, level = url_state.start, url_state.end, url_state.level
    state = replace(url_state, gemeente=gemeente, start=start, end=end, level=level)

    if "attributie" in filters:
        attributie = sidebar.radio(
            _("Bereik toekennen aan"),
            list(ATTRIBUTIE_LABELS),
            index=_index(list(ATTRIBUTIE_LABELS), state.attributie),
            format_func=i18n.bind(ATTRIBUTIE_LABELS.get),
            key="flt_attr",
        )
        state = replace(state, attributie=attributie)
    # the chosen filters, named in the line under the title: a screenshot on a projector
    # showed an organisation's figures with nothing to say so (a team lead's walk)
    chosen: list[str] = []
    if "rol" in filters:
        choices = [ALL, *ROLLEN]
        rol = sidebar.selectbox(
            _("Rol van professionals"),
            choices,
            index=_index(choices, state.rol or ALL),
            format_func=i18n.bind(lambda r: _("Alle rollen") if r == ALL else ROL_LABELS[r]),
            key="flt_rol",
        )
        state = replace(state, rol=None if rol == ALL else rol)
        if rol != ALL:
            chosen.append(ROL_LABELS[rol])
    if "organisatie" in filters:
        orgs = cache.organisaties(state.query_gemeente, role=organisaties)
        org_names = dict(zip(orgs["organisatie_id"], orgs["naam"], strict=True))
        choices = [ALL, *org_names]
        org = sidebar.selectbox(
            _("Organisatie"),
            choices,
            index=_index(choices, state.organisatie or ALL),
            format_func=i18n.bind(lambda o: _("Alle organisaties") if o == ALL else org_names[o]),
            key="flt_org",
        )
        state = replace(state, organisatie=None if org == ALL else org)
        if org != ALL:
            chosen.append(md(org_names[org]))
        if org != ALL and len(org_names[org]) > SELECT_CHARS:
            # the select box cuts a long name ("Lindenwaard Samen, v" at 1024×768)
            sidebar.caption(md(org_names[org]))
    if "activity_type" in filters:
        choices = [ALL, *options.activity_types]
        kind = sidebar.selectbox(
            _("Soort activiteit"),
            choices,
            index=_index(choices, state.activity_type or ALL),
            format_func=i18n.bind(lambda t: _("Alle soorten") if t == ALL else t),
            key="flt_type",
        )
        state = replace(state, activity_type=None if kind == ALL else kind)
        if kind != ALL:
            chosen.append(md(kind))
    if "organisatie" not in filters and params.get(PARAM["organisatie"]):
        # the link's organisation is kept for the other screens, but not used here
        chosen.append(_("alle organisaties"))

    state = replace(state, language=language.choose())
    if state.language != i18n.NL:  # the Dutch terms kept in English, explained once
        sidebar.caption(
            _("Wijk, buurt en opbouwwerk zijn Nederlandse begrippen zonder Engels equivalent.")
        )
    _sync_url(state)
    with links:
        for screen in SCREENS:
            if not who.may_open(screen.path):
                continue  # a screen this role may not open gets no link (and refuses anyway)
            st.page_link(
                screen.path,
                label=_(screen.title),
                icon=screen.icon,
                query_params=to_query_params(state),
            )
        st.divider()

    st.title(_(title))
    if is_fictitious(state):
        st.info(
            _(
                "Let op: alle gemeenten in deze gegevens zijn verzonnen; het zijn fictieve demogegevens."
            )
            if state.is_national
            else _(
                "Let op: {gemeente} is een verzonnen gemeente met fictieve demogegevens."
            ).format(gemeente=md(names[state.gemeente])),
            icon=":material/info:",
        )
    for note in url_state.notes:
        st.warning(md(note))
    # a screen without period and level (Gegevens) names only what it shows: the gemeente
    st.caption(
        " · ".join(
            [
                md(names[state.gemeente]),
                _("{start} t/m {end}").format(
                    start=fmt.dutch_date(state.start), end=fmt.dutch_date(state.end)
                ),
                LEVEL_LABELS[state.level],
                *chosen,
            ]
            if period
            else [md(names[state.gemeente]), *chosen]
        )
    )
    return replace(state, applied=frozenset(filters))


_VIEWER_KEY = "frame_kijker"


def _gate(title: str, gemeenten: pd.DataFrame) -> Viewer:
    """Who is looking, worked out anew on every run; stops a screen this viewer may not open."""
    screen = next((s for s in SCREENS if s.title == title), None)
    all_fictitious = bool(gemeenten["is_fictief"].astype(bool).all())
    demo_organisaties: dict[str, str] = {}
    if all_fictitious and not auth.login_configured():
        orgs = cache.organisaties(None, role="inzet")
        demo_organisaties = dict(zip(orgs["organisatie_id"], orgs["naam"], strict=True))
    who = auth.viewer(all_fictitious, demo_organisaties)
    # the viewer of this run, for the page that called the frame (never read from a link)
    st.session_state[_VIEWER_KEY] = who
    auth.show_viewer(who)  # first, so a refused user can still log out
    if screen is None or not who.may_open(screen.path):
        auth.refuse(title, who)
    return who


def viewer() -> Viewer:
    """The viewer the frame worked out in this run (call after `frame`)."""
    who = st.session_state.get(_VIEWER_KEY)
    return who if isinstance(who, Viewer) else PUBLIC


# Set (to the map's key) by a click on the national map: the next run sets the sidebar
# to the view in the URL.
_RELOAD_KEY = "frame_opnieuw_uit_link"


def _sync_url(state: State) -> None:
    """Write the state to the URL, touching only what changed; a screen's own choices stay."""
    current = st.query_params.to_dict()
    own = {k: v for k, v in current.items() if k not in PARAM.values()}
    wanted = {**own, **to_query_params(state)}
    if current != wanted:
        st.query_params.from_dict(wanted)


# URL parameter of a screen's own map choice (the measure on its map).
MAP_PARAM = "kaart"


def map_choice(
    label: str, options: Mapping[str, object], key: str, horizontal: bool = False
) -> str:
    """The measure to put on the map, kept in the URL so a link shows the same map."""
    names = list(options)
    current = st.query_params.get(MAP_PARAM)
    index = names.index(current) if current in names else 0
    labels = {k: _(getattr(v, "label", str(v))) for k, v in options.items()}
    if horizontal:
        picked = st.radio(
            label, names, index=index, format_func=lambda k: labels[k], horizontal=True, key=key
        )
    else:
        picked = st.selectbox(label, names, index=index, format_func=lambda k: labels[k], key=key)
    choice = picked
    if st.query_params.get(MAP_PARAM) != choice:
        st.query_params[MAP_PARAM] = choice
    return choice


def select_area(state: State, event: object, key: str) -> State:
    """Apply a map click: the clicked area becomes the selection (in the URL too).

    Nationally a click opens the clicked area's gemeente instead (see `_open_from_national`).
    """
    points = []
    if isinstance(event, dict):  # the plotly event, read by key (AppTest hands a plain dict)
        points = event.get("selection", {}).get("points", [])
    else:
        selection = getattr(event, "selection", None)
        points = selection.get("points", []) if selection is not None else []
    clicked = next((p.get("location") for p in points if p.get("location")), None)
    last_key = f"{key}_verwerkt"
    # A chart keeps its selection across reruns; only a new click changes the choice.
    if clicked is None or clicked == st.session_state.get(last_key):
        return state
    st.session_state[last_key] = clicked
    if state.is_national:
        new_state = _open_from_national(state, clicked)
        if new_state != state:
            st.session_state[_RELOAD_KEY] = key
    else:
        new_state = replace(state, selected=clicked)
    _sync_url(new_state)
    return new_state


def _open_from_national(state: State, clicked: str) -> State:
    """A click on the national map opens the clicked area's gemeente (with a wijk or buurt chosen)."""
    for level in NATIONAL_LEVELS:
        areas = cache.gebieden(level, None)
        match = areas[areas["gebiedscode"] == clicked]
        if match.empty:
            continue
        if level == "gemeente":
            return replace(state, gemeente=clicked, level="wijk", selected=None)
        gemeente = str(match["gemeentecode"].iloc[0])
        return replace(state, gemeente=gemeente, level=level, selected=clicked)
    return state  # not an area of this database: stay where we are


def clear_selection_button(state: State, label: str) -> State:
    """A button that clears the selected area, and a link to its Wijkprofiel; returns the
    state after a click."""
    if state.selected is None:
        return state
    profile_link(state, label)
    if st.button(
        _("Selectie '{area}' wissen").format(area=md(label)),
        key="sel_wissen",
        icon=":material/close:",
    ):
        new_state = replace(state, selected=None)
        _sync_url(new_state)
        return new_state
    return state


WIJKPROFIEL = "pages/wijkprofiel.py"


def profile_link(state: State, label: str) -> None:
    """A link to the Wijkprofiel of the selected area, carrying the view in the URL."""
    level = level_of(state.selected)
    if state.selected is None or level is None or not viewer().may_open(WIJKPROFIEL):
        return
    st.page_link(
        WIJKPROFIEL,
        label=_("Wijkprofiel van {area}").format(area=md(label)),
        icon=":material/location_city:",
        query_params=to_query_params(replace(state, level=level)),
    )


def is_fictitious(state: State) -> bool:
    """Whether the data shown is made up: the gemeente's, or nationally that of every gemeente."""
    fictief = cache.gemeente_fictitious()
    return all(fictief.values()) if state.is_national else fictief[state.gemeente]


def attribution(state: State) -> str:
    """The map attribution: CBS/Kadaster for real areas, a plain note for fictitious demo data only."""
    if not is_fictitious(state):
        return maps.ATTRIBUTION_CBS
    return maps.ATTRIBUTION_FICTIEF_LAND if state.is_national else maps.ATTRIBUTION_FICTIEF


def gemeente_naam(state: State) -> str:
    """The display name of the state's gemeente ("Heel Nederland" nationally)."""
    if state.is_national:
        return _(NATIONAL_NAME)
    return cache.gemeente_names()[state.gemeente]


def gemeente_namen() -> dict[str, str]:
    """The display name of every gemeente, by code (shared: callers only read it)."""
    return cache.gemeente_names()


def area_table(state: State, table: pd.DataFrame, source: pd.DataFrame) -> pd.DataFrame:
    """A display table of areas (or signals); nationally, wijken and buurten also name their gemeente."""
    per_gemeente = "niveau" in source and source["niveau"].eq("gemeente").all()
    if not state.is_national or per_gemeente or source.empty:
        return table
    return tables.with_gemeente(table, source["gemeentecode"], gemeente_namen())


def side_by_side(state: State, name: str) -> tuple[DeltaGenerator, DeltaGenerator]:
    """Two columns for one gemeente; nationally two full-width blocks, one under the other:
    the national tables carry a Gemeente column and would lose columns at half width.

    `name` (unique on the screen) keys the container around the columns, by which the
    layout puts them one below the other on a laptop when one holds a table."""
    if state.is_national:
        return st.container(), st.container()
    left, right = st.container(key=f"{layout.SIDE_BY_SIDE}_{name}").columns(2)
    return left, right


# Streamlit sizes a table's columns to their header and first cells as it measures them;
# on the Bereik screen "verborgen (kleine aantallen)" came out cut off at both screen
# sizes. A column whose longest text is longer than this many characters gets at least
# Streamlit's "medium" width (200 px at the default font), which holds it.
LONG_TEXT = 16


# The columns that name a row (its area, and its rol): pinned, so they stay in view when a wide table (nine
# columns on Bereik) scrolls sideways on a 1024-pixel projector.
_AREA_COLUMNS = (N_("Gemeente"), N_("Gebied"), N_("Wijk"), N_("Buurt"), N_("Rol"))


def longest_text(values: pd.Series) -> int:
    """The length of the longest text among `values` (numbers, dates and missing values not
    counted; a display table holds nothing else); 0 if there is no text.

    Vectorised: every run measures every cell of every table shown, and a Python loop over
    the cells was about 5% of the server's time under 20 sessions (py-spy --gil); 18.7 ->
    1.0 ms for a national table of 3,453 wijken."""
    if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
        return 0  # numbers, dates, booleans: no text
    try:
        lengths = values.str.len()
    except AttributeError:  # an object column without a single text
        return 0
    longest = lengths.max()
    return 0 if pd.isna(longest) else int(longest)


# Streamlit sizes a column to the texts of the rows it measures first, so a pinned column of
# names was cut further down ("Molenkwartie" in row 13 of Continuïteit's 54, under six
# "Centrum"s). A column that names its rows is given the width of its longest text instead,
# estimated at 8 px a character of the 14 px font (capitals included), plus the cell's padding.
_PX_PER_CHARACTER = 8
_CELL_PADDING_PX = 24
# A longer name is cut rather than take the room of the figures on a 1024-pixel projector,
# where a national table pins two columns of names (Gemeente, Gebied).
_MAX_NAME_WIDTH_PX = 250


def text_width(characters: int) -> int:
    """The pixel width of a table column whose longest text has this many characters."""
    return min(_MAX_NAME_WIDTH_PX, characters * _PX_PER_CHARACTER + _CELL_PADDING_PX)


def fitted_columns(table: pd.DataFrame, pinned: str) -> dict[str, ColumnConfig]:
    """Column settings that make every column as wide as its longest text (at most
    _MAX_NAME_WIDTH_PX), and keep `pinned` in view when the table scrolls sideways: in a
    table of years, "langer dan 13,8 jaar" was cut to "langer d" in a column sized to "2,1"."""
    return {
        str(column): st.column_config.TextColumn(
            width=text_width(max(longest_text(table[column]), len(str(column)))),
            pinned=str(column) == pinned,
        )
        for column in table.columns
    }


def show_table(
    table: pd.DataFrame,
    key: str,
    widen_long_texts: bool = True,
    marked: Sequence[bool] | None = None,
) -> None:
    """A display table across the width, without index, whole up to WHOLE_TABLE_ROWS rows.

    Such a table is drawn twice, and the width of the page picks one (dashboard.ui.layout):
    on a wide page a data grid the reader can sort; on a narrow one (a 1024-pixel projector)
    a plain HTML table that wraps its headers and cells, so that every column is in view (the
    grid showed 6 of Bereik's 9 and scrolled the rest). A longer table is only a grid (a box
    of ten rows that scrolls), where the area's name stays in view, at its full width, when
    it scrolls sideways. `key` names the pair on the page.

    `widen_long_texts`: a column with long texts gets Streamlit's "medium" width, so they are
    not cut (off where Streamlit's own sizing holds them, as for the names of rollen).
    `marked`: per row, whether it is the area chosen on the map (Focus.marks), drawn
    highlighted in both forms."""
    if marked is not None and not any(marked):
        marked = None
    if len(table) > WHOLE_TABLE_ROWS:
        _show_grid(table, widen_long_texts, marked)
        return
    with st.container(key=f"{layout.WIDE_TABLE}{key}"):
        _show_grid(table, widen_long_texts, marked)
    with st.container(key=f"{layout.NARROW_TABLE}{key}"):
        st.html(tables.html_table(table, i18n.current(), marked))


def _show_grid(
    table: pd.DataFrame, widen_long_texts: bool, marked: Sequence[bool] | None = None
) -> None:
    """The table as Streamlit's data grid (sortable), its naming columns pinned."""
    config: dict[str, ColumnConfig] = {}
    area_columns = {_(c) for c in _AREA_COLUMNS}
    for column in table.columns:
        longest, header = longest_text(table[column]), len(str(column))
        if column in area_columns:
            config[str(column)] = st.column_config.TextColumn(
                width=text_width(max(longest, header)), pinned=True
            )
        elif widen_long_texts and longest > max(LONG_TEXT, header):
            config[str(column)] = st.column_config.TextColumn(width="medium")
    st.dataframe(
        table if marked is None else tables.marked_rows(table, marked),
        hide_index=True,
        width="stretch",
        height=table_height(len(table)),
        column_config=config or None,
    )


# A table of up to this many rows is shown whole: a box of ten rows that scrolls inside the
# page hid 44 of Continuïteit's 54 rows from a team lead, and is hard to scroll on a
# projector. 120 holds the wijken and rollen of a gemeente of 20 wijken; longer tables (a
# city's buurten, a national list) keep Streamlit's box of ten rows.
WHOLE_TABLE_ROWS = 120


# Rows of two to three lines for a table of sentences (a team lead's named signals): only a
# row taller than 4rem (64 px) lets Streamlit wrap a cell's text, which it otherwise cuts
# ("… stopt over 27 d" at 1024×768, a team lead's walk).
SIGNAL_ROW_PX = 68


def table_height(rows: int) -> Literal["content", "auto"]:
    """Streamlit's height for a table of this many rows: all of them, or a scrolling box."""
    return "content" if rows <= WHOLE_TABLE_ROWS else "auto"


def show_chart(figure: go.Figure, key: str, table: bool = True) -> None:
    """Show a chart with our own styling (Streamlit's theme would replace the Dutch separators),
    and under it the same data as a table ("Toon als tabel"), its text alternative.

    `table` False: a chart whose message the text beside it already gives (the Wijkprofiel's
    locator map). The chart's accessible name comes from its title (dashboard.ui.a11y)."""
    st.plotly_chart(cache.drawable(figure), key=key, theme=None, config=maps.plotly_config())
    if table:
        show_as_table(figure, key)


# A table alternative longer than this is shown as a scrolling data grid, not in full.
FULL_TABLE_ROWS = 200


def table_key(chart_key: str) -> str:
    """The widget key of the "Toon als tabel" under the chart with this key (open or closed)."""
    return f"{chart_key}_tabel"


def show_as_table(figure: go.Figure, chart_key: str) -> None:
    """The chart's data in a collapsed "Toon als tabel" (nothing for a chart without data).

    The table is made and sent only once it is opened (a rerun): a closed one still cost the
    browser its every cell (four tables of Bereik 0.17 s to draw, docs/performance.md), and
    the server a message per cell on every run."""
    data = cache.figure_table(figure)
    if data.empty:
        return
    name = chart_table.title(figure)
    box = st.expander(
        _("Toon als tabel: {name}").format(name=md(name)) if name else _("Toon als tabel"),
        key=table_key(chart_key),
        on_change="rerun",
    )
    if not box.open:
        return
    with box:
        if len(data) > FULL_TABLE_ROWS:
            show_table(data, table_key(chart_key))  # a grid: never read as markdown
        else:
            # a real HTML table for screen readers; st.table reads markdown, so every cell as text
            st.table(cache.figure_table_as_text(figure), hide_index=True)


def show_map(figure: go.Figure, key: str, state: State) -> State:
    """Show a clickable map; a click on an area selects it, or nationally opens its gemeente
    (and the script reruns to show that)."""
    event = st.plotly_chart(
        cache.drawable(figure),
        key=key,
        theme=None,
        on_select="rerun",
        selection_mode="points",
        config=maps.plotly_config(),
    )
    new_state = select_area(state, event, key)
    if new_state != state:
        st.rerun()
    show_as_table(figure, key)
    return state


_NO_AREA = ""


def area_picker(areas: pd.DataFrame, state: State, level: str, key: str) -> State:
    """A list of the map's areas that chooses one as a click on the map does (the map without a
    mouse, WCAG 2.1.1): the same selection in the URL, nationally the area's gemeente opened.

    It follows the selection made elsewhere (a click, the URL, "Selectie wissen")."""
    noun = LEVEL_NOUNS.get(level, ("gebied", "gebieden"))[0]
    names = dict(zip(areas["gebiedscode"], areas["naam"].astype(str), strict=True))
    # nationally the map's names already carry their gemeente ('Centrum (Lindenwaard)')
    codes = sorted(names, key=lambda c: (names[c].casefold(), c))
    widget, shown = f"{key}_kies", f"{key}_kies_getoond"
    current = state.selected if not state.is_national and state.selected in names else _NO_AREA
    # the selection changed elsewhere, or the widget is new on this page: show the selection
    if st.session_state.get(shown) != current or widget not in st.session_state:
        st.session_state[widget] = current
    st.session_state[shown] = current
    if not state.is_national:
        label = _("Kies een {area} (zoals een klik op de kaart)").format(area=noun)
    elif level == "gemeente":
        label = _("Open een gemeente (zoals een klik op de kaart)")
    else:
        label = _("Open de gemeente van een {area} (zoals een klik op de kaart)").format(area=noun)
    picked = st.selectbox(
        label,
        [_NO_AREA, *codes],
        format_func=i18n.bind(lambda c: _("Geen keuze") if c == _NO_AREA else names[c]),
        key=widget,
    )
    if picked == current:
        return state
    st.session_state[shown] = picked
    if state.is_national:
        new_state = _open_from_national(state, picked) if picked else state
        if new_state != state:
            st.session_state[_RELOAD_KEY] = widget
    else:
        new_state = replace(state, selected=picked or None)
    if new_state != state:
        _sync_url(new_state)
        st.rerun()
    return state


def area_map(
    values: pd.DataFrame,
    column: str,
    spec: MapIndicator,
    state: State,
    level: str,
    key: str,
    text_column: str | None = None,
) -> State:
    """Draw a clickable map of one measure over the gemeente's areas of `level`; a click selects an area.

    Nationally the map covers the whole country, and a click opens the clicked area's gemeente.
    """
    if state.is_national and level == "buurt":
        n = len(cache.gebieden("buurt", None))
        st.warning(
            _(
                "De kaart van alle {n} buurten van het land is zwaar: bij heel Nederland"
                " ongeveer 3 MB, en de browser doet enkele seconden over het tekenen. Kies 'Gemeente'"
                " of 'CBS-wijk' voor een snelle kaart."
            ).format(n=fmt.number(n)),
            icon=":material/hourglass_top:",
        )
    shapes = cache.geometry(level, state.query_gemeente)
    area_picker(shapes, state, level, key)
    figure = cache.map_figure(
        level,
        state.query_gemeente,
        values,
        column=column,
        title=_(spec.label),
        unit=_(spec.unit),
        decimals=spec.decimals,
        persons=spec.persons,
        selected=state.selected,
        attribution=attribution(state),
        text_column=text_column,
        # what the wijk has, switched on in the legend (issue 16)
        layer=None if state.is_national else state.period,
    )
    return show_map(figure, key, state)
