"""CBS codes with capital letters (Amsterdam: WK0363AA, BU0363AA01): a CBS file shaped like the
2024 wijken en buurten loads with every inwoners figure equal to the file's, registrations in
those wijken and buurten import, and a link to such a wijk opens it."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import geopandas as gpd
import pytest
import shapely

from dashboard.config import DB_ENV_VAR
from dashboard.domain.codes import RD_NEW, WGS84
from dashboard.ingest import registratie
from dashboard.warehouse import store
from dashboard.warehouse.area_shapes import read_gebieden
from tests.helpers import open_screen, rows, run_cli

# Two wijken of two buurten each in the centre of Amsterdam, in RD New metres.
X0, Y0, SIZE = 121_000.0, 487_000.0, 500.0
BUURTEN = [
    # buurtcode, buurtnaam, wijkcode, column, row, inwoners, 65+ (%; -99995: secret)
    ("BU0363AA01", "Kop Zeedijk", "WK0363AA", 0, 0, 1140, 14.0),
    ("BU0363AA02", "Oude Kerk e.o.", "WK0363AA", 0, 1, 1905, 11.0),
    ("BU0363AB01", "Nieuwe Kerk e.o.", "WK0363AB", 1, 0, 2080, -99995.0),
    ("BU0363AB02", "Spuistraat Zuid", "WK0363AB", 1, 1, 0, -99997.0),
]
WIJKEN = {"WK0363AA": "Burgwallen-Oude Zijde", "WK0363AB": "Burgwallen-Nieuwe Zijde"}


def _box(column: int, row: int) -> shapely.Polygon:
    x, y = X0 + column * SIZE, Y0 + row * SIZE
    return shapely.box(x, y, x + SIZE, y + SIZE)


def write_gpkg(folder: Path) -> Path:
    """The layout of CBS's wijkenbuurten_2024 GeoPackage: three layers, RD New, snake_case
    columns, a jaar and a water column, and CBS's codes for secret figures."""
    buurten = gpd.GeoDataFrame(
        {
            "buurtcode": [b[0] for b in BUURTEN],
            "buurtnaam": [b[1] for b in BUURTEN],
            "wijkcode": [b[2] for b in BUURTEN],
            "gemeentecode": "GM0363",
            "gemeentenaam": "Amsterdam",
            "water": "NEE",
            "jaar": 2024,
            "aantal_inwoners": [b[5] for b in BUURTEN],
            "percentage_personen_65_jaar_en_ouder": [b[6] for b in BUURTEN],
        },
        geometry=[_box(b[3], b[4]) for b in BUURTEN],
        crs=RD_NEW,
    )
    # as CBS's layers: a wijk's outline has the vertices of its buurten's (a coverage)
    wijken = buurten.dissolve(
        "wijkcode", aggfunc={"aantal_inwoners": "sum"}, method="coverage", as_index=False
    )
    wijken = wijken.assign(
        wijknaam=wijken["wijkcode"].map(WIJKEN),
        gemeentecode="GM0363",
        gemeentenaam="Amsterdam",
        water="NEE",
        jaar=2024,
    )
    gemeenten = gpd.GeoDataFrame(
        {
            "gemeentecode": ["GM0363"],
            "gemeentenaam": ["Amsterdam"],
            "water": ["NEE"],
            "jaar": [2024],
            "aantal_inwoners": [int(wijken["aantal_inwoners"].sum())],
        },
        geometry=[shapely.coverage_union_all(wijken.geometry.values)],
        crs=RD_NEW,
    )
    path = folder / "wijkenbuurten_2024_v1.gpkg"
    for layer, frame in (("gemeenten", gemeenten), ("wijken", wijken), ("buurten", buurten)):
        frame.to_file(path, layer=layer, driver="GPKG")
    return path


