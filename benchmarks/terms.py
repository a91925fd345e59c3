"""The names every benchmark module shares: sizes, views, map screens and the error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dashboard.config import PROJECT_ROOT

DEFAULT_GEMEENTE = "GM9999"
SIZE_NAMES = ("demo", "national")
SIZE_LABELS = {"demo": "demo", "national": "nationaal"}

# The views a figure is for.
ONE = "één gemeente"
ALL = "heel Nederland"
WHOLE = "hele database"

MAP_LEVELS = ("wijk", "buurt")
# The screens with a map (and so a national view and a map payload).
MAP_SCREENS = ("Overzicht", "Bereik", "Continuïteit", "Dekking")


@dataclass(frozen=True)
class Size:
    """One database size: the demo scale and where its database lives by default."""

    name: str
    scale: float
    default_path: Path


SIZES: dict[str, Size] = {
    "demo": Size("demo", 1.0, PROJECT_ROOT / "data" / "demo.duckdb"),
    "national": Size("national", 342.0, PROJECT_ROOT / "data" / "national.duckdb"),
}


class BenchError(RuntimeError):
    """The benchmark cannot do its work; the message is Dutch."""
