"""The import report on Gegevens in English (issue 15 item 2): a registration file with
errors, uploaded on `?taal=en`, gives the report with English headers, reasons and severity;
the same file on the Dutch page gives the Dutch report as before."""

from __future__ import annotations

import pytest

from dashboard.display.text import md
from dashboard.domain.codes import LEEFTIJDSGROEPEN, ROLLEN, SOORTEN
from dashboard.ingest.registratie import problems
from dashboard.ingest.registratie.values import ROLLEN_AS_WRITTEN
from tests.helpers import open_screen
from tests.test_app_english import data_names, untranslated

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("lokaal")]  # AppTest, real data

HEADER = (
    "inzet_id;professional_id;professional_naam;wijkcode;rol;organisatie_id;startdatum;"
    "einddatum;uren_per_week\n"
)
BAD = HEADER + (
    "T1;PTEST1;Anna Test;WK999908;tovenaar;ORG999902;01-03-2026;;24\n"  # unknown rol
    "T2;PTEST2;Bram Test;WK12;opbouwwerker;ORG999902;gisteren;;24\n"  # wijkcode, date
    "T3;PTEST3;Cor Test;WK999908;opbouwwerker;ORG999902;01-03-2026;01-01-2026;99\n"  # end, uren
    # unknown wijk, uren empty (nine cells: a tenth, empty, would be a row moved by a
    # separator in a file whose other rows are exactly as wide as its header)
    "T4;PTEST4;Dirk Test;WK999999;opbouwwerker;ORG999902;01-03-2026;;\n"
)


@pytest.fixture()
def db(demo_copy: str) -> str:
    return demo_copy


def report(taal: str):
    at = open_screen("pages/gegevens.py", {"taal": taal})
    at.file_uploader(key="gg_upload").set_value(("inzet.csv", BAD.encode(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    frames = [d.value for d in at.dataframe if "Reden" in d.value or "Reason" in d.value]
    assert len(frames) == 1
    errors = [e.value for e in at.error]
    return frames[0], errors


def _texts(frame, errors) -> set[str]:
    texts = {str(c) for c in frame.columns} | set(errors)
    for column in (frame.columns[0], frame.columns[-1]):  # Ernst/Severity, Reden/Reason: UI text
        texts |= {str(v) for v in frame[column] if isinstance(v, str)}
    return texts


def test_the_report_of_a_bad_file_in_english(db):
    nl_frame, nl_errors = report("nl")
    en_frame, en_errors = report("en")
    assert list(nl_frame.columns) == ["Ernst", "Rij", "Kolom", "Waarde", "Reden"]
    assert list(en_frame.columns) == ["Severity", "Row", "Column", "Value", "Reason"]
    # the Dutch report as it always was: the reasons are the exact REDEN_* texts
    assert problems.REDEN_ROL in set(nl_frame["Reden"])
    assert set(nl_frame["Ernst"]) <= {"fout", "waarschuwing"}
    reasons = set(en_frame["Reason"])
    assert "Unknown role; allowed: " + problems.REDEN_ROL.split(": ", 1)[1] in reasons
    assert "Unreadable date; use dd-mm-yyyy" in reasons
    assert "The end date is before the start date" in reasons
    assert set(en_frame["Severity"]) <= {"error", "warning"}
    assert len(en_frame) == len(nl_frame)
    # the rows, columns and values are the file's own, the same in both
    assert en_frame.iloc[:, 1:4].equals(
        nl_frame.iloc[:, 1:4].set_axis(en_frame.columns[1:4], axis=1)
    )
    nl, en = _texts(nl_frame, nl_errors), _texts(en_frame, en_errors)
    # the codes a file must hold ("maatschappelijk_werker") are the same in both languages
    codes = [*ROLLEN, *ROLLEN_AS_WRITTEN, *SOORTEN, *LEEFTIJDSGROEPEN]
    found = untranslated(nl, en, sorted([*codes, *data_names(db)], key=len, reverse=True))
    assert not found, "\n".join(found)


def test_an_unreadable_file_in_english(db):
    at = open_screen("pages/gegevens.py", {"taal": "en"})
    upload = ("oud.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "text/csv")  # an .xls inside
    at.file_uploader(key="gg_upload").set_value(upload).run()
    assert [e.value for e in at.error] == [
        md(
            "oud.csv: The old Excel format (.xls) is not supported; save the file as .xlsx or as CSV."
        )
    ]


def test_reasons_with_values_of_every_import_in_english():
    # Problem keeps the Dutch reason; shown_reason gives it in the page's language
    from dashboard import i18n
    from dashboard.ingest import assets, privacy

    refused = privacy.refusal("mail a@b.nl")
    assert refused == (
        "De tekst bevat een e-mailadres: haal persoonsgegevens weg: geen namen, adressen,"
        " e-mailadressen, telefoonnummers of BSN's."
    )
    meer = problems.reden_meer_dan_totaal("B7", 12, 10)
    with i18n.using("en"):
        assert problems.shown_reason(refused).startswith(
            "The text contains an e-mail address: remove personal data"
        )
        assert problems.shown_reason(assets.REDEN_TE_LANG).startswith("The text is longer than")
        assert problems.shown_reason(meer) == (
            "Session B7: 12 participants registered, the session counts 10; the dashboard counts 12"
        )
        assert problems.shown_reason("een waarde uit het bestand") == "een waarde uit het bestand"
    with i18n.using("nl"):
        assert problems.shown_reason(meer) == meer


def test_a_cbs_file_error_keeps_its_reason_for_the_english_page(tmp_path):
    from dashboard import i18n
    from dashboard.ingest.cbs import CbsImportError
    from dashboard.ingest.cbs.layers import check_file

    empty = tmp_path / "wijken_2024.gpkg"
    empty.write_bytes(b"")
    with pytest.raises(CbsImportError) as caught:
        check_file(empty)
    assert str(caught.value) == "wijken_2024.gpkg: het bestand is leeg."  # Dutch as before
    with i18n.using("en"):
        assert problems.shown_reason(caught.value.reden) == "the file is empty."