def write_wijken_geojson(folder: Path) -> Path:
    """The layout of the national CBS 2024 wijken GeoJSON (cbs_wijken_2024_*.geojson in
    ../shared/data/cbs): WGS84 with 5 decimals, the reduced schema, written by json."""
    features = []
    for wijkcode, naam in WIJKEN.items():
        parts = [b for b in BUURTEN if b[2] == wijkcode]
        shape = shapely.coverage_union_all([_box(b[3], b[4]) for b in parts])
        wgs84 = gpd.GeoSeries([shape], crs=RD_NEW).to_crs(WGS84).iloc[0]
        ring = [[round(x, 5), round(y, 5)] for x, y in wgs84.exterior.coords]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "wijkcode": wijkcode,
                    "wijknaam": naam,
                    "gemeentecode": "GM0363",
                    "gemeentenaam": "Amsterdam",
                    "aantal_inwoners": sum(b[5] for b in parts),
                },
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    path = folder / "cbs_wijken_2024_amsterdam.geojson"
    metadata = {"type": "wijken", "year": 2024, "count": len(features), "gemeentecode": "GM0363"}
    path.write_text(
        json.dumps({"type": "FeatureCollection", "metadata": metadata, "features": features}),
        encoding="utf-8",
    )
    return path


@pytest.fixture()
def db(new_db_path: str) -> str:
    return new_db_path


run = run_cli  # the name these tests use


def inwoners(location: str) -> dict[str, float]:
    return dict(
        rows(
            location,
            "select gebiedscode, waarde from kerncijfers"
            " where indicator = 'aantal_inwoners' and jaar = 2024",
        )
    )


def import_amsterdam(capsys, db: str, tmp_path: Path) -> None:
    code, out, err = run(capsys, "import-cbs", str(write_gpkg(tmp_path)), "--db", db)
    assert code == 0, err


def test_geopackage_with_capitals_loads_every_area_with_its_inwoners(capsys, db, tmp_path):
    import_amsterdam(capsys, db, tmp_path)
    assert rows(db, "select gemeentecode, naam from gemeente") == [("GM0363", "Amsterdam")]
    assert rows(db, "select wijkcode, naam, gemeentecode from wijk order by 1") == [
        (code, naam, "GM0363") for code, naam in WIJKEN.items()
    ]
    assert rows(db, "select buurtcode, naam, wijkcode from buurt order by 1") == [
        (code, naam, wijk) for code, naam, wijk, *_ in BUURTEN
    ]
    # every area's inwoners are the file's
    expected = {code: float(n) for code, _, _, _, _, n, _ in BUURTEN}
    for wijk in WIJKEN:
        expected[wijk] = float(sum(b[5] for b in BUURTEN if b[2] == wijk))
    expected["GM0363"] = float(sum(b[5] for b in BUURTEN))
    assert inwoners(db) == expected
    # CBS's secret codes are unknown, not numbers
    assert rows(
        db,
        "select gebiedscode, waarde from kerncijfers"
        " where indicator = 'percentage_personen_65_jaar_en_ouder' order by 1",
    ) == [("BU0363AA01", 14.0), ("BU0363AA02", 11.0), ("BU0363AB01", None), ("BU0363AB02", None)]
    # stored in WGS84, in the centre of Amsterdam
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        minx, miny, maxx, maxy = read_gebieden(con, "buurt", "GM0363").total_bounds
    assert 4.88 < minx < maxx < 4.91 and 52.36 < miny < maxy < 52.38
    assert run(capsys, "check", "--db", db)[0] == 0


def test_wijken_geojson_with_capitals_loads_every_wijk_with_its_inwoners(capsys, db, tmp_path):
    path = write_wijken_geojson(tmp_path)
    code, out, err = run(capsys, "import-cbs", str(path), "--db", db)
    assert code == 0, err
    source = json.loads(path.read_text(encoding="utf-8"))
    expected = {
        f["properties"]["wijkcode"]: float(f["properties"]["aantal_inwoners"])
        for f in source["features"]
    }
    stored = inwoners(db)
    assert {c: v for c, v in stored.items() if c.startswith("WK")} == expected
    assert rows(db, "select wijkcode, naam from wijk order by 1") == list(WIJKEN.items())
    assert rows(db, "select gemeentecode from gemeente") == [("GM0363",)]


