"""What the web app writes to the audit log (dashboard.ui.audit): imports through Gegevens,
logins and views of professional names; and that only a beheerder can import."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.config import AUDIT_ENV_VAR, PROJECT_ROOT
from dashboard.domain import roles
from dashboard.warehouse import audit, store
from tests.helpers import APP, open_screen, rows

pytestmark = pytest.mark.slow  # every test runs the app in AppTest

PARTICIPANTS = ("KLANT-AUDIT1", "KLANT-AUDIT2")


@pytest.fixture()
def db(demo_copy: str) -> str:
    return demo_copy


@pytest.fixture()
def log(monkeypatch, tmp_path: Path) -> str:
    """This test's own audit log."""
    path = tmp_path / "audit" / "auditlog.duckdb"
    monkeypatch.setenv(AUDIT_ENV_VAR, str(path))
    return str(path)


def entries(location: str) -> list[dict]:
    """The log's rows, oldest first, without the time."""
    frame = audit.read(location, limit=1000).iloc[::-1].drop(columns="tijdstip")
    frame["organisaties"] = frame["organisaties"].map(list)
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def deelnames_file(db: str) -> bytes:
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        session = con.sql(
            "select bijeenkomst_id from bijeenkomst order by bijeenkomst_id limit 1"
        ).fetchall()[0][0]
    lines = ["bijeenkomst_id;deelnemer_id;woonbuurt;leeftijdsgroep"] + [
        f"{session};{number};BU99990101;65-79" for number in PARTICIPANTS
    ]
    return "\n".join(lines).encode()


def test_bekijk_als_beheerder_sees_the_import_but_cannot_import(db, log):
    # the demo without login: "Bekijk als" starts on beheerder, which shows what a beheerder
    # sees but does not write: an import could bring real names into an open dashboard
    at = open_screen("pages/gegevens.py")
    at.selectbox(key="gg_kind").set_value("deelnames").run()
    at.file_uploader(key="gg_upload").set_value(
        ("deelnames_week12.csv", deelnames_file(db), "text/csv")
    ).run()
    [button] = [b for b in at.button if b.key == "gg_import"]
    assert button.disabled
    assert any("importeert niet" in i.value for i in at.info)
    assert not any("geïmporteerd" in m.value for m in at.success)
    assert audit.read(log).empty


def test_an_import_on_gegevens_is_in_the_audit_log_without_participant_data(db, log, lokaal):
    # the administrator running the app for themselves (WIJKDASHBOARD_LOKAAL) imports
    at = open_screen("pages/gegevens.py")
    at.selectbox(key="gg_kind").set_value("deelnames").run()
    at.file_uploader(key="gg_upload").set_value(
        ("deelnames_week12.csv", deelnames_file(db), "text/csv")
    ).run()
    assert audit.read(log).empty  # reading and checking a file is no import
    at.button(key="gg_import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("deelnames_week12.csv is geïmporteerd" in s.value for s in at.success)

    [row] = entries(log)
    assert row == {
        "id": 1,
        "gebeurtenis": "import",
        "gebruiker": "niet aangemeld",
        "rol": "beheerder",
        "organisaties": [],
        "scherm": "Gegevens",
        "details": "deelnames_week12.csv; soort deelnames; deelnemer: 2 nieuw, 0 bijgewerkt;"
        " deelname: 2 nieuw, 0 bijgewerkt; geslaagd",
    }
    # no participant number (nor a part of one) anywhere in the log's file
    content = Path(log).read_bytes()
    for number in PARTICIPANTS:
        assert number.encode() not in content and number.split("-")[1].encode() not in content

    # the beheerder sees it in the Auditlog tab, newest first, in Dutch
    shown = next(df.value for df in at.dataframe if "Gebeurtenis" in df.value.columns)
    assert shown[["Nr.", "Gebeurtenis", "Gebruiker", "Rol", "Scherm"]].to_dict("records") == [
        {"Nr.": 1, "Gebeurtenis": "Import", "Gebruiker": "niet aangemeld", "Rol": "beheerder",
         "Scherm": "Gegevens"}
    ]  # fmt: skip
    assert re.fullmatch(r"\d{1,2} [a-z]{3} \d{4} \d\d:\d\d", shown["Tijdstip"].iloc[0])
    # the import log names who imported: without login "niet aangemeld", never the
    # operating-system user of the server (issue 14 item 7)
    assert rows(db, "select gebruiker from import_log order by import_id desc limit 1") == [
        ("niet aangemeld",)
    ]


def test_the_import_button_refuses_a_non_beheerder_even_where_the_frame_would_let_one_in(
    monkeypatch, db, log
):
    # defence in depth: were Gegevens ever opened to beleid, the button still refuses
    monkeypatch.setitem(
        roles.RIGHTS, "pages/gegevens.py", frozenset({roles.BELEID, roles.BEHEERDER})
    )
    at = open_screen("pages/gegevens.py")
    at.selectbox(key="auth_bekijk_als").set_value(roles.BELEID).run()
    assert not at.exception
    at.selectbox(key="gg_kind").set_value("deelnames").run()
    at.file_uploader(key="gg_upload").set_value(
        ("deelnames.csv", deelnames_file(db), "text/csv")
    ).run()
    assert not [b for b in at.button if b.key == "gg_import"]
    assert any("Alleen een beheerder kan gegevens importeren" in e.value for e in at.error)
    assert audit.read(log).empty


def test_only_gegevens_imports_and_only_a_beheerder_opens_it():
    scripts = [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "pages").glob("*.py"))]
    writing = [
        p.relative_to(PROJECT_ROOT).as_posix()
        for p in scripts
        if re.search(r"\bcommit\(|ingest import .*\bwrite\b", p.read_text(encoding="utf-8"))
    ]
    assert writing == ["pages/gegevens.py"]
    assert roles.RIGHTS["pages/gegevens.py"] == frozenset({roles.BEHEERDER})


