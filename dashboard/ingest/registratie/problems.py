"""What a validation finds: Problem, its Ernst, the Dutch reasons (REDEN_*) and the report table.

Errors ("fout") block the import; warnings ("waarschuwing") do not. The reason texts are
exact: tests and documentation refer to them by name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, NamedTuple

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard import i18n
from dashboard.domain.codes import LEEFTIJDSGROEPEN, SOORTEN
from dashboard.i18n import N_, _
from dashboard.ingest.registratie.values import ROLLEN_AS_WRITTEN

Ernst = Literal["fout", "waarschuwing"]
FOUT: Ernst = "fout"
WAARSCHUWING: Ernst = "waarschuwing"
VERBORGEN = N_("(verborgen)")

# --- reasons (exact texts; tests and documentation refer to these names) ------------------

# file level (rij is None)
REDEN_KOLOM_ONTBREEKT = N_("Verplichte kolom ontbreekt: niet gekoppeld of niet in het bestand")
# a file of another kind of export (its reason has the kind in it: a template, not a REDEN_)
ANDERE_SOORT = N_(
    "Dit bestand lijkt een export van {soort}: alle verplichte kolommen daarvan staan erin."
    " Kies die soort export (op de opdrachtregel: import {soort})."
)
REDEN_KOLOM_WEG = N_("Gekoppelde kolom staat niet in het bestand; dit veld blijft leeg")
REDEN_GEEN_RIJEN = N_("Het bestand bevat geen gegevensrijen")
# values
REDEN_LEEG = N_("Verplichte waarde ontbreekt")
REDEN_DATUM = N_("Onleesbare datum; gebruik dd-mm-jjjj")
REDEN_DATUM_BESTAAT_NIET = N_("Deze datum bestaat niet (zoals 31-11); controleer dag en maand")
REDEN_JAARTAL = N_(
    "Onwaarschijnlijk jaartal: vóór 2000 of meer dan tien jaar vooruit; is het jaar goed getypt?"
)
REDEN_TOEKOMST = N_(
    "Deze bijeenkomst ligt na vandaag; een bijeenkomst telt mee zodra ze geweest is"
    " (controleer de datum)"
)
REDEN_GETAL = N_("Onleesbaar getal")
REDEN_GEHEEL_GETAL = N_("Onleesbaar geheel getal")
REDEN_NEGATIEF = N_("Aantal mag niet negatief zijn")
REDEN_UREN = N_("Uren per week moet meer dan 0 en hoogstens 60 zijn")
REDEN_EINDE_VOOR_START = N_("Einddatum ligt voor de startdatum")
REDEN_ROL = N_("Onbekende rol; toegestaan: {values}").format(values=", ".join(ROLLEN_AS_WRITTEN))
REDEN_BEWONERSINITIATIEF = N_("Ongeldige waarde voor bewonersinitiatief; gebruik ja of nee")
REDEN_LEEFTIJDSGROEP = N_(
    "Onbekende leeftijdsgroep; de waarde wordt leeg gelaten (toegestaan: {values})"
).format(values=", ".join(LEEFTIJDSGROEPEN))
# areas
REDEN_WIJK_ONGELDIG = N_(
    "Ongeldige wijkcode; verwacht WK, 4 cijfers en dan 2 cijfers of letters,"
    " zoals WK026801 of WK0363AA"
)
REDEN_WIJK_ONBEKEND = N_("Onbekende wijk: deze wijkcode staat niet in de database")
REDEN_BUURT_ONGELDIG = N_(
    "Ongeldige buurtcode; verwacht BU, 4 cijfers en dan 4 cijfers of letters,"
    " zoals BU02680101 of BU0363AA01"
)
REDEN_BUURT_ONBEKEND = N_("Onbekende buurt: deze buurtcode staat niet in de database")
REDEN_BUURT_NIET_IN_WIJK = N_("Buurt ligt niet in de wijk van deze rij")
REDEN_WOONBUURT_ONBEKEND = N_(
    "Woonbuurt staat niet in de database; wordt leeg gelaten"
    " (de deelnemer telt alleen mee in het gemeentetotaal)"
)
# organisations
REDEN_ORGANISATIE_ONBEKEND = N_(
    "Onbekende organisatie; vul organisatie_naam en organisatie_soort in om haar toe te voegen"
)
REDEN_ORGANISATIE_NIEUW = N_("Nieuwe organisatie wordt toegevoegd")
REDEN_ORGANISATIE_VERSCHILT = N_(
    "Andere naam of soort dan eerder in dit bestand voor deze organisatie; de eerste wordt gebruikt"
)
# a known organisation with another naam or soort in the file: imports never change one
ORGANISATIE_ANDERS = N_(
    "Andere naam of soort dan in de database ({naam}, {soort}); een import verandert een"
    " bestaande organisatie niet, de database houdt die"
)
REDEN_SOORT = N_("Onbekende soort organisatie; toegestaan: {values}").format(
    values=", ".join(SOORTEN)
)
REDEN_PARTNER_ONBEKEND = N_(
    "Onbekende partnerorganisatie: niet in de database en niet als nieuwe organisatie in dit bestand"
)
# references and keys
REDEN_ACTIVITEIT_ONBEKEND = N_("Onbekende activiteit: dit activiteit_id staat niet in de database")
REDEN_BIJEENKOMST_ONBEKEND = N_(
    "Onbekende bijeenkomst: dit bijeenkomst_id staat niet in de database"
)
REDEN_BOVEN_KOLOMNAMEN = N_(
    "Staat boven de kolomnamen en is overgeslagen (een titel of toelichting, geen gegevens)"
)
REDEN_NAAM_VERSCHILT = N_(
    "Andere naam dan eerder in dit bestand voor deze professional; de eerste wordt gebruikt"
)
REDEN_DEELNEMER_VERSCHILT = N_(
    "Andere woonbuurt of leeftijdsgroep dan eerder in dit bestand voor deze deelnemer;"
    " de eerste wordt gebruikt"
)

REDENEN: dict[str, str] = {
    name: value for name, value in globals().items() if name.startswith("REDEN_")
}


def dubbel(template: str, first: int) -> str:
    """A DUBBEL* reason for a row that repeats row `first` of the file (its Excel row)."""
    return template.format(n_rij=first)


def reden_meer_dan_totaal(
    bijeenkomst: str, geregistreerd: int, totaal: int, eerder: int = 0
) -> str:
    """The warning for a bijeenkomst with more registered deelnemers than its aantal_deelnemers;
    `eerder` of them were in the database before this file (the message then says how many
    came from the file: a steward counted her file's two rows against "3 geregistreerd").

    A reason with the bijeenkomst's own numbers, so not one of REDENEN. The dashboard
    counts the larger number (docs/DESIGN.md §5.1).
    """

    # called once per bijeenkomst over its total, up to a million times in one import: the
    # number formatting is a module function, not a closure made per call, and skips the
    # separator for the usual small numbers (together 0.55 -> 0.35 s for 291,350 warnings)
    templates = _MEER_DAN_TOTAAL_EERDER if eerder else _MEER_DAN_TOTAAL
    template = templates[0] if geregistreerd == 1 else templates[1]
    return template.format(
        bijeenkomst=bijeenkomst,
        geregistreerd=_dutch_int(geregistreerd),
        totaal=_dutch_int(totaal),
        uit_bestand=_dutch_int(geregistreerd - eerder),
        eerder=_dutch_int(eerder),
    )


def redenen_meer_dan_totaal(
    bijeenkomsten: pa.Array,
    geregistreerd: pa.Array,
    totaal: pa.Array,
    eerder: pa.Array | None = None,
) -> pa.Array:
    """reden_meer_dan_totaal for whole columns at once, the same texts.

    A national file may take a million bijeenkomsten over their totals: joined in Arrow,
    291,350 warnings take 0.07 s, against 0.35 s for the function per bijeenkomst
    (measured, benchmarks.imports' worst case).
    """
    values = {
        "bijeenkomst": bijeenkomsten,
        "geregistreerd": _dutch_ints(geregistreerd),
        "totaal": _dutch_ints(totaal),
    }
    if eerder is None:
        return _by_count(_MEER_DAN_TOTAAL, values, geregistreerd)
    before = pc.greater(eerder, 0)
    count = pc.sum(before).as_py() or 0
    if not count:  # an export of new participants: the usual case
        return _by_count(_MEER_DAN_TOTAAL, values, geregistreerd)
    values["eerder"] = _dutch_ints(eerder)
    values["uit_bestand"] = _dutch_ints(pc.subtract(geregistreerd, eerder))
    if count == len(before):  # every one had registrations before (a file sent again)
        return _by_count(_MEER_DAN_TOTAAL_EERDER, values, geregistreerd)
    # each text made once, by the template of its row (both for every row took 0.3 s more
    # for 291,350 warnings, measured)
    texts = pa.nulls(len(before), pa.string())
    for templates, rows in (
        (_MEER_DAN_TOTAAL, pc.invert(before)),
        (_MEER_DAN_TOTAAL_EERDER, before),
    ):
        part = {name: column.filter(rows) for name, column in values.items()}
        texts = pc.replace_with_mask(
            texts, rows, _by_count(templates, part, geregistreerd.filter(rows))
        )
    return texts


def _by_count(
    templates: tuple[str, str], values: dict[str, pa.Array], geregistreerd: pa.Array
) -> pa.Array:
    """The singular or plural template of a pair, per row by its count."""
    plural = _joined(templates[1], values)
    one = pc.equal(geregistreerd, 1)
    if not pc.any(one).as_py():  # one registered yet over the total: a total of 0, rare
        return plural
    return pc.if_else(one, _joined(templates[0], values), plural)


def _joined(template: str, values: dict[str, pa.Array]) -> pa.Array:
    """The template with each {field} taken from the column of that name, row by row."""
    parts = _FIELD.split(template)  # text, name, text, name, ..., text
    pieces = [values[part] if i % 2 else part for i, part in enumerate(parts) if part]
    return pc.binary_join_element_wise(*pieces, "")


def _dutch_int(value: int) -> str:
    """A whole number with Dutch thousands separators ('1.234'); below 1000 as it is."""
    return str(value) if -1000 < value < 1000 else f"{value:,}".replace(",", ".")


def _dutch_ints(values: pa.Array) -> pa.Array:
    """_dutch_int of every number; only the few of 1000 and more go through Python."""
    texts = pc.cast(values, pa.string())
    big = pc.greater_equal(pc.abs(values), 1000)
    if not pc.any(big).as_py():
        return texts
    return pc.replace_with_mask(
        texts, big, pa.array([_dutch_int(v) for v in values.filter(big).to_pylist()], pa.string())
    )


# Reasons with values in them (Dutch, as the validation writes them): their templates, so a
# reason can be shown in the run's language (`shown_reason`) while Problem keeps the Dutch.
_MEER_DAN_TOTAAL = (
    N_(
        "Bijeenkomst {bijeenkomst}: {geregistreerd} deelnemer geregistreerd,"
        " de bijeenkomst telt er {totaal}; het dashboard telt {geregistreerd}"
    ),
    N_(
        "Bijeenkomst {bijeenkomst}: {geregistreerd} deelnemers geregistreerd,"
        " de bijeenkomst telt er {totaal}; het dashboard telt {geregistreerd}"
    ),
)
# a row that repeats an earlier one names that row ({n_rij}: a number, so a pattern of its own)
DUBBEL = N_("Staat dubbel: deze code staat al op rij {n_rij} van dit bestand")
DUBBELE_INZET = N_(
    "Staat dubbel: rij {n_rij} van dit bestand heeft dezelfde professional, wijk, rol en startdatum"
)
DUBBELE_DEELNAME = N_(
    "Staat dubbel: rij {n_rij} van dit bestand heeft deze deelnemer al bij deze bijeenkomst"
)
# the same, when some of them were in the database before the file: how many came from it
_MEER_DAN_TOTAAL_EERDER = (
    N_(
        "Bijeenkomst {bijeenkomst}: {geregistreerd} deelnemer geregistreerd ({uit_bestand} nieuw"
        " uit dit bestand, {eerder} al in de database), de bijeenkomst telt er {totaal}; het"
        " dashboard telt {geregistreerd}"
    ),
    N_(
        "Bijeenkomst {bijeenkomst}: {geregistreerd} deelnemers geregistreerd ({uit_bestand} nieuw"
        " uit dit bestand, {eerder} al in de database), de bijeenkomst telt er {totaal}; het"
        " dashboard telt {geregistreerd}"
    ),
)
# a new activiteit type close to one the database or the file has (a typing error makes a
# category of its own in every chart by type)
TYPE_LIJKT_OP = N_(
    "Nieuw type, maar het lijkt op '{type}', dat er al is: een tikfout wordt een aparte soort"
    " in de grafieken"
)
_TEMPLATES: list[str] = [
    ORGANISATIE_ANDERS,
    *_MEER_DAN_TOTAAL,
    *_MEER_DAN_TOTAAL_EERDER,
    DUBBEL,
    DUBBELE_INZET,
    DUBBELE_DEELNAME,
    ANDERE_SOORT,
    TYPE_LIJKT_OP,
    N_("Onbekende rol; toegestaan: {values}"),
    N_("Onbekende leeftijdsgroep; de waarde wordt leeg gelaten (toegestaan: {values})"),
    N_("Onbekende soort organisatie; toegestaan: {values}"),
]
_FIELD = re.compile(r"\{(\w+)\}")
# A field named n (or n_...) is a count: only a number fits it (1.234 or 1,234 too, but not the "3." of
# a sentence's end), so a count template such as "{n} buurt" does not take "deze buurt".
_NUMBER = r"\d+(?:[.,]\d+)*"


def of_another_kind(reden: str) -> bool:
    """Whether a file-level reason is ANDERE_SOORT: the file looks like another kind of export."""
    return _another_kind().match(reden) is not None


@lru_cache(maxsize=1)
def _another_kind() -> re.Pattern[str]:
    return _pattern(ANDERE_SOORT)


def _is_count(field: str) -> bool:
    """Whether a template's field is a count ({n}, {n_rij}): a number, in every language."""
    return field == "n" or field.startswith("n_")


def _pattern(template: str) -> re.Pattern[str]:
    """The template as a regular expression: each {field} a group (again: the same value)."""
    parts = _FIELD.split(template)  # text, name, text, name, ..., text
    seen: set[str] = set()
    regex = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            regex.append(re.escape(part))
        elif part in seen:
            regex.append(f"(?P={part})")
        else:
            seen.add(part)
            number = _is_count(part)  # {n}, {n_row}: digits only
            regex.append(f"(?P<{part}>{_NUMBER if number else '.+?'})")
    return re.compile("".join(regex) + "$")


def register_templates(*templates: str) -> None:
    """Reasons with values that other modules write (their Dutch templates, marked N_).

    A value of one template may itself be a registered template or fixed text (or several,
    joined by "; "): those parts are shown in the run's language too. When a reason fits
    several templates, the one with the most fixed text wins (the most specific), so the
    order in which modules register does not matter."""
    added = [t for t in templates if t not in _TEMPLATES]
    if added:
        _TEMPLATES.extend(added)
        _compiled.cache_clear()
        _known.cache_clear()


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, str, re.Pattern[str], int]]:
    # with each template the fixed text it starts with (a reason that starts otherwise cannot
    # fit it: a cheap test before the regular expression, for a report with thousands of
    # reasons that differ only in a row number) and its amount of fixed text: of the
    # templates a reason fits, the most specific wins ("{what}: {pattern}." must not take a
    # reason another one describes)
    return [(t, t.split("{", 1)[0], _pattern(t), len(_FIELD.sub("", t))) for t in _TEMPLATES]


