"""Exports of one area's story (dashboard.display.story): PDF report, PPTX slides, PNG charts
and the XLSX of the figures, each as (bytes, file name, MIME type); and a zip of many.

The story is already public (privacy applied by the screen that built it); the writers only
lay it out. Images come from one warm browser (`images`).
"""

from __future__ import annotations

import contextvars
import io
import re
import time
import unicodedata
import zipfile
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor

from dashboard.display.export import images, pdf, pptx, xlsx
from dashboard.display.export.images import ImageExportError, close_browser
from dashboard.display.export.pdf import PdfExportError
from dashboard.display.story import Story

FORMATS: tuple[str, ...] = ("pdf", "pptx", "png", "xlsx")
# the formats whose charts a browser draws (images); the XLSX holds figures only
NEEDS_BROWSER: frozenset[str] = frozenset({"pdf", "pptx", "png"})

MIME: dict[str, str] = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "application/zip",  # one PNG per chart, in a zip
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")

__all__ = [
    "FORMATS",
    "MIME",
    "NEEDS_BROWSER",
    "ExportError",
    "available",
    "close_browser",
    "file_name",
    "render",
    "render_zip",
]


class ExportError(Exception):
    """An export could not be made; the message is Dutch, for the user."""


def available(kind: str) -> bool:
    """Whether this server can make the format: the image formats need Chromium."""
    return kind not in NEEDS_BROWSER or images.browser_found()


def _safe(text: str) -> str:
    return _UNSAFE.sub("-", text).strip("-") or "gebied"


def _slug(name: str) -> str:
    """A name for a file: ASCII, lower case, words joined by "-" ("Één Straat" -> "een-straat")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _safe(ascii_name).lower()


def file_name(story: Story, extension: str, prefix: str = "wijkprofiel") -> str:
    """`wijkprofiel-<name>-<code>-<start>-<end>.<extension>` (the date made when the story
    has no period): the name, so that a user finds "oude-haven" among their downloads."""
    if story.period is not None:
        when = f"{story.period.start.isoformat()}-{story.period.end.isoformat()}"
    else:
        when = story.made.isoformat()
    return f"{prefix}-{_slug(story.area_name)}-{_safe(story.area_code)}-{when}.{extension}"


def _png_zip(story: Story) -> bytes:
    pictures = images.png([c.picture for c in story.charts])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # PNG is compressed already
        names: set[str] = set()
        for number, (chart, picture) in enumerate(zip(story.charts, pictures, strict=True), 1):
            name = f"{number:02d}-{_safe(chart.name)}.png"
            while name in names:
                name = f"{number:02d}-{_safe(chart.name)}-{len(names)}.png"
            names.add(name)
            archive.writestr(_member(name), picture, compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


_WRITERS: dict[str, Callable[[Story], bytes]] = {
    "pdf": pdf.report,
    "pptx": pptx.deck,
    "png": _png_zip,
    "xlsx": xlsx.workbook,
}


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"Onbekend exportformaat '{fmt}'; kies uit {', '.join(FORMATS)}.")


def render(story: Story, fmt: str) -> tuple[bytes, str, str]:
    """One story as (data, file name, MIME type); "png" gives a zip with one PNG per chart."""
    _check(fmt)
    try:
        data = _WRITERS[fmt](story)
    except (ImageExportError, PdfExportError) as exc:
        raise ExportError(str(exc)) from exc
    extension = "zip" if fmt == "png" else fmt
    name = file_name(story, extension, "wijkprofiel-grafieken" if fmt == "png" else "wijkprofiel")
    return data, name, MIME[fmt]


def render_zip(stories: Iterable[Story], fmt: str) -> bytes:
    """Many stories (all areas of a gemeente) as one zip, one file per area.

    Laying out one story overlaps with making the next (the caller's generator runs its
    queries meanwhile); at most two stories wait, so memory stays flat for many areas.
    """
    _check(fmt)
    out = io.BytesIO()
    names: set[str] = set()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="export") as pool,
    ):

        def store(done: Future[tuple[bytes, str, str]]) -> None:
            data, name, _ = done.result()
            stem, dot, extension = name.rpartition(".")
            copy = 1
            while name in names:
                copy += 1
                name = f"{stem}-{copy}{dot}{extension}"
            names.add(name)
            archive.writestr(_member(name), data)

        waiting: deque[Future[tuple[bytes, str, str]]] = deque()
        for story in stories:
            # in the caller's context: the writers answer in the caller's language
            waiting.append(pool.submit(contextvars.copy_context().run, render, story, fmt))
            if len(waiting) > 1:
                store(waiting.popleft())
        while waiting:
            store(waiting.popleft())
    return out.getvalue()


def _member(name: str) -> zipfile.ZipInfo:
    """A zip entry readable by everyone once unpacked (writestr's default is owner-only)."""
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info
