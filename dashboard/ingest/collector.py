"""Python's cyclic garbage collector paused while an import builds its many small objects.

Checking a million deelnames makes hundreds of thousands of tuples (findings, candidates,
warnings); each 700 new ones start a collection, and the full ones walk every object the
process holds. Paused, that was 0.3-0.4 s of a 4 s worst-case import (every bijeenkomst
over its total) and 0.05-0.09 s of a 2 s ordinary one (measured with `gc.callbacks`).
Reference counting still frees what the import lets go; only reference cycles wait until the
collector runs again. The pause holds for the whole process, so it is for a process that
only imports (`python -m dashboard import`), not for the app, where every session's cycles
would wait for an upload. Not around a generator: one left unfinished in a cycle would
never run its `finally` while the collector waits.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # pauses open in this process (overlapping ones, e.g. from tests in threads)
_was_enabled = True


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside; it runs again when the last of any overlapping uses ends,
    and only when it was running before the first."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
