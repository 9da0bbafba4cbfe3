"""`make bench` writes its report to a new untracked file; only `--write` updates docs/performance.md."""

from __future__ import annotations

import datetime
import subprocess

import pytest

from bench import run
from tests.conftest import ROOT

NOW = datetime.datetime(2026, 12, 5, 9, 30, 15)


def test_default_is_a_new_file_under_bench_results(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "RESULTS", tmp_path)
    first = run.report_path(None, False, NOW)
    assert first == str(tmp_path / "performance-20261205-093015.md")
    (tmp_path / "performance-20261205-093015.md").write_text("earlier run")
    assert run.report_path(None, False, NOW) == str(tmp_path / "performance-20261205-093015-2.md")


def test_write_updates_the_doc_and_out_goes_where_told():
    assert run.report_path(None, True, NOW) == str(ROOT / "docs" / "performance.md")
    assert run.report_path("/tmp/x.md", False, NOW) == "/tmp/x.md"
    with pytest.raises(SystemExit):
        run.report_path("/tmp/x.md", True, NOW)


def test_results_are_git_ignored_and_the_doc_is_tracked():
    ignored = subprocess.run(["git", "check-ignore", "-q", "bench/results/performance-x.md"], cwd=ROOT)
    assert ignored.returncode == 0
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", "docs/performance.md"], cwd=ROOT, capture_output=True
    )
    assert tracked.returncode == 0


def test_make_bench_passes_no_write_by_default():
    lines = subprocess.run(["make", "-n", "bench"], cwd=ROOT, capture_output=True, text=True).stdout.splitlines()
    assert ".venv/bin/python -m bench.run " in [line for line in lines if "bench.run" in line]
