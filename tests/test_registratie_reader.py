"""Reading registration exports: CSV dialects and encodings, XLSX sheets and cells, unreadable files."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time

import pytest

from dashboard.ingest.registratie import (
    ImportFileError,
    RawTable,
    read_export,
    reader,
    template_xlsx,
)
from tests.fixtures.registratie import GOOD, KINDS, VARIANTS, build_variant, csv_bytes, xlsx_bytes


def rows(raw: RawTable) -> list[list[str]]:
    """The frame's cells as lists, for whole-value comparisons."""
    return raw.frame.values.tolist()


# --- good files in every format --------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", KINDS)
def test_good_file_reads_to_the_same_strings(kind, variant):
    data, filename, kwargs = build_variant(variant, kind)
    raw = read_export(data, filename, **kwargs)
    header, expected = GOOD[kind]
    delimiter, encoding, sheet = VARIANTS[variant][3]
    assert raw.columns == header
    assert rows(raw) == expected
    assert (raw.bestand, raw.delimiter, raw.encoding) == (filename, delimiter, encoding)
    assert raw.sheet == (kind if sheet == "kind" else sheet)
    assert raw.first_data_row == 2
    assert raw.frame.index.tolist() == list(range(2, 2 + len(expected)))


def test_cp1252_accents_come_through():
    data = csv_bytes(
        ["naam", "wijk"],
        [["Café De Brug", "Oosterpoort-Zuid"], ["Daniël en Naïma", "Öztürkplein"]],
        encoding="cp1252",
    )
    raw = read_export(data, "oud.csv")
    assert raw.encoding == "cp1252"
    assert rows(raw) == [["Café De Brug", "Oosterpoort-Zuid"], ["Daniël en Naïma", "Öztürkplein"]]


def test_utf8_without_bom_keeps_accents():
    raw = read_export("naam;x\nCafé De Brug;ë ï\n".encode(), "a.csv")
    assert (raw.encoding, rows(raw)) == ("utf-8", [["Café De Brug", "ë ï"]])


def test_utf16_tab_separated_excel_unicode_text():
    data = "naam\taantal\r\nCafé De Brug\t12\r\n".encode("utf-16")
    raw = read_export(data, "unicode.txt")
    assert (raw.delimiter, raw.encoding, rows(raw)) == ("\t", "utf-16", [["Café De Brug", "12"]])


@pytest.mark.parametrize(
    ("text", "delimiter", "columns"),
    [
        ("a;b;c\n1;2;3\n", ";", ["a", "b", "c"]),
        ("a,b,c\n1,2,3\n", ",", ["a", "b", "c"]),
        ("a\tb\tc\n1\t2\t3\n", "\t", ["a", "b", "c"]),
        # separators inside quotes do not count
        ('"naam, voluit";uren\nx;1\n', ";", ["naam, voluit", "uren"]),
        ('"a;b;c",d,e\n1,2,3\n', ",", ["a;b;c", "d", "e"]),
        # a tie goes to the Dutch default
        ("a;b,c\n1;2,3\n", ";", ["a", "b,c"]),
        # one column: nothing to sniff
        ("naam\nx\n", ";", ["naam"]),
    ],
)
def test_delimiter_is_sniffed_from_the_header(text, delimiter, columns):
    raw = read_export(text.encode(), "f.csv")
    assert (raw.delimiter, raw.columns) == (delimiter, columns)


def test_quoted_fields_keep_separators_quotes_and_newlines():
    text = (
        'id;opmerking;n\r\n1;"a; b, c";2\r\n2;"zegt ""hoi""";3\r\n3;"twee\r\nregels";4\r\n4;x;5\r\n'
    )
    raw = read_export(text.encode(), "q.csv")
    assert rows(raw) == [
        ["1", "a; b, c", "2"],
        ["2", 'zegt "hoi"', "3"],
        ["3", "twee\r\nregels", "4"],
        ["4", "x", "5"],
    ]
    # a quoted newline stays inside one Excel row
    assert raw.frame.index.tolist() == [2, 3, 4, 5]


