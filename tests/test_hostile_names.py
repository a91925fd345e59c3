"""Text from data is shown as text on every screen: names with markdown, HTML or a formula in them
(from a CBS file, an own indeling, a registration export) are never interpreted (issue 11, item 5).

A small database where every name is hostile: the gemeente, its wijken and buurten, the own
indeling's area, the organisations (one organises and works, one is a partner), the activity
type, a professional and a need indicator's description. Every screen is opened with an area
selected (so focus labels appear in headings and buttons), at every area level; the team lead's
view adds the professional's name. Then:

- no element that renders markdown (markdown, caption, title/header/subheader, info, warning,
  error, success, button labels) carries the markup raw: links, images, emphasis and HTML come
  back escaped;
- no Plotly chart (hover, labels, legend names, titles) carries a tag from data: `<` is `&lt;`;
- the team lead's XLSX export keeps a name that starts with `=` a text cell.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date

import duckdb
import pytest
import shapely
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard.config import DB_ENV_VAR
from dashboard.display import exports
from dashboard.display.text import html, md
from dashboard.screens.access import Viewer
from dashboard.screens.continuiteit import named_signals
from dashboard.ui.auth import LOCAL_ENV_VAR
from dashboard.ui.share import DOWNLOAD_LABEL
from dashboard.warehouse import queries
from dashboard.warehouse.db import build_database
from tests.helpers import insert, narrow_markup, narrow_tables, open_screen, open_tables

pytestmark = pytest.mark.slow

LINK = "[klik](http://evil.example)"
IMAGE = "![x](http://evil.example/x.png)"
TAGS = "<b>vet</b><img src=x onerror=alert(1)>"
BOLD = "**vet**"
FORMULA = '=HYPERLINK("http://evil")'
AMPERSAND = "Centrum_&_Oost"

GM = "GM0003"
GEMEENTE = f"{LINK} {TAGS}"
WIJKEN = {"WK000301": f"{IMAGE} {BOLD}", "WK000302": f"{BOLD} {TAGS}"}
BUURTEN = {
    "BU00030101": (f"{TAGS} {AMPERSAND}", "WK000301"),
    "BU00030201": (f"{AMPERSAND} {LINK}", "WK000302"),
}
EIGEN = ("EG0003001", f"{FORMULA} {TAGS}")
ORGANISATIE = ("O1", f"{AMPERSAND} {TAGS}")
PARTNER = ("O2", f"{FORMULA} {LINK}")
TYPE = f"{TAGS} {IMAGE}"
PROFESSIONAL = ("P1", f"{FORMULA} {TAGS} {BOLD}")
INDICATOR = f"{IMAGE} {TAGS} (omschrijving)"
NAMES = [
    GEMEENTE,
    *WIJKEN.values(),
    *(n for n, _ in BUURTEN.values()),
    EIGEN[1],
    ORGANISATIE[1],
    PARTNER[1],
    TYPE,
    PROFESSIONAL[1],
    INDICATOR,
]

# what must never reach a markdown element as it is (escaped, its first character has a `\`)
RAW_MARKDOWN = ("[klik](", "![x](", "<img", "<b>", "**vet**", "_&_", "http://")
UNESCAPED = [re.compile(r"(?<!\\)" + re.escape(raw)) for raw in RAW_MARKDOWN]
# what must never reach a Plotly string as it is (Plotly reads these tags)
RAW_HTML = ("<img", "<b>vet</b>", "&_Oost")

MARKDOWN_ELEMENTS = (
    "markdown",
    "caption",
    "title",
    "header",
    "subheader",
    "info",
    "warning",
    "error",
    "success",
)


def _box(x: float, y: float, w: float = 0.01, h: float = 0.01) -> bytes:
    return shapely.box(5.0 + x, 52.0 + y, 5.0 + x + w, 52.0 + y + h).wkb


@pytest.fixture()
def hostile_db(monkeypatch, tmp_path) -> str:
    path = str(tmp_path / "vijandig.duckdb")
    with duckdb.connect(path) as con:
        build_database(con)
        # fictitious: the demo banner names the gemeente too, and "Bekijk als" offers a team lead
        insert(con, "gemeente", [(GM, GEMEENTE, True, _box(0, 0, 0.02, 0.01))])
        insert(
            con,
            "wijk",
            [(code, naam, GM, _box(0.01 * i, 0)) for i, (code, naam) in enumerate(WIJKEN.items())],
        )
        insert(
            con,
            "buurt",
            [
                (code, naam, wijk, _box(0.01 * i, 0))
                for i, (code, (naam, wijk)) in enumerate(BUURTEN.items())
            ],
        )
        insert(con, "indeling", [(EIGEN[0], EIGEN[1], GM, "stadsdelen", _box(0, 0, 0.02, 0.01))])
        insert(con, "indeling_buurt", [(code, EIGEN[0]) for code in BUURTEN])
        figures = []
        for i, code in enumerate([*WIJKEN, *BUURTEN]):
            figures += [
                (code, 2024, "aantal_inwoners", 1000.0 + 500 * i),
                (code, 2024, "percentage_huishoudens_met_laag_inkomen", 10.0 + 3 * i),
                (code, 2024, "gemiddeld_inkomen_per_inwoner", 30.0 - 2 * i),
                (code, 2024, "percentage_eenpersoonshuishoudens", 40.0 + i),
                (code, 2024, "percentage_personen_65_jaar_en_ouder", 18.0 + i),
            ]
        insert(con, "kerncijfers", figures)
        con.execute(
            "update behoefte_indicator set omschrijving = $o"
            " where indicator = 'percentage_eenpersoonshuishoudens'",
            {"o": INDICATOR},
        )
        insert(con, "organisatie", [(*ORGANISATIE, "welzijn"), (*PARTNER, "woningcorporatie")])
        insert(con, "professional", [PROFESSIONAL, ("P2", "Els Tweede")])
        insert(
            con,
            "inzet",
            [
                # leaves two weeks after the last session, no successor: a signal with the name
                (
                    "I1",
                    "P1",
                    "WK000301",
                    "opbouwwerker",
                    "O1",
                    date(2021, 1, 1),
                    date(2024, 7, 15),
                    24,
                ),
                ("I2", "P2", "WK000302", "opbouwwerker", "O1", date(2022, 3, 1), None, 16),
            ],
        )
        insert(
            con,
            "activiteit",
            [
                ("A1", "Koffie", TYPE, "WK000301", "BU00030101", "O1", False),
                ("A2", "Moestuin", TYPE, "WK000302", "BU00030201", "O1", False),
            ],
        )
        insert(con, "activiteit_partner", [("A1", "O2"), ("A2", "O2")])
        sessions = [
            (f"B{a}{m}", a, date(2024, m, 10), 8) for a in ("A1", "A2") for m in range(1, 7)
        ]
        insert(con, "bijeenkomst", sessions)
        people = [(f"D{i:02d}", b, "45-64") for i, b in enumerate([*BUURTEN] * 4)]
        insert(con, "deelnemer", people)
        insert(
            con,
            "deelname",
            [(s[0], p[0]) for s in sessions for p in people if p[1][6:8] == s[1][1].zfill(2)],
        )
    monkeypatch.setenv(DB_ENV_VAR, path)
    # the demo as `make run` serves it: "Bekijk als" (a beheerder first), so a team lead can look
    monkeypatch.delenv(LOCAL_ENV_VAR, raising=False)
    return path


def markdown_values(at: AppTest) -> list[str]:
    """The source of every element that renders markdown, sidebar included, and the labels of
    buttons and links."""
    values = [str(e.value) for kind in MARKDOWN_ELEMENTS for e in getattr(at, kind)]
    # st.table reads every cell as markdown (the "Toon als tabel" under each chart)
    values += [str(cell) for t in at.table for cell in t.value.to_numpy().ravel()]
    links = [str(link.proto.label) for link in at.get("page_link")]
    return values + [str(b.label) for b in at.button] + links


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def chart_specs(at: AppTest) -> list[str]:
    """Every string in each Plotly chart's spec (hover, text, labels, names, titles), one per line."""
    return ["\n".join(_strings(json.loads(c.proto.spec))) for c in at.get("plotly_chart")]


