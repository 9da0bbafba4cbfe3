"""Rules every chart keeps (issue: charts that cannot mislead): one value a year on a line, scales, source lines,
export options, map labels. Exact values on small hand-written frames; properties on the bundled data."""

from __future__ import annotations

import html
import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard import charts, data, family_page, geo, i18n, schema, ui
from dashboard.charts.text import display_width, wrap
from dashboard.charts.theme import MODEBAR_BAND, hover_text
from dashboard.charts.trend import log_ticks
from tests.conftest import ALL_YEARS, page_app
from tests.test_charts_trend import COLORS, draw, figure, frame, only_trace, pair

FAMILIES = ("budgets", "firms", "personnel", "outcomes")


def line_traces(fig) -> list:
    return [t for t in fig.data if "lines" in (t.mode or "")]


def repeated_x(trace) -> list:
    """x values drawn twice in one trace (points with a value only: a None y is a break, not a point)."""
    xs = [x for x, y in zip(trace.x, trace.y) if x is not None and y is not None]
    return sorted({x for x in xs if xs.count(x) > 1})


def subtitle(fig) -> str:
    return fig.layout.title.subtitle.text or ""


# --- 1. a line joins one value a year ------------------------------------------------------------------------


def test_a_year_with_two_reports_breaks_the_line_and_gets_labelled_marks():
    """2019 and 2021 have one value, 2020 two: the line is 2019 | gap | 2021, the two 2020 values are marks."""
    rows = frame(
        figure("A1", 1e10, 2019),
        figure("V1", 7e9, 2020, n_versions=2),
        figure("V2", 9e9, 2020, n_versions=2),
        figure("A3", 1.2e10, 2021),
    )
    fig = draw(rows)
    line = only_trace(fig, "A1")
    assert line is only_trace(fig, "A3")
    assert list(line.x) == [2019, 2020, 2021] and list(line.y) == [1e10, None, 1.2e10]
    marks = only_trace(fig, "V1")
    assert marks is only_trace(fig, "V2") and "lines" not in marks.mode
    assert list(marks.x) == [2020, 2020] and list(marks.y) == [7e9, 9e9]
    assert [t.startswith(("1번째 보도", "2번째 보도")) for t in marks.text] == [True, True]
    assert all("선으로 잇지 않았습니다" in h for h in marks.hovertext)
    assert [repeated_x(t) for t in line_traces(fig)] == [[] for _ in line_traces(fig)]


def test_each_series_is_its_own_line():
    """Two parts (series) of one hub's budget in the same years are two lines, never one zigzag."""
    rows = frame(
        {**figure("S1", 1e10, 2020), "series": "건물"},
        {**figure("S2", 2e10, 2020), "series": "장비"},
        {**figure("S3", 1.1e10, 2021), "series": "건물"},
        {**figure("S4", 2.2e10, 2021), "series": "장비"},
    )
    fig = draw(rows)
    building, equipment = only_trace(fig, "S1"), only_trace(fig, "S2")
    assert building is only_trace(fig, "S3") and equipment is only_trace(fig, "S4") and building is not equipment
    assert list(building.y) == [1e10, 1.1e10] and list(equipment.y) == [2e10, 2.2e10]
    assert "건물" in building.name and "장비" in equipment.name


def test_spans_of_one_period_are_separate_traces():
    """Two reports of one 2020–2024 plan: two segments, no trace holds either end twice."""
    rows = frame(
        figure("P1", 3.939e11, 2020, 2024, kind="plan", n_versions=2),
        figure("P2", 4.119e11, 2020, 2024, kind="plan", n_versions=2),
    )
    fig = draw(rows)
    assert only_trace(fig, "P1") is not only_trace(fig, "P2")
    assert all(repeated_x(t) == [] for t in line_traces(fig))
    # Close values over the same years: the markers and labels take thirds of the span (higher value first),
    # the ends stay on the period (2019.6 to 2024.4).
    assert list(only_trace(fig, "P2").x) == pytest.approx([2019.6, 2021.2, 2024.4])
    assert list(only_trace(fig, "P1").x) == pytest.approx([2019.6, 2022.8, 2024.4])
    assert {only_trace(fig, "P1").textposition, only_trace(fig, "P2").textposition} == {"top center", "bottom center"}


