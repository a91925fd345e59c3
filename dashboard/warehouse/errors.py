"""DuckDB's errors as a Dutch reason a user can act on, without server paths.

DuckDB words its errors in English and names files by their absolute path (a lock names
the program and process that hold it). A user reads what went wrong in Dutch, with the
codes involved where the error gives them; the English text goes to the server's log,
where an administrator looks for it.
"""

from __future__ import annotations

import logging
import re

import duckdb

from dashboard.i18n import N_

_LOG = logging.getLogger(__name__)

# DuckDB 2.0.1's texts, as they read (tests/test_database_errors.py makes each one); a key
# is "column: value" (or several, comma separated), data the user sent, never a path
_DUPLICATE = re.compile(r'Duplicate key "(?P<key>[^"]*)" violates (?:primary key|unique)')
_NOT_NULL = re.compile(r"NOT NULL constraint failed: (?P<table>\w+)\.(?P<column>\w+)")
_CHECK = re.compile(
    r'CHECK constraint failed on table "(?P<table>\w+)" with expression CHECK\((?P<rule>.*)\)$'
)
_MISSING_KEY = re.compile(r'key "(?P<key>[^"]*)" does not exist in the referenced table')
_STILL_REFERENCED = re.compile(r'key "(?P<key>[^"]*)" is still referenced')

DUBBELE_SLEUTEL = N_("de sleutel {key} staat al in de database")
VERPLICHT_LEEG = N_("een verplichte waarde ontbreekt ({table}.{column})")
REGEL_GESCHONDEN = N_("een regel van de tabel {table} klopt niet: {rule}")
VERWIJZING_ONBEKEND = N_("{key} verwijst naar iets dat niet in de database staat")
NOG_IN_GEBRUIK = N_("naar {key} verwijzen nog andere gegevens")
REGEL_DATABASE = N_("een regel van de database klopt niet")
IN_GEBRUIK = N_("de database is in gebruik door een ander programma; probeer het zo nog eens")
GEEN_DATABASE = N_("het bestand is geen database van het dashboard")
SCHIJF = N_("de database kon niet worden gelezen of geschreven (schijf vol, of geen rechten?)")
GEHEUGEN = N_("te weinig geheugen")
ONVERWACHT = N_("een onverwachte fout van de database; de details staan in het serverlog")

_CONSTRAINTS = (
    (_DUPLICATE, DUBBELE_SLEUTEL),
    (_NOT_NULL, VERPLICHT_LEEG),
    (_CHECK, REGEL_GESCHONDEN),
    (_MISSING_KEY, VERWIJZING_ONBEKEND),
    (_STILL_REFERENCED, NOG_IN_GEBRUIK),
)

TEMPLATES = (
    DUBBELE_SLEUTEL,
    VERPLICHT_LEEG,
    REGEL_GESCHONDEN,
    VERWIJZING_ONBEKEND,
    NOG_IN_GEBRUIK,
    REGEL_DATABASE,
    IN_GEBRUIK,
    GEEN_DATABASE,
    SCHIJF,
    GEHEUGEN,
    ONVERWACHT,
)


def first_error(exc: BaseException) -> BaseException:
    """The DuckDB error that failed a transaction: after it every statement fails with
    "Current transaction is aborted", and one in a `finally` (an unregister) hides it."""
    while isinstance(exc.__context__, duckdb.Error):
        exc = exc.__context__
    return exc


def dutch_reason(exc: BaseException) -> str:
    """Why a database action failed, in Dutch (one of TEMPLATES, which the ingest layer
    registers so a screen shows it in its language).

    DuckDB's own text is logged: as a warning where the Dutch reason is a guess (a disk
    error, an unexpected one), so the administrator finds the cause in the server's log or,
    from the command line, under the message; otherwise for debugging only."""
    cause = first_error(exc)
    reason = _reason(cause)
    level = logging.WARNING if reason in (SCHIJF, ONVERWACHT) else logging.DEBUG
    _LOG.log(level, "Databasefout (technische details): %s", cause)
    return reason


def _reason(cause: BaseException) -> str:
    text = str(cause)
    if isinstance(cause, duckdb.ConstraintException):
        for pattern, template in _CONSTRAINTS:
            found = pattern.search(text)
            if found:
                return template.format(**found.groupdict())
        return REGEL_DATABASE
    if isinstance(cause, duckdb.OutOfMemoryException):
        return GEHEUGEN
    if isinstance(cause, duckdb.IOException):
        if "Could not set lock" in text:
            return IN_GEBRUIK
        if "not a valid DuckDB database" in text:
            return GEEN_DATABASE
        return SCHIJF
    return ONVERWACHT
