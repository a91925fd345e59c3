"""Gegevens: a beheerder publishes a concept verhaal (and takes it back) with a button per
verhaal, written like an import (write.commit, the import log, the audit log); the public
Wijkprofiel shows it. A viewer who may not import gets no working button."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.config import AUDIT_ENV_VAR
from dashboard.display.text import md
from dashboard.domain.roles import BELEID
from dashboard.warehouse import audit
from tests.helpers import APP, open_screen, rows

pytestmark = pytest.mark.slow  # AppTest

WIJK = "WK999904"  # De Brink: its newest verhaal in the demo is a concept


@pytest.fixture()
def log(monkeypatch, tmp_path: Path) -> str:
    """This test's own audit log."""
    path = tmp_path / "audit" / "auditlog.duckdb"
    monkeypatch.setenv(AUDIT_ENV_VAR, str(path))
    return str(path)


def newest_concept(db: str) -> tuple[str, str]:
    """The id and text of De Brink's newest verhaal, a concept (so the profile's newest three
    include it once published)."""
    found = rows(
        db, "select gebiedscode, verhaal_id, tekst, status from verhaal order by datum desc"
    )
    verhaal_id, tekst, status = next(r[1:] for r in found if r[0] == WIJK)
    assert status == "concept"
    return verhaal_id, tekst


def status_of(db: str, verhaal_id: str) -> str:
    return dict(rows(db, "select verhaal_id, status from verhaal"))[verhaal_id]


def imports(db: str) -> list[tuple]:
    """The import log, oldest first."""
    return rows(
        db,
        "select bestand, tabel, rijen_toegevoegd, rijen_bijgewerkt, gebruiker, resultaat"
        " from import_log order by import_id",
    )


def profile_text(db: str) -> str:
    """What the public Wijkprofiel of De Brink says (a new session, as the public sees it),
    as markdown source: a verhaal's text is there escaped (display.text.md)."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["gm"] = "GM9999"
    at.query_params["sel"] = WIJK
    at.switch_page("pages/wijkprofiel.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return " ".join(m.value for m in at.markdown)


def test_publishing_a_concept_shows_it_on_the_wijkprofiel_and_logs_it(demo_copy, lokaal, log):
    verhaal_id, tekst = newest_concept(demo_copy)
    assert md(tekst) not in profile_text(demo_copy)
    before = imports(demo_copy)

    at = open_screen("pages/gegevens.py")
    button = at.button(key=f"gg_verhaal_status_{verhaal_id}")
    assert (button.label, button.disabled) == ("Publiceren", False)
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]
    [done] = [s.value for s in at.success if "gepubliceerd" in s.value]
    assert "is gepubliceerd (import" in done and "ziet het nu op het Wijkprofiel" in done
    # the rerun lists the new status: the same button now takes it back
    assert at.button(key=f"gg_verhaal_status_{verhaal_id}").label == "Terug naar concept"

    assert status_of(demo_copy, verhaal_id) == "gepubliceerd"
    # one import, in the log like a file's: the change's name, the kind, one row updated
    published = (
        f"verhaal {verhaal_id} gepubliceerd",
        "verhalen",
        0,
        1,
        "niet aangemeld",
        "geslaagd",
    )
    assert imports(demo_copy) == [*before, published]
    history = next(df.value for df in at.dataframe if "Bestand" in df.value.columns)
    assert history.iloc[0]["Bestand"] == f"verhaal {verhaal_id} gepubliceerd"
    assert audit.read(log)["details"].tolist() == [
        f"verhaal {verhaal_id} gepubliceerd; soort verhalen; verhaal: 0 nieuw, 1 bijgewerkt;"
        " geslaagd"
    ]
    assert md(tekst) in profile_text(demo_copy)

    # and back to concept: the public no longer sees it
    at.button(key=f"gg_verhaal_status_{verhaal_id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("is terug naar concept (import" in s.value for s in at.success)
    assert status_of(demo_copy, verhaal_id) == "concept"
    back = (
        f"verhaal {verhaal_id} terug naar concept",
        "verhalen",
        0,
        1,
        "niet aangemeld",
        "geslaagd",
    )
    assert imports(demo_copy) == [*before, published, back]
    assert md(tekst) not in profile_text(demo_copy)


def test_bekijk_als_beheerder_sees_the_buttons_switched_off_and_writes_nothing(demo_copy, log):
    # the demo without login: "Bekijk als" beheerder sees concepten, but does not write
    verhaal_id, _ = newest_concept(demo_copy)
    at = open_screen("pages/gegevens.py")
    buttons = [b for b in at.button if b.key and b.key.startswith("gg_verhaal_status_")]
    assert len(buttons) == rows(demo_copy, "select count(*) from verhaal")[0][0]
    assert all(b.disabled for b in buttons)
    assert any("importeert niet" in i.value for i in at.info)
    # a disabled button cannot be clicked (AppTest refuses, like a browser); the page also
    # checks the right before it writes (may_import), so nothing is in the logs
    assert status_of(demo_copy, verhaal_id) == "concept"
    assert ("verhalen",) not in rows(demo_copy, "select tabel from import_log")
    assert audit.read(log).empty


def test_bekijk_als_beleid_gets_no_button(demo_copy):
    at = open_screen("pages/gegevens.py")
    at.sidebar.selectbox(key="auth_bekijk_als").select(BELEID).run()
    assert any("niet openen" in e.value for e in at.error)
    assert not [b for b in at.button if b.key and b.key.startswith("gg_verhaal_status_")]


def test_a_read_only_instance_offers_no_button(demo_copy, lokaal, monkeypatch):
    monkeypatch.setenv("WIJKDASHBOARD_READ_ONLY", "1")
    at = open_screen("pages/gegevens.py")
    assert any("leest de database alleen" in i.value for i in at.info)
    assert not [b for b in at.button if b.key and b.key.startswith("gg_verhaal_status_")]
