"""The family-page chart builders (charts.trend, charts.plan_vs_actual) on small hand-made frames."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard import charts, fmt
from dashboard.charts.plan_actual import percent

COLORS = {"h_a": "#332288", "h_b": "#117733"}


def figure(
    figure_id,
    value,
    start,
    end=None,
    *,
    hub="h_a",
    kind="actual",
    start_month=None,
    end_month=None,
    n_versions=1,
    unit="KRW",
    user_supplied=False,
):
    """One row with the columns of queries/views/figure_details.sql."""
    end = start if end is None else end
    names = {"h_a": ("가 허브", "Hub A"), "h_b": ("나 허브", "Hub B")}[hub]
    return {
        "figure_id": figure_id,
        "family": "budgets",
        "hub_id": hub,
        "hub_name_ko": names[0],
        "hub_name_en": names[1],
        "hub_type": "hub",
        "region_code": "11",
        "member_of": None,
        "metric": "budget_total",
        "metric_label_ko": "총사업비",
        "metric_label_en": "Total budget",
        "unit": unit,
        "value": value,
        "period_start": start,
        "period_end": end,
        "period_start_month": start_month,
        "period_end_month": end_month,
        "start_month": start_month or 1,
        "end_month": end_month or 12,
        "is_span": start < end,
        "is_part_year": bool((start_month or 1) > 1 or (end_month or 12) < 12),
        "period_years": end - start + 1,
        "kind": kind,
        "scope_note": None,
        "quote": "인용",
        "source_id": "S1",
        "publisher": "가신문",
        "source_title": "제목",
        "published": "2021-03-04",
        "url": "https://example.org",
        "n_sources": 1,
        "extra_publishers": None,
        "n_versions": n_versions,
        "user_supplied": user_supplied,
    }


def frame(*rows):
    return pd.DataFrame(list(rows))


def draw(rows, lang="ko"):
    return charts.trend(rows, lang=lang, colors=COLORS, title="총사업비 추이", unit=rows["unit"].iloc[0])


def traces_with(fig, figure_id):
    """The traces whose customdata holds `figure_id`."""
    return [t for t in fig.data if t.customdata is not None and figure_id in list(t.customdata)]


def only_trace(fig, figure_id):
    found = traces_with(fig, figure_id)
    assert len(found) == 1, f"{figure_id} drawn in {len(found)} traces"
    return found[0]


def test_plan_and_target_are_hollow_and_broken_while_actual_is_filled_and_solid():
    """Kinds differ by fill and dash, not by colour: plan/target open symbols + dashed/dotted, actual filled + solid."""
    rows = frame(
        figure("A1", 1e10, 2020),
        figure("A2", 1.2e10, 2021),
        figure("P1", 1.1e10, 2020, kind="plan"),
        figure("P2", 1.3e10, 2021, kind="plan"),
        figure("T1", 2e10, 2022, kind="target"),
    )
    fig = draw(rows)
    actual, plan, target = only_trace(fig, "A1"), only_trace(fig, "P1"), only_trace(fig, "T1")
    assert actual.line.dash == "solid" and not str(actual.marker.symbol).endswith("-open")
    for trace in (plan, target):
        assert str(trace.marker.symbol).endswith("-open")
        assert trace.line.dash in ("dash", "dot")
    assert plan.line.dash != target.line.dash
    assert actual.line.color == plan.line.color == COLORS["h_a"]
    assert "속 빈" in plan.name and "계획" in plan.name and "채운" in actual.name


def test_a_span_is_drawn_across_its_years_not_as_one_point():
    """2018–2021 cumulative: a horizontal segment reaching from 2018 to 2021 at the figure's value."""
    fig = draw(frame(figure("C1", 5e10, 2018, 2021, kind="cumulative_actual"), figure("A1", 1e10, 2022)))
    span = only_trace(fig, "C1")
    xs = [x for x in span.x if x is not None]
    ys = {y for y in span.y if y is not None}
    assert min(xs) <= 2018 and max(xs) >= 2021
    assert len(set(xs)) > 1 and ys == {5e10}
    assert "누적" in span.name
    assert all("누적" in h for h in span.hovertext if h is not None)
    assert all(2018 not in (t.x or ()) for t in traces_with(fig, "A1"))