def test_spans_far_apart_in_value_keep_their_marks_in_the_middle():
    fig = draw(frame(figure("P1", 1e10, 2020, 2024, kind="plan"), figure("P2", 1e12, 2020, 2024, kind="plan")))
    assert list(only_trace(fig, "P1").x) == pytest.approx([2019.6, 2022.0, 2024.4])


def bundled_metric_rows():
    """(family, metric, rows) for every metric of the bundled data, all hubs, kinds and years."""
    bounds = data.query("year_bounds").iloc[0]
    for family in FAMILIES:
        figures = data.query(
            "figures_by_hub_year",
            families=[family],
            metrics=[],
            hubs=[],
            kinds=list(schema.KINDS),
            year_from=int(bounds["year_min"]),
            year_to=int(bounds["year_max"]),
        )
        for metric in sorted(set(figures["metric"])):
            yield family, metric, figures[figures["metric"] == metric].reset_index(drop=True)


def test_no_line_of_any_bundled_trend_has_two_values_in_one_year(bundled):
    """Every family and metric of the bundled data, both languages, every scale that applies: no trace drawn
    with lines holds two points with the same x; every chart has a title and a source line."""
    checked = 0
    for family, metric, rows in bundled_metric_rows():
        options = charts.scale_options(rows)
        for lang in ("ko", "en"):
            for scale in [s for s in charts.SCALES if options[s]]:
                fig = charts.trend(
                    rows,
                    lang=lang,
                    colors=charts.hub_colors(rows.hub_id),
                    title=f"{metric}",
                    unit=str(rows["unit"].iloc[0]),
                    scale=scale,
                )
                for trace in line_traces(fig):
                    assert repeated_x(trace) == [], (family, metric, lang, scale, trace.name)
                assert fig.layout.title.text
                assert subtitle(fig).startswith(i18n.t("chart.source", lang, publishers="")), (metric, lang)
                checked += 1
    assert checked >= 20


def test_bundled_plan_vs_actual_pairs_only_the_same_series(bundled):
    """Each pair's plan and actual are of the same scope (series), hub, metric and exact period."""
    pairs = data.query("plan_vs_actual", hubs=[], families=[])
    figures = data.query(
        "figures_by_hub_year", families=[], metrics=[], hubs=[], kinds=list(schema.KINDS), year_from=1900, year_to=2100
    ).set_index("figure_id")
    assert len(pairs) > 0
    for p in pairs.to_dict("records"):
        plan, actual = figures.loc[p["plan_figure_id"]], figures.loc[p["actual_figure_id"]]
        assert (plan["series"] if pd.notna(plan["series"]) else "") == (
            actual["series"] if pd.notna(actual["series"]) else ""
        )
        assert (plan["period_start"], plan["period_end"]) == (actual["period_start"], actual["period_end"])


# --- 4. log scale and first year = 100 ----------------------------------------------------------------------


def test_log_scale_sets_a_log_axis_with_korean_money_ticks_and_says_so():
    rows = frame(figure("A1", 2e9, 2020), figure("A2", 1.14e13, 2021, hub="h_b"))
    fig = draw_scaled(rows, "log")
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.yaxis.title.text == "금액 (원) · 로그 눈금"
    # From the power of ten at or below 20억 to the one at or above 11.4조.
    assert list(fig.layout.yaxis.tickvals) == [1e9, 1e10, 1e11, 1e12, 1e13, 1e14]
    assert list(fig.layout.yaxis.ticktext) == ["10억원", "100억원", "1,000억원", "1조원", "10조원", "100조원"]


def test_log_ticks_use_1_2_5_on_a_short_range():
    assert log_ticks(120, 900) == [100.0, 200.0, 500.0, 1000.0]


def test_log_scale_is_refused_for_a_zero_value():
    rows = frame(figure("A1", 0, 2020), figure("A2", 5, 2021))
    # Nor is there a first year = 100 when the first year is 0.
    assert charts.scale_options(rows) == {"linear": True, "log": False, "index": False}
    with pytest.raises(ValueError):
        draw_scaled(rows, "log")


