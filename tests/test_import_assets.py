"""Importing plekken, routes and verhalen: good and bad files, in the shapes real exports have.

The database is the tiny gemeente of tests/fixtures/plekken.py (buurten in boxes, so which
buurt a point lies in is worked out by hand in each test).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from dashboard.cli import main
from dashboard.ingest import assets, privacy, registratie
from dashboard.ingest.write import ImportRefused, commit
from dashboard.warehouse.db import build_database
from tests.fixtures.importer import fingerprint
from tests.fixtures.plekken import fill_areas
from tests.helpers import rows


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database file with the fixture's areas and activiteiten, no plekken yet."""
    monkeypatch.setenv("WIJKDASHBOARD_SALT_FILE", str(tmp_path / "salt"))
    path = tmp_path / "data" / "wijkdashboard.duckdb"
    path.parent.mkdir()
    with duckdb.connect(str(path)) as con:
        build_database(con)
        fill_areas(con)
    return str(path)


# A real export's shape: `;`, Windows-1252 (é in "Café"), dd-mm-jjjj, decimal commas.
PLEKKEN = (
    "plek_id;naam;type;beheer;lon;lat;startdatum;einddatum;activiteiten;beschrijving\r\n"
    "P1;Buurthuis De Linde;buurthuis;organisatie;5,02;52,05;01-01-2010;;A1|A2;\r\n"
    "P2;Café-tuin;Park;gemeente;5,07;52,05;;;;Een tuin achter het café\r\n"
    "P3;Moestuin Zuid;moestuin;bewoners;5,15;52,05;01-04-2022;;A3;\r\n"
)


def prepare(db: str, kind: str, text: str | bytes, name: str = "bestand.csv"):
    data = text.encode("cp1252") if isinstance(text, str) else text
    return assets.prepare_assets(db, kind, data, name)


def test_plekken_from_a_windows_export_are_imported_with_their_buurt_and_activiteiten(db):
    prepared = prepare(db, "plekken", PLEKKEN, "plekken.csv")
    assert prepared.errors == []
    result = commit(db, prepared, user="test")
    assert result.toegevoegd == {"plek": 3, "plek_activiteit": 3}
    # P1 (5.02, 52.05) lies in the west half of Noord, P2 (5.07) in the east, P3 in Zuid
    assert rows(db, "select plek_id, naam, type, buurtcode, gemeentecode from plek order by 1") == [
        ("P1", "Buurthuis De Linde", "buurthuis", "BU00010101", "GM0001"),
        ("P2", "Café-tuin", "park", "BU00010102", "GM0001"),
        ("P3", "Moestuin Zuid", "moestuin", "BU00010201", "GM0001"),
    ]
    assert rows(db, "select * from plek_activiteit order by all") == [
        ("P1", "A1"),
        ("P1", "A2"),
        ("P3", "A3"),
    ]
    assert rows(db, "select tabel, rijen_toegevoegd, resultaat from import_log") == [
        ("plekken", 6, "geslaagd")
    ]
    again = commit(db, prepare(db, "plekken", PLEKKEN, "plekken.csv"), user="test")
    assert not again.changed


def test_rd_new_coordinates_are_converted_once(db):
    # 5.02, 52.05 and 5.15, 52.05 in RD New (pyproj, EPSG:28992), with decimal commas
    text = (
        "plek_id;naam;type;beheer;x;y\n"
        "P1;Buurthuis;buurthuis;organisatie;129811,63;451362,23\n"
        "P3;Moestuin;moestuin;bewoners;138728,98;451325,14\n"
    )
    prepared = prepare(db, "plekken", text)
    assert prepared.errors == []
    plek = prepared.tables["plek"]
    assert plek["buurtcode"].tolist() == ["BU00010101", "BU00010201"]
    assert plek["lon"].round(5).tolist() == [5.02, 5.15]
    assert plek["lat"].round(5).tolist() == [52.05, 52.05]


