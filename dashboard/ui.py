"""Streamlit building blocks shared by the pages: chart with table and download, messages, error page, credits."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import export, i18n

GEO_CREDIT = "행정구역 경계: 통계청 SGIS (공공누리 제1유형) / Boundaries: Statistics Korea SGIS (KOGL Type 1)"
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"], "responsive": True}


@dataclass(frozen=True)
class Chart:
    """A figure with its download already made: what a cached view hands to `show_chart` (read-only, shared)."""

    fig: go.Figure
    table: pd.DataFrame  # the export rows: the download and the 'show as table' view
    csv: bytes
    file_parts: tuple[str, ...]


def prepare_chart(fig: go.Figure, rows: pd.DataFrame, *, lang: str, file_parts: tuple[str, ...],
                  export_rows: pd.DataFrame | None = None) -> Chart:
    """The figure, its export rows and their CSV bytes, built once (chart_block would rebuild them every run)."""
    table = export_rows if export_rows is not None else export.figure_rows(rows, lang)
    return Chart(fig, table, export.to_csv_bytes(table, lang), tuple(file_parts))


def show_chart(chart: Chart, *, key: str, lang: str) -> None:
    """chart_block for a prepared chart: no frame or CSV work in this run."""
    chart_block(chart.fig, chart.table, key=key, lang=lang, file_parts=chart.file_parts, export_rows=chart.table,
                csv_bytes=chart.csv)


def chart_block(fig: go.Figure, rows: pd.DataFrame, *, key: str, lang: str, file_parts: tuple[str, ...],
                export_rows: pd.DataFrame | None = None, csv_bytes: bytes | None = None) -> None:
    """A chart, its 'show as table' alternative and a download of exactly the rows it plotted.

    `csv_bytes`, when given, must be `export.to_csv_bytes` of the export rows (see `prepare_chart`).
    """
    st.plotly_chart(fig, key=f"chart-{key}", config=PLOTLY_CONFIG, on_select="ignore")
    table = export_rows if export_rows is not None else export.figure_rows(rows, lang)
    left, right = st.columns([1, 1])
    with left:
        show = st.toggle(i18n.t("table.show", lang), key=f"table-{key}")
    with right:
        st.download_button(
            i18n.t("download.chart_data", lang),
            data=csv_bytes if csv_bytes is not None else export.to_csv_bytes(table, lang),
            file_name=export.file_name(*file_parts),
            mime="text/csv",
            key=f"download-{key}",
            on_click="ignore",
            icon=":material/download:",
        )
    if show:
        st.dataframe(
            table.rename(columns=lambda c: i18n.t(f"csv.{c}", lang) if f"csv.{c}" in i18n.STRINGS else c),
            hide_index=True, key=f"tableview-{key}",
        )


def empty(lang: str, key: str = "msg.empty_selection", **kwargs) -> None:
    """A short explanation in place of a chart with nothing to draw."""
    st.info(i18n.t(key, lang, **kwargs), icon=":material/info:")


def data_error_page(problems, lang: str) -> None:
    """Every data problem as `file:line: message`, instead of a traceback."""
    st.title(i18n.t("error.title", lang))
    st.write(i18n.t("error.intro", lang))
    lines = [str(p) for p in problems]
    st.code("\n".join(lines[:500]) + (f"\n… (+{len(lines) - 500})" if len(lines) > 500 else ""), language=None)
    st.caption(i18n.t("error.fix_hint", lang))


def sidebar_credits(lang: str) -> None:
    """Where the numbers and the map come from, in the sidebar footer."""
    st.sidebar.caption(i18n.t("app.truth_note", lang))
    st.sidebar.caption(GEO_CREDIT)


# Every ASCII punctuation mark may be backslash-escaped in CommonMark; these are the ones Streamlit's
# markdown (incl. :emoji:/:color[..]: directives, $math$, ~strike~ and raw HTML) would otherwise interpret.
_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:&"


def md_escape(text) -> str:
    """Data text for st.markdown / st.caption / st.warning, shown literally (no markup, links or HTML)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))
