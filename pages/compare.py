"""비교 (Compare hubs) page: 2–4 hubs side by side, only where metric, kind and exact period match."""

import streamlit as st

from dashboard import compare, compare_view, family_view, filters, hubs, i18n, ui, upload, url_state

KEY = url_state.COMPARE_HUBS

f = filters.current()
lang = f.lang
uploads = upload.session_uploads(st.session_state)
st.title(i18n.t("page.compare.title", lang))
st.caption(i18n.t("compare.intro", lang))

option_labels = compare_view.hub_options(lang)
# From the URL (`?compare_hubs=a&compare_hubs=b`, checked in url_state), else remembered, else the default pair.
default = [h for h in compare.default_hubs(f.picked_hubs, hubs.hubs_frame(uploads)) if h in option_labels]
with url_state.linked(KEY, url_state.Choices(tuple(option_labels), compare.MAX_HUBS), default):
    chosen = st.multiselect(
        i18n.t("compare.pick", lang),
        list(option_labels),
        format_func=option_labels.get,
        key=KEY,
        max_selections=compare.MAX_HUBS,
        persist_state="session",
        placeholder=i18n.t("widget.choose", lang),
    )
ui.hidden_kinds_notice(
    family_view.hidden_kind_counts(f.hubs, f.kinds, f.year_from, f.year_to, uploads), lang, "compare-show-kinds"
)
if len(chosen) < compare.MIN_HUBS:
    ui.empty(lang, "compare.need_two")
    st.stop()
if not f.kinds:
    ui.empty(lang, "msg.no_kinds")
    st.stop()

# Everything below comes from cached views (dashboard/compare_view.py): a rerun only draws.
shown = compare_view.comparison(tuple(chosen), f.kinds, f.year_from, f.year_to, lang, uploads)
for text in shown.warnings:
    st.warning(text, icon=":material/warning:")
if shown.empty:
    ui.empty(lang)
    st.stop()
if not shown.metrics:
    ui.empty(lang, "compare.no_common_metric")

family = None
for item in shown.metrics:
    if item.family != family:
        family = item.family
        st.header(item.family_title, divider="gray")
    st.subheader(ui.md_escape(item.label))
    if item.comparable:
        select_key = f"compare_period_{item.metric}"
        if st.session_state.get(select_key) not in item.groups:
            st.session_state.pop(select_key, None)
        picked = next(iter(item.groups))
        if len(item.groups) > 1:
            # Most recent shared period first; the others stay one click away. The option texts are this
            # metric's own dict: a lambda reading a loop variable would format with the last metric's groups.
            picked = st.selectbox(
                i18n.t("compare.period_select", lang),
                list(item.groups),
                key=select_key,
                format_func=item.option_texts.get,
                placeholder=i18n.t("widget.choose", lang),
            )
        bars = compare_view.group_bars(
            tuple(chosen), f.kinds, f.year_from, f.year_to, item.metric, picked, lang, uploads
        )
        ui.show_chart(bars.chart, key=f"compare-{item.metric}", lang=lang)
        if bars.has_versions:
            st.caption(i18n.t("compare.versions", lang))
        for text in bars.outside:
            st.caption(text)
    else:
        st.warning(item.not_comparable_text, icon=":material/block:")
        st.markdown(item.available_text)

if shown.n_single:
    with st.expander(i18n.t("compare.single_hub.header", lang, n=shown.n_single)):
        st.markdown(shown.single_text)

st.header(i18n.t("compare.ratios.header", lang), divider="gray")
st.caption(i18n.t("compare.ratios.intro", lang))
for ratio in shown.ratios:
    st.subheader(ratio.title)
    ui.data_table(ratio.table, lang, hide_index=True, key=f"ratio-{ratio.key}")
    if ratio.several:
        st.caption(i18n.t("compare.ratios.several", lang))
if not shown.ratios:
    ui.empty(lang, "compare.ratios.none")
