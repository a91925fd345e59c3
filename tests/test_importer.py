"""Loading registration exports and an own indeling: atomic, idempotent, logged, pseudonymised."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.config import AUDIT_ENV_VAR, PROJECT_ROOT
from dashboard.ingest import registratie
from dashboard.ingest.prepare import Prepared, mapping_store, prepare_registration
from dashboard.ingest.pseudonym import SALT_ENV_VAR, load_or_create_salt, pseudonymiser
from dashboard.ingest.upsert import UNINDEXED, upsert
from dashboard.ingest.write import ImportFailed, commit, current_user
from dashboard.warehouse import audit, store
from dashboard.warehouse.checks import run_checks
from tests.fixtures.importer import fingerprint
from tests.helpers import rows


@pytest.fixture()
def db(tmp_path: Path, demo_db_path: str, monkeypatch) -> str:
    """A private copy of the demo database, with its own salt."""
    path = tmp_path / "data" / "wijkdashboard.duckdb"
    path.parent.mkdir()
    shutil.copyfile(store.resolve(demo_db_path), path)
    monkeypatch.setenv(SALT_ENV_VAR, str(tmp_path / "geheim" / "pseudonimisering.salt"))
    return str(path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


INZET = (
    "inzet_id;professional_id;professional_naam;wijkcode;rol;organisatie_id;startdatum;einddatum;uren_per_week\n"
    "T1;PTEST1;Anna Test;WK999908;opbouwwerker;ORG999902;01-03-2026;;24\n"
    "T2;PTEST1;Anna Test;WK999905;opbouwwerker;ORG999902;01-03-2026;31-12-2026;12,5\n"
)


@pytest.mark.slow  # several imports into a copy of the demo
def test_import_then_same_file_again_changes_nothing(capsys, db, tmp_path):
    path = write(tmp_path, "inzet_maart.csv", INZET)
    code, out, err = run(capsys, "import", "inzet", path, "--db", db)
    assert code == 0, err
    assert "inzet_maart.csv is geïmporteerd" in out
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        rows = con.sql(
            "select inzet_id, wijkcode, uren_per_week::double from inzet where inzet_id like 'T%' order by 1"
        ).fetchall()
        log = con.sql(
            "select bestand, tabel, rijen_toegevoegd, rijen_bijgewerkt, resultaat from import_log"
        ).fetchall()
    assert rows == [("T1", "WK999908", 24.0), ("T2", "WK999905", 12.5)]
    # 1 professional + 2 inzet rows
    assert log == [("inzet_maart.csv", "inzet", 3, 0, "geslaagd")]

    version, before = store.resolve(db), fingerprint(db)
    code, out, _ = run(capsys, "import", "inzet", path, "--db", db)
    assert code == 0
    assert "niets gewijzigd" in out
    assert store.resolve(db) == version  # no new database version
    assert fingerprint(db) == before  # import_log included

    # a changed row is an update, logged as such
    changed = write(tmp_path, "inzet_april.csv", INZET.replace(";12,5", ";16"))
    code, out, _ = run(capsys, "import", "inzet", changed, "--db", db)
    assert code == 0
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert con.sql(
            "select rijen_toegevoegd, rijen_bijgewerkt, rijen_per_tabel from import_log"
            " order by import_id"
        ).fetchall() == [
            # per table [nieuw, bijgewerkt, verwijderd]: the sums' 3 is 1 professional, 2 inzet
            (3, 0, '{"professional": [1, 0, 0], "inzet": [2, 0, 0]}'),
            (0, 1, '{"inzet": [0, 1, 0]}'),
        ]


BROKEN = {
    # file name: (content, reden the report must give)
    "onbekende_wijk.csv": (INZET.replace("WK999908", "WK999977"), registratie.REDENEN["REDEN_WIJK_ONBEKEND"]),
    "einde_voor_start.csv": (INZET.replace("31-12-2026", "01-01-2026"), registratie.REDENEN["REDEN_EINDE_VOOR_START"]),
    "onbekende_rol.csv": (INZET.replace("T2;PTEST1;Anna Test;WK999905;opbouwwerker", "T2;PTEST1;Anna Test;WK999905;directeur"), registratie.REDENEN["REDEN_ROL"]),
    "dubbel.csv": (INZET.replace("T2;", "T1;"), registratie.dubbel(registratie.DUBBEL, 2)),
    "kolom_weg.csv": (INZET.replace("uren_per_week", "iets_anders"), registratie.REDENEN["REDEN_KOLOM_ONTBREEKT"]),
    "datum.csv": (INZET.replace("01-03-2026;;24", "morgen;;24"), registratie.REDENEN["REDEN_DATUM"]),
}  # fmt: skip


@pytest.mark.parametrize("name", list(BROKEN))
def test_rejected_file_is_reported_and_changes_nothing(capsys, db, tmp_path, name):
    content, reden = BROKEN[name]
    before, version = fingerprint(db), store.resolve(db)
    code, out, err = run(capsys, "import", "inzet", write(tmp_path, name, content), "--db", db)
    assert code == 1
    assert reden in err
    assert f"{name} is geweigerd" in err
    assert fingerprint(db) == before
    assert store.resolve(db) == version


def test_negative_count_is_refused(capsys, db, tmp_path):
    text = (
        "bijeenkomst_id;activiteit_id;datum;aantal_deelnemers\nBTEST;ACT999900001;05-10-2026;-3\n"
    )
    before = fingerprint(db)
    code, _, err = run(
        capsys, "import", "bijeenkomsten", write(tmp_path, "negatief.csv", text), "--db", db
    )
    assert code == 1
    assert registratie.REDENEN["REDEN_NEGATIEF"] in err
    assert fingerprint(db) == before


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("leeg.csv", b""),
        ("binair.csv", bytes(range(256)) * 4),
        ("kapot.xlsx", b"PK\x03\x04" + b"\x00" * 40),
    ],
)
def test_unreadable_files_are_refused(capsys, db, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    before = fingerprint(db)
    code, out, err = run(capsys, "import", "deelnames", str(path), "--db", db)
    assert code == 1
    assert err.startswith(f"Fout: {name}: ")
    assert fingerprint(db) == before


# --- ambiguous files (issue 11, item 7): refused naming rows and columns, nothing written ---

BIJEENKOMSTEN_KOP = "bijeenkomst_id;activiteit_id;datum;aantal_deelnemers"


@pytest.mark.parametrize(
    ("name", "text", "reden"),
    [
        (
            "zaal_erbij.csv",
            f"{BIJEENKOMSTEN_KOP}\r\nBTEST1;ACT999900001;05-10-2026;12\r\n"
            "BTEST2;ACT999900001;12-10-2026;9;Zaal 2 (café)\r\n",
            "rij 3 heeft 5 cellen, de kop 4",
        ),
        (
            "afgebroken.csv",
            f"{BIJEENKOMSTEN_KOP}\r\nBTEST1;ACT999900001;05-10-2026\r\n"
            "BTEST2;ACT999900001;12-10-2026;9\r\n",
            "rij 2 heeft 3 cellen, de kop 4",
        ),
        (
            "twee_datums.csv",
            "bijeenkomst_id;activiteit_id;Datum;datum;aantal_deelnemers\r\n"
            "BTEST1;ACT999900001;05-10-2026;06-10-2026;12\r\n",
            "'Datum' (C), 'datum' (D)",
        ),
    ],
)
def test_an_ambiguous_file_is_refused_and_changes_nothing(capsys, db, tmp_path, name, text, reden):
    before, version = fingerprint(db), store.resolve(db)
    path = write(tmp_path, name, text, encoding="cp1252")
    code, out, err = run(capsys, "import", "bijeenkomsten", path, "--db", db)
    assert code == 1
    assert err.startswith(f"Fout: {name}: ") and reden in err
    assert fingerprint(db) == before
    assert store.resolve(db) == version


@pytest.mark.parametrize(
    ("kind", "header"),
    [
        ("bijeenkomsten", BIJEENKOMSTEN_KOP),
        ("deelnames", "bijeenkomst_id;deelnemer_id;woonbuurt;leeftijdsgroep"),
    ],
)
def test_a_header_only_file_says_geen_rijen(capsys, db, tmp_path, kind, header):
    before, version = fingerprint(db), store.resolve(db)
    path = write(tmp_path, "oktober_leeg.csv", header + "\r\n\r\n", encoding="cp1252")
    code, out, err = run(capsys, "import", kind, path, "--db", db)
    assert code == 0, err  # nothing wrong with it, and nothing to do
    assert "oktober_leeg.csv: geen rijen" in out
    assert "staan al in de database" not in out
    assert fingerprint(db) == before
    assert store.resolve(db) == version


def test_the_report_prints_no_NA_or_None(capsys, db, tmp_path):
    # a required column missing: a problem of the whole file, without row or value
    path = write(tmp_path, "zonder_uren.csv", INZET.replace("uren_per_week", "iets_anders"))
    code, _, err = run(capsys, "import", "inzet", path, "--db", db)
    assert code == 1
    assert registratie.REDENEN["REDEN_KOLOM_ONTBREEKT"] in err
    for shown in ("<NA>", "None", "NaN", "nan "):
        assert shown not in err


def test_participant_ids_never_reach_the_database(capsys, db, tmp_path):
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        session = con.sql(
            "select bijeenkomst_id from bijeenkomst order by bijeenkomst_id limit 1"
        ).fetchall()[0][0]
    text = f"bijeenkomst_id;deelnemer_id;woonbuurt;leeftijdsgroep\n{session};KLANT-QZXJ7W;BU99990101;65-79\n"
    code, _, err = run(
        capsys, "import", "deelnames", write(tmp_path, "deelnames.csv", text), "--db", db
    )
    assert code == 0, err
    salt = load_or_create_salt(Path(tmp_path / "geheim" / "pseudonimisering.salt"))
    pseudonym = pseudonymiser(salt)("KLANT-QZXJ7W")
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert con.sql(
            "select buurtcode from deelnemer where deelnemer_id = $p", params={"p": pseudonym}
        ).fetchall() == [("BU99990101",)]
    for file in Path(db).parent.iterdir():
        assert b"KLANT-QZXJ7W" not in file.read_bytes(), file.name
        assert b"QZXJ7W" not in file.read_bytes(), file.name


def test_saved_mapping_is_reused(capsys, db, tmp_path):
    own = INZET.replace(
        "professional_id;professional_naam;wijkcode", "Medewerker;Naam;Wijk"
    ).replace("uren_per_week", "Uren per week")
    path = write(tmp_path, "eigen_kolommen.csv", own)
    assert run(capsys, "import", "inzet", path, "--db", db)[0] == 1  # unmapped: refused
    mapping = registratie.suggest_mapping(
        "inzet", registratie.read_export(own.encode(), "x.csv").columns
    )
    mapping.update(
        {"professional_id": "Medewerker", "professional_naam": "Naam", "wijkcode": "Wijk"}
    )
    mapping_store(db).save("mijn_systeem", "inzet", mapping)
    code, out, err = run(capsys, "import", "inzet", path, "--mapping", "mijn_systeem", "--db", db)
    assert code == 0, err
    code, _, err = run(capsys, "import", "inzet", path, "--mapping", "bestaat_niet", "--db", db)
    assert code == 1 and "Kolomkoppeling 'bestaat_niet'" in err


def test_windows_1252_xlsx_and_comma_files_load(capsys, db, tmp_path):
    text = "activiteit_id,naam,type,wijkcode,buurtcode,organisatie_id,bewonersinitiatief,partners\r\nATEST,Café De Brug,buurtcafé,WK999901,,ORG999902,ja,ORG999905\r\n"
    code, _, err = run(
        capsys, "import", "activiteiten", write(tmp_path, "cafe.csv", text, "cp1252"), "--db", db
    )
    assert code == 0, err
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert con.sql(
            "select naam, is_bewonersinitiatief from activiteit where activiteit_id = 'ATEST'"
        ).fetchall() == [("Café De Brug", True)]
    xlsx = tmp_path / "sjabloon.xlsx"
    xlsx.write_bytes(registratie.template_xlsx("bijeenkomsten"))
    # the template's example row refers to an activity the demo does not have: reported, not loaded
    code, _, err = run(capsys, "import", "bijeenkomsten", str(xlsx), "--db", db)
    assert code == 1 and registratie.REDENEN["REDEN_ACTIVITEIT_ONBEKEND"] in err


ACTIVITEIT = (
    "activiteit_id;naam;type;wijkcode;buurtcode;organisatie_id;bewonersinitiatief;partners\n"
    "ATEST;Koffie aan de Brug;buurtcafé;WK999901;;ORG999902;ja;{partners}\n"
)


def partners_of(db: str, activiteit_id: str) -> list[str]:
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        return [
            r[0]
            for r in con.execute(
                "select organisatie_id from activiteit_partner where activiteit_id = $id order by 1",
                {"id": activiteit_id},
            ).fetchall()
        ]


@pytest.mark.slow  # four imports into a copy of the demo
def test_a_resent_activity_has_the_partners_of_its_cell(capsys, db, tmp_path):
    """A steward takes a partner off an activity and sends it again: the partner leaves. A
    file without the partners column says nothing of them and leaves them alone."""
    sent = write(tmp_path, "jan.csv", ACTIVITEIT.format(partners="ORG999905|ORG999903"))
    assert run(capsys, "import", "activiteiten", sent, "--db", db)[0] == 0
    assert partners_of(db, "ATEST") == ["ORG999903", "ORG999905"]

    fewer = write(tmp_path, "feb.csv", ACTIVITEIT.format(partners="ORG999905"))
    code, out, err = run(capsys, "import", "activiteiten", fewer, "--db", db)
    assert code == 0, err
    assert partners_of(db, "ATEST") == ["ORG999905"]
    # the one that left, named as such (it counted as "1 bijgewerkt")
    assert "Partners van activiteiten: 0 nieuw, 0 bijgewerkt, 1 verwijderd" in out

    without_column = write(
        tmp_path,
        "mrt.csv",
        "activiteit_id;naam;type;wijkcode;buurtcode;organisatie_id;bewonersinitiatief\n"
        "ATEST;Koffie bij de Brug;buurtcafé;WK999901;;ORG999902;ja\n",
    )
    code, out, err = run(capsys, "import", "activiteiten", without_column, "--db", db)
    assert code == 0, err
    assert partners_of(db, "ATEST") == ["ORG999905"]

    none = write(tmp_path, "apr.csv", ACTIVITEIT.format(partners=""))
    code, out, err = run(capsys, "import", "activiteiten", none, "--db", db)
    assert code == 0, err
    assert partners_of(db, "ATEST") == []
    # only the partner left: a change, not "niets gewijzigd"
    assert "Partners van activiteiten: 0 nieuw, 0 bijgewerkt, 1 verwijderd" in out
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        others = con.sql("select count(*) from activiteit_partner").fetchall()[0][0]
        assert others >= 100  # the demo's other activities keep theirs
        assert all(r.passed for r in run_checks(con))


@pytest.mark.slow  # four imports into a copy of the demo
def test_a_new_cbs_file_renames_and_reshapes_wijken_that_have_inzet(capsys, db, tmp_path, cbs_dir):
    """CBS renames wijken and redraws their shapes each year. Once a wijk had inzet, loading
    the new file failed ("is still referenced", migration 0012)."""
    source = cbs_dir / "cbs_wijken_2024_arnhem.geojson"
    assert run(capsys, "import-cbs", str(source), "--db", db)[0] == 0
    inzet = INZET.replace("WK999908", "WK020201").replace("WK999905", "WK020202")
    assert run(capsys, "import", "inzet", write(tmp_path, "inzet.csv", inzet), "--db", db)[0] == 0

    areas = json.loads(source.read_text(encoding="utf-8"))
    for feature in areas["features"]:
        if feature["properties"]["wijkcode"] in ("WK020201", "WK020202"):
            feature["properties"]["wijknaam"] += " (nieuwe grens)"
            ring = feature["geometry"]["coordinates"][0]
            if feature["geometry"]["type"] == "MultiPolygon":
                ring = ring[0]
            ring[1:-1] = ring[2:-1]  # one corner fewer
    new_year = tmp_path / "cbs_wijken_2025_arnhem.geojson"
    new_year.write_text(json.dumps(areas), encoding="utf-8")
    code, out, err = run(capsys, "import-cbs", str(new_year), "--jaar", "2024", "--db", db)
    assert code == 0, err
    assert "Wijken: 0 nieuw, 2 bijgewerkt" in out
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert con.sql(
            "select naam from wijk where wijkcode in ('WK020201', 'WK020202') order by 1"
        ).fetchall() == [("Centrum (nieuwe grens)",), ("Spijkerkwartier (nieuwe grens)",)]
        assert all(r.passed for r in run_checks(con))


@pytest.mark.slow  # two imports into a copy of the demo
def test_an_activiteit_with_bijeenkomsten_is_renamed_and_moved(capsys, db, tmp_path):
    """A corrected name, another buurt and another organiser for an activiteit the demo has
    held bijeenkomsten of: refused by DuckDB's foreign keys before migration 0012."""
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        activiteit, wijk, buurt = con.sql(
            "select a.activiteit_id, b.wijkcode, b.buurtcode from activiteit as a, buurt as b"
            " where a.activiteit_id in (select activiteit_id from bijeenkomst)"
            " and b.wijkcode <> a.wijkcode order by 1, 3 limit 1"
        ).fetchall()[0]
    text = (
        "activiteit_id;naam;type;wijkcode;buurtcode;organisatie_id;bewonersinitiatief\n"
        f"{activiteit};Nieuwe naam;buurtcafé;{wijk};{buurt};ORG999905;nee\n"
    )
    code, out, err = run(
        capsys, "import", "activiteiten", write(tmp_path, "a.csv", text), "--db", db
    )
    assert code == 0, err
    assert "Activiteiten: 0 nieuw, 1 bijgewerkt" in out
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert con.execute(
            "select naam, wijkcode, buurtcode, organisatie_id from activiteit"
            " where activiteit_id = $a",
            {"a": activiteit},
        ).fetchall() == [("Nieuwe naam", wijk, buurt, "ORG999905")]
        assert all(r.passed for r in run_checks(con))


