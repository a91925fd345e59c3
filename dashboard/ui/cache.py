"""The app's database connection and cached query results (Streamlit only).

One read-only root connection per database location (cache_resource); every
query runs on its own cursor, because a DuckDB connection is not safe to share
across Streamlit's session threads (docs/STACK_NOTES.md).
"""

from __future__ import annotations

import os
import tempfile
import threading
import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

import duckdb
import geopandas as gpd
import orjson
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from plotly.basedatatypes import BaseFigure
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from dashboard import i18n
from dashboard.config import database_location as _configured_location
from dashboard.display import chart_table, maps, tables
from dashboard.display.story import Story
from dashboard.domain.period import Period
from dashboard.screens import opbrengst as _opbrengst
from dashboard.screens import plekken as _plekken
from dashboard.screens import wijkprofiel as _wijkprofiel
from dashboard.screens.overzicht import Figure, headline_figures, per_year_figures
from dashboard.ui.digest import frame_digest, series_digest
from dashboard.warehouse import area_shapes, queries, store
from dashboard.warehouse.store import open_current

P = ParamSpec("P")
R = TypeVar("R")


class DatabaseMissing(RuntimeError):
    """The configured database file does not exist yet."""


# DuckDB's own memory (its buffer cache and query state) in the app process; DuckDB's
# default, 80% of the machine, let a national-size app grow past 1.5 GB. Queries that
# need more spill to a temporary folder (never beside a read-only shared database).
MEMORY_ENV_VAR = "WIJKDASHBOARD_DUCKDB_MEMORY"
DEFAULT_MEMORY = "1GB"


# Each import makes a new database version; two entries let the old one finish serving.
@st.cache_resource(show_spinner=False, max_entries=2)
def _root(location: str) -> duckdb.DuckDBPyConnection:
    if store.is_file_location(location) and not Path(location).exists():
        raise DatabaseMissing(location)
    con = open_current(location)
    con.execute(
        "set memory_limit = $limit", {"limit": os.environ.get(MEMORY_ENV_VAR) or DEFAULT_MEMORY}
    )
    con.execute(
        "set temp_directory = $folder",
        {"folder": str(Path(tempfile.gettempdir()) / "wijkdashboard-duckdb")},
    )
    return con


# The version file each published link pointed to, by (link, its target): a run asks for the
# location before every cached call (27 times on Overzicht), and resolving the whole path
# each time (realpath: a system call per folder) cost a tenth of the run on a busy server.
# Reading the link is one call; the full resolution is done again only when an import has
# pointed the link to a new version.
_RESOLVED: dict[tuple[str, str], str] = {}


def database_location() -> str:
    """The file of the current database version (imports swap versions), or the connection string."""
    configured = _configured_location()
    try:  # WIJKDASHBOARD_DB naming a version file: the database it belongs to
        configured = store.published_location(configured)
    except store.VersionFileError:  # a lone version-named file is read as it is; writing refuses it
        pass
    try:
        target = os.readlink(configured)
    except OSError:  # not a link: a plain file, a missing one, or a connection string
        return store.resolve(configured)
    key = (configured, target)
    found = _RESOLVED.get(key)
    if found is None:
        if len(_RESOLVED) > 64:
            _RESOLVED.clear()
        found = _RESOLVED[key] = store.resolve(configured)
    return found


# Every cached result is keyed by the database location too (and, where it holds text, by the
# language of the run: dashboard.i18n), so pointing the app
# at another database (a new import, a test) never serves the old one's results.


@st.cache_data(ttl=600, max_entries=512, show_spinner=False)
def _query(
    location: str, name: str, *args: object, **kwargs: object
) -> pd.DataFrame | list[pd.DataFrame]:
    # the name is the cache key; only the query API's own functions (queries.BY_NAME) run
    return queries.BY_NAME[name](_root(location).cursor(), *args, **kwargs)


