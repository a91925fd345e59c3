"""CBS pseudo-gemeente GM0998 "Buitenland" (in CBS's national wijken- en buurtenkaart): no area
of the Netherlands and no inwoners, so the import leaves it out with a note and the country's
inwoners still add up (issue 11 item 8: the national view showed no inwoners because of it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.ingest.cbs import read_cbs_file
from tests.helpers import rows, run_cli

pytestmark = pytest.mark.shared


def _with_buitenland(cbs_dir: Path, folder: Path) -> Path:
    """The real Arnhem wijken file plus a GM0998 wijk as CBS writes it: no inwoners (-99997)."""
    source = json.loads((cbs_dir / "cbs_wijken_2024_arnhem.geojson").read_text())
    first = source["features"][0]
    pseudo = {
        "type": "Feature",
        "properties": {
            **{key: -99997 for key in first["properties"]},
            "wijkcode": "WK099800",
            "wijknaam": "Buitenland",
            "gemeentecode": "GM0998",
            "gemeentenaam": "Buitenland",
        },
        # a small square near Arnhem: the geometry is not what the import judges it by
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[5.9, 52.0], [5.91, 52.0], [5.91, 52.01], [5.9, 52.01], [5.9, 52.0]]],
        },
    }
    source["features"].append(pseudo)
    path = folder / "cbs_wijken_2024_met_buitenland.geojson"
    path.write_text(json.dumps(source))
    return path


def test_read_leaves_out_buitenland_with_a_note(cbs_dir, tmp_path):
    data = read_cbs_file(_with_buitenland(cbs_dir, tmp_path))
    assert "GM0998" not in set(data.wijken["gemeentecode"])
    assert "WK099800" not in set(data.wijken["wijkcode"])
    assert not data.kerncijfers["gebiedscode"].isin(["WK099800", "GM0998"]).any()
    # the 24 real wijken of Arnhem all stay (SOURCES.md)
    assert len(data.wijken) == 24
    assert any("GM0998 (Buitenland)" in melding for melding in data.meldingen)


def test_import_keeps_the_country_total(capsys, new_db_path, cbs_dir, tmp_path):
    code, out, err = run_cli(
        capsys, "import-cbs", str(_with_buitenland(cbs_dir, tmp_path)), "--db", new_db_path
    )
    assert code == 0, err
    assert "GM0998 (Buitenland)" in out + err
    assert rows(new_db_path, "select count(*) from gemeente where gemeentecode = 'GM0998'") == [
        (0,)
    ]
    # Arnhem's wijken inwoners as in the file (sum worked out from the shared file itself)
    source = json.loads((cbs_dir / "cbs_wijken_2024_arnhem.geojson").read_text())
    expected = sum(f["properties"]["aantal_inwoners"] for f in source["features"])
    assert rows(
        new_db_path,
        "select sum(waarde)::bigint from kerncijfers"
        " where indicator = 'aantal_inwoners' and gebiedscode like 'WK0202%'",
    ) == [(expected,)]