def logged_in_app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "een-geheim-van-minstens-tweeendertig-tekens",
        "client_id": "wijkdashboard",
        "client_secret": "geheim",
        "server_metadata_url": "http://localhost:9/.well-known/openid-configuration",
    }
    at.secrets["toegang"] = {"gebruikers": {"anna@example.nl": {"rol": "beheerder"}}}
    at.user = {"is_logged_in": True, "email": "anna@example.nl", "name": "Anna"}
    return at


def test_a_login_is_recorded_once_per_session(db, log):
    at = logged_in_app()
    at.run()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    expected = {
        "gebeurtenis": "aanmelding",
        "gebruiker": "Anna",
        "rol": "beheerder",
        "organisaties": [],
        "scherm": None,
        "details": "e-mail anna@example.nl",
    }
    assert entries(log) == [{"id": 1, **expected}]
    # another screen in the same session: still one
    at.switch_page("pages/gegevens.py").run()
    assert not at.exception
    assert len(entries(log)) == 1
    shown = next(df.value for df in at.dataframe if "Gebeurtenis" in df.value.columns)
    assert shown["Gebeurtenis"].tolist() == ["Aanmelding"]

    # a new session (the browser opened again) is a new login
    logged_in_app().run()
    assert entries(log) == [{"id": 1, **expected}, {"id": 2, **expected}]


def names_script() -> None:
    import streamlit as st

    from dashboard.screens.access import Viewer
    from dashboard.ui import audit

    organisaties = frozenset(st.session_state.get("organisaties", ["ORG1"]))
    lead = Viewer("teamleider", organisaties, name="Bram", logged_in=True)
    audit.names_viewed(lead, st.session_state.get("scherm", "Continuïteit"))
    # a viewer who sees no names is not recorded
    audit.names_viewed(Viewer("beleid", name="Bea", logged_in=True), "Continuïteit")


def test_names_viewed_once_per_session_screen_and_organisations(log):
    at = AppTest.from_function(names_script, default_timeout=30)
    at.run()
    at.run()
    assert not at.exception
    at.session_state["organisaties"] = ["ORG2", "ORG1"]
    at.run()
    at.run()
    at.session_state["scherm"] = "Bereik"
    at.run()
    assert [
        (r["gebeurtenis"], r["gebruiker"], r["scherm"], r["organisaties"]) for r in entries(log)
    ] == [
        ("namen_bekeken", "Bram", "Continuïteit", ["ORG1"]),
        ("namen_bekeken", "Bram", "Continuïteit", ["ORG1", "ORG2"]),
        ("namen_bekeken", "Bram", "Bereik", ["ORG1", "ORG2"]),
    ]
    assert pd.Series([r["id"] for r in entries(log)]).is_monotonic_increasing


@pytest.fixture()
def broken_log(monkeypatch, tmp_path: Path) -> Path:
    """An audit log that cannot be written: its folder is a file."""
    blocker = tmp_path / "geen_map"
    blocker.write_text("een bestand, geen map")
    monkeypatch.setenv(AUDIT_ENV_VAR, str(blocker / "auditlog.duckdb"))
    return tmp_path


def test_no_names_when_the_audit_log_cannot_record_the_view(db, broken_log, caplog):
    from tests.test_app_roles import professional_names, rendered_text

    at = open_screen("pages/continuiteit.py")
    at.selectbox(key="auth_bekijk_als").select("teamleider").run()
    assert not at.exception, [e.value for e in at.exception]
    # the team lead is told, in plain Dutch, and sees the page without any name
    assert [w.value for w in at.warning] == [
        "De namen zijn nu niet te tonen: het auditlogboek is niet bereikbaar. Probeer het later"
        " opnieuw of meld het de beheerder."
    ]
    text = rendered_text(at)
    assert "Wie was wanneer" in text and "Signalen voor teamleiders" in text
    assert [name for name in professional_names(db) if name in text] == []
    # no XLSX of named signals either: only the screen's figures (without names)
    assert [b.label for b in at.get("download_button")] == ["Download deze cijfers (Excel)"]
    # no server path nor database error on the page: only in the server log
    assert str(broken_log) not in text and "geen_map" not in text
    assert "auditlog.duckdb" not in text
    logged = [r.getMessage() for r in caplog.records if r.name == "dashboard.ui.audit"]
    assert logged and all("geen_map" in message for message in logged)


def test_a_login_that_cannot_be_recorded_is_said_once_without_details(db, broken_log, caplog):
    at = logged_in_app()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    [warning] = at.warning
    assert "aanmelding" in warning.value and "auditlogboek" in warning.value
    assert "geen_map" not in warning.value and str(broken_log) not in warning.value
    failures = [r for r in caplog.records if r.name == "dashboard.ui.audit"]
    assert len(failures) == 1 and "geen_map" in failures[0].getMessage()
    # the next runs of the session neither try again nor warn again
    at.run()
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning if "aanmelding" in w.value] == []
    assert len([r for r in caplog.records if r.name == "dashboard.ui.audit"]) == 1


def test_an_import_by_a_logged_in_beheerder_names_them_in_the_import_log(db, log):
    at = logged_in_app()
    at.run()
    at.switch_page("pages/gegevens.py").run()
    at.selectbox(key="gg_kind").set_value("deelnames").run()
    at.file_uploader(key="gg_upload").set_value(
        ("deelnames_week12.csv", deelnames_file(db), "text/csv")
    ).run()
    at.button(key="gg_import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert rows(db, "select gebruiker from import_log order by import_id desc limit 1") == [
        ("Anna",)
    ]
