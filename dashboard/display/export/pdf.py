"""The Wijkprofiel as an A4 report (fpdf2): title, period, the sentences, every chart and the
locator map as vector graphics, the source, a "Fictieve gegevens" mark on demo data and the
date made. Fonts are DejaVu Sans from Debian's fonts-dejavu-core, embedded (subset).

The charts come from kaleido as SVG and are drawn by fpdf2's SVG support, so their text
stays text (searchable, sharp at any zoom). fpdf2 reads clip paths and gradients only as
direct children of <defs>, and Plotly nests them in groups there: `_for_fpdf` lifts them out.
"""

from __future__ import annotations

import io
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
from fpdf import FPDF, FontFace

from dashboard import i18n
from dashboard.display import formatting as fmt
from dashboard.display.export import images
from dashboard.display.slides import projector_figure
from dashboard.display.story import Chart, Story
from dashboard.display.text import plain_lines
from dashboard.i18n import _

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT = images.FONT_FAMILY

# A4 in mm; the charts span the text width
MARGIN = 18
TEXT_WIDTH = 210 - 2 * MARGIN
MAP_SVG_HEIGHT = 620
# the charts' type on paper as a share of the slides' (dashboard.display.slides): a 900-pixel
# picture on TEXT_WIDTH, 174 mm, gives their 20 px labels 16 px at 0,8: 3,1 mm, 8,8 pt
PRINT_SCALE = 0.8
MIN_SVG_HEIGHT = 300
MAX_SVG_HEIGHT = 760
# The lines of a paragraph that stay on the page of its heading (or all, when fewer).
KEPT_LINES = 3

INK = (33, 37, 41)
GREY = (100, 100, 100)
VERMILLION = (213, 94, 0)  # Okabe–Ito, as the charts

_SVG = "http://www.w3.org/2000/svg"
_FONT_FAMILY = re.compile(r"font-family:\s*[^;\"]+")
_FONT_SIZE = re.compile(r"font-size:\s*([0-9.]+)px")
_URL = re.compile(r"url\(['\"]?#([^'\")]+)['\"]?\)")
_PATTERN_FILL = re.compile(r"fill:\s*" + _URL.pattern)  # a fill by reference, as _URL reads it
_RGB = re.compile(r"rgb\((\d+),\s*(\d+),\s*(\d+)\)")
# A hatched fill (white stripes over a colour) seen from a little way off: the colour this
# much towards white.
HATCH_TINT = 0.4


class PdfExportError(Exception):
    """The report could not be made; the message is Dutch, for the user."""


def _is_map(figure: go.Figure) -> bool:
    return any(trace.type in ("choropleth", "scattergeo") for trace in figure.data)


def _table(figure: go.Figure) -> Any:
    """The figure's table trace, if it is a table (drawn as a PDF table, not as an image)."""
    return next((t for t in figure.data if t.type == "table"), None)


def _svg_height(figure: go.Figure) -> int:
    """The SVG height of a chart: maps fixed, charts their own height within bounds."""
    if _is_map(figure):
        return MAP_SVG_HEIGHT
    own = figure.layout.height
    return int(min(MAX_SVG_HEIGHT, max(MIN_SVG_HEIGHT, own))) if own else images.SVG_HEIGHT


def _plain(value: object) -> str:
    """Plotly's cell text as plain text: tags out, entities back ("&lt;5" is "<5")."""
    return " ".join(plain_lines(value))


def _for_fpdf(svg: bytes) -> bytes:
    """Plotly's SVG as fpdf2 draws it: clip paths and gradients straight under <defs>,
    hatching as a tint, each line of a label a text of its own, and every text in the
    embedded font."""
    ET.register_namespace("", _SVG)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)
    for defs in root.iter(f"{{{_SVG}}}defs"):
        for group in [child for child in defs if child.tag == f"{{{_SVG}}}g"]:
            defs.remove(group)
            defs.extend(group.iter(f"{{{_SVG}}}clipPath"))
            defs.extend(group.iter(f"{{{_SVG}}}linearGradient"))
            defs.extend(group.iter(f"{{{_SVG}}}radialGradient"))
            defs.extend(group.iter(f"{{{_SVG}}}pattern"))  # read for their colours below
    _gradients_in_user_space(root)
    _patterns_as_tints(root)
    _lines_as_texts(root)
    text = ET.tostring(root, encoding="unicode")
    text = _FONT_FAMILY.sub(f"font-family: {FONT}", text)
    # fpdf2 takes a px font size as pt (3/4 of its size in the drawing's units)
    text = _FONT_SIZE.sub(lambda m: f"font-size: {float(m.group(1)) * 4 / 3:.2f}px", text)
    return text.encode("utf-8")


