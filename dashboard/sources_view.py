"""The Sources & data page's cached views (counts, first table rows and citations from SQL) and its CSV downloads."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import data, export, i18n, memo, numsearch, schema, sources_table, xlsx

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_EAGER_ROWS = 1_000

# A browser table of more rows than this is slow to send and to scroll, and nobody reads it row by row:
# the page shows the first rows, says how many there are, and the downloads hold them all.
MAX_TABLE_ROWS = 2000
# A download of more rows than this is built only when asked for (a button first): at 1M figures one file takes
# seconds to build and hundreds of MB to hold, too much to spend on every visit to the page.
PREPARE_CSV_ROWS = 50_000
# A download is built this many rows at a time (its parts are joined at the end).
CSV_BATCH_ROWS = 100_000
# Selection parameters (as in figures_with_sources) that select every figure (the "all figures" toggle and download).
ALL_FIGURES = {"hubs": [], "kinds": list(schema.KINDS), "year_from": schema.YEAR_MIN, "year_to": schema.YEAR_MAX}


@dataclass(frozen=True)
class SourcesView:
    """What the figure-and-source section shows for one selection and search."""

    n_rows: int
    n_figures: int
    n_sources: int
    selection_empty: bool  # no rows before the search
    table: pd.DataFrame | None  # display rows (at most MAX_TABLE_ROWS); None when nothing was found
    citations: pd.DataFrame


def selection_params(show_all: bool, hubs: tuple, kinds: tuple, year_from: int, year_to: int) -> dict | None:
    """The selection's query parameters; None when no kind is chosen (nothing to show)."""
    if show_all:
        return dict(ALL_FIGURES)
    if not kinds:
        return None
    return {"hubs": list(hubs), "kinds": list(kinds), "year_from": year_from, "year_to": year_to}


def _key(params: dict) -> tuple:
    """`params` as a hashable memo key."""
    return tuple(sorted((k, tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in params.items()))


def _params(key: tuple) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in key}


def search_params(needle: str | None) -> dict:
    """The sources_* queries' search parameters for the search box text (sources_table.search's semantics).

    SQL compares lower(cell); the few cells where lower differs from casefold are decided in Python. Without a
    search nothing is looked up, so a page without a search never scans for those cells.
    """
    folded = sources_table.search_needle(needle)
    if not folded:
        return {"needle": "", "special_hits": [], "special_misses": [], "value_lo": None, "value_hi": None}
    cells = data.query("sources_search_special_cells")["cell"].tolist()
    hits, misses = sources_table.split_special(cells, folded)
    # A number as people write it ("1,076억", "KRW 107.6 bn") also finds the figures of that value.
    span = numsearch.value_range(needle)
    lo, hi = span if span is not None else (None, None)
    return {"needle": folded, "special_hits": hits, "special_misses": misses, "value_lo": lo, "value_hi": hi}


@memo.view
def _counts(key: tuple, needle: str) -> tuple[int, int, int, int]:
    row = data.query("sources_counts", **_params(key), **search_params(needle)).iloc[0]
    return int(row["n_selected"]), int(row["n_rows"]), int(row["n_figures"]), int(row["n_sources"])


def csv_rows(params: dict | None, needle: str | None) -> int:
    """How many rows the download of `params`' figures after the search holds (0 for no selection)."""
    if params is None:
        return 0
    return _counts(_key(params), needle or "")[1]


@memo.view
def sources_view(
    show_all: bool, hubs: tuple, kinds: tuple, year_from: int, year_to: int, needle: str, lang: str
) -> SourcesView:
    """The counts, the (bounded) display table and the citations of the selection after the search."""
    params = selection_params(show_all, hubs, kinds, year_from, year_to)
    if params is None:
        return SourcesView(0, 0, 0, True, None, sources_table.citation_list(pd.DataFrame(), lang))
    n_selected, n_rows, n_figures, n_sources = _counts(_key(params), needle)
    if not n_rows:
        return SourcesView(0, 0, 0, not n_selected, None, sources_table.citation_list(pd.DataFrame(), lang))
    search = search_params(needle)
    # All rows when they fit, else the first MAX_TABLE_ROWS.
    first = data.query("sources_rows", **params, **search, limit=None if n_rows <= MAX_TABLE_ROWS else MAX_TABLE_ROWS)
    cites = data.query("sources_citations", **params, **search)
    return SourcesView(
        n_rows,
        n_figures,
        n_sources,
        not n_selected,
        sources_table.display_table(first, lang),
        sources_table.citation_list(cites, lang),
    )


def csv_identity(params: dict | None, needle: str | None, lang: str) -> tuple:
    """What a download's file depends on (selection, search, language, data folder, this session's uploads): a
    file prepared for one identity is not offered for another."""
    return data.data_dir(), data.session_uploads()[2], None if params is None else _key(params), needle or "", lang


def csv_bytes(params: dict | None, needle: str | None, lang: str) -> bytes:
    """The download of `params`' figures and sources after the search, as CSV bytes (b"" for no selection).

    Bytes, not a callable: Streamlit 1.67 stores a callable's file without tying it to the session, so
    another session's rerun could delete it before the browser fetched it (404 under concurrent users).
    """
    if params is None:
        return b""
    return _csv_bytes(_key(params), needle or "", lang)