def test_a_span_ending_in_august_stops_short_of_the_whole_year():
    """2019 to August 2024 ends left of a 2019–2024 span's end, and right of 2023's; hover says 2024년 8월."""
    fig = draw(
        frame(
            figure("C1", 5e10, 2019, 2024, kind="cumulative_actual", end_month=8),
            figure("C2", 6e10, 2019, 2024, kind="cumulative_actual"),
        )
    )
    trace, whole = only_trace(fig, "C1"), only_trace(fig, "C2")
    assert trace is not whole, "two spans of one period are never joined into one line"
    part_end, whole_end = list(trace.x)[2], list(whole.x)[2]
    assert 2023.5 < part_end < whole_end and whole_end >= 2024
    assert "2024년 8월" in trace.hovertext[0]
    # Overlapping spans label their values on opposite sides, so close values do not blur into one.
    assert list(trace.text) == [None, "500억원", None] and list(whole.text) == [None, "600억원", None]
    assert {trace.textposition, whole.textposition} == {"top center", "bottom center"}
    assert [t.showlegend for t in (trace, whole)] == [True, False] and trace.legendgroup == whole.legendgroup


def test_a_missing_year_is_a_gap_never_zero():
    """2019 and 2021 with 2020 missing: a None sits between them, no 0 anywhere, gaps not connected."""
    fig = draw(frame(figure("A1", 1e10, 2019), figure("A3", 1.5e10, 2021)))
    line = only_trace(fig, "A1")
    assert line is only_trace(fig, "A3")
    ys = list(line.y)
    assert ys.index(1.5e10) - ys.index(1e10) == 2 and ys[ys.index(1e10) + 1] is None
    assert line.connectgaps is False
    assert all(y != 0 for t in fig.data for y in t.y if y is not None)


def test_consecutive_years_are_joined_without_a_gap():
    """2019, 2020, 2021 in one line with no None between them."""
    fig = draw(frame(figure("A1", 1e10, 2019), figure("A2", 1.1e10, 2020), figure("A3", 1.5e10, 2021)))
    line = only_trace(fig, "A2")
    assert list(line.x) == [2019, 2020, 2021] and None not in list(line.y)
    assert "lines" in line.mode


def test_part_year_figure_is_not_joined_to_full_years_and_says_its_months():
    """434억 to September is its own short line over January–September of 2020, labelled 1–9월 (not a dot
    that reads as a whole year); the full years form the line."""
    rows = frame(figure("O1", 4.34e10, 2020, end_month=9), figure("O2", 5.21e10, 2020), figure("O3", 6e10, 2021))
    fig = draw(rows)
    part, line = only_trace(fig, "O1"), only_trace(fig, "O2")
    assert part is not line and line is only_trace(fig, "O3")
    # From the start of 2020 (2019.6) to the end of September: 9 of the year's 12 months of 0.8 year-width.
    assert list(part.x) == pytest.approx([2019.6, 2019.9, 2020.2])
    assert list(part.y) == [4.34e10] * 3 and list(part.customdata) == [None, "O1", None]
    assert list(part.marker.symbol) == ["line-ns", "circle", "line-ns"]
    assert list(part.text) == [None, "1–9월", None]
    assert "2020 (1–9월)" in part.hovertext[1]
    en = only_trace(draw(rows, lang="en"), "O1")
    assert list(en.text) == [None, "Jan–Sep", None] and "2020 (Jan–Sep)" in en.hovertext[1]


