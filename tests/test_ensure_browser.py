"""scripts/ensure_browser.sh with stub fc-list / id / apt-get on PATH: apt-get runs only when something is missing
and the user is root; a non-root user gets the apt-get line and exit 1; a present font is found every time."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "ensure_browser.sh"
BASH = "/bin/bash"

# fc-list output with the Nanum line first and then far more than a pipe buffer holds: a reader that stops at the
# first match (grep -q) makes the writer die of SIGPIPE, exactly as the real fc-list does on a machine with many fonts.
FONTS_PRESENT = (
    'echo "/usr/share/fonts/truetype/nanum/NanumGothic.ttf: NanumGothic,나눔고딕:style=Regular"\n'
    '/usr/bin/yes "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf: DejaVu Sans:style=Book" '
    "| /usr/bin/head -n 200000\n"
)
FONTS_ABSENT = (
    '/usr/bin/yes "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf: DejaVu Sans:style=Book" | /usr/bin/head -n 200000\n'
)


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def _run(tmp_path: Path, *, chromium: bool, fonts: str | None, uid: int) -> tuple[int, str, list[str]]:
    """Run the script with only stubs on PATH; (exit code, stderr+stdout, apt-get calls)."""
    stubs = tmp_path / "bin"
    stubs.mkdir()
    calls = tmp_path / "apt-calls"
    if fonts is not None:
        _stub(stubs, "fc-list", fonts)
    _stub(stubs, "id", f"echo {uid}\n")
    _stub(stubs, "apt-get", f'echo "$*" >> "{calls}"\n')
    _stub(stubs, "fc-cache", "exit 0\n")
    chromium_path = tmp_path / "chromium"
    if chromium:
        _stub(tmp_path, "chromium", "exit 0\n")
    env = {"PATH": str(stubs), "CHROMIUM_PATH": str(chromium_path), "HOME": str(tmp_path)}
    done = subprocess.run([BASH, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)
    made = calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []
    return done.returncode, done.stdout + done.stderr, made


CASES = [
    # (chromium, fc-list output or None for no fc-list at all, uid, exit code, words in the output, apt-get installs)
    (True, FONTS_PRESENT, 1000, 0, [], None),
    (True, FONTS_PRESENT, 0, 0, [], None),
    (True, FONTS_ABSENT, 1000, 1, ["Missing Debian packages: fonts-nanum", "apt-get install -y fonts-nanum"], None),
    (False, FONTS_PRESENT, 1000, 1, ["Missing Debian packages: chromium", "apt-get install -y chromium"], None),
    (False, None, 1000, 1, ["Missing Debian packages: chromium fonts-nanum"], None),
    (True, FONTS_ABSENT, 0, 0, ["Installing fonts-nanum"], "fonts-nanum"),
    (False, FONTS_PRESENT, 0, 0, ["Installing chromium"], "chromium"),
]


@pytest.mark.parametrize("chromium, fonts, uid, code, words, installs", CASES)
def test_ensure_browser(tmp_path, chromium, fonts, uid, code, words, installs):
    returncode, output, apt_calls = _run(tmp_path, chromium=chromium, fonts=fonts, uid=uid)
    assert returncode == code, output
    for word in words:
        assert word in output
    if installs is None:
        assert apt_calls == []
    else:
        assert apt_calls[0] == "update -qq"
        assert apt_calls[1].split()[-2:] == [installs, "fontconfig"]


def test_a_present_font_is_found_every_time(tmp_path):
    """The SIGPIPE race made the check fail about half the time: repeat it."""
    for attempt in range(5):
        folder = tmp_path / str(attempt)
        folder.mkdir()
        assert _run(folder, chromium=True, fonts=FONTS_PRESENT, uid=1000)[:1] == (0,)


def test_the_script_is_bash_with_pipefail():
    """The test above exercises the failure mode only because the script runs under pipefail."""
    text = SCRIPT.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in text
    assert os.access(SCRIPT, os.R_OK)
