"""The Sources & data page on a generated folder: large downloads wait for a click, then hold exactly the rows."""

from __future__ import annotations

import csv
import io

import pytest
from streamlit.testing.v1 import AppTest

from bench import synth
from dashboard import data, export, i18n, memo, schema, sources_table, sources_view
from tests.conftest import ALL_YEARS, page_app

KINDS = ["actual", "plan"]


@pytest.fixture
def synthetic(tmp_path, monkeypatch):
    """A valid folder of 2,000 generated figures (made here, never under data/)."""
    synth.write_data(tmp_path, 2000, n_hubs=12, n_sources=5)
    monkeypatch.setenv("HUBS_DATA_DIR", str(tmp_path))
    memo.clear()
    yield tmp_path
    memo.clear()


def years() -> tuple[int, int]:
    bounds = data.query("year_bounds").iloc[0]
    return int(bounds["year_min"]), int(bounds["year_max"])


def run_sources(lang: str = "ko") -> AppTest:
    at = page_app("sources", lang=lang, years=ALL_YEARS, kinds=KINDS).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def selection_rows():
    lo, hi = years()
    return data.query("figures_with_sources", hubs=[], kinds=KINDS, year_from=lo, year_to=hi)


def all_rows():
    return data.query(
        "figures_with_sources", hubs=[], kinds=list(schema.KINDS), year_from=schema.YEAR_MIN, year_to=schema.YEAR_MAX
    )


def download_keys(at: AppTest) -> set[str]:
    """The keys of the download buttons on screen (an element id is `$$ID-<hash>-<key>`)."""
    return {e.proto.id.split("-", 2)[-1] for e in at.get("download_button")}


def prepare_keys(at: AppTest) -> set[str]:
    return {b.key for b in at.button if b.key and b.key.startswith("prepare-")}


FILTERED = export.file_name("figures-and-sources", "filtered")
EVERYTHING = export.file_name("all-figures-and-sources")


def expected_csv(rows, lang: str = "ko") -> bytes:
    return export.to_csv_bytes(sources_table.export_table(rows, lang), lang)


def csv_ids(payload: bytes, lang: str = "ko") -> list[str]:
    return [r[i18n.t("csv.figure_id", lang)] for r in csv.DictReader(io.StringIO(payload.decode("utf-8-sig")))]


def test_large_downloads_wait_for_a_click_then_hold_every_row(synthetic, monkeypatch, downloads):
    """Above the threshold each download is a 'prepare' button naming its row count and no file is built; a
    click builds that file (only that one), which then has exactly the selection's rows, and stays."""
    monkeypatch.setattr(sources_view, "PREPARE_CSV_ROWS", 100)
    at = run_sources()
    selection, everything = selection_rows(), all_rows()
    assert 100 < len(selection) < len(everything)
    assert prepare_keys(at) == {"prepare-all", "prepare-filtered"}
    assert at.button(key="prepare-filtered").label == i18n.t("sources.prepare_filtered", "ko", n=f"{len(selection):,}")
    assert at.button(key="prepare-all").label == i18n.t("sources.prepare_all", "ko", n=f"{len(everything):,}")
    assert not {"download-all", "download-filtered"} & download_keys(at)
    assert FILTERED not in dict(downloads) and EVERYTHING not in dict(downloads)

    at.button(key="prepare-filtered").click().run()
    assert not at.exception
    assert prepare_keys(at) == {"prepare-all"}
    assert "download-filtered" in download_keys(at) and EVERYTHING not in dict(downloads)
    assert dict(downloads)[FILTERED] == expected_csv(selection)
    assert csv_ids(dict(downloads)[FILTERED]) == selection["figure_id"].tolist()

    at.run()  # a rerun keeps the file offered
    assert prepare_keys(at) == {"prepare-all"} and "download-filtered" in download_keys(at)
    at.button(key="prepare-all").click().run()
    assert prepare_keys(at) == set()
    assert dict(downloads)[EVERYTHING] == expected_csv(everything)
    assert len(csv_ids(dict(downloads)[EVERYTHING])) == len(everything)


def test_a_new_search_asks_again_for_a_large_file_and_not_for_a_small_one(synthetic, monkeypatch, downloads):
    """The prepared file belongs to its search: another large result asks again; a small one downloads at once."""
    monkeypatch.setattr(sources_view, "PREPARE_CSV_ROWS", 100)
    at = run_sources()
    at.button(key="prepare-filtered").click().run()
    assert "download-filtered" in download_keys(at)

    at.text_input(key="sources_search").input("합성 허브").run()  # every generated hub name
    found = sources_table.search(selection_rows(), "합성 허브")
    assert len(found) > 100
    assert "prepare-filtered" in prepare_keys(at) and "download-filtered" not in download_keys(at)

    quote = selection_rows()["quote"].iloc[0]  # one figure's own sentence
    at.text_input(key="sources_search").input(quote).run()
    found = sources_table.search(selection_rows(), quote)
    assert 0 < len(found) <= 100
    assert "prepare-filtered" not in prepare_keys(at) and "download-filtered" in download_keys(at)
    assert dict(downloads)[FILTERED] == expected_csv(found)


def test_ordinary_selections_download_at_once(synthetic, downloads):
    """Under the threshold both files are offered on the first run, holding every row, as before."""
    at = run_sources(lang="en")
    assert prepare_keys(at) == set()
    assert {"download-all", "download-filtered"} <= download_keys(at)
    assert dict(downloads)[FILTERED] == expected_csv(selection_rows(), "en")
    assert dict(downloads)[EVERYTHING] == expected_csv(all_rows(), "en")


def test_counts_table_and_citations_follow_the_search(synthetic, monkeypatch):
    """At scale the counts, the first table rows and the citations equal sources_table's on every row."""
    monkeypatch.setattr(sources_view, "MAX_TABLE_ROWS", 50)
    at = run_sources()
    needle = "HUB 00"  # case differs from the English names ('… hub 00x'): the search ignores case
    at.text_input(key="sources_search").input(needle).run()
    assert not at.exception
    found = sources_table.search(selection_rows(), needle)
    assert 50 < len(found) < len(selection_rows())
    # Counts are written with thousands separators (30,752 rows), as every number on the page is.
    caption = i18n.t(
        "sources.rows",
        "ko",
        n=f"{len(found):,}",
        figures=f"{found['figure_id'].nunique():,}",
        sources=f"{found['source_id'].nunique():,}",
    )
    captions = [c.value for c in at.caption]
    assert caption in captions
    assert i18n.t("sources.table_bounded", "ko", shown=50, n=f"{len(found):,}") in captions
    table = next(d.value for d in at.dataframe if "role" in d.value.columns)
    assert table["quote"].tolist() == found["quote"].head(50).tolist()
    assert table.equals(sources_table.display_table(found.head(50), "ko"))
    cites = next(d.value for d in at.dataframe if "citation" in d.value.columns)
    assert cites["citation"].tolist() == sources_table.citations(found, "ko")["citation"].tolist()