def test_every_figure_is_drawn_exactly_once():
    """customdata across all traces lists each input figure id once: spans, part-years, versions, gaps included."""
    rows = frame(
        figure("A1", 1e10, 2018),
        figure("A2", 1.1e10, 2020),
        figure("V1", 7e9, 2021, n_versions=2),
        figure("V2", 7.5e9, 2021, n_versions=2),
        figure("C1", 5e10, 2018, 2021, kind="cumulative_actual"),
        figure("C2", 6e10, 2019, 2022, kind="cumulative_actual"),
        figure("O1", 4e9, 2022, end_month=6),
        figure("P1", 1.2e10, 2022, kind="plan"),
        figure("B1", 3e9, 2020, hub="h_b"),
    )
    ids = charts.figure_ids(draw(rows))
    assert sorted(ids) == sorted(rows.figure_id)
    assert len(ids) == len(set(ids))


def test_conflicting_versions_are_all_drawn_with_a_note():
    """Two versions of the same year are both marks (no line through them), each labelled with its report,
    and each hover says there are two values."""
    fig = draw(frame(figure("V1", 7e9, 2020, n_versions=2), figure("V2", 7.5e9, 2020, n_versions=2)))
    trace = only_trace(fig, "V1")
    assert trace is only_trace(fig, "V2") and trace.mode == "markers+text"
    assert list(trace.y) == [7e9, 7.5e9]
    assert list(trace.text) == ["1번째 보도 · 가신문", "2번째 보도 · 가신문"]
    assert all("2개" in h for h in trace.hovertext if h is not None)
    assert "보도가 엇갈린 해" in trace.name


def test_hubs_get_their_own_colour_and_hover_is_formatted():
    """Colour comes from the hub; hover shows the formatted value, period, kind and source."""
    fig = draw(frame(figure("A1", 1.076e11, 2020), figure("B1", 5e9, 2020, hub="h_b")))
    a, b = only_trace(fig, "A1"), only_trace(fig, "B1")
    assert a.line.color == COLORS["h_a"] and b.line.color == COLORS["h_b"]
    assert "1,076억원" in a.hovertext[0] and "2020" in a.hovertext[0] and "실적" in a.hovertext[0]
    assert "가신문" in a.hovertext[0] and a.hovertemplate == "%{hovertext}<extra></extra>"


def test_ticks_are_korean_money_without_si_suffixes():
    """Tick labels read 억원, never Plotly's G or B; axes are titled with year and unit."""
    fig = draw(frame(figure("A1", 1.076e11, 2020), figure("A2", 2.5e11, 2021)))
    texts = list(fig.layout.yaxis.ticktext)
    assert any("억원" in t for t in texts)
    assert not any("G" in t or "B" in t for t in texts)
    assert fig.layout.xaxis.dtick == 1
    assert fig.layout.xaxis.title.text == "연도" and "원" in fig.layout.yaxis.title.text
    assert fig.layout.title.text == "총사업비 추이"


def test_a_long_year_range_lets_plotly_space_the_year_labels_by_the_axis_length():
    """2020–2034 labelled every 2 years ran together at 390 px: beyond 8 years Plotly picks the step from the
    axis length (every 5 years on a phone), level; a short range keeps a label every year."""
    fig = draw(frame(figure("A1", 1e10, 2020), figure("A2", 2e10, 2025, 2034)))
    axis = fig.layout.xaxis
    assert axis.dtick is None and axis.tickmode == "auto" and axis.tickangle == 0
    assert axis.minor.dtick == 1 and axis.tickformat == "d"
    short = draw(frame(figure("A1", 1e10, 2020), figure("A2", 2e10, 2027))).layout.xaxis
    assert short.dtick == 1 and short.tickangle == 0


def test_user_supplied_rows_are_a_separate_marked_series():
    """An uploaded figure is never in the same line as bundled ones and its legend says so."""
    fig = draw(frame(figure("A1", 1e10, 2020), figure("U1", 1.1e10, 2021, user_supplied=True)))
    assert only_trace(fig, "A1") is not only_trace(fig, "U1")
    assert "사용자 제공" in only_trace(fig, "U1").name


