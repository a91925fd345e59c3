"""The page layout that Streamlit's own leaves to us: readable on a 1024×768 projector.

Streamlit draws metrics on one line (a long value becomes "langer da…", a long label
"Fte opbouwwerk per 10.…"), keeps a 300 px sidebar and wide margins at every width.
At every width this lets metric labels and values wrap. Below 1800 px (laptops: 1366,
1440, 1536, 1680, 1728) it narrows the sidebar and margins, and puts two half-width
columns (`side_by_side`) one below the other when one holds a table, whose columns would
not fit in half a laptop screen (Continuïteit's signals: 635 px of columns, 600 px at
1680). Below 1280 px it also draws metrics smaller and puts every pair of columns that
holds a table or chart one below the other; the presentation mode has its own layout
(dashboard.ui.presentation).
"""

from __future__ import annotations

import streamlit as st

# The key prefix of the containers around `side_by_side`'s columns (see the CSS below).
SIDE_BY_SIDE = "naast_elkaar"

_CSS = """
<style>
/* Sections are h2 under the screen's h1 (headings in order, WCAG 1.3.1), drawn at the size
   Streamlit gives an h3, as they were; the Wijkprofiel's h3 under its h2 a step smaller. */
[data-testid="stMain"] h2 {
  font-size: 1.75rem !important;
}
[data-testid="stMain"] h3 {
  font-size: 1.375rem !important;
}
[data-testid="stMetricLabel"] div,
[data-testid="stMetricLabel"] p {
  white-space: normal !important;
  overflow: visible !important;
  text-overflow: clip !important;
}
[data-testid="stMetricValue"] div,
[data-testid="stMetricValue"] p,
[data-testid="stMetricValue"] {
  white-space: normal !important;
  overflow: visible !important;
  text-overflow: clip !important;
  overflow-wrap: anywhere;
}
@media (max-width: 1799px) {
  section[data-testid="stSidebar"] {
    width: 15rem !important;
    min-width: 15rem !important;
  }
  [data-testid="stMainBlockContainer"] {
    padding-left: 2rem !important;
    padding-right: 2rem !important;
  }
  /* half a laptop screen is too narrow for a table's columns (the signals: 635 px of
     columns in 480 px at 1440, 600 px at 1680) */
  [class*="st-key-__SIDE_BY_SIDE__"] [data-testid="stHorizontalBlock"]:has([data-testid="stDataFrame"]) {
    flex-wrap: wrap !important;
  }
  [class*="st-key-__SIDE_BY_SIDE__"] [data-testid="stHorizontalBlock"]:has([data-testid="stDataFrame"])
    > [data-testid="stColumn"] {
    min-width: 100% !important;
    flex: 1 1 100% !important;
  }
}
@media (max-width: 1279px) {
  [data-testid="stMainBlockContainer"] {
    padding-left: 1.25rem !important;
    padding-right: 1.25rem !important;
    padding-top: 2.5rem !important;
  }
  [data-testid="stMetricValue"] {
    font-size: 1.6rem !important;
    line-height: 1.2 !important;
  }
  h1 {
    font-size: 2rem !important;
  }
  /* columns with a table or chart: one below the other, at full width, so names fit */
  [data-testid="stHorizontalBlock"]:has([data-testid="stDataFrame"], .stPlotlyChart) {
    flex-wrap: wrap !important;
  }
  [data-testid="stHorizontalBlock"]:has([data-testid="stDataFrame"], .stPlotlyChart)
    > [data-testid="stColumn"] {
    min-width: 100% !important;
    flex: 1 1 100% !important;
  }
}
</style>
""".replace("__SIDE_BY_SIDE__", SIDE_BY_SIDE)


def responsive() -> None:
    """Apply the layout rules to this page (once per run; styles take no space)."""
    st.html(_CSS)
