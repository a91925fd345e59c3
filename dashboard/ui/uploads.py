"""Work on an uploaded file done once per session, not on every rerun (Streamlit only).

Streamlit runs a page again on every widget change. Reading, validating and
pseudonymising an upload would then be repeated each time; `once` keeps the outcome
in the session instead, and repeats the work only when its key changes. The caller's
key holds everything the outcome depends on: the file's content hash (`digest`), its
options (kind, sheet, mapping, gemeenten, ...) and, for work that checks against the
database, the database version (`cache.database_location()`: an import publishes a
new version, after which the file is prepared again).

Each slot keeps one outcome, so a large prepared export is held once per session.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from dashboard.ingest.prepare import content_hash

T = TypeVar("T")

_STATE_KEY = "uploads_once"


@dataclass(frozen=True)
class _Outcome:
    """What the work gave for a key: a value, or one of the errors the caller expects."""

    key: Hashable
    value: Any = None
    error: BaseException | None = None


def once(
    slot: str,
    key: Hashable,
    work: Callable[[], T],
    errors: tuple[type[BaseException], ...] = (),
) -> T:
    """`work()` for this key, run once per session; the `errors` it raises are raised again.

    Other exceptions are not kept: the next rerun tries again.
    """
    outcomes: dict[str, _Outcome] = st.session_state.setdefault(_STATE_KEY, {})
    outcome = outcomes.get(slot)
    if outcome is None or outcome.key != key:
        outcomes.pop(slot, None)  # let go of the old outcome before the new one is made
        try:
            outcome = _Outcome(key, value=work())
        except errors as exc:
            outcome = _Outcome(key, error=exc)
        outcomes[slot] = outcome
    if outcome.error is not None:
        raise outcome.error.with_traceback(None)
    value: T = outcome.value
    return value


def digest(slot: str, upload: UploadedFile) -> str:
    """The content hash of an uploaded file, computed once per upload."""
    return once(f"{slot}:digest", upload.file_id, lambda: content_hash(upload.getvalue()))