def test_empty_rows_or_mixed_units_are_refused():
    """Nothing to draw or two units on one axis is an error the page must handle, not an empty axis."""
    with pytest.raises(ValueError):
        charts.trend(frame(figure("A1", 1e10, 2020)).iloc[0:0], lang="ko", colors=COLORS, title="t", unit="KRW")
    with pytest.raises(ValueError):
        charts.trend(
            frame(figure("A1", 1e10, 2020), figure("F1", 80, 2020, unit="firms")),
            lang="ko",
            colors=COLORS,
            title="t",
            unit="KRW",
        )


def pair(plan_id, actual_id, plan, actual, *, hub="h_a", plan_kind="plan", start=2020, end=2020):
    """One row with the columns of queries/plan_vs_actual.sql."""
    names = {"h_a": ("가 허브", "Hub A"), "h_b": ("나 허브", "Hub B")}[hub]
    return {
        "hub_id": hub,
        "hub_name_ko": names[0],
        "hub_name_en": names[1],
        "family": "budgets",
        "metric": "budget_total",
        "metric_label_ko": "총사업비",
        "metric_label_en": "Total budget",
        "unit": "KRW",
        "period_start": start,
        "period_end": end,
        "start_month": 1,
        "end_month": 12,
        "plan_figure_id": plan_id,
        "plan_kind": plan_kind,
        "plan_value": plan,
        "plan_publisher": "가신문",
        "plan_published": "2020-01-02",
        "plan_quote": "계획",
        "actual_figure_id": actual_id,
        "actual_kind": "actual",
        "actual_value": actual,
        "actual_publisher": "나일보",
        "actual_published": "2021-05",
        "actual_quote": "실적",
        "ratio": actual / plan if plan else None,
    }


def test_plan_vs_actual_draws_hollow_plan_beside_solid_actual_with_ratio():
    """Plan bar outlined and empty, actual bar filled in the hub colour, 93% on the actual, both sources in hover."""
    pairs = pd.DataFrame([pair("B9", "B1", 1.1e10, 1.0e10), pair("B10", "B11", 2e9, 1.86e9, hub="h_b")])
    fig = charts.plan_vs_actual(pairs, lang="ko", colors=COLORS, title="총사업비: 계획 대비 실적", unit="KRW")
    plan, actual = fig.data
    assert list(plan.customdata) == ["B9", "B10"] and list(actual.customdata) == ["B1", "B11"]
    assert plan.marker.color == "rgba(255,255,255,0)" and list(plan.marker.line.color) == [COLORS["h_a"], COLORS["h_b"]]
    assert list(actual.marker.color) == [COLORS["h_a"], COLORS["h_b"]]
    assert list(actual.text) == ["91%", "93%"]
    assert "가신문" in plan.hovertext[0] and "나일보" in plan.hovertext[0] and "110억원" in plan.hovertext[0]
    assert any("억원" in t for t in fig.layout.xaxis.ticktext)
    assert not any("G" in t or "B" in t for t in fig.layout.xaxis.ticktext)
    assert sorted(charts.figure_ids(fig)) == ["B1", "B10", "B11", "B9"]
    assert "가신문" in plan.y[0] and "나일보" in plan.y[0] and list(plan.y) == list(actual.y)


def test_percent_rounds_half_away_from_zero():
    """0.925 is 93%, not the banker's 92%; missing stays a dash."""
    assert percent(0.925) == "93%"
    assert percent(1.5) == "150%"
    assert percent(None) == fmt.MISSING


def test_figures_serialise_for_the_browser():
    """The chart survives Plotly's JSON encoding (what st.plotly_chart sends)."""
    rows = frame(
        figure("A1", 1e10, 2019), figure("A3", 1.5e10, 2021), figure("C1", 5e10, 2018, 2021, kind="cumulative_actual")
    )
    spec = json.loads(draw(rows).to_json())
    # Two data traces (the line and the span), each named at its end, and a key of the two kinds drawn.
    shapes = [t["meta"]["shape"] for t in spec["data"]]
    assert sorted(shapes) == ["end_label", "end_label", "key", "key", "line", "span"]