def test_an_export_with_a_title_row_is_imported_and_the_report_names_it(db):
    """The title is a warning on its own row; an error below names the row Excel shows."""
    titled = "Overzicht inzet maart 2026;;;;;;;;\n;;;;;;;;\n" + INZET
    prepared = prepare_registration(db, "inzet", titled.encode("cp1252"), "inzet.csv")[0]
    assert [(p.rij, p.waarde, p.reden, p.ernst) for p in prepared.problems] == [
        (1, "Overzicht inzet maart 2026", registratie.REDEN_BOVEN_KOLOMNAMEN, "waarschuwing")
    ]
    assert len(prepared.tables["inzet"]) == 2
    broken = titled.replace("WK999905", "WK999977")  # the second data row: Excel row 5
    prepared = prepare_registration(db, "inzet", broken.encode("cp1252"), "inzet.csv")[0]
    assert [(p.rij, p.waarde) for p in prepared.errors] == [(5, "WK999977")]


RENAMED = INZET.replace("organisatie_id", "org").replace("inzet_id", "nummer")


def test_a_file_of_another_kind_gets_no_advice_to_map_its_columns(capsys, db, tmp_path):
    """A data steward's walk: a bijeenkomsten export chosen as deelnames was told to map
    "--kolom deelnemer_id=aantal_deelnemers", which would have made head counts of ids."""
    bijeenkomsten = (
        "bijeenkomst_id;activiteit_id;datum;aantal_deelnemers\nBKTEST1;ACT999900001;03-03-2026;12\n"
    )
    path = write(tmp_path, "bijeenkomsten_maart.csv", bijeenkomsten)
    code, _, err = run(capsys, "import", "deelnames", path, "--db", db)
    assert code == 1
    assert "Dit bestand lijkt een export van bijeenkomsten" in err
    assert "import bijeenkomsten" in err
    assert "--kolom" not in err and "Niet gekoppeld" not in err


