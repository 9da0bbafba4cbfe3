"""Download files: the rows a chart plotted, with provenance columns, as a spreadsheet-safe UTF-8 CSV with BOM."""

from __future__ import annotations

import codecs
import io
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from dashboard import fmt, i18n
from dashboard.series_names import series_name

# Cells starting with these are read as formulas by spreadsheet programs (CSV/formula injection): the ASCII
# operators, the full-width forms some spreadsheets map onto them (＝ ＋ － ＠), and leading white space or line
# breaks, which spreadsheets strip before they look for an operator (" =1+1", "\n=1+1").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", " ", "\u3000", "＝", "＋", "－", "＠")


def neutralise(cell):
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe; numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def _each_distinct(columns: list[pd.Series], make) -> pd.Series:
    """make(*cells) for every row of `columns` (aligned Series), as a text column: computed once per distinct
    combination of cells (names, periods and values repeat) and spread to the rows by their group codes."""
    rows = len(columns[0])
    if not rows:
        return pd.Series([], index=columns[0].index, dtype="str")
    group = np.zeros(rows, dtype=np.int64)
    for column in columns:
        # Missing cells form one group of their own, as they did when rows were compared as tuples of cells.
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        group = pd.factorize(group * (len(uniques) + 1) + (codes + 1))[0]
    # factorize numbers groups in order of first appearance: a group's first row is where a new highest code shows.
    first = np.flatnonzero(group > np.maximum.accumulate(np.r_[-1, group[:-1]]))
    cells = [column.iloc[first].tolist() for column in columns]
    made = [make(*key) for key in zip(*cells)]
    return pd.Series(pd.array(made, dtype="str").take(group), index=columns[0].index)


def figure_rows(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One export row per plotted figure: ids, names and formatted value in `lang`, plus provenance."""

    def col(name, default=None):
        return frame[name] if name in frame else pd.Series([default] * len(frame), index=frame.index)

    def named(base: str) -> pd.Series:
        ko, en = f"{base}_ko", f"{base}_en"
        return _each_distinct([col(ko), col(en)], lambda a, b: i18n.label({ko: a, en: b}, base, lang))

    # Column by column and once per distinct value: at scale turning every row into a dict was most of the cost.
    out = pd.DataFrame(index=frame.index)
    out["figure_id"] = col("figure_id")
    out["hub"] = named("hub_name")
    out["metric"] = named("metric_label")
    out["value"] = col("value")
    out["unit"] = col("unit")
    out["value_formatted"] = _each_distinct([col("value"), col("unit")], lambda v, u: fmt.number(v, u, lang))
    out["period"] = _each_distinct(
        [col("period_start"), col("period_end"), col("period_start_month"), col("period_end_month"), col("kind")],
        lambda start, end, first, last, kind: fmt.period(start, end, first, last, kind, lang),
    )
    out["kind"] = _each_distinct([col("kind")], lambda k: fmt.kind_label(k, lang))
    out["scope_note"] = col("scope_note")
    out["series"] = _each_distinct([col("series")], lambda s: series_name(s, lang) if fmt.has_text(s) else s)
    out["source_publisher"] = col("publisher")
    out["source_date"] = col("published")
    out["source_url"] = col("url")
    out["quote"] = col("quote")
    supplied = col("user_supplied", False).fillna(False).astype(bool).to_numpy()
    out["user_supplied"] = np.where(supplied, i18n.t("csv.yes", lang), i18n.t("csv.no", lang))
    return out.reset_index(drop=True)


def to_csv_bytes(rows: pd.DataFrame, lang: str, *, translate_headers: bool = True, header: bool = True) -> bytes:
    """CSV bytes in UTF-8 with BOM (Excel reads Hangul correctly), formula-looking text neutralised, written by
    Arrow's CSV writer (every text cell quoted, CRLF line ends).

    `header=False` gives the rows alone, without BOM or header line: the continuation of a file written in parts.
    """
    safe = rows.copy()
    for name in safe.columns:
        column = safe[name]
        if pd.api.types.is_string_dtype(column) and column.dtype != object:
            # Every cell of a string column is text or missing: test them all at once, prefix only the hits.
            hit = column.str.startswith(_FORMULA_START).fillna(False).to_numpy(dtype=bool)
            if hit.any():
                safe[name] = column.where(~hit, "'" + column)
        elif column.dtype == object:
            safe[name] = column.map(_text_cell)
        elif pd.api.types.is_float_dtype(column):
            safe[name] = _float_text(column)
    if translate_headers:
        safe.columns = [i18n.t(f"csv.{c}", lang) if f"csv.{c}" in i18n.STRINGS else c for c in safe.columns]
    table = pa.Table.from_pandas(safe, preserve_index=False)
    out = io.BytesIO()
    if header:
        out.write(codecs.BOM_UTF8)
    pa_csv.write_csv(table, out, pa_csv.WriteOptions(include_header=header, eol="\r\n"))
    return out.getvalue()


def _text_cell(cell):
    """A cell of a column of any objects as text for the file: text neutralised, anything else as str() writes it
    (numbers stay numbers), missing as missing."""
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return None
    return neutralise(cell) if isinstance(cell, str) else str(cell)


def _float_text(column: pd.Series) -> pd.Series:
    """Numbers as Python writes them (107600000000.0, 1.5), missing as an empty cell: Arrow's writer would give
    1.076e+11."""
    values = column.to_numpy(dtype="float64", na_value=np.nan)
    return pd.Series(pa.array(values.astype(str), mask=np.isnan(values)), index=column.index, dtype="str")


def file_name(*parts: str, ext: str = "csv") -> str:
    """A descriptive, filesystem-safe file name, e.g. `korea-ai-hubs_budgets_budget-total_2018-2024.csv`."""
    words = ["korea-ai-hubs", *parts]
    cleaned = [re.sub(r"[^0-9A-Za-z가-힣]+", "-", str(w)).strip("-").lower() for w in words if w]
    return "_".join(w for w in cleaned if w) + f".{ext}"
