"""Accessibility that Streamlit leaves to us (WCAG 2.1 AA, issue 15; docs/toegankelijkheid.md).

- The page language: Streamlit 1.67 serves `<html lang="en">` and has no option for it
  (streamlit/streamlit#15726). A small script sets `lang` on the page's own `<html>`
  (`st.html` runs it in the page, not in an iframe), and sets it again should anything reset it.
- An accessible name for every chart and map: Plotly draws SVG without one. The same script
  gives each chart container `role="figure"` and an `aria-label` made of its kind ("Grafiek",
  "Kaart") and the title drawn in the chart.
- Text contrast: Streamlit draws captions and key hints in `#828180` (3.88:1 on white; AA
  needs 4.5:1); the CSS darkens them. A clearly visible focus ring on every control. A
  table's pinned column (the area's name) is drawn on a canvas in Streamlit's faded text
  colour, which CSS cannot reach: `.streamlit/config.toml` sets a darker text colour, of
  which that faded one is #767676 (4.54:1).
- A table wider than the page scrolls sideways, but nothing showed it (its scroll bar
  appears only under the mouse; on a projector nobody hovers): the script marks such a
  table, and a line under it says that there are more columns.

- Streamlit's own words in a Dutch page: its buttons, tooltips and accessible names are
  English and have no setting ("Upload", "200MB per file", "Download as CSV", "Help for …",
  "Skip to main content"). The script puts the Dutch of each (`STREAMLIT_WORDS`) in its
  place: any accessible name, placeholder or title whose whole text is one of them, and the
  text of Streamlit's own upload field, tooltips and skip link. Our texts and the data's are
  Dutch and never wholly one of those English words. In the English version they stay.

The language comes from one place, `LANGUAGE`, with the words the script uses per language,
so an English switch only has to pass another language.
"""

from __future__ import annotations

import json

import streamlit as st

LANGUAGE = "nl"

# the words of the accessible names, per language
NAMES: dict[str, dict[str, str]] = {
    "nl": {
        "chart": "Grafiek",
        "map": "Kaart",
        "sidebar": "Zijbalk",
        "columns": "Meer kolommen rechts: schuif de tabel opzij (Shift + scrollwiel), of"
        " download de cijfers.",
    },
    "en": {
        "chart": "Chart",
        "map": "Map",
        "sidebar": "Sidebar",
        "columns": "More columns to the right: scroll the table sideways (Shift + scroll"
        " wheel), or download the figures.",
    },
}

# Streamlit's English words and their Dutch, per language of the page: whole texts, and
# patterns (a JavaScript regular expression over the whole text, and its replacement). The
# words are those of Streamlit 1.67's frontend (its file uploader, element toolbar, tooltips,
# sidebar, select boxes and date fields); tests/e2e/test_toegankelijkheid.py finds each.
STREAMLIT_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "Skip to main content": "Naar de inhoud",
        "Collapse sidebar": "Zijbalk inklappen",
        "Expand sidebar": "Zijbalk uitklappen",
        "Sidebar": "Zijbalk",
        "Open": "Openen",
        "Choose date": "Kies een datum",
        "Choose an option": "Maak een keuze",
        "Link to heading": "Link naar deze kop",
        "Show/hide columns": "Kolommen tonen of verbergen",
        "Download as CSV": "Downloaden als CSV",
        "Search": "Zoeken",
        "Fullscreen": "Volledig scherm",
        "Close fullscreen": "Volledig scherm sluiten",
        "Exit fullscreen": "Volledig scherm sluiten",
        "Clear all": "Alles wissen",
        "Clear value": "Wissen",
        "Upload": "Bestand kiezen",
        # the upload field's own file input (react-dropzone's name for it): a screen reader
        # read "file upload" in a Dutch page
        "file upload": "Bestand uploaden",
        "Add files": "Bestanden toevoegen",
        "Drag and drop a file here": "Sleep een bestand hierheen",
        "Drag and drop files here": "Sleep bestanden hierheen",
        "File type not allowed.": "Dit soort bestand kan hier niet.",
    },
    "en": {},
}
STREAMLIT_PATTERNS: dict[str, list[tuple[str, str]]] = {
    "nl": [
        ("^Help for (.+)$", "Uitleg bij $1"),
        ("^([0-9.]+) ?([KMG]B) per file", "Tot $1 $2 per bestand"),
        ("^(.+) files are not allowed\\.$", "Bestanden van het type $1 kunnen hier niet."),
        # the parts of a date field, each named with the field's label ("year, Van")
        ("^year, (.+)$", "jaar, $1"),
        ("^month, (.+)$", "maand, $1"),
        ("^day, (.+)$", "dag, $1"),
    ],
    "en": [],
}