def check(at: AppTest, where: str) -> tuple[list[str], list[str]]:
    assert not at.exception, (where, [e.value for e in at.exception])
    shown = markdown_values(at)
    raw = [(where, raw.pattern, v) for v in shown for raw in UNESCAPED if raw.search(v)]
    assert raw == []
    specs = chart_specs(at)
    tagged = [(where, raw) for spec in specs for raw in RAW_HTML if raw in spec]
    assert tagged == []
    return shown, specs


SCREENS = (
    "app.py",
    "pages/bereik.py",
    "pages/continuiteit.py",
    "pages/dekking.py",
    "pages/wijkprofiel.py",
)


@pytest.mark.parametrize(
    ("level", "selected"),
    [("wijk", "WK000301"), ("buurt", "BU00030101"), ("eigen", EIGEN[0]), ("wijk", None)],
)
def test_hostile_names_are_text_on_every_screen(hostile_db, level, selected):
    params = {"gm": GM, "niveau": level, "van": "2024-01-01", "tot": "2024-06-30"}
    if selected:
        params["sel"] = selected
    everything: list[str] = []
    charts: list[str] = []
    cells: set[str] = set()
    plain: set[str] = set()
    for page in SCREENS:
        at = open_tables(open_screen(None if page == "app.py" else page, params=params))
        shown, specs = check(at, f"{page} {level}")
        everything += shown
        charts += specs
        cells |= {str(cell) for t in at.table for cell in t.value.to_numpy().ravel()}
        # the plain HTML form of a display table: escaped, so a reader sees the name whole
        markup = narrow_markup(at).values()
        assert [(page, raw) for m in markup for raw in RAW_HTML if raw in m] == []
        plain |= {str(c) for t in narrow_tables(at).values() for c in t.to_numpy().ravel()}
    # the names are there, escaped: the gemeente in the caption and the banner ...
    text = "\n".join(everything)
    assert md(GEMEENTE) in text
    assert "\\[klik\\](http\\://evil.example)" in text and "\\<img src" in text
    assert f"Let op: {md(GEMEENTE)} is een verzonnen gemeente" in text
    # ... the selected area in the headings, the markdown and the button that clears it
    spec = "\n".join(charts)
    if selected:
        area = {**WIJKEN, **{c: n for c, (n, _) in BUURTEN.items()}, EIGEN[0]: EIGEN[1]}[selected]
        assert md(area) in text
        assert f"Selectie '{md(area)}' wissen" in text
        assert f"Wijkprofiel van {md(area)}" in text
        # ... and in the charts (the map's hover), as text Plotly shows but reads no tags in
        assert html(area) in spec
    if level == "wijk":
        # the opened "Toon als tabel" holds the names as escaped text, whole
        assert {md(WIJKEN["WK000301"]), md(TYPE)} <= cells
        assert html(WIJKEN["WK000301"]) in spec and html(TYPE) in spec
        assert html(PARTNER[1]) in spec and html(INDICATOR) in spec.replace("<br>", " ")
        # Bereik's and Continuïteit's tables of all areas, in their plain form: as written
        assert WIJKEN["WK000301"] in plain


