"""Every series label of the bundled data has an English name, shown wherever the English view names a series
(legend, line-end label, hover, tables and downloads); the Korean view shows the label as written."""

from __future__ import annotations

import csv
import re

import pandas as pd

from dashboard import charts, export
from dashboard.series_names import SERIES_EN, series_name
from tests.conftest import ROOT
from tests.test_charts_trend import COLORS, figure

HANGUL = re.compile("[가-힣]")


def bundled_series() -> set[str]:
    found = set()
    for path in (ROOT / "data").glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as f:
            found |= {row["series"].strip() for row in csv.DictReader(f) if (row.get("series") or "").strip()}
    return found


def test_every_bundled_series_has_an_english_name_and_no_name_is_stale():
    series = bundled_series()
    assert len(series) > 50, "the data names many series"
    assert sorted(series - SERIES_EN.keys()) == []
    assert sorted(SERIES_EN.keys() - series) == []
    assert [name for name in SERIES_EN.values() if HANGUL.search(name)] == []


def test_the_english_view_names_a_series_in_english_everywhere():
    """Legend entry, line-end label, hover and the table/download row of a figure of series "1단계 AI 코어"."""
    rows = pd.DataFrame(
        [
            {**figure("A1", 1e10, 2020), "series": "1단계 AI 코어"},
            {**figure("A2", 2e10, 2021), "series": "1단계 AI 코어"},
        ]
    )
    fig = charts.trend(rows, lang="en", colors=COLORS, title="t", unit="KRW")
    texts = [str(t.name) for t in fig.data] + [a.text for a in fig.layout.annotations]
    texts += [h for t in fig.data if t.hovertext is not None for h in t.hovertext if h]
    texts += [x for t in fig.data if isinstance(t.text, tuple | list) for x in t.text if x]
    texts += [t.text for t in fig.data if isinstance(t.text, str)]
    named = [t for t in texts if "AI Core" in t]
    assert named, texts
    assert not [t for t in texts if "1단계" in t]
    table = export.figure_rows(rows, "en")
    assert list(table.series) == ["phase 1, AI Core"] * 2
    korean = charts.trend(rows, lang="ko", colors=COLORS, title="t", unit="KRW")
    assert any("1단계 AI 코어" in str(t.name) for t in korean.data)
    assert list(export.figure_rows(rows, "ko").series) == ["1단계 AI 코어"] * 2


def test_a_series_with_no_english_name_is_shown_as_written():
    assert series_name(" 업로드 전용 구분 ", "en") == " 업로드 전용 구분 "
    assert series_name(" 1단계 AI 코어 ", "en") == "phase 1, AI Core"
    assert series_name("1단계 AI 코어", "ko") == "1단계 AI 코어"