def test_index_view_divides_by_the_first_year_by_hand():
    """20억, 30억, 50억 (2019–2021) read 100, 150, 250; plans and spans are left out of the indexed view."""
    rows = frame(
        figure("A1", 2e9, 2019),
        figure("A2", 3e9, 2020),
        figure("A3", 5e9, 2021),
        figure("P1", 9e9, 2021, kind="plan"),
        figure("C1", 9e9, 2019, 2021, kind="cumulative_actual"),
    )
    fig = draw_scaled(rows, "index")
    line = only_trace(fig, "A1")
    assert list(line.y) == pytest.approx([100.0, 150.0, 250.0])
    assert fig.layout.showlegend is True  # one line still names its hub
    assert sorted(charts.figure_ids(fig)) == ["A1", "A2", "A3"]
    assert fig.layout.yaxis.title.text == "지수 (첫 해 = 100)"
    assert "지수 250.0 (첫 해 2019 = 100)" in line.hovertext[2]


def test_index_needs_two_single_valued_yearly_actuals_of_one_line():
    """One year only, or a second year with two reports, is no growth line."""
    assert not charts.scale_options(frame(figure("A1", 2e9, 2019), figure("B1", 3e9, 2020, hub="h_b")))["index"]
    rows = frame(figure("A1", 2e9, 2019), figure("V1", 3e9, 2020, n_versions=2), figure("V2", 4e9, 2020, n_versions=2))
    assert charts.index_rows(rows).empty


def draw_scaled(rows, scale, lang="ko"):
    return charts.trend(rows, lang=lang, colors=COLORS, title="총사업비 추이", unit=rows["unit"].iloc[0], scale=scale)


# --- 5. title, source line, export, selection ---------------------------------------------------------------


def test_source_line_names_the_two_most_cited_publishers_and_the_latest_date():
    rows = pd.DataFrame(
        {
            "publisher": ["광주광역시", "산업일보", "광주광역시", "뉴스1", "연합뉴스", "산업일보", "광주광역시"],
            "published": ["2020-01-02", "2024-05-02", "2019", None, "2021-03", "2022-01-01", "2018-07-07"],
            "extra_publishers": [None, "전자신문 (2020-01-01); 뉴스1 (2021)", None, None, None, None, None],
        }
    )
    # 광주광역시 3, then 뉴스1 and 산업일보 2 each (뉴스1 once as a further source): a tie goes by name.
    assert charts.source_line(rows, "ko") == "출처: 광주광역시, 뉴스1 외 3곳 · 최근 자료 2024.5.2"
    assert charts.source_line(rows, "en") == "Source: 광주광역시, 뉴스1 and 3 more · latest 2 May 2024"
    assert charts.source_line(rows.iloc[0:0], "ko") == i18n.t("chart.source.all", "ko")


def test_every_builder_puts_title_and_source_inside_the_chart():
    rows = frame(figure("A1", 1e10, 2020), figure("A2", 1.2e10, 2021))
    pairs = pd.DataFrame([pair("B9", "B1", 1.1e10, 1.0e10)])
    figs = {
        "trend": draw(rows),
        "pva": charts.plan_vs_actual(pairs, lang="ko", colors=COLORS, title="총사업비: 계획 대비 실적", unit="KRW"),
        "bars": charts.compare_bars(rows.iloc[[0]], lang="ko", colors=COLORS, title="허브별"),
        "timeline": charts.timeline(rows.assign(family="budgets"), lang="ko", color="#123456", title="연표"),
        "map": geo.map_chart(
            pd.DataFrame(), pd.DataFrame(), lang="ko", colors={}, metric_label="", unit="KRW", title="지도"
        ),
    }
    for name, fig in figs.items():
        assert fig.layout.title.text, name
        assert "출처: " in subtitle(fig), name
        # The title sits below the mode bar's band.
        assert fig.layout.title.pad.t == MODEBAR_BAND and fig.layout.margin.t > MODEBAR_BAND + 30, name
    assert subtitle(figs["trend"]).startswith("출처: 가신문 · 최근 자료 2021.3.4")
    assert "출처: 가신문, 나일보" in subtitle(figs["pva"])


def test_long_titles_are_broken_not_cut():
    """Every line fits the width (a wider one is cut on a phone); a separator is preferred where its head fits."""
    assert wrap("Firms supported by the hub and its programmes: plan vs actual", 38) == (
        "Firms supported by the hub and<br>its programmes: plan vs actual"
    )
    assert wrap("총사업비·총예산: 계획 대비 실적 (광주 인공지능 중심 산업융합 집적단지)", 38) == (
        "총사업비·총예산: 계획 대비 실적<br>(광주 인공지능 중심 산업융합 집적단지)"
    )
    assert wrap("Gwangju AI-centred Industrial Convergence Cluster: reported figures timeline", 38) == (
        "Gwangju AI-centred Industrial<br>Convergence Cluster:<br>reported figures timeline"
    )
    assert wrap("입주 기업 추이", 38) == "입주 기업 추이"


