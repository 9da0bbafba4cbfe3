"""Download files: the rows a chart plotted, with provenance columns, as a spreadsheet-safe UTF-8 CSV with BOM."""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard import fmt, i18n

# Cells starting with these are read as formulas by spreadsheet programs (CSV/formula injection): the ASCII
# operators, the full-width forms some spreadsheets map onto them (＝ ＋ － ＠), and leading white space or line
# breaks, which spreadsheets strip before they look for an operator (" =1+1", "\n=1+1").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", " ", "\u3000", "＝", "＋", "－", "＠")

EXPORT_COLUMNS = (
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
    out["series"] = col("series")
    out["source_publisher"] = col("publisher")
    out["source_date"] = col("published")
    out["source_url"] = col("url")
    out["quote"] = col("quote")
    supplied = col("user_supplied", False).fillna(False).astype(bool).to_numpy()
    out["user_supplied"] = np.where(supplied, i18n.t("csv.yes", lang), i18n.t("csv.no", lang))
    return out.reset_index(drop=True)


def to_csv_bytes(rows: pd.DataFrame, lang: str, *, translate_headers: bool = True, header: bool = True) -> bytes:
    """CSV bytes in UTF-8 with BOM (Excel reads Hangul correctly), formula-looking text neutralised.

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
            safe[name] = column.map(neutralise)
    if translate_headers:
        safe.columns = [i18n.t(f"csv.{c}", lang) if f"csv.{c}" in i18n.STRINGS else c for c in safe.columns]
    fast = _arrow_csv(safe, header=header)
    if fast is not None:
        return fast
    return safe.to_csv(index=False, header=header, lineterminator="\r\n").encode("utf-8-sig" if header else "utf-8")


# pandas.to_csv (the csv module, QUOTE_MINIMAL) quotes a cell holding any of these.
_NEEDS_QUOTES = '[,"\r\n]'


def _csv_cells(column: pd.Series) -> pa.Array | None:
    """One column's cells as pandas.to_csv writes them, quoted where it would quote; None for other dtypes."""
    dtype = column.dtype
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        return _float_cells(column.to_numpy())
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":
        # The same numpy str() pandas uses ("True"/"False"); numbers and booleans never need quotes.
        return pa.array(column.to_numpy().astype(str), type=pa.large_string())
    try:
        if dtype == np.dtype(object):
            cells = pa.array(column.to_numpy(), type=pa.large_string(), from_pandas=True)
        elif pd.api.types.is_string_dtype(dtype):
            cells = pa.array(column.array).cast(pa.large_string())
            if isinstance(cells, pa.ChunkedArray):  # pandas keeps e.g. a query result's chunks: one buffer below
                cells = cells.combine_chunks()
        else:
            return None
    except (pa.ArrowTypeError, pa.ArrowInvalid):  # an object cell that is not text: pandas writes str() of it
        return None
    needs_quotes = pc.match_substring_regex(cells, _NEEDS_QUOTES)
    if pc.any(needs_quotes).as_py():  # most columns (ids, dates, labels) have no cell to quote: skip the copies
        quote, empty = pa.scalar('"', pa.large_string()), pa.scalar("", pa.large_string())
        quoted = pc.binary_join_element_wise(quote, pc.replace_substring(cells, '"', '""'), quote, empty)
        cells = pc.if_else(needs_quotes, quoted, cells)
    return pc.fill_null(cells, "")


# Whole floats below this are written by numpy's str() as the integer and ".0" (1.076e11 -> "107600000000.0");
# from 1e16 on it switches to exponent notation.
_PLAIN_FLOAT_LIMIT = 1e16


def _float_cells(values: np.ndarray) -> pa.Array:
    """Floats as numpy's str() writes them (the shortest repr that round-trips), missing as "" (na_rep).

    str() runs per cell in Python; most values here are whole numbers of won or firms, which Arrow writes as
    integers with ".0" added, so only the other cells take the slow way.
    """
    missing = np.isnan(values)
    whole = (
        ~missing
        & (np.abs(values) < _PLAIN_FLOAT_LIMIT)
        & (values == np.trunc(values))
        & ~((values == 0) & np.signbit(values))
    )  # -0.0 is written "-0.0", its integer "0"
    cells = pc.binary_join_element_wise(
        pc.cast(pa.array(np.where(whole, values, 0).astype(np.int64)), pa.large_string()),
        pa.scalar(".0", pa.large_string()),
        pa.scalar("", pa.large_string()),
    )
    other = ~whole & ~missing
    if other.any():
        at = np.flatnonzero(other)
        texts = pa.array(values[at].astype(str), type=pa.large_string())
        cells = pc.replace_with_mask(cells, pa.array(other), texts)
    return pc.if_else(pa.array(missing), pa.scalar("", pa.large_string()), cells)


def _arrow_csv(frame: pd.DataFrame, *, header: bool = True) -> bytes | None:
    """`frame.to_csv(index=False, lineterminator="\\r\\n").encode("utf-8-sig")`, byte for byte, built column-wise
    with Arrow (pandas writes row by row in Python: seconds per million rows); None when a column is of a dtype
    this does not cover, or for a single column (where the csv module quotes an empty cell). Without `header`,
    the rows alone (no BOM, no header line)."""
    if frame.shape[1] < 2:
        return None
    columns = [_csv_cells(frame.iloc[:, i]) for i in range(frame.shape[1])]
    if any(c is None for c in columns):
        return None
    out = b""
    if header:
        line = io.StringIO()
        csv.writer(line, lineterminator="\r\n").writerow([str(c) for c in frame.columns])
        out = line.getvalue().encode("utf-8-sig")
    if not len(frame):
        return out
    comma, crlf, empty = (pa.scalar(t, pa.large_string()) for t in (",", "\r\n", ""))
    # The line end goes onto the last cells first: one pass over the short cells, not another over whole lines.
    columns[-1] = pc.binary_join_element_wise(columns[-1], crlf, empty)
    lines = pc.binary_join_element_wise(*columns, comma)
    del columns  # the cells are in the lines now: free them before the file's bytes are made
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    # The lines' text buffer from the first line's start to the last one's end is the CSV body (joined with the
    # header in one copy).
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset : lines.offset + len(lines) + 1]
    return b"".join((out, memoryview(lines.buffers()[2])[offsets[0] : offsets[-1]]))


def file_name(*parts: str, ext: str = "csv") -> str:
    """A descriptive, filesystem-safe file name, e.g. `korea-ai-hubs_budgets_budget-total_2018-2024.csv`."""
    words = ["korea-ai-hubs", *parts]
    cleaned = [re.sub(r"[^0-9A-Za-z가-힣]+", "-", str(w)).strip("-").lower() for w in words if w]
    return "_".join(w for w in cleaned if w) + f".{ext}"
