"""AppTest of the Opbrengst screen (pages/opbrengst.py) on the demo: the honesty paragraph from
the data, the changes, the associations and a choice of measure."""

from __future__ import annotations

import re

import pytest

from dashboard.config import DB_ENV_VAR
from tests.helpers import open_screen

pytestmark = pytest.mark.slow

PAGE = "pages/opbrengst.py"


@pytest.fixture()
def db(monkeypatch, demo_db_path) -> str:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)
    return demo_db_path


def test_opbrengst_shows_the_honesty_paragraph_changes_and_associations(db):
    at = open_screen(PAGE)
    assert [t.value for t in at.title] == ["Opbrengst"]
    honesty = at.info[-1].value
    # the demo: 9 wijken, registrations 2021-2026 (whole years 2021-2025)
    assert honesty.startswith("Dit rust op 9 wijken in 2021–2025 en ")
    assert "geen bewijs" in honesty
    assert [s.value for s in at.header] == [
        "Wijken door de jaren",
        "Voor en na een wisseling van opbouwwerker",
        "Samenhang over wijken en jaren",
        "Alle wijk-jaren",
        "Downloaden",
    ]
    changes, events, associations, per_year = (d.value for d in at.dataframe)
    # Heidepark's scripted eight months without opbouwwerker (DESIGN §9): 2022-03-27..2022-11-27
    heidepark = events[(events["Wijk"] == "Heidepark") & (events["Wanneer"] == "mrt 2022")]
    assert heidepark[["Wat", "Dagen onbezet"]].values.tolist() == [
        ["vertrek, 8 maanden onbezet", "246"]
    ]
    # a post without a successor counts its days from below (an empty cell sorted below the
    # shortest gaps): so far, while the year runs, or at least the year
    for what, days in events[["Wat", "Dagen onbezet"]].values.tolist():
        still_open = re.fullmatch(r"vertrek, nog geen opvolger \(al (\d+) dagen\)", what)
        if still_open:
            assert days == f"minstens {still_open.group(1)} (nog open)"
        elif what == "vertrek, geen opvolger binnen een jaar":
            assert days == "minstens 365"
        elif what.startswith("vertrek, ") and "onbezet" in what or "opvolger na" in what:
            assert re.fullmatch(r"\d+", days)
    assert events["Dagen onbezet"].str.startswith("minstens").sum() >= 2
    # nine wijken and enough changes: every figure is shown, so no column of reasons
    assert "Waarom geen cijfer" not in associations.columns
    assert "Waarom geen cijfer" not in changes.columns
    assert associations["Samenhang (rho)"].ne("").all() and changes["95%-band"].ne("").all()
    assert len(per_year) == 9 * 5
    # the screen's table in Dutch notation (the workbook keeps numbers): a decimal comma,
    # no Python "None" or "nan", no decimal point (a point only between thousands)
    shown = per_year.astype(str).to_numpy().ravel().tolist()
    decimal_point = re.compile(r"\d\.(\d{1,2}|\d{4,})\b")
    assert not [v for v in shown if v in ("None", "nan") or decimal_point.search(v)]
    assert any("," in v for v in per_year["Bereik per 1.000"])
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Cijfers (Excel)", "Grafieken (PNG, zip)"]


def test_choosing_another_outcome_changes_the_before_and_after_column(db):
    at = open_screen(PAGE)
    before = at.dataframe[1].value["Ervoor"].tolist()
    at.radio(key="ob_y").set_value("nieuw").run()
    assert not at.exception
    after = at.dataframe[1].value["Ervoor"].tolist()
    assert before != after
    # bereik per 1.000 has a decimal comma; new participants are whole numbers (or '<5')
    assert all("," not in v for v in after if v)


def test_without_chromium_only_excel_with_a_dutch_reason(db, monkeypatch, tmp_path):
    # the PNG zip needs Chromium to draw the charts: without it only the workbook is offered,
    # with the reason in Dutch before a click (as on the Wijkprofiel)
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "geen-chromium"))
    at = open_screen(PAGE)
    assert [d.proto.label for d in at.get("download_button")] == ["Cijfers (Excel)"]
    [warning] = at.warning
    assert "Chromium" in warning.value and "Excel kunt u wel downloaden" in warning.value
