"""Harness: the sidebar of app.py without the page router, so AppTest can drive the shared filters."""

import streamlit as st

from dashboard import filters

lang = filters.render_language()
f = filters.render_sidebar(lang)
st.json(
    {
        "lang": f.lang,
        "regions": list(f.regions),
        "hubs": list(f.hubs),
        "picked": list(f.picked_hubs),
        "years": [f.year_from, f.year_to],
        "kinds": list(f.kinds),
    }
)
