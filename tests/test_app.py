"""AppTest of every screen: no exception, figures equal the query API, one interaction, URL restore."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from google.protobuf import text_format
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard.config import AUDIT_ENV_VAR, DB_ENV_VAR
from dashboard.display import formatting as fmt
from dashboard.display import tables
from dashboard.display.labels import ROL_LABELS
from dashboard.display.text import md
from dashboard.domain.period import Period
from dashboard.ingest import registratie
from dashboard.screens import bereik as bereik_screen
from dashboard.screens import overzicht
from dashboard.screens.access import Viewer
from dashboard.screens.continuiteit import by_urgency, labelled, named_signals, own_share, spells_of
from dashboard.ui.auth import LOCAL_ENV_VAR
from dashboard.ui.share import DOWNLOAD_LABEL
from dashboard.warehouse import audit, queries, store
from dashboard.warehouse.db import build_database
from tests.helpers import insert, open_screen

# every test runs the app in AppTest; fixtures with real (non-demo) gemeenten are opened
# the way an administrator runs the app for themselves without login
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("lokaal")]

GM = "GM9999"


@pytest.fixture()
def db(monkeypatch, demo_db_path) -> str:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)
    return demo_db_path


@pytest.fixture()
def default_period(db) -> Period:
    with duckdb.connect(db, read_only=True) as con:
        _, last = queries.data_range(con, GM)
    return Period(last - timedelta(days=364), last)


def api(db: str, fn: str, *args, **kwargs):
    with duckdb.connect(db, read_only=True) as con:
        return getattr(queries, fn)(con, *args, **kwargs)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def expected_figures(db: str, period: Period) -> dict[str, str]:
    """The headline figures as the query API gives them, formatted the Dutch way."""
    reach = api(db, "bereik", period, level="gemeente", gemeente=GM).iloc[0]
    cover = api(db, "dekking", period, level="gemeente", gemeente=GM).iloc[0]
    cover_wijk = api(db, "dekking", period, level="wijk", gemeente=GM)
    signals = api(db, "continuiteit_signalen", period.end, gemeente=GM)
    n = len(cover_wijk)
    return {
        "Unieke deelnemers": fmt.persons(reach["unieke_deelnemers"]),
        "Deelnames": fmt.number(reach["deelnames"]),
        "Bereik per 1.000 inwoners": fmt.number(reach["bereik_per_1000"], 1),
        "Fte opbouwwerk per 10.000 inwoners": fmt.number(cover["fte_per_10000"], 2),
        "Wijken zonder opbouwwerk": f"{int(cover_wijk['zonder_opbouwwerk'].sum())} van {n}",
        "Signalen voor teamleiders": fmt.number(len(signals)),
    }


# --- Overzicht ---------------------------------------------------------------


def test_overzicht_shows_headline_figures(db, default_period):
    at = open_screen()
    shown = metrics(at)
    for label, text in expected_figures(db, default_period).items():
        assert shown[label] == text, label
    assert "Mediane verblijfsduur opbouwwerkers" in shown
    assert any("fictieve demogegevens" in i.value for i in at.info)
    # the filters are in the URL, so the view can be shared as a link
    assert at.query_params["van"] == default_period.start.isoformat()
    assert at.query_params["gm"] == GM


def test_overzicht_period_change_changes_figures(db):
    at = open_screen()
    before = metrics(at)
    at.date_input(key="flt_van").set_value(date(2022, 1, 1))
    at.date_input(key="flt_tot").set_value(date(2022, 12, 31)).run()
    assert not at.exception
    after = metrics(at)
    for label, text in expected_figures(db, Period(date(2022, 1, 1), date(2022, 12, 31))).items():
        assert after[label] == text, label
    assert after["Deelnames"] != before["Deelnames"]
    assert at.query_params["van"] == "2022-01-01"


def test_overzicht_url_restores_filters(db):
    at = open_screen(params={"gm": GM, "van": "2023-01-01", "tot": "2023-06-30", "niveau": "buurt"})
    assert at.date_input(key="flt_van").value == date(2023, 1, 1)
    assert at.date_input(key="flt_tot").value == date(2023, 6, 30)
    assert at.radio(key="flt_niveau").value == "buurt"
    expected = expected_figures(db, Period(date(2023, 1, 1), date(2023, 6, 30)))
    assert metrics(at)["Deelnames"] == expected["Deelnames"]


def test_overzicht_bad_link_values_fall_back_with_a_note(db, default_period):
    at = open_screen(params={"van": "morgen", "rol": "directeur"})
    assert at.date_input(key="flt_van").value == default_period.start
    assert any("geen datum" in w.value for w in at.warning)


def test_overzicht_map_click_selects_area(db, default_period):
    at = open_screen()
    at.session_state["kaart_overzicht"] = {
        "selection": {
            "points": [{"location": "WK999903"}],
            "point_indices": [0],
            "box": [],
            "lasso": [],
        }
    }
    at.run()
    assert not at.exception
    assert at.query_params["sel"] == "WK999903"
    reach = api(db, "bereik", default_period, level="wijk", gemeente=GM).set_index("gebiedscode")
    text = " ".join(m.value for m in at.markdown)
    assert "Molenkwartier" in text
    assert fmt.number(reach.loc["WK999903", "bereik_per_1000"], 1) in text


def test_overzicht_area_list_selects_as_a_map_click_does(db, default_period):
    # the map without a mouse (WCAG 2.1.1): the list of the map's areas sets the same selection
    at = open_screen()
    picker = at.selectbox(key="kaart_overzicht_kies")
    wijken = api(db, "bereik", default_period, level="wijk", gemeente=GM)
    assert picker.value == ""  # "Geen keuze"
    assert sorted(picker.options[1:]) == sorted(wijken["naam"])
    picker.select("WK999903").run()
    assert not at.exception
    assert at.query_params["sel"] == "WK999903"
    assert "Molenkwartier" in " ".join(m.value for m in at.markdown)
    # a click elsewhere moves the list along
    at.session_state["kaart_overzicht"] = {
        "selection": {
            "points": [{"location": "WK999905"}],
            "point_indices": [0],
            "box": [],
            "lasso": [],
        }
    }
    at.run()
    assert at.query_params["sel"] == "WK999905"
    assert at.selectbox(key="kaart_overzicht_kies").value == "WK999905"


def test_missing_database_gives_dutch_message(monkeypatch, tmp_path):
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "nergens.duckdb"))
    at = AppTest.from_file("../app.py", default_timeout=30).run()
    assert not at.exception
    assert "Er is nog geen database" in at.error[0].value


# --- Bereik ------------------------------------------------------------------


def table(at: AppTest, index: int = -1):
    return at.dataframe[index].value.reset_index(drop=True)


def test_bereik_table_equals_query_api_and_attributie_switch(db, default_period):
    at = open_screen("pages/bereik.py")
    waar = tables.bereik_table(api(db, "bereik", default_period, level="wijk", gemeente=GM))
    assert table(at).equals(waar)
    at.radio(key="flt_attr").set_value("wie").run()
    assert not at.exception
    wie = tables.bereik_table(
        api(db, "bereik", default_period, level="wijk", attributie="wie", gemeente=GM)
    )
    assert table(at).equals(wie)
    assert not wie["Deelnames"].equals(waar["Deelnames"])
    assert at.query_params["attr"] == "wie"
    # the totals differ between the two: the screen says why, under wie
    captions = [c.value for c in at.caption]
    assert bereik_screen.WIE_COUNTS_REGISTRATIONS in captions


def test_overzicht_figures_per_calendar_year_on_demand(db):
    at = open_screen()
    assert not at.dataframe or all("Kerncijfer" not in d.value.columns for d in at.dataframe)
    at.toggle(key="ov_jaren").set_value(True).run()
    assert not at.exception
    [per_year] = [d.value for d in at.dataframe if "Kerncijfer" in d.value.columns]
    first, last = queries.data_range(duckdb.connect(db, read_only=True), GM)
    years = [str(y) for y in range(first.year + 1, last.year)]  # the demo's whole years
    # the newest year first: the recent years are in view at 1024 pixels
    assert list(per_year.columns) == ["Kerncijfer", *reversed(years)]
    # the last whole year equals the headline figures of that year
    year = int(years[-1])
    at.date_input(key="flt_van").set_value(date(year, 1, 1))
    at.date_input(key="flt_tot").set_value(date(year, 12, 31)).run()
    shown = metrics(at)
    column = per_year.set_index("Kerncijfer")[years[-1]]
    for label in ("Deelnames", "Unieke deelnemers", "Fte opbouwwerk per 10.000 inwoners"):
        assert column[label] == shown[label], label


def test_overzicht_explains_a_long_stay_beside_turnover(db):
    # the demo's gemeente has both a median stay and a turnover above 0 in its default period
    at = open_screen()
    shown = metrics(at)
    assert shown["Verloop opbouwwerkers per jaar"] not in ("0%", "0,0%", "geen gegevens")
    assert overzicht.TENURE_BESIDE_TURNOVER in [c.value for c in at.caption]


def test_bereik_url_restores_level_and_type(db, default_period):
    at = open_screen("pages/bereik.py", params={"niveau": "buurt", "type": "buurtcafé"})
    assert at.selectbox(key="flt_type").value == "buurtcafé"
    expected = api(
        db, "bereik", default_period, level="buurt", gemeente=GM, activity_type="buurtcafé"
    )
    assert table(at).equals(tables.bereik_table(expected))
    assert len(table(at)) == 36  # every buurt of the demo


def test_bereik_focus_follows_map_click(db, default_period):
    at = open_screen("pages/bereik.py")
    at.session_state["kaart_bereik"] = {
        "selection": {
            "points": [{"location": "WK999905"}],
            "point_indices": [0],
            "box": [],
            "lasso": [],
        }
    }
    at.run()
    assert not at.exception
    assert "Hoogveld" in [s.value for s in at.header]
    summary = at.dataframe[0].value.set_index("Kengetal")["Waarde"]
    row = (
        api(db, "bereik", default_period, level="wijk", gemeente=GM)
        .set_index("gebiedscode")
        .loc["WK999905"]
    )
    assert summary["Deelnames"] == fmt.number(row["deelnames"])


# --- Continuïteit ------------------------------------------------------------


def test_continuiteit_table_equals_query_api_and_rol_filter(db, default_period):
    at = open_screen("pages/continuiteit.py")
    expected = tables.continuiteit_table(
        api(db, "continuiteit", default_period, level="wijk", gemeente=GM)
    )
    assert table(at).equals(expected)
    at.selectbox(key="flt_rol").set_value("jongerenwerker").run()
    assert not at.exception
    only = table(at)
    assert set(only["Rol"]) == {"Jongerenwerker"}
    assert only.equals(
        tables.continuiteit_table(
            api(db, "continuiteit", default_period, level="wijk", gemeente=GM, rol="jongerenwerker")
        )
    )


def test_continuiteit_shows_signals_without_names(db, default_period):
    at = open_screen("pages/continuiteit.py")
    signals = api(db, "continuiteit_signalen", default_period.end, gemeente=GM)
    shown = at.dataframe[0].value
    assert len(shown) == len(signals) > 0
    assert "professional_id" not in shown.columns
    with duckdb.connect(db, read_only=True) as con:
        names = {r[0] for r in con.sql("select naam from professional").fetchall()}
    page_text = " ".join(str(v) for df in at.dataframe for v in df.value.to_numpy().ravel())
    assert not any(name in page_text for name in names)


def test_continuiteit_timeline_marks_each_unfilled_rol_of_its_signals(db, default_period):
    """The timeline of a wijk draws a dotted line for a rol unfilled on the period's end, with
    the days its signal "Rol nu onbezet" says; the demo's Oude Haven has such signals."""
    signals = api(db, "continuiteit_signalen", default_period.end, gemeente=GM)
    oude_haven = signals[
        (signals["wijkcode"] == "WK999902") & (signals["signaal"] == "rol_onbezet")
    ]
    assert len(oude_haven) >= 2  # the demo's: Opbouwwerker, Wijkagent, Buurtteam
    at = open_screen("pages/continuiteit.py", params={"sel": "WK999902"})
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    [timeline] = [
        f for f in figures if "Wie was wanneer" in f["layout"].get("title", {}).get("text", "")
    ]
    assert any(t.get("name") == "Rol onbezet" for t in timeline["data"])
    hovers = [h for t in timeline["data"] if t["type"] == "bar" for h in t["hovertext"]]
    # per bar: its rol (the second line) and the gap after it (the last line)
    still_open = {
        (h.split("<br>")[1].split(" · ")[0], h.split("<br>")[-1]) for h in hovers if "Daarna" in h
    }
    expected = {
        (
            ROL_LABELS[r.rol],
            f"Daarna onbezet: sinds {fmt.dutch_date(r.einddatum + timedelta(days=1))}"
            f" ({fmt.days(r.dagen)})",
        )
        for r in oude_haven.itertuples()
    }
    assert still_open == expected


