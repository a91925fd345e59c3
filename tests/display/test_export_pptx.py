"""The PPTX slides, read back with python-pptx: editable text, charts as pictures, 16:9."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from dashboard.display import export, slides
from dashboard.display.export import images
from dashboard.display.export import pptx as slides_file
from dashboard.display.story import Slide
from tests.fixtures import story as fixture

pytestmark = pytest.mark.slow  # starts Chromium (kaleido) for the chart pictures


@pytest.fixture(scope="module")
def deck():
    data, name, mime = export.render(fixture.story(), "pptx")
    assert name == "wijkprofiel-oud-zuid-een-straat-WK999902-2025-11-01-2026-10-31.pptx"
    assert mime.endswith("presentationml.presentation")
    return Presentation(io.BytesIO(data))


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_widescreen(deck):
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))


def test_every_slide_with_its_title_and_message_as_text(deck):
    story = fixture.story()
    slides = list(deck.slides)
    assert len(slides) == len(story.slides) + 1  # and the source slide
    for slide, told in zip(slides, story.slides, strict=False):
        assert slide.shapes.title.text == told.title
        assert told.message in _texts(slide)
        assert "Fictieve gegevens" in _texts(slide)
    assert story.source in "\n".join(_texts(slides[-1]))


def test_big_type(deck):
    first = list(deck.slides)[1]
    sizes = {
        run.font.size.pt
        for shape in first.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }
    assert max(sizes) >= 40 and 28 in sizes


def test_charts_span_the_slide_under_their_message(deck):
    # a walk found charts set 16:9 in the middle (labels about 9 pt on a projector) and a
    # three-line message running under its chart: each chart is now as wide as the text, starts
    # under the message's box and ends above the footer, drawn for its box (not stretched)
    story = fixture.story()
    for slide, told in zip(deck.slides, story.slides, strict=False):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == (told.chart is not None)
        for picture in pictures:
            assert picture.image.content_type == "image/png"
            assert picture.width == slides_file.WIDTH - 2 * slides_file.MARGIN
            message = next(s for s in slide.shapes if s.has_text_frame and s.text == told.message)
            assert picture.top >= message.top + message.height
            assert picture.top + picture.height <= slides_file.PICTURE_BOTTOM
            pixels_wide, pixels_high = picture.image.size
            assert pixels_wide == images.PNG_WIDTH
            shown = picture.width / picture.height
            assert abs(pixels_wide / pixels_high - shown) / shown < 0.01


@pytest.mark.parametrize(
    ("message", "lines"),
    [
        # counted by hand in LibreOffice Impress's rendering of the demo's Oude Haven deck
        # (slide 13, 22 pt across the slide): three lines
        (
            "Toen de opbouwwerker hier in juni 2025 vertrok en de plek 3 maanden leeg bleef,"
            " daalde het aandeel bijeenkomsten van bewonersinitiatieven van 40% naar 22%"
            " (12 maanden ervoor tegen 12 maanden erna).",
            3,
        ),
        ("258 mensen deden mee aan 11 activiteiten", 1),
        ("Eerste regel\nTweede regel", 2),
    ],
)
def test_a_message_is_measured_in_lines_of_its_font(message, lines):
    width = slides_file.WIDTH - 2 * slides_file.MARGIN
    assert slides_file._lines(message, slides_file.MESSAGE_WITH_CHART_SIZE, width) == lines


def test_charts_have_their_title_as_alternative_text(deck):
    story = fixture.story()
    for slide, told in zip(deck.slides, story.slides, strict=False):
        for picture in (s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE):
            assert picture._element.nvPicPr.cNvPr.get("descr") == told.chart.title


def test_charts_are_drawn_with_the_presentation_modes_projector_fonts(monkeypatch):
    # a walk measured the labels of the web-size pictures at 9 to 11 px on a 1024 projector
    drawn = []

    def png(figures, heights=None):
        drawn.extend(figures)
        return [images_png_of_slide_size()] * len(figures)

    monkeypatch.setattr(images, "png", png)
    export.render(fixture.story(), "pptx")
    assert drawn
    for figure in drawn:
        assert figure.layout.font.size >= slides.FONT_SIZE
        assert figure.layout.legend.font.size >= slides.TICK_FONT_SIZE


def images_png_of_slide_size() -> bytes:
    """A blank PNG of the slide pictures' size (python-pptx reads its size from it)."""
    out = io.BytesIO()
    Image.new("RGB", (images.PNG_WIDTH, images.PNG_HEIGHT), "white").save(out, "PNG")
    return out.getvalue()


def test_the_text_says_its_language(deck):
    # so that PowerPoint checks the Dutch as Dutch, not in the editor's own language
    langs = {
        run.font._rPr.get("lang")
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }
    assert langs == {"nl-NL"}


def test_where_a_verhaal_comes_from_stands_under_it_in_small_type():
    # a walk read "(18 jun 2026 · groen · van een bijeenkomst)" in the quote's large type, as
    # part of what the resident said: now its own line under the quote, small and grey
    quote = Slide("Uit de wijk", "“Sinds de moestuin er is, groeten buren elkaar weer.”",
                  note="1 okt 2025 · ontmoeting · van een bewoner")  # fmt: skip
    story = replace(fixture.story(), slides=(quote,))
    page = list(Presentation(io.BytesIO(slides_file.deck(story))).slides)[0]
    boxes = {s.text_frame.text: s for s in page.shapes if s.has_text_frame}
    said, note = boxes[quote.message], boxes[quote.note]
    size = {run.font.size.pt for p in note.text_frame.paragraphs for run in p.runs}
    assert size == {18}  # against the quote's 28
    # under the quote's one line: 28 pt × 1,2 = 33,6 pt, then the box's insets
    assert note.top >= said.top + Inches(33.6 / 72)


def test_a_note_on_a_chart_slide_stands_between_its_message_and_its_chart():
    # the slide of people who took part names what its ranking counts (residents, wherever
    # they went): small and grey under the message, and the chart starts below it
    charted = next(s for s in fixture.story().slides if s.chart is not None)
    noted = replace(charted, note="De grafiek telt de inwoners die meededen, per 1.000 inwoners.")
    story = replace(fixture.story(), slides=(noted,))
    page = list(Presentation(io.BytesIO(slides_file.deck(story))).slides)[0]
    boxes = {s.text_frame.text: s for s in page.shapes if s.has_text_frame}
    said, note = boxes[noted.message], boxes[noted.note]
    [picture] = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert {run.font.size.pt for p in note.text_frame.paragraphs for run in p.runs} == {18}
    assert said.top + said.height <= note.top
    assert note.top + note.height <= picture.top
    assert picture.top + picture.height <= slides_file.PICTURE_BOTTOM
