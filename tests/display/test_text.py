"""dashboard.display.text: data text as text in markdown (`md`) and in Plotly strings (`html`)."""

from __future__ import annotations

import pytest

from dashboard.display.text import SOFT_HYPHEN, breakable, html, md


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[klik](http://evil.example)", "\\[klik\\](http\\://evil.example)"),
        ("![x](http://evil.example/x.png)", "!\\[x\\](http\\://evil.example/x.png)"),
        ("<b>vet</b><img src=x>", "\\<b\\>vet\\</b\\>\\<img src=x\\>"),
        ("**vet**", "\\*\\*vet\\*\\*"),
        ("Centrum_&_Oost", "Centrum\\_\\&\\_Oost"),
        ("www.evil.example", "www\\.evil.example"),
        ("1. Centrum", "1\\. Centrum"),
        ("- Centrum", "\\- Centrum"),
        ("$x$ :red[rood]", "\\$x\\$ \\:red\\[rood\\]"),
        ("regel een\nregel twee", "regel een regel twee"),
        # ordinary names stay as they are
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("Burgwallen-Oude Zijde", "Burgwallen-Oude Zijde"),
        ("Lindenwaard (fictief)", "Lindenwaard (fictief)"),
        ("St. Jansdal", "St. Jansdal"),
        ("deelnames_week12.csv", "deelnames_week12.csv"),
    ],
)
def test_md_escapes_only_what_markdown_reads(text, expected):
    assert md(text) == expected


def test_html_escapes_tags_and_entities():
    assert html('<a href="x">Jan</a> & &lt;') == '&lt;a href="x"&gt;Jan&lt;/a&gt; &amp; &amp;lt;'
    assert html("Oude Haven") == "Oude Haven"


@pytest.mark.parametrize(
    ("text", "language", "breaks"),
    [
        # the Dutch ones checked by hand against their Dutch syllables: four
        # letters at least on either side; short words stay whole
        ("Bewonersinitiatief", "nl", ["Bewo", "ners", "ini", "ti", "a", "tief"]),
        ("Bijeenkomsten", "nl", ["Bijeen", "kom", "sten"]),
        ("Bereik per 1.000 inwoners", "nl", ["Bereik per 1.000 inwoners"]),
        # the English one is pyphen's own (British patterns), checked only for the rules
        # above: no break within four letters of either end
        ("Participations", "en", ["Parti", "cip", "a", "tions"]),
    ],
)
def test_a_long_word_may_break_only_at_its_syllables(text, language, breaks):
    shown = breakable(text, language)
    assert shown.split(SOFT_HYPHEN) == breaks
    assert shown.replace(SOFT_HYPHEN, "") == text  # nothing else changes
