"""Sorting the plain form of a display table (dashboard.display.tables.html_table).

A page narrower than layout.WIDE_PAGE_PX shows a table as plain HTML, not as Streamlit's data
grid, so that every column is in view; but a policy maker on a 1366-pixel laptop (the grid
needs 1,120 px of content) lost the grid's sorting with it. A small script makes each header
of a plain table a button: a click sorts the rows by that column, ascending, a second click
descending, as the grid does; `aria-sort` on the header says which (WCAG 4.1.2).

The cells are display texts, read as the page writes them (dashboard.display.formatting):
a number in the page's language with its sign ("2.807", "33,4", "+3,2 %-punt", "2.281% (1
vertrek)"), a duration in days ("11 maanden"), a lower bound just above its number
("langer dan 1,2 jaar", "minstens 94 (nog open)"), a date ("mrt 2024", "15 apr 2026"), "<5" just under 5 (where a hidden count
belongs, and no nearer to its value than the text says). A column is sorted by those values
when it has more of them than different texts without one ("geen inzet", "geen gegevens":
those go last either way); otherwise (names) as text in the page's language.
"""

from __future__ import annotations

import streamlit as st
from babel.dates import get_month_names

from dashboard.display import formatting as fmt
from dashboard.display.tables import AT_LEAST, HTML_TABLE_CLASS, LONGER_THAN
from dashboard.i18n import _, locale
from dashboard.ui.a11y import script_json

# the words of a duration (formatting.duration, .days) in both languages, in days
DURATION_DAYS = {
    **dict.fromkeys(("jaar", "year", "years"), fmt.DAYS_PER_MONTH * 12),
    **dict.fromkeys(("maand", "maanden", "month", "months"), fmt.DAYS_PER_MONTH),
    **dict.fromkeys(("week", "weken", "weeks"), 7),
    **dict.fromkeys(("dag", "dagen", "day", "days"), 1),
}

# the class of a header's button (styled in dashboard.ui.layout)
SORT_BUTTON_CLASS = "wd-sorteer"

_JS = """
<script>
(() => {
  // (No angle bracket in this script: Streamlit would not run it.)
  window.wijkdashboardSort = __CONFIG__;
  function key(text) {
    // the value of a cell's text, or null (see the module's docstring)
    const cfg = window.wijkdashboardSort;
    let t = text.replace(/\\u00ad/g, "").trim().toLowerCase();
    const date = t.match(/^(?:([0-9]{1,2}) )?([a-z]+)\\.? ([0-9]{4})$/);
    if (date && Object.prototype.hasOwnProperty.call(cfg.months, date[2])) {
      return Number(date[3]) * 10000 + cfg.months[date[2]] * 100 + Number(date[1] || 0);
    }
    let shift = 0;
    if (t.startsWith("\\x3c")) { shift = -0.5; t = t.slice(1).trim(); }
    for (const prefix of cfg.longer) {
      if (prefix && t.startsWith(prefix)) { shift = 0.001; t = t.slice(prefix.length).trim(); }
    }
    const found = t.match(cfg.decimal === "," ? /^([-+−]?[0-9.]*[0-9](?:,[0-9]+)?)(.*)$/
      : /^([-+−]?[0-9,]*[0-9](?:\\.[0-9]+)?)(.*)$/);
    // "1e Kwartier" is a name; "12%", "3 (1 vertrek)" and "11 maanden" are numbers
    if (!found || (found[2] && !/^[\\s%‰]/.test(found[2]))) return null;
    const unit = (found[2].trim().match(/^[a-z]+/) || [""])[0];
    const digits = cfg.decimal === "," ? found[1].replace(/\\./g, "").replace(",", ".")
      : found[1].replace(/,/g, "");
    const value = parseFloat(digits.replace("−", "-").replace("+", ""));
    if (Number.isNaN(value)) return null;
    const days = Object.prototype.hasOwnProperty.call(cfg.days, unit) ? cfg.days[unit] : 1;
    return value * days + shift;
  }
  window.wijkdashboardSortKey = key;
  function sortBy(table, column, header) {
    const cfg = window.wijkdashboardSort;
    const body = table.tBodies[0];
    const rows = [...body.rows];
    const texts = rows.map((r) => (r.cells[column] ? r.cells[column].textContent.trim() : ""));
    const keys = texts.map(key);
    const numbers = keys.filter((k) => k !== null).length;
    const words = new Set(texts.filter((t, i) => t && keys[i] === null)).size;
    const numeric = numbers - words;  // positive: more values than different other texts
    const descending = header.getAttribute("aria-sort") === "ascending";
    const sign = descending ? -1 : 1;
    // ties keep the order the rows have now: the previous sort, or the server's
    const order = rows.map((_r, i) => i).sort((a, b) => {
      if (Math.sign(numeric) === 1) {
        const ka = keys[a], kb = keys[b];
        if (ka === null || kb === null) return (ka === null) - (kb === null) || a - b;
        return sign * Math.sign(ka - kb) || a - b;
      }
      const ta = texts[a], tb = texts[b];
      if (!ta || !tb) return (!ta) - (!tb) || a - b;
      return sign * ta.localeCompare(tb, cfg.lang, { numeric: true, sensitivity: "base" }) || a - b;
    });
    order.forEach((i) => body.appendChild(rows[i]));
    table.querySelectorAll("thead th").forEach((th) => {
      if (th === header) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
      const arrow = th.querySelector(".__BUTTON__-pijl");
      if (arrow) arrow.textContent = th === header ? (descending ? " ▼" : " ▲") : "";
    });
  }
  function enhance() {
    document.querySelectorAll(".__TABLE__ table:not([data-sorteerbaar])").forEach((table) => {
      table.setAttribute("data-sorteerbaar", "ja");
      table.querySelectorAll("thead th").forEach((th, column) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "__BUTTON__";
        button.title = window.wijkdashboardSort.hint;
        while (th.firstChild) button.appendChild(th.firstChild);
        const arrow = document.createElement("span");
        arrow.className = "__BUTTON__-pijl";
        arrow.setAttribute("aria-hidden", "true");
        button.appendChild(arrow);
        button.addEventListener("click", () => sortBy(table, column, th));
        th.appendChild(button);
      });
    });
  }
  // a table drawn later (a rerun, a new filter) is found by dashboard.ui.a11y's observer
  (window.wijkdashboardHooks || (window.wijkdashboardHooks = new Map())).set("sort", enhance);
  enhance();
})();
</script>
"""


def config(language: str) -> dict[str, object]:
    """What the script reads in the page's language: its numbers, month names and words."""
    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for n, name in get_month_names(width, context="format", locale=locale()).items():
            months[str(name).lower().rstrip(".")] = int(n)
    return {
        "lang": language,
        "decimal": fmt.plotly_separators()[0],  # "," in 1.234,5
        # "langer dan 1,2 jaar", "minstens 94": the words before a lower bound
        "longer": [_(text).split("{", 1)[0].strip().lower() for text in (LONGER_THAN, AT_LEAST)],
        "months": months,
        "days": DURATION_DAYS,
        "hint": _("Sorteer op deze kolom"),
    }


def apply(language: str) -> None:
    """Make the headers of every plain display table on the page sort its rows (once per run)."""
    script = (
        _JS.replace("__TABLE__", HTML_TABLE_CLASS).replace("__BUTTON__", SORT_BUTTON_CLASS)
    ).replace("__CONFIG__", script_json(config(language)))
    st.html(script, unsafe_allow_javascript=True)