def test_bad_plekken_are_refused_with_row_column_value_and_reason_and_nothing_is_written(db):
    before = fingerprint(db)
    text = (
        "plek_id;naam;type;beheer;lon;lat;activiteiten\n"
        "P1;Buiten;buurthuis;organisatie;4,50;52,05;\n"  # west of the gemeente
        "P2;Raar;kasteel;gemeente;5,07;52,05;\n"  # unknown type
        "P3;Zuid;moestuin;bewoners;5,15;52,05;A9\n"  # unknown activiteit
        "P4;Kapot;park;iedereen;vijf;52,05;\n"  # unknown beheer, unreadable lon
    )
    prepared = prepare(db, "plekken", text, "fout.csv")
    report = registratie.report_frame(prepared.problems)
    assert report[["Rij", "Kolom", "Waarde", "Reden"]].values.tolist() == [
        [2, "lon, lat", "4,500000, 52,050000", assets.REDEN_BUITEN],
        [3, "type", "kasteel", assets.REDEN_TYPE],
        [4, "activiteiten", "A9", assets.REDEN_ACTIVITEIT_ONBEKEND],
        [5, "beheer", "iedereen", assets.REDEN_BEHEER],
        [5, "lon", "vijf", assets.REDEN_COORDINAAT],
    ]
    with pytest.raises(ImportRefused):
        commit(db, prepared, user="test")
    assert fingerprint(db) == before


def test_a_file_without_coordinates_or_a_required_column_is_refused(db):
    prepared = prepare(db, "plekken", "plek_id;naam;beheer\nP1;X;bewoners\n")
    assert [(p.kolom, p.reden) for p in prepared.errors] == [
        ("type", registratie.REDEN_KOLOM_ONTBREEKT),
        ("lon, lat", assets.REDEN_GEEN_COORDINATEN),
    ]


def test_plekken_from_geojson(db):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [5.02, 52.05]},
                "properties": {"plek_id": "P1", "naam": "Buurthuis", "type": "buurthuis",
                               "beheer": "organisatie", "startdatum": "2010-01-01"},
            },
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[5.0, 52.0], [5.1, 52.1]]},
                "properties": {"plek_id": "P2", "naam": "Lijn", "type": "park", "beheer": "gemeente"},
            },
        ],
    }  # fmt: skip
    prepared = prepare(db, "plekken", json.dumps(doc).encode(), "plekken.geojson")
    assert [(p.rij, p.kolom, p.waarde, p.reden) for p in prepared.errors] == [
        (2, "geometry", "LineString", assets.REDEN_GEOMETRIE_PLEK)
    ]
    doc["features"].pop()
    prepared = prepare(db, "plekken", json.dumps(doc).encode(), "plekken.geojson")
    assert prepared.errors == []
    assert prepared.tables["plek"][["plek_id", "buurtcode"]].values.tolist() == [
        ["P1", "BU00010101"]
    ]


ROUTE = (
    "route_id;route_naam;soort;datum;gemaakt_door;volgnummer;stop_naam;lon;lat;plek_id\n"
    "R1;Wijksafari Noord;wijksafari;14-09-2025;bewoners_met_opbouwwerk;1;Start;5,02;52,05;\n"
    "R1;Wijksafari Noord;wijksafari;14-09-2025;bewoners_met_opbouwwerk;2;De oude boom;5,06;52,06;\n"
    "R1;Wijksafari Noord;wijksafari;14-09-2025;bewoners_met_opbouwwerk;3;Het park;5,07;52,05;\n"
)


def test_a_route_with_its_stops_is_imported_and_a_shorter_version_replaces_its_stops(db):
    result = commit(db, prepare(db, "routes", ROUTE), user="test")
    assert result.toegevoegd == {"route": 1, "route_stop": 3}
    assert rows(db, "select route_id, gemeentecode, soort, gemaakt_door from route") == [
        ("R1", "GM0001", "wijksafari", "bewoners_met_opbouwwerk")
    ]
    shorter = "\n".join(ROUTE.splitlines()[:3]) + "\n"
    result = commit(db, prepare(db, "routes", shorter), user="test")
    assert result.verwijderd["route_stop"] == 1  # stop 3 is gone
    assert result.bijgewerkt["route_stop"] == 0  # stops 1 and 2 are as they were
    assert rows(db, "select volgnummer from route_stop order by 1") == [(1,), (2,)]


