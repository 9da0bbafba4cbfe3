"""Comparability rules for the Compare page: shared groups, reasons two hubs cannot be compared, derived ratios."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import pandas as pd

from dashboard import fmt, i18n, periods, schema

# A comparable group: the same metric, kind and exact period (years and months).
GROUP_COLUMNS: tuple[str, ...] = ("metric", "kind", *periods.COLUMNS)

# Why two hubs' figures of one metric cannot be set side by side; the order is the order shown.
REASONS: tuple[str, ...] = ("aggregate_member", "kind", "unit", "period_length", "period", "part_year", "scope")

MIN_HUBS, MAX_HUBS = 2, 4


@dataclass(frozen=True)
class Ratio:
    """A derived ratio: numerator / denominator metrics of one hub, kind and exact period."""

    key: str
    numerator: str
    denominator: str


# Budget per trained person comes from either budget metric; each pair is its own ratio, never mixed.
RATIOS: tuple[Ratio, ...] = (
    Ratio("investment_per_supported_firm", "investment_attracted", "firms_supported"),
    Ratio("budget_total_per_trainee", "budget_total", "personnel_trained"),
    Ratio("budget_program_per_trainee", "budget_program", "personnel_trained"),
    Ratio("investment_per_resident_firm", "investment_attracted", "firms_resident"),
)


@dataclass
class MetricComparison:
    """One metric across the chosen hubs: its comparable groups (most recent first) or why there are none."""

    metric: str
    family: str
    hub_ids: tuple[str, ...]
    groups: list[pd.DataFrame] = field(default_factory=list)
    reasons: tuple[str, ...] = ()

    @property
    def comparable(self) -> bool:
        return bool(self.groups)


_text = fmt.plain_text


def ancestors(hubs: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Every hub's chain of containing aggregates via member_of, nearest first (cycle-safe)."""
    parent = {r["hub_id"]: _text(r.get("member_of")) for r in hubs.to_dict("records")}
    out: dict[str, tuple[str, ...]] = {}
    for hub in parent:
        chain: list[str] = []
        current = parent.get(hub, "")
        while current and current not in chain and current != hub:
            chain.append(current)
            current = parent.get(current, "")
        out[hub] = tuple(chain)
    return out


def members(hub_id: str, hubs: pd.DataFrame) -> list[str]:
    """Hubs contained in `hub_id`, directly or through other aggregates."""
    chains = ancestors(hubs)
    return [h for h, chain in chains.items() if hub_id in chain]


def contains(a: str, b: str, chains: dict[str, tuple[str, ...]]) -> bool:
    """True when one of the two hubs is an aggregate that (transitively) contains the other."""
    return a in chains.get(b, ()) or b in chains.get(a, ())


def double_counting(hub_ids, hubs: pd.DataFrame) -> list[tuple[str, str]]:
    """(aggregate, member) pairs among the chosen hubs: their figures overlap and must never be added."""
    chains = ancestors(hubs)
    chosen = list(dict.fromkeys(hub_ids))
    pairs = []
    for a in chosen:
        for b in chosen:
            if a != b and a in chains.get(b, ()):
                pairs.append((a, b))
    return pairs


def default_hubs(picked, hubs: pd.DataFrame) -> list[str]:
    """The first 2–4 hubs picked in the sidebar, else topped up with the hubs that have the most figures."""
    known = list(hubs.sort_values(["n_figures", "hub_id"], ascending=[False, True]).hub_id)
    chosen = [h for h in dict.fromkeys(picked) if h in set(known)][:MAX_HUBS]
    if len(chosen) >= MIN_HUBS:
        return chosen
    for hub in known:
        if len(chosen) >= MIN_HUBS:
            break
        if hub not in chosen:
            chosen.append(hub)
    return chosen


def _sort_recent(rows: pd.DataFrame) -> pd.DataFrame:
    return (
        rows.assign(_kind_order=rows["kind"].map(schema.KIND_RANK))
        .sort_values(
            ["period_end", "end_month", "period_start", "start_month", "_kind_order", "hub_id", "figure_id"],
            ascending=[False, False, False, False, True, True, True],
            kind="stable",
        )
        .drop(columns="_kind_order")
    )


