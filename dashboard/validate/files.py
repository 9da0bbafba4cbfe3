"""Which data files may be read at all (links, folders, pipes, size, binary content) and their text encoding."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from dashboard.validate.problems import Problem, keyed

# A data file larger than this is refused by its size before a byte of it is read (a million figures take a few
# hundred MB; several GB is a wrong file, and reading it would hold the app's start for minutes).
MAX_FILE_BYTES = 1024 * 1024 * 1024
# What a binary file put in place of a CSV starts with, and the string saying what it looks like (its bytes are
# never shown).
_BINARY_STARTS: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "check.binary_xlsx"),
    (b"PK\x05\x06", "check.binary_zip"),
    (b"\x89PNG\r\n\x1a\n", "check.binary_png"),
    (b"\xff\xd8\xff", "check.binary_jpeg"),
    (b"GIF8", "check.binary_gif"),
    (b"%PDF", "check.binary_pdf"),
    (b"\x1f\x8b", "check.binary_gzip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "check.binary_office"),
    (b"\x7fELF", "check.binary_program"),
    (b"SQLite format 3\x00", "check.binary_sqlite"),
)
# The longest start above: this many first bytes of a file are enough for binary_problem.
BINARY_START_BYTES = 16


def _iconv(file: str, encoding: str) -> str:
    stem = file[:-4] if file.endswith(".csv") else file
    return f"iconv -f {encoding} -t utf-8 {file} > {stem}.utf8.csv"


def _guess_encoding(raw: bytes) -> tuple[str, str] | None:
    """(name to show, iconv name) of what `raw` looks like, or None."""
    if len(raw) >= 2 and raw.count(b"\x00") * 4 > len(raw):
        # ASCII text in UTF-16 has a NUL in every other byte; which half tells the byte order.
        if raw[1::2].count(0) >= raw[0::2].count(0):
            return "UTF-16 little-endian without a byte order mark", "utf-16le"
        return "UTF-16 big-endian without a byte order mark", "utf-16be"
    try:
        text = raw.decode("cp949")
    except UnicodeDecodeError:
        pass
    else:
        if any("\uac00" <= ch <= "\ud7a3" for ch in text):
            return "CP949/EUC-KR", "cp949"
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "Windows-1252/Latin-1", "cp1252"


def decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """The text of a CSV file's bytes (UTF-8, with or without BOM), or None and a problem saying how to convert it."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, keyed(file, None, "check.utf16_mark", command=_iconv(file, "utf-16"))
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        guess = _guess_encoding(raw)
        if guess:
            return None, keyed(file, None, "check.looks_like", encoding=guess[0], command=_iconv(file, guess[1]))
        line = raw.count(b"\n", 0, error.start) + 1
        bad = raw[error.start]
        return None, keyed(file, None, "check.bad_byte", byte=f"{bad:02x}", line=line)


def size_text(size: int) -> str:
    """Bytes in the largest unit that reads well: 3.0 GB, 512.0 MB, 2,048 bytes."""
    if size >= 1024**3:
        return f"{size / 1024**3:,.1f} GB"
    if size >= 1024**2:
        return f"{size / 1024**2:,.1f} MB"
    return f"{size:,} bytes"


def _link_problem(data_dir: Path, path: Path, file: str) -> Problem | None:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return keyed(file, None, "check.link_missing")
    if not target.is_relative_to(data_dir.resolve()):
        return keyed(file, None, "check.link_outside")
    return None


def _kind_problem(path: Path, file: str) -> Problem | None:
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        return keyed(file, None, "check.folder")
    if not stat.S_ISREG(info.st_mode):
        return keyed(file, None, "check.not_regular")
    if info.st_size > MAX_FILE_BYTES:
        return keyed(file, None, "check.too_big", size=size_text(info.st_size), limit=size_text(MAX_FILE_BYTES))
    with path.open("rb") as handle:
        return binary_problem(handle.read(BINARY_START_BYTES), file)


def binary_problem(start: bytes, file: str) -> Problem | None:
    """The problem for a file whose first bytes (`start`) are those of a known binary format (an archive, an
    image, a workbook...) rather than CSV text, or None."""
    for magic, key in _BINARY_STARTS:
        if start.startswith(magic):
            return keyed(file, None, key)
    return None


def refused_file(data_dir: Path, path: Path, file: str) -> Problem | None:
    """A one-line problem for a data file that must not be read: a link leading out of the folder, a folder, a
    pipe or device, a file over MAX_FILE_BYTES (refused by its size alone), a binary file. Named by `file` (its
    name in the folder), never by an absolute path or a line of its content. None when the file may be read (or
    is missing: that is reported where it is read)."""
    try:
        if not os.path.lexists(path):
            return None
        if path.is_symlink():
            problem = _link_problem(data_dir, path, file)
            if problem is not None:
                return problem
        return _kind_problem(path, file)
    except OSError as error:
        return keyed(file, None, "check.cannot_read", reason=error.strerror or type(error).__name__)
