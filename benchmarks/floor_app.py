"""The floor of the browser benchmark: an empty Streamlit page with one small Plotly chart.

What any screen costs in the browser at the least (Streamlit's and Plotly's scripts, one
websocket run, one chart drawn); benchmarks/browser.py divides each screen's time by it.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Vloer", layout="wide")
st.title("Vloer")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])), key="vloer")
