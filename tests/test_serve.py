"""The launcher (`python -m dashboard.serve`): streamlit run app.py with the flags given, and the data loaded early."""

from __future__ import annotations

import sys

from dashboard import data, overview_page, serve
from tests.conftest import QUERY_FIXTURE, ROOT


def test_main_runs_streamlit_on_app_py_with_the_flags_given(monkeypatch):
    """The command line handed to Streamlit is `streamlit run <repo>/app.py` plus exactly the caller's flags."""
    seen = {}

    def fake_cli_main():
        seen["argv"] = list(sys.argv)
        raise SystemExit(3)

    monkeypatch.setattr("streamlit.web.cli.main", fake_cli_main)
    monkeypatch.setattr(serve, "warm_up", lambda: seen.setdefault("warmed", True))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    assert serve.main(["--server.port", "8600", "--server.headless", "true"]) == 3
    assert seen["argv"] == [
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        "8600",
        "--server.headless",
        "true",
    ]
    assert serve.APP.exists()


def test_warm_up_loads_the_data_folder_once_for_the_process(monkeypatch):
    """After the warm-up, the page's own data check finds the database built and does not build it again."""
    folder = str(QUERY_FIXTURE)
    monkeypatch.setenv("HUBS_DATA_DIR", folder)
    data.clear_caches()
    builds = []
    real_build = data.build_database
    monkeypatch.setattr(data, "build_database", lambda directory: builds.append(directory) or real_build(directory))
    serve.warm_up()
    assert builds == [folder]
    assert data.check_data() == []
    assert builds == [folder]
    data.clear_caches()


def test_warm_up_on_a_broken_folder_leaves_the_report_to_the_page(monkeypatch, tmp_path):
    """A data folder with problems does not crash the launcher; the data check still reports them."""
    (tmp_path / "hubs.csv").write_text("not,a,hubs,file\n", encoding="utf-8")
    monkeypatch.setenv("HUBS_DATA_DIR", str(tmp_path))
    data.clear_caches()
    serve.warm_up()
    problems = data.check_data()
    assert problems, "a broken folder must give problems"
    data.clear_caches()


def test_after_the_warm_up_a_first_overview_visit_runs_no_query(monkeypatch):
    """The warm-up builds exactly the views a first Overview visit shows: that run asks DuckDB nothing."""
    from streamlit.testing.v1 import AppTest

    from dashboard import memo

    monkeypatch.setenv("HUBS_DATA_DIR", str(QUERY_FIXTURE))
    memo.clear()
    serve.warm_up()
    asked = []
    real_query = data.query
    monkeypatch.setattr(data, "query", lambda name, *a, **k: asked.append(name) or real_query(name, *a, **k))
    at = AppTest.from_file(str(ROOT / "pages" / "overview.py"), default_timeout=60)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    assert [c.key for c in at.get("plotly_chart")] == ["chart-overview-map"], "the grid waits behind its expander"
    assert asked == []
    # Opening the coverage grid's expander draws the grid the warm-up built too: still no query.
    at.session_state[overview_page.COVERAGE_OPEN_KEY] = True
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2
    assert asked == []
    memo.clear()
    at = AppTest.from_file(str(ROOT / "pages" / "overview.py"), default_timeout=60)
    at.session_state["lang"] = "en"
    at.run()
    assert asked, "without the warm-up the same visit queries (the check above could not fail otherwise)"
    memo.clear()
