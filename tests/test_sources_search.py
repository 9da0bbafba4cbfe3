"""The Sources & data queries: exact rows on the tiny fixture, and the SQL search equal to sources_table.search."""

from __future__ import annotations

import csv
import math
import re
import shutil

import duckdb
import pandas as pd
import pytest

from dashboard import data, export, memo, schema, sources_table, sources_view
from tests.conftest import QUERY_FIXTURE

ALL_KINDS = list(schema.KINDS)
ALL_KINDS_TUPLE = tuple(schema.KINDS)
EVERYTHING = {"hubs": [], "kinds": ALL_KINDS, "year_from": 2000, "year_to": 2100}
H_A_2020 = {"hubs": ["h_a"], "kinds": ["actual"], "year_from": 2020, "year_to": 2020}


def search(needle: str) -> dict:
    return sources_view.search_params(needle)


def cells(frame: pd.DataFrame) -> list[tuple]:
    """Every row of the frame, missing values (None, NaN, NA) as None."""
    return rows(frame, list(frame.columns))


def rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """The frame's `columns` as tuples, missing values as None."""
    return [
        tuple(None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v for v in r)
        for r in frame[columns].itertuples(index=False)
    ]


# --- each query on the tiny fixture, exact rows ------------------------------------------------------


def test_sources_counts_before_and_after_the_search(query_data):
    """Hub A's 2020 actuals: 7 figure x source rows of 6 figures from 2 sources; 나일보 reports 3 of them."""
    got = data.query("sources_counts", **H_A_2020, **search(""))
    assert rows(got, ["n_selected", "n_rows", "n_figures", "n_sources"]) == [(7, 7, 6, 2)]
    got = data.query("sources_counts", **H_A_2020, **search("나일보"))
    assert rows(got, ["n_selected", "n_rows", "n_figures", "n_sources"]) == [(7, 3, 3, 1)]
    got = data.query("sources_counts", **H_A_2020, **search("no such text"))
    assert rows(got, ["n_selected", "n_rows", "n_figures", "n_sources"]) == [(7, 0, 0, 0)]


def test_sources_rows_in_page_order_primary_first_and_limited(query_data):
    """Ordered by hub, family, metric, period, figure, primary first; the limit keeps the first rows."""
    got = data.query("sources_rows", **H_A_2020, **search(""), limit=None)
    assert rows(got, ["figure_id", "source_id", "is_primary", "quote"]) == [
        ("B1", "S1", True, "올해 예산 100억원"),
        ("B1", "S2", False, "예산 100억원"),
        ("F1", "S1", True, "입주기업 80개사"),
        ("O3", "S2", True, "매출 653억원"),
        ("O1", "S1", True, "434억원 투자유치(9월 말 기준)"),
        ("O2", "S2", True, "한 해 521억원 투자"),
        ("P3", "S1", True, "올해 100명"),
    ]
    got = data.query("sources_rows", **H_A_2020, **search("억원"), limit=3)
    assert rows(got, ["figure_id", "source_id"]) == [("B1", "S1"), ("B1", "S2"), ("O3", "S2")]


def test_sources_rows_have_figures_with_sources_columns_and_values(query_data):
    """The same rows, columns and values as figures_with_sources (less its version count)."""
    got = data.query("sources_rows", **EVERYTHING, **search(""), limit=None)
    expected = data.query("figures_with_sources", **EVERYTHING).drop(columns="n_versions")
    pd.testing.assert_frame_equal(got, expected)


def test_sources_citations_count_figures_per_source(query_data):
    """Every source once with its figure count; a search keeps the sources of the matching rows only."""
    got = data.query("sources_citations", **EVERYTHING, **search(""))
    assert rows(got, ["source_id", "publisher", "published", "title", "url", "n_figures"]) == [
        ("S1", "가신문", "2020-01-02", "가 허브 소식", "https://example.org/a", 10),
        ("S2", "나일보", "2021-05", "나 허브 소식", "https://example.org/b", 10),
        ("S3", "Seoul Daily", "2022", "Zones report", None, 2),
    ]
    # "zones" is in the aggregate's English name (B6, from S3), not in S3's title (titles are not searched).
    got = data.query("sources_citations", **EVERYTHING, **search("zones"))
    assert rows(got, ["source_id", "n_figures"]) == [("S3", 1)]


def test_special_cells_are_none_on_plain_text(query_data):
    """The fixture's text folds the same in DuckDB and Python: nothing for Python to decide."""
    assert data.query("sources_search_special_cells").empty


# --- the special-character class covers every code point where the two foldings differ -----------


