"""The fast paths give the same answers as the slow ones: cached views, bounded charts at scale."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bench import synth
from dashboard import compare_view, data, family_view, i18n, memo, overview_page, overview_view, schema, url_state
from tests.conftest import ALL_YEARS, page_app

# --------------------------------------------------------------------------------------------- pages at scale


@pytest.fixture(scope="module")
def many_hubs(tmp_path_factory) -> Path:
    """A synthetic folder with 60 hubs: more than the trend and the coverage grid draw at once."""
    folder = tmp_path_factory.mktemp("many-hubs")
    synth.write_data(folder, 6000, n_hubs=60, n_sources=5)
    return folder


def seeded(page: str, *, kinds=("actual", "plan"), lang: str = "ko") -> AppTest:
    return page_app(page, lang=lang, years=ALL_YEARS, kinds=kinds, timeout=120)


def drawn_ids(spec: dict) -> list[str]:
    return [c for trace in spec["data"] for c in (trace.get("customdata") or []) if isinstance(c, str)]


def csv_column(payload: bytes, column: str, lang: str = "ko") -> list[str]:
    import csv
    import io

    return [row[i18n.t(f"csv.{column}", lang)] for row in csv.DictReader(io.StringIO(payload.decode("utf-8-sig")))]


def test_trend_with_many_hubs_draws_the_busiest_says_so_and_downloads_what_it_drew(many_hubs, monkeypatch, downloads):
    """At most TREND_MAX_HUBS hubs are drawn (most figures first), a caption says how many of how many, and the
    download holds exactly the drawn figures."""
    import json

    monkeypatch.setenv("HUBS_DATA_DIR", str(many_hubs))
    at = seeded("budgets").run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    ids = drawn_ids(spec)
    metric = at.selectbox(key="budgets_metric").value
    bounds = data.query("year_bounds").iloc[0]
    rows = data.query(
        "figures_by_hub_year",
        families=["budgets"],
        metrics=[metric],
        hubs=[],
        kinds=["actual", "plan"],
        year_from=int(bounds["year_min"]),
        year_to=int(bounds["year_max"]),
    )
    counts = rows.groupby("hub_id").size()
    assert len(counts) > family_view.TREND_MAX_HUBS
    expected = sorted(counts.index, key=lambda h: (-int(counts[h]), h))[: family_view.TREND_MAX_HUBS]
    drawn_hubs = set(rows.set_index("figure_id").loc[ids, "hub_id"])
    assert drawn_hubs == set(expected)
    assert sorted(ids) == sorted(rows[rows["hub_id"].isin(expected)]["figure_id"])
    assert sorted(csv_column(downloads[0][1], "figure_id")) == sorted(ids)
    caption = i18n.t("family_page.trend.bounded", "ko", shown=family_view.TREND_MAX_HUBS, total=len(counts))
    assert caption in [c.value for c in at.caption]


def test_coverage_with_many_hubs_shows_the_busiest_and_downloads_the_cells_drawn(many_hubs, monkeypatch, downloads):
    """The coverage grid keeps COVERAGE_MAX_HUBS hubs, says so, and its download has one row per drawn cell."""
    import json

    monkeypatch.setenv("HUBS_DATA_DIR", str(many_hubs))
    at = seeded("overview")
    at.session_state[overview_page.COVERAGE_OPEN_KEY] = True  # the grid is drawn once its expander is opened
    at.run()
    assert not at.exception
    grid = json.loads(at.get("plotly_chart")[1].proto.spec)
    cells = [
        c for trace in grid["data"] if (trace.get("meta") or {}).get("role") == "cells" for c in trace["customdata"]
    ]
    hubs = {c[0] for c in cells}
    assert len(hubs) == overview_view.COVERAGE_MAX_HUBS
    rows = csv_column([d for d in downloads if d[0].endswith(".csv")][-1][1], "hub_id")
    assert len(rows) == len(cells) and set(rows) == hubs
    bounds = data.query("year_bounds").iloc[0]
    total = data.query("coverage_matrix", hubs=[], year_from=int(bounds["year_min"]), year_to=int(bounds["year_max"]))[
        "hub_id"
    ].nunique()
    assert total > len(hubs)
    assert i18n.t("overview.coverage.bounded", "ko", shown=len(hubs), total=total) in [c.value for c in at.caption]


def test_compare_page_reruns_when_a_later_metric_has_other_periods(tmp_path, monkeypatch):
    """Regression: the period picker's labels came from a lambda over the loop's last metric, so the second run
    failed with "'2008 실적' is not in list"; every picker's value must format into its own options."""
    synth.write_data(tmp_path, 6000, n_hubs=12, n_sources=5)
    monkeypatch.setenv("HUBS_DATA_DIR", str(tmp_path))
    bounds = data.query("year_bounds").iloc[0]
    years = (int(bounds["year_min"]), int(bounds["year_max"]))

    def periods_shared(pair: tuple) -> int:
        """How many metrics the pair shares in more than one exact period (each such metric gets a picker)."""
        shown = compare_view.comparison(pair, ("actual", "plan"), *years, "ko")
        return sum(1 for m in shown.metrics if m.comparable and len(m.groups) > 1)

    # A pair with at least two metrics that each have several shared periods: the case of the regression.
    pair = next(p for p in itertools.combinations(sorted(data.query("hubs").hub_id), 2) if periods_shared(p) >= 2)
    at = seeded("compare")
    at.session_state[url_state.COMPARE_HUBS] = list(pair)
    at.run()
    at.run()
    assert not at.exception
    pickers = [s for s in at.selectbox if s.key and s.key.startswith("compare_period_")]
    assert pickers
    for picker in pickers:
        assert picker.options[picker.index] == picker.format_func(picker.value)