def comparable_groups(rows: pd.DataFrame, chains: dict[str, tuple[str, ...]]) -> list[pd.DataFrame]:
    """Groups of one metric shared by ≥2 chosen hubs of which at least two do not contain each other."""
    if rows.empty:
        return []
    shared = rows[rows["n_hubs_in_group"] >= 2] if "n_hubs_in_group" in rows else rows
    groups = []
    # A named programme or cohort (series) is only set beside the same series.
    series = shared["series"].map(_text) if "series" in shared else pd.Series("", index=shared.index)
    for _, group in shared.groupby([*GROUP_COLUMNS, series.rename("_series")], dropna=False, sort=False):
        hub_ids = list(dict.fromkeys(group["hub_id"]))
        if len(set(group["unit"])) > 1:
            continue
        if any(not contains(a, b, chains) for a, b in combinations(hub_ids, 2)):
            groups.append(group)
    # Most recent period first (end, then start), then the kind order of schema.KINDS.
    groups.sort(
        key=lambda g: (
            -int(g["period_end"].iloc[0]),
            -int(g["end_month"].iloc[0]),
            -int(g["period_start"].iloc[0]),
            -int(g["start_month"].iloc[0]),
            schema.KIND_RANK.get(g["kind"].iloc[0], 99),
        )
    )
    return [g.sort_values(["hub_id", "value", "figure_id"], kind="stable") for g in groups]


def pair_reasons(
    rows_a: pd.DataFrame, rows_b: pd.DataFrame, hub_a: str, hub_b: str, chains: dict[str, tuple[str, ...]]
) -> set[str]:
    """Why two hubs' figures of one metric cannot be compared (empty when they share a group)."""
    if contains(hub_a, hub_b, chains):
        return {"aggregate_member"}
    reasons: set[str] = set()
    same_kind = False
    for a in rows_a.to_dict("records"):
        for b in rows_b.to_dict("records"):
            same_period = periods.exact(a) == periods.exact(b)
            if a["kind"] != b["kind"]:
                # Worth saying even when other pairs differ by period: the same period exists, as another kind.
                if same_period:
                    reasons.add("kind")
                continue
            same_kind = True
            if a["unit"] != b["unit"]:
                reasons.add("unit")
            elif same_period and _text(a.get("series")) != _text(b.get("series")):
                # Same period, but a named programme or cohort against something else: not the same thing counted.
                reasons.add("scope")
            elif same_period:
                return set()
            elif (a["period_start"], a["period_end"]) == (b["period_start"], b["period_end"]):
                reasons.add("part_year")
            else:
                length_a = a["period_end"] - a["period_start"]
                length_b = b["period_end"] - b["period_start"]
                reasons.add("period_length" if length_a != length_b else "period")
    if not same_kind:
        reasons.add("kind")
    return reasons


