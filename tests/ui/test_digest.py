"""The digest that keys the figure caches (dashboard.ui.digest): equal content, equal digest;
any difference in a value, name, dtype, order or index, another digest."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from dashboard.ui.digest import frame_digest, series_digest


def sample() -> pd.DataFrame:
    """One column of every kind the screens pass to a chart."""
    return pd.DataFrame(
        {
            "gebiedscode": pd.Series(["WK036301", "WK0363AA", None], dtype="str"),
            "naam": pd.Series(["Centrum", "Oost", "West"], dtype=pd.ArrowDtype(pa.string())),
            "rol": pd.Series(
                pa.array(["opbouwwerker", "buurtwerker", "opbouwwerker"]).dictionary_encode(),
                dtype=pd.ArrowDtype(pa.dictionary(pa.int32(), pa.string())),
            ),
            "waarde": [1.5, np.nan, 3.0],
            "aantal": pd.array([4, None, 12], dtype="Int64"),
            "groep": pd.Categorical(["a", "b", "a"]),
            "datum": [date(2024, 1, 1), None, date(2025, 2, 28)],
            "dag": pd.to_datetime(["2024-01-01", "2024-06-30", "2025-02-28"]),
            "ja": [True, False, True],
        }
    )


def test_the_same_content_gives_the_same_digest_also_in_a_copy_or_a_pickle():
    import pickle

    frame = sample()
    assert frame_digest(frame) == frame_digest(sample())
    assert frame_digest(frame) == frame_digest(frame.copy())
    assert frame_digest(frame) == frame_digest(pickle.loads(pickle.dumps(frame)))


CHANGES = {
    "a text": lambda f: f.assign(naam=pd.Series(["Centrum", "Oost", "Wes"], dtype=f["naam"].dtype)),
    "a code's case": lambda f: f.assign(
        gebiedscode=pd.Series(["WK036301", "WK0363Aa", None], dtype="str")
    ),
    "a missing value filled": lambda f: f.assign(waarde=[1.5, 0.0, 3.0]),
    "a number": lambda f: f.assign(aantal=pd.array([4, None, 13], dtype="Int64")),
    "a dictionary text": lambda f: f.assign(
        rol=pd.Series(
            pa.array(["opbouwwerker", "jongerenwerker", "opbouwwerker"]).dictionary_encode(),
            dtype=f["rol"].dtype,
        )
    ),
    "a category": lambda f: f.assign(groep=pd.Categorical(["a", "a", "a"], categories=["a", "b"])),
    "a date object": lambda f: f.assign(datum=[date(2024, 1, 2), None, date(2025, 2, 28)]),
    "a timestamp": lambda f: f.assign(
        dag=pd.to_datetime(["2024-01-01", "2024-07-01", "2025-02-28"])
    ),
    "a boolean": lambda f: f.assign(ja=[True, True, True]),
    "a column's name": lambda f: f.rename(columns={"waarde": "bereik"}),
    "a column's dtype": lambda f: f.assign(waarde=f["waarde"].astype("float32")),
    "the order of the rows": lambda f: f.iloc[[1, 0, 2]].reset_index(drop=True),
    "the order of the columns": lambda f: f[list(reversed(f.columns))],
    "the index": lambda f: f.set_axis([10, 11, 12]),
    "one row fewer": lambda f: f.iloc[:2],
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_gives_another_digest(change):
    assert frame_digest(CHANGES[change](sample())) != frame_digest(sample())


def test_a_slice_is_told_apart_from_the_whole_and_from_other_slices():
    """A slice shares its column's memory: its offset and length are part of the digest."""
    frame = pd.DataFrame({"naam": pd.Series(list("abcdef"), dtype=pd.ArrowDtype(pa.string()))})
    digests = {frame_digest(frame.iloc[a:b]) for a, b in [(0, 6), (0, 3), (3, 6), (1, 4)]}
    assert len(digests) == 4


def test_large_frames_that_differ_in_one_row_differ():
    """Streamlit's own hash takes a sample of 10,000 rows from 50,000 rows on; this one reads
    every row."""
    n = 200_000
    frame = pd.DataFrame(
        {
            "code": pd.Series([f"BU{i:08d}" for i in range(n)], dtype="str"),
            "waarde": np.arange(n, dtype=float),
        }
    )
    other = frame.copy()
    other.loc[123_457, "waarde"] = -1.0
    assert frame_digest(frame) != frame_digest(other)


def test_a_series_digest_covers_its_name_and_values():
    s = pd.Series([1.0, 2.0], name="bereik")
    assert series_digest(s) == series_digest(s.copy())
    assert series_digest(s) != series_digest(s.rename("deelnames"))
    assert series_digest(s) != series_digest(pd.Series([1.0, 2.5], name="bereik"))