INZET = (
    "inzet_id;professional_id;professional_naam;wijkcode;rol;organisatie_id;organisatie_naam;"
    "organisatie_soort;startdatum;einddatum;uren_per_week\n"
    "AMS-1;P-1;Anna de Boer;WK0363AA;opbouwwerker;ORG-A;Welzijn Amsterdam;welzijn;01-03-2024;;24\n"
    "AMS-2;P-2;Bram Visser;wk0363ab;jongerenwerker;ORG-A;;;01-03-2024;31-12-2024;16\n"
)
ACTIVITEITEN = (
    "activiteit_id;naam;type;wijkcode;buurtcode;organisatie_id;bewonersinitiatief;partners\n"
    "ACT-1;Buurtcafé Zeedijk;buurtcafé;WK0363AA;BU0363AA01;ORG-A;nee;\n"
    "ACT-2;Taalcafé Spui;taalcafé;WK0363AB;bu0363ab02;ORG-A;ja;\n"
)
BIJEENKOMSTEN = (
    "bijeenkomst_id;activiteit_id;datum;aantal_deelnemers\n"
    "BK-1;ACT-1;05-03-2024;2\n"
    "BK-2;ACT-2;06-03-2024;1\n"
)
DEELNAMES = (
    "bijeenkomst_id;deelnemer_id;woonbuurt;leeftijdsgroep\n"
    "BK-1;1001;BU0363AA01;27-44\n"
    "BK-1;1002;BU0363AB01;65-79\n"
    "BK-2;1003;bu0363ab02;18-26\n"
)


def test_registrations_in_wijken_and_buurten_with_capitals_import(capsys, db, tmp_path):
    import_amsterdam(capsys, db, tmp_path)
    for kind, text in (
        ("inzet", INZET),
        ("activiteiten", ACTIVITEITEN),
        ("bijeenkomsten", BIJEENKOMSTEN),
        ("deelnames", DEELNAMES),
    ):
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        code, out, err = run(capsys, "import", kind, str(path), "--db", db)
        assert code == 0, (kind, err)
    # codes typed in lower case are stored as CBS writes them
    assert rows(db, "select inzet_id, wijkcode from inzet order by 1") == [
        ("AMS-1", "WK0363AA"),
        ("AMS-2", "WK0363AB"),
    ]
    assert rows(db, "select activiteit_id, wijkcode, buurtcode from activiteit order by 1") == [
        ("ACT-1", "WK0363AA", "BU0363AA01"),
        ("ACT-2", "WK0363AB", "BU0363AB02"),
    ]
    assert rows(db, "select buurtcode, count(*) from deelnemer group by 1 order by 1") == [
        ("BU0363AA01", 1),
        ("BU0363AB01", 1),
        ("BU0363AB02", 1),
    ]
    assert rows(db, "select count(*) from deelname") == [(3,)]
    assert run(capsys, "check", "--db", db)[0] == 0

    # a code that is no CBS code, or a wijk that is not there, is still refused by row
    broken = tmp_path / "inzet_fout.csv"
    broken.write_text(
        INZET.replace("AMS-1;P-1;Anna de Boer;WK0363AA", "AMS-1;P-1;Anna de Boer;WK0363A").replace(
            "AMS-2;P-2;Bram Visser;wk0363ab", "AMS-2;P-2;Bram Visser;WK0363AC"
        ),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", "inzet", str(broken), "--db", db)
    assert code == 1
    assert registratie.REDENEN["REDEN_WIJK_ONGELDIG"] in err
    assert registratie.REDENEN["REDEN_WIJK_ONBEKEND"] in err


@pytest.mark.slow  # runs the app in AppTest
def test_a_link_opens_a_wijk_with_capitals(capsys, db, tmp_path, monkeypatch, lokaal):
    import_amsterdam(capsys, db, tmp_path)
    monkeypatch.setenv(DB_ENV_VAR, db)
    at = open_screen("pages/bereik.py", {"gm": "GM0363", "sel": "WK0363AA"})
    # the link's area is taken: no note that it was not
    assert not [w.value for w in at.warning if "uit de link" in w.value]
    assert WIJKEN["WK0363AA"] in [s.value for s in at.header]
