"""No registrations is not zero (issue 11 item 8): a gemeente with CBS data but no activiteiten
and no inzet shows "geen registraties", never "Deelnames 0" or "24 van 24 wijken zonder
opbouwwerk", and the country's coverage counts only gemeenten that register inzet."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from dashboard.domain.period import Period
from dashboard.screens import overzicht
from dashboard.warehouse import queries, store
from tests.helpers import run_cli

pytestmark = pytest.mark.shared

PERIOD = Period(date(2025, 1, 1), date(2025, 12, 31))
ARNHEM = "GM0202"


@pytest.fixture()
def demo_with_arnhem(capsys, demo_copy, cbs_dir) -> str:
    """The demo plus the real CBS wijken of Arnhem, for which nothing is registered."""
    arnhem = cbs_dir / "cbs_wijken_2024_arnhem.geojson"
    code, _, err = run_cli(capsys, "import-cbs", str(arnhem), "--db", demo_copy)
    assert code == 0, err
    return demo_copy


def test_marts_leave_unknown_figures_empty(demo_with_arnhem):
    with duckdb.connect(store.resolve(demo_with_arnhem), read_only=True) as con:
        reach = queries.bereik(con, PERIOD, level="wijk", gemeente=ARNHEM)
        cover = queries.dekking(con, PERIOD, level="wijk", gemeente=ARNHEM)
    assert len(reach) == 24 and len(cover) == 24  # Arnhem's 24 wijken (SOURCES.md)
    assert reach["bijeenkomsten"].isna().all() and reach["deelnames"].isna().all()
    assert cover["fte_opbouwwerk"].isna().all() and cover["zonder_opbouwwerk"].isna().all()
    assert cover["kwadrant"].isna().all() and not cover["heeft_inzetgegevens"].any()
    # the inwoners are known: only the registrations are missing
    assert cover["inwoners"].notna().all()


def test_headline_says_geen_registraties(demo_with_arnhem):
    with duckdb.connect(store.resolve(demo_with_arnhem), read_only=True) as con:
        figures = overzicht.headline_figures(queries.on(con), PERIOD, ARNHEM)
    texts = {f.label: f.text for f in figures}
    assert texts == {label: overzicht.NO_REGISTRATIONS for label in texts}
    assert all(f.value is None for f in figures)


def test_country_counts_only_gemeenten_that_register_inzet(demo_with_arnhem, demo_db_path):
    def national(location: str) -> dict[str, str]:
        with duckdb.connect(store.resolve(location), read_only=True) as con:
            return {f.label: f.text for f in overzicht.national_figures(queries.on(con), PERIOD)}

    before, after = national(demo_db_path), national(demo_with_arnhem)
    # adding a gemeente without registrations changes none of the country's figures: its
    # wijken are not "zonder opbouwwerk" and its inwoners do not dilute fte per 10.000
    for label in (
        "Fte opbouwwerk",
        "Fte opbouwwerk per 10.000 inwoners",
        "Wijken zonder opbouwwerk",
        "Hoge behoefte, lage dekking",
        "Deelnames",
    ):
        assert after[label] == before[label], label
