"""`python -m dashboard.validate` with no folder checks the folder the app reads: $HUBS_DATA_DIR when set, else
data/ (the app's error page tells users to run it, and `make validate` runs it so)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT

CASES = [
    # (HUBS_DATA_DIR or None, exit code, text of the last line)
    (str(FIXTURES / "valid"), 0, f"OK: 11 figures, 4 hubs, 4 sources ({FIXTURES / 'valid'}/)"),
    (str(FIXTURES / "queries"), 0, f"OK: 21 figures, 6 hubs, 3 sources ({FIXTURES / 'queries'}/)"),
    (str(FIXTURES / "broken" / "empty_file"), 1, "personnel.csv: file is empty (no header line)"),
]


@pytest.mark.parametrize("folder, code, last", CASES)
def test_no_argument_checks_hubs_data_dir_else_data(folder, code, last):
    env = {k: v for k, v in os.environ.items() if k != "HUBS_DATA_DIR"}
    if folder is not None:
        env["HUBS_DATA_DIR"] = folder
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.validate"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    lines = done.stdout.strip().splitlines()
    assert done.returncode == code, done.stdout + done.stderr
    assert lines[0] == last


@pytest.mark.parametrize("env_value, expected", [(None, "data/"), ("", "data/"), ("/srv/hubs", "/srv/hubs")])
def test_the_default_folder(monkeypatch, env_value, expected):
    """Unset or empty HUBS_DATA_DIR means data/, as in the app (dashboard.data.data_dir)."""
    from dashboard import validate

    if env_value is None:
        monkeypatch.delenv("HUBS_DATA_DIR", raising=False)
    else:
        monkeypatch.setenv("HUBS_DATA_DIR", env_value)
    seen = []

    class Stop(Exception):
        pass

    def fake_read_tables(folder, *args, **kwargs):
        seen.append(str(folder))
        raise Stop

    monkeypatch.setattr(validate.cli, "read_tables", fake_read_tables)
    with pytest.raises(Stop):
        validate.main([])
    assert seen == [expected]
    seen.clear()
    with pytest.raises(Stop):
        validate.main(["elsewhere"])  # a folder given on the command line wins
    assert seen == ["elsewhere"]


def test_make_validate_runs_the_command_without_a_folder():
    """`make validate` leaves the folder to the command (a hard-coded `data` would ignore HUBS_DATA_DIR)."""
    done = subprocess.run(
        ["make", "-n", "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "HUBS_DATA_DIR": "/nonexistent"},
    )
    commands = [line for line in done.stdout.splitlines() if "dashboard.validate" in line]
    assert commands == [".venv/bin/python -m dashboard.validate"]