def test_special_class_covers_every_code_point_where_lower_and_casefold_differ():
    """Where DuckDB's lower(c) differs from Python's c.casefold(), the query's class matches c (else the SQL
    search would silently disagree with sources_table.search on text holding c)."""
    pattern = re.search(r"regexp_matches\(cell, '([^']+)'\)", data.QUERIES["sources_search_special_cells"].sql)
    assert pattern
    chars = [chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000]
    con = duckdb.connect()
    lowered, matched = con.execute(
        "select list_transform($c, lambda x: lower(x)), list_transform($c, lambda x: regexp_matches(x, $p))",
        {"c": chars, "p": pattern.group(1)},
    ).fetchone()
    differ = [c for c, low in zip(chars, lowered) if low != c.casefold()]
    assert len(differ) > 100  # ß, ς, Cherokee, ligatures, Greek extended...
    assert [c for c, low, hit in zip(chars, lowered, matched) if low != c.casefold() and not hit] == []
    assert not any(matched[ord(c)] for c in "aZ가힣,.9 ")  # the plain text of the data stays on the SQL path


# --- the SQL search equals sources_table.search, tricky text included ---------------------------

# Cells whose case folding differs between DuckDB and Python, or that look like regular expressions.
PATCHES = {
    ("hubs.csv", "hub_id", "h_b", "name_en"): "Straße Hub B",
    ("budgets.csv", "figure_id", "B3", "quote"): "İx 예산 50억원",
    ("budgets.csv", "figure_id", "B4", "quote"): "ﬁnance 내년 120억원 계획",
    ("budgets.csv", "figure_id", "B7", "quote"): "Ꭰ 예산 70억원",
    ("budgets.csv", "figure_id", "B8", "quote"): "x.y (9월 말) 예산 75억원",
    ("firms.csv", "figure_id", "F3", "quote"): "ὈΔΥΣΣΕΎΣ ὀδυσσεύς 10개사",
    ("figure_sources.csv", "figure_id", "B1", "quote"): "MAẞE 예산 100억원",
    ("sources.csv", "source_id", "S3", "publisher"): "Seoul Daily µ",
}
NEEDLES = [
    "ss",
    "strasse",
    "STRASSE",
    "ß",
    "ẞ",
    "straße",
    "i̇x",
    "ix",
    "İ",
    "i",
    "fi",
    "finance",
    "ﬁ",
    "Ꭰ",
    "ꭰ",
    "σ",
    "ς",
    "Σ",
    "ὀδυσσεύς",
    "μ",
    "µ",
    "x.y",
    ".*",
    "(9월",
    "hub a",
    "  Hub B  ",
    "",
    "   ",
    "가",
    "h_",
    "budget",
    "S1",
    "https",
    "20",
    "억원",
    "zzz",
]


@pytest.fixture(scope="module")
def tricky_folder(tmp_path_factory):
    """The query fixture with text whose case folding differs between DuckDB and Python (one copy per module)."""
    folder = tmp_path_factory.mktemp("tricky")
    shutil.rmtree(folder)
    shutil.copytree(QUERY_FIXTURE, folder)
    for (name, key, value, column), text in PATCHES.items():
        path = folder / name
        with path.open(encoding="utf-8", newline="") as handle:
            table = list(csv.DictReader(handle))
        header = list(table[0])
        for row in table:
            if row[key] == value:
                row[column] = text
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(table)
    return folder


@pytest.fixture
def tricky(tricky_folder, monkeypatch):
    """Queries run on the tricky folder."""
    folder = tricky_folder
    monkeypatch.setenv("HUBS_DATA_DIR", str(folder))
    memo.clear()
    yield folder
    memo.clear()


def test_special_cells_list_exactly_the_tricky_text(tricky):
    """Every patched cell holds a character the two foldings treat differently; the plain ones are not listed."""
    got = data.query("sources_search_special_cells")["cell"].tolist()
    assert got == sorted(set(PATCHES.values()) - {"x.y (9월 말) 예산 75억원"})


@pytest.mark.parametrize("selection", [EVERYTHING, H_A_2020], ids=["everything", "hub-a-2020"])
@pytest.mark.parametrize("needle", NEEDLES)
def test_sql_search_equals_the_pandas_search(tricky, selection, needle):
    """Counts, rows (in order), table, citations and download from SQL equal what sources_table.search keeps of
    figures_with_sources. (A column can come back as None instead of NaN where the subset has no value in it:
    DuckDB types what it returns, pandas keeps the unfiltered frame's dtype; both are missing cells.)"""
    everything = data.query("figures_with_sources", **selection).drop(columns="n_versions")
    expected = sources_table.search(everything, needle).reset_index(drop=True)
    params = search(needle)
    counts = data.query("sources_counts", **selection, **params).iloc[0]
    assert (counts["n_selected"], counts["n_rows"], counts["n_figures"], counts["n_sources"]) == (
        len(everything),
        len(expected),
        expected["figure_id"].nunique(),
        expected["source_id"].nunique(),
    )
    got = data.query("sources_rows", **selection, **params, limit=None)
    assert list(got.columns) == list(expected.columns) and cells(got) == cells(expected)
    assert cells(sources_table.display_table(got, "ko")) == cells(sources_table.display_table(expected, "ko"))
    cites = sources_table.citation_list(data.query("sources_citations", **selection, **params), "en")
    assert cells(cites) == cells(sources_table.citations(expected, "en"))
    assert sources_view.csv_bytes(sources_view.Selection(**selection), needle, "ko") == export.to_csv_bytes(
        sources_table.export_table(expected, "ko"), "ko"
    )