def not_comparable_reasons(rows: pd.DataFrame, chains: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Every reason, over all pairs of hubs that report the metric, in the order of REASONS."""
    hub_ids = list(dict.fromkeys(rows["hub_id"]))
    found: set[str] = set()
    for a, b in combinations(hub_ids, 2):
        found |= pair_reasons(rows[rows.hub_id == a], rows[rows.hub_id == b], a, b, chains)
    return tuple(r for r in REASONS if r in found)


def compare_metrics(rows: pd.DataFrame, hubs: pd.DataFrame) -> list[MetricComparison]:
    """Each metric reported by ≥2 chosen hubs, in family then metric order, with its groups or its reasons."""
    if rows.empty:
        return []
    chains = ancestors(hubs)
    family_order = {f: i for i, f in enumerate(schema.FAMILIES)}
    out = []
    metrics = rows[["family", "metric"]].drop_duplicates()
    metrics = metrics.assign(_order=metrics["family"].map(family_order).fillna(99)).sort_values(["_order", "metric"])
    for family, metric in zip(metrics["family"], metrics["metric"]):
        of_metric = rows[rows["metric"] == metric]
        hub_ids = tuple(dict.fromkeys(of_metric["hub_id"]))
        if len(hub_ids) < 2:
            continue
        groups = comparable_groups(of_metric, chains)
        reasons = () if groups else not_comparable_reasons(of_metric, chains)
        out.append(MetricComparison(metric, family, hub_ids, groups, reasons))
    return out


def single_hub_metrics(rows: pd.DataFrame) -> pd.DataFrame:
    """Metrics only one chosen hub reports: (metric, hub_id, family, labels) with nothing to compare them with."""
    if rows.empty:
        return rows.head(0)
    counts = rows.groupby("metric")["hub_id"].nunique()
    single = rows[rows["metric"].isin(counts[counts == 1].index)]
    return single.drop_duplicates("metric")


def overlapping_years(rows: pd.DataFrame, year_from: int, year_to: int) -> pd.DataFrame:
    """Figures whose period overlaps the year range; a group shares one period, so it is kept or dropped whole."""
    if rows.empty:
        return rows
    return rows[(rows["period_end"] >= year_from) & (rows["period_start"] <= year_to)]


def available_periods(rows: pd.DataFrame, hub_id: str, lang: str) -> list[str]:
    """The periods (with kind) a hub reports for one metric, latest end first, each once."""
    own = _sort_recent(rows[rows["hub_id"] == hub_id])
    return list(dict.fromkeys(periods.label(r, lang) for r in own.to_dict("records")))


def group_label(group: pd.DataFrame, lang: str) -> str:
    """A group's period and kind, e.g. '2020 (1–9월) 실적' or '2018–2021 누적'."""
    return periods.label(group.iloc[0].to_dict(), lang)


def group_has_versions(group: pd.DataFrame) -> bool:
    """True when one hub has several different values in the group (conflicting versions, all shown)."""
    return bool((group.groupby("hub_id")["value"].nunique() > 1).any())


def ratio_rows(frame: pd.DataFrame, kinds, year_from: int | None = None, year_to: int | None = None) -> pd.DataFrame:
    """derived_ratios rows of the chosen kinds (and overlapping years), most recent first."""
    if frame.empty:
        return frame
    out = frame[frame["kind"].isin(list(kinds))]
    if year_from is not None and year_to is not None:
        out = out[(out["period_end"] >= year_from) & (out["period_start"] <= year_to)]
    return out.sort_values(
        ["hub_id", "period_end", "end_month", "period_start"], ascending=[True, False, False, False], kind="stable"
    )


def ratio_table(
    rows: pd.DataFrame,
    ratio: Ratio,
    metric_labels: dict[str, str],
    lang: str,
    per_label: str,
    scope_notes: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Display rows for one ratio: hub, period, the ratio and both figures with their value and source.

    `scope_notes` (figure_id -> note) is appended to a figure's cell: several figures of one period often
    count different things, and the note is what tells the pairs apart.
    """
    notes = scope_notes or {}

    def scoped(figure_id) -> str:
        note = _text(notes.get(figure_id))
        return f" — {note if len(note) <= 60 else note[:59] + '…'}" if note else ""

    records = []
    for r in rows.to_dict("records"):
        period = periods.label(r, lang)
        ratio_unit = r["numerator_unit"]
        records.append(
            {
                "hub": i18n.label(r, "hub_name", lang),
                "period": period,
                "kind": fmt.kind_label(r["kind"], lang),
                "ratio": f"{fmt.number(r['ratio'], ratio_unit, lang)} {per_label}",
                "numerator": f"{metric_labels.get(ratio.numerator, ratio.numerator)}: "
                f"{fmt.number(r['numerator_value'], r['numerator_unit'], lang)} ({period})"
                f"{scoped(r['numerator_figure_id'])}",
                "numerator_source": _source_text(r.get("numerator_publisher"), r.get("numerator_published"), lang)
                + _user_mark(r.get("numerator_user_supplied"), lang),
                "denominator": f"{metric_labels.get(ratio.denominator, ratio.denominator)}: "
                f"{fmt.number(r['denominator_value'], r['denominator_unit'], lang)} ({period})"
                f"{scoped(r['denominator_figure_id'])}",
                "denominator_source": _source_text(r.get("denominator_publisher"), r.get("denominator_published"), lang)
                + _user_mark(r.get("denominator_user_supplied"), lang),
                "numerator_figure_id": r["numerator_figure_id"],
                "denominator_figure_id": r["denominator_figure_id"],
            }
        )
    return pd.DataFrame(
        records,
        columns=[
            "hub",
            "period",
            "kind",
            "ratio",
            "numerator",
            "numerator_source",
            "denominator",
            "denominator_source",
            "numerator_figure_id",
            "denominator_figure_id",
        ],
    )


def _user_mark(flag, lang: str) -> str:
    """' [사용자 제공]' after a figure this session uploaded, else nothing."""
    return f" [{i18n.t('upload.badge', lang)}]" if fmt.is_on(flag) else ""


def _source_text(publisher, published, lang: str) -> str:
    parts = [_text(publisher)]
    if _text(published):
        parts.append(fmt.published(published, lang))
    return " · ".join(p for p in parts if p)
