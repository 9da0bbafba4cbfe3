"""The family pages' views (budgets, firms, personnel, outcomes): metric choices, trend and plan vs actual, built
from query results without drawing (dashboard/family_page.py draws them)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import charts, data, fmt, i18n, memo, periods, schema
from dashboard.chart_files import Chart, prepare_chart
from dashboard.hubs import hubs_frame

MAX_VERSION_LINES = 12
# Past this many hubs the palette's colours repeat and the legend outgrows the chart: the trend draws the hubs
# with the most figures and says so (the bundled data has fewer hubs, so nothing is left out there).
TREND_MAX_HUBS = len(charts.HUB_PALETTE)
# Each pair is a 70 px row: past this a chart is taller than any screen; the most recent pairs are drawn.
PLAN_ACTUAL_MAX_PAIRS = 30
# A trend whose largest value is more than this many times its smallest opens on a log scale: on a linear axis the
# largest figures (Pohang's 2조 and 3.5조 budgets) flatten every other hub's line onto the floor.
LOG_DEFAULT_SPAN = 100


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


def bounded_trend_rows(rows: pd.DataFrame, limit: int = TREND_MAX_HUBS) -> tuple[pd.DataFrame, int]:
    """The trend's rows for at most `limit` hubs (most figures first, then hub id) and how many hubs had figures."""
    counts = rows.groupby("hub_id").size()
    if len(counts) <= limit:
        return rows, len(counts)
    keep = sorted(counts.index, key=lambda h: (-int(counts[h]), h))[:limit]
    return rows[rows["hub_id"].isin(keep)].reset_index(drop=True), len(counts)


def default_scale(rows: pd.DataFrame) -> str:
    """The trend's scale before the reader picks one: log when every drawn value is above zero and the largest
    is more than LOG_DEFAULT_SPAN times the smallest, else linear. Each figure is drawn as it is: nothing is added."""
    return "linear" if _log_span(rows) is None else "log"


def _log_span(rows: pd.DataFrame) -> tuple[float, float] | None:
    """The smallest and largest drawn value when they make the trend open on a log scale (default_scale), else None."""
    if rows is None or rows.empty:
        return None
    values = pd.to_numeric(rows["value"], errors="coerce")
    if not charts.log_applies(values) or not values.max() > LOG_DEFAULT_SPAN * values.min():
        return None
    return values.min(), values.max()


def plan_pairs(pairs: pd.DataFrame, year_from: int, year_to: int) -> pd.DataFrame:
    """The `plan_vs_actual` pairs whose period overlaps the chosen years.

    The kinds filter is not applied: a pair is a plan set against its actual by definition.
    """
    keep = (pairs["period_end"] >= year_from) & (pairs["period_start"] <= year_to)
    return pairs[keep].reset_index(drop=True)


