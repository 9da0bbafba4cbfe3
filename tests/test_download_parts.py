"""The Sources download runs sources_rows a few hubs at a time (sources_view.row_batches): the parts, one after
another, are the whole result in its order, and the file is byte for byte the file of all rows at once."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from dashboard import data, export, memo, sources_table, sources_view


@pytest.fixture
def bundled(monkeypatch):
    monkeypatch.delenv("HUBS_DATA_DIR", raising=False)
    memo.clear()
    yield
    memo.clear()


def _runs(monkeypatch) -> list[list[str]]:
    """Record the hubs each sources_rows run of the download asks for."""
    runs: list[list[str]] = []
    real = data.query_batches

    def spy(name, rows_per_batch, uploads=data.NO_UPLOADS, **params):
        runs.append(list(params["hubs"]))
        return real(name, rows_per_batch, uploads, **params)

    monkeypatch.setattr(data, "query_batches", spy)
    return runs


@pytest.mark.parametrize("needle, hubs", [("", []), ("ai", []), ("", ["gwangju_ai_cluster", "seoul_ai_yangjae_hub"])])
def test_parts_by_hub_are_the_whole_result_in_order(bundled, monkeypatch, needle, hubs):
    selection = {**sources_view.ALL_FIGURES.params, "hubs": hubs}
    params = {**selection, **sources_view.search_params(needle), "limit": None}
    whole = data.query("sources_rows", cached=False, **params)
    runs = _runs(monkeypatch)
    parts = list(sources_view.row_batches(params, rows_per_batch=5))
    assert len(runs) > 1  # the result was fetched in several runs
    assert all(len(p) <= 5 for p in parts)
    assert [sorted(r) == r for r in runs] == [True] * len(runs)
    joined = pd.concat(parts, ignore_index=True)
    assert joined.astype(str).values.tolist() == whole.astype(str).values.tolist()
    assert list(joined.columns) == list(whole.columns)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_download_in_parts_is_the_file_of_all_rows_at_once(bundled, monkeypatch, lang):
    monkeypatch.setattr(sources_view, "CSV_BATCH_ROWS", 4)
    runs = _runs(monkeypatch)
    built = sources_view.csv_bytes(sources_view.ALL_FIGURES, None, lang)
    everything = data.query("figures_with_sources", **sources_view.ALL_FIGURES.params)
    assert built == export.to_csv_bytes(sources_table.export_table(everything, lang), lang)
    assert len(runs) > 10


def test_a_selection_without_rows_is_the_header_alone(bundled):
    selection = dataclasses.replace(sources_view.ALL_FIGURES, year_from=1900, year_to=1901)
    built = sources_view.csv_bytes(selection, None, "en")
    assert built.count(b"\n") == 1 and built.startswith("\ufeff".encode())
