"""Browser speed: per screen, the time from navigation until every chart is drawn.

Headless Chromium (Debian's, through Playwright) against a real server with warm caches
(one untimed visit first), the same for a minimal page with one Plotly chart (the floor,
benchmarks/floor_app.py) in the same run; the ratio screen / floor is the figure to watch
(issue target: ≤ 1.3 on the demo, ≤ 1.5 on the national database for one gemeente).

A second reference, the frame (benchmarks/frame_app.py: the dashboard's sidebar, title and
caption with the floor's one chart), splits a screen's time into what every screen pays
before its content and what its own content adds.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from benchmarks.formatting import fmt_decimal2
from benchmarks.load import _free_port, start_server, stop_server
from benchmarks.terms import BenchError
from dashboard.config import PROJECT_ROOT
from dashboard.ui.frame import SCREENS

FLOOR = PROJECT_ROOT / "benchmarks" / "floor_app.py"
FRAME = PROJECT_ROOT / "benchmarks" / "frame_app.py"

# Done: the script has run and every Plotly chart on the page has drawn its SVG.
_DRAWN = """
() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  const charts = [...document.querySelectorAll('.stPlotlyChart')];
  return charts.length > 0 && charts.every(c => c.querySelector('.main-svg'));
}
"""


@dataclass(frozen=True)
class BrowserTimes:
    """Seconds per navigation of each screen (by title), of the floor page and of the frame."""

    floor: list[float]
    screens: dict[str, list[float]]
    frame: list[float]


def _path(script: str) -> str:
    return "" if script == "app.py" else Path(script).stem


def _timed_visit(page: object, url: str) -> float:
    started = time.perf_counter()
    page.goto(url)  # type: ignore[attr-defined]
    page.wait_for_function(_DRAWN, timeout=120_000)  # type: ignore[attr-defined]
    return time.perf_counter() - started


def measure(db: Path, gemeente: str, repeat: int) -> BrowserTimes:
    """Every screen with a chart (Gegevens has none), `repeat` timed visits each, warm.

    In a worker thread: Playwright's sync API refuses a thread with a running event loop
    (pytest-playwright keeps one in the main thread).
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(_measure, db, gemeente, repeat).result()


def _measure(db: Path, gemeente: str, repeat: int) -> BrowserTimes:
    from playwright.sync_api import sync_playwright

    # the screen list comes with the app's frame, whose caches warn outside a server
    logging.getLogger("streamlit").setLevel(logging.ERROR)

    chromium = shutil.which("chromium")
    if chromium is None:
        raise BenchError("Chromium ontbreekt: installeer het Debian-pakket chromium (make test).")
    app_port, floor_port, frame_port = _free_port(), _free_port(), _free_port()
    # every server stopped and the folder removed, also when a later one fails to start
    with contextlib.ExitStack() as stack:
        for port, script in ((app_port, None), (floor_port, FLOOR)):
            stack.callback(stop_server, start_server(db, port, script))
        folder = Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="wijkdashboard-kader-"))
        )
        # the frame's links name app.py and pages/*.py beside the script that runs
        shutil.copyfile(FRAME, folder / "app.py")
        (folder / "pages").symlink_to(PROJECT_ROOT / "pages")
        stack.callback(stop_server, start_server(db, frame_port, folder / "app.py"))
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium,
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            )
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            floor_url = f"http://127.0.0.1:{floor_port}/"
            frame_url = f"http://127.0.0.1:{frame_port}/?gm={gemeente}"
            _timed_visit(page, floor_url)  # warm: the browser's cache of Streamlit's scripts
            _timed_visit(page, frame_url)  # warm: the frame's caches
            screens: dict[str, list[float]] = {}
            floor_times: list[float] = []
            frame_times: list[float] = []
            for screen in SCREENS:
                if screen.title == "Gegevens":
                    continue
                url = f"http://127.0.0.1:{app_port}/{_path(screen.path)}?gm={gemeente}"
                _timed_visit(page, url)  # warm: the server's caches
                times = []
                for _ in range(repeat):
                    times.append(_timed_visit(page, url))
                    # the floor and the frame between the screen's runs: the ratio compares
                    # like with like on a machine whose speed changes
                    floor_times.append(_timed_visit(page, floor_url))
                    frame_times.append(_timed_visit(page, frame_url))
                screens[screen.title] = times
            browser.close()
    return BrowserTimes(floor=floor_times, screens=screens, frame=frame_times)


def render(times: BrowserTimes, label: str) -> str:
    """One table: median and max per screen, its ratio to the floor's median, and the
    seconds it takes beyond the frame's median (the frame is Bereik's, the fullest sidebar:
    for a screen with fewer filters this counts up to ~0.1 s of sidebar as content)."""
    floor, frame = statistics.median(times.floor), statistics.median(times.frame)

    def row(name: str, values: list[float], content: str) -> str:
        median = statistics.median(values)
        return (
            f"| {name} | {fmt_decimal2(median)} | {fmt_decimal2(max(values))}"
            f" | {fmt_decimal2(median / floor)} | {content} |"
        )

    lines = [
        f"| scherm ({label}) | mediaan (s) | langzaamst (s) | verhouding tot de vloer"
        " | inhoud bovenop het kader van Bereik (s) |",
        "|---|---:|---:|---:|---:|",
        row("vloer: lege pagina met één Plotly-grafiek", times.floor, ""),
        row("kader: zijbalk, titel en bijschrift met één Plotly-grafiek", times.frame, ""),
    ]
    for title, values in times.screens.items():
        lines.append(row(title, values, fmt_decimal2(statistics.median(values) - frame)))
    return "\n".join(lines)
