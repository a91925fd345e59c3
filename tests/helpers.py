"""Small helpers for tests: hand-made fixtures, checks several test files share."""

from __future__ import annotations

from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import shapely
from streamlit.testing.v1 import AppTest

from dashboard.ui import layout

APP = Path(__file__).resolve().parents[1] / "app.py"


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[object]]) -> None:
    """Insert rows into a table with bound values (table names come from test code only)."""
    if not rows:
        return
    # the first len(row) columns: columns added later (derived ones) keep their default
    columns = [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_name = $t"
            " order by ordinal_position",
            {"t": table},
        ).fetchall()
    ][: len(rows[0])]
    marks = ", ".join("?" for _ in rows[0])
    con.executemany(
        f"insert into {table} ({', '.join(columns)}) values ({marks})", [list(r) for r in rows]
    )


def _by_table_key(at: AppTest, prefix: str, elements: str) -> dict[str, Any]:
    """The `elements` ("html", "dataframe") inside each container keyed `prefix` + a display
    table's key (dashboard.ui.frame.show_table), by that key."""
    return {
        block.key.removeprefix(prefix): element
        for block in at.container
        if block.key and block.key.startswith(prefix)
        for element in getattr(block, elements)
    }


def narrow_markup(at: AppTest) -> dict[str, str]:
    """The HTML of each plain form of a display table (dashboard.ui.frame.show_table), by the
    table's key."""
    return {key: e.value for key, e in _by_table_key(at, layout.NARROW_TABLE, "html").items()}


def wide_grid_elements(at: AppTest) -> dict[str, Any]:
    """The grid element (its proto too) of each display table that has a plain form, by key."""
    return _by_table_key(at, layout.WIDE_TABLE, "dataframe")


def wide_grids(at: AppTest) -> dict[str, pd.DataFrame]:
    """The grid of each display table that has a plain form too, by the table's key."""
    return {key: grid.value for key, grid in wide_grid_elements(at).items()}


def narrow_tables(at: AppTest) -> dict[str, pd.DataFrame]:
    """The plain HTML tables a display table is shown as on a narrow page, read back, by the
    table's key: headers as shown (with their soft hyphens), cells as a reader sees them."""
    return {key: read_html_table(markup) for key, markup in narrow_markup(at).items()}


def read_html_table(markup: str) -> pd.DataFrame:
    """The one table in `markup`: its header cells as columns, its other rows as rows."""

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.rows: list[list[str]] = []
            self.cell: list[str] | None = None

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.cell = []

        def handle_endtag(self, tag: str) -> None:
            if tag in ("td", "th") and self.cell is not None:
                self.rows[-1].append("".join(self.cell))
                self.cell = None

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell.append(data)

    cells = Cells()
    cells.feed(markup)
    header, *rows = cells.rows
    return pd.DataFrame(rows, columns=header)


def open_tables(at: AppTest) -> AppTest:
    """Open every "Toon als tabel" on the screen (they are made only once opened) and rerun."""
    keys = [e.proto.id.split("-", 2)[2] for e in at.expander if e.proto.id.endswith("_tabel")]
    for key in keys:
        at.session_state[key] = True
    if keys:
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    return at


def open_screen(page: str | None = None, params: dict[str, str] | None = None) -> AppTest:
    """Run the app (with these query parameters), switch to `page`, and fail on an exception."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def check_nested_geometry(con: duckdb.DuckDBPyConnection, gemeentecode: str) -> None:
    """A gemeente's wijken and buurten: valid polygons, gap-free, nested, in the Netherlands."""

    def rows(sql: str) -> list[tuple]:
        return con.sql(sql, params={"gm": gemeentecode}).fetchall()

    gemeente = shapely.from_wkb(
        rows("select geom_wkb from gemeente where gemeentecode = $gm")[0][0]
    )
    wijken = {
        code: shapely.from_wkb(wkb)
        for code, wkb in rows("select wijkcode, geom_wkb from wijk where gemeentecode = $gm")
    }
    buurten = rows(
        "select buurtcode, wijkcode, buurt.geom_wkb from buurt join wijk using (wijkcode)"
        " where gemeentecode = $gm"
    )
    buurt_geoms = np.array([shapely.from_wkb(g) for _, _, g in buurten])
    wijk_geoms = np.array(list(wijken.values()))
    everything = np.concatenate([[gemeente], wijk_geoms, buurt_geoms])
    assert shapely.is_valid(everything).all(), gemeentecode
    assert (shapely.get_type_id(everything) == shapely.GeometryType.POLYGON).all()
    assert shapely.coverage_is_valid(buurt_geoms), gemeentecode
    assert shapely.coverage_is_valid(wijk_geoms), gemeentecode
    for buurtcode, wijkcode, _ in buurten:
        assert buurtcode[2:8] == wijkcode[2:8]
    for (_, wijkcode, _), geom in zip(buurten, buurt_geoms, strict=True):
        assert shapely.within(geom, shapely.buffer(wijken[wijkcode], 1e-6)), wijkcode
    for wijkcode, geom in wijken.items():
        own = buurt_geoms[[w == wijkcode for _, w, _ in buurten]]
        assert own.size >= 1, wijkcode
        gap = shapely.symmetric_difference(shapely.union_all(own), geom)
        assert shapely.area(gap) < 1e-9 * geom.area + 1e-12, wijkcode
    wijk_gap = shapely.symmetric_difference(shapely.union_all(wijk_geoms), gemeente)
    assert shapely.area(wijk_gap) < 1e-9 * gemeente.area, gemeentecode
    buurt_gap = shapely.symmetric_difference(shapely.union_all(buurt_geoms), gemeente)
    assert shapely.area(buurt_gap) < 1e-9 * gemeente.area + 1e-12, gemeentecode
    lon0, lat0, lon1, lat1 = gemeente.bounds
    assert 3 < lon0 < lon1 < 8 and 50 < lat0 < lat1 < 54


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """Run `python -m dashboard ARGV` in this process: exit code, stdout, stderr."""
    from dashboard.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def rows(location: str, sql: str) -> list[tuple]:
    """The rows of a query on the current version of a database, read-only."""
    from dashboard.warehouse import store

    with duckdb.connect(store.resolve(location), read_only=True) as con:
        return con.sql(sql).fetchall()


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    """A Dockerfile as (INSTRUCTION, arguments): continuation lines joined, comments left out."""
    lines: list[str] = []
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        lines.append(pending + line)
        pending = ""
    assert not pending, f"{path} ends in a continuation line"
    result = []
    for line in lines:
        word, _, rest = line.partition(" ")
        result.append((word.upper(), rest.strip()))
    return result


