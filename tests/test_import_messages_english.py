"""Import messages built from pieces, on the English page (issue 15 item 2): a header with
double names, rows with other numbers of cells, both at once, the column-mapping errors and
the fields' help texts. The Dutch text is kept as the code writes it (the import log and
the CLI show it); `registratie.shown_reason` gives every piece of it in English, the file's
own names, rows and letters as they are. The English sentences are written out by hand."""

from __future__ import annotations

import pytest

from dashboard import i18n
from dashboard.display.text import md
from dashboard.ingest.registratie import ImportFileError, MappingStore, read_export, shown_reason
from dashboard.ingest.registratie.templates import TEMPLATES
from tests.helpers import open_screen


def _refusal(*lines: str) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_export(("\r\n".join(lines) + "\r\n").encode("cp1252"), "export.csv")
    return caught.value.reden


RAGGED = ("id;naam;uren", "1;Anouk;24", "2;Daniël;36;x", "3;Piet")
DOUBLE = ("id;Naam;naam;uren", "1;a;b;24")


def test_rows_with_other_numbers_of_cells_in_english():
    reden = _refusal(*RAGGED)
    assert reden.startswith("Niet elke rij heeft evenveel cellen als de kop: rij 3 heeft 4 cellen")
    with i18n.using("en"):
        assert shown_reason(reden) == (
            "Not every row has as many cells as the header: row 3 has 4 cells, the header 3;"
            " row 4 has 2 cells, the header 3. The values after an extra or missing cell shift"
            " to another column; is there a semicolon or a line break in a value without quotes"
            " around it?"
        )
    with i18n.using("nl"):
        assert shown_reason(reden) == reden


def test_more_than_ten_ragged_rows_in_english():
    reden = _refusal("a;b", *(f"{n};x;y" for n in range(13)))
    with i18n.using("en"):
        shown = shown_reason(reden)
    # rows 2 to 14 are ragged: the first ten named (2 to 11), the other three counted
    assert "row 11 has 3 cells, the header 2; and 3 more rows. The values" in shown
    assert "row 12" not in shown and "rij" not in shown and "cellen" not in shown


def test_double_column_names_in_english():
    reden = _refusal(*DOUBLE)
    assert reden.startswith(
        "Kolomnamen komen meer dan eens voor (met de kolomletter): 'Naam' (B), 'naam' (C)."
    )
    with i18n.using("en"):
        assert shown_reason(reden) == (
            "Column names occur more than once (with the column letter): 'Naam' (B), 'naam' (C)."
            " Which column is meant cannot be told: give every column a name of its own or"
            " remove the superfluous ones."
        )


def test_both_problems_are_two_paragraphs_in_either_language():
    reden = _refusal("id;Naam;naam", "1;a;b", "2;a;b;c")
    first, second = reden.split("\n\n")
    assert first.startswith("Kolomnamen") and second.startswith("Niet elke rij")
    with i18n.using("en"):
        en_first, en_second = shown_reason(reden).split("\n\n")
    assert en_first.startswith("Column names occur more than once")
    assert en_second.startswith("Not every row has as many cells as the header: row 3 has 4 cells")


def test_column_mapping_errors_in_english(tmp_path):
    store = MappingStore(tmp_path)
    with pytest.raises(ValueError) as bad_name:
        store.save("mijn koppeling!", "inzet", {})
    with pytest.raises(LookupError) as none_yet:
        store.load("west")
    store.save("oost", "inzet", {"rol": "Functie"})
    with pytest.raises(LookupError) as missing:
        store.load("west")
    (tmp_path / "kapot.json").write_text("{niet: json", encoding="utf-8")
    with pytest.raises(ValueError) as damaged:
        store.load("kapot")
    assert str(missing.value) == "Koppeling 'west' bestaat niet; wel: oost"
    with i18n.using("en"):
        assert shown_reason(str(bad_name.value)) == (
            "Invalid name for a mapping: 'mijn koppeling!'; use 1 to 50 letters, digits, '_' or '-'."
        )
        assert shown_reason(str(none_yet.value)) == (
            "Mapping 'west' does not exist; no mappings have been saved yet."
        )
        assert shown_reason(str(missing.value)) == "Mapping 'west' does not exist; these do: oost"
        assert shown_reason(str(damaged.value)) == "Mapping 'kapot' is damaged (kapot.json)."


