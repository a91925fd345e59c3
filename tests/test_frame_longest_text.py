"""frame.longest_text, which decides whether a table column gets a width that holds its
texts: the same answer as measuring every text in Python, for the columns tables hold."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.ui.frame import longest_text


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
