"""Download files: the rows a chart plotted, with provenance columns, as a spreadsheet-safe UTF-8 CSV with BOM."""

from __future__ import annotations

import re

import pandas as pd

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


def figure_rows(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One export row per plotted figure: ids, names and formatted value in `lang`, plus provenance."""
    def col(name, default=None):
        return frame[name] if name in frame else pd.Series([default] * len(frame), index=frame.index)

    out = pd.DataFrame(index=frame.index)
    out["figure_id"] = col("figure_id")
    out["hub"] = [i18n.label(r, "hub_name", lang) for r in frame.to_dict("records")]
    out["metric"] = [i18n.label(r, "metric_label", lang) for r in frame.to_dict("records")]
    out["value"] = col("value")
    out["unit"] = col("unit")
    out["value_formatted"] = [fmt.number(v, u, lang) for v, u in zip(col("value"), col("unit"))]
    out["period"] = [
        fmt.period(r["period_start"], r["period_end"], r.get("period_start_month"), r.get("period_end_month"),
                   r["kind"], lang)
        for r in frame.to_dict("records")
    ]
    out["kind"] = [fmt.kind_label(k, lang) for k in col("kind")]
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
        if safe[name].dtype == object or pd.api.types.is_string_dtype(safe[name]):
            safe[name] = safe[name].map(neutralise)
    if translate_headers:
        safe.columns = [i18n.t(f"csv.{c}", lang) if f"csv.{c}" in i18n.STRINGS else c for c in safe.columns]
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def file_name(*parts: str, ext: str = "csv") -> str:
    """A descriptive, filesystem-safe file name, e.g. `korea-ai-hubs_budgets_budget-total_2018-2024.csv`."""
    words = ["korea-ai-hubs", *parts]
    cleaned = [re.sub(r"[^0-9A-Za-z가-힣]+", "-", str(w)).strip("-").lower() for w in words if w]
    return "_".join(w for w in cleaned if w) + f".{ext}"
