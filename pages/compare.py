"""비교 (Compare hubs) page: 2–4 hubs side by side, only where metric, kind and exact period match."""

import streamlit as st

from dashboard import charts, compare, data, filters, fmt, i18n, schema, ui

KEY = "compare_hubs"

f = filters.current()
lang = f.lang
st.title(i18n.t("page.compare.title", lang))
st.caption(i18n.t("compare.intro", lang))

hubs = filters.hubs_frame()
names = {r["hub_id"]: i18n.label(r, "name", lang) for r in hubs.to_dict("records")}
option_labels = {
    h: names[h] + (f" · {i18n.t('hub_type.aggregate', lang)}" if t == "aggregate" else "")
    for h, t in zip(hubs.hub_id, hubs.hub_type)
}
if KEY in st.session_state:
    # A remembered choice may name a hub the data no longer has: keep only known hubs, at most four.
    kept = [h for h in st.session_state[KEY] if h in option_labels][: compare.MAX_HUBS]
    if kept != list(st.session_state[KEY]):
        st.session_state[KEY] = kept
    default = None
else:
    default = compare.default_hubs(f.picked_hubs, hubs)
chosen = st.multiselect(
    i18n.t("compare.pick", lang), list(option_labels), default=default, format_func=option_labels.get, key=KEY,
    max_selections=compare.MAX_HUBS, persist_state="session",
)
if len(chosen) < compare.MIN_HUBS:
    ui.empty(lang, "compare.need_two")
    st.stop()
if not f.kinds:
    ui.empty(lang, "msg.no_kinds")
    st.stop()

for aggregate, member in compare.double_counting(chosen, hubs):
    st.warning(ui.md_escape(i18n.t("compare.double_counting", lang, aggregate=names[aggregate], member=names[member])),
               icon=":material/warning:")

rows = compare.overlapping_years(
    data.query("comparable_figures", hubs=chosen, kinds=f.kind_list), f.year_from, f.year_to
)
if rows.empty:
    ui.empty(lang)
    st.stop()

colors = charts.hub_colors(hubs.hub_id)
comparisons = compare.compare_metrics(rows, hubs)
if not comparisons:
    ui.empty(lang, "compare.no_common_metric")

family = None
for item in comparisons:
    if item.family != family:
        family = item.family
        st.header(i18n.t(f"family.{family}", lang) if family in schema.FAMILIES else family, divider="gray")
    of_metric = rows[rows["metric"] == item.metric]
    metric_label = i18n.label(of_metric.iloc[0].to_dict(), "metric_label", lang)
    st.subheader(metric_label)
    if item.comparable:
        groups = {compare.group_label(g, lang): g for g in item.groups}
        select_key = f"compare_period_{item.metric}"
        if st.session_state.get(select_key) not in groups:
            st.session_state.pop(select_key, None)
        picked = next(iter(groups))
        if len(groups) > 1:
            # Most recent shared period first; the others stay one click away.
            picked = st.selectbox(
                i18n.t("compare.period_select", lang), list(groups), key=select_key,
                format_func=lambda label: i18n.t("compare.group_option", lang, period=label,
                                                 n=groups[label]["hub_id"].nunique()),
            )
        group = groups[picked]
        fig = charts.compare_bars(group, lang=lang, colors=colors, subtitle=picked,
                                  title=i18n.t("chart.by_hub.title", lang, metric=metric_label))
        ui.chart_block(fig, group, key=f"compare-{item.metric}", lang=lang,
                       file_parts=("compare", item.metric, picked))
        if compare.group_has_versions(group):
            st.caption(i18n.t("compare.versions", lang))
        for hub in item.hub_ids:
            if hub not in set(group["hub_id"]):
                periods = ", ".join(compare.available_periods(of_metric, hub, lang))
                st.caption(ui.md_escape(i18n.t("compare.outside_group", lang, hub=names[hub], periods=periods)))
    else:
        reasons = " ".join(i18n.t(f"compare.reason.{r}", lang) for r in item.reasons)
        st.warning(f"**{i18n.t('compare.not_comparable', lang)}** — {reasons}", icon=":material/block:")
        lines = [
            f"- {ui.md_escape(names[hub])}: {ui.md_escape(', '.join(compare.available_periods(of_metric, hub, lang)))}"
            for hub in item.hub_ids
        ]
        st.markdown(f"{i18n.t('compare.available_periods', lang)}\n\n" + "\n".join(lines))

single = compare.single_hub_metrics(rows)
if not single.empty:
    with st.expander(i18n.t("compare.single_hub.header", lang, n=len(single))):
        st.markdown("\n".join(
            f"- {ui.md_escape(i18n.label(r, 'metric_label', lang))} — {ui.md_escape(names[r['hub_id']])}"
            for r in single.to_dict("records")
        ))

st.header(i18n.t("compare.ratios.header", lang), divider="gray")
st.caption(i18n.t("compare.ratios.intro", lang))
metric_labels = {r["metric"]: i18n.label(r, "label", lang) for r in data.query("metrics").to_dict("records")}
shown = 0
for ratio in compare.RATIOS:
    ratio_rows = compare.ratio_rows(
        data.query("derived_ratios", hubs=chosen, numerator=ratio.numerator, denominator=ratio.denominator),
        f.kinds, f.year_from, f.year_to,
    )
    if ratio_rows.empty:
        continue
    shown += 1
    st.subheader(i18n.t(f"ratio.{ratio.key}", lang))
    unit = ratio_rows["denominator_unit"].iloc[0]
    per = i18n.t(f"ratio.per.{unit}", lang) if f"ratio.per.{unit}" in i18n.STRINGS else ""
    table = compare.ratio_table(ratio_rows, ratio, metric_labels, lang, per,
                                scope_notes=dict(zip(rows["figure_id"], rows["scope_note"])))
    headers = {
        "hub": i18n.t("table.col.hub", lang), "period": i18n.t("table.col.period", lang),
        **{c: i18n.t(f"compare.col.{c}", lang)
           for c in ("ratio", "numerator", "numerator_source", "denominator", "denominator_source")},
    }
    st.dataframe(table[list(headers)].rename(columns=headers), hide_index=True, key=f"ratio-{ratio.key}",
                 placeholder=fmt.MISSING)
    if ratio_rows.duplicated(["hub_id", "kind", "period_start", "period_end", "start_month", "end_month"]).any():
        st.caption(i18n.t("compare.ratios.several", lang))
if not shown:
    ui.empty(lang, "compare.ratios.none")
