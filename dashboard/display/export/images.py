"""Charts as PNG (slides, the PNG export) and SVG (vector graphics in the PDF) through kaleido.

One headless Chromium (Debian's `chromium`) stays warm for the whole process: the first
image starts it (about 2 s), every later one reuses it (0.1–0.4 s each; STACK_NOTES "Static
export (kaleido 1.5.0)"). It runs kaleido on an event loop of its own in a daemon thread,
the same design as `kaleido.start_sync_server`, but with a time-out on every call and the
start-up error handed back to the caller: the sync server's thread dies silently when the
browser cannot start, and its next call then waits for ever. Calls from several threads
(Streamlit sessions) may overlap; kaleido queues them on its tabs.
"""

from __future__ import annotations

import asyncio
import atexit
import io
import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any

import kaleido
import plotly.graph_objects as go
from PIL import Image, ImageOps

# A slide: 1600×900 pixels (16:9), sharp on a 1920×1080 projector. Drawn at 960×540 layout
# pixels and scale 5/3, so the charts' 16 px type is 27 px in the picture: readable on a slide.
PNG_WIDTH = 1600
PNG_HEIGHT = 900
PNG_LAYOUT_WIDTH = 960
PNG_LAYOUT_HEIGHT = 540
PNG_SCALE = PNG_WIDTH / PNG_LAYOUT_WIDTH
# A table's page before it is cut below its last row: room for 20 rows of three lines.
TABLE_LAYOUT_HEIGHT = 2400
# The SVG's layout size for a chart set 180 mm wide on A4: 16 px type comes out near 9 pt.
SVG_WIDTH = 900
SVG_HEIGHT = 480

# Embedded in the PDF (fonts-dejavu-core) and drawn by Chromium: one font in every export.
FONT_FAMILY = "DejaVu Sans"

# Two tabs in the one browser: a chart is drawn while the next one's data is sent, about a
# quarter faster than one tab on two cores; more tabs only compete for the cores.
TABS = 2

START_SECONDS = 60.0
RENDER_SECONDS = 60.0

# Plotly fetches a world topojson for geo maps even with the base layer hidden
# (STACK_NOTES "Plotly maps offline"); the repository serves a stub from static/.
_STATIC = Path(__file__).resolve().parents[3] / "static"
_TOPOJSON_STUB = '{"type":"Topology","objects":{},"arcs":[]}'
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


class ImageExportError(Exception):
    """An image could not be made; the message is Dutch, for the user."""


def topojson_url() -> str:
    """A file:// URL of a folder with `world_110m.json` (the repository's static/ folder)."""
    if (_STATIC / "world_110m.json").is_file():
        return _STATIC.as_uri() + "/"
    # an installed package has no static/ folder: write the stub once per process
    folder = Path(tempfile.gettempdir()) / f"wijkdashboard-topojson-{os.getuid()}"
    folder.mkdir(exist_ok=True)
    stub = folder / "world_110m.json"
    if not stub.is_file():
        stub.write_text(_TOPOJSON_STUB, encoding="utf-8")
    return folder.as_uri() + "/"


def browser_found() -> bool:
    """Whether a Chromium to draw images with is installed (or named by BROWSER_PATH)."""
    path = os.environ.get("BROWSER_PATH")
    if path:
        return Path(path).is_file()
    return any(shutil.which(name) for name in _BROWSERS)


class _WarmBrowser:
    """One kaleido (one Chromium, TABS tabs) on its own event loop, started on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None
        self._registered = False

    def _start(self) -> None:
        if not browser_found():
            raise ImageExportError(
                "Chromium ontbreekt: installeer het Debian-pakket chromium"
                " (scripts/install-system-deps.sh browser) om grafieken als afbeelding te maken."
            )
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="kaleido", daemon=True)
        thread.start()

        async def open_browser() -> Any:
            k = kaleido.Kaleido(n=TABS, timeout=RENDER_SECONDS, mathjax=False)
            await k.open()
            return k

        try:
            self._kaleido = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(
                timeout=START_SECONDS
            )
        except BaseException as exc:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=5)
            loop.close()
            raise ImageExportError(f"De browser voor afbeeldingen start niet: {exc}") from exc
        self._loop, self._thread = loop, thread
        if not self._registered:
            # before the interpreter stops starting threads (concurrent.futures' own hook):
            # kaleido cleans its temporary folders on a thread pool; a plain atexit hook runs
            # too late for that, and the folders would be left with a ResourceWarning
            register = getattr(threading, "_register_atexit", atexit.register)
            register(self.close)
            self._registered = True

    def submit(self, spec: dict[str, Any]) -> Future[bytes]:
        """Queue one figure on the warm browser (started when needed)."""
        with self._lock:
            if self._loop is None or self._thread is None or not self._thread.is_alive():
                self._start()
            assert self._loop is not None
            return asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(**spec), self._loop)

    def close(self) -> None:
        """Stop the browser and its loop (at exit, or after a failure, to start afresh)."""
        with self._lock:
            loop, thread, k = self._loop, self._thread, self._kaleido
            self._loop = self._thread = self._kaleido = None
        if loop is None:
            return
        if k is not None and loop.is_running():
            try:
                asyncio.run_coroutine_threadsafe(k.close(), loop).result(timeout=10)
            except BaseException:  # the browser may be gone already; stop the loop anyway
                pass
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(timeout=5)
        if not loop.is_running():
            loop.close()

    def pid(self) -> int | None:
        """The process id of the warm browser, None when none runs."""
        process = getattr(self._kaleido, "subprocess", None)
        return process.pid if process is not None and process.poll() is None else None


_BROWSER = _WarmBrowser()


def browser_pid() -> int | None:
    """The warm browser's process id (None before the first image): tests check it is reused."""
    return _BROWSER.pid()


