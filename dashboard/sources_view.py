"""The Sources & data page's views: the figures with their sources, the dictionary, and the download files' bytes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from dashboard import data, export, memo, numsearch, schema, sources_table, xlsx

# A browser table of more rows than this is slow to send and to scroll, and nobody reads it row by row:
# the page shows the first rows, says how many there are, and the downloads hold them all.
MAX_TABLE_ROWS = 2000
# A download of more rows than this is built only when asked for (a button first): at 1M figures one file takes
# seconds to build and hundreds of MB to hold, too much to spend on every visit to the page.
PREPARE_CSV_ROWS = 50_000
# A download is built this many rows at a time (its parts are joined at the end).
CSV_BATCH_ROWS = 100_000


@dataclass(frozen=True)
class Selection:
    """Which figures the section and its downloads hold, as the sources_* queries select them (hubs () = all)."""

    hubs: tuple[str, ...]
    kinds: tuple[str, ...]
    year_from: int
    year_to: int

    def __post_init__(self):  # hashable whatever sequences it was given
        object.__setattr__(self, "hubs", tuple(self.hubs))
        object.__setattr__(self, "kinds", tuple(self.kinds))

    @property
    def params(self) -> dict:
        """The selection's query parameters."""
        return {
            "hubs": list(self.hubs),
            "kinds": list(self.kinds),
            "year_from": self.year_from,
            "year_to": self.year_to,
        }


# Every figure: the "all figures" toggle and the whole-data download.
ALL_FIGURES = Selection((), tuple(schema.KINDS), schema.YEAR_MIN, schema.YEAR_MAX)


@dataclass(frozen=True)
class FigureList:
    """What the figure-and-source section shows for one selection and search."""

    n_rows: int
    n_figures: int
    n_sources: int
    selection_empty: bool  # no rows before the search
    table: pd.DataFrame | None  # display rows (at most MAX_TABLE_ROWS); None when nothing was found
    citations: pd.DataFrame
    n_hidden: int  # figures the search finds among the kinds the filter hides (0 unless table is None)


def selection(show_all: bool, hubs: tuple, kinds: tuple, year_from: int, year_to: int) -> Selection | None:
    """The figures the page's filters select (every figure with `show_all`); None when no kind is chosen."""
    if show_all:
        return ALL_FIGURES
    if not kinds:
        return None
    return Selection(hubs, kinds, year_from, year_to)


def search_params(needle: str | None, uploads: data.Uploads = data.NO_UPLOADS) -> dict:
    """The sources_* queries' search parameters for the search box text (sources_table.search's semantics).

    SQL compares lower(cell); the few cells where lower differs from casefold are decided in Python. Without a
    search nothing is looked up, so a page without a search never scans for those cells.
    """
    folded = sources_table.search_needle(needle)
    if not folded:
        return {"needle": "", "special_hits": [], "special_misses": [], "value_lo": None, "value_hi": None}
    cells = data.query("sources_search_special_cells", uploads)["cell"].tolist()
    hits, misses = sources_table.split_special(cells, folded)
    # A number as people write it ("1,076억", "KRW 107.6 bn") also finds the figures of that value.
    span = numsearch.value_range(needle)
    lo, hi = span if span is not None else (None, None)
    return {"needle": folded, "special_hits": hits, "special_misses": misses, "value_lo": lo, "value_hi": hi}


@memo.view
def _counts(chosen: Selection, needle: str, uploads: data.Uploads) -> tuple[int, int, int, int]:
    """(rows before the search, rows, figures, sources after it)."""
    row = data.query("sources_counts", uploads, **chosen.params, **search_params(needle, uploads)).iloc[0]
    return int(row["n_selected"]), int(row["n_rows"]), int(row["n_figures"]), int(row["n_sources"])


def download_rows(chosen: Selection | None, needle: str | None, uploads: data.Uploads = data.NO_UPLOADS) -> int:
    """How many rows the download of the selection after the search holds (0 for no selection)."""
    if chosen is None:
        return 0
    return _counts(chosen, needle or "", uploads)[1]


