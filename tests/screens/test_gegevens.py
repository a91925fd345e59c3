"""dashboard.screens.gegevens: the Dutch sentence after an import, and the Gegevens screen's tables."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from dashboard.ingest.prepare import Prepared
from dashboard.ingest.registratie import Problem
from dashboard.ingest.write import ImportResult
from dashboard.screens.gegevens import (
    audit_table,
    cbs_preview,
    history_table,
    import_audit_details,
    import_summary,
    quality_table,
    report_table,
    report_widths,
    uploaded_to_temp,
)


def test_import_summary_of_an_import_that_wrote_rows():
    result = ImportResult(
        bestand="inzet_maart.csv",
        tabel="inzet",
        toegevoegd={"inzet": 1200, "professional": 2, "import_log": 1},
        bijgewerkt={"inzet": 3, "organisatie": 0},
        import_id=7,
    )
    # worked out by hand: the tables in the order of TABLE_LABELS, each with both counts;
    # import_log is not a table a user knows, so it is not named
    assert import_summary(result) == (
        "inzet_maart.csv is geïmporteerd (import 7). Organisaties: 0 nieuw, 0 bijgewerkt;"
        " Professionals: 2 nieuw, 0 bijgewerkt; Inzet: 1.200 nieuw, 3 bijgewerkt."
    )


def test_import_summary_names_rows_that_left():
    """A partner taken off an activiteit is removed, not "bijgewerkt"; only the tables with a
    removal say so."""
    result = ImportResult(
        "activiteiten.csv",
        "activiteiten",
        {"activiteit": 0, "activiteit_partner": 0},
        {"activiteit": 1, "activiteit_partner": 0},
        9,
        verwijderd={"activiteit_partner": 2},
    )
    assert import_summary(result) == (
        "activiteiten.csv is geïmporteerd (import 9). Activiteiten: 0 nieuw, 1 bijgewerkt;"
        " Partners van activiteiten: 0 nieuw, 0 bijgewerkt, 2 verwijderd."
    )
    only_removed = ImportResult("a.csv", "activiteiten", {}, {}, 10, verwijderd={"route_stop": 1})
    assert only_removed.changed


def test_import_summary_of_an_import_that_changed_nothing():
    result = ImportResult("inzet_maart.csv", "inzet", {"inzet": 0}, {"inzet": 0}, None)
    assert import_summary(result) == (
        "inzet_maart.csv: niets gewijzigd; deze gegevens staan al in de database."
    )


def test_import_summary_of_a_file_without_rows():
    result = ImportResult("oktober.csv", "bijeenkomsten", {}, {}, None, leeg=True)
    assert import_summary(result) == (
        "oktober.csv: geen rijen; het bestand bevat alleen een kop, er is niets geschreven."
    )
    assert import_audit_details(_prepared(), result) == (
        "deelnames.csv; soort deelnames; geen rijen"
    )


def test_cbs_preview_counts_rows_per_table():
    prepared = Prepared(
        tabel="cbs",
        bestand="wijkenbuurten.gpkg",
        inhoud_hash="0" * 64,
        tables={
            "gemeente": pd.DataFrame({"gemeentecode": ["GM0001"]}),
            "wijk": pd.DataFrame({"wijkcode": ["WK000101", "WK000102"]}),
            "buurt": pd.DataFrame({"buurtcode": range(1234)}),
            "iets_anders": pd.DataFrame({"x": []}),
        },
    )
    expected = pd.DataFrame(
        {
            "Tabel": ["Gemeenten", "Wijken", "Buurten", "iets_anders"],
            "Rijen": ["1", "2", "1.234", "0"],
        }
    )
    pd.testing.assert_frame_equal(cbs_preview(prepared), expected)


def test_history_table_in_dutch():
    history = pd.DataFrame(
        {
            "import_id": [1, 2, 3],
            # UTC, as the log stores it: 09:07 in March (winter) is 10:07 in the Netherlands,
            # 14:45 in November 15:45 (the history showed UTC beside the audit log's Dutch time)
            "tijdstip": pd.to_datetime(
                ["2024-03-05 09:07:30", "2024-11-20 14:45:00", "2024-11-21 08:00:00"]
            ),
            "bestand": ["inzet.csv", "deelnames.xlsx", "activiteiten.csv"],
            # the import's kind, as the log stores it (and one the labels do not know)
            "tabel": ["inzet", "deelnames", "onbekend"],
            "rijen_toegevoegd": [1500, 1200, 0],
            "rijen_bijgewerkt": [0, 0, 1],
            # an import logged before the log kept its tables apart has only the sums
            "rijen_per_tabel": [
                None,
                '{"deelnemer": [200, 0, 0], "deelname": [1000, 0, 0]}',
                '{"activiteit_partner": [0, 0, 1]}',
            ],
            "gebruiker": ["anna", "piet", "anna"],
            "resultaat": ["gelukt", "mislukt", "geslaagd"],
            "melding": [None, "Kolom ontbreekt", None],
        }
    )
    expected = pd.DataFrame(
        {
            "Import": [1, 2, 3],
            "Tijdstip": ["5 mrt 2024 10:07", "20 nov 2024 15:45", "21 nov 2024 09:00"],
            "Bestand": ["inzet.csv", "deelnames.xlsx", "activiteiten.csv"],
            "Soort": ["Inzet", "Deelnames", "onbekend"],
            "Geschreven": [
                "1.500 nieuw, 0 bijgewerkt (alle tabellen samen)",
                # not "1.200 nieuw": 1.000 deelnames of 200 new participants
                "Deelnemers: 200 nieuw, 0 bijgewerkt; Deelnames: 1.000 nieuw, 0 bijgewerkt",
                "Partners van activiteiten: 0 nieuw, 0 bijgewerkt, 1 verwijderd",
            ],
            "Melding": ["", "Kolom ontbreekt", ""],
            "Gebruiker": ["anna", "piet", "anna"],
            "Resultaat": ["gelukt", "mislukt", "geslaagd"],
        }
    )
    pd.testing.assert_frame_equal(history_table(history), expected)


def test_quality_table_in_dutch():
    quality = pd.DataFrame(
        {
            "tabel": ["inzet", "bijeenkomst", "kerncijfers"],
            "rijen": [12345, 0, 20],
            "vanaf": [date(2021, 1, 4), None, None],
            "tot_en_met": [date(2024, 12, 31), None, None],
            "wijken_zonder_gegevens": [0, 9, None],
        }
    )
    # worked out by hand: dates as "4 jan 2021", an empty period as an empty cell, a missing
    # count as "geen gegevens"
    expected = pd.DataFrame(
        {
            "Tabel": ["Inzet", "Bijeenkomsten", "Kerncijfers"],
            "Rijen": ["12.345", "0", "20"],
            "Vanaf": ["4 jan 2021", "", ""],
            "Tot en met": ["31 dec 2024", "", ""],
            "Wijken zonder gegevens": ["0", "9", "geen gegevens"],
        }
    )
    pd.testing.assert_frame_equal(quality_table(quality), expected)


def test_uploaded_file_is_on_disk_under_its_own_name_and_removed_afterwards():
    with uploaded_to_temp(b"{}", "../kaarten/wijken.geojson") as path:
        assert (path.name, path.read_bytes()) == ("wijken.geojson", b"{}")
    assert not path.exists() and not path.parent.exists()


def _prepared(errors: int = 0) -> Prepared:
    problems = [
        Problem("deelnames.csv", 2, "deelnemer_id", "", "ontbreekt", "fout") for _ in range(errors)
    ]
    frame = pd.DataFrame({"deelnemer_id": ["KLANT-1"]})
    return Prepared("deelnames", "deelnames.csv", "0" * 64, {"deelnemer": frame}, problems)


def test_import_audit_details_name_file_kind_rows_and_outcome_never_contents():
    result = ImportResult(
        "deelnames.csv",
        "deelnames",
        toegevoegd={"deelname": 1200, "deelnemer": 3},
        bijgewerkt={"deelnemer": 1},
        import_id=7,
    )
    # tables in the order of TABLE_LABELS; counts without thousands separators
    assert import_audit_details(_prepared(), result) == (
        "deelnames.csv; soort deelnames; deelnemer: 3 nieuw, 1 bijgewerkt;"
        " deelname: 1200 nieuw, 0 bijgewerkt; geslaagd"
    )
    nothing = ImportResult("deelnames.csv", "deelnames", {"deelname": 0}, {}, None)
    assert import_audit_details(_prepared(), nothing) == (
        "deelnames.csv; soort deelnames; deelname: 0 nieuw, 0 bijgewerkt; niets gewijzigd"
    )
    assert import_audit_details(_prepared(errors=2)) == (
        "deelnames.csv; soort deelnames; geweigerd: 2 fout(en)"
    )
    assert (
        import_audit_details(_prepared())
        == "deelnames.csv; soort deelnames; mislukt, niets gewijzigd"
    )


def test_audit_table_in_dutch_with_dutch_time():
    log = pd.DataFrame(
        {
            "id": [2, 1],
            # UTC: 13:05 in summer is 15:05 in the Netherlands, 08:30 in winter is 09:30
            "tijdstip": [datetime(2025, 7, 1, 13, 5, 30), datetime(2025, 1, 6, 8, 30)],
            "gebeurtenis": ["namen_bekeken", "aanmelding"],
            "gebruiker": ["Bram", "anna@example.nl"],
            "rol": ["teamleider", "beheerder"],
            "organisaties": [["ORG1", "ORG2"], []],
            "scherm": ["Continuïteit", None],
            "details": [None, "e-mail anna@example.nl"],
        }
    )
    expected = pd.DataFrame(
        {
            "Nr.": [2, 1],
            "Tijdstip": ["1 jul 2025 15:05", "6 jan 2025 09:30"],
            "Gebeurtenis": ["Namen van professionals bekeken", "Aanmelding"],
            "Gebruiker": ["Bram", "anna@example.nl"],
            "Rol": ["teamleider", "beheerder"],
            "Organisaties": ["ORG1, ORG2", ""],
            "Scherm": ["Continuïteit", ""],
            "Details": ["", "e-mail anna@example.nl"],
        }
    )
    pd.testing.assert_frame_equal(audit_table(log), expected)


def test_a_form_entry_becomes_the_cells_of_a_file_of_one_row():
    from datetime import date, datetime

    from dashboard.screens.gegevens import entry_cells, new_entry_id

    entry_id = new_entry_id("plekken", datetime(2026, 3, 1, 9, 30, 5))
    assert entry_id == "FORM-P-20260301093005"
    cells = entry_cells(
        "plekken",
        {"naam": "Bankje", "lon": 5.25, "lat": None, "startdatum": date(2024, 5, 1)},
        entry_id,
    )
    assert cells == {
        "naam": "Bankje",
        "lon": "5.25",
        "lat": "",
        "startdatum": "01-05-2024",
        "plek_id": "FORM-P-20260301093005",
    }


def _checked(bestand: str, problems: list[Problem], rows: int = 1) -> Prepared:
    frame = pd.DataFrame({"verhaal_id": [f"V{i}" for i in range(rows)]})
    return Prepared("verhalen", bestand, "0" * 64, {"verhaal": frame}, problems)


def test_the_verdict_on_a_check_fits_a_file_or_the_form():
    from dashboard.ingest.assets import FORM
    from dashboard.screens.gegevens import report_verdict

    fout = Problem(FORM, 1, "tekst", "(verborgen)", "Persoonsgegevens", "fout")
    let_op = Problem(FORM, 1, "thema", "x", "Kort", "waarschuwing")
    assert report_verdict(_checked(FORM, [])) == ("success", "De invoer is in orde.")
    assert report_verdict(_checked(FORM, [let_op])) == (
        "success",
        "De invoer is in orde (met waarschuwingen).",
    )
    assert report_verdict(_checked(FORM, [fout])) == (
        "error",
        "1 fout(en): pas de invoer aan en controleer opnieuw. Er is niets geschreven.",
    )
    # with what it holds, per table (Verhalen: the label of table verhaal)
    assert report_verdict(_checked("verhalen.csv", [], rows=1234)) == (
        "success",
        "Het bestand is in orde. Gelezen: Verhalen 1.234.",
    )
    assert report_verdict(_checked("verhalen.csv", [let_op])) == (
        "success",
        "Het bestand is in orde (met waarschuwingen). Gelezen: Verhalen 1.",
    )
    assert report_verdict(_checked("verhalen.csv", [fout, fout])) == (
        "error",
        "2 fout(en): los ze op in het bestand en upload het opnieuw. Er is niets geschreven.",
    )
    assert report_verdict(_checked("verhalen.csv", [], rows=0)) == (
        "warning",
        "Geen rijen: het bestand bevat alleen een kop; er valt niets te importeren.",
    )


def test_a_status_change_is_confirmed_in_dutch():
    from dashboard.screens.gegevens import STATUS_ACTIONS, status_summary

    assert STATUS_ACTIONS == {
        "concept": ("gepubliceerd", "Publiceren"),
        "gepubliceerd": ("concept", "Terug naar concept"),
    }
    done = ImportResult("verhaal V1 gepubliceerd", "verhalen", {"verhaal": 0}, {"verhaal": 1}, 12)
    assert status_summary(done, "gepubliceerd", "groen") == (
        "Het verhaal 'groen' is gepubliceerd (import 12): het publiek ziet het nu op het"
        " Wijkprofiel."
    )
    assert status_summary(done, "concept", "groen") == (
        "Het verhaal 'groen' is terug naar concept (import 12): het publiek ziet het niet meer;"
        " alleen de beheerder ziet het hier."
    )
    same = ImportResult("verhaal V1 gepubliceerd", "verhalen", {}, {}, None)
    assert status_summary(same, "gepubliceerd", "groen") == (
        "Het verhaal 'groen' was al gepubliceerd; er is niets gewijzigd."
    )


def test_a_verhaal_beside_its_button_shows_its_text_as_text():
    from dashboard.screens.gegevens import verhaal_line

    story = pd.DataFrame(
        {
            "thema": ["[klik](http://x.nl)"],
            "gebiedscode": ["WK999904"],
            "datum": [pd.Timestamp(2026, 9, 24)],
            "status": ["concept"],
            "tekst": ["Signaal: *niet* vet"],
        }
    )
    [row] = story.itertuples(index=False)
    assert verhaal_line(row) == (
        "**\\[klik\\](http\\://x.nl)** · WK999904 · 24 sep 2026 · concept  \n"
        "Signaal\\: \\*niet\\* vet"
    )


def test_the_report_on_screen_has_no_python_none():
    # a data steward's walk saw "None" in Rij, Kolom and Waarde of a problem of the whole file
    problems = [
        Problem("titelrij.xlsx", None, "datum", None, "Verplichte kolom ontbreekt", "fout"),
        Problem("titelrij.xlsx", 4, "datum", "31-11-2026", "Deze datum bestaat niet", "fout"),
    ]
    table = report_table(problems)
    # one file: no Bestand column (its name is above the report); Ernst first, Reden last
    assert table.to_dict("records") == [
        {
            "Ernst": "fout",
            "Rij": "",
            "Kolom": "datum",
            "Waarde": "",
            "Reden": "Verplichte kolom ontbreekt",
        },
        {
            "Ernst": "fout",
            "Rij": "4",
            "Kolom": "datum",
            "Waarde": "31-11-2026",
            "Reden": "Deze datum bestaat niet",
        },
    ]
    two_files = report_table([*problems, problems[0]._replace(bestand="ander.xlsx")])
    assert list(two_files.columns) == ["Ernst", "Bestand", "Rij", "Kolom", "Waarde", "Reden"]
    # one file's columns fill the 740 pixels of the page at 1024×768, so Reden wraps in them
    widths = report_widths(table)
    assert list(widths) == list(table.columns) and sum(widths.values()) == 740
    assert report_widths(two_files)["Bestand"] == 140
    # notes on a whole file (a CBS file's): no empty Rij, Kolom and Waarde; Reden takes the
    # width they leave (740 - 110 for Ernst)
    notes = [Problem("cbs.geojson", None, None, None, "Indicator x ontbreekt", "waarschuwing")]
    assert list(report_table(notes).columns) == ["Ernst", "Reden"]
    assert report_widths(report_table(notes)) == {"Ernst": 110, "Reden": 630}
