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

A display table (dashboard.ui.frame.show_table) comes in two forms, and the width of the
page's content picks one: a sortable grid where its columns fit, a plain table that wraps
its headers and cells where they do not (the grid scrolled its last columns out of view on
a projector: Bereik's table of all areas showed 6 of its 9).
"""

from __future__ import annotations

import streamlit as st

from dashboard.display.tables import HTML_TABLE_CLASS, MARKED_ROW_BACKGROUND, MARKED_ROW_CLASS
from dashboard.ui.a11y import CAPTION_COLOUR
from dashboard.ui.table_sort import SORT_BUTTON_CLASS

# The key prefix of the containers around `side_by_side`'s columns (see the CSS below).
SIDE_BY_SIDE = "naast_elkaar"

# The key prefixes of a display table's two forms, and the width of the page's content from
# which the grid is shown. The widest grid (Opbrengst's nine columns of wijk-jaren) needs
# 1,105 px: a 1024-pixel projector gives 744 (plain tables), a 1366-pixel laptop 1,060
# (plain tables), one of 1440 pixels 1,134 (grids). The content's own width, not the
# window's: a collapsed sidebar widens it.
WIDE_TABLE = "tabel_breed_"
NARROW_TABLE = "tabel_smal_"
WIDE_PAGE_PX = 1120

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
[data-testid="stMainBlockContainer"] {
  container-type: inline-size;
}
/* the plain form of a display table (dashboard.display.tables.html_table), drawn as
   Streamlit draws st.table: thin lines, 14 px text, headers in the caption colour */
.__HTML_TABLE__ {
  /* not a scroll box (it fits: tests/e2e/test_layout.py), so that its header can stick */
  overflow: visible;
  border: 1px solid rgba(49, 51, 63, 0.1);
  border-radius: 0.5rem;
}
.__HTML_TABLE__ table {
  width: 100%;
  border-collapse: collapse;
  font-size: 0.875rem;
  line-height: 1.4;
}
.__HTML_TABLE__ th,
.__HTML_TABLE__ td {
  padding: 0.375rem 0.5rem;
  border-bottom: 1px solid rgba(49, 51, 63, 0.1);
  border-left: 1px solid rgba(49, 51, 63, 0.1);
  text-align: left;
  vertical-align: middle;
}
.__HTML_TABLE__ th:first-child,
.__HTML_TABLE__ td:first-child {
  border-left: none;
}
.__HTML_TABLE__ tbody tr:last-child td {
  border-bottom: none;
}
/* the header stays in view while the page scrolls through a long table (Continuïteit's 54
   rows on a projector lost their column names, a walk); its line under it as a shadow, for
   a collapsed border scrolls away with the rows */
.__HTML_TABLE__ th {
  font-weight: 400;
  color: __CAPTION__;
  position: sticky;
  top: 0;
  z-index: 1;
  background-color: #ffffff;
  box-shadow: 0 1px 0 rgba(49, 51, 63, 0.1);
}
/* a header is a button that sorts the rows (dashboard.ui.table_sort): drawn as the header */
.__HTML_TABLE__ button.__SORT_BUTTON__ {
  all: unset;
  cursor: pointer;
}
.__HTML_TABLE__ button.__SORT_BUTTON__:hover {
  text-decoration: underline;
}
/* the area chosen on the map, among all areas: as in the grid, and bold */
.__HTML_TABLE__ tr.__MARKED_ROW__ td {
  background-color: __MARKED_BACKGROUND__;
  font-weight: 600;
}
@container (width >= __WIDE_PAGE__px) {
  [class*="st-key-__NARROW_TABLE__"] { display: none !important; }
}
@container (width < __WIDE_PAGE__px) {
  [class*="st-key-__WIDE_TABLE__"] { display: none !important; }
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
"""
for _name, _value in {
    "__SIDE_BY_SIDE__": SIDE_BY_SIDE,
    "__HTML_TABLE__": HTML_TABLE_CLASS,
    "__MARKED_ROW__": MARKED_ROW_CLASS,
    "__MARKED_BACKGROUND__": MARKED_ROW_BACKGROUND,
    "__CAPTION__": CAPTION_COLOUR,
    "__WIDE_TABLE__": WIDE_TABLE,
    "__NARROW_TABLE__": NARROW_TABLE,
    "__WIDE_PAGE__": str(WIDE_PAGE_PX),
    "__SORT_BUTTON__": SORT_BUTTON_CLASS,
}.items():
    _CSS = _CSS.replace(_name, _value)


def responsive() -> None:
    """Apply the layout rules to this page (once per run; styles take no space)."""
    st.html(_CSS)