def test_old_mac_line_ends():
    raw = read_export(b"a;b\r1;2\r3;4\r", "mac.csv")
    assert (rows(raw), raw.frame.index.tolist()) == ([["1", "2"], ["3", "4"]], [2, 3])


@pytest.mark.parametrize(
    "data",
    [b"sep=,\na,b\n1,2\n", "\ufeffsep=,\r\na,b\r\n1,2\r\n".encode(), b"SEP=,\na,b\n1,2\n"],
)
def test_excel_sep_hint_line_sets_the_delimiter_and_is_not_a_row(data):
    raw = read_export(data, "sep.csv")
    assert (raw.delimiter, raw.columns, rows(raw), raw.first_data_row) == (
        ",",
        ["a", "b"],
        [["1", "2"]],
        2,
    )


def test_cells_and_header_are_stripped():
    raw = read_export(b" id ; naam \n  7 ;  Anouk  \n", "s.csv")
    assert (raw.columns, rows(raw)) == (["id", "naam"], [["7", "Anouk"]])


def test_trailing_empty_lines_and_separators_are_dropped():
    raw = read_export(b"a;b;;\r\n1;2;;\r\n3;4;;\r\n\r\n;;;\r\n\r\n", "t.csv")
    assert (raw.columns, rows(raw)) == (["a", "b"], [["1", "2"], ["3", "4"]])


def test_empty_rows_in_the_middle_keep_the_excel_row_numbers():
    raw = read_export(b"a;b\n1;2\n\n;\n3;4\n", "m.csv")
    assert rows(raw) == [["1", "2"], ["", ""], ["", ""], ["3", "4"]]
    assert raw.frame.index.tolist() == [2, 3, 4, 5]


def test_leading_empty_lines_move_the_header():
    raw = read_export(b"\n\na;b\n1;2\n", "l.csv")
    assert (raw.first_data_row, raw.frame.index.tolist()) == (4, [4])


def test_a_title_above_the_column_names_is_left_out_and_named():
    """A report exported to Excel: its title and period above the table, a blank row."""
    data = xlsx_bytes(
        [
            (
                "Deelnames",
                [
                    ["Export deelnames januari 2026"],
                    [None, "Periode: 01-01-2026 t/m 31-01-2026"],
                    [],
                    ["bijeenkomst_id", "deelnemer_id"],
                    ["BK-1", "100234"],
                ],
            )
        ]
    )
    raw = read_export(data, "export.xlsx")
    assert raw.columns == ["bijeenkomst_id", "deelnemer_id"]
    assert rows(raw) == [["BK-1", "100234"]]
    assert (raw.first_data_row, raw.frame.index.tolist()) == (5, [5])
    assert raw.titles == (
        (1, "Export deelnames januari 2026"),
        (2, "Periode: 01-01-2026 t/m 31-01-2026"),
    )


@pytest.mark.parametrize(
    ("text", "delimiter", "title", "first_data_row"),
    [
        # Excel fills a title line with the table's separators; another system writes none,
        # or one of its own, so the separator is found on the column names
        ("Export januari;;\r\na;b;c\r\n1;2;3\r\n", ";", "Export januari", 3),
        ("Export januari\r\na,b,c\r\n1,2,3\r\n", ",", "Export januari", 3),
        ("Export januari, februari\na;b;c\n1;2;3\n", ";", "Export januari, februari", 3),
        ('"Export, januari"\n\na\tb\tc\n1\t2\t3\n', "\t", "Export, januari", 4),
    ],
)
def test_a_csv_title_line_is_left_out_and_the_separator_found_below_it(
    text, delimiter, title, first_data_row
):
    raw = read_export(text.encode("cp1252"), "t.csv")
    assert (raw.delimiter, raw.columns, rows(raw)) == (
        delimiter,
        ["a", "b", "c"],
        [["1", "2", "3"]],
    )
    assert (raw.titles, raw.first_data_row) == (((1, title),), first_data_row)


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        # a header with one named column above data: the data is no header (a number in it)
        ("id;;\n1;a;b\n2;c;d\n", ["id", "Kolom B", "Kolom C"]),
        ("datum;;\n01-03-2026;a;b\n", ["datum", "Kolom B", "Kolom C"]),
        # a ; table whose values have decimal commas keeps its ;
        ("a;b\n1,5;2,5\n3,5;4,5\n", ["a", "b"]),
    ],
)
def test_a_first_row_above_data_is_no_title(text, columns):
    raw = read_export(text.encode(), "t.csv")
    assert (raw.delimiter, raw.columns, raw.titles) == (";", columns, ())


