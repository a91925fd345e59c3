"""The error a CBS file can raise, and the Dutch wording shared by its messages.

Every message of the CBS import (an error's reason, a note for the data steward) is Dutch and
built from a template marked N_ and registered with `register_templates`, so the UI can show
it in its own language through `registratie.shown_reason`. The pieces these helpers make
(counts, lists of codes, the file's name before a reason) are registered templates too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dashboard.domain.codes import BUURT, GEMEENTE, WIJK
from dashboard.i18n import N_
from dashboard.ingest.registratie.problems import register_templates

# the file's name, then the reason (the reason is a template or text of its own)
FILE_REASON = N_("{bestand}: {reden}")
# '1 buurt', '3 buurten': singular and plural per level
COUNTS: dict[str, tuple[str, str]] = {
    GEMEENTE: (N_("{n} gemeente"), N_("{n} gemeenten")),
    WIJK: (N_("{n} wijk"), N_("{n} wijken")),
    BUURT: (N_("{n} buurt"), N_("{n} buurten")),
}
# 'WK1, WK2 en nog 3': the first few codes, and how many more there are
SOME_MORE = N_("{codes} en nog {n}")
register_templates(FILE_REASON, *(t for pair in COUNTS.values() for t in pair), SOME_MORE)


class CbsImportError(ValueError):
    """A file that cannot be imported; the message is Dutch and names the file and the reason.

    `bestand` and `reden` (when made by `error`) let the UI show the reason in its language."""

    def __init__(self, message: str, bestand: str | None = None, reden: str | None = None):
        super().__init__(message)
        self.bestand = bestand
        self.reden = reden


def error(path: Path, reden: str) -> CbsImportError:
    """The error for `path`: its name, then the reason."""
    return CbsImportError(FILE_REASON.format(bestand=path.name, reden=reden), path.name, reden)


def short(exc: BaseException) -> str:
    """The first clause of a library's (English) message, for a 'Technisch:' note."""
    text = str(exc).split(";")[0].strip()
    return text[:200] or type(exc).__name__


def count(n: int, level: str) -> str:
    """'1 buurt', '3 buurten'."""
    singular, plural = COUNTS[level]
    return by_number(n, singular, plural).format(n=n)


def by_number(n: int, singular: str, plural: str) -> str:
    """The template (or word) for n subjects: the verb agrees, in Dutch and in English."""
    return singular if n == 1 else plural


def some(codes: Sequence[str], limit: int = 5) -> str:
    """The first few codes, and how many more there are."""
    codes = list(codes)
    shown = ", ".join(codes[:limit])
    return SOME_MORE.format(codes=shown, n=len(codes) - limit) if len(codes) > limit else shown