# Captions, help text and key hints: #5c5b59 on white is 6.7:1 (on the sidebar's #f8f8f7, 6.4:1).
CAPTION_COLOUR = "#5c5b59"
FOCUS_COLOUR = "#1a4f8b"  # 8.4:1 on white: a focus ring visible on every background used
# A key hint on a primary button ("Volgende →" in the presentation): the caption grey was
# all but invisible on its red (#a52f3c); white on it is 6.6:1.
ON_PRIMARY_COLOUR = "#ffffff"

_CSS = f"""
<style>
[data-testid="stCaptionContainer"],
[data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] small,
kbd {{
  color: {CAPTION_COLOUR} !important;
  opacity: 1 !important;
}}
[data-testid="stBaseButton-primary"] kbd {{
  color: {ON_PRIMARY_COLOUR} !important;
}}
/* a table with columns out of view (marked by the script below) says so under it */
[data-testid="stElementContainer"][data-meer-kolommen="ja"]:has([data-testid="stDataFrame"])::after {{
  content: attr(data-meer-kolommen-tekst);
  display: block;
  margin-top: 0.25rem;
  font-size: 0.875rem;
  color: {CAPTION_COLOUR};
}}
a:focus-visible,
button:focus-visible,
input:focus-visible,
textarea:focus-visible,
summary:focus-visible,
[role="button"]:focus-visible,
[role="tab"]:focus-visible,
[role="switch"]:focus-visible,
[role="radio"]:focus-visible,
[role="checkbox"]:focus-visible,
[role="combobox"]:focus-visible,
[tabindex]:not([tabindex="-1"]):focus-visible {{
  outline: 3px solid {FOCUS_COLOUR} !important;
  outline-offset: 2px !important;
}}
</style>
"""

