"""허브 (Hub profile) page: one hub's identity, every reported figure on a timeline and in a table, its sources."""

import streamlit as st

from dashboard import family_view, filters, hub_profile, hubs, i18n, ui, upload, url_state

KEY = url_state.HUB_PROFILE

f = filters.current()
lang = f.lang
uploads = upload.session_uploads(st.session_state)
st.title(i18n.t("page.hub.title", lang))

options = hub_profile.hub_options(lang)
order = list(options)
# The URL carries the hub id (`?hub_profile=gwangju_ai_cluster`), the same in either language; url_state reads
# and checks it. An unknown hub (a stale or hand-edited link) falls back to the default silently.
default = hub_profile.default_hub(f.picked_hubs, hubs.hubs_frame(uploads))
default = default if default in options else order[0]
hub_id = ui.linked_choice(
    i18n.t("hub.select", lang), order, key=KEY, default=default, format_func=options.get, lang=lang
)
if hub_id not in options:
    ui.empty(lang)
    st.stop()
# The card, chart and tables below come from cached views (dashboard/hub_profile.py): a rerun only draws.
card = hub_profile.hub_card(hub_id, lang, uploads)

st.header(ui.md_escape(card.name), anchor=False)
if card.is_aggregate:
    st.info(i18n.t("hub.aggregate_note", lang), icon=":material/info:")
st.markdown(card.fields_markdown)

st.header(i18n.t("hub.figures.header", lang), divider="gray", anchor=False)
if not f.kinds:
    ui.empty(lang, "msg.no_kinds")
    st.stop()
ui.hidden_kinds_notice(
    family_view.hidden_kind_counts((hub_id,), f.kinds, f.year_from, f.year_to, uploads), lang, "hub-show-kinds"
)
shown = hub_profile.hub_figures(hub_id, f.kinds, f.year_from, f.year_to, lang, uploads)
if shown.chart is None:
    ui.empty(lang, "hub.no_figures")
    st.stop()
st.caption(i18n.t("hub.figures.count", lang, n=shown.n_rows, total=card.n_figures))
st.caption(i18n.t("hub.timeline.caption", lang))
ui.show_chart(shown.chart, key="hub-timeline", lang=lang)

st.subheader(i18n.t("hub.table.header", lang), anchor=False)
text_columns = [c for c in hub_profile.TABLE_COLUMNS if c != "source_url"]
ui.data_table(
    shown.table,
    lang,
    hide_index=True,
    key="hub-figures",
    legend=True,
    column_config=ui.figure_columns(lang, text_columns, "source_url"),
)

st.subheader(i18n.t("hub.sources.header", lang), anchor=False)
st.caption(i18n.t("sources.count", lang, n=len(shown.sources)))
ui.data_table(
    shown.sources,
    lang,
    hide_index=True,
    key="hub-sources",
    column_config={
        "publisher": st.column_config.TextColumn(i18n.t("sources.publisher", lang)),
        "published": st.column_config.TextColumn(i18n.t("sources.published", lang)),
        "title": st.column_config.TextColumn(i18n.t("sources.title", lang)),
        "url": st.column_config.LinkColumn(i18n.t("sources.link", lang)),
        "n_figures": st.column_config.NumberColumn(i18n.t("sources.figures", lang), format="%d"),
        "user_supplied": st.column_config.CheckboxColumn(i18n.t("table.col.user_supplied", lang)),
    },
)
