"""The Overview page (AppTest): cards, map and coverage render on the bundled data and on the tiny fixture."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard import fmt, i18n, overview_page, url_state
from dashboard import overview_view as view
from tests.conftest import QUERY_FIXTURE, ROOT, page_app


def run_page(lang="ko", region=(), hubs=(), years=None, kinds=("actual",), before_run=None, grid_open=True) -> AppTest:
    """The Overview, run once; `grid_open`: with the coverage grid's expander opened (as after a click on it)."""
    state = {overview_page.COVERAGE_OPEN_KEY: True} if grid_open else {}
    at = page_app("overview", lang=lang, region=region, hubs=hubs, years=years, kinds=kinds, **state)
    if before_run:
        before_run(at)
    at.run()
    return at


def markdown_text(at: AppTest) -> str:
    """Markdown and captions as shown (markdown escapes removed)."""
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption]).replace("\\", "")


def test_overview_renders_cards_map_and_coverage_on_bundled_data(bundled):
    """No exception; two Plotly charts (map, coverage); Gwangju's latest actual budget (4,300억원) on its card.

    The 4,300억 "2020년부터 5년간 … 투입해" is a running total (cumulative_actual, docs/data-audit.md); the card
    takes the latest actual or cumulative figure and says which."""
    budgets = pd.read_csv(ROOT / "data" / "budgets.csv")
    row = budgets[
        (budgets.hub_id == "gwangju_ai_cluster")
        & (budgets.metric == "budget_total")
        & (budgets.kind == "cumulative_actual")
        & (budgets.period_end == 2024)
    ]
    assert list(row.value) == [430000000000]  # the real figure the card must show
    at = run_page(years=(2015, 2030))
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2
    text = markdown_text(at)
    assert fmt.krw(430000000000, "ko") == "4,300억원"
    assert "4,300억원" in text
    metrics = pd.read_csv(ROOT / "data" / "metrics.csv").set_index("metric")
    assert f"{metrics.loc['budget_total', 'label_ko']} · 2020–2024 누적" in text


def test_the_coverage_grid_is_drawn_only_once_its_expander_is_opened(bundled):
    """A first visit draws the map alone (the grid held its first paint back); opening the expander draws the grid."""
    closed = run_page(years=(2015, 2030), grid_open=False)
    assert not closed.exception
    assert [e.label for e in closed.expander] == ["허브·연도별 격자 보기"]
    assert len(closed.get("plotly_chart")) == 1
    assert i18n.t("overview.coverage.caption", "ko") not in [c.value for c in closed.caption]
    # The user opens it: the expander's state is the widget value the browser sends, and the page runs again.
    closed.session_state[overview_page.COVERAGE_OPEN_KEY] = True
    opened = closed.run()
    assert not opened.exception
    charts = opened.get("plotly_chart")
    assert len(charts) == 2
    assert '"role": "cells"' in charts[1].proto.spec or '"role":"cells"' in charts[1].proto.spec
    assert i18n.t("overview.coverage.caption", "ko") in [c.value for c in opened.caption]


def test_title_is_english_when_lang_is_en(bundled):
    """The page speaks English when the language filter says en."""
    at = run_page(lang="en")
    assert not at.exception
    assert at.title[0].value == "Korea's regional AI hubs at a glance"
    text = markdown_text(at)
    # Money on the cards is written the English way (KRW 107.6 bn), never as 억원 / 조원.
    assert "KRW" in text and "억원" not in text and "조원" not in text


def test_region_without_hubs_gives_a_message_not_an_exception(bundled):
    """Jeju has no hub: a friendly message and no chart."""
    at = run_page(region=["39"])
    assert not at.exception
    assert [i.value for i in at.info] == [i18n.t("msg.no_hubs", "ko")]
    assert len(at.get("plotly_chart")) == 0


def test_more_than_eight_hubs_show_eight_cards_and_say_how_many_more(bundled):
    """Every bundled hub selected: eight cards (one bold hub name each) and a note counting the others."""
    n_hubs = len(pd.read_csv(ROOT / "data" / "hubs.csv"))
    assert n_hubs > view.CARD_LIMIT
    at = run_page(lang="en")
    card_names = [m.value for m in at.markdown if m.value.startswith("**")]
    assert len(card_names) == view.CARD_LIMIT
    assert i18n.t("overview.cards.more", "en", shown=8, n=n_hubs - 8) in markdown_text(at)


def test_two_picked_hubs_get_two_cards_and_a_gap_is_a_dash_not_zero(bundled):
    """Picking two hubs gives two cards; a family without an actual figure shows the gap sign and says so."""
    at = run_page(lang="en", hubs=["gwangju_ai_cluster", "busan_centum_digital_hub"])
    assert not at.exception
    assert len([m for m in at.markdown if m.value.startswith("**")]) == 2
    # Each family's block is one markdown element; its value is the block's heading line.
    values = [line for m in at.markdown for line in m.value.split("\n") if line.startswith("#####")]
    assert len(values) == 8
    gaps = [v for v in values if v == f"##### {fmt.MISSING}"]
    assert len(gaps) == markdown_text(at).count("no actual figure") > 0
    assert "##### 0" not in values


def test_map_totals_on_the_fixture_are_exact_and_aggregates_are_not_added(monkeypatch):
    """Fixture, 2020 actual budgets: Seoul 150억 (two hubs), Gyeongnam 30억 (not the 300억 aggregate),
    Gwangju (two versions) and Ulsan (two parts of one plan) no total."""
    monkeypatch.setenv("HUBS_DATA_DIR", str(QUERY_FIXTURE))
    at = run_page(years=(2018, 2022))
    assert not at.exception
    assert at.selectbox(key=url_state.MAP_METRIC).value == "budget_total"
    assert at.selectbox(key=url_state.MAP_PERIOD).value == "actual|2020|2020|1|12"
    header = [i18n.t(f"overview.map.col.{k}", "ko") for k in ("region", "total", "hubs")]
    # AppTest does not expose a dataframe's key: find the province table by its header.
    table = next(d.value for d in at.dataframe if list(d.value.columns) == header)
    got = dict(zip(table.iloc[:, 0], table.iloc[:, 1]))
    no_total = i18n.t("overview.map.conflict_cell", "ko")
    assert got == {"서울": "150억원", "경남": "30억원", "광주": no_total, "울산": no_total}


def test_changing_the_map_metric_redraws_without_error(monkeypatch):
    """Picking another metric in the map's picker reruns cleanly and offers that metric's periods."""
    monkeypatch.setenv("HUBS_DATA_DIR", str(QUERY_FIXTURE))
    at = run_page(years=(2018, 2022))
    assert len(at.selectbox(key=url_state.MAP_METRIC).options) > 1
    at.selectbox(key=url_state.MAP_METRIC).select("firms_resident").run()
    assert not at.exception
    assert at.selectbox(key=url_state.MAP_METRIC).value == "firms_resident"
    assert at.selectbox(key=url_state.MAP_PERIOD).value.startswith("actual|")
    assert len(at.get("plotly_chart")) == 2


def test_no_kinds_still_draws_hub_locations_and_explains(monkeypatch):
    """With every kind switched off, the map says there is nothing to shade but still shows where hubs are."""
    monkeypatch.setenv("HUBS_DATA_DIR", str(QUERY_FIXTURE))
    at = run_page(years=(2018, 2022), kinds=())
    assert not at.exception
    assert i18n.t("overview.map.no_options", "ko") in [i.value for i in at.info]
    assert len(at.get("plotly_chart")) == 2
