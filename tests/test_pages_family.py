"""AppTest of the four family pages (budgets, firms, personnel, outcomes) on the bundled data and the query fixture."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data, family_view, fmt, i18n, schema
from tests.conftest import ALL_YEARS, page_app

ROOT = Path(__file__).resolve().parent.parent

FAMILIES = ("budgets", "firms", "personnel", "outcomes")
ALL_KINDS = list(schema.KINDS)


def year_range() -> tuple[int, int]:
    row = data.query("year_bounds").iloc[0]
    return int(row["year_min"]), int(row["year_max"])


def run_page(family: str, *, lang="ko", hubs=(), kinds=ALL_KINDS, metric=None, years=None) -> AppTest:
    state = {f"{family}_metric": metric} if metric is not None else {}
    return page_app(family, lang=lang, hubs=hubs, years=years or ALL_YEARS, kinds=kinds, timeout=30, **state).run()


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def chart_text(at: AppTest) -> str:
    """Every chart's JSON with Hangul unescaped, to search for formatted values."""
    return "\n".join(json.dumps(spec, ensure_ascii=False) for spec in chart_specs(at))


def drawn_ids(spec: dict) -> list[str]:
    return [c for trace in spec["data"] for c in (trace.get("customdata") or []) if c is not None]


def csv_ids(payload: bytes, lang: str) -> list[str]:
    reader = csv.DictReader(io.StringIO(payload.decode("utf-8-sig")))
    return [row[i18n.t("csv.figure_id", lang)] for row in reader]


def metrics_with_pairs(family: str, y0: int, y1: int) -> set[str]:
    pairs = data.query("plan_vs_actual", hubs=[], families=[family])
    return set(pairs[(pairs.period_end >= y0) & (pairs.period_start <= y1)].metric)


@pytest.mark.parametrize("family", FAMILIES)
def test_family_page_renders_trend_and_plan_vs_actual(bundled, family):
    """Every family page runs on the bundled data with one trend chart plus one chart per metric with plan–actual pairs."""
    at = run_page(family)
    assert not at.exception
    y0, y1 = year_range()
    paired = metrics_with_pairs(family, y0, y1)
    assert len(at.get("plotly_chart")) == 1 + len(paired)
    picker = at.selectbox(key=f"{family}_metric")
    figures = data.query(
        "figures_by_hub_year", families=[family], metrics=[], hubs=[], kinds=ALL_KINDS, year_from=y0, year_to=y1
    )
    assert set(picker.options) and len(picker.options) == figures.metric.nunique()
    assert at.title[0].value == i18n.t(f"page.{family}.title", "ko")
    if not paired:
        assert any(
            c.value in (i18n.t("family_page.pva.plan_only", "ko"), i18n.t("family_page.pva.no_plans", "ko"))
            for c in at.caption
        )


# The metric each family page opens on with every kind shown: the one with the most single-year points of one kind
# (hub × year counted once), checked by hand against data/ (see docs/user-journeys.md for the counts).
OPENING_METRIC = {
    "budgets": "budget_program",
    "firms": "firms_resident",
    "personnel": "jobs_created",
    "outcomes": "investment_attracted",
}


@pytest.mark.parametrize("family", sorted(OPENING_METRIC))
def test_family_page_opens_on_the_most_comparable_metric(bundled, family):
    """Each family page opens on the metric with the most comparable figures, worked out from the data."""
    at = run_page(family, kinds=ALL_KINDS)
    assert at.selectbox(key=f"{family}_metric").value == OPENING_METRIC[family]


def test_comparable_score_counts_single_years_of_one_kind_once_per_hub_and_year():
    """Spans, part years and a second report of the same hub and year do not count; the best kind does."""
    rows = pd.DataFrame(
        [
            # metric a: 3 hub-years of actual (one reported twice), 1 plan, 1 span -> 3 points
            ("a", "h1", 2020, 2020, 1, 12, "actual"),
            ("a", "h1", 2020, 2020, 1, 12, "actual"),
            ("a", "h2", 2020, 2020, 1, 12, "actual"),
            ("a", "h1", 2021, 2021, 1, 12, "actual"),
            ("a", "h1", 2022, 2022, 1, 12, "plan"),
            ("a", "h3", 2020, 2024, 1, 12, "plan"),
            # metric b: 4 part-year actuals and 2 whole-year plans -> 2 points
            *[("b", f"h{i}", 2021, 2021, 1, 6, "actual") for i in range(4)],
            ("b", "h1", 2021, 2021, 1, 12, "plan"),
            ("b", "h2", 2021, 2021, 1, 12, "plan"),
        ],
        columns=["metric", "hub_id", "period_start", "period_end", "start_month", "end_month", "kind"],
    )
    score = family_view.comparable_score(rows)
    assert score.loc["a"].tolist() == [3, 2, 6]
    assert score.loc["b"].tolist() == [2, 2, 6]
    assert family_view.metric_options("x", rows) == ["a", "b"]


