"""The PNG export: a zip with one PNG per chart, at slide resolution."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from dashboard.display import export
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
