"""Pure helpers of the Hub and Sources pages: the timeline builder, the hub card, search, tables and citations."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import charts, data, export, fmt, hub_profile, i18n, sources_table
from dashboard.charts.text import display_width
from dashboard.charts.timeline import LABEL_WIDTH, label_lines, metric_tick, timeline_layout

ALL_KINDS = ["actual", "cumulative_actual", "plan", "target"]


def hub_rows(query_data):
    return data.query(
        "figures_by_hub_year", families=[], metrics=[], hubs=["h_a"], kinds=ALL_KINDS, year_from=2000, year_to=2100
    )


def test_timeline_draws_a_span_over_its_years_and_a_single_year_as_a_marker(query_data):
    """The 2018–2020 cumulative jobs figure is a segment from before 2018 to after 2020; 2020 is one marker."""
    rows = hub_rows(query_data)
    fig = charts.timeline(rows, lang="ko", color="#123456", title="t")
    spans = [t for t in fig.data if t.mode == "lines+markers"]
    markers = [t for t in fig.data if t.mode == "markers"]
    p1 = next(t for t in spans if "P1" in list(t.customdata))
    xs = [x for x in p1.x if x is not None]
    assert min(xs) < 2018 and max(xs) > 2020
    p3 = next(t for t in markers if "P3" in list(t.customdata))
    assert p3.x[list(p3.customdata).index("P3")] == 2020


def test_timeline_draws_every_row_once_so_the_download_matches(query_data):
    """The figure ids drawn equal the rows passed (what ui.chart_block offers for download)."""
    rows = hub_rows(query_data)
    fig = charts.timeline(rows, lang="en", color="#123456", title="t")
    assert sorted(charts.figure_ids(fig)) == sorted(export.figure_rows(rows, "en").figure_id)


def test_timeline_styles_kinds_apart_and_marks_part_year(query_data):
    """Plan is dashed/hollow, actual solid/filled; the Jan–Jun 2021 resident-firms figure is a short bar over
    its six months (not a dot that reads as the whole year)."""
    fig = charts.timeline(hub_rows(query_data), lang="en", color="#123456", title="t")
    by_id = {fid: t for t in fig.data for fid in t.customdata if fid is not None}
    assert by_id["B4"].marker.symbol == "circle-open"  # plan, single year
    assert by_id["B1"].marker.symbol == "circle"  # actual
    part = by_id["F2"]
    at = list(part.customdata).index("F2")
    # 2021 spans 2020.6–2021.4 on the axis; January to June is its first half.
    assert list(part.x)[at - 1 : at + 2] == pytest.approx([2020.6, 2020.8, 2021.0])
    assert "lines" in part.mode and part.marker.symbol[at] == "circle"
    assert by_id["B2"].line.dash == "solid" and by_id["B2"].mode == "lines+markers"  # cumulative span
    assert "line-ns" in by_id["B2"].marker.symbol  # end caps mark where the span starts and stops
    assert by_id["P2"].marker.symbol == "diamond-open"  # target
    assert "plan" in by_id["B4"].name and "part-year" in by_id["F2"].name


def test_timeline_legend_has_a_band_of_its_own_with_every_entry_on_a_phone_wide_row(query_data):
    """Placed as a share of a tall plot's height the legend left a gap of hundreds of pixels under the years on a
    phone, and its long entries were cut at the screen's edge: now entries are wrapped to a phone's width, in a
    band at the chart's foot tall enough for each on a row of its own; year labels stay level."""
    from dashboard.charts.text import LEGEND_WIDTH
    from dashboard.charts.theme import LEGEND_GAP_PX, LEGEND_LINE_PX

    for lang in ("ko", "en"):
        fig = charts.timeline(hub_rows(query_data), lang=lang, color="#123456", title="t")
        legend = fig.layout.legend
        # The legend hangs from the top of its band: on a wide screen the band's free part is at the very bottom.
        assert (legend.xref, legend.yref, legend.yanchor) == ("container", "container", "top")
        assert legend.y * fig.layout.height == pytest.approx(legend.maxheight)
        assert legend.orientation == "h"  # a vertical legend stops Plotly narrowing the chart with the window
        shown = [t for t in fig.data if t.showlegend is not False]
        lines = [line for t in shown for line in t.name.split("<br>")]
        assert len(lines) > len(shown), "some entry is long enough to wrap"
        assert max(display_width(line) for line in lines) <= LEGEND_WIDTH
        assert legend.maxheight >= 20 + LEGEND_LINE_PX * len(lines)
        assert fig.layout.margin.b == legend.maxheight + LEGEND_GAP_PX
        assert fig.layout.xaxis.tickangle == 0
        names = [line for text in fig.layout.yaxis.ticktext for line in text.split("<br>")]
        assert max(display_width(line) for line in names) <= LABEL_WIDTH


def test_a_long_metric_name_takes_two_lines_and_two_lanes_at_most():
    """Beside the lanes a metric name leaves the plot a phone's width: at most two lines of LABEL_WIDTH, the
    rest cut with "…", and a two-line name gets two lanes' height so it never runs into the next name."""
    name = "National budget, Gwangju's main AI projects and the programmes that follow them"
    tick = metric_tick(name)
    lines = tick.split("<br>")
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(display_width(line) <= LABEL_WIDTH for line in lines)
    assert metric_tick("Patents") == "Patents" and label_lines("Patents") == 1
    rows = pd.DataFrame(
        [
            {"figure_id": "L1", "metric": "m_long", "metric_label_en": name, "metric_label_ko": name},
            {"figure_id": "S1", "metric": "m_short", "metric_label_en": "Patents", "metric_label_ko": "특허"},
        ]
    ).assign(family="budgets", period_start=2020, period_end=2020, period_start_month=None, period_end_month=None)
    placed, ticks, n_slots = timeline_layout(rows, "en")
    assert n_slots == 3
    assert {t[1]: t[2] for t in ticks} == {name: 0.5, "Patents": 2}


