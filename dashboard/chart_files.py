"""A chart with its table, CSV and workbook made once: what a view hands to ui.show_chart (no Streamlit)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard import export, xlsx


@dataclass(frozen=True)
class Chart:
    """A Plotly chart with its download already made: what a cached view hands to `show_chart` (read-only, shared)."""

    fig: go.Figure
    table: pd.DataFrame  # the export rows: the download and the 'show as table' view
    csv: bytes
    file_parts: tuple[str, ...]
    xlsx: bytes = b""  # the same rows as a workbook (dashboard/xlsx.py); b"" = made when drawn


def prepare_chart(
    fig: go.Figure,
    rows: pd.DataFrame,
    *,
    lang: str,
    file_parts: tuple[str, ...],
    export_rows: pd.DataFrame | None = None,
) -> Chart:
    """The chart, its export rows and their CSV bytes, built once (chart_block would rebuild them every run)."""
    table = export_rows if export_rows is not None else export.figure_rows(rows, lang)
    # A workbook's time grows with its rows (docs/performance.md): small ones are made with the view, larger ones
    # on request.
    book = xlsx.to_xlsx_bytes(table, lang, title=chart_title(fig, file_parts)) if len(table) <= xlsx.EAGER_ROWS else b""
    return Chart(fig, table, export.to_csv_bytes(table, lang), tuple(file_parts), book)


def chart_title(fig: go.Figure, file_parts: tuple[str, ...]) -> str:
    """The chart's title as plain text (for the workbook's notes), else its file name parts."""
    text = str(getattr(fig.layout.title, "text", None) or "")
    text = re.sub(r"<br\s*/?>", " — ", text)
    text = re.sub(r"<[^>]+>", "", text).strip()
    return text or " ".join(str(p) for p in file_parts)
