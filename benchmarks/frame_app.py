"""The second reference of the browser benchmark: the dashboard's frame with one small chart.

What every screen costs before its own content: the shared sidebar (gemeente, period,
level, Bereik's filters, language, the links to the screens), the title, the banner and the
caption, and one Plotly chart as on the floor page. benchmarks/browser.py serves it as
`app.py` of a folder whose `pages/` is the dashboard's own, so the frame's links resolve.
"""

import plotly.graph_objects as go
import streamlit as st

from dashboard.screens.bereik import FILTERS, ORGANISATIES
from dashboard.ui.frame import frame

frame("Bereik", filters=FILTERS, organisaties=ORGANISATIES)
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])), key="vloer")
