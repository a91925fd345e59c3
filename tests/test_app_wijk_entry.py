"""Gegevens: one verhaal typed in the form goes through the file's checks and the same write."""

from __future__ import annotations

import pytest

from tests.helpers import open_screen, rows

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("lokaal")]  # AppTest, importing


def fill_verhaal(at, tekst: str):
    at.radio(key="gg_entry_kind").set_value("verhalen").run()
    form = [w for w in at.text_area if w.label == "Tekst"]
    form[0].set_value(tekst)
    [w for w in at.text_input if w.label == "Thema"][0].set_value("ontmoeting")
    [w for w in at.selectbox if w.label == "Status"][0].set_value("gepubliceerd")
    [b for b in at.button if b.label == "Controleren"][0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_form_warns_and_a_clean_verhaal_is_written(demo_copy):
    at = open_screen("pages/gegevens.py")
    assert any("Schrijf geen namen" in w.value for w in at.warning)
    before = rows(demo_copy, "select count(*) from verhaal")[0][0]
    # the beheerder sees every verhaal, concepten too (the demo: 27, of which 9 concepten)
    assert f"Verhalen van deze gemeente ({before})" in [e.label for e in at.expander]
    at = fill_verhaal(at, "Op het nieuwe bankje bij de vijver zitten buren samen in de zon.")
    # a form, not a file: the verdict says so
    assert "De invoer is in orde." in [s.value for s in at.success]
    assert not any("bestand" in s.value.lower() for s in at.success)
    at.button(key="gg_entry_import").click().run()
    assert not at.exception
    assert any("Verhalen" in s.value and "1 nieuw" in s.value for s in at.success)
    assert rows(demo_copy, "select count(*) from verhaal")[0][0] == before + 1
    assert rows(
        demo_copy, "select thema, status from verhaal where verhaal_id like 'FORM-V-%'"
    ) == [("ontmoeting", "gepubliceerd")]


def test_a_verhaal_with_a_phone_number_is_refused_and_nothing_is_written(demo_copy):
    at = open_screen("pages/gegevens.py")
    before = rows(demo_copy, "select count(*) from verhaal")[0][0]
    at = fill_verhaal(at, "Bel de bewoner op 06-12345678 over de overlast.")
    assert "1 fout(en): pas de invoer aan en controleer opnieuw. Er is niets geschreven." in [
        e.value for e in at.error
    ]
    assert at.button(key="gg_entry_import").disabled
    (report,) = [d.value for d in at.dataframe if "Reden" in d.value.columns]
    assert report["Reden"].str.contains("telefoonnummer").any()
    assert not report["Waarde"].astype(str).str.contains("12345678").any()
    assert rows(demo_copy, "select count(*) from verhaal")[0][0] == before


def test_an_uploaded_file_of_plekken_with_a_point_outside_is_refused(demo_copy):
    at = open_screen("pages/gegevens.py")
    at.selectbox(key="gg_wijk_kind").set_value("plekken").run()
    text = (
        "plek_id;naam;type;beheer;lon;lat\n"
        "NIEUW-1;Ver weg;park;gemeente;4,0000;51,0000\n"  # far outside Lindenwaard
        "NIEUW-2;Raar;kasteel;gemeente;4,0000;51,0000\n"
    )
    at.file_uploader(key="gg_wijk_upload").set_value(
        ("plekken.csv", text.encode("cp1252"), "text/csv")
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.button(key="gg_wijk_import").disabled
    (report,) = [d.value for d in at.dataframe if "Reden" in d.value.columns]
    assert report["Rij"].tolist() == ["2", "3", "3"]  # text on screen: no "None" beside them
    assert report["Reden"].str.contains("buiten de gemeente").sum() == 2
    assert report["Reden"].str.contains("Onbekend type plek").sum() == 1


def test_a_place_typed_in_the_form_gets_its_buurt_from_its_point(demo_copy):
    # a point where the demo has a plek already: inside a buurt of Lindenwaard
    lon, lat, buurt = rows(
        demo_copy, "select lon, lat, buurtcode from plek order by plek_id limit 1"
    )[0]
    at = open_screen("pages/gegevens.py")
    at.radio(key="gg_entry_kind").set_value("plekken").run()
    [w for w in at.text_input if w.label == "Naam"][0].set_value("Bankje bij de vijver")
    [w for w in at.selectbox if w.label == "Type"][0].set_value("park")
    [w for w in at.selectbox if w.label == "Beheer"][0].set_value("bewoners")
    [w for w in at.number_input if w.label.startswith("Lengtegraad")][0].set_value(lon)
    [w for w in at.number_input if w.label.startswith("Breedtegraad")][0].set_value(lat)
    [b for b in at.button if b.label == "Controleren"][0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    at.button(key="gg_entry_import").click().run()
    assert not at.exception
    assert rows(
        demo_copy, "select naam, type, beheer, buurtcode from plek where plek_id like 'FORM-P-%'"
    ) == [("Bankje bij de vijver", "park", "bewoners", buurt)]