def test_a_route_with_one_point_is_refused(db):
    one = "\n".join(ROUTE.splitlines()[:2]) + "\n"
    prepared = prepare(db, "routes", one)
    assert [(p.rij, p.kolom, p.reden) for p in prepared.errors] == [
        (2, "route_id", assets.REDEN_ROUTE_EEN_PUNT)
    ]


def test_bad_routes_report_every_problem_of_a_row_and_nothing_is_written(db):
    # a real export's shape (`;`, Windows-1252, dd-mm-jjjj); rows with more than one error:
    # the point of a row is checked also when another cell of that row is wrong (as plekken)
    before = fingerprint(db)
    text = (
        "route_id;route_naam;soort;datum;gemaakt_door;volgnummer;stop_naam;lon;lat;plek_id\r\n"
        "R1;Wijksafari Noord;wijksafari;14-09-2025;bewoners;1;Café De Hoek;5,02;52,05;\r\n"
        "R1;Wijksafari Noord;safari;14-09-2025;bewoners;2;Ver weg;4,50;52,05;\r\n"
        "R1;Wijksafari Noord;wijksafari;31-09-2025;bewoners;3;Het park;5,07;52,05;P9\r\n"
        "R2;Terrastour;terrastour;01-06-2025;bewoners;x;Flat A;5,30;52,05;\r\n"
    )
    prepared = prepare(db, "routes", text, "routes.csv")
    report = registratie.report_frame(prepared.problems)
    # row 3: unknown soort and west of the gemeente; row 4: no 31 September and no plek P9
    # (the database has none); row 5: unreadable volgnummer and east of the gemeente. No
    # "one point" for R1 or R2: their other rows are in error, not missing
    assert report[["Rij", "Kolom", "Waarde", "Reden"]].values.tolist() == [
        [3, "soort", "safari", assets.REDEN_ROUTE_SOORT],
        [3, "lon, lat", "4,500000, 52,050000", assets.REDEN_BUITEN],
        [4, "datum", "31-09-2025", registratie.REDEN_DATUM],
        [4, "plek_id", "P9", assets.REDEN_PLEK_ONBEKEND],
        [5, "volgnummer", "x", assets.REDEN_VOLGNUMMER],
        [5, "lon, lat", "5,300000, 52,050000", assets.REDEN_BUITEN],
    ]
    assert prepared.tables == {}
    with pytest.raises(ImportRefused):
        commit(db, prepared, user="test")
    assert fingerprint(db) == before


def test_a_route_from_geojson_takes_the_lines_points_as_its_stops(db):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[5.02, 52.05], [5.06, 52.06], [5.15, 52.05]]},
                "properties": {"route_id": "R2", "naam": "Terrastour", "soort": "terrastour",
                               "gemaakt_door": "bewoners", "stops": "Flat A|Flat B|Flat C"},
            },
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[5.02, 52.05]]},
                "properties": {"route_id": "R3", "naam": "Kort", "soort": "overig",
                               "gemaakt_door": "bewoners"},
            },
        ],
    }  # fmt: skip
    prepared = prepare(db, "routes", json.dumps(doc).encode(), "routes.geojson")
    assert [(p.rij, p.reden) for p in prepared.errors] == [(2, assets.REDEN_ROUTE_EEN_PUNT)]
    doc["features"].pop()
    prepared = prepare(db, "routes", json.dumps(doc).encode(), "routes.geojson")
    assert prepared.errors == []
    stops = prepared.tables["route_stop"]
    assert stops[["volgnummer", "naam"]].values.tolist() == [
        [1, "Flat A"],
        [2, "Flat B"],
        [3, "Flat C"],
    ]
    assert prepared.tables["route"]["naam"].tolist() == ["Terrastour"]