def test_timeline_puts_overlapping_figures_of_one_metric_in_separate_lanes(query_data):
    """Budget 2020 actual, 2020 plan and the 2020–2022 span all overlap 2020: three different lanes."""
    rows = hub_rows(query_data)
    placed, ticks, _ = timeline_layout(rows[rows.metric == "budget_total"], "ko")
    lanes = {r["figure_id"]: r["_y"] for r in placed}
    assert len({lanes["B1"], lanes["B9"], lanes["B2"]}) == 3
    assert [t[1] for t in ticks] == ["총사업비"]


def test_profile_fields_say_no_data_instead_of_inventing(query_data):
    """Hub B has no operator, opening year or aliases: each reads 자료 없음."""
    hubs = data.query("hubs")
    fields = dict(hub_profile.profile_fields("h_b", hubs, "ko"))
    assert fields["운영 기관"] == fields["개소 연도"] == fields["이전 이름·다른 이름"] == "자료 없음"
    known = dict(hub_profile.profile_fields("h_a", hubs, "ko"))
    assert known["개소 연도"] == "2017" and known["이전 이름·다른 이름"] == "옛 가 센터, Old A centre"


def test_profile_shows_containment_both_ways(query_data):
    """Zone M is part of 'All zones'; the aggregate lists Zone M among what it contains."""
    hubs = data.query("hubs")
    assert dict(hub_profile.profile_fields("h_m", hubs, "en"))["Part of"] == "All zones"
    assert dict(hub_profile.profile_fields("agg", hubs, "en"))["Hubs it contains"] == "Zone M"


def test_default_hub_is_the_first_pick_else_the_best_covered(query_data):
    """A sidebar pick wins; without one, the hub with most figures."""
    hubs = data.query("hubs")
    assert hub_profile.default_hub(["nope", "h_b"], hubs) == "h_b"
    assert hub_profile.default_hub([], hubs) == "h_a"


def test_search_is_case_insensitive_plain_substring():
    """Regex characters are matched literally; case does not matter; empty search keeps everything."""
    rows = pd.DataFrame(
        {
            "hub_name_ko": ["가 허브", "나 허브", "다 허브"],
            "hub_name_en": ["Hub A", "Hub B", "Hub C"],
            "metric": ["m", "m", "m"],
            "publisher": ["Yonhap", "연합뉴스", None],
            "quote": ["(9월 말) 434억", "x.y", "xzy"],
        }
    )
    assert list(sources_table.search(rows, "hub a").index) == [0]
    assert list(sources_table.search(rows, "YONHAP").index) == [0]
    assert list(sources_table.search(rows, "(9월").index) == [0]
    assert list(sources_table.search(rows, "x.y").index) == [1]
    assert list(sources_table.search(rows, ".*").index) == []
    assert len(sources_table.search(rows, "  ")) == 3


def test_display_table_has_one_row_per_figure_and_source(query_data):
    """B1 has a primary and a further source: two rows, marked as such, values formatted."""
    rows = data.query("figures_with_sources", hubs=["h_a"], kinds=["actual"], year_from=2020, year_to=2020)
    table = sources_table.display_table(rows, "ko")
    assert len(table) == len(rows)
    b1 = table[rows.figure_id.to_numpy() == "B1"]
    assert list(b1["role"]) == ["주 출처", "추가 출처"]
    assert set(b1["value_formatted"]) == {"100억원"}
    assert list(b1["published"]) == ["2020.1.2", "2021.5"]


def test_citations_list_each_source_once_with_a_citation_line(query_data):
    """Each source once, with fmt.citation's line and how many figures it reports."""
    rows = data.query("figures_with_sources", hubs=[], kinds=ALL_KINDS, year_from=2000, year_to=2100)
    cites = sources_table.citations(rows, "ko")
    assert len(cites) == rows.source_id.nunique() == 3
    first = cites[cites.publisher == "가신문"].iloc[0]
    assert first["citation"] == fmt.citation("가신문", "가 허브 소식", "2020-01-02", "https://example.org/a", "ko")
    assert first["n_figures"] == rows[rows.source_id == "S1"].figure_id.nunique()


def test_export_table_keeps_source_title_and_role(query_data):
    """The full download carries every figure × source row with its source title and role."""
    rows = data.query("figures_with_sources", hubs=[], kinds=ALL_KINDS, year_from=2000, year_to=2100)
    out = sources_table.export_table(rows, "en")
    assert len(out) == len(rows)
    assert set(out["source_role"]) == {"primary", "further"}
    assert "Zones report" in set(out["source_title"])


def test_data_dictionary_translates_labels_and_units(query_data):
    """Labels, units and families in the chosen language, in family order."""
    table = sources_table.data_dictionary(data.query("metrics"), "en")
    assert list(table["family"])[0] == i18n.t("family.budgets", "en")
    assert table.set_index("metric").loc["firms_resident", "unit"] == "firms"
    assert table.set_index("metric").loc["budget_total", "label"] == "Total budget"
