"""Benchmark floor: the Overview or Budgets layout drawn from a recorded payload, every figure precomputed.

It makes the same Streamlit calls as the real page (title, captions, cards, pickers, each chart with its
table toggle and CSV download) but runs no query, builds no frame or figure and encodes no CSV: the time
left is Streamlit's own (figure JSON, protobufs, widgets). Only the Overview cards call the page's card
renderer, fed with the recorded frames, because that code is layout, not data work.
"""

import streamlit as st

from bench import floor
from dashboard import overview_page, ui

payload = floor.PAYLOAD[st.session_state.get(floor.LAYOUT_KEY, "budgets")]
captions = payload["captions"]
charts = payload["charts"]


def block(chart: dict) -> None:
    st.plotly_chart(chart["fig"], key=f"chart-{chart['key']}", config=ui.PLOTLY_CONFIG, on_select="ignore")
    left, right = st.columns([1, 1])
    with left:
        st.toggle(chart["toggle_label"], key=f"table-{chart['key']}")
    with right:
        st.download_button(
            chart["download_label"],
            data=chart["csv"],
            file_name=chart["file_name"],
            mime="text/csv",
            key=f"download-{chart['key']}",
            on_click="ignore",
            icon=":material/download:",
        )


def selectbox(spec: dict) -> None:
    st.selectbox(spec["label"], spec["options"], key=f"floor-{spec['key']}")


def caption(at: int) -> None:
    if -len(captions) <= at < len(captions):
        st.caption(captions[at])


st.title(payload["title"])
caption(0)
if payload["layout"] == "budgets":
    for spec in payload["selectboxes"]:
        selectbox(spec)
    if charts:
        block(charts[0])
    caption(1)
    for text in payload["warnings"]:
        st.warning(text)
    for text in payload["subheaders"][:1]:
        st.subheader(text)
    caption(2)
    for chart in charts[1:]:
        block(chart)
else:
    headers = payload["subheaders"]
    cards = payload.get("cards") or {}
    if headers:
        st.subheader(headers[0])
    caption(1)
    if cards:
        overview_page.render_cards(cards["prepared"], cards["lang"])
    if len(headers) > 1:
        st.subheader(headers[1])
    if payload["selectboxes"]:
        left, right = st.columns(2)
        for column, spec in zip((left, right), payload["selectboxes"]):
            with column:
                selectbox(spec)
    if charts:
        block(charts[0])
    caption(-2)
    if len(headers) > 2:
        st.subheader(headers[2])
    caption(-1)
    for chart in charts[1:]:
        block(chart)
