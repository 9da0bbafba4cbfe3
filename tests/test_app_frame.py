"""The app frame: it starts on the bundled data, and on a broken data folder it lists problems instead of a traceback."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
BROKEN = ROOT / "tests" / "fixtures" / "broken"


def test_app_starts_on_bundled_data_with_sidebar_filters(monkeypatch):
    """The first run draws the language switch and the four filters and raises nothing."""
    monkeypatch.delenv("HUBS_DATA_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert at.multiselect(key="region").value == []
    assert at.multiselect(key="hub").value == []
    assert at.slider(key="years").value[0] < at.slider(key="years").value[1]
    assert at.pills(key="kinds").value == ["actual", "cumulative_actual", "plan", "target"]  # every kind
    assert at.segmented_control(key="lang").value in ("ko", "en")


def test_broken_data_folder_shows_every_problem_with_file_and_line(monkeypatch):
    """An invalid kind in budgets.csv is named with its file and line on an error page, and nothing crashes."""
    monkeypatch.setenv("HUBS_DATA_DIR", str(BROKEN / "unknown_kind"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    text = "\n".join(c.value for c in at.code)
    assert "budgets.csv:" in text and "kind" in text
    assert at.title[0].value in ("데이터에 문제가 있습니다", "Data problems found")


def test_missing_data_folder_is_a_message_not_a_traceback(monkeypatch, tmp_path):
    """Pointing the app at an empty folder lists the missing files."""
    monkeypatch.setenv("HUBS_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    text = "\n".join(c.value for c in at.code)
    assert "hubs.csv" in text and "budgets.csv" in text
