"""Load benchmark: many sessions at once against a real Streamlit server, over its websocket.

Each simulated session is what a browser tab does to the server: it opens the websocket
(`/_stcore/stream`), asks for a script run of a screen with the URL's query string, and
waits for `script_finished`. The time of one page run is from the request until that
message, so it includes the script, the caches, serialising every figure and sending it.
No browser draws anything: the browser's own drawing time is measured by the browser
tests, and with 20 browsers on 2 cores the benchmark would measure Chromium instead.

`python -m benchmarks.load [--db PAD] [--sessies 1,5,20]` prints one table row per number of
concurrent sessions: page runs, p50 and p95 (seconds), the slowest, and errors (a run that
ended with an exception element, a compile error, or no answer within the time-out).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.databases import ensure_database
from benchmarks.measure import machine
from benchmarks.terms import SIZES, BenchError
from dashboard.config import DB_ENV_VAR, PROJECT_ROOT

# The screens a session cycles through, as their URL paths; app.py is Overzicht.
SCREENS = ("", "bereik", "continuiteit", "dekking")
# What a session looks at: the whole country first, then one gemeente (both common).
QUERIES = ("gm=NL", "gm=GM9999")
SESSION_COUNTS = (1, 5, 20)
RUNS = 8  # page runs per session
RUN_TIMEOUT = 120.0


@dataclass
class Result:
    """The page runs of one load level."""

    sessions: int
    seconds: list[float] = field(default_factory=list)
    errors: int = 0
    wall: float = 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, script: Path | None = None) -> subprocess.Popen[bytes]:
    """`streamlit run app.py` (or `script`) on this database, headless, bound to localhost;
    waits for health."""
    # a script outside the checkout (the browser benchmark's frame runs from a temporary
    # folder) imports the dashboard package from here too: without it the frame page
    # stopped on "No module named 'dashboard'" and the benchmark waited in vain
    path = os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, DB_ENV_VAR: str(db), "PYTHONPATH": path}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script or PROJECT_ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise BenchError("De server startte niet binnen 60 seconden.")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server of `start_server`; killed when it does not stop within 30 s."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _rerun(query: str, page: str) -> bytes:
    msg = BackMsg()
    msg.rerun_script.query_string = query
    # pages/ without st.navigation: the page is chosen by its URL path name ("" = app.py)
    msg.rerun_script.page_name = page
    return msg.SerializeToString()


async def _page_run(ws: websockets.ClientConnection, query: str, page: str) -> tuple[float, bool]:
    """One page run: seconds until script_finished, and whether it went wrong."""
    started = time.perf_counter()
    await ws.send(_rerun(query, page))
    failed = False
    while True:
        raw = await asyncio.wait_for(ws.recv(), RUN_TIMEOUT)
        msg = ForwardMsg()
        msg.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            failed |= msg.delta.new_element.WhichOneof("type") == "exception"
        if kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue
            failed |= msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR
            return time.perf_counter() - started, failed


async def _session(port: int, runs: int, offset: int, result: Result) -> None:
    """One browser tab: connect, then `runs` page runs cycling screens and views."""
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    async with websockets.connect(
        url, subprotocols=[websockets.Subprotocol("streamlit")], max_size=None
    ) as ws:
        for i in range(runs):
            page = SCREENS[(offset + i) % len(SCREENS)]
            query = QUERIES[((offset + i) // len(SCREENS)) % len(QUERIES)]
            try:
                seconds, failed = await _page_run(ws, query, page)
            except (TimeoutError, websockets.ConnectionClosed):
                result.errors += 1
                return
            result.seconds.append(seconds)
            result.errors += int(failed)


async def _level(port: int, sessions: int, runs: int) -> Result:
    result = Result(sessions)
    started = time.perf_counter()
    await asyncio.gather(*(_session(port, runs, i, result) for i in range(sessions)))
    result.wall = time.perf_counter() - started
    return result


def _run_level(port: int, sessions: int, runs: int) -> Result:
    """One load level on its own event loop in a thread of its own: the caller may already run
    an event loop in this thread (pytest-playwright's sync API does)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(_level(port, sessions, runs))).result()


def measure(db: Path, counts: Sequence[int], runs: int) -> list[Result]:
    """Start one server, warm its caches with one session, then each load level in turn."""
    port = _free_port()
    server = start_server(db, port)
    try:
        # warm-up: every screen and view once, so the levels compare warm servers
        _run_level(port, 1, len(SCREENS) * len(QUERIES))
        return [_run_level(port, n, runs) for n in counts]
    finally:
        stop_server(server)


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def render(results: Sequence[Result], runs: int) -> str:
    """The table: one row per load level."""
    lines = [
        "| sessies tegelijk | paginaruns | p50 (s) | p95 (s) | langzaamst (s) | fouten |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if len(r.seconds) < 2:
            lines.append(f"| {r.sessions} | {len(r.seconds)} | – | – | – | {r.errors} |")
            continue
        lines.append(
            f"| {r.sessions} | {len(r.seconds)} | {statistics.median(r.seconds):.2f}"
            f" | {_p(r.seconds, 95):.2f} | {max(r.seconds):.2f} | {r.errors} |"
        )
    return "\n".join(lines) + f"\n\nPer sessie {runs} paginaruns. Machine: {machine()}.\n"


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m benchmarks.load`: print the table; exit 1 with a Dutch message on failure."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument("--db", default=str(SIZES["national"].default_path))
    parser.add_argument("--sessies", default=",".join(map(str, SESSION_COUNTS)))
    parser.add_argument("--runs", type=int, default=RUNS, help="paginaruns per sessie")
    args = parser.parse_args(argv)
    try:
        counts = [int(n) for n in args.sessies.split(",") if n.strip()]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1 or args.runs < 1:
        print(
            "Fout: --sessies is een kommagescheiden lijst van aantallen, zoals 1,5,20, en"
            " --runs minstens 1.",
            file=sys.stderr,
        )
        return 1
    db = Path(args.db)
    try:
        ensure_database(db, SIZES["national"].scale if db.name.startswith("national") else 1.0)
        print(render(measure(db, counts, args.runs), args.runs))
    except BenchError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