def test_an_unmapped_column_is_named_with_the_file_s_columns_and_how_to_map_it(
    capsys, db, tmp_path
):
    """From the command line there is no mapping screen: the report says which of the file's
    columns are left, and --kolom maps one."""
    path = write(tmp_path, "hernoemd.csv", RENAMED)
    code, _, err = run(capsys, "import", "inzet", path, "--db", db)
    assert code == 1
    assert "Niet gekoppeld: organisatie_id." in err
    assert "Kolommen in het bestand die nergens aan gekoppeld zijn: nummer, org." in err
    assert "zoals --kolom organisatie_id=org." in err
    assert err.rstrip().endswith("er is niets geschreven.")

    code, _, err = run(capsys, "import", "inzet", path, "--db", db, "--kolom", "organisatie_id=or")
    assert code == 1
    assert "Niet gekoppeld: organisatie_id (kolom 'or' staat niet in het bestand)." in err

    # a column given by hand is found whatever its case, as the matching by name does
    code, out, err = run(
        capsys, "import", "inzet", path, "--db", db, "--kolom", "organisatie_id=ORG",
        "--kolom", "inzet_id = nummer",
    )  # fmt: skip
    assert code == 0, err
    assert "Inzet: 2 nieuw" in out
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert con.sql(
            "select inzet_id, organisatie_id from inzet where inzet_id like 'T%' order by 1"
        ).fetchall() == [("T1", "ORG999902"), ("T2", "ORG999902")]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("org=org", "inzet heeft geen veld 'org'; wel: inzet_id, professional_id,"),
        ("organisatie_id", "schrijf VELD=KOLOM, zoals --kolom inzet_id=nummer."),
        ("organisatie_id=", "schrijf VELD=KOLOM"),
    ],
)
def test_a_wrong_kolom_option_is_refused_in_dutch(capsys, db, tmp_path, option, message):
    path = write(tmp_path, "hernoemd.csv", RENAMED)
    code, _, err = run(capsys, "import", "inzet", path, "--db", db, "--kolom", option)
    assert code != 0 and message in err


