"""The CBS import's messages on the English page (issue 15): errors and notes are Dutch
templates (N_, registered), so `registratie.shown_reason` gives each one whole in English with
the file's data (names, codes, numbers) as they are, while the Dutch stays what it was.

The English sentences are written out by hand: a test that read them from the catalogue would
pass with a half-translated message.
"""

from __future__ import annotations

import urllib.error
from pathlib import Path

import pandas as pd
import pytest
import shapely

from dashboard import i18n
from dashboard.display.text import md
from dashboard.ingest import prepare, registratie
from dashboard.ingest.cbs import CbsImportError, read_cbs_file
from dashboard.ingest.registratie import problems
from dashboard.ingest.statline import StatlineUnavailable, fetch_kerncijfers
from tests.fixtures.statline import PAGE1, FakeStatline
from tests.helpers import open_screen
from tests.test_cbs import four_buurten, write_geojson, write_hand_made

NL_BOX = "lengte 3,0 tot 7,5 en breedte 50,6 tot 53,8 graden"
EN_BOX = "longitude 3.0 to 7.5 and latitude 50.6 to 53.8 degrees"


def english(text: str) -> str:
    with i18n.using("en"):
        return registratie.shown_reason(text)


def dutch(text: str) -> str:
    with i18n.using("nl"):
        return registratie.shown_reason(text)


def refusal(path: Path, **kwargs: object) -> CbsImportError:
    with pytest.raises(CbsImportError) as caught:
        read_cbs_file(path, **kwargs)
    return caught.value


def assert_both(exc: CbsImportError, nl: str, en: str) -> None:
    """The error's Dutch text, and its English whole (as the page shows it: file, then reason)."""
    assert str(exc) == nl
    assert dutch(str(exc)) == nl
    assert english(str(exc)) == en
    if exc.reden is not None:  # the page shows the file's name, then the reason
        assert f"{exc.bestand}: {english(exc.reden)}" == en


# --- errors -----------------------------------------------------------------------------------


def test_an_unsupported_file_type(tmp_path: Path):
    path = tmp_path / "kerncijfers_2024.csv"
    path.write_text("buurtcode,aantal_inwoners\nBU00010101,1200\n", encoding="utf-8")
    assert_both(
        refusal(path),
        "kerncijfers_2024.csv: bestandstype '.csv' wordt niet ondersteund; gebruik een"
        " GeoPackage (.gpkg), GeoJSON (.geojson) of Shapefile (.shp of .zip).",
        "kerncijfers_2024.csv: file type '.csv' is not supported; use a GeoPackage (.gpkg),"
        " GeoJSON (.geojson) or Shapefile (.shp or .zip).",
    )


def test_a_file_without_a_suffix(tmp_path: Path):
    path = tmp_path / "wijken"
    path.write_text("{}", encoding="utf-8")
    assert_both(
        refusal(path),
        "wijken: bestandstype '(geen)' wordt niet ondersteund; gebruik een GeoPackage (.gpkg),"
        " GeoJSON (.geojson) of Shapefile (.shp of .zip).",
        "wijken: file type '(none)' is not supported; use a GeoPackage (.gpkg), GeoJSON"
        " (.geojson) or Shapefile (.shp or .zip).",
    )


@pytest.mark.parametrize(
    ("gemeenten", "nl", "en"),
    [
        (
            ["GM0009"],
            "Gemeente GM0009 komt niet voor in buurten_2024.geojson.",
            "Municipality GM0009 does not occur in buurten_2024.geojson.",
        ),
        (
            ["GM0001", "GM0008", "GM0009"],
            "Gemeenten GM0008, GM0009 komen niet voor in buurten_2024.geojson.",
            "Municipalities GM0008, GM0009 do not occur in buurten_2024.geojson.",
        ),
        (
            ["GM12"],
            "Ongeldige gemeentecode GM12: verwacht GM en 4 cijfers, zoals GM0344.",
            "Invalid municipality code GM12: expected GM and 4 digits, such as GM0344.",
        ),
    ],
)
def test_a_gemeente_the_file_does_not_hold(gemeenten, nl: str, en: str, tmp_path: Path):
    assert_both(refusal(write_geojson(tmp_path), gemeenten=gemeenten), nl, en)


def test_duplicate_codes(tmp_path: Path):
    b = four_buurten()
    b.loc[3, "buurtcode"] = "BU00010201"
    path = tmp_path / "dubbel_2024.geojson"
    b.to_file(path, driver="GeoJSON")
    assert_both(
        refusal(path),
        "dubbel_2024.geojson: dubbele buurtcodes: BU00010201.",
        "dubbel_2024.geojson: duplicate buurtcode values: BU00010201.",
    )