def image_tree(dockerfile: Path, dest: Path) -> Path:
    """What the Dockerfile's COPY instructions put in the image's WORKDIR, copied to `dest`
    (caches left out, as .dockerignore does), to run the app from only those files."""
    import shutil

    root = dockerfile.parent
    for word, rest in dockerfile_instructions(dockerfile):
        if word != "COPY":
            continue
        *sources, target = rest.split()
        for source in sources:
            if (root / source).is_dir():
                shutil.copytree(
                    root / source,
                    dest / target,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
                    dirs_exist_ok=True,
                )
                continue
            # a file into a folder (`./`, `dir/`) keeps its name; else `target` is its name
            into = dest / target / Path(source).name if target.endswith("/") else dest / target
            into.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / source, into)
    return dest


def shown_texts(at: AppTest) -> set[str]:
    """Every text a screen shows, as drawn: titles, headers, captions, markdown and notes,
    metric labels, values and help, widget labels, options and help, links, table headers,
    and the titles, axis titles, legend names and notes of charts and maps.

    For the language tests: what a reader sees, collected the same way in Dutch and English."""
    import json
    import re

    texts: list[str] = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "text"):
        texts += [e.value for e in at.get(kind)]
    for kind in ("info", "warning", "error", "success"):
        texts += [e.value for e in at.get(kind)]
    for m in at.get("metric"):
        texts += [m.label, m.value, m.proto.help]
    for kind in (
        "selectbox",
        "radio",
        "multiselect",
        "segmented_control",
        "toggle",
        "checkbox",
        "button",
        "download_button",
        "date_input",
        "text_input",
        "number_input",
        "file_uploader",
        "page_link",
        "expander",
        "tab",
    ):
        for w in at.get(kind):
            texts.append(getattr(w, "label", ""))
            texts += [str(o) for o in getattr(w, "options", [])]
            texts.append(getattr(getattr(w, "proto", None), "help", ""))
    for df in at.get("arrow_data_frame"):
        texts += [str(c) for c in df.value.columns]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        layout = spec.get("layout", {})
        texts.append(_title(layout.get("title")))
        for key, axis in layout.items():
            if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
                texts.append(_title(axis.get("title")))
        texts.append(_title(layout.get("legend", {}).get("title")))
        texts += [a.get("text", "") for a in layout.get("annotations", [])]
        for trace in spec.get("data", []):
            # a trace's name shows in the legend (choropleths only when asked to)
            if trace.get("showlegend", trace.get("type") != "choropleth"):
                texts.append(str(trace.get("name") or ""))
            texts.append(_title(trace.get("colorbar", {}).get("title")))
            # the words of the hover, without the values Plotly puts in
            texts += [str(t) for t in _as_list(trace.get("hovertext"))]
            for template in _as_list(trace.get("hovertemplate")):
                texts.append(re.sub(r"%\{[^}]*\}|<extra>.*?</extra>", " ", str(template)))
    found: set[str] = set()
    for text in texts:
        # Plotly's line breaks and bold, and the lines of a note, are separate texts
        for part in re.split(r"<br\s*/?>|\n", str(text or "")):
            part = re.sub(r"</?b>", "", part).strip()
            if part:
                found.add(part)
    return found


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else [value] if value else []


def _title(title: object) -> str:
    if isinstance(title, dict):
        return str(title.get("text") or "")
    return str(title or "")