def _parts(value: str, depth: int) -> str:
    """A field of a reason in the run's language, data as it is: the whole value when it is a
    text or template of its own (which may hold "; " in its fixed text), else each "; "-joined
    part."""
    language = i18n.current()
    whole = _known(value, language, depth + 1)
    if whole is not None:
        return whole
    return "; ".join(_shown(part, language, depth + 1) for part in value.split("; "))


# The deepest a reason is looked into (a template's value holding a template...): a CBS
# error is file, reason, count, number deep, with a level to spare.
_MAX_DEPTH = 5


# Several reasons in one message stand in paragraphs of their own.
PARAGRAPHS = "\n\n"


@lru_cache(maxsize=4096)  # a report repeats its reasons: each is worked out once per language
def _known(reden: str, language: str, depth: int = 0) -> str | None:
    """`reden` in `language` when it is a text of the catalogue or fits a template; else None."""
    translated = _(reden)
    if translated != reden or language == i18n.NL:
        return translated
    if PARAGRAPHS in reden:
        return PARAGRAPHS.join(_shown(p, language, depth) for p in reden.split(PARAGRAPHS))
    if depth > _MAX_DEPTH:
        return None
    best: tuple[str, re.Match[str], int] | None = None
    for template, start, pattern, fixed in _compiled():
        if not reden.startswith(start):
            continue
        match = pattern.match(reden)
        if match is not None and (best is None or fixed > best[2]):
            best = (template, match, fixed)
    if best is None:
        return None
    template, match, _fixed = best
    # a count is a number as it is (looked up as a text of its own, it cost a report of
    # thousands of row numbers as much as their reasons)
    parts = {k: v if _is_count(k) else _parts(v, depth) for k, v in match.groupdict().items()}
    return _(template).format(**parts)