def _in_this_run(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn` also for a worker thread of this script run (queries.together): Streamlit's
    caches look the run up on the thread, and warn without it."""
    ctx = get_script_run_ctx()

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        if ctx is not None and get_script_run_ctx(suppress_warning=True) is None:
            add_script_run_ctx(threading.current_thread(), ctx)
        return fn(*args, **kwargs)

    return call


def _runner(location: str | None = None) -> queries.Runner:
    """A runner whose results are cached per database location and arguments.

    With `location` the runner stays on that database version (the headline, so an
    import published meanwhile cannot mix in); without, it follows the current version.
    """

    class _Cached:
        def __call__(
            self, query: Callable[Concatenate[duckdb.DuckDBPyConnection, P], R], /
        ) -> Callable[P, R]:
            name = query.__name__
            if queries.BY_NAME.get(name) is not query:
                raise ValueError(f"{name} is not a function of the query API")

            @_in_this_run
            def call(*args: P.args, **kwargs: P.kwargs) -> R:
                where = location or database_location()
                # keyword order is part of Streamlit's cache key: sorted, one call is one entry
                result = _query(where, name, *args, **dict(sorted(kwargs.items())))
                return cast(R, result)  # the query-API function's own result

            return call

    return _Cached()


run: queries.Runner = _runner()

# The query API, cached, with the signatures of `dashboard.warehouse.queries` (less the
# connection): what the pages call.
bereik = run(queries.bereik)
bereik_per_maand = run(queries.bereik_per_maand)
bereik_per_type = run(queries.bereik_per_type)
bereik_partners = run(queries.bereik_partners)
continuiteit = run(queries.continuiteit)
verblijfsduur_curve = run(queries.verblijfsduur_curve)
continuiteit_signalen = run(queries.continuiteit_signalen)
spell_tijdlijn = run(queries.spell_tijdlijn)
# a team lead's own organisations only; pass them as a tuple (the cache key must hash)
professional_namen = run(queries.professional_namen)
dekking = run(queries.dekking)
behoefte_componenten = run(queries.behoefte_componenten)
gebieden = run(queries.gebieden)
organisaties = run(queries.organisaties)
datakwaliteit = run(queries.datakwaliteit)
import_history = run(queries.import_history)
plekken = run(queries.plekken)
plek_activiteiten = run(queries.plek_activiteiten)
route_stops = run(queries.route_stops)
verhalen = run(queries.verhalen)


# Shared, not copied: the frame asks for the gemeenten a dozen times per run, and
# cache_data would unpickle a copy each time. Callers only read it.
@st.cache_resource(ttl=600, max_entries=64, show_spinner=False)
def _gemeenten(location: str) -> pd.DataFrame:
    return queries.gemeenten(_root(location).cursor())


def gemeenten() -> pd.DataFrame:
    """All gemeenten (cached)."""
    return _gemeenten(database_location())


@st.cache_resource(ttl=600, max_entries=64, show_spinner=False)
def _gemeente_lookup(location: str) -> tuple[dict[str, str], dict[str, bool]]:
    # looked up several times per run (names, map attributions): dictionaries once, rather
    # than indexing the frame on every call (a fifth of a national run's own time, sampled)
    frame = _gemeenten(location)
    codes = frame["gemeentecode"].tolist()
    names = dict(zip(codes, frame["naam"].astype(str), strict=True))
    fictief = dict(zip(codes, frame["is_fictief"].astype(bool).tolist(), strict=True))
    return names, fictief


def gemeente_names() -> dict[str, str]:
    """The name of every gemeente by code (cached; callers only read it)."""
    return _gemeente_lookup(database_location())[0]


def gemeente_fictitious() -> dict[str, bool]:
    """Whether each gemeente's data is made up, by code (cached; callers only read it)."""
    return _gemeente_lookup(database_location())[1]


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _data_range(location: str, gemeente: str | None) -> tuple[date, date] | None:
    return queries.data_range(_root(location).cursor(), gemeente)


def data_range(gemeente: str | None) -> tuple[date, date] | None:
    """First and last day with registrations for a gemeente (None: the whole country; cached)."""
    return _data_range(database_location(), gemeente)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _activity_types(location: str, gemeente: str | None) -> list[str]:
    return queries.activity_types(_root(location).cursor(), gemeente)


def activity_types(gemeente: str | None) -> list[str]:
    """Activity types of a gemeente (None: the whole country; cached)."""
    return _activity_types(database_location(), gemeente)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _behoefte_indicatoren(location: str) -> pd.DataFrame:
    return queries.behoefte_indicatoren(_root(location).cursor())


def behoefte_indicatoren() -> pd.DataFrame:
    """The configured need indicators (cached)."""
    return _behoefte_indicatoren(database_location())


# Area shapes belong to a database version (the location is the version's file), like the
# connection: simplified once per process and shared, not copied on every use the way
# st.cache_data copies a result (14,700 buurten would be pickled on each rerun).
# Callers must not change the frame they get (maps.choropleth builds new frames).
@st.cache_resource(show_spinner=False, max_entries=64)
def _geometry(location: str, level: str, gemeente: str | None) -> gpd.GeoDataFrame:
    return area_shapes.display_gebieden(_root(location).cursor(), level, gemeente)


def geometry(level: str, gemeente: str | None) -> gpd.GeoDataFrame:
    """Area polygons of one level of a gemeente (None: the whole country), simplified for the map (cached)."""
    return _geometry(database_location(), level, gemeente)


# Charts and maps, built once per distinct input and shared by every session. Building a
# Plotly figure (validation, the template, layout updates) was most of a screen's run on
# the server (a profile of Bereik on 5 December: about 60%), for a figure that is the same
# for everyone who looks at the same data. cache_resource hands out the object itself:
# callers only show it (st.plotly_chart copies it with to_dict) and never change it.
# Frames in the key are hashed whole and by their memory (dashboard.ui.digest): Streamlit's
# own hash of them was a fifth of the server's time under 20 sessions, and sampled from
# 50,000 rows.
_BY_CONTENT: dict[str | type[Any], Callable[[Any], Any]] = {
    pd.DataFrame: frame_digest,
    pd.Series: series_digest,
}


@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs=_BY_CONTENT)
def _figure(
    language: str,
    name: str,
    args: tuple[object, ...],
    kwargs: dict[str, object],
    _build: Callable[..., R],
) -> R:
    # `language`: a chart's titles, axes and hover texts are in the run's language
    return _build(*args, **kwargs)


def figure(build: Callable[..., R], *args: object, **kwargs: object) -> R:
    """`build(*args, **kwargs)`, a pure chart function, cached on its arguments' content."""
    name = f"{build.__module__}.{build.__qualname__}"
    return _figure(i18n.current(), name, args, kwargs, build)


def table(build: Callable[..., pd.DataFrame], *args: object, **kwargs: object) -> pd.DataFrame:
    """`build(*args, **kwargs)`, a pure display-table function (dashboard.display.tables),
    cached on its arguments' content like a figure: formatting every cell again was a tenth
    of a run under 20 sessions. Shared: callers only read it."""
    return figure(build, *args, **kwargs)


# What is worked out from a figure, kept as long as the figure lives: its "Toon als tabel"
# (per language, plain and as text) and the dict st.plotly_chart reads. Most figures are the
# shared cached objects above, so these are the same on every run; working the table out
# again (formatting every cell) cost about 1 s per run of national Continuïteit and made
# concurrent sessions queue behind each other (load benchmark, 5 December: p95 10 s with 5
# sessions). Keyed by the figure's identity; an entry goes with its figure.
#
# The finalizer takes no lock: a figure is freed by the garbage collector, which may run in
# any thread at any allocation, also in one that holds _KEPT_LOCK (a plain lock would then
# wait on itself). dict.pop is atomic, and nothing iterates over _KEPT.
_KEPT: dict[int, dict[str, Any]] = {}
_KEPT_LOCK = threading.Lock()


def _forget(figure_id: int) -> None:
    _KEPT.pop(figure_id, None)


def figure_table(figure: go.Figure) -> pd.DataFrame:
    """chart_table.figure_table(figure), worked out once per figure and language (callers
    only read it)."""
    return _remembered(figure, i18n.current(), lambda: chart_table.figure_table(figure))


def figure_table_as_text(figure: go.Figure) -> pd.DataFrame:
    """figure_table(figure) for st.table, which reads markdown (display.tables.text_table:
    every cell and column name escaped as text, long header words breakable); worked out
    once per figure and language."""

    language = i18n.current()
    return _remembered(
        figure, f"{language} als tekst", lambda: tables.text_table(figure_table(figure), language)
    )


class _Drawn(BaseFigure):
    """A figure as st.plotly_chart reads it: only its to_dict(), here the dict made once.

    Streamlit deep-copies a figure with to_dict() on every run (8% of the server's time
    under 20 sessions, py-spy, docs/performance.md), also for the shared cached figures,
    which never change. No BaseFigure state: Streamlit asks for nothing else (an AppTest
    of every screen would fail otherwise)."""

    def __init__(self, as_dict: dict[str, Any]) -> None:  # noqa: D107 (no BaseFigure.__init__)
        self._as_dict = as_dict

    def to_dict(self) -> dict[str, Any]:
        return self._as_dict


def drawable(figure: go.Figure) -> BaseFigure:
    """The figure for st.plotly_chart, its dict made once per figure (as long as it lives).

    The dict has no trace uid: plotly.io.to_json removes them from the dict it is given,
    and the shared dict must not change while another session reads it. It holds only
    what JSON holds (lists, numbers, text): plotly.io.to_json first tries orjson on the dict
    as it is, and a numpy array of texts (hover texts, area codes) made orjson refuse it, so
    plotly walked every value of the dict, every coordinate of a map, on every run (19% of
    the server's time under 20 sessions, py-spy --gil, docs/performance.md)."""

    def as_dict() -> dict[str, Any]:
        # once per figure: what plotly would send (a copy, without uids), read back as plain
        # lists and values
        plain: dict[str, Any] = orjson.loads(pio.to_json(figure, validate=False, engine="orjson"))
        return plain

    return _Drawn(_remembered(figure, "dict", as_dict))


def _remembered(figure: go.Figure, key: str, make: Callable[[], R]) -> R:
    """make(), kept with the figure under `key` for as long as the figure lives."""
    found = _KEPT.get(id(figure), {}).get(key)
    if found is not None:
        return found
    made = make()
    with _KEPT_LOCK:
        kept = _KEPT.get(id(figure))
        if kept is None:
            # removed while the figure is freed, before its id can be given to another object
            kept = _KEPT[id(figure)] = {}
            weakref.finalize(figure, _forget, id(figure))
        kept[key] = made
    return made


# A map's figure holds its polygons: keyed on the database version, level and gemeente
# rather than on the polygons themselves (hashing a country of buurten on every run would
# cost what the cache saves).
@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs=_BY_CONTENT)
def _map(
    language: str,
    location: str,
    level: str,
    gemeente: str | None,
    values: pd.DataFrame,
    options: dict[str, object],
    layer: tuple[date, date] | None,
) -> go.Figure:
    figure = maps.choropleth(_geometry(location, level, gemeente), values, **options)  # type: ignore[arg-type]
    if layer is not None:  # built into the cached figure: a shared figure is never changed
        _plekken.add_map_layer(figure, _runner(location), Period(*layer), level, gemeente)
    return figure


def map_figure(
    level: str,
    gemeente: str | None,
    values: pd.DataFrame,
    layer: Period | None = None,
    **options: object,
) -> go.Figure:
    """The choropleth of `values` over the areas of `level` (maps.choropleth), cached; with
    `layer`, the gemeente's plekken and routes of that period on it, switched off."""
    span = None if layer is None else (layer.start, layer.end)
    return _map(i18n.current(), database_location(), level, gemeente, values, options, span)


@st.cache_data(ttl=600, max_entries=256, show_spinner=False)
def _headline(
    language: str,
    location: str,
    gemeente: str | None,
    start: date,
    end: date,
    area: str | None,
    level: str,
) -> list[Figure]:
    # the query cache, so the Overzicht map finds what it shares with the headline
    return headline_figures(_runner(location), Period(start, end), gemeente, area, level)


def headline(
    gemeente: str | None, start: date, end: date, area: str | None = None, level: str = "wijk"
) -> list[Figure]:
    """Headline figures of a gemeente (None: the whole country), or of one of its areas (cached)."""
    return _headline(i18n.current(), database_location(), gemeente, start, end, area, level)


def headlines(
    gemeente: str | None,
    periods: list[Period],
    area: str | None = None,
    level: str = "wijk",
) -> list[list[Figure]]:
    """`headline` of several periods (the period and a year earlier), worked out at once."""
    location = database_location()
    language = i18n.current()
    one = _in_this_run(_headline)
    return queries.together(
        *(
            lambda p=p: one(language, location, gemeente, p.start, p.end, area, level)
            for p in periods
        )
    )


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _per_year(
    language: str,
    location: str,
    gemeente: str,
    years: tuple[int, ...],
    area: str | None,
    level: str,
) -> dict[str, list[Figure]]:
    return per_year_figures(_runner(location), gemeente, list(years), area, level)


def per_year(
    gemeente: str, years: tuple[int, ...], area: str | None = None, level: str = "wijk"
) -> dict[str, list[Figure]]:
    """The headline figures per whole calendar year, by year, newest first (cached)."""
    return _per_year(i18n.current(), database_location(), gemeente, years, area, level)


@st.cache_data(ttl=600, max_entries=128, show_spinner=False)
def _profile(
    language: str,
    location: str,
    start: date,
    end: date,
    gebiedscode: str,
    gemeente: str,
    level: str,
) -> _wijkprofiel.Profile:
    # through the query cache, so profiles of one gemeente share their per-area results
    return _wijkprofiel.build(_runner(location), Period(start, end), gebiedscode, gemeente, level)


def wijkprofiel(
    start: date, end: date, gebiedscode: str, gemeente: str, level: str
) -> _wijkprofiel.Profile:
    """The Wijkprofiel of one area (cached)."""
    return _profile(i18n.current(), database_location(), start, end, gebiedscode, gemeente, level)


# The story holds Plotly figures: kept as a shared resource, not copied on every rerun the way
# st.cache_data copies a result. Callers must not change it (Story is frozen; its figures are
# only handed to st.plotly_chart).
@st.cache_resource(show_spinner=False, max_entries=64)
def _story(
    language: str,
    location: str,
    start: date,
    end: date,
    gebiedscode: str,
    gemeente: str,
    level: str,
) -> Story:
    return _wijkprofiel.story(
        _profile(language, location, start, end, gebiedscode, gemeente, level)
    )


def wijkprofiel_story(start: date, end: date, gebiedscode: str, gemeente: str, level: str) -> Story:
    """The public story of one area's Wijkprofiel (cached)."""
    return _story(i18n.current(), database_location(), start, end, gebiedscode, gemeente, level)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _opbrengst_build(language: str, location: str, gemeente: str) -> _opbrengst.Opbrengst:
    # through the query cache: its reach, continuity and changes are cached per query too
    return _opbrengst.build(_runner(location), gemeente)


def opbrengst(gemeente: str) -> _opbrengst.Opbrengst:
    """The Opbrengst of one gemeente over all years of its registrations (cached)."""
    return _opbrengst_build(i18n.current(), database_location(), gemeente)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _associations(
    language: str, location: str, gemeente: str, axis: str
) -> list[_opbrengst.Association]:
    return _opbrengst.associations(_opbrengst_build(language, location, gemeente), (axis,))


def opbrengst_associations(gemeente: str, axis: str) -> list[_opbrengst.Association]:
    """The bootstrap associations of one continuity axis with every outcome (cached)."""
    return _associations(i18n.current(), database_location(), gemeente, axis)


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _changes(language: str, location: str, gemeente: str) -> list[_opbrengst.Change]:
    return _opbrengst.mean_changes(_opbrengst_build(language, location, gemeente))


def opbrengst_changes(gemeente: str) -> list[_opbrengst.Change]:
    """The average change of every outcome over the changes of opbouwwerker (cached)."""
    return _changes(i18n.current(), database_location(), gemeente)
