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


def collected_ids(marker: str, path: str) -> list[str]:
    """The test ids pytest collects from `path` under `-m marker` (collection only; pytest.ini's one -q lists ids)."""
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-m", marker, "-p", "no:xdist", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout
    return re.findall(r"^(tests/\S+::\w+)", out, re.MULTILINE)


def test_make_test_leaves_out_only_the_screenshot_run():
    """`make test` runs every browser test but the one that only saves screenshots; `make screenshots` runs that one."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '-m "browser and not screenshots"' in makefile
    assert "-m screenshots" in makefile
    journeys = "tests/e2e/test_journeys.py"
    defined = re.findall(r"^def (test_\w+)\(", (ROOT / journeys).read_text(encoding="utf-8"), re.MULTILINE)
    shots = f"{journeys}::test_screenshots_of_every_page"
    assert collected_ids("screenshots", journeys) == [shots]
    in_make_test = collected_ids("browser and not screenshots", journeys)
    assert sorted(in_make_test + [shots]) == sorted(f"{journeys}::{name}" for name in defined)
    assert len(in_make_test) >= 15