def test_cached_views_follow_the_data_folder_and_the_uploads(many_hubs, monkeypatch):
    """A cached view is keyed on the data folder and its arguments, an upload by its digest only, and an upload's
    views go when it does (memo.forget)."""
    calls: list[tuple] = []

    @memo.view
    def probe(x: int, uploads: data.Uploads) -> tuple:
        calls.append((data.data_dir(), x, uploads.key))
        return data.data_dir(), x

    monkeypatch.delenv("HUBS_DATA_DIR", raising=False)
    assert probe(1, data.NO_UPLOADS) == (str(data.DEFAULT_DATA_DIR), 1)
    assert probe(1, data.NO_UPLOADS) == (str(data.DEFAULT_DATA_DIR), 1) and len(calls) == 1
    monkeypatch.setenv("HUBS_DATA_DIR", str(many_hubs))
    assert probe(1, data.NO_UPLOADS) == (str(many_hubs), 1) and len(calls) == 2
    mine = data.Uploads(pd.DataFrame({"a": [1]}), None, "digest-of-an-upload")
    probe(1, mine)
    assert len(calls) == 3
    probe(1, data.Uploads(pd.DataFrame({"a": [2]}), None, "digest-of-an-upload"))  # same digest: same upload
    assert len(calls) == 3
    assert not any(isinstance(part, data.Uploads) for key in memo._entries for part in key[3])  # no rows kept
    memo.forget("digest-of-an-upload")
    probe(1, mine)
    assert len(calls) == 4 and calls[-1] == (str(many_hubs), 1, "digest-of-an-upload")


def test_sources_downloads_hold_every_row_of_the_selection(monkeypatch):
    """Both Sources downloads are bytes equal to the whole selection's export (bytes, so no session loses them)."""
    from dashboard import export, sources_table, sources_view

    monkeypatch.delenv("HUBS_DATA_DIR", raising=False)
    everything = data.query("figures_with_sources", **sources_view.ALL_FIGURES.params)
    built = sources_view.csv_bytes(sources_view.ALL_FIGURES, None, "en")
    assert built == export.to_csv_bytes(sources_table.export_table(everything, "en"), "en")
    found = sources_table.search(everything, "광주")
    built = sources_view.csv_bytes(sources_view.ALL_FIGURES, "광주", "ko")
    assert built == export.to_csv_bytes(sources_table.export_table(found, "ko"), "ko")
    assert 0 < len(found) < len(everything)


def test_sources_table_shows_the_first_rows_and_says_how_many_there_are(monkeypatch):
    """With more rows than the table shows, the first ones are shown and a caption gives both counts."""
    from dashboard import sources_view

    monkeypatch.delenv("HUBS_DATA_DIR", raising=False)
    monkeypatch.setattr(sources_view, "MAX_TABLE_ROWS", 7)
    memo.clear()
    try:
        at = seeded("sources", kinds=list(schema.KINDS)).run()
    finally:
        memo.clear()
    assert not at.exception
    bounds = data.query("year_bounds").iloc[0]
    n = len(
        data.query(
            "figures_with_sources",
            hubs=[],
            kinds=list(schema.KINDS),
            year_from=int(bounds["year_min"]),
            year_to=int(bounds["year_max"]),
        )
    )
    assert n > 7
    assert any(len(d.value) == 7 for d in at.dataframe)
    assert i18n.t("sources.table_bounded", "ko", shown=7, n=f"{n:,}") in [c.value for c in at.caption]