def test_a_real_gwangju_budget_figure_is_shown_formatted(bundled):
    """An actual Gwangju AI cluster budget from data/budgets.csv appears in the chart as fmt.number writes it."""
    budgets = pd.read_csv(bundled / "budgets.csv")
    actual = budgets[(budgets.hub_id == "gwangju_ai_cluster") & (budgets.kind == "actual")]
    if actual.empty:
        pytest.skip("no actual Gwangju budget in data/")
    figure = actual.iloc[0]
    at = run_page("budgets", hubs=["gwangju_ai_cluster"], kinds=["actual"], metric=figure.metric)
    assert not at.exception
    assert at.selectbox(key="budgets_metric").value == figure.metric
    assert fmt.number(figure.value, figure.unit, "ko") in chart_text(at)
    assert figure.figure_id in drawn_ids(chart_specs(at)[0])


def test_no_kinds_explains_instead_of_drawing(bundled):
    """With every kind switched off the page says why and draws no axis."""
    at = run_page("budgets", kinds=[])
    assert not at.exception
    assert len(at.get("plotly_chart")) == 0
    assert [i.value for i in at.info] == [i18n.t("msg.no_kinds", "ko")]


def test_english_page_has_english_title_and_labels(bundled):
    """lang=en shows the English title and English metric names in the picker."""
    at = run_page("firms", lang="en")
    assert not at.exception
    assert at.title[0].value == i18n.t("page.firms.title", "en")
    metrics = data.query("metrics").set_index("metric")
    chosen = at.selectbox(key="firms_metric").value
    assert metrics.loc[chosen, "label_en"] in chart_text(at)


def test_unknown_remembered_metric_falls_back_to_the_first(bundled):
    """A metric left in session state that has no figures now is replaced, not an error."""
    at = run_page("personnel", metric="no_such_metric")
    assert not at.exception
    picker = at.selectbox(key="personnel_metric")
    assert picker.index == 0 and picker.value in set(data.query("metrics").metric)


@pytest.mark.parametrize("family", FAMILIES)
def test_each_download_holds_exactly_the_plotted_figures(bundled, downloads, family):
    """Each chart's download lists exactly the figure ids that chart drew, each once."""
    at = run_page(family)
    specs = chart_specs(at)
    csvs = [d for d in downloads if d[0].endswith(".csv")]
    books = [d for d in downloads if d[0].endswith(".xlsx")]
    assert len(csvs) == len(books) == len(specs) > 0
    for spec, (name, payload), (book_name, book) in zip(specs, csvs, books):
        ids = csv_ids(payload, "ko")
        assert len(ids) == len(set(ids)), name
        assert set(ids) == set(drawn_ids(spec)), name
        # The same rows in the workbook's figures sheet, in the same order.
        assert book_name == name[: -len(".csv")] + ".xlsx"
        sheet = openpyxl.load_workbook(io.BytesIO(book))["수치"]
        assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ids, book_name


def test_fixture_budgets_show_versions_and_plan_vs_actual(query_data, downloads):
    """On the fixture: both 70억/75억 versions of hub C are listed, and A's 2020 plan pairs with its actual at 91%."""
    at = run_page("budgets", years=(2018, 2022))
    assert not at.exception
    warning = at.warning[0].value
    assert "70억원" in warning and "75억원" in warning and "다 허브" in warning
    specs = chart_specs(at)
    assert len(specs) == 2
    plan, actual = specs[1]["data"]
    assert plan["customdata"] == ["B9"] and actual["customdata"] == ["B1"] and actual["text"] == ["91%"]
    csvs = [d for d in downloads if d[0].endswith(".csv")]
    assert sorted(csv_ids(csvs[1][1], "ko")) == ["B1", "B9"]
    assert sorted(csv_ids(csvs[0][1], "ko")) == sorted(drawn_ids(specs[0]))


def test_fixture_trend_draws_the_span_and_the_gap(query_data):
    """Hub A budgets on the fixture: the 2020–2022 cumulative figure is a segment, the plan a dashed series."""
    at = run_page("budgets", hubs=["h_a"], years=(2018, 2022))
    assert not at.exception
    trend = chart_specs(at)[0]
    span = next(t for t in trend["data"] if "B2" in (t.get("customdata") or []))
    xs = [x for x in span["x"] if x is not None]
    assert min(xs) <= 2020 and max(xs) >= 2022
    plan = next(t for t in trend["data"] if "B4" in (t.get("customdata") or []))
    assert plan["line"]["dash"] == "dash" and plan["marker"]["symbol"].endswith("-open")
    assert "누적" in span["name"]


def test_picked_metric_without_pairs_says_the_pairs_below_are_other_metrics(bundled):
    """Seoul's firms supported have no plan-actual pair: the section says so before showing other metrics' pairs."""
    pairs = data.query("plan_vs_actual", hubs=["seoul_ai_yangjae_hub"], families=["firms"])
    assert "firms_supported" not in set(pairs.metric) and len(pairs)  # the situation this test is about
    at = run_page("firms", hubs=["seoul_ai_yangjae_hub"], metric="firms_supported")
    assert not at.exception
    notes = [i.value for i in at.info]
    assert any("‘지원·육성 기업’에는 실적과 짝지을 수 있는 계획·목표가 없습니다" in n for n in notes), notes
    at = run_page("firms", hubs=["seoul_ai_yangjae_hub"], metric="firms_resident")
    assert not any("짝지을 수 있는 계획·목표가 없습니다" in i.value for i in at.info)


