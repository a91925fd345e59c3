"""The presentation slides as a PowerPoint file (python-pptx): 16:9, the text as editable text
boxes in big type, each chart as a PNG from kaleido. Uses only the default template's
"Title Only" layout, which PowerPoint and LibreOffice Impress both open.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import ImageFont
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from dashboard import i18n
from dashboard.display import formatting as fmt
from dashboard.display.export import images
from dashboard.display.export.pdf import FONT_DIR, FONT_FILES
from dashboard.display.slides import projector_figure
from dashboard.display.story import Slide, Story
from dashboard.i18n import _

WIDTH = Inches(13.333)
HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
TITLE_ONLY = 5  # the default template's "Title Only" layout

TITLE_SIZE = Pt(40)
MESSAGE_SIZE = Pt(28)
MESSAGE_WITH_CHART_SIZE = Pt(22)
NOTE_SIZE = Pt(14)
SOURCE_SIZE = Pt(18)  # where a verhaal comes from, under the quote (Slide.note)
FONT = "DejaVu Sans"  # falls back to the system's sans in PowerPoint when not installed

INK = RGBColor(0x21, 0x25, 0x29)
GREY = RGBColor(0x64, 0x64, 0x64)
VERMILLION = RGBColor(0xD5, 0x5E, 0x00)


def _language(run) -> None:
    """The run's language, so that PowerPoint checks the spelling of Dutch as Dutch (and of
    the English switch as English), not as the editor's own language."""
    run.font._rPr.set("lang", i18n.language_tag())


def _text(
    slide,
    left: int,
    top: int,
    width: int,
    height: int,
    text: str,
    size: Pt,
    *,
    colour: RGBColor = INK,
    bold: bool = False,
    align=PP_ALIGN.LEFT,
) -> None:
    box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for number, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size = size
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = colour
        _language(run)


def _title(slide, text: str) -> None:
    title = slide.shapes.title
    title.left, title.top = MARGIN, Inches(0.35)
    title.width, title.height = WIDTH - 2 * MARGIN, Inches(1.0)
    frame = title.text_frame
    frame.word_wrap = True
    frame.text = text
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    for run in paragraph.runs:
        run.font.size = TITLE_SIZE
        run.font.bold = True
        run.font.name = FONT
        run.font.color.rgb = INK
        _language(run)


def _marks(slide, story: Story, number: int, count: int) -> None:
    """The fictitious-data mark (top right) and the slide's footer."""
    bottom = HEIGHT - Inches(0.55)
    footer = f"{story.area_name}, {story.gemeente_name} · {story.period_text}"
    _text(
        slide,
        MARGIN,
        bottom,
        WIDTH - 2 * MARGIN - Inches(1.5),
        Inches(0.4),
        footer,
        NOTE_SIZE,
        colour=GREY,
    )
    _text(
        slide,
        WIDTH - MARGIN - Inches(1.5),
        bottom,
        Inches(1.5),
        Inches(0.4),
        f"{number} / {count}",
        NOTE_SIZE,
        colour=GREY,
        align=PP_ALIGN.RIGHT,
    )
    if story.fictitious:
        _text(
            slide,
            WIDTH - MARGIN - Inches(3.2),
            Inches(0.05),
            Inches(3.2),
            Inches(0.35),
            _("Fictieve gegevens"),
            NOTE_SIZE,
            colour=VERMILLION,
            bold=True,
            align=PP_ALIGN.RIGHT,
        )


# Where a slide's text starts under its title, and where its picture must end (the footer).
MESSAGE_TOP = Inches(1.45)
PICTURE_BOTTOM = HEIGHT - Inches(0.65)
# A text box's own inner margins (python-pptx's defaults: 0.1" left and right, 0.05" top and
# bottom) and the line height of DejaVu Sans as LibreOffice and PowerPoint set it.
BOX_INSETS = Inches(0.2)
LINE_HEIGHT = 1.2


@lru_cache(maxsize=4)
def _font(size: float) -> ImageFont.FreeTypeFont | None:
    try:
        return ImageFont.truetype(str(FONT_DIR / FONT_FILES[""]), size)
    except OSError:
        return None


def _lines(text: str, size: Pt, width: int) -> int:
    """How many lines `text` takes at `size` in a box `width` wide, wrapped at spaces as
    PowerPoint does, measured with DejaVu Sans's own widths (a guessed number of characters
    per line let a three-line message run under the chart)."""
    points, room = size.pt, (width - BOX_INSETS) / Pt(1)
    font = _font(points)
    count = 0
    for paragraph in text.split("\n"):
        line = ""
        count += 1
        for word in paragraph.split(" "):
            longer = f"{line} {word}" if line else word
            wide = font.getlength(longer) if font else len(longer) * 0.6 * points
            if line and wide > room:
                count += 1
                line = word
            else:
                line = longer
    return count


