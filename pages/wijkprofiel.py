"""Wijkprofiel: one area's story on one page, for a wijk meeting (and its presentation mode)."""

from __future__ import annotations

import streamlit as st

from dashboard.display import export, maps
from dashboard.display import formatting as fmt
from dashboard.display.labels import LEVEL_NOUNS
from dashboard.display.text import md
from dashboard.i18n import _
from dashboard.screens import plekken, wijkprofiel
from dashboard.screens.state import PARAM
from dashboard.ui import basemap, cache
from dashboard.ui.frame import frame, show_chart, table_height
from dashboard.ui.share import export_buttons

state = frame("Wijkprofiel")
if state.is_national:
    st.info(_("Een wijkprofiel gaat over één gebied: kies eerst een gemeente in de zijbalk."))
    st.stop()

noun, nouns = LEVEL_NOUNS[state.level]
choices = dict(wijkprofiel.areas(cache.run, state.gemeente, state.level))
if not choices:
    st.info(_("Deze gemeente heeft geen {areas}.").format(areas=nouns))
    st.stop()
asked = st.query_params.get(PARAM["selected"])
code = state.selected if state.selected in choices else next(iter(choices))

if st.query_params.get("modus") == "presentatie":
    # before anything else of the page: the slides alone, no widgets of the profile
    from dashboard.ui import presentation

    story = cache.wijkprofiel_story(state.start, state.end, code, state.gemeente, state.level)
    # at the wijk meeting the places on a street map residents recognise, when tiles answer
    tiles = basemap.available()
    on_streets = {}
    if tiles is not None and any(c.name == "plekken-kaart" for c in story.charts):
        profile = cache.wijkprofiel(state.start, state.end, code, state.gemeente, state.level)
        if profile.assets is not None:
            offline = next(c.figure for c in story.charts if c.name == "plekken-kaart")
            on_streets["plekken-kaart"] = plekken.street_map(
                profile.assets,
                profile.shapes,
                profile.code,
                offline,
                tiles,
                wijkprofiel.attribution(profile),
            )
    presentation.show(story, on_streets)
    st.stop()

if asked and asked == state.selected and code != asked:
    # a code of another level (a wijk on the buurt level): the frame let it through
    st.warning(
        _(
            "Het gebied '{asked}' uit de link is geen {noun} van deze gemeente;"
            " het profiel toont {shown}."
        ).format(asked=md(asked), noun=noun, shown=md(choices[code]))
    )

code = st.selectbox(
    noun.capitalize(),
    list(choices),
    index=list(choices).index(code),
    format_func=lambda c: choices[c],
    key="wp_gebied",
)
if code != st.query_params.get(PARAM["selected"]):
    st.query_params[PARAM["selected"]] = code

profile = cache.wijkprofiel(state.start, state.end, code, state.gemeente, state.level)
story = cache.wijkprofiel_story(state.start, state.end, code, state.gemeente, state.level)

if st.button(_("Presentatie starten"), icon=":material/slideshow:", key="wp_presentatie"):
    st.query_params["modus"] = "presentatie"
    st.rerun()

st.header(md(profile.name))
st.caption(
    _("{noun} in {gemeente}").format(noun=noun.capitalize(), gemeente=md(profile.gemeente_name))
    + f" · {md(story.period_text)}"
)

text_column, map_column = st.columns([3, 2])
with text_column:
    for title, said in wijkprofiel.sections(profile):
        st.markdown(f"**{md(title)}**  \n" + " ".join(md(sentence) for sentence in said))
    if not profile.reach.participants_known and profile.reach.bijeenkomsten > 0:
        st.caption(
            _(
                "Hoeveel verschillende mensen meededen, staat er niet: de registratie telt hier alleen"
                " het aantal deelnemers per bijeenkomst."
            )
        )
with map_column:
    locator = next((c for c in story.charts if c.name == "kaart"), None)
    if locator is not None:
        # the text beside it names the area; the table would only list the other areas
        show_chart(locator.figure, "wp_kaart", table=False)

st.subheader(_("Kerncijfers"))
st.caption(
    _(
        "Onder elk cijfer: heel {gemeente} in dezelfde periode. De pijl: de"
        " verandering ten opzichte van dezelfde periode een jaar eerder, en of dat gunstig is."
    ).format(gemeente=md(profile.gemeente_name))
    + ("" if profile.previous else " " + _("Een jaar eerder zijn er nog geen gegevens."))
)
figures = wijkprofiel.key_figures(profile)
for start in range(0, len(figures), 3):
    for column, figure in zip(st.columns(3), figures[start : start + 3], strict=False):
        with column:
            word = wijkprofiel.verdict(figure)  # a code: "gelijk" in both languages
            st.metric(
                figure.short,
                wijkprofiel.value_text(figure, figure.value),
                delta=wijkprofiel.delta_text(figure),
                delta_color="off"
                if figure.better == 0 or word in (None, "gelijk")
                else ("normal" if figure.better > 0 else "inverse"),
                delta_arrow="off" if word == "gelijk" else "auto",
                delta_description=wijkprofiel.verdict_word(figure),
                # the label may hold a wijk's name (from data): as text, not markdown
                help=(
                    _(
                        "{figure}. Pijl: verandering ten opzichte van een jaar eerder (in procentpunten)."
                    )
                    if figure.kind == "percentage"
                    else _("{figure}. Pijl: verandering ten opzichte van een jaar eerder.")
                ).format(figure=md(figure.label)),
                border=True,
            )
            st.caption(
                _("Heel {gemeente}: {value}").format(
                    gemeente=md(profile.gemeente_name),
                    value=wijkprofiel.value_text(figure, figure.gemeente),
                )
            )

