"""The Compare page's views: what it shows for the chosen hubs, kinds and years, built once per language."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import charts, compare, data, fmt, i18n, memo, periods, schema
from dashboard.chart_files import Chart, prepare_chart
from dashboard.hubs import hubs_frame


@dataclass(frozen=True)
class MetricSection:
    """One metric across the chosen hubs: its comparable groups (by label, most recent first) or why not."""

    family: str
    family_title: str
    metric: str
    label: str
    groups: dict[str, pd.DataFrame]  # group label -> the group's rows; empty when not comparable
    option_texts: dict[str, str]  # group label -> picker text
    not_comparable_text: str  # markdown for the warning; "" when comparable
    available_text: str  # markdown list of each hub's periods; "" when comparable

    @property
    def comparable(self) -> bool:
        return bool(self.groups)


@dataclass(frozen=True)
class RatioTable:
    """One derived ratio's table (display headers) and whether several pairs share a period."""

    key: str
    title: str
    table: pd.DataFrame
    several: bool


@dataclass(frozen=True)
class Comparison:
    """Everything the page shows for the chosen hubs that does not depend on a period picker."""

    warnings: tuple[str, ...]
    empty: bool
    metrics: tuple[MetricSection, ...]
    single_text: str  # markdown list of metrics only one chosen hub reports; "" when none
    n_single: int
    ratios: tuple[RatioTable, ...]


@dataclass(frozen=True)
class GroupBars:
    """The bars of one comparable group with their download, and the notes under them."""

    chart: Chart
    has_versions: bool
    outside: tuple[str, ...]  # markdown captions: chosen hubs that report the metric for other periods only


@memo.view
def hub_options(lang: str) -> dict[str, str]:
    """Hub id -> picker text (aggregates marked), in the hubs query's order."""
    return {r["hub_id"]: fmt.hub_label(r, lang) for r in hubs_frame().to_dict("records")}


def _names(lang: str) -> dict[str, str]:
    return {r["hub_id"]: i18n.label(r, "name", lang) for r in hubs_frame().to_dict("records")}


def _comparable_rows(chosen: tuple, kinds: tuple, year_from: int, year_to: int, uploads: data.Uploads) -> pd.DataFrame:
    rows = data.query("comparable_figures", uploads, hubs=list(chosen), kinds=list(kinds))
    return compare.overlapping_years(rows, year_from, year_to)


@memo.view
def comparison(
    chosen: tuple, kinds: tuple, year_from: int, year_to: int, lang: str, uploads: data.Uploads = data.NO_UPLOADS
) -> Comparison:
    """Warnings, each metric's groups or reasons, single-hub metrics and the derived ratios of the chosen hubs."""
    hubs = hubs_frame(uploads)
    names = _names(lang)
    warnings = tuple(
        fmt.md_escape(i18n.t("compare.double_counting", lang, aggregate=names[aggregate], member=names[member]))
        for aggregate, member in compare.double_counting(list(chosen), hubs)
    )
    rows = _comparable_rows(chosen, kinds, year_from, year_to, uploads)
    if rows.empty:
        return Comparison(warnings, True, (), "", 0, ())
    metrics = tuple(_metric_section(item, rows, names, lang) for item in compare.compare_metrics(rows, hubs))
    single = compare.single_hub_metrics(rows)
    single_text = "\n".join(
        f"- {fmt.md_escape(i18n.label(r, 'metric_label', lang))} — {fmt.md_escape(names[r['hub_id']])}"
        for r in single.to_dict("records")
    )
    ratios = _ratios(chosen, kinds, year_from, year_to, rows, lang, uploads)
    return Comparison(warnings, False, metrics, single_text, len(single), ratios)