_JS = """
<script>
(() => {
  const config = __CONFIG__;
  window.wijkdashboardA11y = config;
  function plain(markup) {
    // Plotly strings are escaped text with line-break and bold tags: read as text, never run.
    // (No angle bracket in this script: Streamlit would not run it.)
    const text = String(markup || "").replace(/\\x3cbr[^\\x3e]*\\x3e/gi, " ");
    return new DOMParser().parseFromString(text, "text/html").body.textContent.trim();
  }
  function chartName(chart) {
    const plot = chart.querySelector(".js-plotly-plot");
    const layout = plot && plot.layout ? plot.layout : {};
    const title = layout.title ? (typeof layout.title === "string" ? layout.title : layout.title.text) : "";
    if (title) return plain(title);
    const drawn = chart.querySelector(".infolayer .gtitle");
    if (drawn) return drawn.textContent.trim();
    const first = plot && plot.data && plot.data.length ? plot.data[0] : null;
    return first && first.name ? plain(first.name) : "";
  }
  const sized = window.wijkdashboardSized || (window.wijkdashboardSized = new WeakSet());
  const resized = window.wijkdashboardResized
    || (window.wijkdashboardResized = new ResizeObserver(() => requestAnimationFrame(label)));
  // the words of the page's current language (the observer below outlives a switch of it)
  const compiled = window.wijkdashboardPatterns || (window.wijkdashboardPatterns = new Map());
  function dutch(text) {
    // a whole text of Streamlit's: its Dutch, or the text itself (ours and data's never match)
    const cfg = window.wijkdashboardA11y;
    const words = cfg.words || {};
    if (Object.prototype.hasOwnProperty.call(words, text)) return words[text];
    for (const [from, to] of cfg.patterns || []) {
      if (!compiled.has(from)) compiled.set(from, new RegExp(from));
      const pattern = compiled.get(from);
      if (pattern.test(text)) return text.replace(pattern, to);
    }
    return text;
  }
  const OWN_TEXTS = "[data-testid='stSkipToContent'], [data-testid^='stFileUploader'],"
    + " [data-testid='stTooltipContent']";
  // what was translated, with Streamlit's original: a switch to English puts it back (React
  // sets an attribute again only when its own value changes)
  const originals = window.wijkdashboardOriginals || (window.wijkdashboardOriginals = new Map());
  const ATTRIBUTES = ["aria-label", "placeholder", "title"];
  function translate() {
    // what React has taken off the page needs no original any more (a long session)
    originals.forEach((_was, target) => { if (!target.isConnected) originals.delete(target); });
    document.querySelectorAll("[aria-label], [placeholder], [title]").forEach((e) => {
      for (const name of ATTRIBUTES) {
        const value = e.getAttribute(name);
        if (value) {
          const shown = dutch(value);
          if (shown !== value) {
            if (!originals.has(e)) originals.set(e, {});
            originals.get(e)[name] = value;
            e.setAttribute(name, shown);
          }
        }
      }
    });
    document.querySelectorAll(OWN_TEXTS).forEach((box) => {
      const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) {
        const node = walk.currentNode;
        const text = node.nodeValue.trim();
        const shown = text ? dutch(text) : text;
        if (shown !== text) {
          originals.set(node, { text: node.nodeValue });
          node.nodeValue = shown;
        }
      }
    });
  }
  function restore() {
    originals.forEach((was, target) => {
      if (target.nodeType === Node.TEXT_NODE) target.nodeValue = was.text;
      else for (const name of Object.keys(was)) target.setAttribute(name, was[name]);
    });
    originals.clear();
  }
  function label() {
    const cfg = window.wijkdashboardA11y;
    if ((cfg.patterns || []).length || Object.keys(cfg.words || {}).length) translate();
    else if (originals.size) restore();
    if (document.documentElement.lang !== cfg.lang) document.documentElement.lang = cfg.lang;
    // a sidebar taller than the window scrolls: reachable by keyboard, so it can be scrolled
    const side = document.querySelector("[data-testid='stSidebarContent']");
    if (side && side.getAttribute("aria-label") !== cfg.names.sidebar) {
      side.setAttribute("tabindex", "0");
      side.setAttribute("aria-label", cfg.names.sidebar);
    }
    document.querySelectorAll("[data-testid='stPlotlyChart']").forEach((chart) => {
      const isMap = chart.querySelector(".geolayer .choroplethlocation") !== null;
      const kind = isMap ? cfg.names.map : cfg.names.chart;
      const name = chartName(chart);
      const text = name ? kind + ": " + name : kind;
      if (chart.getAttribute("aria-label") !== text) {
        chart.setAttribute("role", "figure");
        chart.setAttribute("aria-label", text);
      }
    });
    document.querySelectorAll("[data-testid='stDataFrame']").forEach((table) => {
      const box = table.closest("[data-testid='stElementContainer']");
      const scroller = table.querySelector(".dvn-scroller");
      if (!box || !scroller) return;
      // the grid sizes its columns after its first paint, without new nodes: watch its size
      const inner = scroller.firstElementChild;
      if (inner && !sized.has(inner)) {
        sized.add(inner);
        resized.observe(inner);
      }
      const more = scroller.scrollWidth > scroller.clientWidth + 1 ? "ja" : "nee";
      if (box.dataset.meerKolommen !== more) box.dataset.meerKolommen = more;
      if (box.dataset.meerKolommenTekst !== cfg.names.columns) {
        box.dataset.meerKolommenTekst = cfg.names.columns;
      }
    });
    // other scripts' work on what is new in the page (table_sort), on this one observer
    (window.wijkdashboardHooks || new Map()).forEach((hook) => hook());
  }
  label();
  if (window.wijkdashboardA11yObserver) return;  // one observer per page, kept across reruns
  let queued = false;
  window.wijkdashboardA11yObserver = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; label(); });
  });
  // attributes too: React sets an accessible name again when it draws the element anew
  window.wijkdashboardA11yObserver.observe(document.body, {
    childList: true, subtree: true, attributeFilter: ["aria-label", "placeholder", "title"],
  });
  // a narrower window (a projector) can put a table's last columns out of view
  window.addEventListener("resize", () => requestAnimationFrame(label));
  new MutationObserver(label).observe(document.documentElement, { attributeFilter: ["lang"] });
})();
</script>
"""


def apply(language: str = LANGUAGE) -> None:
    """Set the page language, name the charts and apply the contrast and focus styles (once per run)."""
    config = {
        "lang": language,
        "names": NAMES[language],
        "words": STREAMLIT_WORDS[language],
        "patterns": STREAMLIT_PATTERNS[language],
    }
    st.html(_CSS)
    # our own constants: no text from data reaches the script
    st.html(_JS.replace("__CONFIG__", script_json(config)), unsafe_allow_javascript=True)


def script_json(value: object) -> str:
    """`value` as a JavaScript literal for a script in st.html, without "<": with one,
    Streamlit's sanitiser drops the whole script, without a word (a translation could hold
    one)."""
    return json.dumps(value).replace("<", "\\u003c")
