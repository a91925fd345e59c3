"""Presentation mode (`?modus=presentatie`): one area's story as slides for a wijk meeting.

The whole screen is the slide: the sidebar, Streamlit's header and whatever the page drew
before are hidden by CSS. Forward and back by the buttons and by the keys a presenter's
clicker sends (arrows, Page Up/Down), through Streamlit's own button shortcuts
(`st.button(shortcut=...)`): one key per button, so the extra keys are hidden buttons.
The slide number is in the URL (`dia`, 1-based), every other URL parameter stays.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import plotly.graph_objects as go
import streamlit as st

from dashboard.display import maps, slides
from dashboard.display.story import Slide, Story
from dashboard.display.text import md
from dashboard.i18n import N_, _

MODE_PARAM = "modus"
MODE = "presentatie"
SLIDE_PARAM = "dia"

_KEY = "pres"  # prefix of this module's element keys

# Font sizes follow the viewport: at 1024×768 the title is 46 px and the message 36 px (56 px
# on a slide without a chart), at 1920×1080 65 px and 52 px (86 px). The slide is a column as
# tall as the window; the chart takes what the text leaves (height="stretch"), so nothing
# scrolls. Streamlit wraps a keyed container in a layout wrapper, so sizes are set on both.


def _box(key: str) -> str:
    """CSS selector of a keyed container and of the wrapper Streamlit puts around it."""
    return f'.st-key-{key}, [data-testid="stLayoutWrapper"]:has(> .st-key-{key})'


# A message without a chart up to this long is set as a statement in large type (56 px at
# 1024×768: 7 lines of about 30 characters, which fit); a longer one, a verhaal of up to 600
# characters, keeps the message size, or it would run off the slide. The presentation tests
# show a message of exactly this length and one of 600.
STATEMENT_CHARS = 200

# From this window size on (a 1920×1080 projector), the chart's fonts are larger: Plotly's
# font sizes are pixels, so the chart is sent twice and CSS shows the one that fits.
_LARGE = (1500, 900)
_LARGE_SCALE = 1.4

_CSS = f"""
<style>
section[data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"],
[data-testid="stToolbar"],
[data-testid="stDecoration"],
[data-testid="stStatusWidget"],
{_box(f"{_KEY}_keys")} {{
  display: none !important;
}}
/* everything the page drew before the slides (title, banners, notes) */
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"]:has(.st-key-{_KEY})
  > :not(:has(.st-key-{_KEY})):not(.st-key-{_KEY}) {{
  display: none !important;
}}
[data-testid="stMainBlockContainer"] {{
  padding: 1.5vh 2.5vw !important;
  max-width: none !important;
}}
{_box(_KEY)} {{
  height: 97vh;
  overflow: hidden;
  flex-wrap: nowrap;
}}
.st-key-{_KEY} > *,
.st-key-{_KEY}_slide > * {{
  flex: 0 0 auto;
}}
.st-key-{_KEY} > [data-testid="stLayoutWrapper"]:has(> .st-key-{_KEY}_slide),
.st-key-{_KEY}_slide > [data-testid="stLayoutWrapper"]:has(> .st-key-{_KEY}_chart_klein),
.st-key-{_KEY}_slide > [data-testid="stLayoutWrapper"]:has(> .st-key-{_KEY}_chart_groot) {{
  flex: 1 1 0;
  min-height: 0;
}}
.st-key-{_KEY}_slide, .st-key-{_KEY}_chart_klein, .st-key-{_KEY}_chart_groot {{
  height: 100%;
  min-height: 0;
  flex-wrap: nowrap;
}}
.st-key-{_KEY}_top {{
  justify-content: space-between;
  align-items: center;
}}
.st-key-{_KEY}_top p {{
  font-size: max(16px, 2vh) !important;
  color: #444;
}}
.st-key-{_KEY}_fictief p {{
  background: #fff3cd;
  border: 2px solid #e69f00;
  border-radius: 6px;
  padding: 0.1em 0.5em;
  color: #5c3d00 !important;
  font-weight: 600;
}}
.st-key-{_KEY}_slide h1 {{
  font-size: max(44px, min(6vh, 4.5vw)) !important;
  line-height: 1.15 !important;
  padding: 0 !important;
}}
.st-key-{_KEY}_message p {{
  font-size: max(36px, min(4.8vh, 3.5vw)) !important;
  line-height: 1.25 !important;
  margin: 0 !important;
}}
/* a short message without a chart is one statement: larger, a little down from the title,
   instead of a line of text above an empty screen */
.st-key-{_KEY}_statement p {{
  font-size: max(48px, min(8vh, 5.5vw)) !important;
  font-weight: 600;
  padding-top: 6vh;
}}
/* under a verhaal, where it comes from: readable in the room, smaller than the quote */
.st-key-{_KEY}_note p {{
  font-size: max(24px, min(3.2vh, 2.4vw)) !important;
  margin: 0 !important;
}}
/* the chart twice, its fonts sized for a small and for a large screen; one is shown */
{_box(f"{_KEY}_chart_groot")} {{
  display: none !important;
}}
@media (min-width: {_LARGE[0]}px) and (min-height: {_LARGE[1]}px) {{
  {_box(f"{_KEY}_chart_klein")} {{
    display: none !important;
  }}
  {_box(f"{_KEY}_chart_groot")} {{
    display: flex !important;
  }}
}}
{_box(f"{_KEY}_source")} {{
  margin-top: auto;
}}
.st-key-{_KEY}_source p {{
  font-size: max(16px, 1.9vh) !important;
  color: #444;
}}
.st-key-{_KEY}_nav {{
  align-items: center;
}}
[data-testid="stLayoutWrapper"]:has(> .st-key-{_KEY}_nav) {{
  order: 1;
}}
.st-key-{_KEY}_nav button p {{
  font-size: max(18px, 2.2vh) !important;
}}
</style>
"""


def is_requested() -> bool:
    """True when the URL asks for the presentation mode."""
    return st.query_params.get(MODE_PARAM) == MODE


def show(story: Story, figures: Mapping[str, go.Figure] | None = None) -> None:
    """Show `story` as slides, the one in the URL's `dia`; the caller stops after this.

    `figures`: a chart's figure by chart name, shown instead of the story's own (the map of
    what the wijk has on a street map, when tiles answer)."""
    count = len(story.slides)
    raw = st.query_params.get(SLIDE_PARAM)
    index, note = slides.slide_index(raw, count)
    if count and raw != str(index + 1):
        st.query_params[SLIDE_PARAM] = str(index + 1)

    with st.container(key=_KEY, gap="small"):
        st.html(_CSS)
        with st.container(key=f"{_KEY}_top", horizontal=True, gap="medium"):
            where = md(story.area_name)
            st.markdown(f"{where} · {slides.counter(index, count)}" if count else where)
            if note:
                st.markdown(md(note))
            if story.fictitious:
                with st.container(key=f"{_KEY}_fictief", width="content"):
                    st.markdown(_("Fictieve gegevens"))
        # drawn before the slide (CSS puts it below), so the keys work while a chart loads
        _navigation(index, count)
        if count:
            _slide(
                story.slides[index],
                index,
                story.source if index == count - 1 else None,
                figures or {},
            )
        else:
            st.markdown(md(_("Er zijn geen dia's voor {area}.").format(area=story.area_name)))


def _slide(slide: Slide, index: int, source: str | None, figures: Mapping[str, go.Figure]) -> None:
    with st.container(key=f"{_KEY}_slide", gap="small"):
        st.title(md(slide.title), anchor=False)
        with st.container(key=f"{_KEY}_message"):
            if slide.chart is None and len(slide.message) <= STATEMENT_CHARS:
                with st.container(key=f"{_KEY}_statement"):
                    st.markdown(md(slide.message))
            else:
                st.markdown(md(slide.message))
        if slide.note:  # a verhaal's source, or what the chart counts: its own smaller line
            with st.container(key=f"{_KEY}_note"):
                st.caption(md(slide.note))
        if slide.chart is not None:
            figure = figures.get(slide.chart.name, slide.chart.figure)
            for size, scale in (("klein", 1.0), ("groot", _LARGE_SCALE)):
                with st.container(key=f"{_KEY}_chart_{size}"):
                    st.plotly_chart(
                        slides.projector_figure(figure, scale),
                        key=f"{_KEY}_figuur_{index}_{size}",
                        height="stretch",
                        theme=None,
                        config={**maps.plotly_config(), "displayModeBar": False},
                    )
        if source:
            with st.container(key=f"{_KEY}_source"):
                st.markdown(md(source))


def _go(to: Callable[[int, int], int], count: int) -> Callable[[], None]:
    """A button callback that moves to `to(current, count)`, read from the URL when clicked,
    so quick presses in a row each count."""

    def move() -> None:
        current, _note = slides.slide_index(st.query_params.get(SLIDE_PARAM), count)
        st.query_params[SLIDE_PARAM] = str(min(max(to(current, count), 0), count - 1) + 1)

    return move


def _leave() -> None:
    for param in (MODE_PARAM, SLIDE_PARAM):
        if param in st.query_params:
            del st.query_params[param]


def _navigation(index: int, count: int) -> None:
    first = index <= 0
    last = index >= count - 1
    # Buttons stay live until the script has drawn them anew, so a key pressed during a rerun
    # may act on the slide before: every move reads the URL and stops at the ends itself.
    back = _go(lambda i, n: i - 1, count)
    forward = _go(lambda i, n: i + 1, count)
    with st.container(key=f"{_KEY}_nav", horizontal=True, gap="medium"):
        st.button(_("Vorige"), key=f"{_KEY}_vorige", on_click=back, disabled=first, shortcut="Left")
        st.button(
            _("Volgende"),
            key=f"{_KEY}_volgende",
            on_click=forward,
            disabled=last,
            shortcut="Right",
            type="primary",
        )
        st.space("stretch")
        st.button(
            _("Presentatie verlaten"), key=f"{_KEY}_verlaten", on_click=_leave, shortcut="Escape"
        )
    # A clicker sends Page Up/Down; Home/End jump to the ends. One shortcut per button, so
    # these are buttons too, hidden by CSS (a hidden button's shortcut still works) and
    # never disabled (a disabled button's shortcut is switched off until it is redrawn).
    with st.container(key=f"{_KEY}_keys"):
        for label, key, move in (
            (N_("Vorige (Page Up)"), "pageup", back),
            (N_("Volgende (Page Down)"), "pagedown", forward),
            # as in PowerPoint: a presenter at a laptop presses the space bar
            (N_("Volgende (spatie)"), "space", forward),
            (N_("Eerste dia"), "home", _go(lambda i, n: 0, count)),
            (N_("Laatste dia"), "end", _go(lambda i, n: n - 1, count)),
        ):
            st.button(
                _(label), key=f"{_KEY}_{key}", on_click=move, disabled=not count, shortcut=key
            )
