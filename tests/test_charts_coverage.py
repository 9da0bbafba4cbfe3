"""The coverage matrix builder: distinct marks per kind of coverage, every cell drawn exactly once, a full key."""

from __future__ import annotations

import random
from collections import Counter

import pandas as pd
import pytest

from dashboard import charts, i18n, schema
from dashboard import overview_view as view
from dashboard.charts import coverage

MARKS = ("actual", "cumulative", "plan_target", "missing")


def cells_frame(n_hubs: int, years: range, seed: int = 7) -> pd.DataFrame:
    """coverage_matrix-shaped cells generated at run time: every hub x year x family, marks drawn at random."""
    rng = random.Random(seed)
    rows = []
    for h in range(n_hubs):
        for family in schema.FAMILIES:
            for year in years:
                mark = rng.choice(MARKS)
                rows.append(
                    {
                        "hub_id": f"hub_{h:02d}",
                        "hub_name_ko": f"허브 {h}",
                        "hub_name_en": f"Hub number {h}",
                        "year": year,
                        "family": family,
                        "mark": mark,
                        "n_figures": 0 if mark == "missing" else rng.randint(1, 4),
                    }
                )
    return pd.DataFrame(rows)


def cell_traces(fig):
    return [t for t in fig.data if (t.meta or {}).get("role") == "cells"]


def drawn_cells(fig) -> list[tuple]:
    """(hub_id, year, family, mark, n_figures) of every point drawn, from the traces' customdata."""
    return [tuple(c) for t in cell_traces(fig) for c in t.customdata]


def test_each_mark_has_its_own_symbol():
    """Actual, cumulative, plan/target and missing are four different marker symbols, not only colours."""
    symbols = [coverage.COVERAGE_MARK_STYLE[m]["symbol"] for m in MARKS]
    assert len(set(symbols)) == 4
    assert coverage.COVERAGE_MARK_STYLE["plan_target"]["symbol"].endswith("-open")
    assert not coverage.COVERAGE_MARK_STYLE["actual"]["symbol"].endswith("-open")


def test_traces_use_the_symbol_of_their_mark_and_missing_never_looks_actual():
    """Each drawn point's marker is its mark's style; no missing cell is drawn with the actual symbol."""
    fig = charts.coverage_matrix(cells_frame(4, range(2018, 2024)), lang="en", title="t")
    for trace in cell_traces(fig):
        marks = {c[3] for c in trace.customdata}
        assert marks == {trace.meta["mark"]}
        assert trace.marker.symbol == coverage.COVERAGE_MARK_STYLE[trace.meta["mark"]]["symbol"]
    missing_symbols = {t.marker.symbol for t in cell_traces(fig) if t.meta["mark"] == "missing"}
    assert missing_symbols and coverage.COVERAGE_MARK_STYLE["actual"]["symbol"] not in missing_symbols
    actual_sizes = {t.marker.size for t in cell_traces(fig) if t.meta["mark"] == "actual"}
    assert all(t.marker.size < min(actual_sizes) for t in cell_traces(fig) if t.meta["mark"] == "missing")


def test_every_cell_is_drawn_exactly_once():
    """13 hubs x 15 years x 4 families: each cell once, with its own mark and figure count."""
    cells = cells_frame(13, range(2015, 2030))
    fig = charts.coverage_matrix(cells, lang="ko", title="t")
    drawn = drawn_cells(fig)
    keys = Counter(d[:3] for d in drawn)
    assert len(drawn) == len(cells) == 13 * 15 * 4
    assert set(keys.values()) == {1}
    expected = {(r.hub_id, r.year, r.family, r.mark, r.n_figures) for r in cells.itertuples()}
    assert set(drawn) == expected


def test_one_panel_per_family_and_hubs_in_the_given_order():
    """Four panels, each listing the hubs top to bottom in `hub_order`."""
    cells = cells_frame(3, range(2020, 2023))
    order = ["hub_02", "hub_00", "hub_01"]
    fig = charts.coverage_matrix(cells, lang="en", title="t", hub_order=order)
    layout = fig.to_plotly_json()["layout"]
    yaxes = [k for k in layout if k.startswith("yaxis")]
    assert len(yaxes) == 4
    assert list(layout["yaxis"]["categoryarray"]) == ["Hub number 2", "Hub number 0", "Hub number 1"]
    titles = [a["text"] for a in layout["annotations"]]
    assert titles == [i18n.t(f"family.{f}", "en") for f in schema.FAMILIES]


