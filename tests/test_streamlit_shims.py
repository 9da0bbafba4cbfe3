"""The Streamlit internals dashboard/streamlit_shims.py relies on: these fail loudly when an upgrade changes them."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest


def test_the_legacy_pages_flag_still_exists_and_still_decides_how_a_run_starts():
    """route_through_frame reads and clears PagesManager.uses_pages_directory; the script runner must still run the
    legacy pages folder (_mpa_v1) exactly when that flag is on. If this fails, re-check deep links on a fresh server
    (tests/e2e/test_journeys.py::test_deep_link_restores_every_filter) and rewrite the shim."""
    assert "uses_pages_directory" in vars(PagesManager)
    source = inspect.getsource(script_runner.ScriptRunner._run_script)
    assert "if PagesManager.uses_pages_directory:" in source
    assert "_mpa_v1(self._main_script_path)" in source


def test_st_navigation_clears_the_flag_as_the_shim_does():
    """The shim does what the public st.navigation does to the flag (and nothing more)."""
    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = True
        st.navigation([st.Page(lambda: None, title="one", url_path="one")])
        assert PagesManager.uses_pages_directory is False
    finally:
        PagesManager.uses_pages_directory = before


def _app_with_legacy_flag_on_first_run():
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager

    from dashboard import streamlit_shims

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    if st.session_state["runs"] == 1 and st.session_state.get("legacy_first"):
        PagesManager.uses_pages_directory = True
    streamlit_shims.route_through_frame()
    st.write(f"runs={st.session_state['runs']} legacy={PagesManager.uses_pages_directory}")


@pytest.mark.parametrize(
    ("legacy_first", "shown"),
    [
        (True, "runs=2 legacy=False"),  # a fresh process's deep link: the flag is cleared and the page runs again
        (False, "runs=1 legacy=False"),  # a run through app.py's router is left alone
    ],
)
def test_route_through_frame_reruns_only_a_legacy_run(legacy_first, shown):
    at = AppTest.from_function(_app_with_legacy_flag_on_first_run, default_timeout=30)
    at.session_state["legacy_first"] = legacy_first
    at.run()
    assert not at.exception
    assert [m.value for m in at.markdown] == [shown]


def test_uploads_are_still_parsed_by_starlettes_multipart_parser_with_a_spool_threshold():
    """keep_uploads_in_memory raises MultiPartParser.spool_max_size. Streamlit's upload route must still parse with
    `request.form()` (Starlette's MultiPartParser), the parser must still spool file parts past that class attribute,
    and `form()` must still have no option for it. If this fails, check whether uploads still stay in memory
    (tests/test_config.py::test_an_upload_at_the_server_cap_is_parsed_in_memory) and rewrite or drop the shim."""
    from starlette import formparsers
    from starlette.requests import Request
    from streamlit.web.server.starlette import starlette_routes

    assert "spool_max_size" in vars(formparsers.MultiPartParser)
    assert "SpooledTemporaryFile(max_size=self.spool_max_size)" in inspect.getsource(formparsers.MultiPartParser)
    assert "await limited_request.form()" in inspect.getsource(starlette_routes)
    assert set(inspect.signature(Request.form).parameters) == {"self", "max_files", "max_fields", "max_part_size"}


def test_the_upload_shim_raises_the_threshold_to_the_cap_and_never_lowers_it(monkeypatch):
    from starlette.formparsers import MultiPartParser

    from dashboard import streamlit_shims

    monkeypatch.setattr(MultiPartParser, "spool_max_size", 1024 * 1024)
    streamlit_shims.keep_uploads_in_memory(5)
    assert MultiPartParser.spool_max_size == 6 * 1024 * 1024
    monkeypatch.setattr(MultiPartParser, "spool_max_size", 64 * 1024 * 1024)
    streamlit_shims.keep_uploads_in_memory(5)
    assert MultiPartParser.spool_max_size == 64 * 1024 * 1024


def test_the_health_route_still_asks_the_runtime_property_the_health_shim_wraps():
    """hold_health wraps Runtime.is_ready_for_browser_connection, an async property the health route awaits; if
    Streamlit renames it or stops asking it, the 503-while-loading check (tests/test_serve_health.py) would pass
    silently on a server that says "ok" too early."""
    from streamlit.runtime.runtime import Runtime
    from streamlit.web.server import starlette

    prop = vars(Runtime)["is_ready_for_browser_connection"]
    assert isinstance(prop, property)
    assert inspect.iscoroutinefunction(prop.fget)
    routes = "".join(path.read_text() for path in Path(starlette.__file__).parent.glob("*.py"))
    assert "is_ready_for_browser_connection" in routes
