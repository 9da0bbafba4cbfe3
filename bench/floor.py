"""The benchmark's floor: the Overview or Budgets layout drawn again and again from view values made once.

On its first run the floor page (bench/floor_page.py) asks the page's own public view functions
(dashboard/overview_view.py, dashboard/family_view.py) for the seeded filters and keeps the values here; every
later run only draws them, with the page's drawing helpers (ui.show_chart, overview_page.render_cards) and plain
widgets. What is left is Streamlit's own cost (figure JSON, protobufs, widgets); a page's time over the floor's is
what reading the filters and looking up its cached views costs.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import charts, family_view, filters, i18n, overview_page, overview_view, ui, upload

FLOOR_PAGE = Path(__file__).resolve().parent / "floor_page.py"
LAYOUT_KEY = "_bench_floor_layout"
LAYOUTS = ("overview", "budgets")
FAMILY = "budgets"

# Filled by the floor page's first run, read by the later ones; AppTest runs page scripts in this process.
VIEWS: dict[str, dict] = {}


def overview_views() -> dict:
    """What pages/overview.py draws for the current filters, with the map pickers on their first options."""
    f = filters.current()
    uploads = upload.session_uploads(st.session_state)
    choices = overview_view.map_choices(f.kinds, f.year_from, f.year_to, f.lang, uploads)
    metric = choices.metrics[0] if not choices.empty else None
    period = next(iter(choices.rows[metric])) if metric else None
    return {
        "lang": f.lang,
        "cards": overview_view.card_view(f.hubs, f.lang, uploads),
        "hidden": family_view.hidden_kind_counts(f.hubs, f.kinds, f.year_from, f.year_to, uploads),
        "choices": choices,
        "map": overview_view.map_view(f.kinds, f.year_from, f.year_to, metric, period, f.hubs, f.lang, uploads),
        "coverage": overview_view.coverage_view(f.hubs, f.year_from, f.year_to, f.lang, uploads),
    }


def budgets_views() -> dict:
    """What pages/budgets.py draws for the current filters, on its first metric and that metric's default scale."""
    f = filters.current()
    uploads = upload.session_uploads(st.session_state)
    selection = (f.hubs, f.kinds, f.year_from, f.year_to)
    choices = family_view.metric_choices(FAMILY, *selection, f.lang, uploads)
    metric = choices.options[0]
    scale = choices.default_scales.get(metric, "linear")
    return {
        "lang": f.lang,
        "choices": choices,
        "scale": scale,
        "trend": family_view.trend_view(FAMILY, metric, *selection, f.lang, scale, uploads),
        "plan_actual": family_view.plan_actual_view(FAMILY, metric, *selection, f.lang, uploads),
    }


def draw_overview(v: dict) -> None:
    """The Overview's elements from `overview_views`: title, cards, hidden kinds, map pickers, map, totals, coverage
    grid."""
    lang = v["lang"]
    st.title(i18n.t("page.overview.title", lang))
    st.caption(i18n.t("app.tagline", lang))
    st.subheader(i18n.t("overview.cards.header", lang))
    st.caption(i18n.t("overview.cards.caption", lang))
    overview_page.render_cards(v["cards"], lang)
    st.subheader(i18n.t("overview.map.header", lang))
    ui.hidden_kinds_notice(v["hidden"], lang, "overview-show-kinds")
    choices = v["choices"]
    if not choices.empty:
        left, right = st.columns(2)
        metric = left.selectbox("metric", choices.metrics, format_func=choices.labels.get, key="floor-map-metric")
        right.selectbox(
            "period",
            list(choices.rows[metric]),
            format_func=choices.period_options[metric].get,
            key="floor-map-period",
        )
    map_column, table_column = st.columns([3, 2], gap="medium")
    with map_column:
        ui.show_chart(v["map"].chart, key="overview-map", lang=lang)
    with table_column:
        if v["map"].totals_table is not None:
            ui.data_table(v["map"].totals_table, lang, hide_index=True, key="overview-map-totals")
        st.caption("  \n".join(ui.md_escape(n) for n in v["map"].notes))
    st.subheader(i18n.t("overview.coverage.header", lang))
    if v["coverage"] is not None:
        st.caption(i18n.t("overview.coverage.caption", lang))
        ui.show_chart(v["coverage"].chart, key="overview-coverage", lang=lang)


def draw_budgets(v: dict) -> None:
    """The Budgets page's elements from `budgets_views`: title, pickers, trend and its notes, plan vs actual."""
    lang, choices, trend, plan_actual = v["lang"], v["choices"], v["trend"], v["plan_actual"]
    st.title(i18n.t(f"page.{FAMILY}.title", lang))
    st.caption(i18n.t(f"family_page.intro.{FAMILY}", lang))
    ui.hidden_kinds_notice(choices.hidden_kinds, lang, key=f"{FAMILY}-show-kinds")
    st.selectbox("metric", choices.options, format_func=choices.names.get, key="floor-metric")
    st.segmented_control("scale", list(charts.SCALES), default=v["scale"], key="floor-scale")
    ui.show_chart(trend.chart, key=f"{FAMILY}-trend", lang=lang)
    st.caption(i18n.t("family_page.caption", lang))
    if trend.version_lines:
        lines = trend.version_lines[: family_view.MAX_VERSION_LINES]
        st.warning("\n".join(f"- {ui.md_escape(line)}" for line in lines), icon=":material/rule:")
    st.subheader(i18n.t("family_page.pva.header", lang))
    st.caption(i18n.t("family_page.pva.caption", lang))
    for item in plan_actual.charts:
        ui.show_chart(item.chart, key=f"{FAMILY}-pva-{item.metric}", lang=lang)


BUILD = {"overview": overview_views, "budgets": budgets_views}
DRAW = {"overview": draw_overview, "budgets": draw_budgets}