def test_a_failed_write_names_the_statement_that_failed_not_the_aborted_transaction(db):
    """After a failing statement every later one fails with "Current transaction is aborted";
    the one in upsert's `finally` hid the cause from the message."""
    prepared = prepare_registration(db, "inzet", INZET.encode(), "inzet.csv")[0]
    assert not prepared.errors
    # past the validation, which refuses it: only the database's check stops it now
    prepared.tables["inzet"]["uren_per_week"] = 0.0
    version = store.resolve(db)
    with pytest.raises(ImportFailed) as failed:
        commit(db, prepared)
    assert "uren_per_week > 0" in str(failed.value)
    assert "aborted" not in str(failed.value)
    assert store.resolve(db) == version  # nothing written


@pytest.mark.slow  # several imports into a copy of the demo
def test_import_while_the_dashboard_is_reading(capsys, db, tmp_path):
    # Another process keeps the current version open read-only and queries it in a loop,
    # as the running dashboard does, while the import writes.
    stop, ready = tmp_path / "stop", tmp_path / "ready"
    script = textwrap.dedent(
        f"""
        import sys, time, duckdb
        from pathlib import Path
        sys.path.insert(0, {str(PROJECT_ROOT)!r})
        from dashboard.warehouse import store
        ok = 0
        while not Path({str(stop)!r}).exists():
            with duckdb.connect(store.resolve({db!r}), read_only=True) as con:
                con.sql("select count(*) from bereik(date '2025-01-01', date '2025-12-31')").fetchall()
                ok += 1
            Path({str(ready)!r}).touch()
        print(ok)
        """
    )
    reader = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not ready.exists():  # the reader is reading
        assert reader.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    code, _, err = run(capsys, "import", "inzet", write(tmp_path, "inzet.csv", INZET), "--db", db)
    stop.write_text("ja")
    out, _ = reader.communicate(timeout=60)
    assert code == 0, err
    assert reader.returncode == 0
    assert int(out.strip()) > 0
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert con.sql("select count(*) from inzet where inzet_id in ('T1', 'T2')").fetchall() == [
            (2,)
        ]


def test_own_indeling_import_and_replace(capsys, db, tmp_path):
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        buurten = [r[0] for r in con.sql("select buurtcode from buurt order by 1").fetchall()]
    lines = ["buurtcode;gebied"] + [
        f"{b};{'Noord' if i < 18 else 'Zuid'}" for i, b in enumerate(buurten)
    ]
    path = write(tmp_path, "stadsdelen.csv", "\n".join(lines) + "\n")
    code, out, err = run(capsys, "import-indeling", path, "--naam", "Stadsdelen", "--db", db)
    assert code == 0, err
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert con.sql(
            "select gebiedscode, naam, indeling from indeling order by 1"
        ).fetchall() == [
            ("EG9999001", "Noord", "Stadsdelen"),
            ("EG9999002", "Zuid", "Stadsdelen"),
        ]
        # the areas' inwoners are the sums of their buurten
        per_area = con.sql(
            "select sum(inwoners) from scope_gebieden(date '2025-12-31', 'eigen', 'GM9999')"
        ).fetchall()[0][0]
        total = con.sql(
            "select inwoners from scope_gebieden(date '2025-12-31', 'gemeente', 'GM9999')"
        ).fetchall()[0][0]
        assert per_area == total
    assert (
        "niets gewijzigd"
        in run(capsys, "import-indeling", path, "--naam", "Stadsdelen", "--db", db)[1]
    )
    # a new division with one area replaces the old one
    one = "\n".join(["buurtcode;gebied"] + [f"{b};Heel Lindenwaard" for b in buurten]) + "\n"
    assert (
        run(
            capsys,
            "import-indeling",
            write(tmp_path, "een.csv", one),
            "--naam",
            "Alles",
            "--db",
            db,
        )[0]
        == 0
    )
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert con.sql("select gebiedscode, naam from indeling").fetchall() == [
            # a new name gets a new code (Noord and Zuid had 001 and 002), so old links never
            # point at another area
            ("EG9999003", "Heel Lindenwaard")
        ]
        assert con.sql(
            "select count(distinct gebiedscode), count(*) from indeling_buurt"
        ).fetchall() == [(1, 36)]


def test_a_participant_who_moved_is_updated(capsys, db, tmp_path):
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        first, second = [
            r[0]
            for r in con.sql("select bijeenkomst_id from bijeenkomst order by 1 limit 2").fetchall()
        ]
    before = f"bijeenkomst_id;deelnemer_id;woonbuurt\n{first};KLANT-MOVE1;BU99990101\n"
    after = f"bijeenkomst_id;deelnemer_id;woonbuurt\n{second};KLANT-MOVE1;BU99990202\n"
    assert (
        run(capsys, "import", "deelnames", write(tmp_path, "jan.csv", before), "--db", db)[0] == 0
    )
    code, out, err = run(
        capsys, "import", "deelnames", write(tmp_path, "feb.csv", after), "--db", db
    )
    assert code == 0, err
    # 1 deelnemer updated (new home buurt), 1 deelname added
    assert "Deelnemers: 0 nieuw, 1 bijgewerkt" in out and "Deelnames: 1 nieuw" in out


