"""The app's database connection and cached query results (Streamlit only).

One read-only root connection per database location (cache_resource); every
query runs on its own cursor, because a DuckDB connection is not safe to share
across Streamlit's session threads (STACK_NOTES).
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import streamlit as st

from dashboard.config import database_location as _configured_location
from dashboard.screens.headline import Figure, headline_figures
from dashboard.warehouse import gebieden, queries, store
from dashboard.warehouse.db import open_for_reading
from dashboard.warehouse.queries import Period


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
    con = open_for_reading(location)
    con.execute(
        "set memory_limit = $limit", {"limit": os.environ.get(MEMORY_ENV_VAR) or DEFAULT_MEMORY}
    )
    con.execute(
        "set temp_directory = $folder",
        {"folder": str(Path(tempfile.gettempdir()) / "wijkdashboard-duckdb")},
    )
    return con


def database_location() -> str:
    """The file of the current database version (imports swap versions), or the connection string."""
    return store.resolve(_configured_location())


# Every cached result is keyed by the database location too, so pointing the app
# at another database (a new import, a test) never serves the old one's results.


@st.cache_data(ttl=600, max_entries=512, show_spinner=False)
def _query(location: str, name: str, *args: object, **kwargs: object) -> pd.DataFrame:
    # only the allow-listed query-API functions (queries.BY_NAME) can be called by name
    return queries.BY_NAME[name](_root(location).cursor(), *args, **kwargs)


def query(name: str, *args: object, **kwargs: object) -> pd.DataFrame:
    """A query-API result, cached per database location and arguments."""
    # keyword order is part of Streamlit's cache key: sorted, the same call is one entry
    return _query(database_location(), name, *args, **dict(sorted(kwargs.items())))


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def _gemeenten(location: str) -> pd.DataFrame:
    return queries.gemeenten(_root(location).cursor())


def gemeenten() -> pd.DataFrame:
    """All gemeenten (cached)."""
    return _gemeenten(database_location())


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
    return gebieden.display_gebieden(_root(location).cursor(), level, gemeente)


def geometry(level: str, gemeente: str | None) -> gpd.GeoDataFrame:
    """Area polygons of one level of a gemeente (None: the whole country), simplified for the map (cached)."""
    return _geometry(database_location(), level, gemeente)


@st.cache_data(ttl=600, max_entries=256, show_spinner=False)
def _headline(location: str, gemeente: str | None, start: date, end: date) -> list[Figure]:
    def fetch(name: str, *args: object, **kwargs: object) -> pd.DataFrame:
        # the query cache, so the Overzicht map finds what it shares with the headline;
        # bound to this location, so an import published meanwhile cannot mix in
        return _query(location, name, *args, **dict(sorted(kwargs.items())))

    return headline_figures(fetch, Period(start, end), gemeente)


def headline(gemeente: str | None, start: date, end: date) -> list[Figure]:
    """Headline figures of a gemeente (None: the whole country; cached)."""
    return _headline(database_location(), gemeente, start, end)