# --- the trend's scale: log when its figures are far apart, linear otherwise; the reader's pick is kept ----------
# By hand from data/budgets.csv (every kind, every year): programme budgets run from 5억원 (Incheon's 2020 plan) to
# 3.5조원 (Pohang's 2025–2035 plan), 7,000 times apart; total budgets from 144억원 to 1조원, 69 times apart.
LOG_NOTE_KO = i18n.t("scale.log_default", "ko", low="5억원", high="3.5조원", span=100)
# Pohang's programme budgets as reported (plans, each over its own span of years).
POHANG_PROGRAM = {2.5e9, 2.32e10, 2.58e10, 2e12, 3.5e12}


def url_scale(at: AppTest) -> list[str]:
    value = at.query_params.get("scale")
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def test_budgets_open_on_a_log_scale_and_say_why(bundled):
    at = run_page("budgets")
    assert not at.exception
    assert at.selectbox(key="budgets_metric").value == "budget_program"
    assert at.button_group(key="scale").value == "log"
    trend = chart_specs(at)[0]
    assert trend["layout"]["yaxis"]["type"] == "log"
    assert LOG_NOTE_KO in [c.value for c in at.caption]
    assert url_scale(at) == []  # the default stays out of the link


def test_log_default_draws_each_pohang_span_as_reported_never_summed(bundled):
    """On the log axis Pohang's 3.5조원 plan is still one segment over 2025–2035 at its own value."""
    at = run_page("budgets", hubs=["pohang_gyeongbuk_ai"])
    trend = chart_specs(at)[0]
    assert trend["layout"]["yaxis"]["type"] == "log"
    pohang = [
        t for t in trend["data"] if "pohang_gyeongbuk_ai-budget_program-2025-2035-plan-2" in (t.get("customdata") or [])
    ]
    assert len(pohang) == 1
    xs = [x for x in pohang[0]["x"] if x is not None]
    assert min(xs) <= 2025 and max(xs) >= 2035
    # Values drawn as marks (an end label's y is where its name stands, not a value).
    marks = [t for t in trend["data"] if t.get("meta", {}).get("shape") != "end_label"]
    drawn = {y for t in marks for y in (t.get("y") or []) if y is not None}
    assert drawn <= POHANG_PROGRAM, drawn - POHANG_PROGRAM


def test_a_scale_the_reader_picks_is_kept_and_linked(bundled):
    at = run_page("budgets")
    at.button_group(key="scale").set_value("linear").run()
    assert not at.exception
    assert chart_specs(at)[0]["layout"]["yaxis"].get("type", "linear") == "linear"
    assert LOG_NOTE_KO not in [c.value for c in at.caption]
    assert url_scale(at) == ["linear"]
    # The link opens the same view in a new session.
    again = AppTest.from_file(str(ROOT / "pages" / "budgets.py"), default_timeout=30)
    again.session_state["lang"] = "ko"
    again.query_params["scale"] = ["linear"]
    again.run()
    assert again.button_group(key="scale").value == "linear"
    assert chart_specs(again)[0]["layout"]["yaxis"].get("type", "linear") == "linear"
    assert url_scale(again) == ["linear"]


def test_each_metric_opens_on_its_own_default_until_the_reader_picks(bundled):
    at = run_page("budgets")
    at.selectbox(key="budgets_metric").set_value("budget_total").run()
    assert at.button_group(key="scale").value == "linear"  # 69 times apart: linear
    assert url_scale(at) == []
    at.button_group(key="scale").set_value("log").run()
    assert url_scale(at) == ["log"]  # not this metric's default
    at.selectbox(key="budgets_metric").set_value("budget_program").run()
    assert at.button_group(key="scale").value == "log"
    assert url_scale(at) == []  # the reader's log is this metric's default
    at.button_group(key="scale").set_value("linear").run()
    at.selectbox(key="budgets_metric").set_value("budget_total").run()
    assert at.button_group(key="scale").value == "linear" and url_scale(at) == []
    at.selectbox(key="budgets_metric").set_value("budget_program").run()
    assert at.button_group(key="scale").value == "linear" and url_scale(at) == ["linear"]


@pytest.mark.parametrize(
    "values, scale",
    [
        ([5e8, 8e8, 3.5e12], "log"),  # programme budgets: 7,000 times apart
        ([1.44e10, 2.41e10, 1e12], "linear"),  # total budgets: 69 times apart
        ([1.0, 100.0], "linear"),  # exactly 100 times: not more
        ([1.0, 100.5], "log"),
        ([0.0, 5.0, 5000.0], "linear"),  # a zero: no log axis at all
        ([-3.0, 500.0], "linear"),
        ([42.0], "linear"),
    ],
)
def test_default_scale_is_log_only_for_positive_figures_more_than_100_times_apart(values, scale):
    rows = pd.DataFrame({"value": values})
    assert family_view.default_scale(rows) == scale