@given(
    st.lists(st.sampled_from(["AI", "허브", "Convergence", "기업", "of", "·", ":", "(2020)", "x" * 12]), max_size=30)
)
def test_wrapped_lines_fit_the_width_wherever_a_space_allows(words):
    """Any text of words no wider than a line wraps into lines that fit, and reads back as the text."""
    text = " ".join(words)
    lines = wrap(text, 38).split("<br>")
    assert all(display_width(html.unescape(line)) <= 38 for line in lines), lines
    # A break takes the place of a " · " (the other separators stay on their line).
    words = [w for w in " ".join(html.unescape(line) for line in lines).split() if w != "·"]
    assert words == [w for w in text.split() if w != "·"]


def test_png_export_is_named_after_the_chart_and_sized_for_a_slide():
    fig = draw(frame(figure("A1", 1e10, 2020)))
    config = ui.plotly_config(fig, ("budgets", "budget_total", "2015-2030"))
    assert config["toImageButtonOptions"] == {
        "format": "png",
        "filename": "korea-ai-hubs_budgets_budget-total_2015-2030",
        "width": 1600,
        "height": 900,
        "scale": 1,
    }
    tall = ui.plotly_config(fig.update_layout(height=1500), ("overview-coverage",))["toImageButtonOptions"]
    assert (tall["width"], tall["height"]) == (1200, 1500)


def test_selected_points_give_their_figure_ids():
    event = {
        "selection": {
            "points": [
                {"customdata": "A1"},
                {"customdata": None},
                {"customdata": "A1"},
                {"customdata": ["h_a", 2020, "budgets", "actual", 3]},
                {"x": 1},
            ]
        }
    }
    assert ui.selected_ids(event) == ["A1"]
    assert ui.selected_ids(None) == [] and ui.selected_ids({"selection": {}}) == []


def test_plan_vs_actual_hover_quotes_both_sides():
    fig = charts.plan_vs_actual(
        pd.DataFrame([pair("B9", "B1", 1.1e10, 1.0e10)]), lang="ko", colors=COLORS, title="t", unit="KRW"
    )
    assert "<i>“계획”</i>" in fig.data[0].hovertext[0] and "<i>“실적”</i>" in fig.data[0].hovertext[0]


def test_hover_shows_the_start_of_the_quote():
    row = {
        **figure("A1", 1e10, 2020),
        "quote": "광주시는 2020년 인공지능 집적단지 조성에 국비 626억원을 확보했다고 밝혔다. 이어서 더 긴 문장이 계속된다.",
    }
    text = hover_text(row, "ko")
    # The first 59 characters and an ellipsis (60 in all), in lines of at most 44 columns (Hangul counts two).
    assert (
        "“광주시는 2020년 인공지능 집적단지 조성에<br>국비 626억원을 확보했다고 밝혔다. 이어서 더<br>긴 문장이 계…”"
    ) in text


# --- 8. part-year and spans read as what they are ------------------------------------------------------------


def test_part_year_is_a_short_bar_over_its_months_not_a_dot():
    fig = draw(frame(figure("O1", 4.34e10, 2020, start_month=4, end_month=6)))
    part = only_trace(fig, "O1")
    # April–June 2020: from 2019.6 + 0.8 × 3/12 to 2019.6 + 0.8 × 6/12.
    assert list(part.x) == pytest.approx([2019.8, 2019.9, 2020.0])
    assert part.text[1] == "4–6월" and part.line.width >= 3


# --- 11. map labels and hatched gaps ------------------------------------------------------------------------


def map_totals(rows):
    base = {"n_hubs": 1, "has_conflicting_versions": False, "unit": "firms", "hubs_ko": "가", "hubs_en": "A"}
    return pd.DataFrame([{**base, **r} for r in rows])