def test_legend_names_every_mark_once_even_when_absent():
    """The key lists all four marks, in order, once each, even if the selection has no plan figure."""
    cells = cells_frame(2, range(2020, 2022))
    cells.loc[cells.mark == "plan_target", ["mark", "n_figures"]] = ["missing", 0]
    fig = charts.coverage_matrix(cells, lang="en", title="t")
    shown = sorted(((t.legendrank, t.name) for t in fig.data if t.showlegend is not False), key=lambda x: x[0])
    assert [name for _, name in shown] == [i18n.t(f"coverage.mark.{m}", "en") for m in MARKS]
    assert drawn_cells(fig) and all(c[3] != "plan_target" for c in drawn_cells(fig))


def test_hover_names_hub_year_family_mark_and_count():
    """The hover of a cell says which hub, year, family, mark and how many figures."""
    cells = pd.DataFrame(
        [
            {
                "hub_id": "g",
                "hub_name_ko": "광주 <집적단지>",
                "hub_name_en": "Gwangju",
                "year": 2021,
                "family": "budgets",
                "mark": "cumulative",
                "n_figures": 3,
            }
        ]
    )
    fig = charts.coverage_matrix(cells, lang="ko", title="t")
    hover = cell_traces(fig)[0].hovertext[0]
    for part in ("광주 &lt;집적단지&gt;", "2021", "예산", i18n.t("coverage.mark.cumulative", "ko"), "수치 3개"):
        assert part in hover


def test_long_names_are_clipped_but_stay_distinct():
    """Y labels are short enough for a phone; two names that clip alike fall back to the full names."""
    cells = cells_frame(2, range(2020, 2021))
    cells["hub_name_en"] = cells["hub_id"].map(
        {"hub_00": "A very long hub name number one", "hub_01": "A very long hub name number two"}
    )
    fig = charts.coverage_matrix(cells, lang="en", title="t")
    labels = list(fig.layout.yaxis.categoryarray)
    assert labels == ["A very long hub name number one", "A very long hub name number two"]
    cells["hub_name_en"] = cells["hub_id"].map({"hub_00": "Short", "hub_01": "Another rather long hub name"})
    labels = list(charts.coverage_matrix(cells, lang="en", title="t").layout.yaxis.categoryarray)
    assert labels[0] == "Short" and labels[1].endswith("…") and len(labels[1]) <= coverage.COVERAGE_LABEL_WIDTH
    # Hangul is twice as wide as Latin on screen, so a Korean label keeps about half as many characters.
    cells["hub_name_ko"] = cells["hub_id"].map(
        {"hub_00": "광주 인공지능 중심 산업융합 집적단지", "hub_01": "인천 스타트업파크"}
    )
    labels = list(charts.coverage_matrix(cells, lang="ko", title="t").layout.yaxis.categoryarray)
    assert labels == ["광주 인공지능 중심…", "인천 스타트업파크"]


@pytest.mark.parametrize("n_hubs", [1, 13])
def test_height_gives_every_hub_row_enough_room(n_hubs):
    """Each hub row keeps at least 18 px per panel, so 13 hubs x 4 panels stays readable."""
    fig = charts.coverage_matrix(cells_frame(n_hubs, range(2015, 2030)), lang="en", title="t")
    plot_height = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    for axis in ("yaxis", "yaxis2", "yaxis3", "yaxis4"):
        low, high = fig.layout[axis].domain
        assert (high - low) * plot_height / n_hubs >= 18


def test_download_rows_are_the_cells():
    """The coverage download has exactly one row per cell drawn, with names and marks in the language."""
    cells = cells_frame(3, range(2019, 2022))
    fig = charts.coverage_matrix(cells, lang="en", title="t")
    rows = view.coverage_rows(cells, "en")
    assert len(rows) == len(drawn_cells(fig))
    assert set(zip(rows.hub_id, rows.year)) == {(c[0], c[1]) for c in drawn_cells(fig)}
    assert set(rows["mark"]) <= {i18n.t(f"coverage.mark.{m}", "en") for m in MARKS}
