"""The Arrow CSV writer gives exactly pandas.to_csv's bytes: quoting, numbers, missing cells, BOM, CRLF, headers."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import data, export, schema, sources_table

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
# Cells that need quotes, start like formulas, or hold Hangul, NUL and line breaks of other kinds.
TRICKY = st.sampled_from(
    [
        "a,b",
        'say "hi"',
        "two\nlines",
        "cr\rhere",
        "\r\n",
        "=1+1",
        "-3",
        "@x",
        "\tx",
        " lead",
        "1,076억원",
        "x\x00y",
        "\u2028",
        "",
        '"',
        ",",
        "'quoted'",
    ]
)


def pandas_bytes(frame: pd.DataFrame, lang: str = "en", **kwargs) -> bytes:
    """to_csv_bytes with the Arrow writer switched off: what pandas.to_csv writes."""
    with mock.patch.object(export, "_arrow_csv", lambda frame, **kwargs: None):
        return export.to_csv_bytes(frame, lang, **kwargs)


def both(frame: pd.DataFrame, lang: str = "en", **kwargs) -> tuple[bytes, bytes]:
    assert export._arrow_csv(frame) is not None, "the Arrow writer was not used"
    return export.to_csv_bytes(frame, lang, **kwargs), pandas_bytes(frame, lang, **kwargs)


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(st.one_of(TEXT, TRICKY, st.none()), min_size=0, max_size=8),
    floats=st.lists(
        st.one_of(
            st.floats(allow_nan=True, allow_infinity=True),
            st.sampled_from(
                [1e16, 1.076e11, -0.0, 0.1, 123456789.0, 9999999999999998.0, -1e15, 0.0, 5e-324, 2.0**53 + 2]
            ),
        ),
        min_size=8,
        max_size=8,
    ),
    ints=st.lists(st.integers(-(2**62), 2**62), min_size=8, max_size=8),
    bools=st.lists(st.booleans(), min_size=8, max_size=8),
)
def test_arrow_csv_matches_pandas_for_any_text_and_numbers(texts, floats, ints, bools):
    """Random text (quotes, commas, line breaks, formula starts), floats (NaN, inf, -0.0), ints and booleans."""
    n = len(texts)
    frame = pd.DataFrame(
        {
            "text": pd.Series(texts, dtype="str"),
            "object": pd.Series(texts[::-1], dtype=object),
            "float": np.array(floats[:n], dtype=float),
            "int": np.array(ints[:n], dtype=np.int64),
            "bool": np.array(bools[:n], dtype=bool),
        }
    )
    fast, slow = both(frame, translate_headers=False)
    assert fast == slow


def test_arrow_csv_keeps_bom_crlf_translated_headers_and_neutralised_cells():
    """The export of one figure in Korean: BOM, Korean headers, CRLF, formula cell prefixed, same as pandas."""
    rows = pd.DataFrame(
        [
            {
                "figure_id": "F1",
                "hub_name_ko": "광주, AI 집적단지",
                "hub_name_en": "Gwangju",
                "metric_label_ko": "총사업비",
                "metric_label_en": "Total budget",
                "value": 107600000000.0,
                "unit": "KRW",
                "period_start": 2022,
                "period_end": 2022,
                "period_start_month": None,
                "period_end_month": 9,
                "kind": "actual",
                "scope_note": "=SUM(A1)",
                "publisher": "전자신문",
                "published": "2022-01-26",
                "url": None,
                "quote": '올해 "1,076억원"을\n투입',
                "user_supplied": True,
            }
        ]
    )
    table = export.figure_rows(rows, "ko")
    fast, slow = both(table, "ko")
    assert fast == slow
    assert fast.startswith(b"\xef\xbb\xbf\xec\x88\x98\xec\xb9\x98 ID,")  # BOM, then "수치 ID"
    text = fast.decode("utf-8-sig")
    assert text.count("\r\n") == 2 and "'=SUM(A1)" in text and '"올해 ""1,076억원""을\n투입"' in text


def test_arrow_csv_reads_a_string_column_made_of_several_chunks():
    """A query result's text column can hold several Arrow chunks; the file is still one body, in order."""
    chunked = pa.chunked_array([pa.array(["a,x", None]), pa.array(['say "b"']), pa.array(["c"])])
    frame = pd.DataFrame({"text": pd.Series(pd.arrays.ArrowStringArray(chunked)), "n": [1.5, 2.0, None, 4.0]})
    fast, slow = both(frame, translate_headers=False)
    assert fast == slow == b'\xef\xbb\xbftext,n\r\n"a,x",1.5\r\n,2.0\r\n"say ""b""",\r\nc,4.0\r\n'


def test_arrow_csv_writes_an_empty_frame_as_its_header():
    """No rows: the header line alone, as pandas writes it."""
    frame = pd.DataFrame({"a": pd.Series([], dtype="str"), "b": pd.Series([], dtype=float)})
    fast, slow = both(frame, translate_headers=False)
    assert fast == slow == b"\xef\xbb\xbfa,b\r\n"


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"only": ["", None, "x"]}),  # one column: the csv module writes an empty cell as ""
        pd.DataFrame({"a": ["x", "y"], "mixed": pd.Series(["x", 1], dtype=object)}),  # str() of a non-text cell
        pd.DataFrame({"a": ["x", "y"], "when": pd.to_datetime(["2020-01-01", None])}),
    ],
)
def test_other_shapes_and_dtypes_fall_back_to_pandas(frame):
    """What the Arrow writer does not cover is left to pandas, so the bytes are still pandas'."""
    assert export._arrow_csv(frame) is None
    assert export.to_csv_bytes(frame, "en", translate_headers=False) == pandas_bytes(frame, translate_headers=False)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_bundled_figure_exports_the_same_bytes_as_pandas(lang, monkeypatch):
    """The all-figures download of the bundled data, in both languages, equals pandas' file byte for byte."""
    monkeypatch.delenv("HUBS_DATA_DIR", raising=False)
    rows = data.query(
        "figures_with_sources", hubs=[], kinds=list(schema.KINDS), year_from=schema.YEAR_MIN, year_to=schema.YEAR_MAX
    )
    table = sources_table.export_table(rows, lang)
    fast, slow = both(table, lang)
    assert fast == slow
    assert len(rows) > 0 and fast.decode("utf-8-sig").count("\r\n") >= len(rows) + 1