def test_continuiteit_of_one_organisatie_lists_only_the_rollen_it_had(db, default_period):
    """A team lead filtered on her organisation saw Buurtteam, Wijkagent and Overig in every
    wijk as "365 onbezette dagen": her organisation has none. The table keeps the rollen in
    which the organisatie had a spell in some wijk, and names the others under it."""
    at = open_screen("pages/continuiteit.py", params={"org": "ORG999902"})
    rows = api(
        db, "continuiteit", default_period, level="wijk", gemeente=GM, organisatie="ORG999902"
    )
    had = set(rows.loc[rows["spells"] > 0, "rol"])
    assert had and had != set(rows["rol"])  # the demo's organisation has some rollen, not all
    shown = table(at)
    assert set(shown["Rol"]) == {ROL_LABELS[r] for r in had}
    left_out = sorted(ROL_LABELS[r].lower() for r in set(rows["rol"]) - had)
    [note] = [c.value for c in at.caption if c.value.startswith("Rollen waarin deze organisatie")]
    assert all(name in note for name in left_out)


def test_continuiteit_says_its_date_not_peildatum_and_no_jargon(db):
    """A team lead's walk: "na de peildatum", "(Kaplan–Meier: …)" and a curve explained as
    looking at "alle inzet sinds het begin van de gegevens", while it follows the
    professionals who worked in the period."""
    at = open_screen("pages/continuiteit.py", params={"van": "2025-11-01", "tot": "2026-10-31"})
    captions = [c.value for c in at.caption]
    assert any(
        "Inzet die binnen 90 dagen na 31 oktober 2026 eindigt zonder opvolger" in c
        for c in captions
    )
    assert any(
        c.startswith("Van de professionals die in deze periode in de wijk werkten")
        for c in captions
    )
    assert not any("peildatum" in c or "Kaplan" in c for c in captions)


