"""A fast digest of a DataFrame's whole content, for the figure caches' keys (no Streamlit here).

Streamlit's own hash of a frame converts every Arrow text cell to a Python object and
hashes it (pandas' `hash_pandas_object`): under 20 sessions that was 19% of the server's
time (py-spy, 5 December), for figures that were already cached. And from 50,000 rows it
hashes a sample, so two frames that differ outside the sample would share a figure.

Here the memory of each column is hashed as it is: an Arrow column's buffers (with the
slice's offset and length), a numpy column's bytes. Equal digests mean equal columns, in
the same layout; the same content in another layout only costs a cache miss. Columns of
Python objects are hashed by pandas, as before.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa


def frame_digest(frame: pd.DataFrame) -> bytes:
    """A digest of the frame's column names, dtypes, index and every value."""
    h = hashlib.blake2b(digest_size=20)
    h.update(repr((frame.shape, list(frame.columns), [str(t) for t in frame.dtypes])).encode())
    _update_index(h, frame.index)
    for position in range(frame.shape[1]):
        _update_values(h, frame.iloc[:, position])
    return h.digest()


def series_digest(series: pd.Series) -> bytes:
    """A digest of the series' name, dtype, index and every value."""
    h = hashlib.blake2b(digest_size=20)
    h.update(repr((len(series), series.name, str(series.dtype))).encode())
    _update_index(h, series.index)
    _update_values(h, series)
    return h.digest()


def _update_index(h: Any, index: pd.Index) -> None:
    if isinstance(index, pd.RangeIndex):
        h.update(repr(("range", index.start, index.stop, index.step, index.name)).encode())
    else:
        h.update(frame_digest(index.to_frame(index=False)))


def _update_values(h: Any, series: pd.Series) -> None:
    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind not in "OV":
        array = np.ascontiguousarray(series.to_numpy())
        h.update(array.dtype.str.encode())
        h.update(array.view(np.uint8).data)
    elif hasattr(series.array, "__arrow_array__"):  # Arrow-backed, masked numbers, zoned dates
        arrow = series.array.__arrow_array__()
        _update_arrow(h, arrow if isinstance(arrow, pa.ChunkedArray) else pa.chunked_array([arrow]))
    else:  # Python objects: pandas hashes their values
        h.update(pd.util.hash_pandas_object(series, index=False).to_numpy().data)


def _update_arrow(h: Any, column: pa.ChunkedArray) -> None:
    h.update(str(column.type).encode())
    for chunk in column.chunks:
        h.update(repr((chunk.offset, len(chunk), chunk.null_count)).encode())
        for buffer in chunk.buffers():
            h.update(b"-" if buffer is None else memoryview(buffer))
        if isinstance(chunk, pa.DictionaryArray):
            _update_arrow(h, pa.chunked_array([chunk.dictionary]))
