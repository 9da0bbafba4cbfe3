"""Downloads: UTF-8 with BOM, spreadsheet-formula cells neutralised, text surviving a round trip."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard import export

ROW = {
    "figure_id": "F1",
    "hub_name_ko": "광주 AI 집적단지",
    "hub_name_en": "Gwangju AI cluster",
    "metric_label_ko": "총사업비",
    "metric_label_en": "Total budget",
    "value": 107600000000.0,
    "unit": "KRW",
    "period_start": 2022,
    "period_end": 2022,
    "period_start_month": None,
    "period_end_month": None,
    "kind": "actual",
    "scope_note": None,
    "publisher": "전자신문",
    "published": "2022-01-26",
    "url": "https://example.org/a",
    "quote": "올해 1,076억원을 투입",
    "user_supplied": False,
}


def test_figure_rows_carry_formatted_value_period_kind_and_source():
    """Each plotted figure becomes one row with its value formatted as people read it."""
    rows = export.figure_rows(pd.DataFrame([ROW]), "ko")
    assert rows.loc[0, ["figure_id", "hub", "value_formatted", "period", "kind", "source_publisher"]].tolist() == [
        "F1",
        "광주 AI 집적단지",
        "1,076억원",
        "2022",
        "실적",
        "전자신문",
    ]
    assert export.figure_rows(pd.DataFrame([ROW]), "en").loc[0, "value_formatted"] == "KRW 107.6 bn"


def test_csv_starts_with_bom_and_keeps_hangul():
    """Excel needs the BOM to read UTF-8; Hangul must survive byte for byte."""
    data = export.to_csv_bytes(export.figure_rows(pd.DataFrame([ROW]), "ko"), "ko")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "광주 AI 집적단지" in text and "1,076억원" in text


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_formula_looking_text_is_neutralised(cell):
    """A cell a spreadsheet would execute starts with an apostrophe in the file."""
    frame = pd.DataFrame({"quote": [cell], "value": [-5.0]})
    back = pd.read_csv(
        io.BytesIO(export.to_csv_bytes(frame, "en", translate_headers=False)),
        encoding="utf-8-sig",
        keep_default_na=False,
    )
    assert str(back.loc[0, "quote"]).startswith("'")
    assert back.loc[0, "value"] == -5.0  # numbers stay numbers, negative ones too


def test_quotes_commas_and_newlines_round_trip():
    """Text with quotes, commas and newlines comes back unchanged."""
    text = 'He said "1,076억원", then\nleft, twice'
    frame = pd.DataFrame({"quote": [text]})
    back = pd.read_csv(io.BytesIO(export.to_csv_bytes(frame, "en", translate_headers=False)), encoding="utf-8-sig")
    assert back.loc[0, "quote"].replace("\r\n", "\n") == text


def test_file_name_says_what_it_is_and_is_safe():
    """File names name the dataset, keep Hangul and drop path separators."""
    assert (
        export.file_name("budgets", "budget_total", "2018-2024") == "korea-ai-hubs_budgets_budget-total_2018-2024.csv"
    )
    assert "/" not in export.file_name("../../etc", "예산")


def test_file_bytes_are_quoted_csv_with_crlf_and_plain_numbers():
    """Hand-written expected file: BOM, every text cell quoted (quotes doubled), numbers as Python writes them
    (no exponent for won), an empty cell for a missing one, CRLF line ends; without header, no BOM either."""
    frame = pd.DataFrame(
        {
            "text": pd.Series(["a,x", None, 'say "b"', "two\nlines"], dtype="str"),
            "n": [107600000000.0, 1.5, None, -0.0],
            "k": [1, 2, 3, 4],
        }
    )
    body = b'"a,x","107600000000.0",1\r\n,"1.5",2\r\n"say ""b""",,3\r\n"two\nlines","-0.0",4\r\n'
    assert export.to_csv_bytes(frame, "en", translate_headers=False) == b'\xef\xbb\xbf"text","n","k"\r\n' + body
    assert export.to_csv_bytes(frame, "en", translate_headers=False, header=False) == body


def test_a_text_column_of_several_chunks_and_an_object_column_of_numbers():
    """A query result's text column can hold several Arrow chunks (one body, in order); an object column's
    non-text cells are written as str() writes them, never neutralised (a negative number stays a number)."""
    import pyarrow as pa

    chunked = pa.chunked_array([pa.array(["=a", None]), pa.array(["b"])])
    frame = pd.DataFrame({"text": pd.Series(pd.arrays.ArrowStringArray(chunked)), "o": pd.Series([-5, "@x", None])})
    assert export.to_csv_bytes(frame, "en", translate_headers=False, header=False) == (
        b'"\'=a","-5"\r\n,"\'@x"\r\n"b",\r\n'
    )


def test_an_empty_frame_is_its_header_line():
    """No rows: BOM and the header line alone."""
    frame = pd.DataFrame({"a": pd.Series([], dtype="str"), "b": pd.Series([], dtype=float)})
    assert export.to_csv_bytes(frame, "en", translate_headers=False) == b'\xef\xbb\xbf"a","b"\r\n'


def test_korean_download_has_translated_headers():
    """The Korean file's header names the columns in Korean, starting with 수치 ID after the BOM."""
    data = export.to_csv_bytes(export.figure_rows(pd.DataFrame([ROW]), "ko"), "ko")
    assert data.startswith('\ufeff"수치 ID",'.encode())
    assert data.decode("utf-8-sig").count("\r\n") == 2
