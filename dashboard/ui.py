"""Streamlit building blocks shared by the pages: chart with table and download, messages, error page, credits."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import export, filters, fmt, i18n, schema, url_state, xlsx
from dashboard.chart_files import Chart, chart_title
from dashboard.fmt import md_escape
from dashboard.geo import GEO_CREDIT

# A short mode bar (export, zoom, pan, reset): on a phone a long one covered the title.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d"],
}


def show_chart(chart: Chart, *, key: str, lang: str) -> None:
    """chart_block for a prepared chart: no frame or CSV work in this run."""
    chart_block(
        chart.fig,
        chart.table,
        key=key,
        lang=lang,
        file_parts=chart.file_parts,
        export_rows=chart.table,
        csv_bytes=chart.csv,
        xlsx_bytes=chart.xlsx or None,
    )


def chart_block(
    fig: go.Figure,
    rows: pd.DataFrame,
    *,
    key: str,
    lang: str,
    file_parts: tuple[str, ...],
    export_rows: pd.DataFrame | None = None,
    csv_bytes: bytes | None = None,
    xlsx_bytes: bytes | None = None,
) -> None:
    """A chart, its 'show as table' alternative and a download of exactly the rows it plotted.

    `csv_bytes`, when given, must be `export.to_csv_bytes` of the export rows (see `prepare_chart`).
    """
    table = export_rows if export_rows is not None else export.figure_rows(rows, lang)
    selectable = "figure_id" in table.columns and "quote" in table.columns
    event = st.plotly_chart(
        fig,
        key=f"chart-{key}",
        config=plotly_config(fig, file_parts),
        on_select="rerun" if selectable else "ignore",
        selection_mode=("points",),
    )
    if selectable:
        selected_sources(event, table, lang)
    left, middle, right = st.columns([1, 1, 1])
    with left:
        show = st.toggle(i18n.t("table.show", lang), key=f"table-{key}")
    with middle:
        st.download_button(
            i18n.t("download.chart_data", lang),
            data=csv_bytes if csv_bytes is not None else export.to_csv_bytes(table, lang),
            file_name=export.file_name(*file_parts),
            mime="text/csv",
            key=f"download-{key}",
            on_click="ignore",
            icon=":material/download:",
        )
    with right:
        _xlsx_button(fig, table, key=key, lang=lang, file_parts=file_parts, xlsx_bytes=xlsx_bytes)
    if show:
        data_table(
            table.rename(columns=lambda c: i18n.t(f"csv.{c}", lang) if f"csv.{c}" in i18n.STRINGS else c),
            lang,
            hide_index=True,
            key=f"tableview-{key}",
            legend=True,
        )


def _xlsx_button(
    fig: go.Figure, table: pd.DataFrame, *, key: str, lang: str, file_parts: tuple[str, ...], xlsx_bytes: bytes | None
) -> None:
    """The chart's .xlsx download; past xlsx.EAGER_ROWS rows (and not prepared) a button makes it first."""
    if xlsx_bytes is None:
        flag, wanted = f"_xlsx_prepared_{key}", (tuple(file_parts), len(table))
        if len(table) > xlsx.EAGER_ROWS and st.session_state.get(flag) != wanted:
            st.button(
                i18n.t("download.xlsx_prepare", lang),
                key=f"make-xlsx-{key}",
                icon=":material/table_view:",
                on_click=lambda: st.session_state.__setitem__(flag, wanted),
            )
            return
        xlsx_bytes = xlsx.to_xlsx_bytes(table.head(xlsx.MAX_ROWS), lang, title=chart_title(fig, file_parts))
    st.download_button(
        i18n.t("download.xlsx", lang),
        data=xlsx_bytes,
        file_name=export.file_name(*file_parts, ext="xlsx"),
        mime=xlsx.MIME,
        key=f"download-xlsx-{key}",
        on_click="ignore",
        icon=":material/table_view:",
    )


def data_table(frame: pd.DataFrame, lang: str, *, legend: bool = False, **kwargs) -> None:
    """st.dataframe in the page's language: missing cells read "—" (never "None"), with the legend under the table
    when `legend`; a table with no rows is a line of text in `lang` instead of Streamlit's own "empty"."""
    if frame is None or frame.empty:
        st.caption(i18n.t("table.empty", lang))
        return
    st.dataframe(frame, placeholder=fmt.MISSING, **kwargs)
    if legend and frame.isna().to_numpy().any():
        st.caption(i18n.t("table.missing_legend", lang, dash=fmt.MISSING))


def figure_columns(lang: str, text_columns, link_column: str) -> dict:
    """st.dataframe settings for a table of figures with their quotes: translated headers for `text_columns`, a
    wider scope note, the widest quote, and `link_column` as a link to the source."""
    return {
        **{c: st.column_config.TextColumn(i18n.t(f"table.col.{c}", lang)) for c in text_columns},
        "scope_note": st.column_config.TextColumn(i18n.t("table.col.scope_note", lang), width="medium"),
        "quote": st.column_config.TextColumn(i18n.t("table.col.quote", lang), width="large"),
        link_column: st.column_config.LinkColumn(i18n.t("sources.link", lang)),
    }


