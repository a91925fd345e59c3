"""The shared filter state and its URL form (query parameters), as pure functions.

A link reproduces a view: every shared choice lives in the URL. Values read
from a URL are checked against allow-lists; anything unknown falls back to the
default with a Dutch note, never an error page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from dashboard.domain.codes import (
    AREA_LEVELS,
    ATTRIBUTIES,
    GEMEENTE,
    NATIONAL,
    NATIONAL_LEVELS,
    ROLLEN,
    WIJK,
)
from dashboard.domain.period import Period
from dashboard.i18n import DEFAULT as DEFAULT_LANGUAGE
from dashboard.i18n import LANGUAGES, N_, _

# URL parameter names, short so links stay readable.
PARAM = {
    "gemeente": "gm",
    "start": "van",
    "end": "tot",
    "level": "niveau",
    "rol": "rol",
    "organisatie": "org",
    "activity_type": "type",
    "attributie": "attr",
    "selected": "sel",
    "language": "taal",
}


@dataclass(frozen=True)
class Options:
    """What the database offers to choose from."""

    gemeenten: Sequence[str]
    first_day: date
    last_day: date
    organisaties: Sequence[str] = ()
    activity_types: Sequence[str] = ()
    areas: Sequence[str] = ()
    levels: Sequence[str] = AREA_LEVELS
    # whether "Heel Nederland" (NATIONAL) may be chosen besides the gemeenten
    national: bool = False


@dataclass(frozen=True)
class State:
    """Every shared choice of the sidebar, plus the selected area."""

    gemeente: str
    start: date
    end: date
    level: str = "wijk"
    rol: str | None = None
    organisatie: str | None = None
    activity_type: str | None = None
    attributie: str = "waar"
    selected: str | None = None
    # the UI's language (dashboard.i18n): "nl" or "en"
    language: str = DEFAULT_LANGUAGE
    notes: tuple[str, ...] = field(default=(), compare=False)
    # the filters this screen applies (its sidebar's); the others stay in the URL for the
    # screens that do, but a download must not name them (Overzicht's named an organisation)
    applied: frozenset[str] = field(default=frozenset(), compare=False)

    def applies(self, name: str) -> str | None:
        """The value of filter `name` (rol, organisatie, activity_type) if this screen applies
        it, else None."""
        value = getattr(self, name)
        return value if name in self.applied else None

    @property
    def period(self) -> Period:
        """The chosen period."""
        return Period(self.start, self.end)

    @property
    def is_national(self) -> bool:
        """Whether the view is "Heel Nederland" rather than one gemeente."""
        return self.gemeente == NATIONAL

    @property
    def inzet_level(self) -> str:
        """The level of inzet-based figures (continuity, coverage): wijken, or nationally
        gemeenten when that level is chosen (inzet is registered per wijk)."""
        return GEMEENTE if self.is_national and self.level == GEMEENTE else WIJK

    @property
    def query_gemeente(self) -> str | None:
        """The gemeente argument of the query API: None (all areas of the country) nationally."""
        return None if self.is_national else self.gemeente


def default_state(options: Options) -> State:
    """The view a new visitor gets: first gemeente, the 12 months ending on the last day with data."""
    start = max(options.first_day, options.last_day - timedelta(days=364))
    return State(gemeente=options.gemeenten[0], start=start, end=options.last_day)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def from_query_params(params: Mapping[str, str], options: Options) -> State:
    """Read a State from URL parameters; unknown or malformed values fall back to defaults with a note."""
    state = default_state(options)
    notes: list[str] = []
    changes: dict[str, Any] = {}

    def choice(name: str, allowed: Sequence[str], label: str) -> None:
        value = params.get(PARAM[name])
        if value is None or value == "":
            return
        if value in allowed:
            changes[name] = value
        else:
            notes.append(
                _("{label} '{value}' uit de link is onbekend; de standaard wordt gebruikt.").format(
                    label=_(label), value=value
                )
            )

    gemeenten = [NATIONAL, *options.gemeenten] if options.national else options.gemeenten
    choice("gemeente", gemeenten, N_("Gemeente"))
    if changes.get("gemeente") == NATIONAL:
        changes["level"] = NATIONAL_LEVELS[
            0
        ]  # one area per gemeente, unless the link says otherwise
    choice("level", options.levels, N_("Niveau"))
    choice("rol", ROLLEN, N_("Rol"))
    choice("organisatie", options.organisaties, N_("Organisatie"))
    choice("activity_type", options.activity_types, N_("Activiteitstype"))
    choice("attributie", ATTRIBUTIES, N_("Attributie"))
    choice("language", LANGUAGES, N_("Taal"))
    for name, label in (("start", N_("Begindatum")), ("end", N_("Einddatum"))):
        text = params.get(PARAM[name])
        if text:
            parsed = _date(text)
            if parsed is None:
                notes.append(
                    _(
                        "{label} '{text}' uit de link is geen datum (JJJJ-MM-DD); de standaard wordt gebruikt."
                    ).format(label=_(label), text=text)
                )
            else:
                clamped = min(max(parsed, options.first_day), options.last_day)
                if clamped != parsed:
                    notes.append(
                        _(
                            "{label} {date} uit de link valt buiten de gegevens ({first} t/m {last});"
                            " {used} wordt gebruikt."
                        ).format(
                            label=_(label),
                            date=f"{parsed:%d-%m-%Y}",
                            first=f"{options.first_day:%d-%m-%Y}",
                            last=f"{options.last_day:%d-%m-%Y}",
                            used=f"{clamped:%d-%m-%Y}",
                        )
                    )
                changes[name] = clamped
    state = replace(state, **changes)
    if state.end < state.start:
        notes.append(
            _("De periode uit de link eindigt voor zij begint; de standaardperiode wordt gebruikt.")
        )
        default = default_state(options)
        state = replace(state, start=default.start, end=default.end)
    selected = params.get(PARAM["selected"])
    if selected:
        if state.gemeente == NATIONAL:  # a click on the national map opens a gemeente instead
            notes.append(
                _(
                    "Het gebied '{area}' uit de link is niet gekozen: bij Heel Nederland opent"
                    " een klik op de kaart de gemeente. Kies eerst de gemeente."
                ).format(area=selected)
            )
        elif selected in options.areas:
            state = replace(state, selected=selected)
        else:
            notes.append(
                _("Het gekozen gebied '{area}' uit de link hoort niet bij deze gemeente.").format(
                    area=selected
                )
            )
    return replace(state, notes=tuple(notes))


def to_query_params(state: State) -> dict[str, str]:
    """The URL parameters of a State (defaults left out only where they are None)."""
    values = {
        "gemeente": state.gemeente,
        "start": state.start.isoformat(),
        "end": state.end.isoformat(),
        "level": state.level,
        "rol": state.rol,
        "organisatie": state.organisatie,
        "activity_type": state.activity_type,
        "attributie": state.attributie,
        "selected": state.selected,
        # Dutch, the default, stays out of the link
        "language": None if state.language == DEFAULT_LANGUAGE else state.language,
    }
    return {PARAM[k]: v for k, v in values.items() if v is not None}
