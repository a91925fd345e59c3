"""Text from data shown as text: never as markdown in Streamlit, never as HTML in Plotly.

Names of gemeenten, wijken and buurten (CBS files), of an own indeling's areas, of
organisations, partners and professionals, activity types, file names and values from a
link all come from outside. Wherever such text goes into something that interprets
markup, it goes through one of these two functions first:

- `md` for Streamlit calls that render markdown: `st.markdown`, `st.caption`,
  `st.title`/`header`/`subheader`, `st.info`/`warning`/`error`/`success`, widget labels
  such as a button's. Escaped, a link, an image, emphasis, a heading or HTML in a name
  shows as the characters it is made of.
- `html` for Plotly strings: hover text, text on points and bars, category (tick) labels,
  legend names and titles. Plotly renders a subset of HTML there (`<b>`, `<br>`,
  `<a href>`...); escaped, `<` shows as `<` and starts no tag.

Elements that never interpret markup (`st.dataframe` cells, `st.text`, `st.code`,
selectbox options) take the text as it is. The one place that writes HTML for `st.html`,
the plain form of a display table (`display.tables.html_table`), escapes every cell and
header with the standard library's `html.escape`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

import pyphen

from dashboard.i18n import LOCALES

# Characters that are markdown syntax wherever they stand: links and images need `[`,
# autolinks and HTML `<`, URLs `:` (http://) and `@` (e-mail), Streamlit's maths `$` and
# colour, icon and emoji directives `:`; `&` starts an entity. CommonMark lets a backslash
# make any ASCII punctuation a plain character.
ALWAYS = frozenset("\\`*{}[]<>#|~$&:@")
# At the start of a text: a list item (`-`, `+`, `1.`, `1)`).
_LIST_START = re.compile(r"(\d+)([.)])")


def md(text: object) -> str:
    """`text` for a Streamlit call that renders markdown: shown exactly as written, on one line.

    Only what markdown can read as syntax is escaped, so ordinary names ('s-Hertogenbosch,
    Burgwallen-Oude Zijde, St. Jansdal) stay as they are in the markdown source too.
    """
    value = " ".join(str(text).split("\n")).replace("\r", " ").strip()
    out: list[str] = []
    for i, c in enumerate(value):
        before = value[i - 1] if i else ""
        after = value[i + 1] if i + 1 < len(value) else ""
        if (
            c in ALWAYS
            # `_` between two letters or digits never starts or ends emphasis (snake_case)
            or (c == "_" and not (before.isalnum() and after.isalnum()))
            # an autolink without a scheme starts with www.
            or (c == "." and value[max(0, i - 3) : i].lower() == "www")
            or (i == 0 and c in "-+=")
        ):
            out.append("\\" + c)
        else:
            out.append(c)
    escaped = "".join(out)
    numbered = _LIST_START.match(escaped)
    if numbered:  # "1. Centrum" would become an ordered list
        escaped = f"{numbered[1]}\\{numbered[2]}{escaped[numbered.end() :]}"
    return escaped


def html(text: object) -> str:
    """`text` for a Plotly string (hover, labels, legend, titles): shown as written, no tags."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# a tag starts with a letter: a "<" before anything else is text
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def plain_lines(markup: object) -> list[str]:
    """The lines of a Plotly string as a reader sees them: split at `<br>`, tags gone,
    entities read ("&lt;5" is "<5")."""
    return [unescape(_TAG.sub("", line)) for line in _BREAK.split(str(markup))]


SOFT_HYPHEN = "\u00ad"
# A word shorter than this stays whole: "Deelnames" breaks nowhere, "Bijeenkomsten" may.
_LONG_WORD = 10


@lru_cache(maxsize=len(LOCALES))
def _hyphenator(language: str) -> pyphen.Pyphen:
    # pyphen's patterns (LibreOffice's) for the page's locale; at least four letters on
    # either side of a break: "Bijeen-komsten", not "Bij-eenkomsten"
    return pyphen.Pyphen(lang=LOCALES[language], left=4, right=4)


def breakable(text: str, language: str) -> str:
    """`text` with soft hyphens where its long words may break: a browser breaks a word of a
    narrow table's header there (with a hyphen) and nowhere else, and shows none otherwise.

    A header of one long word ("Bewonersinitiatief") was as wide as the whole word and pushed
    a nine-column table past a 1024-pixel projector; CSS `hyphens: auto` needs dictionaries
    that Chromium downloads when it first needs them, so offline it did not break."""
    hyphenator = _hyphenator(language)
    return " ".join(
        hyphenator.inserted(word, hyphen=SOFT_HYPHEN) if len(word) >= _LONG_WORD else word
        for word in text.split(" ")
    )
