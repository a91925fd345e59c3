"""A page that shows a hand-made story in presentation mode, for the presentation tests.

Like the Wijkprofiel page it first draws a sidebar with a filter and a title and a banner in
the main area, which the presentation must hide.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.display.story import Chart, Slide, Story
from dashboard.ui import presentation

AREA_NAME = "Oude Wijk *Noord* [1]"


def _bar_chart() -> Chart:
    data = pd.DataFrame(
        {"Jaar": ["2022", "2023", "2024", "2025"], "Deelnemers": [812, 940, 1103, 1234]}
    )
    figure = go.Figure(
        go.Bar(
            x=data["Jaar"],
            y=data["Deelnemers"],
            text=["812", "940", "1.103", "1.234"],
            marker_color="#0072B2",
        )
    )
    figure.update_layout(
        title="Deelnemers per jaar",
        height=400,
        font_size=12,
        xaxis={"title": "Jaar", "type": "category"},
        separators=",.",
    )
    return Chart("deelnemers_per_jaar", "Deelnemers per jaar", figure, data)


def _roles_chart() -> Chart:
    data = pd.DataFrame(
        {"Rol": ["Opbouwwerker", "Jongerenwerker", "Wijkagent"], "Jaren": [6, 3, 1]}
    )
    figure = go.Figure(go.Bar(x=data["Jaren"], y=data["Rol"], orientation="h"))
    figure.update_layout(title="Hoe lang elke rol hier al werkt", xaxis_title="Jaren")
    return Chart("rollen", "Hoe lang elke rol hier al werkt", figure, data)


# 600 characters, the longest verhaal the database takes (migration 0011)
VERHAAL = (
    "“Sinds de koffieochtenden in het buurthuis zijn, groeten buren elkaar weer op straat. "
    "Mevrouw de Vries van nummer 12 komt elke dinsdag, en neemt nu ook haar buurvrouw mee, "
    "die sinds de dood van haar man bijna niet meer buiten kwam. De jongeren van het "
    "voetbalveld helpen bij het opzetten van de tafels, en in de zomer hebben we samen de "
    "moestuin aangelegd achter de school. Er is nog genoeg te doen: de verlichting bij het "
    "pad naar de halte is slecht, en de bank bij de speeltuin is al een jaar kapot. Maar we "
    "weten nu wie we kunnen bellen, en dat we het samen doen, met de opbouwwerker erbij.” "
    "(12 mrt 2026 · ontmoeting)"
)[:600]


def story() -> Story:
    """Eight slides: four with a chart, one long, one with a suppressed count, and two
    verhalen without a chart: as long as the database allows (600 characters), and the
    longest set in large type; both must stay on the slide."""
    chart = _bar_chart()
    roles = _roles_chart()
    slides = (
        Slide(
            "Bereik",
            "Van november 2025 tot en met oktober 2026 deden 1.234 bewoners mee aan 56 activiteiten.",
            chart,
        ),
        Slide("Vaker dan één keer", "4 op de 10 deelnemers kwamen vaker dan één keer."),
        Slide(
            "Bewonersinitiatieven",
            "<5 bewoners namen het initiatief voor een eigen activiteit.",
        ),
        Slide("Wie er werkt", "De opbouwwerker werkt hier al 6 jaar.", roles),
        Slide(
            "Wie er werkt en hoe lang al: een lange titel die over twee regels loopt",
            "De opbouwwerker werkt hier al 6 jaar; de jongerenwerker 3 jaar en de wijkagent"
            " sinds vorig jaar. Zo kennen de bewoners hun vaste gezichten in de wijk.",
            roles,
        ),
        # where the story comes from, under it in small type
        Slide("Uit de wijk", VERHAAL, note="1 okt 2025 · ontmoeting · van een bewoner"),
        # the longest message set in large type (presentation.STATEMENT_CHARS)
        Slide("Nog een verhaal", VERHAAL[: presentation.STATEMENT_CHARS]),
        Slide("Tot slot", "Het aantal deelnemers groeide elk jaar.", chart),
    )
    return Story(
        area_code="WK999901",
        area_name=AREA_NAME,
        gemeente_name="Demodorp",
        period_text="1 nov 2025 t/m 31 okt 2026",
        sentences=tuple(s.message for s in slides),
        charts=(chart, roles),
        slides=slides,
        source="Bron: registraties van de organisaties; fictieve demogegevens.",
        fictitious=True,
        made=date(2026, 12, 5),
    )


st.set_page_config(page_title="Presentatie · Wijkdashboard", layout="wide")
st.sidebar.selectbox("Gemeente", ["Demodorp"], key="flt_gemeente")
st.title("Wijkprofiel")
st.info("Let op: fictieve demogegevens.")
if presentation.is_requested():
    presentation.show(story())
    st.stop()
st.write("Het profiel")