def test_map_labels_provinces_with_a_total_and_hatches_no_data():
    totals = map_totals(
        [
            {"region_code": "11", "total": 78},
            {"region_code": "37", "total": 35},
            {"region_code": "24", "total": None, "has_conflicting_versions": True},
        ]
    )
    fig = geo.map_chart(
        totals,
        pd.DataFrame(),
        lang="ko",
        colors={},
        metric_label="입주 기업",
        unit="firms",
        title="입주 기업 (2021 실적)",
    )
    labels = next(t for t in fig.data if (t.meta or {}).get("role") == "value_labels")
    assert list(labels.text) == ["<b>35개사</b>"]  # Gyeongbuk in place
    pointed = [a.text for a in fig.layout.annotations if a.name == "value_label"]
    assert pointed == ["<b>서울 78개사</b>"]  # Seoul beside the map with a pointer
    provinces = {t.meta["region_code"]: t for t in fig.data if t.fill == "toself"}
    assert provinces["39"].fillpattern.shape == "x" and provinces["39"].meta["status"] == "no_data"
    assert provinces["24"].fillpattern.shape == "/"  # conflicting reports: no label, another hatch
    assert provinces["11"].fillpattern.shape is None


def test_hub_locations_map_has_no_hatching():
    fig = geo.map_chart(
        pd.DataFrame(), pd.DataFrame(), lang="en", colors={}, metric_label="", unit="count", title="AI hubs by region"
    )
    assert all(t.fillpattern.shape is None for t in fig.data if t.fill == "toself")


# --- the family page: the scale widget and every chart's title and source ------------------------------------


def run_family(family, lang="ko", scale=None):
    state = {family_page.SCALE_KEY: scale} if scale else {}
    return page_app(family, lang=lang, years=ALL_YEARS, **state).run()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_family_page_charts_carry_title_and_source_and_log_works(bundled, lang):
    at = run_family("outcomes", lang=lang, scale="log")
    assert not at.exception
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert specs
    for spec in specs:
        title = spec["layout"]["title"]
        assert title["text"] and title["subtitle"]["text"].startswith(i18n.t("chart.source", lang, publishers=""))
    trend = specs[0]
    assert trend["layout"]["yaxis"]["type"] == "log"
    assert trend["layout"]["yaxis"]["title"]["text"].endswith(i18n.t("axis.log", lang))
    for trace in trend["data"]:
        if "lines" in trace.get("mode", ""):
            xs = [x for x, y in zip(trace["x"], trace["y"]) if x is not None and y is not None]
            assert len(xs) == len(set(xs))


@pytest.mark.parametrize("family", FAMILIES)
def test_family_page_index_view_starts_every_line_at_100_or_says_why_not(bundled, family):
    """First year = 100: each drawn line starts at 100 and the axis says so; where no line qualifies the
    page says it drew a linear chart instead."""
    at = run_family(family, scale="index")
    assert not at.exception
    trend = json.loads(at.get("plotly_chart")[0].proto.spec)
    captions = " ".join(c.value for c in at.caption)
    if trend["layout"]["yaxis"]["title"]["text"] == i18n.t("axis.index", "ko"):
        # The kind key's swatches (shape "key") hold no point.
        lines = [t for t in trend["data"] if "lines" in t.get("mode", "") and t["meta"]["shape"] != "key"]
        assert lines
        assert all(next(y for y in t["y"] if y is not None) == pytest.approx(100.0) for t in lines)
    else:
        assert i18n.t("scale.index_unavailable", "ko") in captions


def comparable_pair() -> list[str]:
    """Two hubs with a comparable pair of actuals in the bundled data (the data is still being corrected)."""
    rows = data.query("comparable_figures", hubs=list(data.query("hubs").hub_id), kinds=["actual"])
    shared = rows[rows["n_hubs_in_group"] >= 2].sort_values(["metric", "period_start", "hub_id"])
    first = shared.iloc[0]
    same = shared[
        (shared["metric"] == first["metric"])
        & (shared["period_start"] == first["period_start"])
        & (shared["period_end"] == first["period_end"])
    ]
    return sorted(set(same["hub_id"]))[:2]


@pytest.mark.parametrize("page", ["overview", "compare", "hub"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_chart_of_the_other_pages_has_a_title_and_a_source_line(bundled, page, lang):
    state = {"compare_hubs": comparable_pair()} if page == "compare" else {}
    at = page_app(page, lang=lang, years=ALL_YEARS, **state).run()
    assert not at.exception
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert specs
    source = i18n.t("chart.source", lang, publishers="").strip()
    for spec in specs:
        title = spec["layout"]["title"]
        assert title["text"]
        assert source in title["subtitle"]["text"], title