def test_hostile_names_in_the_sidebar_and_on_gegevens(hostile_db):
    at = open_screen("pages/bereik.py", params={"gm": GM, "org": "O1", "type": TYPE})
    check(at, "bereik met filters")
    # the filters keep the names as they are: selectbox options are never markdown
    assert at.selectbox(key="flt_org").value == "O1"
    assert at.selectbox(key="flt_type").value == TYPE
    at = open_screen("pages/gegevens.py", params={"gm": GM})
    check(at, "gegevens")


def test_hostile_names_for_a_team_lead_and_in_the_export(hostile_db):
    at = open_screen("pages/continuiteit.py", params={"gm": GM, "sel": "WK000301"})
    at.selectbox(key="auth_bekijk_als").select("teamleider").run()
    at.selectbox(key="auth_bekijk_als_organisatie").select(ORGANISATIE[0]).run()
    _, specs = check(at, "continuiteit teamleider")
    # the professional's name is in the timeline, escaped, and in the named signals table
    assert any(html(PROFESSIONAL[1]) in spec for spec in specs)
    named = at.dataframe[0].value
    assert any(str(t).startswith(PROFESSIONAL[1]) for t in named["Signaal"])
    assert [b.label for b in at.get("download_button")] == [
        DOWNLOAD_LABEL,  # the screen's figures, at the top
        "Signalen als Excel (XLSX)",
    ]

    # the export the button offers: names starting with "=" stay text
    with duckdb.connect(hostile_db, read_only=True) as con:
        signals = queries.continuiteit_signalen(con, date(2024, 6, 30), gemeente=GM)
        names = queries.professional_namen(con, GM, [ORGANISATIE[0]])
    own = named_signals(signals, names, Viewer("teamleider", frozenset({"O1"})))
    assert not own.empty
    sheet = load_workbook(io.BytesIO(exports.signals_xlsx(own))).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
    assert {c.data_type for c in cells} <= {"s", "d"}  # no formula
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert any(t.startswith(f"'{PROFESSIONAL[1]}") for t in texts)
    assert not any(t.startswith("=") for t in texts)


@pytest.mark.parametrize("page", [p for p in SCREENS if p != "pages/wijkprofiel.py"])
def test_hostile_names_stay_text_in_the_screens_downloads(hostile_db, deferred_download, page):
    params = {"gm": GM, "niveau": "wijk", "van": "2024-01-01", "tot": "2024-06-30"}
    at = open_screen(None if page == "app.py" else page, params=params)
    [button] = [b for b in at.get("download_button") if b.proto.label == DOWNLOAD_LABEL]
    book = load_workbook(io.BytesIO(deferred_download(button)[0]))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert {c.data_type for c in cells} <= {"s", "n", "d"}  # no formula anywhere
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)
    # the names are there as written (a formula-like one behind an apostrophe), tags and all
    assert GEMEENTE in texts
    assert WIJKEN["WK000301"] in texts
    if page == "pages/bereik.py":
        assert f"'{PARTNER[1]}" in texts and TYPE in texts


@pytest.mark.parametrize("name", NAMES)
def test_md_and_html_leave_nothing_to_interpret(name):
    shown = md(name)
    assert not any(raw.search(shown) for raw in UNESCAPED)
    assert "\n" not in shown
    assert not any(raw in html(name) for raw in RAW_HTML)