def test_a_one_column_file_keeps_its_first_row_as_header():
    raw = read_export(b"a\n1\n2\n", "een.csv")
    assert (raw.columns, raw.titles, raw.first_data_row) == (["a"], (), 2)


def test_an_unnamed_column_with_data_gets_a_letter():
    raw = read_export(b"a;b;\n1;;\n2;3;x\n", "p.csv")
    assert (raw.columns, rows(raw)) == (["a", "b", "Kolom C"], [["1", "", ""], ["2", "3", "x"]])


# --- ambiguous files: refused, never guessed (issue 11, item 7) ----------------------------

# An inzet export as a registration system writes it: ';', Windows-1252, dd-mm-jjjj, CRLF,
# eight columns. Rows 2-11 are good.
INZET_KOP = (
    "professional_id;professional_naam;wijkcode;rol;organisatie_id;startdatum;einddatum;"
    "uren_per_week"
)
INZET_RIJEN = [
    f"PRO-{n};Anouk de Vriës {n};WK02680{1 + n % 2};opbouwwerker;ORG-WZL;0{1 + n % 9}-03-2024;;24"
    for n in range(2, 12)
]


def _export(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def test_rows_with_more_or_fewer_cells_than_the_header_are_refused_with_their_rows(monkeypatch):
    data = _export(
        INZET_KOP,
        *INZET_RIJEN,
        # row 12: a name with unquoted separators: every value after it moves two columns
        "PRO-12;Jansen; Piet; jr.;WK026801;opbouwwerker;ORG-WZL;01-03-2024;;24",
        # rows 13 and 14: an unquoted line break splits one record into two short rows
        "PRO-13;Daniël",
        "Öztürk;WK026802;jongerenwerker;ORG-WZL;15-01-2024;31-12-2024;36",
        "PRO-15;Naïma El Idrissi;WK026801;opbouwwerker;ORG-WZL;01-09-2024;;16",
    )
    fast, slow, taken = _read_both(data, monkeypatch)
    assert fast == slow and not taken
    assert fast[0] == "fout"
    reden = fast[1]
    assert "rij 12 heeft 10 cellen, de kop 8" in reden
    assert "rij 13 heeft 2 cellen, de kop 8" in reden
    assert "rij 14 heeft 7 cellen, de kop 8" in reden
    assert "rij 15" not in reden and "rij 11 " not in reden  # the good rows are not named
    assert "puntkomma" in reden  # the hint names the file's own separator


def test_ragged_rows_are_counted_after_leading_empty_lines_and_a_sep_line():
    # Excel hides "sep=;": the header is row 1 and the rows keep Excel's numbers
    with pytest.raises(ImportFileError) as caught:
        read_export(b"sep=;\r\nid;naam;uren\r\n1;Anouk;24\r\n\r\n2;Daniel;36;x\r\n", "s.csv")
    assert "rij 4 heeft 4 cellen, de kop 3" in caught.value.reden
    with pytest.raises(ImportFileError) as caught:
        read_export(b"\n\nid;naam;uren\n1;Anouk\n", "l.csv")
    assert "rij 4 heeft 2 cellen, de kop 3" in caught.value.reden


def test_more_than_ten_ragged_rows_name_the_first_ten_and_count_the_rest():
    data = _export(INZET_KOP, *(r + ";extra" for r in INZET_RIJEN * 3))
    with pytest.raises(ImportFileError) as caught:
        read_export(data, "veel.csv")
    reden = caught.value.reden
    assert reden.count("heeft 9 cellen") == 10 and "rij 12 heeft" not in reden
    assert "en nog 20 rijen" in reden


@pytest.mark.parametrize(
    "data",
    [
        b"a;b\r\n1;2;\r\n3;4;;\r\n",  # empty cells after the last column: separators only
        b"a;b;\r\n1;2\r\n",  # the header's own trailing separator
        b"a;b;c\r\n1;2;3\r\n\r\n;;\r\n4;5;6\r\n",  # empty rows keep their numbers
    ],
)
def test_trailing_separators_and_empty_rows_are_not_ragged(data):
    raw = read_export(data, "ok.csv")
    assert raw.columns[:2] == ["a", "b"]


@pytest.mark.parametrize(
    ("header", "named"),
    [
        # the same name in another case (the reader's and the mapping's normalisation)
        (
            "professional_id;Rol;professional_naam;wijkcode;rol;organisatie_id;startdatum;uren_per_week",
            "'Rol' (B), 'rol' (E)",
        ),
        (
            "bijeenkomst_id;datum;activiteit_id;datum;aantal_deelnemers",
            "'datum' (B), 'datum' (D)",
        ),
        # names the column mapping cannot tell apart either
        (
            "organisatie_id;Organisatie ID;naam",
            "'organisatie_id' (A), 'Organisatie ID' (B)",
        ),
    ],
)
def test_duplicate_column_names_are_refused_naming_the_columns(header, named):
    width = header.count(";") + 1
    data = _export(header, ";".join(["x"] * width), ";".join(["y"] * width))
    with pytest.raises(ImportFileError) as caught:
        read_export(data, "dubbel.csv")
    assert named in caught.value.reden
    assert caught.value.reden.startswith("Kolomnamen komen meer dan eens voor")


def test_duplicate_column_names_in_a_workbook_are_refused():
    data = xlsx_bytes(
        [
            (
                "Bijeenkomsten",
                [["bijeenkomst_id", "Datum", "datum"], ["BK-1", "1-3-2024", "2-3-2024"]],
            )
        ]
    )
    with pytest.raises(ImportFileError) as caught:
        read_export(data, "dubbel.xlsx")
    assert "'Datum' (B), 'datum' (C)" in caught.value.reden


def test_similar_but_different_column_names_are_kept():
    raw = read_export(b"datum;datum bijeenkomst;buurt;woonbuurt\n1;2;3;4\n", "d.csv")
    assert raw.columns == ["datum", "datum bijeenkomst", "buurt", "woonbuurt"]


def test_header_only_file_is_read_with_no_rows():
    raw = read_export("bijeenkomst_id;datum\r\n".encode("utf-8-sig"), "leeg.csv")
    assert (raw.columns, len(raw.frame), raw.first_data_row) == (["bijeenkomst_id", "datum"], 0, 2)


# --- XLSX ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2024, 3, 1), "01-03-2024"),
        (datetime(2024, 3, 1), "01-03-2024"),
        (datetime(2024, 3, 1, 14, 30), "01-03-2024 14:30"),
        (time(19, 30), "19:30"),
        (23, "23"),
        (36.0, "36"),
        (24.5, "24,5"),
        (0.1 + 0.2, "0,3"),
        (True, "ja"),
        (False, "nee"),
        ("  Café De Brug ", "Café De Brug"),
        ("00123", "00123"),
    ],
)
def test_excel_cells_become_what_a_user_would_type(value, text):
    data = xlsx_bytes([("blad", [["waarde", "id"], [value, "x"]])])
    assert rows(read_export(data, "c.xlsx")) == [[text, "x"]]


