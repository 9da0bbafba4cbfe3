"""Data folder edge cases, table-driven over every kind of wrong file in place of every data file: each gets one
line naming the file by its name in the folder (never an absolute path, never its content); a file of several GB
is refused by its size before it is read; a pipe never hangs the load."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from dashboard import data, schema, validate
from tests.conftest import FIXTURES

VALID = FIXTURES / "valid"
SECRET = "SECRET-CONTENT-LINE"  # written into every wrong file: must never reach a message


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sheet.csv", f"{SECRET}\n")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + SECRET.encode() + b"\n" * 3
PDF = b"%PDF-1.7\n" + SECRET.encode() + b"\n"


def _outside_link(folder: Path, path: Path) -> None:
    outside = folder.parent / "elsewhere"
    outside.mkdir(exist_ok=True)
    shutil.copy(path, outside / path.name)
    path.unlink()
    path.symlink_to(outside / path.name)


def _relative_outside_link(folder: Path, path: Path) -> None:
    outside = folder.parent / "elsewhere"
    outside.mkdir(exist_ok=True)
    shutil.copy(path, outside / path.name)
    path.unlink()
    path.symlink_to(Path("..") / "elsewhere" / path.name)


def _directory(folder: Path, path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside.csv").write_text(SECRET, encoding="utf-8")


def _write(content: bytes):
    def make(folder: Path, path: Path) -> None:
        path.write_bytes(content)

    return make


def _sparse(folder: Path, path: Path) -> None:
    path.write_text(SECRET, encoding="utf-8")
    os.truncate(path, 3 * 1024**3)  # 3 GB that take no disk space


def _fifo(folder: Path, path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _dangling(folder: Path, path: Path) -> None:
    path.unlink()
    path.symlink_to(folder / "no-such-file.csv")


CASES = [
    (
        "link outside",
        _outside_link,
        "is a link to a file outside the data folder; copy the file into the folder instead",
    ),
    (
        "relative link outside",
        _relative_outside_link,
        "is a link to a file outside the data folder; copy the file into the folder instead",
    ),
    ("dangling link", _dangling, "is a link to a file that does not exist"),
    ("folder", _directory, "is a folder, not a file"),
    (
        "zip",
        _write(_zip()),
        "is not a CSV text file: it looks like a ZIP archive (an .xlsx workbook is one: save it as CSV)",
    ),
    ("png", _write(PNG), "is not a CSV text file: it looks like a PNG image"),
    ("pdf", _write(PDF), "is not a CSV text file: it looks like a PDF document"),
    ("several GB", _sparse, "is 3.0 GB; a data file may be at most 1.0 GB, so it was not read"),
    ("pipe", _fifo, "is not a regular file (a pipe, socket or device)"),
]
FILES = ["hubs.csv", "sources.csv", "budgets.csv", "firms.csv"]


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    return target


@pytest.mark.parametrize("file", FILES)
@pytest.mark.parametrize("name, make, message", CASES, ids=[c[0] for c in CASES])
def test_one_line_naming_the_file(folder, monkeypatch, file, name, make, message):
    path = folder / file
    make(folder, path)
    opened: list[str] = []
    real_open = Path.open

    def tracking_open(self, *args, **kwargs):
        opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", tracking_open)
    _, problems = validate.read_tables(str(folder))
    mine = [p for p in problems if p.file == file]
    assert [str(p) for p in mine] == [f"{file}: {message}"]
    text = "\n".join(str(p) for p in problems)
    assert str(folder) not in text and str(folder.parent) not in text
    assert SECRET not in text
    if name == "several GB":
        assert file not in opened, "refused by its size before it is read"


@pytest.mark.parametrize("name, make, message", CASES, ids=[c[0] for c in CASES])
def test_the_apps_loader_says_the_same(folder, monkeypatch, name, make, message):
    make(folder, folder / "budgets.csv")
    monkeypatch.setenv("HUBS_DATA_DIR", str(folder))
    data.clear_caches()
    try:
        problems = data.check_data()
    finally:
        data.clear_caches()
    assert f"budgets.csv: {message}" in [str(p) for p in problems]


def test_a_link_inside_the_folder_is_read(folder):
    """Links are not refused as such: one to a file inside the folder is read like the file."""
    (folder / "parts").mkdir()
    shutil.move(folder / "hubs.csv", folder / "parts" / "hubs.csv")
    (folder / "hubs.csv").symlink_to(Path("parts") / "hubs.csv")
    assert validate.read_tables(str(folder))[1] == []


def test_the_size_limit_is_inclusive(folder, monkeypatch):
    largest = max(folder.iterdir(), key=lambda p: p.stat().st_size)
    size = largest.stat().st_size
    monkeypatch.setattr(validate.files, "MAX_FILE_BYTES", size)
    assert validate.read_tables(str(folder))[1] == []
    monkeypatch.setattr(validate.files, "MAX_FILE_BYTES", size - 1)
    assert [str(p) for p in validate.read_tables(str(folder))[1]] == [
        f"{largest.name}: is {size:,} bytes; a data file may be at most {size - 1:,} bytes, so it was not read"
    ]


def test_every_contract_file_is_covered():
    assert set(FILES) <= {schema.file_name(t) for t in schema.TABLES}


@pytest.mark.parametrize("file", ["budgets.csv", "label_review.csv"])
@pytest.mark.parametrize(
    "name, make, message",
    [c for c in CASES if c[0] in ("pipe", "several GB", "zip")],
    ids=["zip", "several GB", "pipe"],
)
def test_the_command_line_never_reads_a_refused_file(folder, file, name, make, message):
    """`python -m dashboard.validate` (and its label linter) stops at a refused file instead of reading it: a pipe
    would hang it, a file of several GB fill memory."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = folder / file
    if not path.exists():
        path.write_text("figure_id,cue,reason\n", encoding="utf-8")
    make(folder, path)
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.validate", str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert done.stdout.splitlines() == [f"{file}: {message}"]
