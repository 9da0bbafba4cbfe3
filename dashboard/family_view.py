"""The shared body of the four family pages (budgets, firms, personnel, outcomes): metric picker, trend, plan vs actual."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import charts, data, filters, fmt, i18n, memo, schema, ui

MAX_VERSION_LINES = 12
# Past this many hubs the palette's colours repeat and the legend outgrows the chart: the trend draws the hubs
# with the most figures and says so (the bundled data has fewer hubs, so nothing is left out there).
TREND_MAX_HUBS = len(charts.HUB_PALETTE)
# Each pair is a 70 px row: past this a chart is taller than any screen; the most recent pairs are drawn.
PVA_MAX_PAIRS = 30


def family_figures(family: str, f: filters.Filters) -> pd.DataFrame:
    """Every figure of `family` for the filters' hubs, kinds and years (all metrics)."""
    return data.query(
        "figures_by_hub_year",
        families=[family],
        metrics=[],
        hubs=f.hub_list,
        kinds=f.kind_list,
        year_from=f.year_from,
        year_to=f.year_to,
    )


def comparable_score(figures: pd.DataFrame) -> pd.DataFrame:
    """Per metric: how many comparable points it has (`points`), over how many hubs, and its figure count.

    Comparable points are single, whole-year figures of one kind, counted once per hub and year (differing
    reports of one year count once); a metric's points are those of its kind with the most.
    """
    if figures.empty:
        return pd.DataFrame(columns=["points", "hubs", "figures"])
    whole_year = (
        (figures["period_start"] == figures["period_end"])
        & (figures["start_month"] == 1)
        & (figures["end_month"] == 12)
    )
    single = figures[whole_year].drop_duplicates(["metric", "kind", "hub_id", "period_start"])
    by_kind = single.groupby(["metric", "kind"]).agg(points=("hub_id", "size"), hubs=("hub_id", "nunique"))
    best = by_kind.sort_values(["points", "hubs"], ascending=False, kind="stable").groupby(level="metric").head(1)
    best = best.reset_index(level="kind", drop=True)
    out = pd.DataFrame(index=pd.Index(sorted(figures["metric"].unique()), name="metric"))
    out["points"] = best["points"].reindex(out.index).fillna(0).astype(int)
    out["hubs"] = best["hubs"].reindex(out.index).fillna(0).astype(int)
    out["figures"] = figures.groupby("metric").size().reindex(out.index).astype(int)
    return out


def metric_options(family: str, figures: pd.DataFrame) -> list[str]:
    """Metrics that have figures, the one with the most comparable points first (then more hubs, more figures,
    metric id): the page opens on the metric that compares the most, worked out from the data."""
    score = comparable_score(figures)
    return sorted(
        score.index,
        key=lambda m: (-int(score.at[m, "points"]), -int(score.at[m, "hubs"]), -int(score.at[m, "figures"]), m),
    )