@pytest.mark.parametrize(
    ("van", "tot", "warned"),
    [("2026-09-01", "2026-09-30", True), ("2025-01-01", "2025-12-31", False)],
)
def test_continuiteit_warns_that_a_short_periods_verloop_is_scaled_to_a_year(db, van, tot, warned):
    """A team lead's monthly check showed "Verloop per jaar 2.281%" and a survival curve near
    100% without a word why."""
    at = open_screen("pages/continuiteit.py", params={"van": van, "tot": tot})
    notes = [i.value for i in at.info if i.value.startswith("Deze periode duurt")]
    # September has 30 days
    assert notes == (
        [
            "Deze periode duurt 30 dagen: het verloop is omgerekend naar een jaar, dus één"
            " vertrek telt zwaar mee (in een maand als twaalf), en de curve 'Hoe lang blijven"
            " professionals?' telt alleen wie in deze periode vertrok, dus blijft hoog. Kies"
            " een jaar voor een rustiger beeld."
        ]
        if warned
        else []
    )


def test_continuiteit_says_the_departures_a_months_turnover_rests_on(db):
    """The same team lead's October: Oude Haven's buurtteam at "2.281%" per year, one
    departure in 31 days scaled to a year; the cell now says that it is one."""
    october = Period(date(2026, 10, 1), date(2026, 10, 31))
    at = open_screen(
        "pages/continuiteit.py", params={"van": "2026-10-01", "tot": "2026-10-31", "gm": GM}
    )
    [table] = [d.value for d in at.dataframe if "Verloop per jaar" in d.value.columns]
    rows = api(db, "continuiteit", october, level="wijk", gemeente=GM)
    left = rows[rows["vertrekken"] == 1]
    assert len(left) == 1 and left["naam"].iloc[0] == "Oude Haven"
    shown = table[(table["Gebied"] == "Oude Haven") & (table["Rol"] == "Buurtteam")]
    rate = fmt.percentage(left["verloop_pct"].iloc[0])
    assert shown["Verloop per jaar"].tolist() == [f"{rate} (1 vertrek)"]
    # no departure, no count
    assert (
        not table.loc[table.index != shown.index[0], "Verloop per jaar"]
        .str.contains("vertrek")
        .any()
    )


