"""`python -m dashboard export wijkprofiel`: the file written whole, or a Dutch error, exit code
non-zero and no file."""

from __future__ import annotations

import io
import zipfile

import pytest

from dashboard.warehouse import store
from tests.helpers import rows, run_cli

pytestmark = pytest.mark.slow  # builds stories and starts Chromium (kaleido)

PERIOD = ("--start", "2025-11-01", "--end", "2026-10-31")


def _export(capsys, db: str, *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "export", "wijkprofiel", "--db", db, *PERIOD, *argv)


def test_one_area_as_pdf(capsys, demo_db_path, tmp_path):
    out = tmp_path / "oude-haven.pdf"
    code, stdout, err = _export(
        capsys, demo_db_path, "--gebied", "wk999902", "--format", "pdf", "--out", str(out)
    )
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF-")
    assert stdout.startswith(f"Geschreven: {out} (wijkprofiel van WK999902, pdf,")
    assert [p.name for p in tmp_path.iterdir()] == ["oude-haven.pdf"]  # no temporary file left


def test_all_wijken_of_a_gemeente_as_one_zip(capsys, demo_db_path, tmp_path):
    out = tmp_path / "lindenwaard.zip"
    code, stdout, err = _export(
        capsys, demo_db_path, "--gemeente", "GM9999", "--format", "xlsx", "--out", str(out)
    )
    assert code == 0, err
    wijken = rows(demo_db_path, "select wijkcode, naam from wijk order by 1")
    assert len(wijken) == 9
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        # the name first, so that a user finds a wijk among the files: "Oude Haven" ->
        # "oude-haven", "De Brink" -> "de-brink"
        assert archive.namelist() == [
            f"wijkprofiel-{naam.lower().replace(' ', '-')}-{code}-2025-11-01-2026-10-31.xlsx"
            for code, naam in wijken
        ]
    assert "9 wijkprofielen van GM9999 (niveau wijk) in één zip" in stdout


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--gebied", "WK123456"), "Fout: Gebied WK123456 staat niet in de database."),
        (
            ("--gebied", "WK999902", "--niveau", "buurt"),
            "Fout: Gebied WK999902 staat niet in de database op niveau buurt.",
        ),
        (("--gemeente", "GM0001"), "Fout: Gemeente GM0001 staat niet in de database."),
    ],
)
def test_unknown_area_is_a_dutch_error_and_writes_nothing(
    capsys, demo_db_path, tmp_path, argv, message
):
    out = tmp_path / "profiel.pdf"
    code, stdout, err = _export(capsys, demo_db_path, *argv, "--format", "pdf", "--out", str(out))
    assert code == 1
    assert err == message + "\n"
    assert stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_bad_dates_are_a_dutch_error(capsys, demo_db_path, tmp_path):
    out = tmp_path / "profiel.pdf"
    with pytest.raises(SystemExit) as exit_:
        run_cli(
            capsys,
            "export",
            "wijkprofiel",
            "--db",
            demo_db_path,
            "--gebied",
            "WK999902",
            "--start",
            "1-11-2025",
            "--end",
            "2026-10-31",
            "--format",
            "pdf",
            "--out",
            str(out),
        )
    assert exit_.value.code == 2
    assert "'1-11-2025' is geen datum; gebruik JJJJ-MM-DD" in capsys.readouterr().err
    code, _, err = run_cli(
        capsys,
        "export",
        "wijkprofiel",
        "--db",
        demo_db_path,
        "--gebied",
        "WK999902",
        "--start",
        "2026-10-31",
        "--end",
        "2025-11-01",
        "--format",
        "pdf",
        "--out",
        str(out),
    )
    assert code == 1
    assert err.startswith("Fout: De einddatum (01-11-2025) ligt voor de startdatum")
    assert not out.exists()


def test_unwritable_out_is_a_dutch_error(capsys, demo_db_path, tmp_path):
    missing = tmp_path / "bestaat-niet" / "profiel.pdf"
    code, _, err = _export(
        capsys, demo_db_path, "--gebied", "WK999902", "--format", "pdf", "--out", str(missing)
    )
    assert code == 1
    assert err == (
        f"Fout: De map {missing.parent} bestaat niet; maak die eerst of kies een andere --out.\n"
    )
    code, _, err = _export(
        capsys, demo_db_path, "--gebied", "WK999902", "--format", "pdf", "--out", str(tmp_path)
    )
    assert code == 1
    assert err == f"Fout: {tmp_path} is een map; geef een bestandsnaam op met --out.\n"


def test_a_failed_export_leaves_the_old_file_untouched(capsys, demo_db_path, tmp_path, monkeypatch):
    from dashboard.display import export

    out = tmp_path / "profiel.pdf"
    out.write_bytes(b"oud")

    def broken(story, fmt):
        raise export.ExportError("De browser voor afbeeldingen start niet: kapot")

    monkeypatch.setattr(export, "render", broken)
    code, _, err = _export(
        capsys, demo_db_path, "--gebied", "WK999902", "--format", "pdf", "--out", str(out)
    )
    assert code == 1
    assert err == "Fout: De browser voor afbeeldingen start niet: kapot\n"
    assert out.read_bytes() == b"oud"
    assert [p.name for p in tmp_path.iterdir()] == ["profiel.pdf"]


def test_missing_database(capsys, tmp_path):
    code, _, err = _export(
        capsys,
        str(tmp_path / "geen.duckdb"),
        "--gebied",
        "WK999902",
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 1
    assert err.startswith("Fout: Database niet gevonden")
    assert store.is_file_location(str(tmp_path / "geen.duckdb"))


def test_an_eigen_code_typed_in_lower_case(capsys, with_own_indeling, tmp_path):
    # the code is found as stored (EG9999001), not refused as "hoort niet bij deze gemeente"
    out = tmp_path / "binnenstad.xlsx"
    code, stdout, err = _export(
        capsys, with_own_indeling, "--gebied", "eg9999001", "--format", "xlsx", "--out", str(out)
    )
    assert code == 0, err
    assert out.stat().st_size > 0 and "EG9999001" in stdout