def trend_rows(figures: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The rows the trend chart draws (and the download offers) for one metric."""
    return figures[figures["metric"] == metric].reset_index(drop=True)


def plan_pairs(family: str, f: filters.Filters) -> pd.DataFrame:
    """Plan/target–actual pairs of the family for the chosen hubs whose period overlaps the chosen years.

    The kinds filter is not applied: a pair is a plan set against its actual by definition.
    """
    pairs = data.query("plan_vs_actual", hubs=f.hub_list, families=[family])
    keep = (pairs["period_end"] >= f.year_from) & (pairs["period_start"] <= f.year_to)
    return pairs[keep].reset_index(drop=True)


def pair_rows(
    family: str, metric: str, pairs: pd.DataFrame, f: filters.Filters, figures: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The figure rows behind one metric's plan-vs-actual chart: each drawn plan and actual once, for download.

    `figures`, when given, is the `figures_by_hub_year` result of these filters for all kinds and at least this
    metric (one query for all of a family's charts instead of one per chart).
    """
    ids = list(dict.fromkeys([*pairs["plan_figure_id"], *pairs["actual_figure_id"]]))
    if figures is None:
        figures = data.query(
            "figures_by_hub_year",
            families=[family],
            metrics=[metric],
            hubs=f.hub_list,
            kinds=list(schema.KINDS),
            year_from=f.year_from,
            year_to=f.year_to,
        )
    return figures[(figures["metric"] == metric) & figures["figure_id"].isin(ids)].reset_index(drop=True)


def bounded_trend_rows(rows: pd.DataFrame, limit: int = TREND_MAX_HUBS) -> tuple[pd.DataFrame, int]:
    """The trend's rows for at most `limit` hubs (most figures first, then hub id) and how many hubs had figures."""
    counts = rows.groupby("hub_id").size()
    if len(counts) <= limit:
        return rows, len(counts)
    keep = sorted(counts.index, key=lambda h: (-int(counts[h]), h))[:limit]
    return rows[rows["hub_id"].isin(keep)].reset_index(drop=True), len(counts)


def bounded_pairs(pairs: pd.DataFrame, limit: int = PVA_MAX_PAIRS) -> pd.DataFrame:
    """At most `limit` pairs of one metric: the most recent periods first (ties by hub and figure ids)."""
    if len(pairs) <= limit:
        return pairs
    ordered = pairs.sort_values(
        ["period_end", "period_start", "hub_id", "plan_figure_id", "actual_figure_id"],
        ascending=[False, False, True, True, True],
        kind="stable",
    )
    return ordered.head(limit).reset_index(drop=True)


@dataclass(frozen=True)
class TrendView:
    """Everything the trend section draws for one metric, built once per filters, metric and language."""

    chart: ui.Chart
    hubs_shown: int
    hubs_total: int
    version_lines: tuple[str, ...]
    n_versions: int
    scale_note: str | None = None  # why the chosen scale was not drawn, or what the indexed view leaves out


@dataclass(frozen=True)
class PairChart:
    """One metric's plan-vs-actual chart, and how many pairs it had before the bound."""

    metric: str
    chart: ui.Chart
    shown: int
    total: int


@dataclass(frozen=True)
class MetricChoices:
    """The metric picker: metrics with figures of the chosen kinds first (see metric_options), then metrics whose
    figures are all of hidden kinds; option labels; and, per hidden-only metric, its count and kinds."""

    options: tuple[str, ...]
    names: dict[str, str]
    hidden_only: dict[str, tuple[int, tuple[str, ...]]]  # metric -> (figures, their kinds in schema order)
    hidden_kinds: dict[str, int]  # kind -> figures of the family not shown because of the kind filter


@memo.view
def metric_choices(family: str, hubs: tuple, kinds: tuple, year_from: int, year_to: int, lang: str) -> MetricChoices:
    """The metric picker's options and labels (with figure counts), and what the kind filter hides."""
    everything = data.query(
        "figures_by_hub_year",
        families=[family],
        metrics=[],
        hubs=list(hubs),
        kinds=list(schema.KINDS),
        year_from=year_from,
        year_to=year_to,
    )
    figures = everything[everything["kind"].isin(list(kinds))]
    hidden = everything[~everything["kind"].isin(list(kinds))]
    options = metric_options(family, figures)
    first = everything.drop_duplicates("metric").set_index("metric")
    counts = figures.groupby("metric").size()
    names = {
        m: i18n.t(
            "family_page.metric_option", lang, label=i18n.label(first.loc[m], "metric_label", lang), n=int(counts[m])
        )
        for m in options
    }
    hidden_only: dict[str, tuple[int, tuple[str, ...]]] = {}
    for m, group in hidden[~hidden["metric"].isin(options)].groupby("metric", sort=True):
        of_kinds = tuple(k for k in schema.KINDS if k in set(group["kind"]))
        hidden_only[m] = (len(group), of_kinds)
        names[m] = i18n.t(
            "family_page.metric_hidden_option",
            lang,
            label=i18n.label(first.loc[m], "metric_label", lang),
            n=len(group),
            kinds=kinds_text(of_kinds, lang),
        )
    hidden_kinds = {k: int(n) for k, n in hidden.groupby("kind").size().items()}
    hidden_kinds = {k: hidden_kinds[k] for k in schema.KINDS if k in hidden_kinds}
    return MetricChoices(tuple(options) + tuple(hidden_only), names, hidden_only, hidden_kinds)


def kinds_text(kinds, lang: str) -> str:
    """계획·목표 / plan, target: the kinds' names joined."""
    return ("·" if lang == "ko" else ", ").join(fmt.kind_label(k, lang) for k in kinds)


def show_kinds(kinds) -> None:
    """Button callback: add `kinds` to the sidebar's kind filter (the URL follows)."""
    current = list(st.session_state.get(filters.KINDS) or [])
    st.session_state[filters.KINDS] = [k for k in schema.KINDS if k in current or k in kinds]


@memo.view
def hidden_kind_counts(hubs: tuple, kinds: tuple, year_from: int, year_to: int) -> dict[str, int]:
    """Figures of the chosen hubs and years the kind filter hides, per kind (schema order); {} when none."""
    hidden = [k for k in schema.KINDS if k not in kinds]
    if not hidden:
        return {}
    rows = data.query(
        "figures_by_hub_year",
        families=[],
        metrics=[],
        hubs=list(hubs),
        kinds=hidden,
        year_from=year_from,
        year_to=year_to,
    )
    counts = rows.groupby("kind").size()
    return {k: int(counts[k]) for k in schema.KINDS if k in counts.index}


def page_hidden_kinds_notice(f: filters.Filters, key: str) -> None:
    """hidden_kinds_notice for every family of the filters' hubs and years (Overview, Compare, Hub pages)."""
    hidden_kinds_notice(hidden_kind_counts(f.hubs, f.kinds, f.year_from, f.year_to), f.lang, key)


def hidden_kinds_notice(hidden: dict[str, int], lang: str, key: str) -> None:
    """What the kind filter hides on this page, and the one click that shows it."""
    if not hidden:
        return
    what = ", ".join(i18n.t("kinds.count", lang, kind=fmt.kind_label(k, lang), n=n) for k, n in hidden.items())
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(i18n.t("kinds.hidden", lang, what=what))
    right.button(
        i18n.t("kinds.show_all", lang),
        key=key,
        on_click=show_kinds,
        args=(tuple(schema.KINDS),),
        icon=":material/visibility:",
    )


@memo.view
def trend_view(
    family: str, metric: str, hubs: tuple, kinds: tuple, year_from: int, year_to: int, lang: str, scale: str = "linear"
) -> TrendView:
    """The trend chart of one metric with its download, and the conflicting-versions lines of what it draws.

    `scale` is drawn when it applies (charts.scale_options); otherwise the chart is linear and `scale_note` says why.
    """
    # Only this metric's figures: the same rows, in the same order, as the family's filtered to the metric.
    figures = data.query(
        "figures_by_hub_year",
        families=[family],
        metrics=[metric],
        hubs=list(hubs),
        kinds=list(kinds),
        year_from=year_from,
        year_to=year_to,
    )
    rows, total = bounded_trend_rows(trend_rows(figures, metric))
    label = i18n.label(rows.iloc[0], "metric_label", lang)
    unit = str(rows["unit"].iloc[0])
    colors = charts.hub_colors(filters.hubs_frame().hub_id)
    drawn_scale, note = scale, None
    if scale != "linear" and not charts.scale_options(rows)[scale]:
        drawn_scale, note = "linear", i18n.t(f"scale.{scale}_unavailable", lang)
    drawn = charts.index_rows(rows) if drawn_scale == "index" else rows
    if drawn_scale == "index" and len(drawn) < len(rows):
        note = i18n.t("scale.index_note", lang, n=len(rows) - len(drawn))
    fig = charts.trend(
        rows,
        lang=lang,
        colors=colors,
        title=i18n.t("chart.trend.title", lang, metric=label),
        unit=unit,
        scale=drawn_scale,
    )
    parts = (family, metric, f"{year_from}-{year_to}") + ((drawn_scale,) if drawn_scale != "linear" else ())
    chart = ui.prepare_chart(fig, drawn, lang=lang, file_parts=parts)
    return TrendView(
        chart,
        rows["hub_id"].nunique(),
        total,
        tuple(version_lines(rows, lang)),
        int((rows["n_versions"].fillna(1) > 1).sum()),
        note,
    )


@memo.view
def pva_view(
    family: str, metric: str, hubs: tuple, kinds: tuple, year_from: int, year_to: int, lang: str
) -> tuple[str, tuple[PairChart, ...]]:
    """("pairs", charts) with the picked metric's chart first, or ("plan_only" | "no_plans", ())."""
    f = filters.Filters(lang, (), hubs, year_from, year_to, kinds)
    pairs = plan_pairs(family, f)
    if pairs.empty:
        plans = data.query(
            "figures_by_hub_year",
            families=[family],
            metrics=[],
            hubs=list(hubs),
            kinds=["plan", "target"],
            year_from=year_from,
            year_to=year_to,
        )
        return ("plan_only" if len(plans) else "no_plans"), ()
    colors = charts.hub_colors(filters.hubs_frame().hub_id)
    counts = pairs.groupby("metric").size()
    # The metric picked above first, then the family's other metrics that have pairs.
    ordered = sorted(counts.index, key=lambda m: (m != metric, -int(counts[m]), m))
    # One query for every chart's download rows (at 1M figures each query costs about a second).
    figures = data.query(
        "figures_by_hub_year",
        families=[family],
        metrics=sorted(ordered),
        hubs=list(hubs),
        kinds=list(schema.KINDS),
        year_from=year_from,
        year_to=year_to,
    )
    out = []
    for m in ordered:
        of_metric = pairs[pairs["metric"] == m].reset_index(drop=True)
        chosen = bounded_pairs(of_metric)
        label = i18n.label(chosen.iloc[0], "metric_label", lang)
        fig = charts.plan_vs_actual(
            chosen,
            lang=lang,
            colors=colors,
            unit=str(chosen["unit"].iloc[0]),
            title=i18n.t("chart.plan_vs_actual.title", lang, metric=label),
        )
        rows = pair_rows(family, m, chosen, f, figures)
        chart = ui.prepare_chart(
            fig, rows, lang=lang, file_parts=(family, m, "plan-vs-actual", f"{year_from}-{year_to}")
        )
        out.append(PairChart(m, chart, len(chosen), len(of_metric)))
    return "pairs", tuple(out)


def render(family: str) -> None:
    """Draw a family page: title, intro, metric picker, trend with table and download, notes, plan vs actual."""
    f = filters.current()
    lang = f.lang
    st.title(i18n.t(f"page.{family}.title", lang))
    st.caption(i18n.t(f"family_page.intro.{family}", lang))
    if not f.kinds:
        ui.empty(lang, "msg.no_kinds")
        return
    if not f.hubs:
        ui.empty(lang)
        return
    selection = (f.hubs, f.kinds, f.year_from, f.year_to)
    choices = metric_choices(family, *selection, lang)
    if not choices.options:
        ui.empty(lang, "family_page.no_metric")
        return
    hidden_kinds_notice(choices.hidden_kinds, lang, key=f"{family}-show-kinds")
    metric = _metric_picker(family, list(choices.options), choices.names, lang)
    scale = _scale_picker(lang)
    if metric in choices.hidden_only:
        n, of_kinds = choices.hidden_only[metric]
        ui.empty(lang, "family_page.metric_hidden", n=n, kinds=kinds_text(of_kinds, lang))
        st.button(
            i18n.t("kinds.show", lang, kinds=kinds_text(of_kinds, lang)),
            key=f"{family}-show-metric-kinds",
            on_click=show_kinds,
            args=(of_kinds,),
            type="primary",
        )
        _plan_vs_actual_section(family, metric, selection, lang)
        return
    trend = trend_view(family, metric, *selection, lang, scale)
    ui.show_chart(trend.chart, key=f"{family}-trend", lang=lang)
    if trend.scale_note:
        st.caption(trend.scale_note)
    if trend.hubs_shown < trend.hubs_total:
        st.caption(i18n.t("family_page.trend.bounded", lang, shown=trend.hubs_shown, total=trend.hubs_total))
    st.caption(i18n.t("family_page.caption", lang))
    _versions_notice(trend, lang)
    _plan_vs_actual_section(family, metric, selection, lang)


def _metric_picker(family: str, options: list[str], names: dict[str, str], lang: str) -> str:
    key = filters.metric_key(family)
    # From the URL (checked in filters), else remembered; a metric with no figures under the current filters falls
    # back to the default, the first option. The URL holds the metric only when it is not the default.
    filters.page_choice(key, options, options[0])
    metric = st.selectbox(
        i18n.t("filter.metric", lang),
        options,
        format_func=names.get,
        key=key,
        persist_state="session",
        placeholder=i18n.t("widget.choose", lang),
    )
    filters.write_page_param(key, metric, options[0])
    return metric


SCALE_KEY = filters.SCALE


def _scale_picker(lang: str) -> str:
    """Linear, log or first year = 100 for the trend's value axis (key `scale`, shared by the family pages)."""
    filters.page_choice(SCALE_KEY, list(charts.SCALES), "linear")
    chosen = st.segmented_control(
        i18n.t("scale.label", lang),
        list(charts.SCALES),
        format_func=lambda s: i18n.t(f"scale.{s}", lang),
        key=SCALE_KEY,
        help=i18n.t("scale.help", lang),
        required=True,
        persist_state="session",
    )
    chosen = chosen if chosen in charts.SCALES else "linear"
    filters.write_page_param(SCALE_KEY, chosen, "linear")
    return chosen


def version_lines(rows: pd.DataFrame, lang: str) -> list[str]:
    """One plain-text line per set of conflicting versions: hub · period (kind): value (source) / value (source)."""
    conflicted = rows[rows["n_versions"].fillna(1) > 1]
    lines = []
    keys = ["hub_id", "kind", "period_start", "period_end", "start_month", "end_month"]
    for _, group in conflicted.groupby(keys, sort=True, dropna=False):
        first = group.iloc[0]
        period = fmt.period(
            first["period_start"],
            first["period_end"],
            first["period_start_month"],
            first["period_end_month"],
            first["kind"],
            lang,
        )
        values = " / ".join(
            f"{fmt.number(r['value'], r['unit'], lang)} ({r['publisher']}, {fmt.published(r['published'], lang)})"
            + (f" [{i18n.t('upload.badge', lang)}]" if bool(r.get("user_supplied", False)) else "")
            for r in group.sort_values(["value", "figure_id"]).to_dict("records")
        )
        # fmt.period already names every kind but actual ("2020–2024 계획"); say "실적" only where it does not.
        if first["kind"] == "actual":
            period = f"{period} · {fmt.kind_label('actual', lang)}"
        lines.append(f"{i18n.label(first, 'hub_name', lang)} · {period}: {values}")
    return lines


def _versions_notice(trend: TrendView, lang: str) -> None:
    lines = trend.version_lines
    if not lines:
        return
    shown = [f"- {ui.md_escape(line)}" for line in lines[:MAX_VERSION_LINES]]
    if len(lines) > MAX_VERSION_LINES:
        shown.append(f"- … (+{len(lines) - MAX_VERSION_LINES})")
    st.warning(
        i18n.t("family_page.versions_notice", lang, n=trend.n_versions) + "\n\n" + "\n".join(shown),
        icon=":material/rule:",
    )


def _plan_vs_actual_section(family: str, metric: str, selection: tuple, lang: str) -> None:
    st.subheader(i18n.t("family_page.pva.header", lang))
    status, pair_charts = pva_view(family, metric, *selection, lang)
    if status != "pairs":
        st.caption(i18n.t(f"family_page.pva.{status}", lang))
        return
    st.caption(i18n.t("family_page.pva.caption", lang))
    if pair_charts[0].metric != metric:
        picked = data.query("metrics").set_index("metric").loc[metric]
        st.info(i18n.t("family_page.pva.other_metrics", lang, metric=i18n.label(picked, "label", lang)))
    for item in pair_charts:
        ui.show_chart(item.chart, key=f"{family}-pva-{item.metric}", lang=lang)
        if item.shown < item.total:
            st.caption(i18n.t("family_page.pva.bounded", lang, shown=item.shown, total=item.total))
