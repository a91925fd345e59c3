"""Each code list is defined once (dashboard.domain.codes) and agrees with the schema and the labels."""

from __future__ import annotations

import re

import duckdb
import pytest

from dashboard.display import labels
from dashboard.domain import codes
from dashboard.warehouse.db import build_database


@pytest.fixture(scope="module")
def checks() -> dict[tuple[str, str], list[str]]:
    """The check constraints of the migrated schema on one column, per (table, column)."""
    con = duckdb.connect()
    build_database(con)
    rows = con.sql(
        "select table_name, constraint_column_names, constraint_text"
        " from duckdb_constraints() where constraint_type = 'CHECK'"
    ).fetchall()
    found: dict[tuple[str, str], list[str]] = {}
    for table, columns, text in rows:
        if len(set(columns)) == 1:
            found.setdefault((table, columns[0]), []).append(text)
    return found


def quoted(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text)


@pytest.mark.parametrize(
    ("table", "column", "values"),
    [
        ("inzet", "rol", codes.ROLLEN),
        ("organisatie", "soort", codes.SOORTEN),
        ("deelnemer", "leeftijdsgroep", codes.LEEFTIJDSGROEPEN),
        ("plek", "type", codes.PLEK_TYPES),
        ("plek", "beheer", codes.BEHEER),
        ("route", "soort", codes.ROUTE_SOORTEN),
        ("route", "gemaakt_door", codes.ROUTE_MAKERS),
        ("verhaal", "bron", codes.VERHAAL_BRONNEN),
        ("verhaal", "status", codes.VERHAAL_STATUSSEN),
    ],
)
def test_code_list_is_the_schemas(checks, table, column, values):
    (text,) = checks[(table, column)]
    assert quoted(text) == list(values)


@pytest.mark.parametrize("level", codes.CBS_LEVELS)
def test_code_patterns_are_the_schemas(checks, level):
    column = {"gemeente": "gemeentecode", "wijk": "wijkcode", "buurt": "buurtcode"}[level]
    (text,) = checks[(level, column)]
    assert quoted(text) == [codes.CODE_PATTERNS[level].pattern]


def test_the_other_code_columns_use_the_same_patterns(checks):
    (gebied,) = checks[("kerncijfers", "gebiedscode")]
    any_level = "|".join(codes.CODE_PATTERNS[level].pattern for level in codes.CBS_LEVELS)
    assert quoted(gebied) == [f"({any_level})"]
    (woonbuurt,) = checks[("deelnemer", "buurtcode")]
    assert quoted(woonbuurt) == [codes.CODE_PATTERNS[codes.BUURT].pattern]


@pytest.mark.parametrize(
    ("code", "level", "ok"),
    [
        ("GM0344", "gemeente", True),
        ("GM0363", "gemeente", True),
        ("GM344", "gemeente", False),
        ("GM03AA", "gemeente", False),  # a gemeentecode is digits only
        ("WK034401", "wijk", True),
        ("WK0363AA", "wijk", True),  # Amsterdam: capitals after the gemeente's digits
        ("WK0363A1", "wijk", True),
        ("WK0363aa", "wijk", False),  # CBS writes capitals; readers upper-case first
        ("WKAB6301", "wijk", False),  # the gemeente's four are digits
        ("WK0363AAA", "wijk", False),
        ("WK0363É1", "wijk", False),  # ASCII capitals only
        ("WK03440١", "wijk", False),  # an Arabic-Indic digit is not an ASCII digit
        ("BU03440101", "buurt", True),
        ("BU0363AA01", "buurt", True),
        ("BU0363AAAB", "buurt", True),
        ("BU0363aa01", "buurt", False),
        ("BU0344010", "buurt", False),
        ("BU0363AA0", "buurt", False),
    ],
)
def test_code_patterns(code, level, ok):
    pattern = codes.CODE_PATTERNS[level]
    assert bool(pattern.fullmatch(code)) is ok
    # the database's regular expressions (RE2) read the pattern the same way
    found = duckdb.sql("select regexp_full_match($1, $2)", params=[code, pattern.pattern])
    assert found.fetchall() == [(ok,)]


@pytest.mark.parametrize(
    ("label_map", "code_list"),
    [
        (labels.ROL_LABELS, codes.ROLLEN),
        (labels.SOORT_LABELS, codes.SOORTEN),
        (labels.KWADRANT_LABELS, codes.KWADRANTEN),
        (labels.SIGNAAL_LABELS, codes.SIGNALEN),
        (labels.LEVEL_LABELS, codes.LEVELS),
        (labels.LEVEL_NOUNS, codes.LEVELS),
        (labels.PLEK_TYPE_LABELS, codes.PLEK_TYPES),
        (labels.BEHEER_LABELS, codes.BEHEER),
        (labels.ROUTE_SOORT_LABELS, codes.ROUTE_SOORTEN),
        (labels.ROUTE_MAKER_LABELS, codes.ROUTE_MAKERS),
        (labels.VERHAAL_BRON_LABELS, codes.VERHAAL_BRONNEN),
    ],
)
def test_every_code_has_a_dutch_label_in_code_order(label_map, code_list):
    assert tuple(label_map) == tuple(code_list)


def test_kwadrant_labels_read_as_dutch_phrases():
    assert labels.KWADRANT_LABELS == {
        "hoge_behoefte_lage_dekking": "hoge behoefte, lage dekking",
        "hoge_behoefte_hoge_dekking": "hoge behoefte, hoge dekking",
        "lage_behoefte_lage_dekking": "lage behoefte, lage dekking",
        "lage_behoefte_hoge_dekking": "lage behoefte, hoge dekking",
    }


@pytest.mark.parametrize(
    ("high_need", "high_coverage", "expected"),
    [
        (True, False, codes.HIGH_NEED_LOW_COVERAGE),
        (True, True, "hoge_behoefte_hoge_dekking"),
        (False, False, "lage_behoefte_lage_dekking"),
        (False, True, "lage_behoefte_hoge_dekking"),
    ],
)
def test_kwadrant(high_need, high_coverage, expected):
    assert codes.kwadrant(high_need, high_coverage) == expected
    assert expected in codes.KWADRANTEN


def test_every_plek_type_is_a_place_an_initiative_or_a_partner():
    assert tuple(codes.PLEK_SOORT) == codes.PLEK_TYPES
    assert set(codes.PLEK_SOORT.values()) == {"plek", "initiatief", "partner"}


def test_the_staging_model_derives_the_same_soort_of_a_plek(empty_db):
    # stg_plek's case statement repeats PLEK_SOORT: every type through the view
    empty_db.execute("insert into gemeente values ('GM0001', 'Proef', true, null)")
    for k, plek_type in enumerate(codes.PLEK_TYPES):
        empty_db.execute(
            "insert into plek (plek_id, gemeentecode, naam, type, lon, lat, beheer)"
            " values ($id, 'GM0001', 'x', $type, 5.0, 52.0, 'bewoners')",
            {"id": f"P{k}", "type": plek_type},
        )
    found = dict(empty_db.sql("select type, soort from stg_plek").fetchall())
    assert found == codes.PLEK_SOORT
