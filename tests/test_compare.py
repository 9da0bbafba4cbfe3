"""Comparability rules of the Compare page on tiny hand-made frames, plus the compare_bars builder."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import charts, compare, data, fmt

HUBS = pd.DataFrame(
    [
        {"hub_id": "a", "name_ko": "가", "name_en": "A", "hub_type": "hub", "member_of": None, "n_figures": 5},
        {"hub_id": "b", "name_ko": "나", "name_en": "B", "hub_type": "hub", "member_of": None, "n_figures": 9},
        {
            "hub_id": "zone",
            "name_ko": "특구",
            "name_en": "Zone",
            "hub_type": "hub",
            "member_of": "three",
            "n_figures": 2,
        },
        {
            "hub_id": "three",
            "name_ko": "3개 특구",
            "name_en": "Three zones",
            "hub_type": "aggregate",
            "member_of": "all",
            "n_figures": 3,
        },
        {
            "hub_id": "all",
            "name_ko": "전체 특구",
            "name_en": "All zones",
            "hub_type": "aggregate",
            "member_of": None,
            "n_figures": 7,
        },
    ]
)


def figure(
    fid,
    hub,
    value,
    start,
    end=None,
    kind="actual",
    metric="budget_total",
    unit="KRW",
    start_month=None,
    end_month=None,
    publisher="가신문",
):
    """One row shaped like comparable_figures output (n_hubs_in_group is filled in by `frame`)."""
    return {
        "figure_id": fid,
        "hub_id": hub,
        "hub_name_ko": f"{hub} 허브",
        "hub_name_en": f"Hub {hub}",
        "metric": metric,
        "metric_label_ko": "총사업비",
        "metric_label_en": "Total budget",
        "family": "budgets",
        "unit": unit,
        "value": float(value),
        "kind": kind,
        "period_start": start,
        "period_end": end or start,
        "period_start_month": start_month,
        "period_end_month": end_month,
        "start_month": start_month or 1,
        "end_month": end_month or 12,
        "publisher": publisher,
        "published": "2021-03-02",
        "n_sources": 1,
        "n_versions": 1,
        "user_supplied": False,
        "scope_note": None,
        "quote": "…",
    }


def frame(*rows):
    """Rows with n_hubs_in_group and n_versions computed as the SQL does."""
    out = pd.DataFrame(list(rows))
    keys = list(compare.GROUP_COLUMNS)
    out["n_hubs_in_group"] = out.groupby(keys)["hub_id"].transform("nunique")
    out["n_versions"] = out.groupby(["hub_id", *keys])["value"].transform("nunique")
    return out


def only(comparisons):
    assert len(comparisons) == 1
    return comparisons[0]


def test_same_metric_different_kind_is_not_comparable_because_of_kind():
    """An actual for A and a plan for B in the same year: no group, reason 'kind'."""
    result = only(
        compare.compare_metrics(frame(figure("1", "a", 1e9, 2021), figure("2", "b", 2e9, 2021, kind="plan")), HUBS)
    )
    assert not result.comparable
    assert result.reasons == ("kind",)


def test_different_years_of_the_same_length_give_reason_period():
    """2020 for A against 2021 for B: the same kind and length, different periods."""
    result = only(compare.compare_metrics(frame(figure("1", "a", 1e9, 2020), figure("2", "b", 2e9, 2021)), HUBS))
    assert not result.comparable
    assert result.reasons == ("period",)


def test_a_span_against_a_single_year_gives_reason_period_length():
    """A 2018–2020 cumulative against a 2020 cumulative single year differ in length."""
    rows = frame(
        figure("1", "a", 5e9, 2018, 2020, kind="cumulative_actual"),
        figure("2", "b", 2e9, 2020, kind="cumulative_actual"),
    )
    assert only(compare.compare_metrics(rows, HUBS)).reasons == ("period_length",)


def test_part_year_against_full_year_gives_reason_part_year():
    """2020 through September against the whole of 2020 is not the same period."""
    rows = frame(figure("1", "a", 4.34e10, 2020, end_month=9), figure("2", "b", 5.21e10, 2020))
    result = only(compare.compare_metrics(rows, HUBS))
    assert not result.comparable
    assert result.reasons == ("part_year",)


def test_aggregate_and_its_transitive_member_are_never_compared():
    """'all' contains 'zone' through 'three': sharing the exact group does not make them comparable."""
    rows = frame(figure("1", "all", 3e10, 2020), figure("2", "zone", 3e9, 2020))
    result = only(compare.compare_metrics(rows, HUBS))
    assert not result.comparable
    assert result.reasons == ("aggregate_member",)
    assert compare.double_counting(["zone", "b", "all"], HUBS) == [("all", "zone")]
    assert compare.double_counting(["a", "b"], HUBS) == []


def test_comparable_pair_is_one_group_and_the_chart_shows_both_values():
    """Same metric, kind and period: one group holding both hubs, drawn as two bars with their values."""
    rows = frame(figure("1", "a", 1.0e10, 2020), figure("2", "b", 5.0e9, 2020), figure("3", "b", 4.0e9, 2019))
    result = only(compare.compare_metrics(rows, HUBS))
    assert result.comparable and result.reasons == ()
    assert len(result.groups) == 1
    group = result.groups[0]
    assert sorted(group["figure_id"]) == ["1", "2"]
    colors = charts.hub_colors(HUBS.hub_id)
    fig = charts.compare_bars(group, lang="ko", colors=colors, title="t", subtitle=compare.group_label(group, "ko"))
    bar = fig.data[0]
    assert bar.orientation == "h" and list(bar.x) == [1.0e10, 5.0e9]
    assert list(bar.text) == [fmt.krw(1.0e10, "ko"), fmt.krw(5.0e9, "ko")] == ["100억원", "50억원"]
    assert list(bar.marker.line.color) == [colors["a"], colors["b"]]
    assert charts.figure_ids(fig) == list(group["figure_id"])
    assert "2020" in fig.layout.title.subtitle.text
    assert all("<b>" in h and "2020" in h for h in bar.hovertext)


def test_most_recent_shared_period_comes_first():
    """Two shared groups: 2021 is offered before 2019; a group only one hub has is not offered."""
    rows = frame(
        figure("1", "a", 1e9, 2019),
        figure("2", "b", 2e9, 2019),
        figure("3", "a", 3e9, 2021),
        figure("4", "b", 4e9, 2021),
        figure("5", "a", 5e9, 2022),
    )
    groups = only(compare.compare_metrics(rows, HUBS)).groups
    assert [int(g["period_end"].iloc[0]) for g in groups] == [2021, 2019]


def test_conflicting_versions_each_get_a_bar():
    """Hub B has two values for 2020: both are drawn, numbered, none picked."""
    rows = frame(figure("1", "a", 1e9, 2020), figure("2", "b", 2e9, 2020), figure("3", "b", 2.5e9, 2020))
    group = only(compare.compare_metrics(rows, HUBS)).groups[0]
    assert compare.group_has_versions(group)
    fig = charts.compare_bars(group, lang="en", colors=charts.hub_colors(HUBS.hub_id), title="t")
    assert list(fig.data[0].x) == [1e9, 2e9, 2.5e9]
    assert list(fig.data[0].y) == ["Hub a", "Hub b (1/2)", "Hub b (2/2)"]


def test_plan_bars_are_hollow_and_hatched_unlike_actual_bars():
    """Kinds differ by fill and pattern, not by colour alone."""
    colors = charts.hub_colors(HUBS.hub_id)
    actual = charts.compare_bars(
        frame(figure("1", "a", 1e9, 2020), figure("2", "b", 2e9, 2020)), lang="ko", colors=colors, title="t"
    )
    plan = charts.compare_bars(
        frame(figure("1", "a", 1e9, 2020, kind="plan"), figure("2", "b", 2e9, 2020, kind="plan")),
        lang="ko",
        colors=colors,
        title="t",
    )
    assert list(actual.data[0].marker.color) == [colors["a"], colors["b"]]
    assert set(plan.data[0].marker.color) == {"rgba(255,255,255,0)"}
    assert plan.data[0].marker.pattern.shape == "/" and actual.data[0].marker.pattern.shape == ""
    assert plan.data[0].name != actual.data[0].name


def test_compare_bars_refuses_mixed_kinds():
    """Bars of different kinds never share an axis."""
    rows = frame(figure("1", "a", 1e9, 2020), figure("2", "b", 2e9, 2020, kind="plan"))
    with pytest.raises(ValueError):
        charts.compare_bars(rows, lang="ko", colors={}, title="t")


def test_metric_of_one_hub_is_listed_apart_not_compared():
    """A metric only one chosen hub reports is neither a group nor a 'not comparable' case."""
    rows = frame(
        figure("1", "a", 1e9, 2020),
        figure("2", "a", 7, 2020, metric="firms_resident", unit="firms"),
        figure("3", "b", 2e9, 2020),
    )
    assert [c.metric for c in compare.compare_metrics(rows, HUBS)] == ["budget_total"]
    assert list(compare.single_hub_metrics(rows)["metric"]) == ["firms_resident"]


def test_available_periods_list_each_period_once_latest_end_first():
    """The periods a hub reports, as fmt writes them, latest end first, for the 'not comparable' explanation."""
    rows = frame(
        figure("1", "a", 1e9, 2019),
        figure("2", "a", 4e9, 2020, end_month=9),
        figure("3", "a", 9e9, 2018, 2020, kind="cumulative_actual"),
        figure("4", "a", 1.1e9, 2019),
    )
    # Ordered by where the period ends: December 2020 before September 2020.
    assert compare.available_periods(rows, "a", "ko") == ["2018–2020 누적", "2020 (1–9월) 실적", "2019 실적"]


def test_default_hubs_take_the_sidebar_picks_else_the_best_covered():
    """Up to four picked hubs; with fewer than two, the hubs with the most figures fill up to two."""
    assert compare.default_hubs(["a", "zone", "b", "all", "three"], HUBS) == ["a", "zone", "b", "all"]
    assert compare.default_hubs([], HUBS) == ["b", "all"]
    assert compare.default_hubs(["a"], HUBS) == ["a", "b"]


def test_derived_ratio_rows_carry_both_figures_and_sources(query_data):
    """Investment per resident firm pairs only the full-year 2020 figures and names both sources."""
    rows = compare.ratio_rows(
        data.query(
            "derived_ratios", hubs=["h_a", "h_b"], numerator="investment_attracted", denominator="firms_resident"
        ),
        kinds=("actual",),
    )
    ratio = next(r for r in compare.RATIOS if r.key == "investment_per_resident_firm")
    table = compare.ratio_table(
        rows, ratio, {"investment_attracted": "투자유치", "firms_resident": "입주기업"}, "ko", "(기업 1곳당)"
    )
    # O1 covers January–September only, so it never pairs with the full-year F1.
    assert list(zip(table.numerator_figure_id, table.denominator_figure_id)) == [("O2", "F1")]
    row = table.iloc[0]
    assert row["ratio"] == f"{fmt.krw(52_100_000_000 / 80, 'ko')} (기업 1곳당)"
    assert row["numerator"] == "투자유치: 521억원 (2020 실적)"
    assert row["denominator"] == "입주기업: 80개사 (2020 실적)"
    assert row["numerator_source"] == "나일보 · 2021.5"
    assert row["denominator_source"] == "가신문 · 2020.1.2"


def test_ratio_rows_keep_only_the_chosen_kinds(query_data):
    """A plan-only selection leaves no actual ratio."""
    raw = data.query("derived_ratios", hubs=[], numerator="investment_attracted", denominator="firms_resident")
    assert compare.ratio_rows(raw, kinds=("plan",)).empty
    assert not compare.ratio_rows(raw, kinds=("actual",)).empty


def test_ratio_cells_carry_each_figures_scope_note(query_data):
    """Several figures of one period count different things: the scope note tells the pairs apart."""
    rows = compare.ratio_rows(
        data.query("derived_ratios", hubs=["h_a"], numerator="investment_attracted", denominator="firms_resident"),
        kinds=("actual",),
    )
    ratio = next(r for r in compare.RATIOS if r.key == "investment_per_resident_firm")
    table = compare.ratio_table(rows, ratio, {}, "en", "per firm", scope_notes={"F1": "all resident firms"})
    assert table.iloc[0]["denominator"].endswith("— all resident firms")
    assert "—" not in table.iloc[0]["numerator"]


def test_a_named_series_is_not_compared_with_a_hub_total():
    """One academy cohort (a series) and another hub's total for the same year: different scope, no chart."""
    from dashboard import compare as cmp

    base = {
        "metric": "personnel_trained",
        "kind": "actual",
        "unit": "persons",
        "period_start": 2020,
        "period_end": 2020,
        "start_month": 1,
        "end_month": 12,
        "family": "personnel",
        "n_hubs_in_group": 1,
    }
    rows = pd.DataFrame(
        [
            {**base, "hub_id": "a", "figure_id": "f1", "value": 155.0, "series": "AI사관학교 1기"},
            {**base, "hub_id": "b", "figure_id": "f2", "value": 1057.0, "series": None},
        ]
    )
    hubs = pd.DataFrame({"hub_id": ["a", "b"], "member_of": [None, None], "hub_type": ["hub", "hub"]})
    [result] = cmp.compare_metrics(rows, hubs)
    assert not result.comparable
    assert "scope" in result.reasons
