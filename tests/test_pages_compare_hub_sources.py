"""AppTest runs of the Compare, Hub and Sources & data pages on the bundled data, with the filters seeded."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import compare, data, fmt, i18n, schema, sources_table
from tests.conftest import ALL_YEARS, page_app

ALL_KINDS = list(schema.KINDS)
GWANGJU, YANGJAE = "gwangju_ai_cluster", "seoul_ai_yangjae_hub"


pytestmark = pytest.mark.usefixtures("bundled")  # these pages run on the bundled data/ folder


def run_page(page: str, *, lang: str = "ko", hubs=(), kinds=("actual",), years=None, **state) -> AppTest:
    """Seed the shared filters (and any page keys) and run one page script."""
    at = page_app(page, lang=lang, hubs=hubs, years=years or ALL_YEARS, kinds=kinds, **state).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at: AppTest) -> list:
    return at.get("plotly_chart")


def chart_spec(at: AppTest, key: str) -> dict:
    """The Plotly JSON of the chart drawn with ui.chart_block(key=...)."""
    found = [c for c in charts(at) if c.proto.id.endswith(f"chart-{key}")]
    assert len(found) == 1, [c.proto.id for c in charts(at)]
    return json.loads(found[0].proto.spec)


def table_with(at: AppTest, column: str):
    """The one dataframe on screen that has `column` (dataframes carry no key in AppTest)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1
    return found[0]


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements).replace("\\", "")


# --- Compare -------------------------------------------------------------------------------------


def test_compare_with_one_hub_asks_for_two():
    """One chosen hub: a prompt to pick two, and no chart."""
    at = run_page("compare", compare_hubs=[GWANGJU])
    assert i18n.t("compare.need_two", "ko") in texts(at.info)
    assert charts(at) == []


def test_compare_draws_one_chart_per_comparable_metric_and_explains_the_rest():
    """Incheon vs Yangjae, all kinds: a chart per metric with a shared group, a 'not comparable' box per other.

    (Gwangju and Yangjae no longer share a period, kind and part of any metric once the re-read gave cohorts,
    programmes and as-of months their own labels.)"""
    pair = ["incheon_startup_park", YANGJAE]
    at = run_page("compare", kinds=ALL_KINDS, compare_hubs=pair)
    rows = data.query("comparable_figures", hubs=pair, kinds=ALL_KINDS)
    expected = compare.compare_metrics(rows, data.query("hubs"))
    comparable = [c for c in expected if c.comparable]
    assert comparable and len(comparable) < len(expected)
    assert len(charts(at)) == len(comparable)
    assert texts(at.warning).count(i18n.t("compare.not_comparable", "ko")) == len(expected) - len(comparable)
    first = comparable[0]
    spec = chart_spec(at, f"compare-{first.metric}")
    group = first.groups[0]
    assert spec["data"][0]["customdata"] == list(group["figure_id"])
    assert spec["data"][0]["text"] == [fmt.number(v, u, "ko") for v, u in zip(group["value"], group["unit"])]


def test_compare_warns_about_double_counting_an_aggregate_and_its_member():
    """The 14-zone aggregate holds Changwon (through the Gyeongnam aggregate): a double-counting warning."""
    at = run_page("compare", kinds=ALL_KINDS, compare_hubs=["gangso_14_zones", "changwon_gangso_zone"])
    hubs = data.query("hubs").set_index("hub_id")
    expected = i18n.t(
        "compare.double_counting",
        "ko",
        aggregate=hubs.loc["gangso_14_zones", "name_ko"],
        member=hubs.loc["changwon_gangso_zone", "name_ko"],
    )
    assert expected in texts(at.warning)


def test_compare_default_takes_the_sidebar_picks():
    """Without a page choice, the sidebar's picked hubs are compared."""
    at = run_page("compare", hubs=[YANGJAE, "incheon_startup_park"])
    assert at.multiselect(key="compare_hubs").value == [YANGJAE, "incheon_startup_park"]