# --- mark labels that a phone can read ------------------------------------------------------------------------
# The labels written on marks (span values, part-year months, differing reports) as a 390 px phone shows them:
# a plot of about 240 × 300 px beside the y axis; a label is 0.62 em a display column wide (Hangul two), one line
# of its font size + 3 px high, 5 px above or below (or beside) its mark.
PHONE_PLOT = (240.0, 300.0)


def mark_label_boxes(fig, log=False):
    """(text, (left, right, bottom, top)) in phone pixels of every mark label of a trend chart."""
    from dashboard.charts.text import display_width

    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    width, height = PHONE_PLOT
    boxes = []
    for t in fig.data:
        if (t.meta or {}).get("shape") not in ("span", "part", "versions") or t.text is None:
            continue
        positions = [t.textposition] * len(t.x) if isinstance(t.textposition, str) else list(t.textposition)
        for x, y, text, position in zip(t.x, t.y, t.text, positions, strict=True):
            if not text:
                continue
            px = (x - x0) / (x1 - x0) * width
            py = ((__import__("math").log10(y) if log else y) - y0) / (y1 - y0) * height
            w, h = display_width(text) * t.textfont.size * 0.62, t.textfont.size + 3
            vertical, horizontal = position.split(" ")
            left = {"center": px - w / 2, "right": px + 5, "left": px - 5 - w}[horizontal]
            bottom = {"top": py + 5, "bottom": py - 5 - h, "middle": py - h / 2}[vertical]
            boxes.append((text, (left, left + w, bottom, bottom + h)))
    return boxes


def marks_under_labels(fig, boxes, log=False):
    """Marks (points of lines, spans, part-year and report marks) that a label's box covers by more than a pixel."""
    import math

    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    width, height = PHONE_PLOT
    points = [
        ((x - x0) / (x1 - x0) * width, ((math.log10(y) if log else y) - y0) / (y1 - y0) * height)
        for t in fig.data
        if (t.meta or {}).get("shape") in ("line", "span", "part", "versions")
        for x, y in zip(t.x, t.y, strict=True)
        if x is not None and y is not None
    ]
    return [
        (text, point)
        for text, box in boxes
        for point in points
        if box[0] + 1 < point[0] < box[1] - 1 and box[2] + 1 < point[1] < box[3] - 1
    ]


def inside(box):
    return 0 <= box[0] and box[1] <= PHONE_PLOT[0] and 0 <= box[2] and box[3] <= PHONE_PLOT[1]


def covering_pairs(boxes):
    return [
        (a, b)
        for i, (a, p) in enumerate(boxes)
        for b, q in boxes[i + 1 :]
        if p[0] < q[1] and q[0] < p[1] and p[2] < q[3] and q[2] < p[3]
    ]


def test_a_report_label_at_the_left_edge_runs_into_the_plot_not_onto_the_tick_labels():
    """Two reports of 2017 in a chart from 2017: each label that is written starts inside the plot."""
    rows = frame(
        figure("V1", 12, 2017, n_versions=2, unit="firms"),
        {**figure("V2", 25, 2017, n_versions=2, unit="firms"), "publisher": "아시아투데이"},
        figure("A1", 40, 2027, unit="firms"),
    )
    fig = draw(rows)
    boxes = mark_label_boxes(fig)
    assert boxes, "at least the first report keeps its label"
    assert all(inside(box) for _, box in boxes), boxes
    assert covering_pairs(boxes) == []


def test_part_year_labels_of_one_year_never_cover_each_other_or_a_span_value():
    """Firms of one hub: 77 over 2019–2022, 78 in Jan–Mar 2020 and 80 in Jan–Aug 2020 (as on the Firms page)."""
    rows = frame(
        figure("S1", 77, 2019, 2022, unit="firms"),
        figure("P1", 78, 2020, end_month=3, unit="firms"),
        figure("P2", 80, 2020, end_month=8, unit="firms"),
        figure("A1", 2000, 2014, unit="firms", hub="h_b"),
        figure("A2", 2100, 2027, unit="firms", hub="h_b"),
    )
    fig = charts.trend(rows, lang="ko", colors=COLORS, title="입주 기업", unit="firms", scale="log")
    boxes = mark_label_boxes(fig, log=True)
    assert covering_pairs(boxes) == []
    assert 1 <= len(boxes) <= 3
    # The marks themselves stay: the span over its years, each part-year figure over its own months.
    assert list(only_trace(fig, "S1").x)[::2] == pytest.approx([2018.6, 2022.4])
    assert list(only_trace(fig, "P1").x)[::2] == pytest.approx([2019.6, 2019.8])
    assert list(only_trace(fig, "P2").x)[::2] == pytest.approx([2019.6, 2020 - 0.4 + 0.8 * 8 / 12])


