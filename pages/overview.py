"""개요 (Overview) page: each hub's latest actual figures, a province map of one metric, and which years have figures."""

import streamlit as st

from dashboard import family_view, filters, i18n, overview_page, ui, upload
from dashboard import overview_view as view

f = filters.current()
uploads = upload.session_uploads(st.session_state)
lang = f.lang
st.title(i18n.t("page.overview.title", lang))
st.caption(i18n.t("app.tagline", lang))
if not f.hubs:
    ui.empty(lang, "msg.no_hubs")
    st.stop()

# Everything below the widgets comes from cached views (dashboard/overview_view.py): a rerun only draws.
# --- cards: latest actual figure per hub and family --------------------------------------------------------------
st.subheader(i18n.t("overview.cards.header", lang))
st.caption(i18n.t("overview.cards.caption", lang))
overview_page.render_cards(view.card_view(f.hubs, lang, uploads), lang)

# --- map: one metric, one kind, one exact period, summed over single hubs per province -----------------------------
st.subheader(i18n.t("overview.map.header", lang))
hidden = family_view.hidden_kind_counts(f.hubs, f.kinds, f.year_from, f.year_to, uploads)
ui.hidden_kinds_notice(hidden, lang, "overview-show-kinds")
choices = view.map_choices(f.kinds, f.year_from, f.year_to, lang, uploads)
if choices.empty:
    ui.empty(lang, "overview.map.no_options")
    metric, period = None, None
else:
    choice = overview_page.pick_map(choices, lang)
    metric, period = choice["metric"], choice["key"]
shown_map = view.map_view(f.kinds, f.year_from, f.year_to, metric, period, f.hubs, lang, uploads)
if shown_map.no_total:
    ui.empty(lang, "overview.map.no_total")
# On a wide screen the totals sit beside the map (small provinces are hard to read); on a phone they stack.
map_column, table_column = st.columns([3, 2], gap="medium")
with map_column:
    ui.show_chart(shown_map.chart, key="overview-map", lang=lang)
with table_column:
    if shown_map.totals_table is not None:
        ui.data_table(shown_map.totals_table, lang, hide_index=True, key="overview-map-totals")
    st.caption("  \n".join(ui.md_escape(n) for n in shown_map.notes))

# --- coverage: which hub has figures for which year, per family, drawn on demand --------------------------------
# The grid is the page's heaviest chart (about a thousand marks): drawn with the map, it held the map's first paint
# back on a first visit (docs/performance.md, cold start). Opening the expander runs the page again with the grid.
st.subheader(i18n.t("overview.coverage.header", lang))
grid = st.expander(i18n.t("overview.coverage.open", lang), key=overview_page.COVERAGE_OPEN_KEY, on_change="rerun")
if grid.open:
    with grid:
        coverage = view.coverage_view(f.hubs, f.year_from, f.year_to, lang, uploads)
        if coverage is None:
            ui.empty(lang)
        else:
            st.caption(i18n.t("overview.coverage.caption", lang))
            if coverage.hubs_shown < coverage.hubs_total:
                bounded = i18n.t(
                    "overview.coverage.bounded", lang, shown=coverage.hubs_shown, total=coverage.hubs_total
                )
                st.caption(bounded)
            ui.show_chart(coverage.chart, key="overview-coverage", lang=lang)