VERHALEN = (
    "verhaal_id;gebiedscode;datum;thema;tekst;bron;status\n"
    "V1;WK000101;01-10-2025;ontmoeting;Buren groeten elkaar weer sinds het terras.;bewoner;gepubliceerd\n"
)


def test_a_verhaal_is_imported(db):
    result = commit(db, prepare(db, "verhalen", VERHALEN), user="test")
    assert result.toegevoegd == {"verhaal": 1}
    assert rows(db, "select verhaal_id, gemeentecode, status from verhaal") == [
        ("V1", "GM0001", "gepubliceerd")
    ]


def test_a_verhaals_status_changes_through_the_import_path(db):
    concept = VERHALEN.replace(";gepubliceerd\n", ";concept\n")
    commit(db, prepare(db, "verhalen", concept), user="test")
    stored = "select verhaal_id, gemeentecode, gebiedscode, datum, thema, tekst, bron, status from verhaal"
    before = rows(db, stored)
    prepared = assets.prepare_status(db, "V1", "gepubliceerd")
    assert (prepared.bestand, prepared.tabel, prepared.errors) == (
        "verhaal V1 gepubliceerd",
        "verhalen",
        [],
    )
    result = commit(db, prepared, user="beheer")
    assert (result.toegevoegd, result.bijgewerkt) == ({"verhaal": 0}, {"verhaal": 1})
    # only the status changed
    assert rows(db, stored) == [(*before[0][:-1], "gepubliceerd")]
    assert not commit(db, assets.prepare_status(db, "V1", "gepubliceerd"), user="beheer").changed
    commit(db, assets.prepare_status(db, "V1", "concept"), user="beheer")
    assert rows(db, stored) == before
    assert rows(db, "select bestand, tabel, rijen_bijgewerkt, gebruiker from import_log") == [
        ("bestand.csv", "verhalen", 0, "test"),
        ("verhaal V1 gepubliceerd", "verhalen", 1, "beheer"),
        ("verhaal V1 terug naar concept", "verhalen", 1, "beheer"),
    ]


def test_the_status_of_an_unknown_verhaal_is_refused(db):
    prepared = assets.prepare_status(db, "V404", "gepubliceerd")
    assert [(p.kolom, p.waarde, p.reden) for p in prepared.errors] == [
        ("verhaal_id", "V404", assets.REDEN_VERHAAL_ONBEKEND)
    ]
    with pytest.raises(ImportRefused):
        commit(db, prepared, user="beheer")
    with pytest.raises(ValueError, match="Onbekende status"):
        assets.prepare_status(db, "V1", "weg")


@pytest.mark.parametrize(
    ("tekst", "reden"),
    [
        ("Mail Jan via jan.jansen@example.nl voor meer.", privacy.REDEN_EMAIL),
        ("Bel mevrouw op 06-12345678 als het weer gebeurt.", privacy.REDEN_TELEFOON),
        ("Zijn nummer is 111222333, dat staat in het dossier.", privacy.REDEN_BSN),
    ],
)
def test_a_verhaal_with_personal_data_is_refused_without_repeating_it(db, tekst, reden):
    text = VERHALEN.splitlines()[0] + f"\nV2;BU00010201;01-11-2025;zorg;{tekst};professional;\n"
    prepared = prepare(db, "verhalen", text)
    assert [(p.rij, p.kolom, p.waarde) for p in prepared.errors] == [(2, "tekst", "(verborgen)")]
    assert prepared.errors[0].reden.startswith(reden)
    assert "persoonsgegevens" in prepared.errors[0].reden


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kom naar het buurthuis, 14 mensen waren er.", []),
        ("Het jaar 2025 en postcode 1234 AB", []),
        ("Telefoon +31 6 1234 5678", [privacy.REDEN_TELEFOON]),
        ("bsn 123.456.782", [privacy.REDEN_BSN]),  # 11-proef: 9·1+8·2+...+2·7 − 2 = 154 = 14·11
        ("123456789", []),  # fails the 11-proef: 9+16+21+24+25+24+21+16 − 9 = 147
    ],
)
def test_the_privacy_check(text, found):
    assert [reden for _, reden in privacy.personal_data(text)] == found