def test_field_help_texts_in_english():
    rol = next(f for f in TEMPLATES["inzet"] if f.name == "rol")
    wijkcode = next(f for f in TEMPLATES["activiteiten"] if f.name == "wijkcode")
    assert rol.description.startswith("Rol in deze inzet. Een van: opbouwwerker, ")
    with i18n.using("en"):
        assert shown_reason(rol.description) == (
            "Role in this assignment. One of: "
            + rol.description.split("Een van: ", 1)[1]  # the codes themselves are the file's
        )
        assert shown_reason(wijkcode.description) == (
            "CBS wijk code of the place where the activity happens: WK, 4 digits, then 2 digits"
            " or capital letters (WK026801, in Amsterdam WK0363AA)."
        )
        from dashboard.ingest import assets

        for kind, fields in {**TEMPLATES, **assets.TEMPLATES}.items():
            for field in fields:  # every help text has its English (also plekken, routes...)
                assert shown_reason(field.description) != field.description, (kind, field.name)


@pytest.mark.slow
@pytest.mark.usefixtures("lokaal")
def test_the_english_gegevens_page_shows_both_problems_and_english_help(demo_copy):
    at = open_screen("pages/gegevens.py", {"taal": "en"})
    data = ("\r\n".join(("id;Naam;naam", "1;a;b", "2;a;b;c")) + "\r\n").encode("cp1252")
    at.file_uploader(key="gg_upload").set_value(("export.csv", data, "text/csv")).run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert error.startswith(md("export.csv: Column names occur more than once"))
    assert md("Not every row has as many cells as the header: row 3 has 4 cells") in error
    good = ("\r\n".join(("professional_id;rol", "P1;opbouwwerker")) + "\r\n").encode("cp1252")
    at.file_uploader(key="gg_upload").set_value(("inzet.csv", good, "text/csv")).run()
    assert not at.exception
    rol = at.selectbox(key="gg_map_inzet_rol")
    assert rol.help.startswith("Role in this assignment. One of: opbouwwerker")


def test_the_template_workbooks_explain_their_fields_in_the_pages_language():
    # the Toelichting sheet of a downloaded template: headers, "required" and the help texts
    # in English on the English page; the sheet keeps its name, so the reader still skips it
    import io

    from openpyxl import load_workbook

    from dashboard.ingest import assets
    from dashboard.ingest.registratie.templates import template_xlsx

    def notes(data: bytes) -> list[tuple]:
        return list(load_workbook(io.BytesIO(data))["Toelichting"].values)

    with i18n.using("en"):
        inzet, plekken = template_xlsx("inzet"), assets.template_xlsx("plekken")
    rows = notes(inzet)
    assert rows[0] == ("Field", "Required", "Description", "Example")
    rol = next(r for r in rows if r[0] == "rol")
    assert rol[1] == "yes" and rol[2].startswith("Role in this assignment. One of: opbouwwerker")
    plek = {r[0]: r for r in notes(plekken)}
    assert plek["type"][2].startswith("One of: ")
    assert plek["lon"][1:3] == ("no", "Longitude (WGS84), or leave empty and fill in x and y.")
    for row in rows[1:] + list(plek.values())[1:]:
        assert row[1] in ("yes", "no")
    with i18n.using("nl"):
        dutch = notes(template_xlsx("inzet"))
    assert dutch[0] == ("Veld", "Verplicht", "Beschrijving", "Voorbeeld")
    assert next(r for r in dutch if r[0] == "rol")[1:3] == (
        "ja",
        rol[2].replace("Role in this assignment. One of:", "Rol in deze inzet. Een van:"),
    )
    # an English template, filled in, reads as any other: the Toelichting sheet is skipped
    assert read_export(inzet, "inzet.xlsx", kind="inzet").columns[:2] == [
        "inzet_id",
        "professional_id",
    ]