@pytest.mark.slow  # a subprocess killed mid-import
def test_an_import_killed_halfway_leaves_the_database_as_it_was(db, tmp_path):
    # A real CLI import in a child process, killed inside its write transaction, right after
    # it wrote the deelname rows and then the deelnemer rows, the last table it writes (the
    # child's upsert is wrapped to signal and wait there).
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        sessions = [
            r[0] for r in con.sql("select bijeenkomst_id from bijeenkomst order by 1").fetchall()
        ]
    big = tmp_path / "groot.csv"
    with big.open("w") as handle:
        handle.write("bijeenkomst_id;deelnemer_id\n")
        handle.writelines(f"{sessions[i % len(sessions)]};K{i // 3}\n" for i in range(30_000))
    halfway = tmp_path / "halfway"
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        sys.path.insert(0, {str(PROJECT_ROOT)!r})
        from dashboard.ingest import write
        from dashboard.cli import main
        real_upsert = write.upsert
        def upsert_then_wait(con, table, frame):
            result = real_upsert(con, table, frame)
            if table == "deelnemer":
                Path({str(halfway)!r}).write_text("ja")
                time.sleep(120)
            return result
        write.upsert = upsert_then_wait
        sys.exit(main(["import", "deelnames", {str(big)!r}, "--db", {db!r}]))
        """
    )
    before, version = fingerprint(db), store.resolve(db)
    child = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_ROOT)
    deadline = time.monotonic() + 120
    while not halfway.exists():
        assert child.poll() is None, "the import ended before it wrote its rows"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    child.kill()
    child.wait()
    assert store.resolve(db) == version
    assert fingerprint(db) == before
    # the next import works, and what the killed one left behind is cleaned up
    code = main(["import", "inzet", write(tmp_path, "inzet.csv", INZET), "--db", db])
    assert code == 0
    assert len(list(Path(db).parent.glob("wijkdashboard.v*.duckdb"))) <= 1 + store.KEEP_OLD_VERSIONS


def test_a_later_export_without_home_buurt_keeps_the_known_one(capsys, db, tmp_path):
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        first, second = [
            r[0]
            for r in con.sql("select bijeenkomst_id from bijeenkomst order by 1 limit 2").fetchall()
        ]
    known = f"bijeenkomst_id;deelnemer_id;woonbuurt;leeftijdsgroep\n{first};KLANT-KEEP1;BU99990101;18-26\n"
    without = f"bijeenkomst_id;deelnemer_id\n{second};KLANT-KEEP1\n"
    assert run(capsys, "import", "deelnames", write(tmp_path, "a.csv", known), "--db", db)[0] == 0
    code, out, _ = run(capsys, "import", "deelnames", write(tmp_path, "b.csv", without), "--db", db)
    assert code == 0
    assert "Deelnemers: 0 nieuw, 0 bijgewerkt" in out  # nothing about the person changed
    salt = load_or_create_salt(Path(tmp_path / "geheim" / "pseudonimisering.salt"))
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert con.sql(
            "select buurtcode, leeftijdsgroep from deelnemer where deelnemer_id = $p",
            params={"p": pseudonymiser(salt)("KLANT-KEEP1")},
        ).fetchall() == [("BU99990101", "18-26")]


def test_indeling_areas_keep_their_codes(capsys, db, tmp_path):
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        buurten = [r[0] for r in con.sql("select buurtcode from buurt order by 1").fetchall()]

    def division(name_of) -> str:
        return (
            "\n".join(["buurtcode;gebied"] + [f"{b};{name_of(i)}" for i, b in enumerate(buurten)])
            + "\n"
        )

    two = division(lambda i: "Oost" if i < 18 else "West")
    three = division(lambda i: "Oost" if i < 12 else "Midden" if i < 18 else "West")
    assert run(capsys, "import-indeling", write(tmp_path, "twee.csv", two), "--db", db)[0] == 0
    assert run(capsys, "import-indeling", write(tmp_path, "drie.csv", three), "--db", db)[0] == 0
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        # Oost and West keep 001 and 002 although "Midden" sorts between them
        assert con.sql("select naam, gebiedscode from indeling order by 2").fetchall() == [
            ("Oost", "EG9999001"),
            ("West", "EG9999002"),
            ("Midden", "EG9999003"),
        ]


@pytest.mark.slow  # several imports into a copy of the demo
def test_imports_keep_each_participants_first_deelname(capsys, db, tmp_path):
    """eerste_deelname follows new deelnames (only earlier) and moved bijeenkomst dates (any way)."""
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        (early, early_act, early_n), (late, _, _) = con.sql(
            "(select bijeenkomst_id, activiteit_id, aantal_deelnemers from bijeenkomst"
            " order by datum, bijeenkomst_id limit 1)"
            " union all (select bijeenkomst_id, activiteit_id, aantal_deelnemers from bijeenkomst"
            " order by datum desc, bijeenkomst_id limit 1)"
        ).fetchall()
        dates = dict(con.sql("select bijeenkomst_id, datum from bijeenkomst").fetchall())
    salt = load_or_create_salt(Path(tmp_path / "geheim" / "pseudonimisering.salt"))
    person = pseudonymiser(salt)("KLANT-EERST")

    def first() -> object:
        with duckdb.connect(store.resolve(db), read_only=True) as con:
            return con.sql(
                "select eerste_deelname from deelnemer where deelnemer_id = $p",
                params={"p": person},
            ).fetchall()[0][0]

    header = "bijeenkomst_id;deelnemer_id\n"
    assert run(capsys, "import", "deelnames", write(tmp_path, "a.csv", f"{header}{late};KLANT-EERST\n"), "--db", db)[0] == 0  # fmt: skip
    assert first() == dates[late]
    assert run(capsys, "import", "deelnames", write(tmp_path, "b.csv", f"{header}{early};KLANT-EERST\n"), "--db", db)[0] == 0  # fmt: skip
    assert first() == dates[early]
    # the early bijeenkomst moves to after the late one: the late one is now the first
    moved = dates[late] + timedelta(days=1)
    bijeenkomsten = (
        "bijeenkomst_id;activiteit_id;datum;aantal_deelnemers\n"
        f"{early};{early_act};{moved:%d-%m-%Y};{early_n}\n"
    )
    assert run(capsys, "import", "bijeenkomsten", write(tmp_path, "c.csv", bijeenkomsten), "--db", db)[0] == 0  # fmt: skip
    assert first() == dates[late]
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert all(result.passed for result in run_checks(con)), "a data assertion broke"


def test_pairs_of_new_and_returning_participants_are_each_added_once(capsys, db, tmp_path):
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        # bijeenkomsten with room for two more registered deelnames (an assertion counts them)
        first, second, third = [
            r[0]
            for r in con.sql(
                "select bijeenkomst_id from int_bijeenkomst"
                " where aantal_deelnemers >= geregistreerde_deelnames + 2 order by 1 limit 3"
            ).fetchall()
        ]
    header = "bijeenkomst_id;deelnemer_id\n"
    old = f"{header}{first};KLANT-TERUG\n"
    assert run(capsys, "import", "deelnames", write(tmp_path, "a.csv", old), "--db", db)[0] == 0
    # the returning participant: one pair already there, one new; a new participant: one pair
    later = f"{header}{first};KLANT-TERUG\n{second};KLANT-TERUG\n{third};KLANT-NIEUW\n"
    code, out, err = run(capsys, "import", "deelnames", write(tmp_path, "b.csv", later), "--db", db)
    assert code == 0, err
    assert "Deelnemers: 1 nieuw, 0 bijgewerkt; Deelnames: 2 nieuw" in out
    # the same export again: every deelnemer known, every pair there
    again = write(tmp_path, "c.csv", later)
    assert run(capsys, "import", "deelnames", again, "--db", db)[1].count("niets gewijzigd") == 1
    salt = load_or_create_salt(Path(tmp_path / "geheim" / "pseudonimisering.salt"))
    pseudonym = pseudonymiser(salt)
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        pairs = con.sql(
            "select bijeenkomst_id, deelnemer_id from deelname where deelnemer_id in ($a, $b)"
            " order by all",
            params={"a": pseudonym("KLANT-TERUG"), "b": pseudonym("KLANT-NIEUW")},
        ).fetchall()
        broken = [(r.name, r.failures) for r in run_checks(con) if not r.passed]
    assert broken == []
    assert pairs == sorted(
        [
            (first, pseudonym("KLANT-TERUG")),
            (second, pseudonym("KLANT-TERUG")),
            (third, pseudonym("KLANT-NIEUW")),
        ]
    )


@pytest.mark.slow  # several imports into a copy of the demo
def test_first_deelnames_come_from_the_check_unless_the_database_changed_since(
    db, tmp_path, monkeypatch
):
    """The dates worked out while checking are used only on the version they were checked against."""
    from dashboard.warehouse import first_deelname

    with duckdb.connect(store.resolve(db), read_only=True) as con:
        (early, act, n, early_date), (late, _, _, late_date) = con.sql(
            "(select bijeenkomst_id, activiteit_id, aantal_deelnemers, datum from bijeenkomst"
            " order by datum, bijeenkomst_id limit 1)"
            " union all (select bijeenkomst_id, activiteit_id, aantal_deelnemers, datum"
            " from bijeenkomst order by datum desc, bijeenkomst_id limit 1)"
        ).fetchall()
    salt = load_or_create_salt(Path(tmp_path / "geheim" / "pseudonimisering.salt"))

    def first(raw_id: str) -> object:
        with duckdb.connect(store.resolve(db), read_only=True) as con:
            return con.sql(
                "select eerste_deelname from deelnemer where deelnemer_id = $p",
                params={"p": pseudonymiser(salt)(raw_id)},
            ).fetchall()[0][0]

    def deelnames(raw_id: str, bijeenkomst: str = early) -> Prepared:
        data = f"bijeenkomst_id;deelnemer_id\n{bijeenkomst};{raw_id}\n".encode()
        return prepare_registration(db, "deelnames", data, f"{raw_id}.csv")[0]

    def refuse(*args, **kwargs):
        raise AssertionError("this path must not be taken")

    # nothing changed between check and write: the checked dates, no second look-up
    with monkeypatch.context() as patch:
        patch.setattr(first_deelname, "refresh_for_new", refuse)
        commit(db, deelnames("KLANT-A"), user="test")
        assert first("KLANT-A") == early_date
        # a later deelname of the same person leaves the first one where it is
        commit(db, deelnames("KLANT-A", late), user="test")
        assert first("KLANT-A") == early_date
    # the bijeenkomst moves after the check: the dates are worked out again on write
    prepared = deelnames("KLANT-B")
    moved = late_date + timedelta(days=1)
    bijeenkomst = f"bijeenkomst_id;activiteit_id;datum;aantal_deelnemers\n{early};{act};{moved:%d-%m-%Y};{n}\n"
    commit(
        db,
        prepare_registration(db, "bijeenkomsten", bijeenkomst.encode(), "b.csv")[0],
        user="test",
    )
    with monkeypatch.context() as patch:
        patch.setattr(first_deelname, "move_earlier", refuse)
        commit(db, prepared, user="test")
    assert first("KLANT-B") == moved
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert all(result.passed for result in run_checks(con)), "a data assertion broke"


@pytest.mark.parametrize("table", sorted(UNINDEXED - {"deelname"}))
def test_upsert_without_a_key_index_updates_by_key_and_adds_new_keys(table):
    """The tables of migrations 0007 and 0008: new keys added, changed rows updated, the rest kept."""
    from dashboard.warehouse.db import build_database

    con = duckdb.connect()
    build_database(con)
    con.execute(
        "insert into gemeente values ('GM0001', 'Testdorp', false, null);"
        "insert into wijk values ('WK000101', 'Noord', 'GM0001', null);"
        "insert into buurt values ('BU00010101', 'Kern', 'WK000101', null),"
        " ('BU00010102', 'Rand', 'WK000101', null);"
        "insert into organisatie values ('O1', 'Welzijn', 'welzijn');"
        "insert into activiteit values ('A1', 'Café', 'buurtcafé', 'WK000101', null, 'O1', false);"
    )
    old, new = {
        "kerncijfers": (
            [("WK000101", 2024, "inwoners", 10.0), ("WK000101", 2024, "huishoudens", 4.0)],
            [("WK000101", 2024, "inwoners", 12.0), ("WK000101", 2025, "inwoners", 11.0)],
        ),
        "bijeenkomst": (
            [("B1", "A1", date(2024, 1, 1), 3), ("B2", "A1", date(2024, 1, 8), 5)],
            [("B1", "A1", date(2024, 1, 2), 3), ("B3", "A1", date(2024, 1, 15), 4)],
        ),
        # an empty home buurt or age group keeps the known one (KEEP_WHEN_EMPTY)
        "deelnemer": (
            [("p1", "BU00010101", "18-26"), ("p2", "BU00010101", None)],
            [("p1", "BU00010102", None), ("p3", None, "80+")],
        ),
    }[table]
    columns = {
        "kerncijfers": ["gebiedscode", "jaar", "indicator", "waarde"],
        "bijeenkomst": ["bijeenkomst_id", "activiteit_id", "datum", "aantal_deelnemers"],
        "deelnemer": ["deelnemer_id", "buurtcode", "leeftijdsgroep"],
    }[table]
    assert upsert(con, table, pd.DataFrame(old, columns=columns)) == (2, 0)
    assert upsert(con, table, pd.DataFrame(new, columns=columns)) == (1, 1)
    stored = con.sql(f"select {', '.join(columns)} from {table} order by all").fetchall()
    expected = {
        "kerncijfers": [
            ("WK000101", 2024, "huishoudens", 4.0),
            ("WK000101", 2024, "inwoners", 12.0),
            ("WK000101", 2025, "inwoners", 11.0),
        ],
        "bijeenkomst": [
            ("B1", "A1", date(2024, 1, 2), 3),
            ("B2", "A1", date(2024, 1, 8), 5),
            ("B3", "A1", date(2024, 1, 15), 4),
        ],
        "deelnemer": [
            ("p1", "BU00010102", "18-26"),
            ("p2", "BU00010101", None),
            ("p3", None, "80+"),
        ],
    }[table]
    assert stored == expected
    # the same rows again change nothing
    assert upsert(con, table, pd.DataFrame(new, columns=columns)) == (0, 0)
    # nothing but this check refuses a key twice in one batch: nothing is written
    twice = pd.DataFrame([new[1], new[1]], columns=columns)
    with pytest.raises(ImportFailed, match="meer dan eens"):
        upsert(con, table, twice)
    assert con.sql(f"select {', '.join(columns)} from {table} order by all").fetchall() == expected


@pytest.mark.parametrize("table", ["organisatie", "inzet"])
def test_upsert_with_a_key_index_updates_changed_rows_and_adds_new_keys(table):
    """Tables with a key index: the changed rows go through ON CONFLICT, the new ones through
    a plain insert (upsert._insert_on_conflict). An organisation that other rows refer to
    can still be renamed: only the changed column is updated."""
    from dashboard.warehouse.db import build_database

    con = duckdb.connect()
    build_database(con)
    con.execute(
        "insert into gemeente values ('GM0001', 'Testdorp', false, null);"
        "insert into wijk values ('WK000101', 'Noord', 'GM0001', null);"
        "insert into organisatie values ('O1', 'Welzijn', 'welzijn'),"
        " ('O2', 'Wonen', 'woningcorporatie');"
        "insert into professional values ('P1', 'Anouk');"
        # the inzet row that refers to O1, and is in no file below
        "insert into inzet values ('I0', 'P1', 'WK000101', 'opbouwwerker', 'O1', '2023-01-01',"
        " null, 10)"
    )
    i1 = ("I1", "P1", "WK000101", "opbouwwerker", "O1", date(2024, 1, 1))
    i2 = ("I2", "P1", "WK000101", "opbouwwerker", "O1", date(2024, 2, 1), None, 8.0)
    old, new, columns = {
        "organisatie": (
            [],  # O1 and O2 are there already
            [("O1", "Welzijn Noord", "welzijn"), ("O2", "Wonen", "woningcorporatie")]
            + [("O3", "Sportclub", "overig")],
            ["organisatie_id", "naam", "soort"],
        ),
        "inzet": (
            [(*i1, None, 24.0), i2],
            [(*i1, date(2024, 12, 31), 24.0), i2]
            + [("I3", "P1", "WK000101", "jongerenwerker", "O2", date(2025, 1, 1), None, 12.5)],
            [c for c, _ in registratie.TABLE_COLUMNS["inzet"]],
        ),
    }[table]
    assert table not in UNINDEXED
    if old:
        assert upsert(con, table, pd.DataFrame(old, columns=columns)) == (2, 0)
    # worked out by hand: one row changed (O1's naam; I1's einddatum), one the same, one new
    assert upsert(con, table, pd.DataFrame(new, columns=columns)) == (1, 1)
    stored = con.sql(
        f"select {', '.join(columns)} from {table} where {columns[0]} <> 'I0' order by all"
    ).fetchall()
    assert [tuple(float(v) if isinstance(v, Decimal) else v for v in row) for row in stored] == new
    assert upsert(con, table, pd.DataFrame(new, columns=columns)) == (0, 0)


def test_a_read_only_instance_refuses_to_import(capsys, db, tmp_path, monkeypatch):
    before = fingerprint(db)
    monkeypatch.setenv("WIJKDASHBOARD_READ_ONLY", "1")
    code, _, err = run(capsys, "import", "inzet", write(tmp_path, "inzet.csv", INZET), "--db", db)
    assert code == 1
    assert "leest de database alleen" in err
    assert fingerprint(db) == before


@pytest.mark.slow  # two imports and a check on a copy of the demo
def test_every_import_from_the_command_line_is_in_the_audit_log(capsys, db, tmp_path, monkeypatch):
    log = str(tmp_path / "audit" / "auditlog.duckdb")
    monkeypatch.setenv(AUDIT_ENV_VAR, log)
    inzet = write(tmp_path, "inzet.csv", INZET)
    assert run(capsys, "import", "inzet", inzet, "--db", db)[0] == 0
    broken = INZET.replace("01-03-2026;;24", "99-99-2026;;24")
    assert run(capsys, "import", "inzet", write(tmp_path, "kapot.csv", broken), "--db", db)[0] == 1
    # an empty file is refused before any check, and logged too (a steward's walk)
    assert run(capsys, "import", "inzet", write(tmp_path, "leeg.csv", ""), "--db", db)[0] == 1
    frame = audit.read(log).iloc[::-1]
    assert (
        frame[["gebeurtenis", "gebruiker", "rol", "scherm"]].values.tolist()
        == [
            [
                "import",
                f"opdrachtregel ({current_user()})",
                "beheerder (opdrachtregel)",
                "opdrachtregel",
            ]
        ]
        * 3
    )
    # the import log says it came from the command line, not just "root" (issue 14 item 7)
    assert rows(db, "select gebruiker from import_log order by import_id desc limit 1") == [
        (f"opdrachtregel ({current_user()})",)
    ]
    assert frame["details"].tolist() == [
        "inzet.csv; soort inzet; professional: 1 nieuw, 0 bijgewerkt;"
        " inzet: 2 nieuw, 0 bijgewerkt; geslaagd",
        "kapot.csv; soort inzet; geweigerd: 1 fout(en)",
        "leeg.csv; soort inzet; geweigerd: bestand niet te lezen",
    ]
    # `check` runs the audit log's checks with the database's
    code, out, _ = run(capsys, "check", "--db", db)
    assert code == 0 and "OK   auditlog_volgorde" in out


def test_an_unreadable_indeling_or_wijk_file_is_in_the_audit_log(capsys, db, tmp_path, monkeypatch):
    # import-indeling and import-wijk refused an empty file without a line in the audit log,
    # while the Gegevens screen says that every refusal of the command line is there
    log = str(tmp_path / "audit" / "auditlog.duckdb")
    monkeypatch.setenv(AUDIT_ENV_VAR, log)
    empty = write(tmp_path, "leeg.csv", "")
    assert run(capsys, "import-indeling", empty, "--naam", "Stadsdelen", "--db", db)[0] == 1
    assert run(capsys, "import-wijk", "plekken", empty, "--db", db)[0] == 1
    assert audit.read(log).iloc[::-1]["details"].tolist() == [
        "leeg.csv; soort indeling; geweigerd: bestand niet te lezen",
        "leeg.csv; soort plekken; geweigerd: bestand niet te lezen",
    ]


CP1252_INZET = INZET.replace("Anna Test", "Anaïs Lefèvre")


@pytest.mark.parametrize(
    ("kind", "text", "encoding"),
    [
        ("inzet", CP1252_INZET, "cp1252"),  # an Excel export: `;`, Windows-1252, dd-mm-jjjj
        ("inzet", CP1252_INZET, "utf-8-sig"),
        ("deelnames", 'bijeenkomst_id,deelnemer_id\n"BK999900000001","K-1"\n', "utf-8"),
    ],
    ids=["cp1252", "utf8-bom", "aanhalingstekens"],
)
def test_a_file_given_by_its_path_is_prepared_like_its_bytes(db, tmp_path, kind, text, encoding):
    """The command line hands the importer a path (the file is read in blocks, never whole):
    the same tables, problems and content hash as from the file's bytes."""
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))
    by_path, _ = prepare_registration(db, kind, path, path.name)
    by_bytes, _ = prepare_registration(db, kind, path.read_bytes(), path.name)
    assert by_path.inhoud_hash == by_bytes.inhoud_hash
    assert by_path.problems == by_bytes.problems
    assert list(by_path.tables) == list(by_bytes.tables)
    for table, frame in by_path.tables.items():
        pd.testing.assert_frame_equal(frame, by_bytes.tables[table])
    if kind == "inzet":
        assert by_path.tables["professional"]["naam"].tolist() == ["Anaïs Lefèvre"]