@memo.view
def _csv_bytes(key: tuple, needle: str, lang: str) -> bytes:
    # Batch by batch, outside the query cache: at 1M figures the rows, their export columns and their CSV cells
    # held all at once (and a pickled copy in the cache) came to several GB; this memo keeps only the file.
    params = {**_params(key), **search_params(needle), "limit": None}
    out = io.BytesIO()  # grown in place: the file is never held twice (parts and their join)
    for at, rows in enumerate(row_batches(params)):
        out.write(export.to_csv_bytes(sources_table.export_table(rows, lang), lang, header=not at))
    return out.getvalue()


def row_batches(params: dict, rows_per_batch: int | None = None) -> Iterator[pd.DataFrame]:
    """sources_rows' whole result for `params` (limit None) in its order, as frames of at most `rows_per_batch`
    rows (CSV_BATCH_ROWS), the first with the columns even when there are no rows.

    It is ordered by hub first, so it runs a few hubs at a time (about `rows_per_batch` rows per run, counted by
    sources_rows_by_hub): DuckDB sorts one part at a time instead of every row at once.
    """
    size = rows_per_batch or CSV_BATCH_ROWS
    counts = data.query("sources_rows_by_hub", cached=False, **{k: v for k, v in params.items() if k != "limit"})
    if counts.empty or counts["hub_id"].isna().any():
        yield from data.query_batches("sources_rows", size, **params)
        return
    hubs = counts["hub_id"].tolist()
    sizes = counts["n_rows"].tolist()
    part: list[str] = []
    n = 0
    for hub, k in zip(hubs + [None], sizes + [0]):
        if part and (hub is None or n + k > size):
            yield from data.query_batches("sources_rows", size, **{**params, "hubs": part})
            part, n = [], 0
        if hub is not None:
            part.append(hub)
            n += k


@memo.view
def dictionary(lang: str) -> pd.DataFrame:
    """The data dictionary of the metrics (sources_table.data_dictionary)."""
    return sources_table.data_dictionary(data.query("metrics"), lang)


def _prepared(flag: str, wanted: tuple) -> None:
    st.session_state[flag] = wanted


def csv_download(
    name: str, label: str, params: dict | None, needle: str, lang: str, *, file_name: str, prepare_label: str, **button
) -> None:
    """The page's download of `params`' rows after the search, built once per selection and kept, handed over
    as bytes. Above PREPARE_CSV_ROWS rows a button first asks for it: a visit never waits for a large file."""
    if button.get("disabled"):
        payload = b""
    elif (n_rows := csv_rows(params, needle)) <= PREPARE_CSV_ROWS:
        payload = csv_bytes(params, needle, lang)
    else:
        flag, wanted = f"_sources_prepared_{name}", csv_identity(params, needle, lang)
        if st.session_state.get(flag) != wanted:
            st.button(
                i18n.t(prepare_label, lang, n=f"{n_rows:,}"),
                key=f"prepare-{name}",
                on_click=_prepared,
                args=(flag, wanted),
                icon=":material/construction:",
                help=i18n.t("sources.prepare_help", lang),
            )
            return
        with st.spinner(i18n.t("sources.preparing", lang)):
            payload = csv_bytes(params, needle, lang)
    st.download_button(
        label,
        data=payload,
        file_name=file_name,
        mime="text/csv",
        key=f"download-{name}",
        on_click="ignore",
        icon=":material/download:",
        **button,
    )


@memo.view
def _xlsx_bytes(key: tuple, needle: str, lang: str, title: str) -> bytes:
    params = {**_params(key), **search_params(needle), "limit": xlsx.MAX_ROWS}
    return xlsx.to_xlsx_bytes(sources_table.export_table(data.query("sources_rows", **params), lang), lang, title=title)


def xlsx_download(
    name: str, label: str, params: dict | None, needle: str, lang: str, *, file_name: str, disabled: bool = False
) -> None:
    """The same rows as the CSV download as a workbook (figures, units and notes, sources), up to xlsx.MAX_ROWS
    rows; a larger selection says the CSV holds it."""
    n_rows = 0 if disabled else csv_rows(params, needle)
    if n_rows > xlsx.MAX_ROWS:
        st.caption(i18n.t("sources.xlsx_too_large", lang, n=f"{xlsx.MAX_ROWS:,}"))
        return
    if n_rows > XLSX_EAGER_ROWS:
        # A workbook's time grows with its rows: a larger one is made only when asked for, once per selection.
        flag, wanted = f"_sources_xlsx_prepared_{name}", csv_identity(params, needle, lang)
        if st.session_state.get(flag) != wanted:
            st.button(
                i18n.t("download.xlsx_prepare", lang),
                key=f"make-xlsx-{name}",
                on_click=_prepared,
                args=(flag, wanted),
                icon=":material/table_view:",
            )
            return
    payload = b"" if disabled or params is None else _xlsx_bytes(_key(params), needle or "", lang, label)
    st.download_button(
        label,
        data=payload,
        file_name=file_name,
        mime=XLSX_MIME,
        key=f"download-xlsx-{name}",
        on_click="ignore",
        icon=":material/table_view:",
        disabled=disabled or params is None,
    )
