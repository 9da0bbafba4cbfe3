"""`pytest -m browser` selects exactly the browser tests (tests/e2e/) and `-m "not browser"` everything else."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def collected(marker: str, *paths: str) -> set[str]:
    """The test files pytest collects from `paths` under `-m marker` (collection only: nothing runs)."""
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", marker, "-p", "no:xdist", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout
    # With -q twice (pytest.ini adds one) pytest lists "path: number of tests" a file.
    return {m.group(1) for m in re.finditer(r"^(tests/\S+\.py): \d+$", out, re.MULTILINE)}


def test_the_browser_marker_splits_the_suite_by_folder():
    paths = ("tests/e2e/test_hostile_text.py", "tests/test_hub_link.py", "tests/test_i18n.py")
    assert collected("browser", *paths) == {"tests/e2e/test_hostile_text.py"}
    assert collected("not browser", *paths) == {"tests/test_hub_link.py", "tests/test_i18n.py"}


def test_no_test_outside_the_browser_folder_drives_a_browser():
    """Only tests/e2e/ may start Playwright: elsewhere `-m "not browser"` would still open a browser."""
    drivers = ("import playwright", "from playwright", "bench.browser", "from bench import browser")
    outside = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if "e2e" not in path.relative_to(ROOT / "tests").parts
        and path.name != "test_markers.py"
        and any(word in path.read_text(encoding="utf-8") for word in drivers)
    ]
    assert outside == []
