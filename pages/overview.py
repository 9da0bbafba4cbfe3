"""개요 (Overview) page: each hub's latest actual figures, a province map of one metric, and which years have figures."""

import pandas as pd
import streamlit as st

from dashboard import charts, data, filters, fmt, geo, i18n, ui
from dashboard import overview_view as view

f = filters.current()
lang = f.lang
st.title(i18n.t("page.overview.title", lang))
st.caption(i18n.t("app.tagline", lang))
if not f.hubs:
    ui.empty(lang, "msg.no_hubs")
    st.stop()

all_hubs = filters.hubs_frame()
colors = charts.hub_colors(all_hubs.hub_id)
chosen = all_hubs[all_hubs.hub_id.isin(f.hubs)]

# --- cards: latest actual figure per hub and family --------------------------------------------------------------
st.subheader(i18n.t("overview.cards.header", lang))
st.caption(i18n.t("overview.cards.caption", lang))
view.render_cards(chosen, data.query("latest_actual_by_hub", hubs=f.hub_list), lang)

# --- map: one metric, one kind, one exact period, summed over single hubs per province -----------------------------
st.subheader(i18n.t("overview.map.header", lang))
options = view.map_options(data.query("metric_periods"), f.kinds, f.year_from, f.year_to)
if options.empty:
    ui.empty(lang, "overview.map.no_options")
    choice, totals = None, pd.DataFrame()
    fig = geo.map_figure(totals, chosen, lang=lang, colors=colors, metric_label="", unit="count",
                         title=i18n.t("chart.map.title", lang))
    map_export = geo.map_rows(totals, chosen, lang=lang, metric_label="", period_text="", kind="actual")
    file_parts = ("overview-map", "hubs")
else:
    choice = view.pick_map_choice(options, lang)
    totals = data.query(
        "region_totals", metric=choice["metric"], kind=choice["kind"], period_start=int(choice["period_start"]),
        period_end=int(choice["period_end"]), start_month=int(choice["start_month"]),
        end_month=int(choice["end_month"]), hubs=f.hub_list,
    )
    metric_label = i18n.label(choice, "metric_label", lang)
    when = view.period_text(choice, lang)
    if totals.empty:
        ui.empty(lang, "overview.map.no_total")
    fig = geo.map_figure(totals, chosen, lang=lang, colors=colors, metric_label=metric_label, unit=choice["unit"],
                         title=i18n.t("overview.map.title", lang, metric=metric_label, period=when),
                         subtitle=i18n.t("overview.map.subtitle", lang))
    map_export = geo.map_rows(totals, chosen, lang=lang, metric_label=metric_label, period_text=when,
                              kind=choice["kind"])
    file_parts = ("overview-map", choice["metric"], choice["key"].replace("|", "-"))
# On a wide screen the totals sit beside the map (small provinces are hard to read); on a phone they stack.
map_column, table_column = st.columns([3, 2], gap="medium")
with map_column:
    ui.chart_block(fig, totals, key="overview-map", lang=lang, file_parts=file_parts, export_rows=map_export)
with table_column:
    if not totals.empty:
        st.dataframe(view.province_table(totals, lang), hide_index=True, key="overview-map-totals")
    notes = []
    if choice is not None:
        plain_period = fmt.period(choice["period_start"], choice["period_end"], choice["start_month"],
                                  choice["end_month"], "actual", lang)
        notes.append(i18n.t("overview.map.caption", lang, kind=fmt.kind_label(choice["kind"], lang),
                            period=plain_period))
    if (geo.hub_points(chosen)["n_at_place"] > 1).any():
        notes.append(i18n.t("overview.map.ring", lang))
    notes.append(ui.GEO_CREDIT)
    st.caption("  \n".join(ui.md_escape(n) for n in notes))

# --- coverage: which hub has figures for which year, per family ----------------------------------------------------
st.subheader(i18n.t("overview.coverage.header", lang))
cells = data.query("coverage_matrix", hubs=f.hub_list, year_from=f.year_from, year_to=f.year_to)
if cells.empty:
    ui.empty(lang)
else:
    st.caption(i18n.t("overview.coverage.caption", lang))
    grid = charts.coverage_matrix(cells, lang=lang, title=i18n.t("chart.coverage.title", lang),
                                  hub_order=list(chosen.hub_id))
    ui.chart_block(grid, cells, key="overview-coverage", lang=lang,
                   file_parts=("overview-coverage", f"{f.year_from}-{f.year_to}"),
                   export_rows=view.coverage_rows(cells, lang))
