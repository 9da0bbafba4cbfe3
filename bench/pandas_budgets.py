"""Benchmark peer: the Budgets page written the way typical Streamlit tutorials do it, for comparison only.

On every run it reads the CSVs with `pd.read_csv`, filters and joins in pandas, then draws the same charts
with the same builders and blocks as pages/budgets.py. No caching, no database: that is the point of the peer.
Filters come from the same session-state keys the sidebar sets (lang, region, hub, years, kinds).
"""

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import charts, family_view, i18n, ui

DATA = Path(os.environ.get("HUBS_DATA_DIR") or Path(__file__).resolve().parent.parent / "data")
FAMILY = "budgets"
PERIOD_KEY = ["hub_id", "metric", "kind", "period_start", "period_end", "start_month", "end_month"]

budgets = pd.read_csv(DATA / "budgets.csv")
hubs = pd.read_csv(DATA / "hubs.csv", dtype={"region_code": str})
metrics = pd.read_csv(DATA / "metrics.csv")
sources = pd.read_csv(DATA / "sources.csv")
figure_sources = pd.read_csv(DATA / "figure_sources.csv")

lang = st.session_state.get("lang", "ko")
regions = st.session_state.get("region") or []
picked = st.session_state.get("hub") or []
kinds = st.session_state.get("kinds") or ["actual"]
year_from, year_to = st.session_state.get("years") or (int(budgets.period_start.min()), int(budgets.period_end.max()))

hub_ids = picked or list(hubs[hubs.region_code.isin(regions)].hub_id if regions else hubs.hub_id)

# Join names, labels and sources onto every figure, as the tutorials' "merge everything first" step does.
df = budgets.copy()
df["start_month"] = df["period_start_month"].fillna(1).astype(int)
df["end_month"] = df["period_end_month"].fillna(12).astype(int)
df["n_versions"] = df.groupby(PERIOD_KEY)["value"].transform("nunique")
df = df.merge(
    hubs[["hub_id", "name_ko", "name_en", "hub_type", "region_code", "member_of"]].rename(
        columns={"name_ko": "hub_name_ko", "name_en": "hub_name_en"}
    ),
    on="hub_id",
)
df = df.merge(
    metrics[["metric", "label_ko", "label_en"]].rename(
        columns={"label_ko": "metric_label_ko", "label_en": "metric_label_en"}
    ),
    on="metric",
)
df = df.merge(
    sources[["source_id", "publisher", "title", "published", "url"]].rename(columns={"title": "source_title"}),
    on="source_id",
    how="left",
)
extra = figure_sources.merge(sources, on="source_id")
extra["label"] = extra["publisher"] + " (" + extra["published"].astype(str) + ")"
extra = (
    extra.sort_values("published")
    .groupby("figure_id")
    .agg(n_extra=("source_id", "size"), extra_publishers=("label", "; ".join))
    .reset_index()
)
df = df.merge(extra, on="figure_id", how="left")
df["n_sources"] = 1 + df["n_extra"].fillna(0).astype(int)
df["family"] = FAMILY
df["user_supplied"] = False
df = df.sort_values(
    ["hub_id", "metric", "period_start", "period_end", "start_month", "end_month", "kind", "figure_id"]
).reset_index(drop=True)

in_scope = df[df.hub_id.isin(hub_ids) & (df.period_end >= year_from) & (df.period_start <= year_to)]
figures = in_scope[in_scope.kind.isin(kinds)]

st.title(i18n.t("page.budgets.title", lang))
st.caption(i18n.t("family_page.intro.budgets", lang))
if figures.empty:
    st.info(i18n.t("family_page.no_metric", lang))
    st.stop()

counts = figures.groupby("metric").size()
options = sorted(counts.index, key=lambda m: (-int(counts[m]), m))
labels = figures.drop_duplicates("metric").set_index("metric")
metric = st.selectbox(
    i18n.t("filter.metric", lang),
    options,
    key="budgets_metric",
    format_func=lambda m: i18n.t(
        "family_page.metric_option", lang, label=i18n.label(labels.loc[m], "metric_label", lang), n=int(counts[m])
    ),
)
rows = figures[figures.metric == metric].reset_index(drop=True)
colors = charts.hub_colors(hubs.hub_id)
label = i18n.label(rows.iloc[0], "metric_label", lang)
unit = str(rows["unit"].iloc[0])
fig = charts.trend(rows, lang=lang, colors=colors, title=i18n.t("chart.trend.title", lang, metric=label), unit=unit)
ui.chart_block(fig, rows, key="budgets-trend", lang=lang, file_parts=(FAMILY, metric, f"{year_from}-{year_to}"))
st.caption(i18n.t("family_page.caption", lang))
lines = family_view.version_lines(rows, lang)
if lines:
    st.warning("\n".join(f"- {ui.md_escape(line)}" for line in lines[: family_view.MAX_VERSION_LINES]))

# Plan vs actual: plans and targets merged with actuals of the same hub, metric, exact period and series.
st.subheader(i18n.t("family_page.pva.header", lang))
chosen = df[df.hub_id.isin(hub_ids)]
plans = chosen[chosen.kind.isin(["plan", "target"])]
actuals = chosen[chosen.kind.isin(["actual", "cumulative_actual"])]
pair_key = ["hub_id", "metric", "period_start", "period_end", "start_month", "end_month", "series"]
pairs = plans.merge(actuals, on=pair_key, suffixes=("_p", "_a"))
pairs = pairs[(pairs.period_end >= year_from) & (pairs.period_start <= year_to)]
pairs = pairs.rename(
    columns={
        "figure_id_p": "plan_figure_id",
        "kind_p": "plan_kind",
        "value_p": "plan_value",
        "publisher_p": "plan_publisher",
        "published_p": "plan_published",
        "quote_p": "plan_quote",
        "figure_id_a": "actual_figure_id",
        "kind_a": "actual_kind",
        "value_a": "actual_value",
        "publisher_a": "actual_publisher",
        "published_a": "actual_published",
        "quote_a": "actual_quote",
        "hub_name_ko_p": "hub_name_ko",
        "hub_name_en_p": "hub_name_en",
        "metric_label_ko_p": "metric_label_ko",
        "metric_label_en_p": "metric_label_en",
        "unit_p": "unit",
    }
)
if pairs.empty:
    st.caption(i18n.t("family_page.pva.no_plans", lang))
else:
    pairs["ratio"] = (pairs.actual_value / pairs.plan_value).where(pairs.plan_value > 0)
    st.caption(i18n.t("family_page.pva.caption", lang))
    pair_counts = pairs.groupby("metric").size()
    for m in sorted(pair_counts.index, key=lambda x: (x != metric, -int(pair_counts[x]), x)):
        chosen_pairs = pairs[pairs.metric == m].reset_index(drop=True)
        title = i18n.t(
            "chart.plan_vs_actual.title", lang, metric=i18n.label(chosen_pairs.iloc[0], "metric_label", lang)
        )
        unit = str(chosen_pairs["unit"].iloc[0])
        fig = charts.plan_vs_actual(chosen_pairs, lang=lang, colors=colors, unit=unit, title=title)
        ids = set(chosen_pairs.plan_figure_id) | set(chosen_pairs.actual_figure_id)
        drawn = in_scope[(in_scope.metric == m) & in_scope.figure_id.isin(ids)].reset_index(drop=True)
        ui.chart_block(
            fig,
            drawn,
            key=f"budgets-pva-{m}",
            lang=lang,
            file_parts=(FAMILY, m, "plan-vs-actual", f"{year_from}-{year_to}"),
        )
