"""The benchmark runs end to end at demo size and prints one markdown table (no timing thresholds)."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from benchmarks import bench
from dashboard.cli import main
from dashboard.ui import frame

pytestmark = pytest.mark.slow  # the benchmark builds demo databases and runs every screen


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("bench") / "demo.duckdb"
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(
            [
                "bench",
                "--sizes",
                "demo",
                "--repeat",
                "1",
                "--demo-db",
                str(path),
                "--import-rows",
                "5000",
            ]
        )
    assert code == 0
    assert Path(path).exists()  # built because it was missing
    text = out.getvalue()
    return text[text.index("| Soort") :]  # after the demo build's own line


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def body(table: str) -> list[list[str]]:
    lines = [line for line in table.splitlines() if line.startswith("|")]
    return [cells(line) for line in lines[2:]]


def test_one_markdown_table_with_a_column_per_size(table):
    lines = [line for line in table.splitlines() if line.startswith("|")]
    assert cells(lines[0]) == ["Soort", "Onderdeel", "Weergave", "demo", "Doel"]
    assert set(lines[1]) <= {"|", "-"}
    assert all(len(cells(line)) == 5 for line in lines)
    # one table: no other table starts after the first one ends
    first, last = table.index(lines[0]), table.index(lines[-1])
    assert "|" not in table[last + len(lines[-1]) :]
    assert first == 0 or "|" not in table[:first]
    assert "Machine:" in table and "cores" in table


def test_every_query_api_function_for_one_gemeente_and_the_country(table):
    rows = {(r[0], r[1], r[2]) for r in body(table)}
    for label, _, national in bench.query_calls():
        assert ("query", label, bench.ONE) in rows, label
        if national:
            assert ("query", label, bench.ALL) in rows, label
    for kind, part, _scope, value, _ in body(table):
        if kind == "query":
            assert value.endswith(" s"), (part, value)


def test_every_screen_cold_warm_and_its_database_share(table):
    rows = {(r[0], r[1]): r[3] for r in body(table)}
    for screen in frame.SCREENS:
        for kind in ("scherm koud", "scherm warm", "scherm / DuckDB-tijd"):
            assert (kind, screen.title) in rows, (kind, screen.title)
            assert not rows[(kind, screen.title)].startswith("fout"), screen.title
        # the demo has one gemeente, so its screens offer no national view
        for kind in ("landelijk beeld koud", "landelijk beeld warm"):
            assert rows[(kind, screen.title)] == "niet aangeboden (één gemeente)"


def test_national_views_are_measured_when_there_are_several_gemeenten(tmp_path):
    path = tmp_path / "twee.duckdb"
    assert main(["demo", "--scale", "2", "--db", str(path)]) == 0
    result = bench.bench_screens(str(path), bench.DEFAULT_GEMEENTE, 1)
    assert result["errors"] == {}
    for screen in frame.SCREENS:
        national = result["national"][screen.title]
        assert len(national["cold"]) == len(national["warm"]) == 1, screen.title
        assert national["cold"][0] > 0 and national["warm"][0] > 0


def test_map_payload_import_and_memory(table):
    rows = body(table)
    maps = {(r[1], r[2]) for r in rows if r[0] == "kaart (bytes JSON)"}
    for title in bench.MAP_SCREENS:
        assert (f"{title}, wijk", bench.ONE) in maps
        assert (f"{title}, wijk", bench.ALL) in maps
    assert ("Bereik, buurt", bench.ALL) in maps
    imports = [r for r in rows if r[0] == "import"]
    assert any("ruwe laadstap" in r[1] for r in imports)
    assert all("rijen/s" in r[3] for r in imports)
    memory = [r for r in rows if r[0] == "geheugen"]
    assert len(memory) == 2 and all(r[3].endswith("MB") for r in memory)
    # a whole import in a process of its own, under /usr/bin/time -v: rows/s and peak RSS
    own = [r for r in rows if r[0] == "import, eigen proces"]
    assert len(own) == 1 and "rijen/s" in own[0][3] and "piek-RSS" in own[0][3], own


def test_unknown_size_is_refused_in_dutch(capsys):
    assert main(["bench", "--sizes", "klein", "--repeat", "1"]) == 1
    assert "Onbekende grootte" in capsys.readouterr().err