# The PNG export: a 16:9 slide at 1600 × 900, or the chart's own height when it is taller (the grids).
EXPORT_WIDTH, EXPORT_HEIGHT = 1600, 900


def plotly_config(fig: go.Figure, file_parts: tuple[str, ...]) -> dict:
    """The chart's mode bar: PNG export named after the chart and sized for slides, no box/lasso."""
    tall = int(fig.layout.height or 0) > EXPORT_HEIGHT
    return {
        **PLOTLY_CONFIG,
        "toImageButtonOptions": {
            "format": "png",
            "filename": export.file_name(*file_parts, ext="png")[: -len(".png")],
            "width": 1200 if tall else EXPORT_WIDTH,
            "height": int(fig.layout.height) if tall else EXPORT_HEIGHT,
            "scale": 1,
        },
    }


def selected_ids(event) -> list[str]:
    """Figure ids of the points a reader clicked or selected (customdata of each point; None and lists skipped)."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError, AttributeError):
        return []
    ids = []
    for point in points or []:
        value = point.get("customdata") if hasattr(point, "get") else None
        if isinstance(value, list | tuple):
            value = value[0] if len(value) == 1 else None
        if value is not None and str(value) not in ids:
            ids.append(str(value))
    return ids


def selected_sources(event, table: pd.DataFrame, lang: str) -> None:
    """Under a chart: the source, date, link and full quote of each clicked figure, or a one-line hint."""
    ids = selected_ids(event)
    chosen = table[table["figure_id"].astype(str).isin(ids)] if ids else table.iloc[0:0]
    if chosen.empty:
        st.caption(i18n.t("select.hint", lang))
        return
    with st.container(border=True):
        st.markdown(f"**{md_escape(i18n.t('select.header', lang))}**")
        for r in chosen.drop_duplicates("figure_id").head(10).to_dict("records"):
            head = " · ".join(
                str(r[c])
                for c in ("hub", "metric", "value_formatted", "period", "kind")
                if c in r and fmt.has_text(r[c])
            )
            source = ", ".join(str(r[c]) for c in ("source_publisher", "source_date") if c in r and fmt.has_text(r[c]))
            lines = [f"**{md_escape(head)}**", md_escape(f"{i18n.t('hover.source', lang)}: {source}")]
            if fmt.has_text(r.get("source_url")) and str(r["source_url"]).startswith(("https://", "http://")):
                lines[-1] += (
                    f" — [{md_escape(_short_url(r['source_url']))}]({str(r['source_url']).replace(')', '%29')})"
                )
            if fmt.has_text(r.get("quote")):
                lines.append(f"> “{md_escape(r['quote'])}”")
            st.markdown("  \n".join(lines[:2]) + ("\n\n" + lines[2] if len(lines) > 2 else ""))


def _short_url(url: str) -> str:
    text = str(url).split("://", 1)[-1]
    return text if len(text) <= 40 else text[:39] + "…"


def empty(lang: str, key: str = "msg.empty_selection", **kwargs) -> None:
    """A short explanation in place of a chart with nothing to draw."""
    st.info(i18n.t(key, lang, **kwargs), icon=":material/info:")


def linked_choice(label: str, options: list, *, key: str, format_func, lang: str, default=None):
    """A single-choice picker linked to the URL: its value from the link (first visit, valid only), else as
    remembered, else `default` (None: the first option); the URL holds it under `key` only when it is not the
    default."""
    default = options[0] if default is None else default
    with url_state.linked(key, url_state.Choice(tuple(options)), default):
        value = st.selectbox(
            label,
            options,
            format_func=format_func,
            key=key,
            persist_state="session",
            placeholder=i18n.t("widget.choose", lang),
        )
    return value


def show_kinds(kinds) -> None:
    """Button callback: add `kinds` to the sidebar's kind filter (the URL follows)."""
    current = list(st.session_state.get(filters.KINDS) or [])
    st.session_state[filters.KINDS] = list(schema.in_kind_order([*current, *kinds]))


def hidden_kinds_notice(hidden: dict[str, int], lang: str, key: str) -> None:
    """What the kind filter hides on this page (`hidden`: kind -> figures), and the one click that shows it."""
    if not hidden:
        return
    what = ", ".join(i18n.t("kinds.count", lang, kind=fmt.kind_label(k, lang), n=n) for k, n in hidden.items())
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(i18n.t("kinds.hidden", lang, what=what))
    right.button(
        i18n.t("kinds.show_all", lang),
        key=key,
        on_click=show_kinds,
        args=(tuple(schema.KINDS),),
        icon=":material/visibility:",
    )


def data_error_page(problems, lang: str) -> None:
    """Every data problem as `file:line: message`, instead of a traceback."""
    st.title(i18n.t("error.title", lang))
    st.write(i18n.t("error.intro", lang))
    lines = [p.text(lang) for p in problems]  # the words in the page's language, the file and line as they are
    st.code("\n".join(lines[:500]) + (f"\n… (+{len(lines) - 500})" if len(lines) > 500 else ""), language=None)
    st.caption(i18n.t("error.fix_hint", lang))


def sidebar_credits(lang: str) -> None:
    """Where the numbers and the map come from, in the sidebar footer."""
    st.sidebar.caption(i18n.t("app.truth_note", lang))
    st.sidebar.caption(GEO_CREDIT)
