"""Loading CBS files and StatLine figures into the database, and the screens on an imported gemeente."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from dashboard.config import DB_ENV_VAR
from dashboard.ingest.prepare import prepare_statline
from dashboard.ingest.write import commit
from dashboard.warehouse import store
from dashboard.warehouse.area_shapes import read_gebieden
from tests.fixtures.importer import fingerprint
from tests.fixtures.statline import utrecht
from tests.helpers import rows, run_cli


@pytest.fixture()
def db(new_db_path: str) -> str:
    return new_db_path


run = run_cli  # the name these tests use


@pytest.mark.slow  # three CBS imports into a copy of the demo
def test_baarn_import_reimport_and_later_year(capsys, db, cbs_dir, tmp_path):
    baarn = cbs_dir / "baarn_buurten_2024.geojson"
    code, out, err = run(capsys, "import-cbs", str(baarn), "--db", db)
    assert code == 0, err
    assert rows(db, "select count(*) from gemeente") == [(1,)]
    assert rows(db, "select count(*) from buurt") == [(21,)]
    # inwoners per buurt equal the file's, and add up to 25,065 (SOURCES.md)
    source = json.loads(baarn.read_text())
    expected = {
        f["properties"]["buurtcode"]: f["properties"]["aantal_inwoners"] for f in source["features"]
    }
    stored = dict(
        rows(
            db,
            "select gebiedscode, waarde from kerncijfers where indicator = 'aantal_inwoners' and gebiedscode like 'BU%'",
        )
    )
    assert stored == expected
    assert sum(stored.values()) == 25065
    # CBS's secret codes are NULL, never a (negative) number
    assert rows(db, "select count(*) from kerncijfers where waarde <= -99990 or isnan(waarde)") == [
        (0,)
    ]
    assert rows(
        db,
        "select count(*) > 0 from kerncijfers where indicator = 'geboorte_totaal' and waarde is null",
    ) == [(True,)]
    # stored geometry is WGS84
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        minx, miny, maxx, maxy = read_gebieden(con, "buurt", "GM0308").total_bounds
    assert 5.1 < minx < maxx < 5.4 and 52.1 < miny < maxy < 52.3

    version, before = store.resolve(db), fingerprint(db)
    code, out, _ = run(capsys, "import-cbs", str(baarn), "--db", db)
    assert code == 0 and "niets gewijzigd" in out
    assert store.resolve(db) == version and fingerprint(db) == before

    # a later year adds that year's figures (and keeps 2024's)
    later = json.loads(baarn.read_text())
    for feature in later["features"]:
        props = feature["properties"]
        props["jaar"] = 2025
        props["jrstatcode"] = "2025" + props["buurtcode"]
        props["aantal_inwoners"] += 10
    path = tmp_path / "baarn_buurten_2025.geojson"
    path.write_text(json.dumps(later))
    assert run(capsys, "import-cbs", str(path), "--db", db)[0] == 0
    assert rows(
        db,
        "select jaar, sum(waarde)::bigint from kerncijfers where indicator = 'aantal_inwoners' and gebiedscode like 'BU%' group by jaar order by jaar",
    ) == [
        (2024, 25065),
        (2025, 25065 + 21 * 10),
    ]


def test_broken_cbs_file_changes_nothing(capsys, db, cbs_dir, tmp_path):
    assert (
        run(capsys, "import-cbs", str(cbs_dir / "cbs_wijken_2024_utrecht.geojson"), "--db", db)[0]
        == 0
    )
    before = fingerprint(db)
    broken = tmp_path / "kapot.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [{"type": "Feat')
    code, out, err = run(capsys, "import-cbs", str(broken), "--db", db)
    assert code == 1
    assert err.startswith("Fout: kapot.geojson")
    assert fingerprint(db) == before


def rd_buurten_without_crs(path: Path, xoff: float = 0.0) -> Path:
    """Two buurten near Amersfoort in RD New metres, in a GeoJSON without crs member."""
    features = [
        {
            "type": "Feature",
            "properties": {
                "buurtcode": code,
                "buurtnaam": naam,
                "wijkcode": "WK000101",
                "gemeentecode": "GM0001",
                "gemeentenaam": "Proefgemeente",
                "aantal_inwoners": inwoners,
            },
            "geometry": {
                "type": "Polygon",
                "coordinates": [shapely.box(x, 463_000, x + 500, 464_000).exterior.coords[:]],
            },
        }
        for code, naam, inwoners, x in (
            ("BU00010101", "Oude Kern", 1200, 155_000 + xoff),
            ("BU00010102", "Molenbuurt", 800, 155_500 + xoff),
        )
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_rd_new_geojson_without_crs_imports_with_a_note(capsys, db, tmp_path):
    # this file ended in an English GEOSException traceback
    path = rd_buurten_without_crs(tmp_path / "zonder_crs_2024.geojson")
    code, out, err = run(capsys, "import-cbs", str(path), "--db", db)
    assert code == 0, err
    assert (
        "Geen coördinatenstelsel in het bestand; de getallen zijn RD New (meters) en zijn zo gelezen."
        in out
    )
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        minx, miny, maxx, maxy = read_gebieden(con, "buurt", "GM0001").total_bounds
    assert 5.38 < minx < maxx < 5.41 and 52.15 < miny < maxy < 52.17  # Amersfoort

    before = fingerprint(db)
    far = rd_buurten_without_crs(tmp_path / "ver_weg_2024.geojson", xoff=1_000_000.0)
    code, out, err = run(capsys, "import-cbs", str(far), "--db", db)
    assert code == 1
    assert err.startswith("Fout: ver_weg_2024.geojson: de gebieden liggen niet in Nederland")
    assert str(tmp_path) not in err and "Traceback" not in err
    assert fingerprint(db) == before


def test_statline_figures_for_known_areas(capsys, db, cbs_dir):
    assert (
        run(capsys, "import-cbs", str(cbs_dir / "cbs_wijken_2024_utrecht.geojson"), "--db", db)[0]
        == 0
    )
    prepared = prepare_statline(db, "GM0344", 2024, opener=utrecht())
    # the recorded answer also has buurten, which this database does not know: a warning, not an error
    assert not prepared.errors
    assert any("niet in de database" in p.reden for p in prepared.problems)
    result = commit(db, prepared)
    assert result.changed
    assert rows(
        db,
        "select waarde from kerncijfers where gebiedscode = 'WK034402' and indicator = 'aantal_inwoners'",
    ) == [(45220.0,)]
    assert rows(db, "select count(*) from kerncijfers where gebiedscode like 'BU%'") == [(0,)]


@pytest.mark.slow  # runs every screen in AppTest
def test_screens_render_an_imported_gemeente(capsys, db, cbs_dir, monkeypatch, lokaal):
    assert (
        run(capsys, "import-cbs", str(cbs_dir / "baarn_buurten_2024.geojson"), "--db", db)[0] == 0
    )
    monkeypatch.setenv(DB_ENV_VAR, db)
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.query_params["gm"] = "GM0308"
    at.query_params["niveau"] = "buurt"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not any("fictieve" in i.value for i in at.info)  # real data: no demo banner
    for page in (
        "pages/bereik.py",
        "pages/continuiteit.py",
        "pages/dekking.py",
        "pages/gegevens.py",
    ):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
    # the Dekking table lists Baarn's wijken with their need index from the CBS figures
    at.switch_page("pages/dekking.py").run()
    table = at.dataframe[-1].value
    assert len(table) == 5
