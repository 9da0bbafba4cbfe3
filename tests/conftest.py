"""Shared pytest fixtures: paths to the bundled data and the tiny hand-written fixture folders."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
QUERY_FIXTURE = FIXTURES / "queries"


@pytest.fixture
def query_data(monkeypatch):
    """Point the query layer at the tiny query fixture folder."""
    monkeypatch.setenv("HUBS_DATA_DIR", str(QUERY_FIXTURE))
    return QUERY_FIXTURE
