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

# Cells starting with these are read as formulas by spreadsheet programs (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

EXPORT_COLUMNS = (
    "figure_id", "hub", "metric", "value", "unit", "value_formatted", "period", "kind",
    "scope_note", "series", "source_publisher", "source_date", "source_url", "quote", "user_supplied",
)


def neutralise(cell):
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe; numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def _each_distinct(columns: list[list], make) -> list:
    """make(*cells) for every row of `columns`, computed once per distinct combination (names, periods repeat)."""
    done: dict = {}
    out = []
    for key in zip(*columns):
        try:
            value = done[key]
        except KeyError:
            value = done[key] = make(*key)
        except TypeError:  # an unhashable cell: no reuse for this row
            value = make(*key)
        out.append(value)
    return out


def figure_rows(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One export row per plotted figure: ids, names and formatted value in `lang`, plus provenance."""
    def col(name, default=None):
        return frame[name] if name in frame else pd.Series([default] * len(frame), index=frame.index)

    def cells(name, default=None) -> list:
        return col(name, default).tolist()

    def named(base: str) -> list:
        ko, en = f"{base}_ko", f"{base}_en"
        return _each_distinct([cells(ko), cells(en)], lambda a, b: i18n.label({ko: a, en: b}, base, lang))

    # Column by column and once per distinct value: at scale turning every row into a dict was most of the cost.
    out = pd.DataFrame(index=frame.index)
    out["figure_id"] = col("figure_id")
    out["hub"] = named("hub_name")
    out["metric"] = named("metric_label")
    out["value"] = col("value")
    out["unit"] = col("unit")
    out["value_formatted"] = _each_distinct([cells("value"), cells("unit")], lambda v, u: fmt.number(v, u, lang))
    out["period"] = _each_distinct(
        [cells("period_start"), cells("period_end"), cells("period_start_month"), cells("period_end_month"),
         cells("kind")],
        lambda start, end, first, last, kind: fmt.period(start, end, first, last, kind, lang),
    )
    out["kind"] = _each_distinct([cells("kind")], lambda k: fmt.kind_label(k, lang))
    out["scope_note"] = col("scope_note")
    out["series"] = col("series")
    out["source_publisher"] = col("publisher")
    out["source_date"] = col("published")
    out["source_url"] = col("url")
    out["quote"] = col("quote")
    supplied = col("user_supplied", False).fillna(False).astype(bool)
    out["user_supplied"] = [i18n.t("csv.yes" if s else "csv.no", lang) for s in supplied]
    return out.reset_index(drop=True)


def to_csv_bytes(rows: pd.DataFrame, lang: str, *, translate_headers: bool = True) -> bytes:
    """CSV bytes in UTF-8 with BOM (Excel reads Hangul correctly), formula-looking text neutralised."""
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
    fast = _arrow_csv(safe)
    if fast is not None:
        return fast
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


# pandas.to_csv (the csv module, QUOTE_MINIMAL) quotes a cell holding any of these.
_NEEDS_QUOTES = '[,"\r\n]'


def _csv_cells(column: pd.Series) -> pa.Array | None:
    """One column's cells as pandas.to_csv writes them, quoted where it would quote; None for other dtypes."""
    dtype = column.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "fiub":
        # The same numpy str() pandas uses (shortest repr, "True"/"False"); missing is written as "" (na_rep).
        # Numbers and booleans never hold a character that needs quotes.
        return pc.fill_null(pa.array(column.to_numpy().astype(str), type=pa.large_string(),
                                     mask=column.isna().to_numpy()), "")
    try:
        if dtype == object:
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


def _arrow_csv(frame: pd.DataFrame) -> bytes | None:
    """`frame.to_csv(index=False, lineterminator="\\r\\n").encode("utf-8-sig")`, byte for byte, built column-wise
    with Arrow (pandas writes row by row in Python: seconds per million rows); None when a column is of a dtype
    this does not cover, or for a single column (where the csv module quotes an empty cell)."""
    if frame.shape[1] < 2:
        return None
    columns = [_csv_cells(frame.iloc[:, i]) for i in range(frame.shape[1])]
    if any(c is None for c in columns):
        return None
    header = io.StringIO()
    csv.writer(header, lineterminator="\r\n").writerow([str(c) for c in frame.columns])
    out = header.getvalue().encode("utf-8-sig")
    if not len(frame):
        return out
    comma, crlf, empty = (pa.scalar(t, pa.large_string()) for t in (",", "\r\n", ""))
    lines = pc.binary_join_element_wise(pc.binary_join_element_wise(*columns, comma), empty, crlf)
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    # The lines' text buffer from the first line's start to the last one's end is the CSV body.
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)[lines.offset:lines.offset + len(lines) + 1]
    return out + memoryview(lines.buffers()[2])[offsets[0]:offsets[-1]].tobytes()


def file_name(*parts: str, ext: str = "csv") -> str:
    """A descriptive, filesystem-safe file name, e.g. `korea-ai-hubs_budgets_budget-total_2018-2024.csv`."""
    words = ["korea-ai-hubs", *parts]
    cleaned = [re.sub(r"[^0-9A-Za-z가-힣]+", "-", str(w)).strip("-").lower() for w in words if w]
    return "_".join(w for w in cleaned if w) + f".{ext}"