def _gradients_in_user_space(root: ET.Element) -> None:
    """Give each rect filled with a bounding-box gradient (the colour bar) its own gradient in
    user space: fpdf2 misplaces bounding-box gradients on a rect."""
    gradients = {g.get("id"): g for g in root.iter(f"{{{_SVG}}}linearGradient")}
    defs = next(root.iter(f"{{{_SVG}}}defs"), None)
    if defs is None:
        return
    for number, rect in enumerate(root.iter(f"{{{_SVG}}}rect")):
        match = _URL.search(rect.get("style", "") + rect.get("fill", ""))
        gradient = gradients.get(match.group(1)) if match else None
        if gradient is None or gradient.get("gradientUnits", "objectBoundingBox") != (
            "objectBoundingBox"
        ):
            continue
        try:
            x, y, w, h = (float(rect.get(a, "0")) for a in ("x", "y", "width", "height"))
        except ValueError:
            continue
        copy = ET.SubElement(defs, gradient.tag, dict(gradient.attrib))
        copy.extend(list(gradient))
        copy.set("id", f"{gradient.get('id')}-u{number}")
        copy.set("gradientUnits", "userSpaceOnUse")
        for axis, start, size in (("x", x, w), ("y", y, h)):
            for end, default in ((f"{axis}1", "0"), (f"{axis}2", "1" if axis == "x" else "0")):
                fraction = _fraction(gradient.get(end, default))
                copy.set(end, f"{start + fraction * size:.3f}")
        rect.set("style", _URL.sub(f"url(#{copy.get('id')})", rect.get("style", "")))
        if "fill" in rect.attrib:
            rect.set("fill", f"url(#{copy.get('id')})")


def _patterns_as_tints(root: ET.Element) -> None:
    """Fill what Plotly hatches (a partner's soort: "zorg", "cultuur") with its colour tinted
    towards white: fpdf2 draws no SVG pattern, so hatched bars and their legend keys came out
    white, two soorten alike."""
    tints = {}
    for pattern in root.iter(f"{{{_SVG}}}pattern"):
        background = next(pattern.iter(f"{{{_SVG}}}rect"), None)
        match = _RGB.fullmatch((background.get("fill") or "") if background is not None else "")
        if match:
            r, g, b = (round(int(c) + (255 - int(c)) * HATCH_TINT) for c in match.groups())
            tints[pattern.get("id")] = f"rgb({r}, {g}, {b})"
    if not tints:
        return
    for element in root.iter():
        style = element.get("style", "")
        match = _PATTERN_FILL.search(style)
        if match and match.group(1) in tints:
            element.set("style", _PATTERN_FILL.sub(f"fill: {tints[match.group(1)]}", style))


_EM = re.compile(r"^\s*(-?[0-9.]+)em\s*$")


def _lines_as_texts(root: ET.Element) -> None:
    """Make each line of a multi-line label (Plotly's <tspan class="line">) a <text> of its
    own: fpdf2 ignores text-anchor on a tspan, so the lines of a centred label ("nov 2021 –
    okt 2022" under a bar) started at the bar's middle instead of around it. Labels whose
    lines hold formatting of their own are left as they are."""
    text_tag, span_tag = f"{{{_SVG}}}text", f"{{{_SVG}}}tspan"
    for parent in list(root.iter()):
        for index, text in reversed(list(enumerate(parent))):
            if text.tag != text_tag:
                continue
            lines = [c for c in text if c.tag == span_tag and "line" in c.get("class", "")]
            if not lines or len(lines) != len(text) or any(len(line) for line in lines):
                continue
            size = _FONT_SIZE.search(text.get("style", ""))
            if size is None:
                continue
            parent.remove(text)
            for number, line in enumerate(lines):
                # each line has the label's y, and its dy counted from there (0, 1.3, 2.6em)
                em = _EM.match(line.get("dy", "0em"))
                y = float(line.get("y", text.get("y", "0")))
                y += float(em.group(1)) * float(size.group(1)) if em else 0.0
                single = ET.Element(text_tag, dict(text.attrib))
                single.set("x", line.get("x", text.get("x", "0")))
                single.set("y", f"{y:.2f}")
                single.text = line.text
                parent.insert(index + number, single)


