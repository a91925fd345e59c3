"""The language of the UI (Dutch or English) and the message catalogues that translate it.

Dutch is the source language: a msgid is the Dutch text as the code has it, and
`dashboard/locale/en/LC_MESSAGES/messages.po` holds its English. The language is a
context variable: the UI sets it at the start of every script run (Streamlit runs each
session in its own thread, so sessions do not see each other's choice), and everything
below the UI (screens, display, ingest) translates through `_` and `ngettext` without
knowing Streamlit. Code outside a run (the CLI, tests) gets Dutch unless it sets a language.

The catalogues are read as `.po` at run time with babel, once per process, rather than
compiled to `.mo`: the `.po` a translator edits is then the only file, there is no build
step to forget and no binary that can go stale beside it (reading ~1,000 entries takes
milliseconds). Fuzzy and empty entries are ignored, as gettext would.

Texts defined at import time (label tables, screen titles) are marked with `N_` for
extraction and translated when looked up (`_(LABELS[code])`, or a `Labels` mapping).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar, Token
from functools import lru_cache
from pathlib import Path
from typing import ParamSpec, TypeVar

from babel.messages.pofile import read_po

P = ParamSpec("P")
R = TypeVar("R")

NL = "nl"
EN = "en"
LANGUAGES = (NL, EN)
DEFAULT = NL
# How each language names itself, for the sidebar choice (the same in both catalogues).
LANGUAGE_NAMES = {NL: "Nederlands", EN: "English"}
# The babel locale of each language (numbers and dates).
LOCALES = {NL: "nl_NL", EN: "en_GB"}

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"

_language: ContextVar[str] = ContextVar("taal", default=DEFAULT)


def current() -> str:
    """The language of this run: "nl" or "en"."""
    return _language.get()


# The run's language as a document states it (PDF, PowerPoint): for spelling and screen readers.
LANGUAGE_TAGS = {NL: "nl-NL", EN: "en-GB"}


def language_tag() -> str:
    """The language of this run as a document's language tag: "nl-NL" or "en-GB"."""
    return LANGUAGE_TAGS[current()]


def locale() -> str:
    """The babel locale of this run's language."""
    return LOCALES[current()]


def set_language(code: str) -> Token[str]:
    """Make `code` the language of this context (the UI does this once per run)."""
    if code not in LANGUAGES:
        raise ValueError(f"Onbekende taal: {code!r}")
    return _language.set(code)


@contextmanager
def using(code: str) -> Iterator[None]:
    """Run a block in one language (exports and tests), then restore the one before."""
    token = set_language(code)
    try:
        yield
    finally:
        _language.reset(token)


def bind(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn` that always runs in the language of now: for a widget's `format_func`, which
    Streamlit (and AppTest) may also call outside the run that drew the widget."""
    code = current()

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        with using(code):
            return fn(*args, **kwargs)

    return call


def po_path(code: str) -> Path:
    """The catalogue of a language."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=len(LANGUAGES))
def catalogue(code: str) -> dict[str, str | tuple[str, ...]]:
    """The translated entries of a language's `.po`: msgid → msgstr (a tuple for plurals).

    Keys of plural entries are the singular msgid. Fuzzy and empty entries are left out."""
    path = po_path(code)
    if not path.exists():
        return {}
    with path.open("rb") as file:
        catalog = read_po(file, locale=code)
    entries: dict[str, str | tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            strings = tuple(message.string or ())
            if strings and all(strings):
                entries[message.id[0]] = strings
        elif isinstance(message.string, str) and message.string:
            entries[message.id] = message.string
    return entries


def _(message: str) -> str:
    """The text in this run's language; the Dutch itself when it has no translation."""
    if current() == NL:
        return message
    found = catalogue(current()).get(message)
    return found if isinstance(found, str) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural text for `n`, in this run's language (both plural rules: n == 1)."""
    index = 0 if n == 1 else 1
    if current() != NL:
        found = catalogue(current()).get(singular)
        if isinstance(found, tuple) and len(found) > index:
            return found[index]
    return singular if index == 0 else plural


def N_(message: str) -> str:
    """Mark a text for extraction only; translate it where it is used (`_(text)`)."""
    return message


# Texts of dashboard.domain (which sits beside this module and does not import it), marked
# here so extraction finds them; the UI translates them where it shows them.
DOMAIN_TEXTS = (N_("Heel Nederland"), N_("Nederlands"), N_("English"))


class Labels(Mapping[str, str]):
    """A table of Dutch labels (marked with `N_`) that answers in this run's language."""

    def __init__(self, labels: Mapping[str, str]) -> None:
        self._labels = dict(labels)

    def __getitem__(self, key: str) -> str:
        return _(self._labels[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __repr__(self) -> str:
        return f"Labels({self._labels!r})"
