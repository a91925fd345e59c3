"""The PNG export: a zip with one PNG per chart, at slide resolution."""

from __future__ import annotations

import io
import struct
import zipfile

import pandas as pd
import plotly.io as pio
import pytest
from PIL import Image

from dashboard.display import export
from dashboard.display.charts import wijkprofiel as charts
from dashboard.display.export import images
from tests.fixtures import story as fixture

pytestmark = pytest.mark.slow  # starts Chromium (kaleido)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_zip_of_pngs_at_slide_size():
    data, name, mime = export.render(fixture.story(), "png")
    assert name == "wijkprofiel-grafieken-oud-zuid-een-straat-WK999902-2025-11-01-2026-10-31.zip"
    assert mime == "application/zip"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["01-deelnemers-per-soort.png", "02-ligging.png"]
        for member in archive.namelist():
            assert png_size(archive.read(member)) == (1600, 900)
    assert (images.PNG_WIDTH, images.PNG_HEIGHT) == (1600, 900)


def test_one_warm_browser_for_many_images():
    figures = [c.figure for c in fixture.story().charts] * 3
    first = images.png(figures[:1])
    pid = images.browser_pid()
    more = images.png(figures)
    assert images.browser_pid() == pid  # no new browser for the next batch
    assert len(more) == 6 and png_size(first[0]) == (1600, 900)


def test_svg_keeps_text_as_text():
    (svg,) = images.svg([fixture.bar_chart().figure])
    assert b"<text" in svg and b"Sport en bewegen" in svg
    assert b"DejaVu Sans" in svg


def test_render_zip_one_file_per_story():
    stories = [fixture.story(), fixture.story()]
    data = export.render_zip(stories, "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [
            "wijkprofiel-oud-zuid-een-straat-WK999902-2025-11-01-2026-10-31.xlsx",
            "wijkprofiel-oud-zuid-een-straat-WK999902-2025-11-01-2026-10-31-2.xlsx",
        ]


def test_unknown_format_is_a_dutch_error():
    with pytest.raises(export.ExportError, match="Onbekend exportformaat 'docx'"):
        export.render(fixture.story(), "docx")


def test_a_table_keeps_its_last_row(monkeypatch):
    """The Wijkprofiel's key figures as a PNG lost their last rows: the cells wrap to two or
    three lines at the picture's width, and the picture was 16:9. Now the table is drawn on a
    taller page and cut below its last row.

    Under another global template (the app sets Streamlit's; CI found the test failing after
    a test that imported streamlit) the table keeps its own style: the same picture."""
    monkeypatch.setattr(pio.templates, "default", "plotly_dark")
    rows = 12
    figures = pd.DataFrame(
        {
            "Kengetal": [f"Kengetal met een lange naam nummer {n}" for n in range(1, rows + 1)],
            "Waarde": [str(n) for n in range(1, rows + 1)],
            "Verandering": ["+1.871 t.o.v. een jaar eerder (gunstig)"] * rows,
        }
    )
    (picture,) = images.png([charts.figures_table(figures)])
    width, height = png_size(picture)
    # 12 rows of two or three lines do not fit in 900 pixels, and the page held them all: the
    # picture ends below the last row, in white, well above the taller page's end
    assert width == 1600 and 900 < height < images.TABLE_LAYOUT_HEIGHT * images.PNG_SCALE
    with Image.open(io.BytesIO(picture)) as image:
        grey = image.convert("L")
        last = [grey.getpixel((x, y)) for x in range(width) for y in range(height - 16, height)]
        above = [grey.getpixel((x, height - 30)) for x in range(width)]
        # down the first column, left of its text, below the title: the shaded cells, one
        # run of non-white pixels each, between the white lines that part the rows
        column = [grey.getpixel((22, y)) for y in range(90, height)]
    assert min(last) > 250  # the margin under the table is white
    assert min(above) < 250  # and the table reaches down to just above it
    runs = sum(1 for a, b in zip([255, *column], column, strict=False) if a >= 250 > b)
    assert runs == 1 + rows  # the header and all 12 rows are in the picture


def test_trim_bottom_cuts_the_white_below_a_drawing():
    image = Image.new("RGB", (40, 100), "white")
    image.paste((0, 0, 0), (5, 10, 30, 60))  # a black box from row 10 to row 59
    out = io.BytesIO()
    image.save(out, format="PNG")
    trimmed = images.trim_bottom(out.getvalue(), margin=5)
    assert png_size(trimmed) == (40, 65)  # 60 rows drawn on + 5 of margin
    blank = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(blank, format="PNG")
    assert images.trim_bottom(blank.getvalue()) == blank.getvalue()  # nothing drawn: as is
