"""Map a user's own column names to template fields, and keep those mappings for reuse."""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from dashboard.i18n import N_
from dashboard.ingest.registratie.problems import register_templates
from dashboard.ingest.registratie.templates import check_kind, field_names

_NAME = re.compile(r"[A-Za-z0-9_-]{1,50}")

# Dutch messages with values (the UI shows them through registratie.shown_reason)
_UNKNOWN_FIELDS = N_(
    "Onbekende velden in de koppeling voor '{kind}': {unknown}; velden zijn: {names}"
)
_NOT_TEXT = N_("Kolom voor veld '{field}' moet tekst of leeg zijn, niet {column}")
_BAD_NAME = N_(
    "Ongeldige naam voor een koppeling: {name}; gebruik 1 tot 50 letters, cijfers, '_' of '-'."
)
_MISSING = N_("Koppeling '{name}' bestaat niet; wel: {known}")
_MISSING_NONE = N_("Koppeling '{name}' bestaat niet; er zijn nog geen koppelingen bewaard.")
_DAMAGED = N_("Koppeling '{name}' is beschadigd ({file}).")
register_templates(_UNKNOWN_FIELDS, _NOT_TEXT, _BAD_NAME, _MISSING, _MISSING_NONE, _DAMAGED)

# Common column names in registration systems, per template field (matched after normalising).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "inzet_id": ("inzet", "inzetnummer", "inzetnr", "inzet id"),
    "professional_id": (
        "professional",
        "professionalnummer",
        "medewerker_id",
        "medewerkernummer",
        "medewerkernr",
        "personeelsnummer",
    ),
    "professional_naam": (
        "naam professional",
        "naam medewerker",
        "medewerkernaam",
        "medewerker",
        "naam",
    ),
    "wijkcode": ("wijk", "cbs wijkcode", "wijknummer"),
    "buurtcode": ("buurt", "cbs buurtcode"),
    "rol": ("functie", "rol professional"),
    "organisatie_id": (
        "organisatie",
        "organisatiecode",
        "organisatienummer",
        "org_id",
        "organisator",
    ),
    "organisatie_naam": ("naam organisatie", "organisatienaam"),
    "organisatie_soort": ("soort organisatie", "organisatietype", "soort"),
    "startdatum": ("start", "begindatum", "begin", "vanaf", "datum start"),
    "einddatum": ("eind", "einde", "tot", "tot en met", "datum einde"),
    "uren_per_week": ("uren", "uren per week", "uur per week", "contracturen", "uren pw"),
    "activiteit_id": ("activiteit", "activiteitnummer", "activiteitcode"),
    "naam": ("naam activiteit", "activiteitnaam", "titel"),
    "type": ("soort activiteit", "activiteitstype", "type activiteit", "categorie"),
    "bewonersinitiatief": ("initiatief van bewoners", "bewonersinitiatief ja nee"),
    "partners": ("partner", "partnerorganisaties", "samenwerkingspartners"),
    "bijeenkomst_id": ("bijeenkomst", "bijeenkomstnummer", "sessie", "sessie_id"),
    "datum": ("datum bijeenkomst", "date"),
    "aantal_deelnemers": ("deelnemers", "aantal", "bezoekers", "aantal bezoekers"),
    "deelnemer_id": (
        "deelnemer",
        "deelnemernummer",
        "klantnummer",
        "klant",
        "klant_id",
        "clientnummer",
        "relatienummer",
    ),
    "woonbuurt": ("buurt", "buurtcode", "woonbuurtcode", "buurt woonadres"),
    "leeftijdsgroep": ("leeftijd", "leeftijdscategorie", "leeftijdsklasse"),
}


def normalise(name: str) -> str:
    """A column name without case, accents, spaces, underscores, hyphens, dots or slashes."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s_\-./?]+", "", plain.lower())


def suggest_mapping(kind: str, columns: Iterable[str]) -> dict[str, str | None]:
    """Field → column: exact name first, then the name normalised, then synonyms in order; each column once."""
    names = field_names(kind)
    columns = [str(c) for c in columns]
    result: dict[str, str | None] = dict.fromkeys(names)
    used: set[str] = set()

    def take(name: str, target: str, key: Callable[[str], str]) -> None:
        """Map name to the first unused column whose key equals target."""
        column = next((c for c in columns if c not in used and key(c) == target), None)
        if column is not None:
            result[name] = column
            used.add(column)

    for name in names:
        take(name, name, str)
    for name in names:
        if result[name] is None:
            take(name, normalise(name), normalise)
    for name in names:
        # synonyms in their listed order, so "Naam medewerker" wins over "Medewerker"
        for synonym in SYNONYMS.get(name, ()):
            if result[name] is None:
                take(name, normalise(synonym), normalise)
    return result


def check_mapping(kind: str, mapping: Mapping[str, str | None]) -> dict[str, str | None]:
    """The mapping as a plain dict; raise a Dutch ValueError for unknown fields or bad values."""
    names = field_names(kind)
    unknown = [f for f in mapping if f not in names]
    if unknown:
        raise ValueError(
            _UNKNOWN_FIELDS.format(
                kind=kind, unknown=", ".join(map(str, unknown)), names=", ".join(names)
            )
        )
    for field, column in mapping.items():
        if column is not None and not isinstance(column, str):
            raise ValueError(_NOT_TEXT.format(field=field, column=repr(column)))
    return {field: mapping.get(field) for field in names}


def check_name(name: str) -> str:
    """Return name when it is a valid mapping name, else raise a Dutch ValueError."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError(_BAD_NAME.format(name=repr(name)))
    return name


class MappingStore:
    """Saved column mappings, one JSON file per name in one directory."""

    def __init__(self, directory: Path) -> None:
        """Use directory (created on first save)."""
        self.directory = Path(directory)

    def _path(self, name: str) -> Path:
        return self.directory / f"{check_name(name)}.json"

    def save(self, name: str, kind: str, mapping: Mapping[str, str | None]) -> None:
        """Write the mapping atomically (temp file in the same directory, then os.replace)."""
        path = self._path(name)
        content = {"kind": check_kind(kind), "mapping": check_mapping(kind, mapping)}
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(content, handle, ensure_ascii=False, indent=2)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def load(self, name: str) -> tuple[str, dict[str, str | None]]:
        """(kind, mapping) of a saved mapping; LookupError when it does not exist."""
        path = self._path(name)
        if not path.is_file():
            known = ", ".join(self.names())
            raise LookupError(
                _MISSING.format(name=name, known=known)
                if known
                else _MISSING_NONE.format(name=name)
            )
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
            kind = check_kind(content["kind"])
            return kind, check_mapping(kind, content["mapping"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(_DAMAGED.format(name=name, file=path.name)) from exc

    def names(self, kind: str | None = None) -> list[str]:
        """Sorted names of the saved mappings, optionally only those of one kind."""
        if kind is not None:
            check_kind(kind)
        if not self.directory.is_dir():
            return []
        found = []
        for path in sorted(self.directory.glob("*.json")):
            if not _NAME.fullmatch(path.stem):
                continue
            if kind is not None:
                try:
                    if self.load(path.stem)[0] != kind:
                        continue
                except ValueError:
                    continue  # a damaged file belongs to no kind
            found.append(path.stem)
        return found
