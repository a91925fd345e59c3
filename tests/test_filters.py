"""Filter state <-> URL query parameters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dashboard.screens.state import (
    Options,
    State,
    default_state,
    from_query_params,
    to_query_params,
)

OPTIONS = Options(
    gemeenten=["GM9999", "GM0001"],
    first_day=date(2021, 1, 1),
    last_day=date(2026, 10, 31),
    organisaties=["ORG1"],
    activity_types=["buurtcafé"],
    areas=["WK999901", "WK999902"],
)


def test_default_is_last_twelve_months_of_first_gemeente():
    # 2026-10-31 minus 364 days = 2025-11-01: 365 days in all
    assert default_state(OPTIONS) == State("GM9999", date(2025, 11, 1), date(2026, 10, 31))


def test_round_trip():
    state = State(
        "GM0001",
        date(2023, 1, 1),
        date(2023, 12, 31),
        level="buurt",
        rol="opbouwwerker",
        organisatie="ORG1",
        activity_type="buurtcafé",
        attributie="wie",
        selected="WK999902",
    )
    params = to_query_params(state)
    assert params == {
        "gm": "GM0001",
        "van": "2023-01-01",
        "tot": "2023-12-31",
        "niveau": "buurt",
        "rol": "opbouwwerker",
        "org": "ORG1",
        "type": "buurtcafé",
        "attr": "wie",
        "sel": "WK999902",
    }
    assert from_query_params(params, OPTIONS) == state


def test_unknown_values_fall_back_with_dutch_notes():
    state = from_query_params(
        {
            "gm": "GM1234",
            "rol": "directeur",
            "van": "gisteren",
            "niveau": "stadsdeel",
            "sel": "WK000000",
        },
        OPTIONS,
    )
    assert state == default_state(OPTIONS)
    assert state.notes == (
        "Gemeente 'GM1234' uit de link is onbekend; de standaard wordt gebruikt.",
        "Niveau 'stadsdeel' uit de link is onbekend; de standaard wordt gebruikt.",
        "Rol 'directeur' uit de link is onbekend; de standaard wordt gebruikt.",
        "Begindatum 'gisteren' uit de link is geen datum (JJJJ-MM-DD); de standaard wordt gebruikt.",
        "Het gekozen gebied 'WK000000' uit de link hoort niet bij deze gemeente.",
    )


def test_dates_are_clamped_to_the_data_and_reversed_periods_refused():
    state = from_query_params({"van": "2010-01-01", "tot": "2030-01-01"}, OPTIONS)
    assert (state.start, state.end) == (date(2021, 1, 1), date(2026, 10, 31))
    # the user is told, not silently corrected
    assert state.notes == (
        "Begindatum 01-01-2010 uit de link valt buiten de gegevens (01-01-2021 t/m 31-10-2026); 01-01-2021 wordt gebruikt.",
        "Einddatum 01-01-2030 uit de link valt buiten de gegevens (01-01-2021 t/m 31-10-2026); 31-10-2026 wordt gebruikt.",
    )
    state = from_query_params({"van": "2024-12-31", "tot": "2024-01-01"}, OPTIONS)
    assert (state.start, state.end) == (date(2025, 11, 1), date(2026, 10, 31))
    assert "eindigt voor zij begint" in state.notes[0]


def test_a_link_to_an_area_with_capitals_selects_it():
    # Amsterdam's CBS codes (WK0363AA, BU0363AA01): a link selects any area the gemeente has
    options = replace(OPTIONS, gemeenten=["GM0363"], areas=["WK0363AA", "WK0363AB", "BU0363AA01"])
    state = from_query_params({"gm": "GM0363", "sel": "WK0363AA"}, options)
    assert (state.gemeente, state.selected, state.notes) == ("GM0363", "WK0363AA", ())
    assert from_query_params(to_query_params(state), options) == state
    buurt = from_query_params({"gm": "GM0363", "niveau": "buurt", "sel": "BU0363AA01"}, options)
    assert (buurt.selected, buurt.notes) == ("BU0363AA01", ())
    other = from_query_params({"gm": "GM0363", "sel": "WK0363AC"}, options)
    assert other.selected is None
    assert other.notes == (
        "Het gekozen gebied 'WK0363AC' uit de link hoort niet bij deze gemeente.",
    )
