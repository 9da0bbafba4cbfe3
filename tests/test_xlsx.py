"""Spreadsheet downloads (.xlsx): three sheets, read back with openpyxl; values, gaps, Hangul and formula-looking text."""

from __future__ import annotations

import io
import math

import openpyxl
import pandas as pd
import pytest

from dashboard import export, i18n, xlsx

ROWS = pd.DataFrame(
    {
        "figure_id": ["g-1", "g-2", "s-1"],
        "hub": ["광주 인공지능 집적단지", "광주 인공지능 집적단지", "서울 AI 허브"],
        "metric": ["사업비", "사업비", "입주기업"],
        "value": [107_600_000_000.0, math.nan, 83.0],
        "unit": ["KRW", "KRW", "firms"],
        "value_formatted": ["1,076억원", None, "83개"],
        "period": ["2021", "2022", "2023"],
        "kind": ["실적", "계획", "실적"],
        "scope_note": [None, None, '=HYPERLINK("http://x")'],
        "series": [None, None, None],
        "source_publisher": ["광주광역시", "광주광역시", "연합뉴스"],
        "source_date": ["2022-01-03", "2022-01-03", "2023-05-02"],
        "source_url": ["https://a.example/1", "https://a.example/1", "https://b.example/2"],
        "quote": ["1076억원을 투입했다", "계획이다", "입주기업은 83개다"],
        "user_supplied": ["아니오", "아니오", "아니오"],
    }
)


def read(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet_rows(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


@pytest.mark.parametrize(
    "lang, names", [("ko", ["수치", "단위·설명", "출처"]), ("en", ["figures", "units and notes", "sources"])]
)
def test_workbook_has_figures_notes_and_sources_sheets(lang, names):
    book = read(xlsx.to_xlsx_bytes(ROWS, lang, title="t", today="2026-12-05"))
    assert book.sheetnames == names


def test_figures_sheet_holds_numbers_gaps_and_text_as_written():
    rows = sheet_rows(read(xlsx.to_xlsx_bytes(ROWS, "ko", title="t"))["수치"])
    assert rows[0][:4] == [
        i18n.t("csv.figure_id", "ko"),
        i18n.t("csv.hub", "ko"),
        i18n.t("csv.metric", "ko"),
        i18n.t("csv.value", "ko"),
    ]
    assert rows[1][:6] == ["g-1", "광주 인공지능 집적단지", "사업비", 107600000000, "KRW", "1,076억원"]
    assert rows[2][3] is None and rows[2][5] is None  # a gap stays empty, never 0
    assert rows[3][3] == 83
    assert rows[3][8] == '\'=HYPERLINK("http://x")'  # text, never a formula
    assert rows[1][13] == "1076억원을 투입했다"
    assert len(rows) == 4


def test_sources_sheet_counts_figures_per_source():
    rows = sheet_rows(read(xlsx.to_xlsx_bytes(ROWS, "en", title="t"))["sources"])
    assert rows[0] == ["source_publisher", "source_date", "source_url", "n_figures"]
    assert rows[1:] == [
        ["광주광역시", "2022-01-03", "https://a.example/1", 2],
        ["연합뉴스", "2023-05-02", "https://b.example/2", 1],
    ]


def test_notes_sheet_names_title_date_units_and_kinds():
    rows = sheet_rows(
        read(xlsx.to_xlsx_bytes(ROWS, "en", title="Budget by hub", today="2026-12-05"))["units and notes"]
    )
    assert rows[0] == ["item", "note"]
    assert rows[1] == ["title", "Budget by hub"]
    assert rows[2] == ["downloaded", "2026-12-05"]
    assert ["사업비", "KRW"] in rows and ["입주기업", "firms"] in rows
    assert any("never add or rank" in str(r[1]) for r in rows)


def test_empty_rows_give_a_valid_workbook():
    book = read(xlsx.to_xlsx_bytes(ROWS.iloc[0:0], "ko", title="t"))
    assert sheet_rows(book["수치"])[0][0] == i18n.t("csv.figure_id", "ko")
    assert len(sheet_rows(book["수치"])) == 1


def test_real_chart_rows_round_trip():
    """A bundled chart's export rows come back cell for cell (numbers as numbers, gaps empty)."""
    from dashboard import data, schema

    rows = data.query(
        "figures_by_hub_year",
        families=["budgets"],
        metrics=[],
        hubs=["gwangju_ai_cluster"],
        kinds=list(schema.KINDS),
        year_from=2000,
        year_to=2100,
    )
    table = export.figure_rows(rows, "ko")
    got = sheet_rows(read(xlsx.to_xlsx_bytes(table, "ko", title="t"))["수치"])
    assert len(got) == len(table) + 1
    assert [r[0] for r in got[1:]] == table["figure_id"].tolist()
    assert [r[3] for r in got[1:]] == [None if pd.isna(v) else v for v in table["value"]]


def test_sources_page_workbook_of_a_search():
    """The Sources page's workbook of the search "1,076억": the figure once per source (3 in data/, see
    docs/user-journeys.md), its sources sheet with the three publishers."""
    from dashboard import schema, sources_view

    chosen = sources_view.selection(False, (), tuple(schema.KINDS), 2000, 2100)
    book = read(sources_view.xlsx_bytes(chosen, "1,076억", "ko", "검색 결과"))
    rows = sheet_rows(book["수치"])
    assert {r[0] for r in rows[1:]} == {"gwangju_ai_cluster-budget_total-2022-plan-1"}
    assert len(rows) == 4
    publishers = sorted(r[0] for r in sheet_rows(book["출처"])[1:])
    assert publishers == sorted(["Yonhap News Agency (English)", "e4ds news", "산업일보"])


def _big_chart_app():
    import pandas as pd
    import plotly.graph_objects as go

    from dashboard import ui, xlsx

    rows = pd.DataFrame({"figure_id": [f"f{i}" for i in range(xlsx.EAGER_ROWS + 1)], "value": 1.0})
    ui.chart_block(go.Figure(), rows, key="big", lang="ko", file_parts=("big",), export_rows=rows)


def test_a_large_chart_table_makes_its_workbook_on_request():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_big_chart_app, default_timeout=60)
    at.run()
    assert not at.exception
    assert at.button(key="make-xlsx-big").label == i18n.t("download.xlsx_prepare", "ko")
    at.button(key="make-xlsx-big").click().run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "make-xlsx-big"]