def test_codes_that_do_not_fit_their_wijk_and_more_than_five(tmp_path: Path):
    b = pd.concat([four_buurten()] * 2, ignore_index=True)
    b["buurtcode"] = [f"BU000109{i:02d}" for i in range(8)]
    path = tmp_path / "veel_fouten_2024.geojson"
    b.to_file(path, driver="GeoJSON")
    pairs = (
        "BU00010900 (WK000101), BU00010901 (WK000101), BU00010902 (WK000102), "
        "BU00010903 (WK000102), BU00010904 (WK000101)"
    )
    assert_both(
        refusal(path),
        f"veel_fouten_2024.geojson: 8 buurtcodes passen niet bij de wijkcode: {pairs} en nog 3.",
        f"veel_fouten_2024.geojson: 8 buurtcode values do not match the wijkcode: {pairs}"
        " and 3 more.",
    )


def test_an_invalid_code(tmp_path: Path):
    b = four_buurten()
    b.loc[0, "buurtcode"] = "BU0001010"
    path = tmp_path / "kort_2024.geojson"
    b.to_file(path, driver="GeoJSON")
    assert_both(
        refusal(path),
        "kort_2024.geojson: 1 ongeldige buurtcode (verwacht zoals BU03440101 of BU0363AA01):"
        " BU0001010.",
        "kort_2024.geojson: 1 invalid buurtcode (expected in the form BU03440101 or BU0363AA01):"
        " BU0001010.",
    )


def test_a_file_with_several_years(tmp_path: Path):
    path = tmp_path / "buurten_2024.geojson"
    four_buurten().assign(jaar=[2023, 2024, 2024, 2022]).to_file(path, driver="GeoJSON")
    assert_both(
        refusal(path),
        "buurten_2024.geojson: het bestand bevat cijfers van meerdere jaren (2022, 2023, 2024);"
        " lees één jaar per keer in.",
        "buurten_2024.geojson: the file contains figures of several years (2022, 2023, 2024);"
        " import one year at a time.",
    )


def test_points_instead_of_areas(tmp_path: Path):
    b = four_buurten()
    path = tmp_path / "punten_2024.geojson"
    b.set_geometry(b.centroid).to_file(path, driver="GeoJSON")
    assert_both(
        refusal(path),
        "punten_2024.geojson: 4 buurten zijn geen vlak (punt of lijn); een gebied moet een"
        " (multi)polygoon zijn.",
        "punten_2024.geojson: 4 buurten are not surfaces (points or lines); an area must be a"
        " (multi)polygon.",
    )


def test_one_area_outside_the_netherlands(tmp_path: Path):
    wgs84 = four_buurten().to_crs(4326)
    wgs84.loc[3, "geometry"] = shapely.transform(wgs84.geometry[3], lambda xy: xy[:, ::-1])
    path = write_hand_made(tmp_path / "half_omgedraaid_2024.geojson", wgs84)
    assert_both(
        refusal(path),
        f"half_omgedraaid_2024.geojson: 1 buurt ligt niet in Nederland ({NL_BOX}), de andere"
        " buurten wel: BU00010202; controleer de coördinaten van deze buurt.",
        f"half_omgedraaid_2024.geojson: 1 buurt does not lie in the Netherlands ({EN_BOX}), the"
        " other buurten do: BU00010202; check the coordinates of this buurt.",
    )


def test_every_area_outside_the_netherlands(tmp_path: Path):
    shifted = four_buurten().to_crs(4326).translate(xoff=10.0)  # Poland
    frame = four_buurten().to_crs(4326).set_geometry(shifted)
    path = write_hand_made(tmp_path / "verschoven_2024.geojson", frame)
    assert_both(
        refusal(path),
        f"verschoven_2024.geojson: de gebieden liggen niet in Nederland ({NL_BOX}) maar rond"
        " lengte 15,4 en breedte 52,2. Ook als de getallen als RD New (meters), als WGS84"
        " (graden) of omgedraaid (breedte, lengte) gelezen worden, liggen ze erbuiten;"
        " controleer het coördinatenstelsel en de coördinaten van het bestand.",
        f"verschoven_2024.geojson: the areas do not lie in the Netherlands ({EN_BOX}) but around"
        " longitude 15,4 and latitude 52,2. Also when the numbers are read as RD New (metres),"
        " as WGS84 (degrees) or swapped (latitude, longitude), they lie outside it; check the"
        " coordinate system and the coordinates of the file.",
    )


# --- notes of a file that is read ------------------------------------------------------------


