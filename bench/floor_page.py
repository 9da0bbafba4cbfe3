"""Benchmark floor page: the layout named in session state (bench/floor.py), its views made on the first run only."""

import streamlit as st

from bench import floor

layout = st.session_state.get(floor.LAYOUT_KEY, "budgets")
if layout not in floor.VIEWS:
    floor.VIEWS[layout] = floor.BUILD[layout]()
floor.DRAW[layout](floor.VIEWS[layout])