def pair_rows(metric: str, pairs: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """The figure rows behind one metric's plan-vs-actual chart: each drawn plan and actual once, for download.

    `figures` is the `figures_by_hub_year` result of the filters for all kinds and at least this metric.
    """
    ids = list(dict.fromkeys([*pairs["plan_figure_id"], *pairs["actual_figure_id"]]))
    return figures[(figures["metric"] == metric) & figures["figure_id"].isin(ids)].reset_index(drop=True)


def bounded_pairs(pairs: pd.DataFrame, limit: int = PLAN_ACTUAL_MAX_PAIRS) -> pd.DataFrame:
    """At most `limit` pairs of one metric: the most recent periods first (ties by hub and figure ids)."""
    if len(pairs) <= limit:
        return pairs
    ordered = pairs.sort_values(
        ["period_end", "period_start", "hub_id", "plan_figure_id", "actual_figure_id"],
        ascending=[False, False, True, True, True],
        kind="stable",
    )
    return ordered.head(limit).reset_index(drop=True)


def kinds_text(kinds, lang: str) -> str:
    """계획·목표 / plan, target: the kinds' names joined."""
    return ("·" if lang == "ko" else ", ").join(fmt.kind_label(k, lang) for k in kinds)


def version_lines(rows: pd.DataFrame, lang: str) -> list[str]:
    """One plain-text line per set of conflicting versions: hub · period (kind): value (source) / value (source)."""
    conflicted = rows[rows["n_versions"].fillna(1) > 1]
    lines = []
    for _, group in conflicted.groupby(["hub_id", "kind", *periods.COLUMNS], sort=True, dropna=False):
        first = group.iloc[0]
        values = " / ".join(
            f"{fmt.number(r['value'], r['unit'], lang)} ({r['publisher']}, {fmt.published(r['published'], lang)})"
            + (f" [{i18n.t('upload.badge', lang)}]" if fmt.is_on(r.get("user_supplied")) else "")
            for r in group.sort_values(["value", "figure_id"]).to_dict("records")
        )
        lines.append(f"{i18n.label(first, 'hub_name', lang)} · {periods.label(first, lang)}: {values}")
    return lines


# --- cached views: what a family page draws, built once per filters, metric, language and uploads ----------------


@dataclass(frozen=True)
class MetricChoices:
    """The metric picker: metrics with figures of the chosen kinds first (see metric_options), then metrics whose
    figures are all of hidden kinds; option labels; per hidden-only metric, its count and kinds; and per shown
    metric, the scale its trend opens on (default_scale)."""

    options: tuple[str, ...]
    names: dict[str, str]
    hidden_only: dict[str, tuple[int, tuple[str, ...]]]  # metric -> (figures, their kinds in schema order)
    hidden_kinds: dict[str, int]  # kind -> figures of the family not shown because of the kind filter
    default_scales: dict[str, str]  # metric -> "linear" | "log"


@dataclass(frozen=True)
class TrendView:
    """Everything the trend section draws for one metric, built once per filters, metric, scale and language."""

    chart: Chart
    hubs_shown: int
    hubs_total: int
    version_lines: tuple[str, ...]
    n_versions: int
    scale_note: str | None = None  # why the chosen scale was not drawn, or what the indexed view leaves out
    log_note: str | None = None  # why the trend opens on a log scale (its values' range); None when it opens linear


@dataclass(frozen=True)
class PairChart:
    """One metric's plan-vs-actual chart, and how many pairs it had before the bound."""

    metric: str
    chart: Chart
    shown: int
    total: int


@dataclass(frozen=True)
class PlanActualView:
    """The plan-vs-actual section: status "pairs" (charts, the picked metric's first), "plan_only" (plans or targets
    but no actual to set them against) or "no_plans"; and the picked metric's label when it has no pair of its own
    but other metrics do."""

    status: str
    charts: tuple[PairChart, ...] = ()
    unpaired_metric: str | None = None


def _family_figures(
    family: str, metrics: list[str], hubs: tuple, kinds, year_from: int, year_to: int, uploads: data.Uploads
) -> pd.DataFrame:
    return data.query(
        "figures_by_hub_year",
        uploads,
        families=[family],
        metrics=metrics,
        hubs=list(hubs),
        kinds=list(kinds),
        year_from=year_from,
        year_to=year_to,
    )


@memo.view
def metric_choices(
    family: str, hubs: tuple, kinds: tuple, year_from: int, year_to: int, lang: str, uploads: data.Uploads
) -> MetricChoices:
    """The metric picker's options and labels (with figure counts), what the kind filter hides, default scales."""
    everything = _family_figures(family, [], hubs, schema.KINDS, year_from, year_to, uploads)
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
        of_kinds = schema.in_kind_order(group["kind"])
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
    scales = {m: default_scale(bounded_trend_rows(trend_rows(figures, m))[0]) for m in options}
    return MetricChoices(tuple(options) + tuple(hidden_only), names, hidden_only, hidden_kinds, scales)


@memo.view
def hidden_kind_counts(
    hubs: tuple, kinds: tuple, year_from: int, year_to: int, uploads: data.Uploads
) -> dict[str, int]:
    """Figures of the chosen hubs and years the kind filter hides, per kind (schema order); {} when none."""
    hidden = [k for k in schema.KINDS if k not in kinds]
    if not hidden:
        return {}
    rows = data.query(
        "figures_by_hub_year",
        uploads,
        families=[],
        metrics=[],
        hubs=list(hubs),
        kinds=hidden,
        year_from=year_from,
        year_to=year_to,
    )
    counts = rows.groupby("kind").size()
    return {k: int(counts[k]) for k in schema.KINDS if k in counts.index}


@memo.view
def trend_view(
    family: str,
    metric: str,
    hubs: tuple,
    kinds: tuple,
    year_from: int,
    year_to: int,
    lang: str,
    scale: str,
    uploads: data.Uploads,
) -> TrendView:
    """The trend chart of one metric with its download, and the conflicting-versions lines of what it draws.

    `scale` is drawn when it applies (charts.scale_options); otherwise the chart is linear and `scale_note` says why.
    """
    # Only this metric's figures: the same rows, in the same order, as the family's filtered to the metric.
    figures = _family_figures(family, [metric], hubs, kinds, year_from, year_to, uploads)
    rows, total = bounded_trend_rows(trend_rows(figures, metric))
    label = i18n.label(rows.iloc[0], "metric_label", lang)
    unit = str(rows["unit"].iloc[0])
    colors = charts.hub_colors(hubs_frame(uploads).hub_id)
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
    chart = prepare_chart(fig, drawn, lang=lang, file_parts=parts)
    return TrendView(
        chart,
        rows["hub_id"].nunique(),
        total,
        tuple(version_lines(rows, lang)),
        int((rows["n_versions"].fillna(1) > 1).sum()),
        note,
        _log_note(rows, unit, lang),
    )


def _log_note(rows: pd.DataFrame, unit: str, lang: str) -> str | None:
    """Why the trend opens on a log scale: its smallest and largest figure, each as reported."""
    span = _log_span(rows)  # the values are read and compared once, for the decision and the note
    if span is None:
        return None
    low, high = span
    return i18n.t(
        "scale.log_default",
        lang,
        low=fmt.number(low, unit, lang),
        high=fmt.number(high, unit, lang),
        span=LOG_DEFAULT_SPAN,
    )


@memo.view
def plan_actual_view(
    family: str, metric: str, hubs: tuple, kinds: tuple, year_from: int, year_to: int, lang: str, uploads: data.Uploads
) -> PlanActualView:
    """The plan-vs-actual charts of the family's metrics with pairs, the picked `metric`'s first."""
    pairs = plan_pairs(data.query("plan_vs_actual", uploads, hubs=list(hubs), families=[family]), year_from, year_to)
    if pairs.empty:
        plans = _family_figures(family, [], hubs, ["plan", "target"], year_from, year_to, uploads)
        return PlanActualView("plan_only" if len(plans) else "no_plans")
    colors = charts.hub_colors(hubs_frame(uploads).hub_id)
    counts = pairs.groupby("metric").size()
    # The metric picked above first, then the family's other metrics that have pairs.
    ordered = sorted(counts.index, key=lambda m: (m != metric, -int(counts[m]), m))
    # One query for every chart's download rows (at 1M figures each query costs about a second).
    figures = _family_figures(family, sorted(ordered), hubs, schema.KINDS, year_from, year_to, uploads)
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
        chart = prepare_chart(
            fig,
            pair_rows(m, chosen, figures),
            lang=lang,
            file_parts=(family, m, "plan-vs-actual", f"{year_from}-{year_to}"),
        )
        out.append(PairChart(m, chart, len(chosen), len(of_metric)))
    unpaired = None
    if metric not in counts.index:
        picked = data.query("metrics", uploads).set_index("metric").loc[metric]
        unpaired = i18n.label(picked, "label", lang)
    return PlanActualView("pairs", tuple(out), unpaired)