by_name = {c.name: c for c in story.charts}
# one chart per row: at 1024 pixels two side by side cut their labels
for name, title, note in (
    (
        "trend",
        _("Door de jaren"),
        _("Telkens dezelfde maanden van het jaar, zo ver de registraties teruggaan."),
    ),
    ("activiteiten", _("Soorten activiteiten"), _("Naar de plaats van de activiteit.")),
    ("partners", _("Partners"), _("Bijeenkomsten waarbij deze organisaties partner waren.")),
    (
        "continuiteit",
        _("Vertrouwde gezichten"),
        # the date itself, not "de peildatum": residents read this too
        _(
            "Welke professionals er op {date} in de wijk werkten, en hoe lang de langst zittende"
            " er toen al werkte (zonder namen)."
        ).format(date=fmt.long_date(profile.period.end)),
    ),
    (
        "plaats",
        _("Plaats in {gemeente}").format(gemeente=md(profile.gemeente_name)),
        _("Dit gebied in rood-oranje, de andere in blauw."),
    ),
    (
        "opbouwwerk-voor-en-na",
        _("Opbouwwerk door de jaren"),
        # the history's sentence (docs/DESIGN.md §5.6): the message of the slide with its chart
        next(
            (
                md(s.message)
                for s in story.slides
                if s.chart is not None and s.chart.name == "opbouwwerk-voor-en-na"
            ),
            "",
        ),
    ),
):
    if name in by_name:
        st.subheader(title)
        st.caption(note)
        show_chart(by_name[name].figure, f"wp_{name}")
if profile.assets is not None and not profile.assets.empty:
    # what the area has (issue 16): plekken and routes on a map, the overview, the verhalen
    st.subheader(_("Wat de wijk heeft"))
    if "plekken-kaart" in by_name:
        st.caption(
            _(
                "Plekken, initiatieven en partners naar type, en de routes die bewoners maakten."
                " Klik in de legenda om een soort aan of uit te zetten; klik op een plek voor de"
                " activiteiten die er plaatsvinden."
            )
        )
        tiles = basemap.available()  # a street map when its tiles answer, else as before
        event = st.plotly_chart(
            plekken.street_map(
                profile.assets,
                profile.shapes,
                profile.code,
                by_name["plekken-kaart"].figure,
                tiles,
                wijkprofiel.attribution(profile),
            ),
            key="wp_plekken_kaart",
            theme=None,
            on_select="rerun",
            selection_mode="points",
            config=maps.plotly_config(),
        )
        clicked = plekken.clicked_plek(event)
        at_plek = plekken.activities_at(profile.assets, clicked) if clicked else None
        if at_plek is not None:
            name, held = at_plek
            st.markdown("**" + _("Activiteiten bij {name}").format(name=md(name)) + "**")
            if held.empty:
                st.caption(_("Hier kwam in deze periode geen geregistreerde activiteit bijeen."))
            else:
                st.dataframe(held, hide_index=True, width="stretch", height=table_height(len(held)))
        places = by_name["plekken-kaart"].data
        # every place in view: a box of 10 rows hid the last 2 of Oude Haven's 12
        st.dataframe(places, hide_index=True, width="stretch", height=table_height(len(places)))
    if "plekken" in by_name:
        show_chart(by_name["plekken"].figure, "wp_plekken")
    shown = plekken.verhalen_shown(profile.assets)
    if shown:
        st.subheader(_("Verhalen uit de wijk"))
        for heading, text in shown:
            with st.container(border=True):
                st.caption(md(heading))
                st.markdown(md(text))
if profile.wijkcode is None:
    st.caption(
        _(
            "Continuïteit en dekking worden per CBS-wijk gemeten (inzet is per wijk"
            " geregistreerd); voor een gebied van de eigen indeling staan ze er niet."
        )
    )

st.subheader(_("Downloaden"))
export_buttons(
    ("pdf", "pptx", "png", "xlsx"),
    lambda kind: export.render(story, kind)[0],  # an export draws its charts in a browser
    lambda kind: export.file_name(
        story,
        "zip" if kind == "png" else kind,
        "wijkprofiel-grafieken" if kind == "png" else "wijkprofiel",
    ),
    "wp_download",
)
st.caption(
    f"{md(story.source)} · " + _("Gemaakt op {date}.").format(date=fmt.dutch_date(story.made))
)