def test_xlsx_row_numbers_are_excel_row_numbers():
    data = xlsx_bytes([("blad", [[None], [None, "a", "b"], [None, 1, 2], [], [None, 3, 4], []])])
    raw = read_export(data, "r.xlsx")
    assert raw.columns == ["a", "b"]
    assert rows(raw) == [["1", "2"], ["", ""], ["3", "4"]]
    assert (raw.first_data_row, raw.frame.index.tolist()) == (3, [3, 4, 5])


SHEETS = xlsx_bytes(
    [
        ("Toelichting", [["Veld"], ["x"]]),
        ("overzicht", [["a"], ["1"]]),
        ("Deelnames", [["b"], ["2"]]),
    ]
)


@pytest.mark.parametrize(
    ("kwargs", "sheet"),
    [
        ({}, "overzicht"),  # the first sheet that is not the Toelichting
        ({"kind": "deelnames"}, "Deelnames"),  # a sheet named like the kind, any case
        ({"kind": "inzet"}, "overzicht"),  # no such sheet: the first data sheet
        ({"sheet": "Toelichting"}, "Toelichting"),  # asked for by name
        ({"sheet": "Deelnames", "kind": "inzet"}, "Deelnames"),  # the name wins
    ],
)
def test_sheet_choice(kwargs, sheet):
    assert read_export(SHEETS, "w.xlsx", **kwargs).sheet == sheet