def test_compare_shows_derived_ratios_with_both_sources():
    """Each ratio with a comparable pair gets a table whose rows name both figures' sources."""
    at = run_page("compare", kinds=ALL_KINDS, compare_hubs=[GWANGJU, YANGJAE])
    present = [
        r
        for r in compare.RATIOS
        if not compare.ratio_rows(
            data.query("derived_ratios", hubs=[GWANGJU, YANGJAE], numerator=r.numerator, denominator=r.denominator),
            ALL_KINDS,
        ).empty
    ]
    assert present
    shown = [s.value for s in at.subheader if s.value in {i18n.t(f"ratio.{r.key}", "ko") for r in compare.RATIOS}]
    assert shown == [i18n.t(f"ratio.{r.key}", "ko") for r in present]
    numerator_source = i18n.t("compare.col.numerator_source", "ko")
    tables = [d.value for d in at.dataframe if numerator_source in d.value.columns]
    assert len(tables) == len(present)
    assert all(t[numerator_source].str.len().gt(0).all() for t in tables)


def test_compare_offers_other_shared_periods_most_recent_first(tmp_path, monkeypatch):
    """Two hubs sharing a metric in several exact periods: the most recent is drawn first, the next one pick away.

    The bundled data has no such pair since its labels were corrected, so a synthetic folder provides one."""
    from bench import synth

    synth.write_data(tmp_path, 6000, n_hubs=12, n_sources=5)
    monkeypatch.setenv("HUBS_DATA_DIR", str(tmp_path))
    hub_ids = sorted(data.query("hubs").hub_id)
    found = None
    for i, a in enumerate(hub_ids):
        for b in hub_ids[i + 1 :]:
            rows = data.query("comparable_figures", hubs=[a, b], kinds=["actual"])
            for c in compare.compare_metrics(rows, data.query("hubs")):
                if c.comparable and len(c.groups) >= 2:
                    found = ([a, b], c)
                    break
            if found:
                break
        if found:
            break
    assert found, "the synthetic folder should hold a pair with several shared periods"
    pair, item = found
    groups = item.groups
    # Most recent first: the first group's period ends no earlier than the second's.
    assert int(groups[0]["period_end"].iloc[0]) >= int(groups[1]["period_end"].iloc[0])
    at = run_page("compare", compare_hubs=pair)
    picker = at.selectbox(key=f"compare_period_{item.metric}")
    assert picker.options[0] == i18n.t(
        "compare.group_option", "ko", period=compare.group_label(groups[0], "ko"), n=groups[0]["hub_id"].nunique()
    )
    assert chart_spec(at, f"compare-{item.metric}")["data"][0]["customdata"] == list(groups[0]["figure_id"])
    picker.set_value(compare.group_label(groups[1], "ko")).run()
    assert not at.exception
    assert chart_spec(at, f"compare-{item.metric}")["data"][0]["customdata"] == list(groups[1]["figure_id"])


def test_compare_title_in_english():
    """lang=en gives the English title."""
    at = run_page("compare", lang="en", compare_hubs=[GWANGJU, YANGJAE])
    assert at.title[0].value == "Compare hubs"


# --- Hub profile ---------------------------------------------------------------------------------


def test_hub_page_shows_the_timeline_and_real_figures():
    """Gwangju, all kinds: one timeline chart with every figure, and its 2020–2024 total budget in the table."""
    at = run_page("hub", kinds=ALL_KINDS, hub_profile=GWANGJU)
    lo, hi = (int(v) for v in data.query("year_bounds").iloc[0])
    rows = data.query(
        "figures_by_hub_year", families=[], metrics=[], hubs=[GWANGJU], kinds=ALL_KINDS, year_from=lo, year_to=hi
    )
    assert len(charts(at)) == 1
    spec = chart_spec(at, "hub-timeline")
    drawn = [fid for trace in spec["data"] for fid in (trace.get("customdata") or []) if fid]
    assert sorted(drawn) == sorted(rows.figure_id)
    # 4,300억 "2020년부터 5년간 … 투입해": a running total to 2024 (docs/data-audit.md)
    (budget,) = [r for _, r in rows[(rows.metric == "budget_total") & (rows.kind == "cumulative_actual")].iterrows()]
    assert (budget["value"], budget["period_start"], budget["period_end"]) == (430000000000, 2020, 2024)
    table = table_with(at, "value_formatted")
    assert len(table) == len(rows)
    assert fmt.number(budget["value"], budget["unit"], "ko") in set(table["value_formatted"])