def _fraction(value: str) -> float:
    value = value.strip()
    return float(value[:-1]) / 100 if value.endswith("%") else float(value)


class _Report(FPDF):
    def __init__(self, story: Story) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.story = story
        self.set_margins(MARGIN, 15, MARGIN)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_title(_("Wijkprofiel {name}").format(name=story.area_name))
        self.set_subject(f"{story.gemeente_name}, {story.period_text}")
        self.set_creator("Wijkdashboard")
        self.set_lang(i18n.language_tag())
        # the day made, not the second: the same story gives the same bytes
        self.set_creation_date(datetime.combine(story.made, time(), tzinfo=UTC))
        for style, name in FONT_FILES.items():
            path = FONT_DIR / name
            if not path.is_file():
                raise PdfExportError(
                    _(
                        "Lettertype ontbreekt: {path}. Installeer het Debian-pakket"
                        " fonts-dejavu-core (scripts/install-system-deps.sh)."
                    ).format(path=path)
                )
            self.add_font(FONT, style, str(path))

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        left = _("Wijkprofiel {name} · gemaakt op {date}").format(
            name=self.story.area_name, date=fmt.dutch_date(self.story.made)
        )
        if self.story.fictitious:
            left = _("FICTIEVE GEGEVENS · {text}").format(text=left)
        self.cell(TEXT_WIDTH - 30, 5, left, new_x="RIGHT", new_y="TOP")
        self.cell(
            30,
            5,
            _("pagina {page} van {total}").format(page=self.page_no(), total="{nb}"),
            align="R",
        )

    def paragraph(self, text: str, size: float, *, style: str = "", gap: float = 2) -> None:
        self.set_font(FONT, style, size)
        self.multi_cell(TEXT_WIDTH, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)

    def lines(self, text: str, size: float, style: str = "") -> int:
        """How many lines `paragraph` sets `text` in."""
        self.set_font(FONT, style, size)
        found = self.multi_cell(TEXT_WIDTH, size * 0.5, text, dry_run=True, output="LINES")
        return len(found) if isinstance(found, list) else 1

    def keep_with_next(self, heading: str, text: str, size: float) -> None:
        """A new page unless the heading and the first lines of its text fit on this one: a
        handout ended page 1 on a heading and one line of its paragraph."""
        first = min(self.lines(text, size), KEPT_LINES)
        needed = self.lines(heading, 13, "B") * 6.5 + 0.5 + first * size * 0.5
        if self.get_y() + needed > self.page_break_trigger:
            self.add_page()

    def fictitious_mark(self) -> None:
        self.set_draw_color(*VERMILLION)
        self.set_text_color(*VERMILLION)
        self.set_line_width(0.6)
        self.set_font(FONT, "B", 11)
        self.multi_cell(
            TEXT_WIDTH,
            7,
            _("Fictieve gegevens: een demogemeente, geen echte wijk of echte bewoners."),
            border=1,
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.set_text_color(*INK)
        self.set_draw_color(*GREY)
        self.set_line_width(0.2)
        self.ln(4)

    def table_chart(self, chart: Chart, trace: Any) -> None:
        """A table figure as a real PDF table (text that wraps and breaks across pages)."""
        header = [_plain(v) for v in trace.header.values]
        columns = [[_plain(v) for v in column] for column in trace.cells.values]
        if self.get_y() + 40 > self.page_break_trigger:
            self.add_page()
        self.set_text_color(*INK)
        self.paragraph(chart.title, 13, style="B", gap=1)
        self.set_font(FONT, "", 9)
        # the first column names the figure, the last one says what changed: both wider
        widths = [2.0, *[1.0] * (len(header) - 2), 1.6] if len(header) > 2 else [1.0] * len(header)
        with self.table(
            col_widths=widths,
            width=TEXT_WIDTH,
            text_align="LEFT",
            headings_style=FontFace(emphasis="BOLD", fill_color=(238, 238, 238)),
            borders_layout="HORIZONTAL_LINES",
            padding=1,
            line_height=4.2,
        ) as table:
            table.row(header)
            for row in zip(*columns, strict=False):
                table.row(list(row))
        self.ln(5)

    def chart(self, chart: Chart, svg: bytes, height_px: int) -> None:
        height = TEXT_WIDTH * height_px / images.SVG_WIDTH
        if self.get_y() + 10 + height > self.page_break_trigger:
            self.add_page()
        self.set_text_color(*INK)
        self.paragraph(chart.title, 13, style="B", gap=1)
        self.image(io.BytesIO(_for_fpdf(svg)), x=MARGIN, w=TEXT_WIDTH, h=height)
        self.ln(4)


def _svgs(charts: Sequence[Chart]) -> list[tuple[bytes, int]]:
    """Each chart but a table as SVG (b"" for a table), all in one batch."""
    drawn = [i for i, c in enumerate(charts) if _table(c.picture) is None]
    heights = [_svg_height(charts[i].picture) for i in drawn]
    out: list[tuple[bytes, int]] = [(b"", 0)] * len(charts)
    # the slides' fonts, a little smaller: at the screen's 12 px a chart's labels came out at
    # 5 to 6 pt on A4 (a map's numbers and names too small to read for residents)
    pictures = images.svg(
        [projector_figure(charts[i].picture, PRINT_SCALE) for i in drawn], height=heights
    )
    for i, height, svg in zip(drawn, heights, pictures, strict=True):
        out[i] = (svg, height)
    return out


def report(story: Story) -> bytes:
    """The story as an A4 PDF."""
    svgs = _svgs(story.charts)
    pdf = _Report(story)
    pdf.add_page()
    pdf.set_text_color(*GREY)
    pdf.paragraph(_("Wijkprofiel"), 11, gap=0)
    pdf.set_text_color(*INK)
    pdf.paragraph(story.area_name, 24, style="B", gap=1)
    pdf.paragraph(_("Gemeente {name}").format(name=story.gemeente_name), 14, gap=1)
    pdf.paragraph(_("Periode: {period}").format(period=story.period_text), 12, gap=4)
    if story.fictitious:
        pdf.fictitious_mark()
    if story.sections:
        # as on the screen: a heading, then its sentences as one paragraph
        for heading, said in story.sections:
            pdf.keep_with_next(heading, " ".join(said), 12)
            pdf.paragraph(heading, 13, style="B", gap=0.5)
            pdf.paragraph(" ".join(said), 12, gap=3)
    else:
        for sentence in story.sentences:
            pdf.paragraph(sentence, 12, gap=2.5)
    if story.verhalen:
        heading, first = story.verhalen[0]
        # the heading with its first story's date line and words (a handout ended page 1 on it)
        pdf.keep_with_next(_("Verhalen uit de wijk"), f"{heading} “{first}”", 12)
        pdf.paragraph(_("Verhalen uit de wijk"), 13, style="B", gap=0.5)
        for heading, text in story.verhalen:
            pdf.set_text_color(*GREY)
            pdf.paragraph(heading, 10, gap=0.5)
            pdf.set_text_color(*INK)
            # upright: the italic of DejaVu is in another Debian package than its regular
            pdf.paragraph(f"“{text}”", 12, gap=2.5)
    pdf.ln(3)
    # fpdf2 logs a warning for every SVG element it skips (Plotly's hover layers and the like)
    svg_log = logging.getLogger("fpdf.svg")
    level = svg_log.level
    svg_log.setLevel(logging.ERROR)
    try:
        for chart, (svg, height) in zip(story.charts, svgs, strict=True):
            trace = _table(chart.picture)
            if trace is not None:
                pdf.table_chart(chart, trace)
            else:
                pdf.chart(chart, svg, height)
    finally:
        svg_log.setLevel(level)
    pdf.set_text_color(*GREY)
    pdf.paragraph(story.source, 9, gap=1)
    pdf.paragraph(
        _("Gemaakt op {date} met het Wijkdashboard.").format(date=fmt.dutch_date(story.made)), 9
    )
    return bytes(pdf.output())
