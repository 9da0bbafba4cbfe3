"""Every module of the app and its scripts opens with a docstring whose first line says what the module is for."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

MODULES = sorted(
    [*ROOT.glob("dashboard/**/*.py"), *ROOT.glob("pages/*.py"), *ROOT.glob("scripts/*.py"), ROOT / "app.py"]
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_opens_with_a_one_line_purpose(path):
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert docstring, "no module docstring"
    first = docstring.splitlines()[0]
    assert first.strip() and len(first) <= 120, first


def test_the_chart_package_is_split_by_family():
    """Each chart family has its own module (and charts/__init__ re-exports what pages call)."""
    names = sorted(p.stem for p in (ROOT / "dashboard" / "charts").glob("*.py"))
    assert names == ["__init__", "bars", "coverage", "plan_actual", "text", "theme", "timeline", "trend"]