@pytest.mark.slow  # two imports of 1.5 million deelnames
def test_a_large_deelnames_file_is_checked_in_bounded_memory(db, tmp_path, monkeypatch):
    """The check runs in a DuckDB of its own whose memory is capped: with a cap below what the
    rows of 1.5 million deelnames take there, it moves them to disk and gives exactly the same
    database as without."""
    from benchmarks.imports import write_deelnames_csv
    from dashboard.ingest.registratie import deelnames

    export = tmp_path / "groot.csv"
    write_deelnames_csv(db, 1_500_000, export)
    other = tmp_path / "ander" / "wijkdashboard.duckdb"
    other.parent.mkdir()
    shutil.copyfile(store.resolve(db), other)
    prepared, _ = prepare_registration(db, "deelnames", export, export.name)
    commit(db, prepared, user="test")

    spilled: list[int] = []
    connect = deelnames._checking_connection

    class Watched:
        """The check's connection, noting what it has moved to disk after each statement."""

        def __init__(self, folder: str) -> None:
            self.con = connect(folder)

        def execute(self, *args, **kwargs):
            result = self.con.execute(*args, **kwargs)
            with self.con.cursor() as other:  # the same database; the result stays unread
                used = other.sql("select sum(temporary_storage_bytes) from duckdb_memory()")
                spilled.append(used.fetchall()[0][0])
            return result

        def __getattr__(self, name: str):
            return getattr(self.con, name)

    monkeypatch.setattr(deelnames, "_checking_connection", Watched)
    monkeypatch.setenv("WIJKDASHBOARD_IMPORT_MEMORY", "96MB")
    small, _ = prepare_registration(str(other), "deelnames", export, export.name)
    commit(str(other), small, user="test")
    assert max(spilled) > 0  # the cap was below the check's need: part of it went to disk
    assert small.problems == prepared.problems
    # worked out by hand from write_deelnames_csv: 1,500,000 rows, participant i // 7 (so
    # 1,500,000 / 7 rounded up = 214,286 people), each at bijeenkomst (i * 7919) % n, which
    # repeats within a participant's 7 rows only if n divides k * 7919 for some k below 7
    assert len(small.tables["deelname"]) == 1_500_000
    assert len(small.tables["deelnemer"]) == 214_286
    tables = ("deelnemer", "deelname", "bijeenkomst")
    assert {t: fingerprint(db)[t] for t in tables} == {
        t: fingerprint(str(other))[t] for t in tables
    }


