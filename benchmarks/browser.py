"""Browser speed: per screen, the time from navigation until every chart is drawn.

Headless Chromium (Debian's, through Playwright) against a real server with warm caches
(one untimed visit first), the same for a minimal page with one Plotly chart (the floor,
benchmarks/floor_app.py) in the same run; the ratio screen / floor is the figure to watch
(issue target: ≤ 1.3 on the demo, ≤ 1.5 on the national database for one gemeente).
"""

from __future__ import annotations

import logging
import shutil
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from benchmarks.load import _free_port, start_server
from benchmarks.terms import BenchError
from dashboard.config import PROJECT_ROOT
from dashboard.ui.frame import SCREENS

FLOOR = PROJECT_ROOT / "benchmarks" / "floor_app.py"

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
    """Seconds per navigation of each screen (by title) and of the floor page."""

    floor: list[float]
    screens: dict[str, list[float]]


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
    app_port, floor_port = _free_port(), _free_port()
    app = start_server(db, app_port)
    floor = start_server(db, floor_port, FLOOR)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium,
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            )
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            floor_url = f"http://127.0.0.1:{floor_port}/"
            _timed_visit(page, floor_url)  # warm: the browser's cache of Streamlit's scripts
            screens: dict[str, list[float]] = {}
            floor_times: list[float] = []
            for screen in SCREENS:
                if screen.title == "Gegevens":
                    continue
                url = f"http://127.0.0.1:{app_port}/{_path(screen.path)}?gm={gemeente}"
                _timed_visit(page, url)  # warm: the server's caches
                times = []
                for _ in range(repeat):
                    times.append(_timed_visit(page, url))
                    # the floor between the screen's runs: the ratio compares like with like
                    floor_times.append(_timed_visit(page, floor_url))
                screens[screen.title] = times
            browser.close()
    finally:
        for proc in (app, floor):
            proc.terminate()
            proc.wait(timeout=30)
    return BrowserTimes(floor=floor_times, screens=screens)


def render(times: BrowserTimes, label: str) -> str:
    """One table: median and max per screen and its ratio to the floor's median."""
    floor = statistics.median(times.floor)
    lines = [
        f"| scherm ({label}) | mediaan (s) | langzaamst (s) | verhouding tot de vloer |",
        "|---|---:|---:|---:|",
        f"| vloer: lege pagina met één Plotly-grafiek | {floor:.2f} | {max(times.floor):.2f} | 1,00 |",
    ]
    for title, values in times.screens.items():
        median = statistics.median(values)
        ratio = f"{median / floor:.2f}".replace(".", ",")
        lines.append(f"| {title} | {median:.2f} | {max(values):.2f} | {ratio} |")
    return "\n".join(lines)