def close_browser() -> None:
    """Stop the warm browser (tests, or a process that is done with images)."""
    _BROWSER.close()


def export_figure(figure: go.Figure, *, title: bool = True) -> dict[str, Any]:
    """The figure as kaleido draws it: our font everywhere, a white page, optionally no title.

    Works on the figure's dict: building a new go.Figure validates every property again,
    which costs about 0.1 s for a map.
    """
    spec = figure.to_dict()
    layout = spec.setdefault("layout", {})
    layout.setdefault("font", {})["family"] = FONT_FAMILY
    layout["paper_bgcolor"] = "white"
    layout.pop("width", None)
    layout.pop("height", None)
    if not title:
        layout["title"] = {"text": ""}
        layout.setdefault("margin", {})["t"] = 20
    return spec


def render(
    figures: Sequence[go.Figure],
    fmt: str,
    *,
    width: int,
    height: int | Sequence[int],
    scale: float = 1,
    titles: bool = True,
) -> list[bytes]:
    """Each figure as `fmt` ("png" or "svg") bytes, `width`×`height` layout pixels (one height
    for all, or one per figure), queued at once on the warm browser."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"Onbekend afbeeldingsformaat: {fmt}")
    heights = [height] * len(figures) if isinstance(height, int) else list(height)
    if len(heights) != len(figures):
        raise ValueError("Eén hoogte per figuur, of één voor alle.")
    topojson = topojson_url()
    futures = [
        _BROWSER.submit(
            {
                "fig": export_figure(f, title=titles),
                "opts": {"format": fmt, "width": width, "height": h, "scale": scale},
                "topojson": topojson,
            }
        )
        for f, h in zip(figures, heights, strict=True)
    ]
    try:
        return [bytes(f.result(timeout=RENDER_SECONDS)) for f in futures]
    except FutureTimeout as exc:
        _BROWSER.close()
        raise ImageExportError(
            "Het maken van een afbeelding duurde te lang; probeer het opnieuw."
        ) from exc
    except ImageExportError:
        raise
    except Exception as exc:
        _BROWSER.close()
        raise ImageExportError(
            f"Een grafiek kon niet als afbeelding worden gemaakt: {exc}"
        ) from exc


def png(figures: Sequence[go.Figure], heights: Sequence[int] | None = None) -> list[bytes]:
    """PNGs for a slide: PNG_WIDTH×PNG_HEIGHT pixels (16:9), with the chart's own title;
    `heights`: each chart's layout height instead (PNG_LAYOUT_WIDTH wide), to fill the room a
    slide has left under its text.

    A table is the exception: PNG_WIDTH wide and as tall as its rows. Its cells wrap at this
    width (the Wijkprofiel's key figures took three lines a row), and a 16:9 picture cut its
    last rows off. (No table goes on a slide of the PowerPoint.)"""
    tables = [is_table(f) for f in figures]
    chart_heights = [PNG_LAYOUT_HEIGHT] * len(figures) if heights is None else list(heights)
    layout = [TABLE_LAYOUT_HEIGHT if t else h for t, h in zip(tables, chart_heights, strict=True)]
    pictures = render(figures, "png", width=PNG_LAYOUT_WIDTH, height=layout, scale=PNG_SCALE)
    return [trim_bottom(p) if t else p for p, t in zip(pictures, tables, strict=True)]


def is_table(figure: go.Figure) -> bool:
    """Whether the figure is a table (Plotly's go.Table)."""
    return any(trace.type == "table" for trace in figure.data)


def trim_bottom(picture: bytes, margin: int = round(10 * PNG_SCALE)) -> bytes:
    """The PNG without the white below what is drawn on it (`margin` pixels left)."""
    with Image.open(io.BytesIO(picture)) as image:
        drawn = ImageOps.invert(image.convert("L")).getbbox()
        if drawn is None:
            return picture
        bottom = min(image.height, drawn[3] + margin)
        out = io.BytesIO()
        image.crop((0, 0, image.width, bottom)).save(out, format="PNG", optimize=True)
    return out.getvalue()


def svg(figures: Sequence[go.Figure], *, height: int | Sequence[int] = SVG_HEIGHT) -> list[bytes]:
    """SVGs for the PDF (the report prints the title as text above the chart)."""
    return render(figures, "svg", width=SVG_WIDTH, height=height, titles=False)