@pytest.mark.slow  # an import of 200,000 deelnames
def test_a_file_too_big_for_the_checks_memory_is_refused_in_dutch(
    capsys, db, tmp_path, monkeypatch
):
    """Below the check's minimum (200,000 rows need about 30 MB) the import stops with a
    Dutch message naming the setting, and the database stays as it was."""
    from benchmarks.imports import write_deelnames_csv

    export = tmp_path / "groot.csv"
    write_deelnames_csv(db, 200_000, export)
    before = fingerprint(db)
    monkeypatch.setenv("WIJKDASHBOARD_IMPORT_MEMORY", "16MB")
    code, out, err = run(capsys, "import", "deelnames", str(export), "--db", db)
    assert code != 0
    assert "te groot om te controleren binnen het geheugen" in err
    assert "WIJKDASHBOARD_IMPORT_MEMORY" in err and "16MB" in err
    assert "Traceback" not in err + out
    assert fingerprint(db) == before


def test_the_benchmarks_export_within_the_totals_imports_without_a_warning(capsys, db, tmp_path):
    """benchmarks.imports.write_deelnames_within_totals, the bench's file as an organisation
    sends it: new participants 7 times each, no bijeenkomst beyond its aantal_deelnemers, so
    the import adds every row and warns of nothing; too many rows for the room left is
    refused in Dutch."""
    from benchmarks.imports import write_deelnames_within_totals
    from benchmarks.terms import BenchError

    export = tmp_path / "binnen.csv"
    write_deelnames_within_totals(db, 7_000, export)
    with duckdb.connect() as con:
        per_person = con.execute(
            "select count(*), count(distinct bijeenkomst_id) from read_csv($p, all_varchar = true)"
            " group by deelnemer_id",
            {"p": str(export)},
        ).fetchall()
    # 7,000 rows: 1,000 participants, each in 7 different bijeenkomsten
    assert len(per_person) == 1_000 and set(per_person) == {(7, 7)}

    def counts() -> tuple[int, int]:
        with duckdb.connect(store.resolve(db), read_only=True) as con:
            return con.execute(
                "select (select count(*) from deelname), (select count(*) from bijeenkomst"
                " where geregistreerde_deelnames > aantal_deelnemers)"
            ).fetchone()

    before, _ = counts()
    code, out, err = run(capsys, "import", "deelnames", str(export), "--db", db)
    assert code == 0, err
    assert "boven" not in out.lower() and "waarschuwing" not in out.lower(), out
    assert counts() == (before + 7_000, 0)  # every row added, no bijeenkomst over its total
    with pytest.raises(BenchError, match="plaatsen"):
        write_deelnames_within_totals(db, 10_000_000, tmp_path / "te_veel.csv")


