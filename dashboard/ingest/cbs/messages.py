"""The error a CBS file can raise, and the Dutch wording shared by its messages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dashboard.ingest.cbs.columns import PLURAL


class CbsImportError(ValueError):
    """A file that cannot be imported; the message is Dutch and names the file and the reason.

    `bestand` and `reden` (when made by `error`) let the UI show the reason in its language."""

    def __init__(self, message: str, bestand: str | None = None, reden: str | None = None):
        super().__init__(message)
        self.bestand = bestand
        self.reden = reden


def error(path: Path, reden: str) -> CbsImportError:
    """The error for `path`: its name, then the reason."""
    return CbsImportError(f"{path.name}: {reden}", path.name, reden)


def short(exc: BaseException) -> str:
    """The first clause of a library's (English) message, for a 'Technisch:' note."""
    text = str(exc).split(";")[0].strip()
    return text[:200] or type(exc).__name__


def count(n: int, level: str) -> str:
    """'1 buurt', '3 buurten'."""
    return f"{n} {level if n == 1 else PLURAL[level]}"


def verb(n: int, singular: str, plural: str) -> str:
    """The verb form for n subjects."""
    return singular if n == 1 else plural


def some(codes: Sequence[str], limit: int = 5) -> str:
    """The first few codes, and how many more there are."""
    codes = list(codes)
    shown = ", ".join(codes[:limit])
    return shown + (f" en nog {len(codes) - limit}" if len(codes) > limit else "")