def _text_height(text: str, size: Pt) -> int:
    """The height in EMU that `text` takes at `size` across the slide."""
    return int(_lines(text, size, WIDTH - 2 * MARGIN) * LINE_HEIGHT * size)


def _message_height(slide: Slide) -> int:
    """The height in EMU that a slide's message over a chart takes, with its note."""
    note = _text_height(slide.note, SOURCE_SIZE) + BOX_INSETS if slide.note else 0
    return _text_height(slide.message, MESSAGE_WITH_CHART_SIZE) + note + Inches(0.1)


def _picture_box(slide: Slide) -> tuple[int, int, int]:
    """A chart slide's message height, and where its chart starts and how tall it is: the
    whole width under the message, down to the footer (at most 16:9); measured once."""
    message = _message_height(slide)
    top = MESSAGE_TOP + message + Inches(0.1)
    width = WIDTH - 2 * MARGIN
    return message, top, min(PICTURE_BOTTOM - top, width * 9 // 16)


def _layout_height(box: tuple[int, int, int]) -> int:
    """The chart's layout height in pixels for its box, at PNG_LAYOUT_WIDTH: the picture is
    set at the slide's width, so its type is as big as in the presentation mode."""
    _message, _top, height = box
    return max(round(images.PNG_LAYOUT_WIDTH * height / (WIDTH - 2 * MARGIN)), 240)


def _slide(deck, slide: Slide, picture: bytes | None, box: tuple[int, int, int] | None) -> None:
    page = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    _title(page, slide.title)
    width = WIDTH - 2 * MARGIN
    if picture is None or box is None:
        _text(
            page, MARGIN, MESSAGE_TOP + Inches(0.3), width, Inches(4.5), slide.message, MESSAGE_SIZE
        )
        if slide.note:  # under the message's last line, in small grey type
            top = MESSAGE_TOP + Inches(0.3) + _text_height(slide.message, MESSAGE_SIZE) + BOX_INSETS
            _text(page, MARGIN, top, width, Inches(0.6), slide.note, SOURCE_SIZE, colour=GREY)
        return
    message = _text_height(slide.message, MESSAGE_WITH_CHART_SIZE)
    _text(
        page,
        MARGIN,
        MESSAGE_TOP,
        width,
        message + Inches(0.1),
        slide.message,
        MESSAGE_WITH_CHART_SIZE,
    )
    if slide.note:  # what the chart counts, under the message (_message_height makes room)
        top = MESSAGE_TOP + message + BOX_INSETS
        height = _text_height(slide.note, SOURCE_SIZE)
        _text(page, MARGIN, top, width, height, slide.note, SOURCE_SIZE, colour=GREY)
    # the chart fills the rest at the slide's width, rendered for this box (_layout_height)
    _message, top, height = box
    shape = page.shapes.add_picture(
        io.BytesIO(picture), Emu(MARGIN), Emu(top), Emu(width), Emu(height)
    )
    if slide.chart is not None:  # the alternative text a screen reader gives ("image.png")
        shape._element.nvPicPr.cNvPr.set("descr", slide.chart.title)


def deck(story: Story) -> bytes:
    """The story's slides as PPTX bytes: the slides, then one slide with the source."""
    with_chart = [s for s in story.slides if s.chart is not None]
    charts = [s.chart for s in with_chart]
    # the presentation mode's projector fonts, each chart as wide as the slide: set 16:9 in
    # the middle, a picture on 58% of the slide's width showed its labels at 9 to 11 px on a
    # 1024-pixel projector
    figures = [projector_figure(c.figure) for c in charts if c is not None]
    boxes = {id(s): _picture_box(s) for s in with_chart}
    heights = [_layout_height(boxes[id(s)]) for s in with_chart]
    pictures = dict(zip((id(c) for c in charts), images.png(figures, heights), strict=True))
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = WIDTH, HEIGHT
    props = presentation.core_properties
    props.title = _("Wijkprofiel {name}").format(name=story.area_name)
    props.subject = f"{story.gemeente_name}, {story.period_text}"
    props.author = "Wijkdashboard"
    slides = [
        *story.slides,
        Slide(
            _("Bron"),
            _("{source}\n\nGemaakt op {date}.").format(
                source=story.source, date=fmt.dutch_date(story.made)
            ),
        ),
    ]
    for number, slide in enumerate(slides, start=1):
        picture = pictures.get(id(slide.chart)) if slide.chart is not None else None
        _slide(presentation, slide, picture, boxes.get(id(slide)))
        _marks(presentation.slides[-1], story, number, len(slides))
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()
