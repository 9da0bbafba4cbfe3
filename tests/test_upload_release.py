"""An upload's memory goes with it: the query results and page views kept for it are dropped when it is removed,
replaced, or its session ends (Streamlit's own cache would keep them until evicted)."""

from __future__ import annotations

import gc

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data, memo, upload
from tests.conftest import QUERY_FIXTURE, page_app, upload_line

HEADER = ",".join(upload.TEMPLATE_COLUMNS)


def _row(figure_id: str, value: str) -> str:
    return upload_line(figure_id=figure_id, value=value)


@pytest.fixture
def reference(monkeypatch):
    monkeypatch.setenv("HUBS_DATA_DIR", str(QUERY_FIXTURE))
    assert data.check_data() == []
    return upload.reference_tables


def _kept(user_key: str) -> tuple[int, int]:
    """(query results, page views) kept for the upload with this digest."""
    views = sum(1 for key in memo._entries if key[2] == user_key)
    return len(data._RESULTS.get(user_key, {})), views


def _page_with_upload(reference, page: str, *rows: str) -> tuple[AppTest, str]:
    outcome = upload.check_upload(("\n".join([HEADER, *rows]) + "\n").encode(), "m.csv", reference)
    assert outcome.accepted, outcome.problems
    at = page_app(page, uploads=(outcome.figures, outcome.sources)).run()
    assert not at.exception
    key = data.Uploads.of(outcome.figures, outcome.sources).key
    return at, key


def test_removing_an_upload_drops_what_was_kept_for_it(reference):
    at, key = _page_with_upload(reference, "sources", _row("r1", "11"))
    results, views = _kept(key)
    assert results > 0 and views > 0, "the page kept something for the upload (else this test could not fail)"
    at.button(key="upload-remove").click().run()  # the page's own button
    assert not at.exception
    gc.collect()
    assert _kept(key) == (0, 0)


def test_replacing_an_upload_drops_the_previous_ones(reference):
    at, first = _page_with_upload(reference, "firms", _row("r1", "11"))
    outcome = upload.check_upload(("\n".join([HEADER, _row("r2", "12")]) + "\n").encode(), "m.csv", reference)
    upload.keep(at.session_state, outcome.figures, outcome.sources)
    at.run()
    gc.collect()
    assert _kept(first) == (0, 0)
    second = data.Uploads.of(outcome.figures, outcome.sources).key
    assert sum(_kept(second)) > 0


def test_the_end_of_a_session_drops_what_was_kept_for_its_upload(reference):
    at, key = _page_with_upload(reference, "firms", _row("r3", "13"))
    assert sum(_kept(key)) > 0
    del at
    gc.collect()
    assert _kept(key) == (0, 0)


def test_forget_uploads_leaves_other_uploads_and_the_bundled_results(reference):
    at, mine = _page_with_upload(reference, "firms", _row("r4", "14"))
    other, theirs = _page_with_upload(reference, "firms", _row("r5", "15"))
    bundled = sum(1 for key in memo._entries if key[2] == "")
    data.forget_uploads(mine)
    assert _kept(mine) == (0, 0)
    assert sum(_kept(theirs)) > 0
    assert sum(1 for key in memo._entries if key[2] == "") == bundled
    del at, other