def test_xlsx_is_recognised_by_content_whatever_the_name():
    assert read_export(SHEETS, "download", sheet="Deelnames").columns == ["b"]


@pytest.mark.parametrize("kind", KINDS)
def test_template_xlsx_reads_back_with_its_example(kind):
    raw = read_export(template_xlsx(kind), f"sjabloon_{kind}.xlsx", kind=kind)
    assert raw.sheet == kind
    assert len(raw.frame) == 1


# --- unreadable files ------------------------------------------------------------------


def _truncated_xlsx() -> bytes:
    data = template_xlsx("inzet")
    return data[: len(data) // 2]


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hallo.txt", "geen werkboek")
    return buffer.getvalue()


def _xlsx_with_damaged(member: str) -> bytes:
    """The inzet template with one part of the zip replaced by broken XML."""
    source = zipfile.ZipFile(io.BytesIO(template_xlsx("inzet")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            archive.writestr(info, b"<kapot" if info.filename == member else source.read(info))
    return buffer.getvalue()


BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
UNREADABLE_XLSX = "Het bestand is geen geldig Excel-bestand (beschadigd of onvolledig)."
# an empty file: what is wrong and what to check
EMPTY = (
    "Het bestand is leeg: er staan zelfs geen kolomnamen in. Controleer of de export gelukt is"
    " en of u het goede bestand koos; een export zonder gegevens heeft nog wel de kolomnamen."
)


@pytest.mark.parametrize(
    ("data", "filename", "kwargs", "message"),
    [
        pytest.param(b"", "leeg.csv", {}, f"leeg.csv: {EMPTY}", id="leeg"),
        pytest.param(b"\r\n \r\n\t\r\n", "wit.csv", {}, f"wit.csv: {EMPTY}", id="witruimte"),
        pytest.param(b"\xef\xbb\xbf", "bom.csv", {}, f"bom.csv: {EMPTY}", id="alleen-bom"),
        pytest.param(
            BINARY,
            "plaatje.csv",
            {},
            "plaatje.csv: Het bestand is geen leesbaar CSV- of Excel-bestand (binaire inhoud).",
            id="binair",
        ),
        pytest.param(
            b"\x81\x8d\x8f\x90\x9d" * 10,
            "raar.csv",
            {},
            "raar.csv: Het bestand is geen leesbaar CSV- of Excel-bestand (binaire inhoud).",
            id="geen-utf8-of-cp1252",
        ),
        pytest.param(
            _truncated_xlsx(), "half.xlsx", {}, f"half.xlsx: {UNREADABLE_XLSX}", id="afgekapt"
        ),
        pytest.param(
            _zip_without_workbook(), "zip.xlsx", {}, f"zip.xlsx: {UNREADABLE_XLSX}", id="zip"
        ),
        pytest.param(
            _xlsx_with_damaged("xl/workbook.xml"),
            "werkboek.xlsx",
            {},
            f"werkboek.xlsx: {UNREADABLE_XLSX}",
            id="werkboek-kapot",
        ),
        pytest.param(
            _xlsx_with_damaged("xl/worksheets/sheet1.xml"),
            "blad.xlsx",
            {},
            f"blad.xlsx: {UNREADABLE_XLSX}",
            id="tabblad-kapot",
        ),
        pytest.param(
            b"geen excel maar tekst", "nep.xlsx", {}, f"nep.xlsx: {UNREADABLE_XLSX}", id="nep"
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "oud.xls",
            {},
            "oud.xls: Het oude Excel-formaat (.xls) wordt niet ondersteund; sla het bestand op"
            " als .xlsx of als CSV.",
            id="xls",
        ),
        pytest.param(
            SHEETS,
            "w.xlsx",
            {"sheet": "Data"},
            "w.xlsx: Tabblad 'Data' bestaat niet; wel: Toelichting, overzicht, Deelnames",
            id="tabblad-ontbreekt",
        ),
        pytest.param(
            xlsx_bytes([("leeg", [])]),
            "leeg.xlsx",
            {},
            "leeg.xlsx: Tabblad 'leeg' is leeg: er staan zelfs geen kolomnamen op. Kies het"
            " tabblad met de gegevens, of controleer of de export gelukt is.",
            id="leeg-tabblad",
        ),
    ],
)
def test_unreadable_files_raise_a_dutch_error_naming_the_file(data, filename, kwargs, message):
    with pytest.raises(ImportFileError) as caught:
        read_export(data, filename, **kwargs)
    assert str(caught.value) == message
    assert caught.value.bestand == filename


# --- the fast path for plain CSV -------------------------------------------------------


def _read_both(data: bytes, monkeypatch) -> tuple[object, object, bool]:
    """Read with the fast path allowed and with it turned off; and whether it was taken."""
    from dashboard.ingest.registratie import reader

    taken = []
    arrow = reader._arrow_columns

    def spy(*args, **kwargs):
        result = arrow(*args, **kwargs)
        taken.append(result is not None)
        return result

    with monkeypatch.context() as patch:
        patch.setattr(reader, "_arrow_columns", spy)
        fast = outcome(read_export, data)
    with monkeypatch.context() as patch:
        patch.setattr(reader, "_arrow_columns", lambda *args, **kwargs: None)
        slow = outcome(read_export, data)
    return fast, slow, any(taken)


# how files end: nothing, one line end of either kind, or empty lines after the last row
ENDINGS = ["", "\n", "\n\n", "\r\n", "\r\n\r\n", "\n\r\n", "\r\n\n", "\r"]


def random_text(rnd, cell_chars: list[str], noise: list[str], most_lines: int) -> str:
    """A small CSV text: mostly rows of `;`-separated cells, some lines of noise that may be
    empty, ragged, quoted or hold odd whitespace, and one of ENDINGS."""
    width = rnd.randint(1, 4)
    lines = []
    for _ in range(rnd.randint(1, most_lines)):
        if rnd.random() < 0.85:
            cells = [
                "".join(rnd.choice(cell_chars) for _ in range(rnd.randint(0, 3)))
                for _ in range(width)
            ]
            lines.append(";".join(cells))
        else:
            lines.append("".join(rnd.choice(cell_chars + noise) for _ in range(rnd.randint(0, 6))))
    return rnd.choice(["\n", "\r\n"]).join(lines) + rnd.choice(ENDINGS)


def outcome(read, source, filename: str = "t.csv") -> object:
    """What a reader makes of a file: its columns, cells, row numbers, delimiter and
    encoding, or its Dutch reason for refusing it."""
    try:
        raw = read(source, filename)
    except ImportFileError as exc:
        return ("fout", exc.reden)
    return (raw.columns, rows(raw), raw.frame.index.tolist(), raw.delimiter, raw.encoding)


@pytest.mark.slow  # many files against the csv module
def test_plain_csv_fast_path_reads_exactly_like_the_csv_module(monkeypatch):
    import random

    cell_chars = ["a", "b", "1", " ", "\xa0", "é"]
    noise = [";", ",", "\t", "\n", "\r\n", '"', "\r", "x y", "\x0b", "\ufeff"]
    fast_runs = 0
    for seed in range(3000):
        rnd = random.Random(seed)
        text = random_text(rnd, cell_chars, noise, 6)
        bom = rnd.choice([b"", b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf\xef\xbb\xbf"])
        fast, slow, taken = _read_both(bom + text.encode(), monkeypatch)
        assert fast == slow, repr(text)
        fast_runs += taken
    # both paths really ran on many files (a file ending in empty lines takes the csv module:
    # read as a stream, its end is not known before Arrow would meet those lines)
    assert fast_runs > 100


@pytest.mark.slow  # many files, each written and read back in small blocks
def test_a_file_read_in_blocks_reads_exactly_like_its_whole_text(monkeypatch, tmp_path):
    """A CSV is read a block at a time (a scan of the text, then Arrow's reader or the csv
    module as a stream), from its path or its bytes: the same as reading its whole text
    (_read_csv, which stays for Excel's "sep=" line and UTF-16). Tiny blocks here, so that
    records, line ends and characters of several bytes fall across block boundaries."""
    import random

    from dashboard.ingest.registratie import reader

    monkeypatch.setattr(reader, "_BLOCK", 7)
    monkeypatch.setattr(reader, "_ARROW_BLOCK", 64)
    monkeypatch.setattr(reader, "_RECORDS", 2)
    cell_chars = ["a", "b", "1", " ", "\xa0", "é", "€"]
    noise = [";", ",", "\t", "\n", "\r\n", '"', "\r", "x y", "\x0b", "\ufeff", "sep=;"]
    arrow_runs = 0
    arrow = reader._arrow_columns

    def spy(*args, **kwargs):
        nonlocal arrow_runs
        result = arrow(*args, **kwargs)
        arrow_runs += result is not None
        return result

    monkeypatch.setattr(reader, "_arrow_columns", spy)
    for seed in range(1500):
        rnd = random.Random(seed)
        text = random_text(rnd, cell_chars, noise, 12)
        encoding = (
            rnd.choice(["utf-8", "utf-8", "cp1252"])
            if text.isascii() or "\ufeff" not in text
            else "utf-8"
        )
        bom = rnd.choice([b"", b"\xef\xbb\xbf"]) if encoding == "utf-8" else b""
        data = bom + text.encode(encoding)
        file = tmp_path / "export.csv"
        file.write_bytes(data)
        whole = outcome(reader._read_csv, data)
        assert outcome(read_export, data) == whole and outcome(read_export, file) == whole, data
    assert arrow_runs > 150  # the streaming Arrow path really ran on many files


def test_a_large_plain_export_takes_the_fast_path(monkeypatch):
    lines = ["bijeenkomst_id;deelnemer_id;woonbuurt"] + [
        f"BK-{i % 97};K-{i};BU0268010{i % 2}" for i in range(20_000)
    ]
    fast, slow, taken = _read_both(("\r\n".join(lines) + "\r\n").encode(), monkeypatch)
    assert taken and fast == slow
    # the last line: 19999 % 97 = 17, 19999 % 2 = 1, Excel row 20001
    assert fast[1][-1] == ["BK-17", "K-19999", "BU02680101"] and fast[2][-1] == 20_001


def test_a_cell_too_long_for_the_csv_module_is_refused_on_both_paths(monkeypatch):
    import csv

    data = ("a;b\n1;" + "x" * (csv.field_size_limit() + 1) + "\n").encode()
    fast, slow, taken = _read_both(data, monkeypatch)
    assert not taken and fast == slow and fast[0] == "fout"


@pytest.mark.parametrize("chunk", [1, 3, 65_536])
def test_a_workbook_read_by_its_path_in_chunks_is_the_workbook_read_whole(
    tmp_path, monkeypatch, chunk
):
    """A workbook given by its path streams its rows into Arrow columns a chunk at a time;
    the cells, column names and Excel row numbers are those of the bytes read at once
    (chunks of 1 and 3 rows: a row wider than the first chunk's, empty rows, a date and
    repeated texts fall on every side of a boundary)."""
    sheet = [
        [None],
        ["naam", "datum", "soort"],
        ["a", datetime(2024, 3, 1), "buurthuis"],
        [],
        ["b", datetime(2024, 3, 2), "buurthuis", "extra"],
        ["c", None, "buurthuis"],
        ["a", datetime(2024, 3, 4)],
        [None, None, None],
        ["d", datetime(2024, 3, 5), "speeltuin"],
    ]
    data = xlsx_bytes([("blad", sheet)])
    path = tmp_path / "export.xlsx"
    path.write_bytes(data)
    whole = read_export(data, "export.xlsx")
    monkeypatch.setattr(reader, "_XLSX_CHUNK", chunk)
    streamed = read_export(path, "export.xlsx")
    assert streamed.columns == whole.columns
    assert streamed.first_data_row == whole.first_data_row
    assert rows(streamed) == rows(whole)
    # worked out by hand: the header is Excel row 2, the data starts at row 3
    assert whole.first_data_row == 3
    assert rows(whole)[2] == ["b", "02-03-2024", "buurthuis", "extra"]


def test_an_empty_sheet_read_by_its_path_says_so(tmp_path):
    path = tmp_path / "leeg.xlsx"
    path.write_bytes(xlsx_bytes([("blad", [[None], []])]))
    with pytest.raises(ImportFileError, match="blad"):
        read_export(path, "leeg.xlsx")


def test_a_workbook_by_its_path_named_xls_is_refused_as_its_bytes_are(tmp_path):
    data = xlsx_bytes([("blad", [["a"], ["1"]])])
    path = tmp_path / "oud.xls"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as by_bytes:
        read_export(data, "oud.xls")
    with pytest.raises(ImportFileError) as by_path:
        read_export(path, "oud.xls")
    assert str(by_path.value) == str(by_bytes.value)
    assert "oude Excel-formaat" in str(by_path.value)


@pytest.mark.parametrize("name", ["export.csv", "export", "export.tmp"])
def test_a_workbook_by_its_path_under_another_name_is_read_as_its_bytes_are(tmp_path, name):
    # a workbook saved as "export.csv" is recognised by its content, also by its path
    data = xlsx_bytes([("blad", [["naam", "soort"], ["a", "buurthuis"], ["b", "speeltuin"]])])
    path = tmp_path / name
    path.write_bytes(data)
    assert rows(read_export(path, name)) == rows(read_export(data, name))
    assert rows(read_export(path, name)) == [["a", "buurthuis"], ["b", "speeltuin"]]


def without_dimension(data: bytes) -> bytes:
    """The workbook with the <dimension> of its sheets removed, as some tools write it:
    openpyxl then gives a missing row as []."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension[^>]*/>", b"", content)
            target.writestr(item, content)
    return out.getvalue()


def test_missing_rows_of_a_sheet_without_dimension_keep_their_excel_numbers(tmp_path, monkeypatch):
    """Worked out by hand: header on Excel row 1, data on rows 2 and 6; rows 3-5 are not in
    the file at all. Read in chunks of 2 rows, a chunk of only missing rows still counts."""
    data = without_dimension(
        xlsx_bytes([("blad", [["naam"], ["a"], [None], [None], [None], ["b"]])])
    )
    assert b"<dimension" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    path = tmp_path / "export.xlsx"
    path.write_bytes(data)
    monkeypatch.setattr(reader, "_XLSX_CHUNK", 2)
    raw = read_export(path, "export.xlsx")
    assert raw.first_data_row == 2
    assert rows(raw) == [["a"], [""], [""], [""], ["b"]]
    assert list(raw.frame.index)[-1] == 6  # "b" is Excel row 6


def test_a_row_moved_by_a_separator_is_refused_even_when_its_last_cell_is_empty(monkeypatch):
    """Row 3 has an unquoted ';' in its name and an empty einddatum: five cells, the fifth
    empty, as a trailing separator would look; but every other row has exactly the header's
    four cells, so this file writes none, and its values moved (naam 'Piet' in wijkcode)."""
    data = _export(
        "id;naam;wijkcode;einddatum",
        "1;Anouk;WK026801;31-12-2024",
        "2;Jansen; Piet;WK026802;",
        "3;Daniël;WK026801;",
        "4;Naïma;WK026802;01-09-2025",
    )
    fast, slow, taken = _read_both(data, monkeypatch)
    assert fast == slow and not taken
    assert fast[0] == "fout"
    assert "rij 3 heeft 5 cellen, de kop 4" in fast[1]
    assert "rij 4" not in fast[1]  # 4 cells, the last empty: as wide as the header