def _metric_section(
    item: compare.MetricComparison, rows: pd.DataFrame, names: dict[str, str], lang: str
) -> MetricSection:
    of_metric = rows[rows["metric"] == item.metric]
    label = i18n.label(of_metric.iloc[0].to_dict(), "metric_label", lang)
    family_title = i18n.t(f"family.{item.family}", lang) if item.family in schema.FAMILIES else item.family
    if item.comparable:
        groups = {compare.group_label(g, lang): g for g in item.groups}
        texts = {k: i18n.t("compare.group_option", lang, period=k, n=g["hub_id"].nunique()) for k, g in groups.items()}
        return MetricSection(item.family, family_title, item.metric, label, groups, texts, "", "")
    reasons = " ".join(i18n.t(f"compare.reason.{r}", lang) for r in item.reasons)
    lines = [
        f"- {fmt.md_escape(names[hub])}: {fmt.md_escape(', '.join(compare.available_periods(of_metric, hub, lang)))}"
        for hub in item.hub_ids
    ]
    return MetricSection(
        item.family,
        family_title,
        item.metric,
        label,
        {},
        {},
        f"**{i18n.t('compare.not_comparable', lang)}** — {reasons}",
        f"{i18n.t('compare.available_periods', lang)}\n\n" + "\n".join(lines),
    )


def _ratios(
    chosen: tuple, kinds: tuple, year_from: int, year_to: int, rows: pd.DataFrame, lang: str, uploads: data.Uploads
) -> tuple[RatioTable, ...]:
    metric_labels = {r["metric"]: i18n.label(r, "label", lang) for r in data.query("metrics").to_dict("records")}
    headers = {
        "hub": i18n.t("table.col.hub", lang),
        "period": i18n.t("table.col.period", lang),
        **{
            c: i18n.t(f"compare.col.{c}", lang)
            for c in ("ratio", "numerator", "numerator_source", "denominator", "denominator_source")
        },
    }
    scope_notes = dict(zip(rows["figure_id"], rows["scope_note"]))
    out = []
    for ratio in compare.RATIOS:
        pairs = data.query(
            "derived_ratios", uploads, hubs=list(chosen), numerator=ratio.numerator, denominator=ratio.denominator
        )
        ratio_rows = compare.ratio_rows(pairs, kinds, year_from, year_to)
        if ratio_rows.empty:
            continue
        unit = ratio_rows["denominator_unit"].iloc[0]
        per = i18n.t(f"ratio.per.{unit}", lang) if f"ratio.per.{unit}" in i18n.STRINGS else ""
        table = compare.ratio_table(ratio_rows, ratio, metric_labels, lang, per, scope_notes=scope_notes)
        several = bool(ratio_rows.duplicated(["hub_id", "kind", *periods.COLUMNS]).any())
        title = i18n.t(f"ratio.{ratio.key}", lang)
        out.append(RatioTable(ratio.key, title, table[list(headers)].rename(columns=headers), several))
    return tuple(out)


@memo.view
def group_bars(
    chosen: tuple,
    kinds: tuple,
    year_from: int,
    year_to: int,
    metric: str,
    label: str,
    lang: str,
    uploads: data.Uploads = data.NO_UPLOADS,
) -> GroupBars:
    """The bars of the group `label` of `metric` (a key of that metric's MetricSection.groups)."""
    shown = comparison(chosen, kinds, year_from, year_to, lang, uploads)
    item = next(m for m in shown.metrics if m.metric == metric)
    rows = item.groups[label]
    colors = charts.hub_colors(hubs_frame().hub_id)
    fig = charts.compare_bars(
        rows, lang=lang, colors=colors, subtitle=label, title=i18n.t("chart.by_hub.title", lang, metric=item.label)
    )
    chart = prepare_chart(fig, rows, lang=lang, file_parts=("compare", metric, label))
    all_rows = _comparable_rows(chosen, kinds, year_from, year_to, uploads)
    of_metric = all_rows[all_rows["metric"] == metric]
    names = _names(lang)
    in_group = set(rows["hub_id"])
    outside = tuple(
        fmt.md_escape(
            i18n.t(
                "compare.outside_group",
                lang,
                hub=names[hub],
                periods=", ".join(compare.available_periods(of_metric, hub, lang)),
            )
        )
        for hub in dict.fromkeys(of_metric["hub_id"])
        if hub not in in_group
    )
    return GroupBars(chart, compare.group_has_versions(rows), outside)