def rendered_text(at: AppTest) -> str:
    """Everything the run rendered, as text: table cells, chart specs, and every other element."""
    parts = [str(v) for df in at.dataframe for v in df.value.to_numpy().ravel()]
    for chart in at.get("plotly_chart"):
        # the figure as Plotly's JSON, with names back to their own characters
        parts.append(json.dumps(json.loads(chart.proto.spec), ensure_ascii=False))
    for block in (at.main, at.sidebar):
        stack = [block]
        while stack:
            node = stack.pop()
            children = getattr(node, "children", None)
            if children is not None:
                stack.extend(children.values())
            elif node.type not in ("arrow_data_frame", "plotly_chart"):
                parts.append(text_format.MessageToString(node.proto, as_utf8=True))
    return "\n".join(parts)


def test_continuiteit_names_for_a_team_lead_of_their_own_organisation_only(
    db, default_period, monkeypatch, tmp_path, deferred_download
):
    log = str(tmp_path / "auditlog.duckdb")
    monkeypatch.setenv(AUDIT_ENV_VAR, log)
    # the demo as `make run` serves it: "Bekijk als", not the administrator's local mode
    monkeypatch.delenv(LOCAL_ENV_VAR)
    # the demo's first departure without successor: its wijk, organisation and professional
    signals = api(db, "continuiteit_signalen", default_period.end, gemeente=GM)
    leaving = signals[signals["signaal"] == "vertrek_zonder_opvolger"].iloc[0]
    wijk, org = leaving["wijkcode"], leaving["organisatie_id"]
    with duckdb.connect(db, read_only=True) as con:
        all_names = dict(con.sql("select professional_id, naam from professional").fetchall())
    leaving_name = all_names[leaving["professional_id"]]

    at = open_screen("pages/continuiteit.py", params={"sel": wijk})
    at.selectbox(key="auth_bekijk_als").select("teamleider").run()
    at.selectbox(key="auth_bekijk_als_organisatie").select(org).run()
    assert not at.exception, [e.value for e in at.exception]
    team_lead = Viewer("teamleider", frozenset({org}))
    names = api(db, "professional_namen", GM, (org,))
    # the named signals of the wijk, the team lead's organisation only
    named = at.dataframe[0].value
    own = named_signals(signals[signals["wijkcode"] == wijk], names, team_lead)
    assert set(own["organisatie_id"]) == {org}
    assert named.equals(tables.named_signals_table(own))
    assert any(text.startswith(f"{leaving_name} (") for text in named["Signaal"])
    # rows taller than 4rem (64 px), from which Streamlit wraps a cell's text: a sentence
    # such as "… stopt over 27 dagen; geen opvolger" was cut at 1024×768
    assert at.dataframe[0].proto.row_height > 64
    # how the own signals relate to all of them (Overzicht counts all), and all of them,
    # most urgent first, under a label that gives their number
    in_wijk = by_urgency(signals[signals["wijkcode"] == wijk])
    assert len(in_wijk) >= len(own)
    assert own_share(len(own), len(in_wijk)) in [c.value for c in at.caption]
    [everyone] = [e for e in at.expander if e.label.startswith("Alle signalen")]
    assert everyone.label == f"Alle signalen, zonder namen ({len(in_wijk)})"
    assert at.dataframe[1].value.equals(tables.signalen_table(in_wijk))
    assert fmt.dutch_date(leaving["startdatum"].date()) in set(named["Start inzet"])
    # beside the screen's own "Download deze cijfers", the named signals' workbook
    [download] = [b for b in at.get("download_button") if "Signalen" in b.label]
    assert download.label == "Signalen als Excel (XLSX)"
    # the workbook is made when it is clicked, with the same named signals
    content, file_name = deferred_download(download)
    assert file_name == f"signalen-{default_period.end.isoformat()}.xlsx"
    sheet = load_workbook(io.BytesIO(content)).active
    cells = {c.value for row in sheet.iter_rows(min_row=2) for c in row}
    assert any(isinstance(v, str) and v.startswith(f"{leaving_name} (") for v in cells)
    # the timeline: names of the organisation's professionals, letters for everyone else
    spells = spells_of(api(db, "spell_tijdlijn", default_period, gemeente=GM), wijk)
    labels = set(labelled(spells, names, team_lead)["label"])
    [timeline] = [
        c
        for c in at.get("plotly_chart")
        if "Wie was wanneer" in json.loads(c.proto.spec)["layout"].get("title", {}).get("text", "")
    ]
    # the bars' rows (the lines of unfilled days lie on those rows, with gaps between them)
    traces = json.loads(timeline.proto.spec)["data"]
    shown = {y for trace in traces if trace["type"] == "bar" for y in trace["y"]}
    assert shown == labels
    assert {y for t in traces if t["type"] == "scatter" for y in t["y"] if y} <= labels
    assert leaving_name in shown
    assert any(label.endswith(" A") for label in shown)
    # the professionals of other organisations only (never of the team lead's) stay unnamed
    own_people = set(spells.loc[spells["organisatie_id"] == org, "professional_id"])
    others = set(spells.loc[spells["organisatie_id"] != org, "professional_id"]) - own_people
    assert others  # the demo wijk has professionals of other organisations too
    text = rendered_text(at)
    assert [all_names[pid] for pid in others if all_names[pid] in text] == []
    assert leaving_name in text  # what the beleid check below reads does see names
    # the views of names are in the audit log (newest first): choosing Teamleider first showed
    # the first organisation's names, then the chosen one's
    viewed = audit.read(log)
    assert set(map(tuple, viewed[["gebeurtenis", "rol", "scherm"]].values.tolist())) == {
        ("namen_bekeken", "teamleider", "Continuïteit")
    }
    assert list(viewed["organisaties"].iloc[0]) == [org]

    # the same screen for beleid: none of the demo's professional names anywhere
    at.selectbox(key="auth_bekijk_als").select("beleid").run()
    assert not at.exception, [e.value for e in at.exception]
    text = rendered_text(at)
    assert "Wie was wanneer" in text and "Vertrekt, geen opvolger" in text  # the page is there
    assert [name for name in all_names.values() if name in text] == []
    assert [b.label for b in at.get("download_button")] == ["Download deze cijfers (Excel)"]
    assert len(audit.read(log)) == len(viewed)  # beleid saw no names: nothing more recorded


