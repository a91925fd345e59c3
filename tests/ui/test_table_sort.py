"""The configuration of the plain table's sorting script (dashboard.ui.table_sort); the
script itself runs in a browser (tests/e2e/test_layout.py)."""

from __future__ import annotations

import re

from dashboard import i18n
from dashboard.ui import a11y, table_sort


def test_the_script_reads_numbers_words_and_months_of_the_page_language():
    with i18n.using("nl"):
        nl = table_sort.config("nl")
    with i18n.using("en"):
        en = table_sort.config("en")
    # 1.234,5 against 1,234.5; the words before a lower bound ("langer dan 1,2 jaar",
    # "minstens 94 (nog open)")
    assert (nl["decimal"], nl["longer"]) == (",", ["langer dan", "minstens"])
    assert (en["decimal"], en["longer"]) == (".", ["longer than", "at least"])
    # the month names dashboard.display.formatting writes ("mrt 2024", "maart 2024")
    assert (nl["months"]["mrt"], nl["months"]["maart"], nl["months"]["okt"]) == (3, 3, 10)
    assert (en["months"]["mar"], en["months"]["march"], en["months"]["oct"]) == (3, 3, 10)
    # a month is a twelfth of a year of 365.25 days, as formatting.duration counts it
    assert nl["days"]["maanden"] == en["days"]["months"] == 365.25 / 12
    assert nl["hint"] == "Sorteer op deze kolom" and en["hint"] == "Sort by this column"


def test_no_angle_bracket_reaches_a_script_from_its_configuration():
    """Streamlit drops a script with a "<" in it without a word: a translation holding one
    would switch off the sorting and the accessible names."""
    literal = a11y.script_json({"hint": "Klik <hier> & </script>"})
    assert "<" not in literal
    # still the same value for the script
    assert literal == '{"hint": "Klik \\u003chier> & \\u003c/script>"}'
    with i18n.using("nl"):
        body = table_sort._JS.replace("__CONFIG__", a11y.script_json(table_sort.config("nl")))
    inner = re.fullmatch(r"\s*<script>(.*)</script>\s*", body, re.S)
    assert inner is not None and "<" not in inner.group(1)
