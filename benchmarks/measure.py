"""Measuring: the time of a call, this process's peak memory and the machine it runs on."""

from __future__ import annotations

import os
import platform
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    """Seconds that `fn()` took, and its result."""
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def peak_rss_kb() -> int:
    """This process's peak resident memory in KiB.

    Linux keeps `getrusage(...).ru_maxrss` across fork and exec, so a fresh worker would
    report its parent's peak; VmHWM in /proc is the peak of this process image alone.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def machine() -> str:
    """The machine the benchmark runs on: cores, memory and CPU model."""
    model = "onbekende CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        memory = "? GiB"
    return (
        f"{os.cpu_count()} cores (nproc), {memory} geheugen, {model}; "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}"
    )