def test_an_xlsx_of_verhalen_with_an_unknown_area_and_date_is_refused(db):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "verhalen"
    sheet.append(["verhaal_id", "gebiedscode", "datum", "thema", "tekst", "bron"])
    sheet.append(["V1", "WK000199", "31-02-2025", "groen", "Het park is opgeknapt.", "bewoner"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    prepared = prepare(db, "verhalen", buffer.getvalue(), "verhalen.xlsx")
    assert [(p.rij, p.kolom, p.reden) for p in prepared.errors] == [
        (2, "gebiedscode", assets.REDEN_GEBIED),
        (2, "datum", registratie.REDEN_DATUM),
    ]


@pytest.mark.parametrize("kind", assets.KINDS)
def test_templates_have_every_field_and_read_back(kind):
    header = assets.template_csv(kind).decode("utf-8-sig").splitlines()[0].split(";")
    assert header == [f.name for f in assets.TEMPLATES[kind]]
    raw = registratie.read_export(assets.template_xlsx(kind), f"{kind}.xlsx", kind=kind)
    assert raw.columns == header


def test_the_command_line_imports_and_refuses(capsys, db, tmp_path):
    good = tmp_path / "plekken.csv"
    good.write_bytes(PLEKKEN.encode("cp1252"))
    assert main(["import-wijk", "plekken", str(good), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Plekken: 3 nieuw" in out
    bad = tmp_path / "verhalen.csv"
    bad.write_text(VERHALEN.replace("Buren groeten", "Bel 0201234567, buren groeten"))
    assert main(["import-wijk", "verhalen", str(bad), "--db", db]) == 1
    err = capsys.readouterr().err
    assert "telefoonnummer" in err and "0201234567" not in err


def test_plekken_from_excel_with_numbers_and_dates_as_excel_types(db):
    from datetime import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "plekken"
    sheet.append(["plek_id", "naam", "type", "beheer", "lon", "lat", "startdatum"])
    sheet.append(["P1", "Buurthuis", "buurthuis", "organisatie", 5.02, 52.05, datetime(2010, 1, 1)])
    sheet.append(["P3", "Moestuin", "moestuin", "bewoners", 5.15, 52.05, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    prepared = prepare(db, "plekken", buffer.getvalue(), "plekken.xlsx")
    assert prepared.errors == []
    plek = prepared.tables["plek"]
    assert plek[["plek_id", "buurtcode"]].values.tolist() == [
        ["P1", "BU00010101"],
        ["P3", "BU00010201"],
    ]
    assert str(plek["startdatum"].iloc[0]) == "2010-01-01"


def test_a_repeated_plek_and_verhaal_name_the_row_they_repeat(db):
    # P1 on Excel rows 2 and 5: the second says where the first is
    text = PLEKKEN + "P1;Buurthuis De Linde;buurthuis;organisatie;5,02;52,05;01-01-2010;;A1|A2;\r\n"
    prepared = prepare(db, "plekken", text)
    report = registratie.report_frame(prepared.problems)
    assert report[["Rij", "Kolom", "Waarde", "Reden"]].values.tolist() == [
        [5, "plek_id", "P1", "Staat dubbel: deze code staat al op rij 2 van dit bestand"]
    ]
    first = VERHALEN.splitlines()[1]
    prepared = prepare(db, "verhalen", VERHALEN + first + "\r\n")
    assert [(p.rij, p.reden) for p in prepared.problems] == [
        (3, "Staat dubbel: deze code staat al op rij 2 van dit bestand")
    ]