@pytest.mark.parametrize("rows_per_batch", [1, 3])
def test_a_download_built_in_batches_is_the_whole_file(tricky, monkeypatch, rows_per_batch):
    """The download is written batch by batch; for every search it is byte for byte the file of all rows at
    once, in both languages, including a search that finds nothing (the header alone)."""
    monkeypatch.setattr(sources_view, "CSV_BATCH_ROWS", rows_per_batch)
    batches = []
    for needle in ["", "ß", "(9월", "억원", "zzz"]:
        params = {**EVERYTHING, **search(needle), "limit": None}
        batches.append(len(list(data.query_batches("sources_rows", rows_per_batch, **params))))
        for lang in ("ko", "en"):
            memo.clear()
            whole = data.query("sources_rows", **params)
            assert sources_view.csv_bytes(sources_view.Selection(**EVERYTHING), needle, lang) == export.to_csv_bytes(
                sources_table.export_table(whole, lang), lang
            ), (needle, lang)
    assert batches[0] > 3 and batches[-1] == 1  # several parts were joined, and the empty case was met


def test_query_batches_hold_the_rows_in_order(tricky):
    """Batches of at most n rows whose rows, joined, are the query's rows in order."""
    params = {**EVERYTHING, **search(""), "limit": None}
    whole = data.query("sources_rows", **params)
    parts = list(data.query_batches("sources_rows", 4, **params))
    assert [len(p) for p in parts] == [4] * (len(whole) // 4) + ([len(whole) % 4] if len(whole) % 4 else [])
    assert [list(p.columns) for p in parts] == [list(whole.columns)] * len(parts)
    assert [c for p in parts for c in cells(p)] == cells(whole)
    nothing = list(data.query_batches("sources_rows", 4, **{**params, **search("zzz")}))
    assert [len(p) for p in nothing] == [0] and list(nothing[0].columns) == list(whole.columns)
    with pytest.raises(TypeError, match="expected params"):
        list(data.query_batches("sources_rows", 4, **EVERYTHING))


def test_the_tricky_needles_do_find_the_tricky_cells(tricky):
    """The equality above is not vacuous: the foldings' differences decide these searches."""
    everything = data.query("figures_with_sources", **EVERYTHING)
    found = {n: set(sources_table.search(everything, n)["figure_id"]) for n in ("strasse", "ß", "σ", "ς", "fi", "μ")}
    assert {"B3", "B10", "F3"} == found["strasse"]  # Hub B's name: Straße
    assert found["ß"] == set(sources_table.search(everything, "ss")["figure_id"]) >= {"B1", "B3"}  # MAẞE, Straße
    assert "F3" in found["σ"] and found["σ"] == found["ς"]
    assert "B4" in found["fi"] and "B6" in found["μ"]
    assert "B3" not in set(sources_table.search(everything, "ix")["figure_id"])  # İ casefolds to i + dot


# --- the page's view: what the search finds among the kinds the filter hides -------------------------


def test_figure_list_counts_what_the_search_finds_among_hidden_kinds(query_data):
    """Hub A, actuals only, 2020–2022: "계획" is in no actual's quote, but in two of its plans' quotes (B4, B9)."""
    memo.clear()
    shown = sources_view.figure_list(False, ("h_a",), ("actual",), 2020, 2022, "계획", "ko")
    assert (shown.n_rows, shown.table, shown.selection_empty, shown.n_hidden) == (0, None, False, 2)
    # Every kind shown: found, so nothing is hidden; every figure: nothing to hide either.
    shown = sources_view.figure_list(False, ("h_a",), ALL_KINDS_TUPLE, 2020, 2022, "계획", "ko")
    assert (shown.n_rows, shown.n_figures, shown.n_hidden) == (2, 2, 0)
    assert sorted(shown.table["quote"]) == ["내년 120억원 계획", "올해 110억원 계획"]
    shown = sources_view.figure_list(True, (), (), 2020, 2020, "없는 말", "ko")
    assert (shown.n_rows, shown.n_hidden) == (0, 0)
    memo.clear()
