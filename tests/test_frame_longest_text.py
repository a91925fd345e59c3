"""frame.longest_text, which decides whether a table column gets a width that holds its
texts: the same answer as measuring every text in Python, for the columns tables hold; the
width of a column of names (text_width) and when a table is shown whole (table_height)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.ui.frame import longest_text, table_height, text_width


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # hand-counted lengths
        (pd.Series(["Centrum", "verborgen (kleine aantallen)", None]), 28),
        (pd.Series(["a", "bbbb"], dtype="string[pyarrow]"), 4),
        (pd.Series(["Zuidoost", pd.NA], dtype="string"), 8),
        (pd.Series(["xx", 5, None, "yyyyy"], dtype=object), 5),  # numbers not counted
        (pd.Series(["één", "ab"]), 3),  # characters, not bytes
        (pd.Series(["Noord", "Oost-Binnen"], dtype="category"), 11),
        (pd.Series([1, 2]), 0),
        (pd.Series([1.5, np.nan]), 0),
        (pd.Series([None, None], dtype=object), 0),
        (pd.Series([], dtype=object), 0),
        (pd.Series(pd.to_datetime(["2024-01-01"])), 0),
        (pd.Series([True, False]), 0),
    ],
)
def test_the_longest_text_of_a_column(values, expected):
    assert longest_text(values) == expected


@pytest.mark.parametrize(
    ("characters", "pixels"),
    [
        (13, 128),  # "Molenkwartier": 13 × 8 + 24
        (22, 200),  # "Maatschappelijk werker": Streamlit's "medium"
        (60, 250),  # a very long name stops at 250 px, room for the figures on a projector
    ],
)
def test_a_column_of_names_is_as_wide_as_its_longest_name(characters, pixels):
    assert text_width(characters) == pixels


@pytest.mark.parametrize(("rows", "height"), [(54, "content"), (120, "content"), (121, "auto")])
def test_a_table_is_shown_whole_up_to_120_rows(rows, height):
    assert table_height(rows) == height