def test_hub_page_says_no_data_for_missing_fields():
    """Busan Centum has no operator or opening year in the data: the card says 자료 없음, nothing invented."""
    at = run_page("hub", hub_profile="busan_centum_digital_hub")
    card = texts(at.markdown)
    assert f"{i18n.t('hub.operator', 'ko')}**: {i18n.t('hub.no_data', 'ko')}" in card
    assert f"{i18n.t('hub.opened_year', 'ko')}**: {i18n.t('hub.no_data', 'ko')}" in card


def test_hub_page_default_is_the_first_sidebar_pick_and_aggregates_are_flagged():
    """The sidebar's first hub is shown; an aggregate gets the 'never add' note."""
    at = run_page("hub", hubs=["gangso_14_zones", GWANGJU])
    assert at.selectbox(key="hub_profile").value == "gangso_14_zones"
    assert i18n.t("hub.aggregate_note", "ko") in texts(at.info)


def test_hub_page_lists_its_sources_with_counts():
    """The sources table has one row per source of the hub's figures, with figure counts."""
    at = run_page("hub", hub_profile=YANGJAE)
    lo, hi = (int(v) for v in data.query("year_bounds").iloc[0])
    expected = data.query("figures_with_sources", hubs=[YANGJAE], kinds=["actual"], year_from=lo, year_to=hi)
    sources = table_with(at, "n_figures")
    assert len(sources) == expected.source_id.nunique()
    assert sources["n_figures"].sum() == expected.groupby("source_id").figure_id.nunique().sum()


def test_hub_page_in_english():
    """lang=en gives the English title and the English hub name as header."""
    at = run_page("hub", lang="en", hub_profile=GWANGJU)
    assert at.title[0].value == "One hub in detail"
    name_en = data.query("hubs").set_index("hub_id").loc[GWANGJU, "name_en"]
    # The header is markdown with the data text escaped (a hub name is shown, never rendered).
    assert name_en in [h.value.replace("\\", "") for h in at.header]


# --- Sources & data ------------------------------------------------------------------------------


def test_sources_table_has_exactly_the_query_rows():
    """The table has one row per figure × source of the filtered query."""
    at = run_page("sources", hubs=[GWANGJU])
    lo, hi = (int(v) for v in data.query("year_bounds").iloc[0])
    expected = data.query("figures_with_sources", hubs=[GWANGJU], kinds=["actual"], year_from=lo, year_to=hi)
    table = table_with(at, "role")
    assert len(table) == len(expected) > 0
    assert list(table["quote"]) == list(expected["quote"])


def test_sources_search_narrows_the_table():
    """Searching '광주' keeps only matching rows, as sources_table.search does."""
    at = run_page("sources")
    before = len(table_with(at, "role"))
    at.text_input(key="sources_search").input("광주").run()
    assert not at.exception
    lo, hi = (int(v) for v in data.query("year_bounds").iloc[0])
    rows = data.query("figures_with_sources", hubs=[], kinds=["actual"], year_from=lo, year_to=hi)
    after = len(table_with(at, "role"))
    assert after == len(sources_table.search(rows, "광주"))
    assert 0 < after < before


def test_sources_all_figures_toggle_ignores_the_filters():
    """With the toggle on, every figure × source row is listed whatever the filters say."""
    at = run_page("sources", hubs=[GWANGJU], kinds=["plan"])
    filtered = len(table_with(at, "role"))
    at.toggle(key="sources_all").set_value(True).run()
    everything = data.query(
        "figures_with_sources", hubs=[], kinds=ALL_KINDS, year_from=schema.YEAR_MIN, year_to=schema.YEAR_MAX
    )
    assert len(table_with(at, "role")) == len(everything) > filtered


def test_sources_page_has_citation_dictionary_and_credits_in_english():
    """English title, the dashboard citation, a dictionary row per metric, the map credit."""
    at = run_page("sources", lang="en")
    assert at.title[0].value == "Sources and data"
    assert at.code[0].value.startswith("Korea AI Hubs Dashboard")
    assert len(table_with(at, "description")) == len(data.query("metrics"))
    assert "KOGL" in texts(at.caption)