# --- Dekking -----------------------------------------------------------------


def test_dekking_table_equals_query_api_and_period_change(db, default_period):
    at = open_screen("pages/dekking.py")
    assert len(at.columns) == 4  # one gemeente: map beside quadrant, missing wijken beside index
    expected = tables.dekking_table(api(db, "dekking", default_period, level="wijk", gemeente=GM))
    assert table(at).equals(expected)
    absent = at.dataframe[0].value
    assert set(absent["Wijk"]) == {
        "Hoogveld",
        "Waterkant",
    }  # the demo's high-need wijken without opbouwwerk
    at.date_input(key="flt_van").set_value(date(2021, 1, 1))
    at.date_input(key="flt_tot").set_value(date(2021, 12, 31)).run()
    assert not at.exception
    earlier = tables.dekking_table(
        api(db, "dekking", Period(date(2021, 1, 1), date(2021, 12, 31)), gemeente=GM)
    )
    assert table(at).equals(earlier)
    assert not earlier.equals(expected)


def test_dekking_names_the_wijken_without_an_opbouwwerker_at_the_end(db):
    # A walk read Oude Haven (0,72 fte per 10.000) and Rivierzicht ("hoge dekking") as
    # covered, while Continuïteit's signals on 31 oct 2026 said both posts were empty: the
    # demo's opbouwwerkers there left on 29 jul and 26 sep 2026 (its inzet rows).
    at = open_screen(
        "pages/dekking.py", params={"gm": GM, "van": "2025-11-01", "tot": "2026-10-31"}
    )
    said = (
        "Op 31 okt 2026 was er geen opbouwwerker in Oude Haven (sinds 30 jul 2026) en"
        " Rivierzicht (sinds 27 sep 2026). De fte op de kaart en in de tabellen is het"
        " gemiddelde over de hele periode."
    )
    assert md(said) in [c.value for c in at.caption]
    # a year earlier both had their opbouwwerker at the end
    at = open_screen(
        "pages/dekking.py", params={"gm": GM, "van": "2024-11-01", "tot": "2025-10-31"}
    )
    assert not any("was er geen opbouwwerker" in c.value for c in at.caption)


