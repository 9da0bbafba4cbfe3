"""The view modules, and every module of dashboard/ they import, never import Streamlit (README: How a request flows)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "dashboard"
# The pure views and the pure helpers they share; render code (pages/, *_page.py, ui.py, filters.py) is not here.
VIEWS = sorted(
    [
        *PACKAGE.glob("*_view.py"),
        PACKAGE / "hub_profile.py",
        PACKAGE / "sources_table.py",
        PACKAGE / "hubs.py",
        PACKAGE / "chart_files.py",
    ]
)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def _runtime_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Import statements that run: those under `if TYPE_CHECKING:` only name types for annotations."""
    skipped = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for stmt in block.body
        for node in ast.walk(stmt)
    }
    return [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom) and id(n) not in skipped]


def imports(name: str) -> tuple[set[str], bool]:
    """The dashboard modules `name` imports when it runs, and whether it imports Streamlit itself."""
    found: set[str] = set()
    streamlit = False
    for node in _runtime_imports(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif node.level:  # relative: from . import x / from .y import z
            package = name.rsplit(".", node.level)[0] if MODULES[name].name != "__init__.py" else name
            base = f"{package}.{node.module}" if node.module else package
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            targets = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        streamlit = streamlit or any(t.split(".")[0] == "streamlit" for t in targets)
        found.update(t for t in targets if t in MODULES)
    return found, streamlit


def streamlit_users_reached(start: str) -> dict[str, list[str]]:
    """Each module reachable from `start` that imports Streamlit, with the import chain that reaches it."""
    chains = {start: [start]}
    todo = [start]
    users = {}
    while todo:
        name = todo.pop()
        found, streamlit = imports(name)
        if streamlit:
            users[name] = chains[name]
        for dep in sorted(found - chains.keys()):
            chains[dep] = [*chains[name], dep]
            todo.append(dep)
    return users


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: p.name)
def test_a_view_never_reaches_streamlit(path):
    """Not even through the query layer: its databases and results are kept in plain dicts (data.py)."""
    assert streamlit_users_reached(module_name(path)) == {}


def test_the_check_sees_an_import_of_streamlit_through_another_module():
    """The walk follows imports: the sidebar's filters (render code) reach Streamlit by several paths."""
    users = streamlit_users_reached("dashboard.filters")
    assert {"dashboard.filters", "dashboard.url_state", "dashboard.upload"} <= users.keys()
    assert users["dashboard.url_state"][0] == "dashboard.filters"


def test_an_import_for_annotations_only_does_not_count(tmp_path, monkeypatch):
    source = (
        "from __future__ import annotations\nfrom typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import streamlit\n    from dashboard import ui\n"
    )
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "dashboard.probe", path)
    assert imports("dashboard.probe") == (set(), False)
    path.write_text(source.replace("if TYPE_CHECKING:\n    ", "").replace("\n    from", "\nfrom"), encoding="utf-8")
    assert imports("dashboard.probe") == ({"dashboard", "dashboard.ui"}, True)