def test_many_spans_are_thin_see_through_segments_without_their_values():
    """Ten spans of overlapping years (more than a phone can label): no value text on them, thin and see-through;
    each still runs over its own years."""
    rows = frame(*[figure(f"S{i}", 1e10 * (i + 1), 2019 + i % 3, 2023 + i % 3, kind="plan") for i in range(10)])
    fig = draw(rows)
    spans = [t for t in fig.data if (t.meta or {}).get("shape") == "span"]
    assert len(spans) == 10
    assert all(not any(t.text or ()) for t in spans)
    assert all(t.line.width <= 1.5 and t.opacity is not None and t.opacity < 1 for t in spans)
    assert sorted((t.x[0], t.x[2]) for t in spans)[0] == pytest.approx((2018.6, 2023.4))


def test_a_report_label_is_not_written_over_another_hubs_mark():
    """Two reports of one hub in 2023 (2,215 and 2,222) just under another hub's 3,300: on a phone the label above
    the reports would stand on that mark, so it goes elsewhere or is left out."""
    rows = frame(
        figure("V1", 2215, 2023, n_versions=2, unit="firms"),
        figure("V2", 2222, 2023, n_versions=2, unit="firms"),
        {**figure("B1", 3300, 2023, unit="firms", hub="h_b"), "series": "s0"},
        figure("B2", 1, 2014, unit="firms", hub="h_b"),
        figure("B3", 500, 2027, unit="firms", hub="h_b"),
        # Parts of hub B far down the left: more legend entries than end labels are written for.
        *[{**figure(f"C{i}", i + 1, 2014, unit="firms", hub="h_b"), "series": f"s{i}"} for i in range(1, 6)],
    )
    fig = charts.trend(rows, lang="ko", colors=COLORS, title="입주 기업", unit="firms", scale="log")
    boxes = mark_label_boxes(fig, log=True)
    assert boxes and marks_under_labels(fig, boxes, log=True) == []


def test_bundled_budgets_and_firms_defaults_label_marks_only_where_there_is_room(bundled):
    """The Budgets page's default chart (dozens of spans on a log scale) writes no span values; on it and on the
    Firms page's no two mark labels cover each other and none runs off the plot."""
    from dashboard import data, family_view, schema
    from dashboard.hubs import hubs_frame, year_bounds

    hubs = tuple(hubs_frame(data.NO_UPLOADS).hub_id)
    selection = (hubs, tuple(schema.KINDS), *year_bounds(data.NO_UPLOADS))
    for family in ("budgets", "firms"):
        for lang in ("ko", "en"):
            choices = family_view.metric_choices(family, *selection, lang, data.NO_UPLOADS)
            metric = choices.options[0]
            scale = choices.default_scales.get(metric, "linear")
            fig = family_view.trend_view(family, metric, *selection, lang, scale, data.NO_UPLOADS).chart.fig
            boxes = mark_label_boxes(fig, log=scale == "log")
            assert covering_pairs(boxes) == [], (family, lang)
            assert all(inside(box) for _, box in boxes), (family, lang, boxes)
            assert marks_under_labels(fig, boxes, log=scale == "log") == [], (family, lang)
            if family == "budgets":
                spans = [t for t in fig.data if (t.meta or {}).get("shape") == "span"]
                assert len(spans) > 20 and not any(text for t in spans for text in (t.text or ()))