def test_notes_of_a_file_with_a_water_surface_and_another_year_in_its_name(tmp_path: Path):
    b = four_buurten().assign(jaar=2024, water="NEE")
    water = b.iloc[[0]].copy()
    water["water"] = "JA"
    water = water.set_geometry(water.translate(yoff=-1_000.0))
    b.loc[[1, 2], "buurtnaam"] = None
    path = tmp_path / "buurten_2023.geojson"
    pd.concat([b, water], ignore_index=True).to_file(path, driver="GeoJSON")
    expected = {
        "Van 1 buurt is het watervlak weggelaten; het landvlak met dezelfde code blijft.": (
            "The water surface of 1 buurt has been left out; the land surface with the same"
            " code stays."
        ),
        "De bestandsnaam noemt 2023, de cijfers zelf zijn van 2024; 2024 gebruikt.": (
            "The file name says 2023, the figures themselves are from 2024; 2024 used."
        ),
        "2 buurten zonder naam in buurten_2023.geojson; de naam is afgeleid van de code.": (
            "2 buurten without a name in buurten_2023.geojson; the name is derived from the code."
        ),
        "2 wijken afgeleid door de buurten per wijkcode samen te voegen.": (
            "2 wijken derived by merging the buurten per wijkcode."
        ),
        "1 gemeente afgeleid door de wijken per gemeentecode samen te voegen.": (
            "1 municipality derived by merging the wijken per gemeentecode."
        ),
        "2 waarden met een CBS-code voor geheim of onbekend (zoals -99995) zijn als onbekend"
        " ingelezen.": (
            "2 values with a CBS code for confidential or unknown (such as -99995) have been"
            " read as unknown."
        ),
        "Indicator gemiddeld_inkomen_per_inwoner ontbreekt in het bestand.": (
            "Indicator gemiddeld_inkomen_per_inwoner is missing from the file."
        ),
        "Indicator percentage_eenpersoonshuishoudens ontbreekt in het bestand.": (
            "Indicator percentage_eenpersoonshuishoudens is missing from the file."
        ),
    }
    meldingen = read_cbs_file(path).meldingen
    assert sorted(meldingen) == sorted(expected)
    for nl, en in expected.items():
        assert (dutch(nl), english(nl)) == (nl, en)

    # the page shows the notes as the report's rows: in English through the same templates
    prepared = prepare.prepare_cbs(path)
    with i18n.using("en"):
        frame = registratie.report_frame(prepared.problems)
    assert sorted(frame["Reason"]) == sorted(expected.values())
    assert set(frame["Severity"]) == {"warning"}


def test_notes_about_the_coordinates(tmp_path: Path):
    frame = four_buurten().to_crs(4326)
    data = read_cbs_file(write_hand_made(tmp_path / "omgedraaid_2024.geojson", frame, swap=True))
    swapped = "Coördinaten stonden als breedte, lengte; omgedraaid."
    assert swapped in data.meldingen
    assert english(swapped) == "Coordinates were given as latitude, longitude; turned round."
    rd = read_cbs_file(write_hand_made(tmp_path / "zonder_crs_2024.geojson", four_buurten()))
    note = "Geen coördinatenstelsel in het bestand; de getallen zijn RD New (meters) en zijn zo gelezen."
    assert rd.meldingen[0] == note
    assert english(note) == (
        "No coordinate system in the file; the numbers are RD New (metres) and have been read as"
        " such."
    )


def test_a_geometry_library_error_keeps_its_own_english(monkeypatch, tmp_path: Path):
    from shapely.errors import GEOSException

    from dashboard.ingest.cbs import geometry

    def fails(geoms):
        raise GEOSException("Shell empty after removing invalid points")

    monkeypatch.setattr(geometry, "_polygonal", fails)
    assert_both(
        refusal(write_geojson(tmp_path)),
        "buurten_2024.geojson: de geometrie van de gebieden kan niet verwerkt worden (beschadigde"
        " of onmogelijke vormen of coördinaten). Technisch: Shell empty after removing invalid"
        " points",
        "buurten_2024.geojson: the geometry of the areas cannot be processed (damaged or"
        " impossible shapes or coordinates). Technical: Shell empty after removing invalid points",
    )


@pytest.mark.shared
def test_the_notes_of_a_real_file_in_english(cbs_dir: Path, tmp_path: Path):
    from tests.test_cbs_pseudo_gemeente import _with_buitenland

    meldingen = read_cbs_file(_with_buitenland(cbs_dir, tmp_path)).meldingen
    assert [english(m) for m in meldingen] == [
        "1 wijk of GM0998 (Buitenland) left out: that is not an area in the Netherlands and counts"
        " in no total.",
        "The wijken do not fit together seamlessly (overlaps or edges that do not coincide"
        " exactly); they have not been simplified.",
        "1 municipality derived by merging the wijken per gemeentecode.",
        "44 narrow gaps between the wijken have been filled in the derived municipalities.",
        "Indicator percentage_huishoudens_met_laag_inkomen is missing from the file.",
        "Indicator gemiddeld_inkomen_per_inwoner is missing from the file.",
        "Indicator percentage_eenpersoonshuishoudens is missing from the file.",
    ]
    assert [dutch(m) for m in meldingen] == meldingen


