"""Opening a CBS file: any file name, and a Dutch message without server paths when it fails.

pyogrio reads a path as a URI before GDAL sees it (';' starts URL parameters, '!' an archive
member), so dashboard.ingest.cbs.layers hands it a path it passes on unchanged (issue 11,
items 7 and 9).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.ingest.cbs import CbsData, CbsImportError, read_cbs_file
from dashboard.warehouse import store
from tests.test_cbs import write_geojson, write_gpkg, write_shapefile, write_zipped_shapefile

WRITERS = {
    "gpkg": write_gpkg,
    "geojson": write_geojson,
    "shapefile": write_shapefile,
    "shapefile_zip": write_zipped_shapefile,
}


def written(fmt: str, folder: Path) -> Path:
    """The small test file of tests/test_cbs.py in one format, in a folder of its own."""
    folder.mkdir(parents=True)
    return WRITERS[fmt](folder)


def renamed(path: Path, folder: Path, stem: str) -> Path:
    """`path` (with a Shapefile's other parts) moved into `folder` under another stem."""
    folder.mkdir(parents=True, exist_ok=True)
    for part in path.parent.glob(path.stem + ".*"):
        shutil.move(part, folder / (stem + part.name[len(path.stem) :]))
    return folder / (stem + path.suffix)


def same(data: CbsData, expected: CbsData) -> None:
    assert data.jaar == expected.jaar
    for level in ("gemeenten", "wijken", "buurten"):
        pd.testing.assert_frame_equal(getattr(data, level), getattr(expected, level))
    pd.testing.assert_frame_equal(data.kerncijfers, expected.kerncijfers)


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize(
    ("folder", "stem"),
    [
        ("kaarten", "wijken;2024"),
        ("kaarten", "wijken!2024"),
        ("kaarten", "wijken?versie=2#2024"),
        ("kaarten;cbs", "wijken_2024"),
        ("kaarten!", "wijken_2024"),
    ],
)
def test_a_file_name_with_uri_characters_reads_like_any_other(fmt, folder, stem, tmp_path):
    expected = read_cbs_file(written(fmt, tmp_path / "gewoon"))
    path = renamed(written(fmt, tmp_path / "bron"), tmp_path / folder, stem)
    same(read_cbs_file(path, jaar=expected.jaar), expected)


def test_import_cbs_loads_a_file_with_a_semicolon_in_its_name(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKDASHBOARD_SALT_FILE", str(tmp_path / "salt"))
    db = str(tmp_path / "data" / "wijkdashboard.duckdb")
    path = renamed(written("geojson", tmp_path / "bron"), tmp_path / "upload", "wijken;2024")
    assert main(["import-cbs", str(path), "--db", db]) == 0, capsys.readouterr().err
    with duckdb.connect(store.resolve(db), read_only=True) as con:
        assert con.sql("select count(*) from buurt").fetchall() == [(4,)]


def _binary(folder: Path) -> Path:
    path = folder / "kapot_2024.gpkg"
    path.write_bytes(np.random.default_rng(7).bytes(4096))
    return path


def _truncated(folder: Path) -> Path:
    text = write_geojson(folder).read_text(encoding="utf-8")
    path = folder / "afgebroken_2024.geojson"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    return path


def _not_a_zip(folder: Path) -> Path:
    path = folder / "wijkbuurtkaart_2024.zip"
    path.write_bytes(b"PK\x03\x04" + bytes(200))
    return path


def _table(folder: Path) -> Path:
    path = folder / "tabel_2024.geojson"
    path.write_text("buurtcode,aantal_inwoners\nBU00010101,1200\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [_binary, _truncated, _not_a_zip, _table])
def test_an_unreadable_file_is_told_in_dutch_by_its_name_alone(make, tmp_path, caplog):
    folder = tmp_path / "srv" / "wijkdashboard" / "uploads"
    folder.mkdir(parents=True)
    path = make(folder)
    with caplog.at_level(logging.WARNING), pytest.raises(CbsImportError) as info:
        read_cbs_file(path)
    assert str(info.value) == (
        f"{path.name}: het bestand kan niet gelezen worden als GeoPackage, GeoJSON of Shapefile"
        " (beschadigd of een ander bestandstype)."
    )
    # what GDAL said (English, with the server's path) is for the log, not for the user
    assert str(folder) in caplog.text


def test_the_cli_shows_no_gdal_text_or_server_path(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKDASHBOARD_SALT_FILE", str(tmp_path / "salt"))
    path = _binary(tmp_path)
    code = main(["import-cbs", str(path), "--db", str(tmp_path / "db.duckdb")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("Fout: kapot_2024.gpkg: het bestand kan niet gelezen worden")
    assert str(tmp_path) not in err and "Technisch" not in err
    assert not (tmp_path / "db.duckdb").exists()
