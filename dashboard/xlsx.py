"""Spreadsheet downloads: the rows of a chart or table as .xlsx with three sheets (figures, units and notes, sources).

Statistics portals offer XLS, and LibreOffice Calc's default CSV import garbles Hangul even with a BOM. Written with
XlsxWriter: text is always written as text (never read as a formula, number or link), numbers as numbers, a missing
value as an empty cell (never 0).
"""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
import xlsxwriter

from dashboard import export, fmt, i18n, schema

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Past this many rows a workbook takes seconds and hundreds of MB to write; the CSV holds them all.
MAX_ROWS = 50_000
# A workbook's time grows with its rows: up to this many it is made with its view, a larger one only when asked for.
EAGER_ROWS = 1_000
# Excel's cell limit is 32,767 characters; no quote comes near it, but a cell must never break the file.
_MAX_CELL = 32_000
_SOURCE_COLUMNS = ("source_publisher", "source_date", "source_title", "source_url")


def _header(column: str, lang: str) -> str:
    return i18n.t(f"csv.{column}", lang) if f"csv.{column}" in i18n.STRINGS else column


def _cell(sheet, row: int, col: int, value) -> None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)) or value is pd.NA or value is pd.NaT:
        sheet.write_blank(row, col, None)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, col, value)
    elif hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        _cell(sheet, row, col, value.item())
    else:
        text = str(export.neutralise(str(value)))
        sheet.write_string(row, col, text[:_MAX_CELL])


def _write_frame(book, name: str, frame: pd.DataFrame, lang: str, bold) -> None:
    sheet = book.add_worksheet(name)
    for col, column in enumerate(frame.columns):
        sheet.write_string(0, col, _header(str(column), lang), bold)
    for row, values in enumerate(frame.itertuples(index=False, name=None), start=1):
        for col, value in enumerate(values):
            _cell(sheet, row, col, value)
    sheet.freeze_panes(1, 0)
    for col, column in enumerate(frame.columns):
        width = 60 if column in ("quote", "source_url", "url", "source_title") else 16
        sheet.set_column(col, col, width)


def sources_sheet(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per source of the figures: publisher, date, title, link and how many of the rows it reports."""
    present = [c for c in _SOURCE_COLUMNS if c in rows.columns]
    if not present or rows.empty:
        return pd.DataFrame(columns=[*present, "n_figures"])
    key = rows[present].astype("string").fillna("")
    counted = (
        rows.assign(**{c: key[c] for c in present})
        .groupby(present, sort=True, dropna=False)
        .agg(n_figures=("figure_id", "nunique") if "figure_id" in rows else (present[0], "size"))
        .reset_index()
    )
    return counted.replace({"": None})


def notes_sheet(rows: pd.DataFrame, title: str, lang: str, today: str | None = None) -> pd.DataFrame:
    """The units and notes sheet: title, download date, what the units and kinds mean, units per metric shown."""
    item, note = i18n.t("xlsx.col.item", lang), i18n.t("xlsx.col.note", lang)
    lines = [
        (i18n.t("xlsx.note.title", lang), title),
        (i18n.t("xlsx.note.made", lang), today or dt.date.today().isoformat()),
        (i18n.t("csv.unit", lang) if "csv.unit" in i18n.STRINGS else "unit", i18n.t("xlsx.note.units", lang)),
        (i18n.t("csv.kind", lang) if "csv.kind" in i18n.STRINGS else "kind", i18n.t("xlsx.note.kinds", lang)),
        (fmt.MISSING, i18n.t("xlsx.note.missing", lang)),
        (i18n.t("csv.quote", lang) if "csv.quote" in i18n.STRINGS else "quote", i18n.t("xlsx.note.quote", lang)),
    ]
    if {"metric", "unit"} <= set(rows.columns) and not rows.empty:
        for metric, unit in rows[["metric", "unit"]].drop_duplicates().itertuples(index=False, name=None):
            lines.append((str(metric), schema.UNITS.get(unit, {}).get(lang, str(unit))))
    return pd.DataFrame(lines, columns=[item, note])


def to_xlsx_bytes(rows: pd.DataFrame, lang: str, *, title: str, today: str | None = None) -> bytes:
    """The workbook of `rows` (export rows, e.g. export.figure_rows): figures, units and notes, sources."""
    out = io.BytesIO()
    # Text stays text: no formulas, numbers or links made of cells, no NaN written as an error.
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True})
    _write_frame(book, i18n.t("xlsx.sheet.figures", lang), rows.head(MAX_ROWS), lang, bold)
    _write_frame(book, i18n.t("xlsx.sheet.notes", lang), notes_sheet(rows, title, lang, today), lang, bold)
    _write_frame(book, i18n.t("xlsx.sheet.sources", lang), sources_sheet(rows), lang, bold)
    book.close()
    return out.getvalue()
