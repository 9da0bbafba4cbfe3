"""A first run without friction: `make run` installs only the app's packages, takes PORT= and ADDRESS= (loopback by
default) and prints the URL; the data-error page lists the pages by title, not by file name."""

from __future__ import annotations

import os
import subprocess

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from tests.conftest import FIXTURES, ROOT

SLUGS = ("overview", "budgets", "firms", "personnel", "outcomes", "compare", "hub", "sources")


def _make_n(*args: str) -> list[str]:
    """The commands `make -n -B <args>` would run (every target treated as out of date)."""
    # Run from `make test`, the environment says so (MAKELEVEL...): a nested make would add directory lines.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PORT", "ADDRESS", "JOBS", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")
    }
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.parametrize(
    "args, address, port",
    [
        ((), "127.0.0.1", "8501"),
        (("PORT=8612",), "127.0.0.1", "8612"),
        (("PORT=9000", "ADDRESS=0.0.0.0"), "0.0.0.0", "9000"),
    ],
)
def test_make_run(args, address, port):
    lines = _make_n("run", *args)
    text = "\n".join(lines)
    assert "requirements.txt" in text
    assert "requirements-dev" not in text  # no pytest, playwright or hypothesis for running the app
    assert f"http://{address}:{port}/" in text
    assert lines[-1] == f".venv/bin/python -m dashboard.serve --server.address {address} --server.port {port}"


def test_make_test_installs_the_dev_packages_and_runs_the_browser_tests_last():
    lines = _make_n("test")
    pytest_lines = [line for line in lines if "-m pytest" in line]
    assert pytest_lines == [
        '.venv/bin/python -m pytest -m "not browser" -n 2 --dist worksteal',
        # browser tests shared over two workers; the screenshot run for review is `make screenshots`
        # -vv: a line per test (pytest.ini's -q takes one v back)
        '.venv/bin/python -m pytest -m "browser and not screenshots" -vv -n 2 --dist worksteal',
    ]
    assert any("-r requirements-dev.txt" in line for line in lines)
    # One pip run installs both files (a fresh clone pays pip's start and resolution once).
    installs = [line for line in lines if "pip install" in line]
    assert len(installs) == 1 and "-r requirements.txt -r requirements-dev.txt" in installs[0], installs
    assert lines.index(pytest_lines[0]) < lines.index(pytest_lines[1])


def test_app_and_dev_installs_have_their_own_stamps():
    """Installing the dev packages does not make `make run` reinstall, and the reverse."""
    text = "\n".join(_make_n("test"))
    assert "rm -f .venv/.installed-app-*" in text and "rm -f .venv/.installed-dev-*" in text
    assert "rm -f .venv/.installed-*\n" not in text + "\n"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_data_error_page_lists_pages_by_title(monkeypatch, lang):
    """On a broken folder the sidebar's page list holds the pages' titles (Streamlit would list pages/'s files)."""
    import streamlit

    seen: list[list[str]] = []
    real = streamlit.navigation

    def record(pages, *args, **kwargs):
        seen.append([page.title for page in pages])
        return real(pages, *args, **kwargs)

    monkeypatch.setattr(streamlit, "navigation", record)
    monkeypatch.setenv("HUBS_DATA_DIR", str(FIXTURES / "broken" / "unknown_kind"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    assert at.title[0].value == {"ko": "데이터에 문제가 있습니다", "en": "Data problems found"}[lang]
    assert seen == [[i18n.t(f"page.{slug}.name", lang) for slug in SLUGS]]
    assert "budgets" not in seen[0]
    # The problem itself in the page's language: the file and line as they are, the words translated.
    assert (
        at.code[0].value
        == {
            "ko": "budgets.csv:5: kind 'actaul'은(는) 허용된 값(actual, cumulative_actual, plan, target)이 아닙니다",
            "en": "budgets.csv:5: kind 'actaul' is not one of actual, cumulative_actual, plan, target",
        }[lang]
    )
