"""The Sources & data page's cached views: the searched figure table and citations, and on-click CSV builders."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import data, export, memo, schema, sources_table

# A browser table of more rows than this is slow to send and to scroll, and nobody reads it row by row:
# the page shows the first rows, says how many there are, and the downloads hold them all.
MAX_TABLE_ROWS = 2000
# figures_with_sources parameters that select every figure (the "all figures" toggle and download).
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
    """The figures_with_sources parameters of the selection; None when no kind is chosen (nothing to show)."""
    if show_all:
        return dict(ALL_FIGURES)
    if not kinds:
        return None
    return {"hubs": list(hubs), "kinds": list(kinds), "year_from": year_from, "year_to": year_to}


def _found(params: dict, needle: str | None, **uploads) -> tuple[pd.DataFrame, bool]:
    rows = data.query("figures_with_sources", **uploads, **params)
    return sources_table.search(rows, needle), rows.empty


@memo.view
def sources_view(show_all: bool, hubs: tuple, kinds: tuple, year_from: int, year_to: int, needle: str,
                 lang: str) -> SourcesView:
    """The counts, the (bounded) display table and the citations of the selection after the search."""
    params = selection_params(show_all, hubs, kinds, year_from, year_to)
    if params is None:
        found, selection_empty = data.query("figures_with_sources", **ALL_FIGURES).head(0), True
    else:
        found, selection_empty = _found(params, needle)
    table = sources_table.display_table(found.head(MAX_TABLE_ROWS), lang) if not found.empty else None
    return SourcesView(len(found), found["figure_id"].nunique(), found["source_id"].nunique(), selection_empty,
                       table, sources_table.citations(found, lang))


def csv_bytes(params: dict | None, needle: str | None, lang: str) -> bytes:
    """The download of `params`' figures and sources after the search, as CSV bytes (b"" for no selection).

    Bytes, not a callable: Streamlit 1.67 stores a callable's file without tying it to the session, so
    another session's rerun could delete it before the browser fetched it (404 under concurrent users).
    """
    if params is None:
        return b""
    key = tuple(sorted((k, tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in params.items()))
    return _csv_bytes(key, needle or "", lang)


@memo.view
def _csv_bytes(key: tuple, needle: str, lang: str) -> bytes:
    params = {k: list(v) if isinstance(v, tuple) else v for k, v in key}
    return export.to_csv_bytes(sources_table.export_table(_found(params, needle or None)[0], lang), lang)


@memo.view
def dictionary(lang: str) -> pd.DataFrame:
    """The data dictionary of the metrics (sources_table.data_dictionary)."""
    return sources_table.data_dictionary(data.query("metrics"), lang)
