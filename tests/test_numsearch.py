"""Search finds numbers as people write them (issue 14.10): table-driven, on the parser and on the Sources search."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import numsearch, schema, sources_table, sources_view

B = 10**8  # 억


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("1,076억", 1075.5 * B, 1076.5 * B),
        ("1076억", 1075.5 * B, 1076.5 * B),
        ("1천76억", 1075.5 * B, 1076.5 * B),
        ("1,076억원", 1075.5 * B, 1076.5 * B),
        ("1076억 원", 1075.5 * B, 1076.5 * B),
        (" 1076 억 ", 1075.5 * B, 1076.5 * B),
        ("107.6 billion", 107.55e9, 107.65e9),
        ("KRW 107.6 bn", 107.55e9, 107.65e9),
        ("107.6bn", 107.55e9, 107.65e9),
        ("₩107.6 billion", 107.55e9, 107.65e9),
        ("krw 107.6 BN", 107.55e9, 107.65e9),
        ("11.4조", 11.35e12, 11.45e12),
        ("3조2000억원", 3.19995e12, 3.20005e12),
        ("4조1000억", 4.09995e12, 4.10005e12),
        ("1만5597명", 15596.5, 15597.5),
        ("2222", 2221.5, 2222.5),
        ("2,222개", 2221.5, 2222.5),
        ("83개사", 82.5, 83.5),
        ("1.5 million", 1.45e6, 1.55e6),
        ("12 thousand", 11500, 12500),
        ("0.5", 0.45, 0.55),
    ],
)
def test_value_range(text, low, high):
    got = numsearch.value_range(text)
    assert got is not None
    assert got[0] == pytest.approx(low) and got[1] == pytest.approx(high)


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "광주",
        "1076억광주",
        "억",
        "조억",
        "1.2.3",
        "１０７６억",
        "١٠٧٦",
        "²",
        "1e5",
        "107.6 zillion",
        "2019년",
        "1억2조",
        "1만1만",
        "12 34",
        "-5",
        "x" * 100,
        "1" * 41,
    ],
)
def test_not_a_number(text):
    assert numsearch.value_range(text) is None


# The figure of 1,076억원 in data/ (Gwangju; see docs/user-journeys.md), found by each way of writing it.
@pytest.mark.parametrize("text", ["1,076억", "1076억", "1천76억", "107.6 billion", "KRW 107.6 bn", "1,076억원"])
def test_sources_search_finds_the_same_figure_however_written(text):
    shown = sources_view.figure_list(False, (), tuple(schema.KINDS), 2000, 2100, text, "ko")
    assert shown.table is not None
    assert set(shown.table["value_formatted"]) == {"1,076억원"}


def test_python_search_matches_values_too():
    rows = pd.DataFrame({"hub_id": ["a", "b"], "quote": ["x", "y"], "value": [107_600_000_000.0, 5.0]})
    assert list(sources_table.search(rows, "1천76억").index) == [0]
    assert list(sources_table.search(rows, "5개").index) == [1]
