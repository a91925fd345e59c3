"""The PDF report, read back with poppler (pdftotext, pdffonts), which did not write it."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard.display import export
from dashboard.display.export import pdf
from tests.fixtures import story as fixture

pytestmark = [
    pytest.mark.slow,  # starts Chromium (kaleido) for the SVG charts
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils ontbreekt"),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data, name, mime = export.render(fixture.story(), "pdf")
    assert (name, mime) == (
        "wijkprofiel-oud-zuid-een-straat-WK999902-2025-11-01-2026-10-31.pdf",
        "application/pdf",
    )
    path = tmp_path_factory.mktemp("pdf") / name
    path.write_bytes(data)
    return path


def _text(path: Path) -> str:
    # -raw: in content order; joined lines so a wrapped sentence reads as one
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True)
    return " ".join(raw.stdout.decode("utf-8").split())


def test_title_period_sentences_source_and_date(report):
    text = _text(report)
    assert text.startswith(f"Wijkprofiel {fixture.AREA_NAME} Gemeente {fixture.GEMEENTE_NAME}")
    assert f"Periode: {fixture.PERIOD_TEXT}" in text
    for sentence in fixture.SENTENCES:
        assert sentence in text
    assert fixture.story().source in text
    assert "Gemaakt op 5 dec 2026" in text


def test_sentences_under_the_screens_headings_and_the_verhalen(report):
    # a walk found the printout as 19 loose one-sentence paragraphs, without the verhalen
    text = _text(report)
    for heading, said in fixture.SECTIONS:
        assert f"{heading} {' '.join(said)}" in text
    heading, verhaal = fixture.VERHAAL
    assert f"Verhalen uit de wijk {heading} “{verhaal}”" in text


def test_fictitious_mark_on_demo_data_only(report, tmp_path):
    assert "Fictieve gegevens" in _text(report)
    assert "FICTIEVE GEGEVENS" in _text(report)  # in the footer of every page
    data, name, _ = export.render(fixture.story(fictitious=False), "pdf")
    real = tmp_path / name
    real.write_bytes(data)
    assert "ictieve gegevens".casefold() not in _text(real).casefold()


def test_charts_are_vector_graphics_with_their_text(report):
    text = _text(report)
    # chart titles as headings, and the text inside the SVG charts (axis labels, legend)
    assert "Deelnemers per soort activiteit" in text
    assert "Sport en bewegen" in text  # an axis label of the bar chart
    assert "per 1.000 inwoners" in text  # the map's colour bar title
    assert "Kaart: fictieve demogemeente" in text
    images = subprocess.run(
        ["pdfimages", "-list", str(report)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    assert len(images) == 2, images  # the header lines only: no raster image in the report


def test_fonts_are_embedded(report):
    fonts = subprocess.run(
        ["pdffonts", str(report)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert fonts, "geen lettertypen in de PDF"
    for line in fonts:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        assert "DejaVuSans" in name, line


def test_a4_pages(report):
    info = subprocess.run(
        ["pdfinfo", str(report)], check=True, capture_output=True, text=True
    ).stdout
    assert "595.28 x 841.89 pts (A4)" in info


def test_hatched_bars_are_a_tint_of_their_colour_not_white():
    # fpdf2 draws no SVG <pattern>: a walk found the hatched partner soorten (zorg, cultuur)
    # white in the PDF, alike. Green rgb(0, 158, 115) 40% towards white, by hand:
    # 0 + 255 × 0,4 = 102; 158 + 97 × 0,4 = 196,8 -> 197; 115 + 140 × 0,4 = 171
    svg = (
        # as Plotly writes it: the patterns in a group of their own under <defs>
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><defs>'
        b'<g class="patterns"><pattern id="p1-zorg" width="14" height="14"'
        b' patternUnits="userSpaceOnUse"><rect width="14" height="14" fill="rgb(0, 158, 115)"/>'
        b'<path d="M0,14L14,0"/></pattern></g>'
        b"</defs>"
        b'<path d="M0,0H50V20H0Z" style="stroke-width: 1px; fill: url(\'#p1-zorg\'); stroke:'
        b' rgb(51, 51, 51);" class="pattern_filled"/>'
        b'<path d="M0,25H50V45H0Z" style="fill: rgb(0, 114, 178);"/></svg>'
    )
    text = pdf._for_fpdf(svg).decode()
    assert "fill: rgb(102, 197, 171)" in text
    assert "url(" not in text.split("</defs>")[1]
    assert "fill: rgb(0, 114, 178)" in text  # a plain bar as it was


def test_each_line_of_a_centred_label_is_a_text_of_its_own():
    # fpdf2 ignores text-anchor on a <tspan>: the two lines of "nov 2021 – okt 2022" under a
    # bar started at its middle. As Plotly writes such a label (12 px): the second line is
    # 1,3em = 15,6 px under the first, at y 413 + 15,6 = 428,6
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="450">'
        b'<text text-anchor="middle" x="0" y="413" transform="translate(265,0)"'
        b' style="font-family: Arial; font-size: 12px;">'
        b'<tspan class="line" dy="0em" x="0" y="413">nov 2021 \xe2\x80\x93</tspan>'
        b'<tspan class="line" dy="1.3em" x="0" y="413">okt 2022</tspan></text></svg>'
    )
    root = ET.fromstring(pdf._for_fpdf(svg))
    texts = [(t.get("text-anchor"), t.get("transform"), t.get("y"), t.text) for t in root]
    assert texts == [
        ("middle", "translate(265,0)", "413.00", "nov 2021 –"),
        ("middle", "translate(265,0)", "428.60", "okt 2022"),
    ]


def test_a_heading_keeps_the_first_lines_of_its_paragraph_on_its_page():
    # a walk's handout ended page 1 on "Opbouwwerk door de jaren" and one line of its text
    report = pdf._Report(fixture.story())
    report.add_page()
    text = "Toen de opbouwwerker hier in juni 2025 vertrok en de plek leeg bleef. " * 4
    assert report.lines(text, 12) >= pdf.KEPT_LINES
    # room for the heading (one line, 6.5 mm) and one line of text (6 mm), not three
    report.set_y(report.page_break_trigger - 14)
    report.keep_with_next("Opbouwwerk door de jaren", text, 12)
    assert report.page_no() == 2
    # at the top of a page there is room: no page is added
    report.keep_with_next("Opbouwwerk door de jaren", text, 12)
    assert report.page_no() == 2
    # room for the heading and three lines (6.5 + 0.5 + 18 mm): it stays
    report.set_y(report.page_break_trigger - 26)
    report.keep_with_next("Opbouwwerk door de jaren", text, 12)
    assert report.page_no() == 2
    # written out, as report() does: fpdf2 closes its font files then (left open, they
    # surfaced as a ResourceWarning in whichever test the garbage collector ran next)
    report.output()


def _pages(data: bytes, tmp_path: Path) -> list[str]:
    """The text of each page of a PDF, read back with pdftotext."""
    path = tmp_path / "verslag.pdf"
    path.write_bytes(data)
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True)
    return [" ".join(page.split()) for page in raw.stdout.decode("utf-8").split("\f")]


def test_the_verhalen_heading_stays_with_its_first_story(tmp_path):
    # a walk's handout ended page 1 on "Verhalen uit de wijk", its stories on page 2. Text of
    # every length before it (half a line more each time) puts the heading at every height
    # of page 1: wherever it lands, the first story's words are on the heading's page
    _heading, verhaal = fixture.VERHAAL
    filler = "Een regel tekst die de pagina vult."
    for k in range(0, 90):
        story = replace(
            fixture.story(), charts=(), sections=(("Opvulling", (" ".join([filler] * k),)),)
        )
        pages = _pages(pdf.report(story), tmp_path)
        on = [i for i, page in enumerate(pages) if "Verhalen uit de wijk" in page]
        opening = "“" + " ".join(verhaal.split()[:3])  # the quote's first words
        assert len(on) == 1, k
        assert opening in pages[on[0]].split("Verhalen uit de wijk")[1], k


def test_the_charts_type_is_readable_on_paper():
    # at the screen's 12 px a map's numbers and names came out at 5 to 6 pt on A4 (a walk
    # for residents); the slides' sizes at PRINT_SCALE: 20 px × 0,8 = 16 px at the least,
    # 16 × 174 / 900 mm = 3,1 mm = 8,8 pt
    sizes = []
    for svg, _height in pdf._svgs(fixture.story().charts):
        sizes += [float(s) for s in re.findall(rb"font-size: ?([0-9.]+)px", svg)]
    assert sizes and min(sizes) >= 16