# --- CBS StatLine ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failure", "en"),
    [
        (
            urllib.error.HTTPError(PAGE1, 503, "Service Unavailable", {}, None),
            "CBS StatLine cannot be reached: HTTP error 503 (Service Unavailable); load the key"
            " figures from a file.",
        ),
        (
            TimeoutError("timed out"),  # the library's own English, as it is
            "CBS StatLine cannot be reached: timed out; load the key figures from a file.",
        ),
        (
            b"<html>Onderhoud</html>",
            "CBS StatLine cannot be reached: the answer is not OData JSON with 'value'; load the"
            " key figures from a file.",
        ),
    ],
    ids=["http503", "timeout", "not-odata"],
)
def test_statline_unavailable_in_english(failure, en: str):
    with pytest.raises(StatlineUnavailable) as caught:
        fetch_kerncijfers("GM0344", 2024, opener=FakeStatline({PAGE1: failure}))
    assert str(caught.value).startswith("CBS StatLine is niet bereikbaar: ")
    assert dutch(str(caught.value)) == str(caught.value)
    assert english(str(caught.value)) == en


def test_statline_refusals_in_english():
    with pytest.raises(ValueError) as caught:
        fetch_kerncijfers("GM344", 2024, opener=FakeStatline({}))
    assert english(str(caught.value)) == (
        "Invalid municipality code 'GM344': expected GM and 4 digits, such as GM0344."
    )
    absent = "Gemeente GM9999 komt niet voor in StatLine-tabel 85984NED (2024)."
    assert (
        english(absent) == "Municipality GM9999 does not occur in StatLine table 85984NED (2024)."
    )


# --- the mechanism ---------------------------------------------------------------------------


def test_the_most_specific_template_wins_whatever_the_order():
    # "{count} zonder {column}." also fits the note about names; the longer template wins
    named = "2 buurten zonder naam in b.geojson; de naam is afgeleid van de code."
    assert (
        english(named)
        == "2 buurten without a name in b.geojson; the name is derived from the code."
    )
    assert english("3 gemeenten zonder gemeentecode.") == "3 municipalities without gemeentecode."


def test_a_count_takes_only_a_number():
    # "{n} buurt" is a count: "deze buurt" is data (or Dutch) that it must not take for one
    assert english("deze buurt") == "deze buurt"
    assert english("12 gemeenten") == "12 municipalities"


def test_an_unknown_text_stays_as_it_is():
    assert english("x.gpkg: iets onbekends; nog iets") == "x.gpkg: iets onbekends; nog iets"
    assert problems.shown_reason("een waarde uit het bestand") == "een waarde uit het bestand"


# --- the English Gegevens page ---------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.usefixtures("lokaal")
def test_the_english_gegevens_page_shows_a_cbs_error_and_notes(demo_copy: str, tmp_path: Path):
    b = four_buurten()
    b.loc[3, "buurtcode"] = "BU00010201"
    b.to_file(tmp_path / "dubbel_2024.geojson", driver="GeoJSON")
    at = open_screen("pages/gegevens.py", {"taal": "en"})
    upload = (
        "dubbel_2024.geojson",
        (tmp_path / "dubbel_2024.geojson").read_bytes(),
        "application/geo+json",
    )
    at.file_uploader(key="gg_cbs_upload").set_value(upload).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [
        md("dubbel_2024.geojson: duplicate buurtcode values: BU00010201.")
    ]

    water = four_buurten().assign(water="NEE")
    part = water.iloc[[0]].copy()
    part["water"] = "JA"
    part = part.set_geometry(part.translate(yoff=-1_000.0))
    pd.concat([water, part], ignore_index=True).to_file(
        tmp_path / "water_2024.geojson", driver="GeoJSON"
    )
    upload = (
        "water_2024.geojson",
        (tmp_path / "water_2024.geojson").read_bytes(),
        "application/geo+json",
    )
    at.file_uploader(key="gg_cbs_upload").set_value(upload).run()
    assert not at.exception, [e.value for e in at.exception]
    reports = [d.value for d in at.dataframe if "Reason" in d.value]
    assert len(reports) == 1
    assert (
        "The water surface of 1 buurt has been left out; the land surface with the same code stays."
        in set(reports[0]["Reason"])
    )
    assert not any("Van 1 buurt" in str(v) for v in reports[0]["Reason"])
