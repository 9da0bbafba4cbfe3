"""`pytest -m browser` selects exactly the browser tests (tests/e2e/) and `-m "not browser"` everything else."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# Every collection these tests compare, run in one pytest process (the imports are paid once): (marker, paths).
JOURNEYS = "tests/e2e/test_journeys.py"
SPLIT_PATHS = ("tests/e2e/test_hostile_text.py", "tests/test_hub_link.py", "tests/test_i18n.py")
COLLECTIONS = (
    ("browser", SPLIT_PATHS),
    ("not browser", SPLIT_PATHS),
    ("screenshots", (JOURNEYS,)),
    ("browser and not screenshots", (JOURNEYS,)),
)
# One `pytest --collect-only -m MARKER PATHS...` per collection, in-process in a child Python, printed as JSON.
_COLLECT = """
import json, sys
import pytest

class Ids:
    def pytest_collection_finish(self, session):
        self.ids = [item.nodeid for item in session.items]

out = []
for marker, paths in json.loads(sys.argv[1]):
    ids = Ids()
    code = pytest.main(["--collect-only", "-qq", "-m", marker, "-p", "no:xdist", "-p", "no:cacheprovider", *paths],
                       plugins=[ids])
    out.append({"code": int(code), "ids": ids.ids})
print("IDS " + json.dumps(out))
"""


@pytest.fixture(scope="module")
def collected() -> dict[str, list[str]]:
    """marker -> the test ids pytest collects under `-m marker` from its COLLECTIONS paths (nothing runs)."""
    result = subprocess.run(
        [sys.executable, "-c", _COLLECT, json.dumps(COLLECTIONS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("IDS ")), None)
    assert line is not None, result.stdout[-2000:] + result.stderr[-2000:]
    runs = json.loads(line[4:])
    # 0: collected; 5: nothing collected (a marker that selects no test of these paths).
    assert all(run["code"] in (0, 5) for run in runs), runs
    return {marker: run["ids"] for (marker, _), run in zip(COLLECTIONS, runs)}


def files(ids: list[str]) -> set[str]:
    return {i.split("::")[0] for i in ids}


def test_the_browser_marker_splits_the_suite_by_folder(collected):
    assert files(collected["browser"]) == {"tests/e2e/test_hostile_text.py"}
    assert files(collected["not browser"]) == {"tests/test_hub_link.py", "tests/test_i18n.py"}


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


def test_make_test_leaves_out_only_the_screenshot_run(collected):
    """`make test` runs every browser test but the one that only saves screenshots; `make screenshots` runs that one."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '-m "browser and not screenshots"' in makefile
    assert "-m screenshots" in makefile
    defined = re.findall(r"^def (test_\w+)\(", (ROOT / JOURNEYS).read_text(encoding="utf-8"), re.MULTILINE)
    shots = f"{JOURNEYS}::test_screenshots_of_every_page"
    assert collected["screenshots"] == [shots]
    in_make_test = collected["browser and not screenshots"]
    assert sorted(in_make_test + [shots]) == sorted(f"{JOURNEYS}::{name}" for name in defined)
    assert len(in_make_test) >= 15