def test_dekking_shows_need_components_of_selected_wijk(db):
    at = open_screen("pages/dekking.py", params={"sel": "WK999905"})
    assert any(m.value == "**Hoogveld**" for m in at.markdown)
    parts = next(t.value for t in at.dataframe if "Indicator" in t.value.columns)
    assert len(parts) == 4  # the four default need indicators


def test_bereik_says_which_figures_need_participant_records(
    monkeypatch, tmp_path, deferred_download
):
    # A gemeente that registers only session totals (no deelname rows): the screen
    # names the figures it cannot show instead of showing zeros.
    path = str(tmp_path / "totalen.duckdb")
    with duckdb.connect(path) as con:
        build_database(con)
        insert(con, "gemeente", [("GM0002", "Totaaldorp", False, None)])
        insert(con, "wijk", [("WK000201", "Alles", "GM0002", None)])
        insert(con, "buurt", [("BU00020101", "Alles-A", "WK000201", None)])
        insert(con, "kerncijfers", [("BU00020101", 2024, "aantal_inwoners", 800)])
        insert(con, "organisatie", [("O1", "Welzijn", "welzijn")])
        insert(
            con, "activiteit", [("A4", "Koffie", "koffieochtend", "WK000201", None, "O1", False)]
        )
        insert(
            con,
            "bijeenkomst",
            [("B7", "A4", date(2024, 4, 1), 12), ("B8", "A4", date(2024, 6, 1), 8)],
        )
    monkeypatch.setenv(DB_ENV_VAR, path)
    at = open_screen("pages/bereik.py")
    warning = " ".join(w.value for w in at.warning)
    assert "alleen totalen per bijeenkomst" in warning
    assert "unieke deelnemers" in warning and "herhaalbezoek" in warning
    shown = table(at).iloc[0]
    assert shown["Deelnames"] == "20"  # B7 12 + B8 8
    assert shown["Unieke deelnemers"] == "geen gegevens"
    # the months say it too (the download showed 0 participants): April held B7, 12 by its
    # total, who came unknown (an empty cell, as in every sheet); May held nothing, a true 0
    months = per_month_sheet(deferred_download, at)
    assert months == {"2024-04": [1, 12, None], "2024-05": [0, 0, 0], "2024-06": [1, 8, None]}
    # under wie the deelnames are no one's home: unknown as well
    at.radio(key="flt_attr").set_value("wie").run()
    assert not at.exception
    assert per_month_sheet(deferred_download, at)["2024-04"] == [1, None, None]