@pytest.mark.parametrize(
    "command",
    [
        ["import", "inzet"],
        ["import-wijk", "plekken"],
        ["import-indeling"],
    ],
)
def test_a_mistyped_database_is_named_not_checked_against(capsys, tmp_path, command):
    # a data steward's walk: with --db pointing nowhere, the import reported every wijk of
    # the file as unknown ("Onbekende wijk ...") instead of the missing database
    path = write(tmp_path, "inzet_maart.csv", INZET)
    missing = tmp_path / "typfout.duckdb"
    extra = ["--naam", "Stadsdelen"] if command == ["import-indeling"] else []
    code, out, err = run(capsys, *command, path, *extra, "--db", str(missing))
    assert code == 1
    assert f"Database niet gevonden: {missing}" in err
    assert "Onbekende wijk" not in err + out
    assert not list(tmp_path.glob("typfout*"))  # nothing made under the mistyped name


def test_the_command_lines_report_is_left_aligned_with_the_reason_wrapped_under_itself():
    """A steward's walk: pandas' table right-aligned every column and wrapped each row over
    the next at a terminal's width; the reason now comes last, wrapped under itself."""
    from dashboard.cli import report_text

    problems = [
        registratie.Problem("f.csv", 2, "wijkcode", "WK999977", "Onbekende wijk", "fout"),
        registratie.Problem(
            "f.csv", 13, "rol", "directeur", "Onbekende rol; toegestaan: een, twee, drie", "fout"
        ),
        registratie.Problem("f.csv", None, None, None, "Geen rijen", "waarschuwing"),
    ]
    # worked by hand: columns as wide as their longest text plus two spaces (Rij 3, Ernst
    # 12, Kolom 8, Waarde 9: the reason starts at 40), the reason wrapped in 72 - 40 = 32
    assert report_text(registratie.report_frame(problems), width=72).splitlines() == [
        "Rij  Ernst         Kolom     Waarde     Reden",
        "2    fout          wijkcode  WK999977   Onbekende wijk",
        "13   fout          rol       directeur  Onbekende rol; toegestaan: een,",
        "                                        twee, drie",
        # a file-level problem has no row, column or value
        "     waarschuwing                       Geen rijen",
    ]
    # too narrow to leave the reason 30 characters, or not a terminal: not wrapped at all
    narrow = report_text(registratie.report_frame(problems), width=60).splitlines()
    assert narrow[2].endswith("Onbekende rol; toegestaan: een, twee, drie")
    piped = report_text(registratie.report_frame(problems)).splitlines()
    assert piped[2].endswith("Onbekende rol; toegestaan: een, twee, drie")
