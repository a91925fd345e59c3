"""The app's database connection and cached query results (Streamlit only).

One read-only root connection per database location (cache_resource); every
query runs on its own cursor, because a DuckDB connection is not safe to share
across Streamlit's session threads (STACK_NOTES).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.config import database_location
from dashboard.db import open_for_reading
from dashboard.headline import Figure, headline_figures
from dashboard.queries import Period


class DatabaseMissing(RuntimeError):
    """The configured database file does not exist yet."""


def _is_file(location: str) -> bool:
    return ":" not in location.split("/")[0]


@st.cache_resource(show_spinner=False)
def _root(location: str) -> duckdb.DuckDBPyConnection:
    if _is_file(location) and not Path(location).exists():
        raise DatabaseMissing(location)
    return open_for_reading(location)


def cursor() -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the shared read-only connection; call once per query."""
    return _root(database_location()).cursor()


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def gemeenten() -> pd.DataFrame:
    """All gemeenten (cached)."""
    return queries.gemeenten(cursor())


@st.cache_data(ttl=600, max_entries=64, show_spinner=False)
def data_range(gemeente: str) -> tuple[date, date] | None:
    """First and last day with bijeenkomsten for a gemeente (cached)."""
    return queries.data_range(cursor(), gemeente)


@st.cache_data(ttl=600, max_entries=256, show_spinner=False)
def headline(gemeente: str, start: date, end: date) -> list[Figure]:
    """Headline figures (cached)."""
    return headline_figures(cursor(), Period(start, end), gemeente)
