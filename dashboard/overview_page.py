"""The Overview's drawing: hub cards three to a row and the map's metric and period pickers (pages/overview.py)."""

from __future__ import annotations

import streamlit as st

from dashboard import i18n, ui, url_state
from dashboard.overview_view import Cards, MapChoices

CARDS_PER_ROW = 3
COVERAGE_OPEN_KEY = "overview-coverage-open"  # the expander the coverage grid is drawn in once opened


def render_cards(cards: Cards, lang: str) -> None:
    """One bordered card per hub, three to a row, then how many chosen hubs got no card.

    Each card is a few elements, not one per line: every element is a message to the browser, and on the
    Overview the cards' messages were most of a rerun's server time (docs/performance.md).
    """
    for start in range(0, len(cards.cards), CARDS_PER_ROW):
        # Streamlit stacks columns on narrow screens, so on a phone the cards come one under another.
        columns = st.columns(CARDS_PER_ROW)
        for column, card in zip(columns, cards.cards[start : start + CARDS_PER_ROW]):
            with column, st.container(border=True, key=f"card-{card.hub_id}"):
                st.markdown(card.header)
                # Two families per row, also on a phone (wrap=False): four stacked would make each card too tall.
                for pair in (card.families[:2], card.families[2:]):
                    for family_column, (text, help_text) in zip(st.columns(len(pair), gap="small", wrap=False), pair):
                        family_column.markdown(text, anchors=False, help=help_text)
    if cards.n_more:
        st.caption(i18n.t("overview.cards.more", lang, shown=len(cards.cards), n=cards.n_more))


def pick_map(choices: MapChoices, lang: str) -> dict:
    """The metric and period pickers over prepared choices; returns the chosen `metric_periods` row."""
    metrics = list(choices.metrics)
    # Both choices come from the URL when valid (url_state checks them), else stay as remembered, else the first.
    left, right = st.columns(2)
    with left:
        label = i18n.t("overview.map.metric", lang)
        metric = ui.linked_choice(label, metrics, key=url_state.MAP_METRIC, format_func=choices.labels.get, lang=lang)
    by_key = choices.rows[metric]
    periods = list(by_key)
    with right:
        label, texts = i18n.t("overview.map.period", lang), choices.period_options[metric]
        key = ui.linked_choice(label, periods, key=url_state.MAP_PERIOD, format_func=texts.get, lang=lang)
    return by_key[key]
