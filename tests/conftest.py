"""Shared pytest fixtures: paths to the bundled data and the tiny hand-written fixture folders."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
QUERY_FIXTURE = FIXTURES / "queries"


@pytest.fixture
def downloads(monkeypatch):
    """(file name, bytes) of every file handed to a download button during the runs, in call order
    (`dict(downloads)` keeps the latest file per name)."""
    from streamlit.runtime.media_file_storage import MediaFileKind
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    captured: list[tuple[str, bytes]] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if kind is MediaFileKind.DOWNLOADABLE:
            captured.append((filename, path_or_data))
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return captured


@pytest.fixture
def query_data(monkeypatch):
    """Point the query layer at the tiny query fixture folder."""
    monkeypatch.setenv("HUBS_DATA_DIR", str(QUERY_FIXTURE))
    return QUERY_FIXTURE