def _shown(reden: str, language: str, depth: int = 0) -> str:
    known = _known(reden, language, depth)
    return reden if known is None else known


def shown_reason(reden: str) -> str:
    """A reason (Dutch, as Problem keeps it) in the run's language: a fixed reason through the
    catalogue, one with values through its template; anything else as it is."""
    return _shown(reden, i18n.current())


class Problem(NamedTuple):
    """One finding: where (file, Excel row, column), what value, why, and how bad.

    A named tuple, not a frozen dataclass: an import can find a million of them, and a
    tuple is made three times as fast (0.30 -> 0.10 s for 291,350, measured).
    """

    bestand: str
    rij: int | None
    kolom: str | None
    waarde: str | None
    reden: str
    ernst: Ernst


_ERNST_ORDER = {FOUT: 0, WAARSCHUWING: 1}
# the Ernst as the report shows it (the codes are the Dutch words)
ERNST_LABELS = {FOUT: N_("fout"), WAARSCHUWING: N_("waarschuwing")}


def _shown_value(value: str | None) -> str | None:
    return _(VERBORGEN) if value == VERBORGEN else value


def report_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a Dutch table: errors first, then per file by row (file-level problems first)."""
    files: dict[str, int] = {}
    for p in problems:
        files.setdefault(p.bestand, len(files))
    ordered = sorted(
        problems,
        key=lambda p: (
            _ERNST_ORDER[p.ernst],
            files[p.bestand],
            -1 if p.rij is None else p.rij,
        ),
    )
    return pd.DataFrame(
        {
            _("Bestand"): pd.Series([p.bestand for p in ordered], dtype=object),
            _("Rij"): pd.array([p.rij for p in ordered], dtype="Int64"),
            _("Kolom"): pd.Series([p.kolom for p in ordered], dtype=object),
            _("Waarde"): pd.Series([_shown_value(p.waarde) for p in ordered], dtype=object),
            _("Reden"): pd.Series([shown_reason(p.reden) for p in ordered], dtype=object),
            _("Ernst"): pd.Series([_(ERNST_LABELS[p.ernst]) for p in ordered], dtype=object),
        }
    )
