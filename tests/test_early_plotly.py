"""The early Plotly load (dashboard/early.py): it imports the very module Streamlit's frontend loads for charts,
it is in the frame's sidebar, and the Overview sends its key numbers (cards) before any chart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from dashboard import early

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
JS = Path(streamlit.__file__).resolve().parent / "static" / "static" / "js"


def test_the_chunk_is_the_one_streamlits_entry_module_imports_lazily():
    """Same file name as the entry module's own `import(`./PlotlyChart.<hash>.js`)`, so the browser's module map
    holds one module: importing it early runs plotly.js once, not twice."""
    chunk = early.plotly_chunk()
    assert chunk is not None and re.fullmatch(r"PlotlyChart\.[\w-]+\.js", chunk)
    assert (JS / chunk).is_file()
    # The entry module is the one index.html loads (the page script finds it the same way, by its src).
    page = (JS.parent.parent / "index.html").read_text(encoding="utf-8")
    entries = re.findall(r'<script type="module"[^>]*src="\./static/js/(index\.[\w-]+\.js)"', page)
    assert len(entries) == 1
    assert f"import(`./{chunk}`)" in (JS / entries[0]).read_text(encoding="utf-8")


def test_the_script_imports_the_chunk_from_the_entry_modules_folder_after_the_cards():
    script = early.script("PlotlyChart.abc_1.js")
    assert script.startswith("<script>") and script.endswith("</script>")
    assert 'new URL("./PlotlyChart.abc_1.js", entry.src)' in script
    assert "import(url)" in script
    # It waits for a value on the Overview's cards (the h5 of dashboard/overview_view.py family_figure_text).
    assert '"[class*=st-key-card-] h5"' in script
    assert "window.__plotlyEarly" in script  # once per page load, however many reruns


def test_nothing_is_added_when_streamlit_has_no_plotly_chunk(monkeypatch, tmp_path):
    monkeypatch.setattr(early, "_JS", tmp_path)
    early.plotly_chunk.cache_clear()
    try:
        assert early.plotly_chunk() is None
    finally:
        early.plotly_chunk.cache_clear()


@pytest.fixture
def first_visit(monkeypatch):
    monkeypatch.delenv("HUBS_DATA_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    return at


def test_the_frame_puts_one_early_load_in_the_sidebar_and_none_in_the_page(first_visit):
    html = [h for h in first_visit.sidebar.get("html")]
    assert len(html) == 1
    assert f'"./{early.plotly_chunk()}"' in html[0].proto.body
    assert html[0].proto.unsafe_allow_javascript is True
    assert list(first_visit.main.get("html")) == []


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def test_the_overview_sends_its_cards_before_any_chart(first_visit):
    """Streamlit sends elements as the script makes them: the key numbers go out before the map is built."""
    order = [n.type for n in _walk(first_visit.main)]
    values = [i for i, n in enumerate(_walk(first_visit.main))
              if n.type == "markdown" and n.value.startswith(early_card_value_prefix())]
    charts = [i for i, t in enumerate(order) if t == "plotly_chart"]
    assert values and len(charts) == 2
    assert max(values) < min(charts)


def early_card_value_prefix() -> str:
    """A card's family block starts with the family's name in small grey text (overview_view.family_figure_text)."""
    return ":small[:gray["