def per_month_sheet(deferred_download, at) -> dict[str, list[object]]:
    """The rows of the Bereik download's sheet of months: "jjjj-mm" -> its other cells."""
    [button] = [b for b in at.get("download_button") if b.proto.label == DOWNLOAD_LABEL]
    book = load_workbook(io.BytesIO(deferred_download(button)[0]))
    [sheet] = [book[name] for name in book.sheetnames if name.startswith("Per maand")]
    _, *body = sheet.iter_rows(values_only=True)
    return {f"{row[0]:%Y-%m}": list(row[1:]) for row in body}


# --- Gegevens ----------------------------------------------------------------


def test_gegevens_upload_report_import_history(monkeypatch, tmp_path, demo_db_path):
    path = tmp_path / "data" / "wijkdashboard.duckdb"
    path.parent.mkdir()
    path.write_bytes(Path(store.resolve(demo_db_path)).read_bytes())
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    monkeypatch.setenv("WIJKDASHBOARD_SALT_FILE", str(tmp_path / "salt"))
    at = open_screen("pages/gegevens.py")
    assert [t.label for t in at.tabs] == [
        "Registraties", "CBS-gebieden en kerncijfers", "Eigen indeling", "Plekken, routes en verhalen", "Importgeschiedenis", "Datakwaliteit",
        "Auditlog",
    ]  # fmt: skip
    assert len(at.get("download_button")) == 4  # CSV and Excel templates, registraties and wijk
    # a file with an error: the whole report, and no import button that works
    bad = (
        "inzet_id;professional_id;professional_naam;wijkcode;rol;organisatie_id;startdatum;einddatum;uren_per_week\n"
        "T1;PTEST1;Anna Test;WK999977;opbouwwerker;ORG999902;01-03-2026;;24\n"
    )
    at.file_uploader(key="gg_upload").set_value(("inzet.csv", bad.encode(), "text/csv")).run()
    assert not at.exception
    report = at.dataframe[0].value
    assert report.iloc[0]["Reden"] == registratie.REDENEN["REDEN_WIJK_ONBEKEND"]
    assert report.iloc[0]["Rij"] == "2" and report.iloc[0]["Waarde"] == "WK999977"
    assert at.button(key="gg_import").disabled
    # a file with only its header: nothing to import, so no button that does nothing
    header = bad.splitlines()[0] + "\n"
    at.file_uploader(key="gg_upload").set_value(("kop.csv", header.encode(), "text/csv")).run()
    assert any(w.value.startswith("Geen rijen") for w in at.warning)
    assert at.button(key="gg_import").disabled
    # the corrected file imports, and the history shows it
    at.file_uploader(key="gg_upload").set_value(
        ("inzet.csv", bad.replace("WK999977", "WK999908").encode(), "text/csv")
    ).run()
    assert not at.button(key="gg_import").disabled
    at.button(key="gg_import").click().run()
    assert not at.exception
    assert any("inzet.csv is geïmporteerd" in s.value for s in at.success)
    history = next(df.value for df in at.dataframe if "Bestand" in df.value.columns)
    assert history.iloc[0]["Bestand"] == "inzet.csv"
    # per table: one new professional and her inzet (the log's sum said "2 nieuw")
    assert history.iloc[0]["Geschreven"] == (
        "Professionals: 1 nieuw, 0 bijgewerkt; Inzet: 1 nieuw, 0 bijgewerkt"
    )


def test_gegevens_on_a_read_only_instance_offers_no_import(monkeypatch, db):
    monkeypatch.setenv("WIJKDASHBOARD_READ_ONLY", "1")
    at = open_screen("pages/gegevens.py")
    assert not at.exception
    notes = [i.value for i in at.info if "leest de database alleen" in i.value]
    assert len(notes) == 4  # one in each import tab
    assert at.get("file_uploader") == [] and at.get("download_button") == []
    assert len(at.dataframe) >= 1  # history and data quality are still there