@memo.view
def figure_list(
    show_all: bool,
    hubs: tuple,
    kinds: tuple,
    year_from: int,
    year_to: int,
    needle: str,
    lang: str,
    uploads: data.Uploads = data.NO_UPLOADS,
) -> FigureList:
    """The counts, the (bounded) display table and the citations of the selection after the search; when the
    search finds nothing, how many figures it finds among the kinds the filter hides."""
    chosen = selection(show_all, hubs, kinds, year_from, year_to)
    n_selected, n_rows, n_figures, n_sources = _counts(chosen, needle, uploads) if chosen else (0, 0, 0, 0)
    if not n_rows:
        others = tuple(k for k in schema.KINDS if k not in kinds)
        hidden = Selection(hubs, others, year_from, year_to) if needle and not show_all and others else None
        n_hidden = _counts(hidden, needle, uploads)[2] if hidden else 0
        no_citations = sources_table.citation_list(pd.DataFrame(), lang)
        return FigureList(0, 0, 0, not n_selected, None, no_citations, n_hidden)
    params = {**chosen.params, **search_params(needle, uploads)}
    # All rows when they fit, else the first MAX_TABLE_ROWS.
    first = data.query("sources_rows", uploads, **params, limit=None if n_rows <= MAX_TABLE_ROWS else MAX_TABLE_ROWS)
    cites = data.query("sources_citations", uploads, **params)
    return FigureList(
        n_rows,
        n_figures,
        n_sources,
        not n_selected,
        sources_table.display_table(first, lang),
        sources_table.citation_list(cites, lang),
        0,
    )


def file_identity(chosen: Selection | None, needle: str | None, lang: str, uploads: data.Uploads) -> tuple:
    """What a download's file depends on (data folder, uploads, selection, search, language): a file prepared for
    one identity is not offered for another."""
    return data.data_dir(), uploads.key, chosen, needle or "", lang


def csv_bytes(
    chosen: Selection | None, needle: str | None, lang: str, uploads: data.Uploads = data.NO_UPLOADS
) -> bytes:
    """The download of the selection's figures and sources after the search, as CSV bytes (b"" for no selection).

    Bytes, not a callable: Streamlit 1.67 stores a callable's file without tying it to the session, so
    another session's rerun could delete it before the browser fetched it (404 under concurrent users).
    """
    if chosen is None:
        return b""
    return _csv_bytes(chosen, needle or "", lang, uploads)


@memo.view
def _csv_bytes(chosen: Selection, needle: str, lang: str, uploads: data.Uploads) -> bytes:
    # Batch by batch, outside the query cache: at 1M figures the rows, their export columns and their CSV cells
    # held all at once (and a pickled copy in the cache) came to several GB; this memo keeps only the file.
    params = {**chosen.params, **search_params(needle, uploads), "limit": None}
    out = io.BytesIO()  # grown in place: the file is never held twice (parts and their join)
    for at, rows in enumerate(row_batches(params, uploads=uploads)):
        out.write(export.to_csv_bytes(sources_table.export_table(rows, lang), lang, header=not at))
    return out.getvalue()


def xlsx_bytes(
    chosen: Selection | None, needle: str | None, lang: str, title: str, uploads: data.Uploads = data.NO_UPLOADS
) -> bytes:
    """The same rows as `csv_bytes` as a workbook (figures, units and notes, sources), at most xlsx.MAX_ROWS of
    them (b"" for no selection)."""
    if chosen is None:
        return b""
    return _xlsx_bytes(chosen, needle or "", lang, title, uploads)


@memo.view
def _xlsx_bytes(chosen: Selection, needle: str, lang: str, title: str, uploads: data.Uploads) -> bytes:
    params = {**chosen.params, **search_params(needle, uploads), "limit": xlsx.MAX_ROWS}
    rows = data.query("sources_rows", uploads, **params)
    return xlsx.to_xlsx_bytes(sources_table.export_table(rows, lang), lang, title=title)


def row_batches(
    params: dict, rows_per_batch: int | None = None, uploads: data.Uploads = data.NO_UPLOADS
) -> Iterator[pd.DataFrame]:
    """sources_rows' whole result for `params` (limit None) in its order, as frames of at most `rows_per_batch`
    rows (CSV_BATCH_ROWS), the first with the columns even when there are no rows.

    It is ordered by hub first, so it runs a few hubs at a time (about `rows_per_batch` rows per run, counted by
    sources_rows_by_hub): DuckDB sorts one part at a time instead of every row at once.
    """
    size = rows_per_batch or CSV_BATCH_ROWS
    by_hub = {k: v for k, v in params.items() if k != "limit"}
    counts = data.query("sources_rows_by_hub", uploads, cached=False, **by_hub)
    if counts.empty or counts["hub_id"].isna().any():
        yield from data.query_batches("sources_rows", size, uploads, **params)
        return
    hubs = counts["hub_id"].tolist()
    sizes = counts["n_rows"].tolist()
    part: list[str] = []
    n = 0
    for hub, k in zip(hubs + [None], sizes + [0]):
        if part and (hub is None or n + k > size):
            yield from data.query_batches("sources_rows", size, uploads, **{**params, "hubs": part})
            part, n = [], 0
        if hub is not None:
            part.append(hub)
            n += k


@memo.view
def dictionary(lang: str) -> pd.DataFrame:
    """The data dictionary of the metrics (sources_table.data_dictionary)."""
    return sources_table.data_dictionary(data.query("metrics"), lang)
