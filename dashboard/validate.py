"""Data validator: `python -m dashboard.validate [DATA_DIR]` prints every problem in the CSVs as `file:line: message`."""

from __future__ import annotations

import argparse
import codecs
import csv
import datetime
import difflib
import functools
import gc
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from dashboard import schema

# A quote cell is a sentence or a paragraph; 16 MiB per cell is far above any real one and still bounded.
FIELD_SIZE_LIMIT = 16 * 1024 * 1024
# A data file larger than this is refused by its size before a byte of it is read (a million figures take a few
# hundred MB; several GB is a wrong file, and reading it would hold the app's start for minutes).
MAX_FILE_BYTES = 1024 * 1024 * 1024
# What a binary file put in place of a CSV starts with, and what to call it (its bytes are never shown).
_BINARY_STARTS: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook is one: save it as CSV)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel or Word file (save it as CSV)"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# After this many unreadable rows the rest of a file is noise (usually one stray quote), so reading stops.
MAX_PARSE_ERRORS = 100
# Cell values are shown in messages cut to this many characters, so a huge or hostile cell cannot flood output.
MAX_SHOWN = 60

_FILE_RANK = {schema.file_name(t): i for i, t in enumerate(schema.TABLES)}
_FACT_FILES = frozenset(schema.file_name(f) for f in schema.FAMILIES)
_KEYS = {"hubs": "hub_id", "sources": "source_id", "metrics": "metric"}
_UPLOAD = "upload"  # table name for a fact file that is not one of the four family files

_INTEGER = r"-?[0-9]+"
_NUMBER = r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?"
_PUBLISHED = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
_URL = r"https?://\S+"

# Allowed values of columns whose domain is fixed by the contract (not by another file).
_ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "facts": {"unit": tuple(schema.UNITS), "kind": schema.KINDS},
    "hubs": {"region_code": tuple(schema.REGIONS), "hub_type": schema.HUB_TYPES},
    "metrics": {"family": schema.FAMILIES, "unit": tuple(schema.UNITS)},
    "sources": {"language": schema.LANGUAGES},
}
# Inclusive ranges of numeric columns, and how a value outside is described.
_RANGES: dict[str, tuple[float, float, str]] = {
    "period_start": (schema.YEAR_MIN, schema.YEAR_MAX, f"is not between {schema.YEAR_MIN} and {schema.YEAR_MAX}"),
    "period_end": (schema.YEAR_MIN, schema.YEAR_MAX, f"is not between {schema.YEAR_MIN} and {schema.YEAR_MAX}"),
    "opened_year": (schema.YEAR_MIN, schema.YEAR_MAX, f"is not between {schema.YEAR_MIN} and {schema.YEAR_MAX}"),
    "period_start_month": (1, 12, "is not a month (1 to 12)"),
    "period_end_month": (1, 12, "is not a month (1 to 12)"),
    "lat": (-90, 90, "is not a latitude (-90 to 90)"),
    "lon": (-180, 180, "is not a longitude (-180 to 180)"),
    "value": (0, float("inf"), "is negative"),
}
# Two rows equal on all of these are the same figure reported twice (a differing value makes a version instead).
_FIGURE_KEY = [
    "hub_id",
    "metric",
    "kind",
    "period_start",
    "period_end",
    "period_start_month",
    "period_end_month",
    "series",
    "value",
    "source_id",
]
_FIGURE_KEY_REQUIRED = [c.name for c in schema.FACT_COLUMNS if c.required and c.name in _FIGURE_KEY]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: the file, the physical line (None for the whole file) and what is wrong."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}: {self.message}"
        return f"{self.file}: {self.message}"


def shown(value: object) -> str:
    """`value` quoted like repr (control and bidi characters escaped), cut to MAX_SHOWN characters."""
    text = str(value)
    if len(text) > MAX_SHOWN:
        return f"{text[:MAX_SHOWN]!r}… ({len(text):,} characters)"
    return repr(text)


def _number(text: str) -> str:
    # Already checked to be a number; only its length is unbounded.
    return text if len(text) <= MAX_SHOWN else f"{text[:MAX_SHOWN]}… ({len(text):,} digits)"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in contract file order, then line; problems on one line keep the order they were found in."""
    return sorted(problems, key=lambda p: (_FILE_RANK.get(p.file, len(_FILE_RANK)), p.file, p.line or 0))


# ----------------------------------------------------------------------------------------------- decoding


def _iconv_hint(file: str, encoding: str) -> str:
    stem = file[:-4] if file.endswith(".csv") else file
    return f"convert it, e.g. iconv -f {encoding} -t utf-8 {file} > {stem}.utf8.csv"


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
        hint = _iconv_hint(file, "utf-16")
        return None, Problem(
            file, None, f"not UTF-8 (looks like UTF-16: it starts with a UTF-16 byte order mark); {hint}"
        )
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        guess = _guess_encoding(raw)
        if guess:
            return None, Problem(file, None, f"not UTF-8 (looks like {guess[0]}); {_iconv_hint(file, guess[1])}")
        line = raw.count(b"\n", 0, error.start) + 1
        bad = raw[error.start]
        return None, Problem(
            file, None, f"not UTF-8 (byte 0x{bad:02x} on line {line} is not valid UTF-8); save the file as UTF-8"
        )


# ------------------------------------------------------------------------------------------------ parsing


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Millions of small row lists make the cyclic GC rescan everything repeatedly; nothing here forms cycles.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _csv_message(error: csv.Error) -> str:
    text = str(error)
    if "expected after" in text:
        return 'a quoted cell has text after its closing quote (inside quotes, write a quote as "")'
    if "unexpected end of data" in text:
        return "a quoted cell starting on this line is never closed"
    if "field larger than field limit" in text:
        return f"a cell is longer than {FIELD_SIZE_LIMIT:,} characters"
    return f"cannot read this row: {shown(text)}"


def _read_records(text: str, file: str, problems: list[Problem]) -> tuple[list[list[str] | None], list[int]]:
    """Every CSV record (None where one could not be read) and the physical line it starts on."""
    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str] | None] = []
    ends: list[int] = []  # reader.line_num after each record: the next record starts on the line after
    add_record, add_end = records.append, ends.append
    errors = 0
    with _gc_paused():
        while True:
            try:
                for row in reader:
                    add_record(row)
                    add_end(reader.line_num)
                break
            except csv.Error as error:
                start = (ends[-1] if ends else 0) + 1
                # A stray character after a closing quote is on the line being read; other errors belong to the row.
                line = reader.line_num if "expected after" in str(error) else start
                problems.append(Problem(file, max(line, 1), _csv_message(error)))
                add_record(None)
                add_end(max(reader.line_num, start))
                errors += 1
                if errors >= MAX_PARSE_ERRORS:
                    problems.append(
                        Problem(file, max(reader.line_num, 1), "too many unreadable rows; stopped reading here")
                    )
                    break
    starts = [1, *(end + 1 for end in ends[:-1])]
    return records, starts


@dataclass
class _Table:
    """One CSV file read against its contract columns; `raw` holds the string cells of well-formed rows.

    Once the cells are checked, `raw` is dropped (None): later checks report only text columns' non-missing
    cells, and `typed` holds those same strings, so keeping both would hold every file twice.
    """

    name: str
    file: str
    columns: tuple[schema.Column, ...]
    raw: pd.DataFrame | None
    lines: np.ndarray
    present: frozenset[str]
    # Keys of malformed rows: known to exist (so no "unknown id" cascades), but not checked further.
    loose_keys: set[str] = field(default_factory=set)
    typed: pd.DataFrame | None = None

    def column(self, name: str) -> pd.Series:
        return self.raw[name]

    def report(self, problems: list[Problem], mask, make_message, *columns: str) -> None:
        """Add one problem per row where `mask` is true; `make_message` gets that row's `columns` values."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        rows = np.flatnonzero(mask)
        cells = self.raw if self.raw is not None else self.typed
        values = [cells[c].iloc[rows].tolist() if c in cells else [None] * len(rows) for c in columns]
        for position, row in enumerate(rows):
            problems.append(Problem(self.file, int(self.lines[row]), make_message(*(v[position] for v in values))))


def _string_array(values) -> pd.arrays.ArrowStringArray:
    return pd.arrays.ArrowStringArray(pa.array(values, type=pa.string()))


def _check_header(header: list[str], columns: tuple[schema.Column, ...], file: str, problems: list[Problem]) -> None:
    expected = [c.name for c in columns]
    missing = [name for name in expected if name not in header]
    for name in (c.name for c in columns if c.name in missing and not c.may_be_absent):
        problems.append(Problem(file, 1, f"missing column {shown(name)}"))
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(file, 1, f"column {shown(name)} appears more than once"))
        elif name not in expected:
            close = difflib.get_close_matches(name, missing, n=1) if len(name) <= 100 else []
            hint = f" (did you mean {shown(close[0])}?)" if close else ""
            problems.append(Problem(file, 1, f"unknown column {shown(name)}{hint}"))
        seen.add(name)


def _load_table(name: str, file: str, text: str, problems: list[Problem]) -> _Table | None:
    """Parse `text` as table `name`; None when it has no readable header."""
    columns = schema.TABLES.get(name, schema.FACT_COLUMNS)
    if not text.strip():
        problems.append(Problem(file, None, "file is empty (no header line)"))
        return None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        problems.append(Problem(file, line, "contains a NUL byte (the file may be damaged or not text)"))
    records, starts = _read_records(text, file, problems)
    header_at = next((i for i, r in enumerate(records) if r != []), None)
    if header_at is None or records[header_at] is None:
        if header_at is None:
            problems.append(Problem(file, None, "file is empty (no header line)"))
        return None
    header = records[header_at]
    _check_header(header, columns, file, problems)
    width = len(header)
    body = range(header_at + 1, len(records))
    good = [i for i in body if (row := records[i]) is not None and len(row) == width and row != header]
    key = _KEYS.get(name, "figure_id")
    key_at = header.index(key) if key in header else None
    loose: set[str] = set()
    if len(good) != len(body):
        good_set = set(good)
        for i in body:
            row = records[i]
            if i in good_set or not row:
                continue
            if row == header:
                problems.append(Problem(file, starts[i], "the header line is repeated here"))
                continue
            problems.append(
                Problem(
                    file,
                    starts[i],
                    f"row has {len(row):,} cell{'s' if len(row) != 1 else ''} but the header has {width}",
                )
            )
            if key_at is not None and key_at < len(row):
                loose.add(row[key_at])
    with _gc_paused():
        cells = list(zip(*(records[i] for i in good))) if good else [()] * width
        position = {}
        for at, column_name in enumerate(header):
            position.setdefault(column_name, at)
        raw = pd.DataFrame(
            {
                c.name: _string_array(cells[position[c.name]] if c.name in position else [None] * len(good))
                for c in columns
            }
        )
    lines = np.asarray([starts[i] for i in good], dtype=np.int64)
    return _Table(name, file, columns, raw, lines, frozenset(position) & {c.name for c in columns}, loose)


# ---------------------------------------------------------------------------------------- fast reading

# Arrow's CSV reader parses in C++ and keeps cells in Arrow buffers, where the csv module makes a Python
# string per cell (1M figures: about 13M strings, most of the load's time and memory). It is used only
# for a file it provably reads exactly as the csv module does, so every message and line stays the same; any
# other file (blank lines, a quoted line break, a stray quote, a NUL, a bad row, invalid UTF-8) takes the csv path.
_FAST_BLOCK = 1 << 18  # bytes per parse block (a longer row makes Arrow fail: the csv path reads that file); the
# streaming reader reads ahead tens of blocks, so small blocks keep that small
_SCAN_CHUNK = 1 << 22  # bytes of a file looked at at once for quotes and line ends, to bound memory
# Rows of a fact file read, checked and handed to the sink at once, so memory is bounded by the batch, not the
# file. Other files are small and checked whole (repeated keys, member_of).
_BATCH_ROWS = 32_768
_QUOTE, _COMMA, _LF, _CR = 0x22, 0x2C, 0x0A, 0x0D


def _positions(body: np.ndarray, byte: int) -> np.ndarray:
    return np.flatnonzero(body == byte)


def _quotes_well_placed(body: np.ndarray, newlines: np.ndarray) -> bool:
    """Every run of `"` opens a field, closes it before `,` or the line end, or doubles a quote inside it.

    That is the csv module's strict reading of quoted fields that do not span lines, and Arrow's too. A quote
    anywhere else (e.g. inside an unquoted cell, which the csv module keeps as a character) returns False.
    `body` holds whole lines; `newlines` are the positions of its line feeds.
    """
    quotes = _positions(body, _QUOTE)
    if len(quotes) == 0:
        return True
    run_first = np.flatnonzero(np.r_[True, np.diff(quotes) != 1])  # index in `quotes` of each run's first quote
    start = quotes[run_first]
    length = np.diff(np.r_[run_first, len(quotes)])
    end = start + length  # first byte after the run
    line = np.searchsorted(newlines, start)  # line index within `body`
    line_start = np.r_[0, newlines + 1][line]
    # Inside a quoted field when an odd number of quotes precede the run on its line.
    inside = (run_first - np.searchsorted(quotes, line_start)) % 2 == 1
    odd = length % 2 == 1
    field_start = (start == line_start) | (body[np.maximum(start - 1, 0)] == _COMMA)
    after = body[np.minimum(end, len(body) - 1)]
    field_end = (end >= len(body)) | (after == _COMMA) | (after == _LF) | (after == _CR)
    closes = inside == odd  # inside and odd: escapes then the closing quote; outside and even: opened and closed
    bad = (~inside & ~field_start) | (closes & ~field_end)
    last_on_line = np.r_[line[1:] != line[:-1], True]
    bad |= last_on_line & (inside != odd)  # the line ends inside a quoted field
    return not bad.any()


def _plain_lines(path: Path) -> tuple[list[str], int] | None:
    """The header cells and the number of lines after it, when the file is plain enough for Arrow; else None.

    Plain: UTF-8 header without quotes, no NUL, every CR part of a CRLF, every quote well placed (see
    _quotes_well_placed). Read in chunks of whole lines, so the file is never held in memory at once.
    """
    header: list[str] | None = None
    line_feeds, body_bytes, ends_with_lf, tail = 0, 0, False, b""
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(_SCAN_CHUNK)
            block = tail + chunk
            if chunk:
                cut = block.rfind(b"\n") + 1
                if cut == 0:
                    tail = block  # no line end yet
                    continue
                whole, tail = block[:cut], block[cut:]
            else:
                whole, tail = block, b""  # the last line, without a line end
                if not whole:
                    break
            if header is None:
                if whole.startswith(codecs.BOM_UTF8):
                    whole = whole[len(codecs.BOM_UTF8) :]
                first = whole.find(b"\n")
                if first < 0:
                    return None  # a header alone: small, and the csv path words it exactly
                header_bytes = whole[:first].removesuffix(b"\r")
                if any(mark in header_bytes for mark in (b'"', b"\x00", b"\r")):
                    return None
                header = header_bytes.decode("utf-8").split(",")
                whole = whole[first + 1 :]
            if b"\x00" in whole or (b"\r" in whole and whole.count(b"\r") != whole.count(b"\r\n")):
                return None
            body = np.frombuffer(whole, dtype=np.uint8)
            newlines = _positions(body, _LF)
            if not _quotes_well_placed(body, newlines):
                return None
            line_feeds += len(newlines)
            if whole:
                body_bytes += len(whole)
                ends_with_lf = whole.endswith(b"\n")
            if not chunk:
                break
    if header is None or not "".join(header).strip():
        return None
    return header, line_feeds + (1 if body_bytes and not ends_with_lf else 0)


class _NotPlain(Exception):
    """The Arrow reading cannot stand for the csv module's: the file is read again by the csv path."""


def _arrow_batches(path: Path, width: int, rows_per_batch: int | None) -> Iterator[pa.Table]:
    """The body of a plain file as text columns, `rows_per_batch` rows at a time (None: all at once)."""
    names = [f"c{i}" for i in range(width)]
    reader = pa_csv.open_csv(
        path,
        read_options=pa_csv.ReadOptions(skip_rows=1, column_names=names, block_size=_FAST_BLOCK),
        parse_options=pa_csv.ParseOptions(newlines_in_values=False, ignore_empty_lines=True),
        convert_options=pa_csv.ConvertOptions(
            column_types={n: pa.string() for n in names},
            null_values=[],
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    pending: list[pa.RecordBatch] = []
    count = 0
    for batch in reader:
        pending.append(batch)
        count += batch.num_rows
        if rows_per_batch and count >= rows_per_batch:
            yield pa.Table.from_batches(pending)
            pending, count = [], 0
    if pending:
        yield pa.Table.from_batches(pending)


def _fast_table(
    name: str, file: str, path: Path, problems: list[Problem], check: Callable[[_Table, list[Problem]], None]
) -> _Table | None:
    """The file read by Arrow in batches when the csv module would read it the same way, each batch passed to
    `check` (which adds its problems to the list it gets); None means: use `_load_table`.

    A file is known to be read as the csv module reads it only at its end (the row count), so the problems
    of the batches are held back until then; on None, the caller also undoes what `check` kept.
    """
    try:
        plain = _plain_lines(path)
    except Exception:  # noqa: BLE001 - e.g. a header that is not UTF-8: the csv path words it exactly
        return None
    if plain is None:
        return None
    header, physical_lines = plain
    columns = schema.TABLES.get(name, schema.FACT_COLUMNS)
    position: dict[str, int] = {}
    for at, column_name in enumerate(header):
        position.setdefault(column_name, at)
    present = frozenset(position) & {c.name for c in columns}
    found: list[Problem] = []
    typed: list[pd.DataFrame] = []
    rows = 0
    try:
        for parsed in _arrow_batches(path, len(header), _BATCH_ROWS if name in schema.FAMILIES else None):
            if pc.any(pc.equal(parsed.column(0), header[0])).as_py():
                raise _NotPlain  # perhaps the header repeated: the csv path says where
            count = parsed.num_rows
            raw_frame = pd.DataFrame(
                {
                    c.name: pd.arrays.ArrowStringArray(
                        parsed.column(position[c.name]) if c.name in position else pa.nulls(count, pa.string())
                    )
                    for c in columns
                }
            )
            parsed = None
            # Row i of the body is on line i + 2: the count check below proves no blank line was skipped.
            lines = np.arange(rows + 2, rows + count + 2, dtype=np.int64)
            rows += count
            table = _Table(name, file, columns, raw_frame, lines, present, set())
            raw_frame = None
            check(table, found)
            if table.typed is None:
                raise _NotPlain  # the checks failed: the csv path runs them again and reports how
            typed.append(table.typed)
            # Arrow's allocator keeps what a batch freed for Arrow alone (numpy and DuckDB allocate elsewhere);
            # handing it back after each batch lowers the peak.
            pa.default_memory_pool().release_unused()
    except Exception:  # noqa: BLE001 - any surprise means the careful path decides, with its exact messages
        return None
    # Equal counts: no blank line was skipped and no record spans lines.
    if rows == 0 or rows != physical_lines:
        return None
    _check_header(header, columns, file, problems)
    problems.extend(found)
    if len(typed) == 1:
        return table
    return _Table(
        name,
        file,
        columns,
        None,
        np.arange(2, rows + 2, dtype=np.int64),
        present,
        set(),
        pd.concat(typed, ignore_index=True),
    )


# ------------------------------------------------------------------------------------------ cell checks


def _blank(series: pd.Series) -> np.ndarray:
    """Missing, empty or only whitespace: what `.str.strip() == ""` says, without building stripped copies."""
    array = series.astype("string").array.__arrow_array__()
    # Arrow's utf8_is_space uses the same whitespace as its trim (checked for every code point), but is false
    # for "", so empty cells are added; missing cells count as blank.
    blank = pc.or_(pc.equal(pc.binary_length(array), 0), pc.utf8_is_space(array))
    return pc.fill_null(blank, True).to_numpy()


def _isin(series: pd.Series, values) -> np.ndarray:
    """Membership as a numpy mask; missing cells are never members."""
    values = [v for v in values if isinstance(v, str)]
    if not values or len(series) == 0:
        # pandas' Arrow-backed isin fails on an empty value list (it builds a null-typed array).
        return np.zeros(len(series), dtype=bool)
    # Arrow's hash lookup directly: pandas' isin walks the value list in Python, slow for big id sets.
    array = series.astype("string").array.__arrow_array__()
    found = pc.is_in(array, value_set=pa.array(values, type=array.type))
    return pc.fill_null(found, False).to_numpy()


def _matches(series: pd.Series, pattern: str) -> np.ndarray:
    return series.str.fullmatch(pattern).to_numpy(dtype=bool, na_value=False)


def _check_cells(table: _Table, problems: list[Problem]) -> None:
    """Per-column checks (required, type, range, allowed values); fills `table.typed`."""
    enums = _ENUMS.get("facts" if table.columns is schema.FACT_COLUMNS else table.name, {})
    typed: dict[str, pd.Series] = {}
    for column in table.columns:
        name = column.name
        series = table.raw[name]
        if name not in table.present:
            typed[name] = _typed_empty(column, len(series))
            continue
        blank = _blank(series)
        if column.required:
            table.report(problems, blank, lambda name=name: f"{name} is empty (required)")
        filled = ~blank
        if column.sql_type == "VARCHAR":
            typed[name] = _blank_as_missing(series, blank)
            if name in enums:
                allowed = enums[name]
                table.report(
                    problems,
                    filled & ~_isin(series, allowed),
                    lambda v, n=name, a=allowed: f"{n} {shown(v)} is not one of {', '.join(a)}",
                    name,
                )
            elif name == "published":
                _check_published(table, series, filled, problems)
            elif name == "url":
                table.report(
                    problems,
                    filled & ~_matches(series, _URL),
                    lambda v: f"url {shown(v)} is not an http:// or https:// address",
                    name,
                )
            continue
        integer = column.sql_type == "INTEGER"
        well_formed = _matches(series, _INTEGER if integer else _NUMBER)
        what = "a whole number" if integer else "a number"
        hint = " (write digits only: no thousands separators or units)" if name == "value" else ""
        table.report(
            problems, filled & ~well_formed, lambda v, n=name, w=what, h=hint: f"{n} {shown(v)} is not {w}{h}", name
        )
        numbers = series.where(well_formed).astype("float64").to_numpy()
        finite = np.isfinite(numbers)
        table.report(problems, well_formed & ~finite, lambda v, n=name: f"{n} {shown(v)} is too large", name)
        low, high, says = _RANGES.get(name, (-np.inf, np.inf, ""))
        with np.errstate(invalid="ignore"):
            outside = finite & ((numbers < low) | (numbers > high))
        table.report(problems, outside, lambda v, n=name, s=says: f"{n} {_number(v)} {s}", name)
        values = pd.Series(numbers).where(finite & ~outside)
        typed[name] = values.astype("Int64") if integer else values.astype("float64")
    table.typed = pd.DataFrame(typed)
    if table.columns is schema.FACT_COLUMNS:
        _check_periods(table, problems)
    table.raw = None


def _blank_as_missing(series: pd.Series, blank: np.ndarray) -> pd.Series:
    """`series.mask(blank)` that shares the text with `series`: only a new validity bitmap per chunk.

    mask() copies every string of the column, e.g. a second copy of every quote while the cells are checked.
    """
    if not blank.any():
        return series
    chunked = series.array.__arrow_array__()
    chunks, at = [], 0
    for chunk in chunked.chunks:
        if chunk.type != pa.string() or chunk.offset or chunk.null_count:
            return series.mask(blank)  # a layout the bitmap below does not cover: copy, still correct
        keep = ~blank[at : at + len(chunk)]
        at += len(chunk)
        # A boolean array's data buffer is a bitmap with one bit per row: exactly a validity bitmap.
        validity = pa.array(keep, type=pa.bool_()).buffers()[1]
        chunks.append(
            pa.Array.from_buffers(
                pa.string(), len(chunk), [validity, *chunk.buffers()[1:]], null_count=len(chunk) - int(keep.sum())
            )
        )
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=pa.string())), index=series.index)


def _typed_empty(column: schema.Column, rows: int) -> pd.Series:
    if column.sql_type == "INTEGER":
        return pd.Series(pd.array([None] * rows, dtype="Int64"))
    if column.sql_type == "DOUBLE":
        return pd.Series(np.full(rows, np.nan))
    return pd.Series(_string_array([None] * rows))


def _check_published(table: _Table, series: pd.Series, filled: np.ndarray, problems: list[Problem]) -> None:
    shaped = _matches(series, _PUBLISHED)
    table.report(
        problems, filled & ~shaped, lambda v: f"published {shown(v)} is not YYYY, YYYY-MM or YYYY-MM-DD", "published"
    )
    verdicts = {text: _date_problem(text) for text in series[shaped].unique().tolist()}
    wrong = series.map(verdicts).notna().to_numpy() & shaped
    table.report(problems, wrong, lambda v: f"published {shown(v)} {verdicts[v]}", "published")


def _date_problem(text: str) -> str | None:
    parts = [int(p) for p in text.split("-")]
    if not schema.YEAR_MIN <= parts[0] <= schema.YEAR_MAX:
        return f"is not between {schema.YEAR_MIN} and {schema.YEAR_MAX}"
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return "is not a real date"
    return None


def _check_periods(table: _Table, problems: list[Problem]) -> None:
    typed = table.typed
    start, end = typed["period_start"], typed["period_end"]
    backwards = (end < start).to_numpy(dtype=bool, na_value=False)
    table.report(
        problems, backwards, lambda s, e: f"period_end {e} is before period_start {s}", "period_start", "period_end"
    )
    first, last = typed["period_start_month"], typed["period_end_month"]
    months_backwards = ((start == end) & (first > last)).to_numpy(dtype=bool, na_value=False)
    table.report(
        problems,
        months_backwards,
        lambda a, b, y: f"period_start_month {a} is after period_end_month {b} in the same year {y}",
        "period_start_month",
        "period_end_month",
        "period_start",
    )


def _report_repeats(table: _Table, key: str, problems: list[Problem]) -> None:
    """Rows of `table` whose `key` cell repeats an earlier row's."""
    series = table.typed[key]
    repeated = (series.duplicated(keep="first") & series.notna()).to_numpy(dtype=bool)
    if not repeated.any():
        return
    involved = (series.duplicated(keep=False) & series.notna()).to_numpy(dtype=bool)
    first: dict[str, int] = {}
    for value, line in zip(series[involved].tolist(), table.lines[involved].tolist()):
        first.setdefault(value, line)
    table.report(problems, repeated, lambda v: f"{key} {shown(v)} is already defined at line {first[v]}", key)


# ------------------------------------------------------------------------------------- reference checks


@dataclass
class _Reference:
    """What fact rows are checked against; a None set means that table is unusable, so its checks are skipped."""

    hub_ids: set[str] | None = None
    metric_ids: set[str] | None = None
    source_ids: set[str] | None = None
    metric_unit: dict[str, str] = field(default_factory=dict)
    metric_family: dict[str, str] = field(default_factory=dict)
    # Existing figures (already-valid data) for figure_id clashes and repeats, with the file they are in.
    figures: list[tuple[str, pd.DataFrame]] = field(default_factory=list)


def _ids(frame: pd.DataFrame | None, key: str, loose: set[str] = frozenset()) -> set[str] | None:
    if frame is None or key not in frame or frame[key].notna().sum() == 0:
        return None
    return set(frame[key].dropna().tolist()) | set(loose)


def _metric_maps(metrics: pd.DataFrame | None) -> tuple[dict[str, str], dict[str, str]]:
    if metrics is None or not {"metric", "unit", "family"} <= set(metrics.columns):
        return {}, {}
    rows = metrics.dropna(subset=["metric"]).drop_duplicates("metric")
    units = rows[_isin(rows["unit"], schema.UNITS)]
    families = rows[_isin(rows["family"], schema.FAMILIES)]
    return (
        dict(zip(units["metric"].tolist(), units["unit"].tolist())),
        dict(zip(families["metric"].tolist(), families["family"].tolist())),
    )


def _check_references(table: _Table, checks: list[tuple[str, set[str] | None, str]], problems: list[Problem]) -> None:
    for column, known, where in checks:
        if known is None or column not in table.present:
            continue
        series = table.typed[column]
        unknown = series.notna().to_numpy(dtype=bool) & ~_isin(series, known)
        table.report(problems, unknown, lambda v, c=column, w=where: f"{c} {shown(v)} is not in {w}", column)


def _check_facts(table: _Table, family: str | None, reference: _Reference, problems: list[Problem]) -> None:
    """Fact-row checks that need other tables: ids, the metric's unit and family."""
    _check_references(
        table,
        [
            ("hub_id", reference.hub_ids, "hubs.csv"),
            ("metric", reference.metric_ids, "metrics.csv"),
            ("source_id", reference.source_ids, "sources.csv"),
        ],
        problems,
    )
    typed = table.typed
    metric = typed["metric"]
    if "metric" in table.present and "unit" in table.present:
        expected = metric.map(reference.metric_unit)
        unit = typed["unit"]
        wrong = (expected.notna() & _isin(unit, schema.UNITS) & (unit != expected)).to_numpy(dtype=bool, na_value=False)
        table.report(
            problems,
            wrong,
            lambda u, m: (
                f"unit {shown(u)} does not match metric {shown(m)}, whose unit is {shown(reference.metric_unit[m])}"
            ),
            "unit",
            "metric",
        )
    if "value" in table.present and "unit" in table.present:
        _check_value_bounds(table, problems)
    if family is not None and "metric" in table.present:
        belongs = metric.map(reference.metric_family)
        wrong = (belongs.notna() & (belongs != family)).to_numpy(dtype=bool, na_value=False)
        table.report(
            problems,
            wrong,
            lambda m: f"metric {shown(m)} belongs in {reference.metric_family[m]}.csv, not {table.file}",
            "metric",
        )


def _check_value_bounds(table: _Table, problems: list[Problem]) -> None:
    """A value above what its unit can plausibly hold (schema.VALUE_MAX): 1e26 firms, 1e40 won."""
    value, unit = table.typed["value"].to_numpy(dtype="float64", na_value=np.nan), table.typed["unit"]
    limit = unit.map(schema.VALUE_MAX).to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        above = value > limit  # NaN (missing value or unknown unit) compares False
    table.report(
        problems,
        above,
        lambda v, u: f"value {v:,.15g} is more than a figure in {u} can be (at most {schema.VALUE_MAX[u]:,.0f})",
        "value",
        "unit",
    )


class _FigureKeys:
    """The figure_id and figure key of fact rows from several files, kept compact for the cross-file checks.

    Each key column is held as small integer codes into one dictionary per column shared by all files
    (0 = missing), so equal codes mean equal cells, with DataFrame.duplicated's equality (missing equals
    missing): a fraction of the text and numbers themselves, and nothing else of a fact file has to stay.
    """

    def __init__(self) -> None:
        self.distinct: dict[str, pd.Index] = {}  # per key column: the distinct cells seen, in first-seen order
        self.ids: list[pd.Series] = []
        self.codes: list[dict[str, np.ndarray]] = []
        self.files: list[str] = []
        self.lines: list[np.ndarray] = []
        self.own: list[bool] = []

    def add(self, frame: pd.DataFrame, file: str, lines: np.ndarray | None, own: bool) -> None:
        """Rows of `frame` from `file` (lines None: already-valid data, shown by file only); `own` are reported."""
        rows = len(frame)
        # reindex adds a missing column as NaN, as for the reference frames of an upload.
        frame = frame.reindex(columns=["figure_id", *_FIGURE_KEY])
        codes = {}
        for name in _FIGURE_KEY:
            local, uniques = pd.factorize(frame[name])
            known = self.distinct.get(name)
            if known is None:
                known, at = pd.Index(uniques), np.arange(len(uniques))
            else:
                at = known.get_indexer(uniques)
                new = at < 0
                if new.any():
                    at[new] = len(known) + np.arange(int(new.sum()))
                    known = known.append(pd.Index(uniques[new]))
            self.distinct[name] = known
            # 0 for a missing cell, else 1 + the cell's place in `known`, in the narrowest integer type that
            # holds every code so far (np.concatenate widens them when the parts are joined).
            width = np.int16 if len(known) < np.iinfo(np.int16).max else np.int32
            codes[name] = (np.r_[-1, at].astype(width) + 1)[local + 1]
        self.ids.append(_compact(frame["figure_id"]))
        self.codes.append(codes)
        self.files.append(file)
        self.lines.append(np.zeros(rows, dtype=np.int32) if lines is None else np.asarray(lines, dtype=np.int32))
        self.own.append(own)

    def mark(self) -> int:
        return len(self.ids)

    def rollback(self, mark: int) -> None:
        """Forget the parts added since `mark` (their distinct cells may stay: unused codes change nothing)."""
        for parts in (self.ids, self.codes, self.files, self.lines, self.own):
            del parts[mark:]

    def cells(self, part: int, name: str, rows: np.ndarray) -> list:
        """The cells of column `name` in `rows` of part `part` (None where missing)."""
        codes = self.codes[part][name][rows].astype(np.int64)
        known = self.distinct.get(name)
        if known is None or not len(known):
            return [None] * len(codes)
        cells = known.take(np.maximum(codes - 1, 0)).tolist()
        return [None if code == 0 else cell for code, cell in zip(codes.tolist(), cells)]


def _compact(series: pd.Series) -> pd.Series:
    """An Arrow-backed text column copied into one new buffer; any other column as it is.

    The parser's blocks hold a file's columns side by side: a kept slice of them would pin whole blocks (the
    quotes' share too) for as long as it is kept.
    """
    if not (isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow"):
        return series
    chunked = series.array.__arrow_array__()
    combined = pa.concat_arrays(chunked.chunks) if chunked.num_chunks else pa.array([], pa.string())
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([combined])), index=series.index)


def _check_figure_repeats(keys: _FigureKeys, problems: list[Problem]) -> None:
    """figure_id used twice, and the same figure (hub, metric, kind, period, value, source) listed twice."""
    if not keys.ids:
        return
    file_of = np.concatenate([np.full(len(lines), at, dtype=np.int32) for at, lines in enumerate(keys.lines)])
    line_of = np.concatenate(keys.lines)
    own_row = np.concatenate([np.full(len(lines), own, dtype=bool) for lines, own in zip(keys.lines, keys.own)])
    files = keys.files
    ids = pd.concat(keys.ids, ignore_index=True)

    def place(at: int) -> str:
        figure = shown(ids.iat[at])
        if line_of[at]:
            return f"figure_id {figure} at {files[file_of[at]]}:{line_of[at]}"
        return f"figure_id {figure} in {files[file_of[at]]}"

    id_repeat, involved = _sorted_repeats(ids)
    if id_repeat.any():
        first: dict[str, int] = {}
        for at, value in zip(np.flatnonzero(involved).tolist(), ids[involved].tolist()):
            if value not in first:
                first[value] = at
            elif own_row[at]:
                earlier = first[value]
                where = (
                    f"at {files[file_of[earlier]]}:{line_of[earlier]}"
                    if line_of[earlier]
                    else f"in {files[file_of[earlier]]}"
                )
                problems.append(
                    Problem(
                        files[file_of[at]],
                        int(line_of[at]) or None,
                        f"figure_id {shown(value)} is already used {where}",
                    )
                )
    # A row whose figure_id repeats is reported already; comparing its figure too would say it twice.
    candidates = ~id_repeat
    key = np.zeros(len(ids), dtype=np.int64)
    for name in _FIGURE_KEY:
        codes = np.concatenate([part[name] for part in keys.codes])
        if name in _FIGURE_KEY_REQUIRED:
            candidates &= codes != 0
        key = _combine_codes(key, codes, len(keys.distinct[name]) + 1)
    rows, groups = _equal_runs(key, candidates)
    key = None
    first_of: dict[int, int] = {}
    for at, group in zip(rows.tolist(), groups.tolist()):
        if group not in first_of:
            first_of[group] = at
        elif own_row[at]:
            problems.append(
                Problem(
                    files[file_of[at]],
                    int(line_of[at]) or None,
                    f"same figure as {place(first_of[group])} (same hub, metric, kind, period, value and source)",
                )
            )


def _equal_runs(key: np.ndarray, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The candidate rows whose key another candidate row shares, in row order, and a label per such row
    (equal labels: equal keys). Found by sorting, which needs less memory than hashing 1M keys."""
    keyed = np.flatnonzero(candidates)
    if not len(keyed):
        # No rows at all (e.g. fact files with a header only): the comparisons below would be one element too long.
        return keyed, keyed
    values = key[keyed]
    order = np.argsort(values, kind="stable")
    values = values[order]
    after_equal = np.r_[False, values[1:] == values[:-1]]
    values = None
    involved = after_equal | np.r_[after_equal[1:], False]
    labels = np.cumsum(~after_equal)[involved]  # one label per run of equal keys
    rows = keyed[order[involved]]
    in_row_order = np.argsort(rows, kind="stable")
    return rows[in_row_order], labels[in_row_order]


def _sorted_repeats(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The rows whose cell repeats an earlier row's, and the rows whose cell appears more than once (missing
    cells are neither): duplicated(keep="first") and duplicated(keep=False), found by sorting, since hashing
    a million distinct figure_ids took much more memory."""
    array = cells.astype("string").array.__arrow_array__()
    rows = len(array)
    if rows < 2:
        return np.zeros(rows, dtype=bool), np.zeros(rows, dtype=bool)
    # Arrow's sort is stable: equal cells keep their row order, so the first of a run is the earliest row.
    order = pc.sort_indices(array).to_numpy()
    ordered = array.take(order)
    same = pc.fill_null(pc.equal(ordered.slice(1), ordered.slice(0, rows - 1)), False).to_numpy()
    ordered = None
    # The sorted copy is Arrow memory, which numpy (used next) cannot reuse: hand it back at once.
    pa.default_memory_pool().release_unused()
    after_equal = np.r_[False, same]  # sorted position k equals position k - 1 (missing cells never do)
    repeat, involved = np.empty(rows, dtype=bool), np.empty(rows, dtype=bool)
    repeat[order] = after_equal
    involved[order] = after_equal | np.r_[same, False]
    return repeat, involved


def _combine_codes(key: np.ndarray, codes: np.ndarray, size: int) -> np.ndarray:
    """`key` refined by `codes` (0 to size - 1): equal keys exactly where both were equal before."""
    if len(key) and int(key.max()) >= (1 << 62) // size:
        key = pd.factorize(key)[0].astype(np.int64)  # renumber densely so the product cannot overflow
    key *= size
    key += codes
    return key


def _check_hubs(hubs: _Table, problems: list[Problem]) -> None:
    """member_of must name an aggregate in hubs.csv, and must not lead round in a circle."""
    typed = hubs.typed
    if "member_of" not in hubs.present or "hub_id" not in hubs.present:
        return
    hub_type: dict[str, str | None] = {}
    for hub, kind in zip(typed["hub_id"].tolist(), typed["hub_type"].tolist()):
        if not pd.isna(hub):
            hub_type.setdefault(hub, None if pd.isna(kind) else kind)
    known = set(hub_type) | hubs.loose_keys
    member_of = typed["member_of"]
    unknown = member_of.notna().to_numpy(dtype=bool) & ~_isin(member_of, known)
    hubs.report(problems, unknown, lambda v: f"member_of {shown(v)} is not a hub_id in hubs.csv", "member_of")
    parent_type = member_of.map(hub_type)
    not_aggregate = (
        parent_type.notna() & (parent_type != "aggregate") & _isin(parent_type, schema.HUB_TYPES)
    ).to_numpy(dtype=bool, na_value=False)
    hubs.report(
        problems, not_aggregate, lambda v: f"member_of {shown(v)} is a {hub_type[v]}, not an aggregate", "member_of"
    )
    _check_cycles(hubs, problems)


def _check_cycles(hubs: _Table, problems: list[Problem]) -> None:
    parent: dict[str, str] = {}
    line_of: dict[str, int] = {}
    for hub, up, line in zip(hubs.typed["hub_id"].tolist(), hubs.typed["member_of"].tolist(), hubs.lines.tolist()):
        if pd.isna(hub) or hub in line_of:
            continue
        line_of[hub] = line
        if not pd.isna(up):
            parent[hub] = up
    done: set[str] = set()
    for start in line_of:
        path: list[str] = []
        on_path: set[str] = set()
        node = start
        while node in parent and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent[node]
        if node in on_path:
            cycle = path[path.index(node) :]
            first = min(cycle, key=lambda h: line_of[h])
            at = cycle.index(first)
            ordered = cycle[at:] + cycle[:at] + [first]
            shown_cycle = " -> ".join(shown(h) for h in ordered)
            problems.append(Problem(hubs.file, line_of[first], f"member_of forms a cycle: {shown_cycle}"))
        done.update(path)


def _check_figure_sources(
    table: _Table,
    keys: _FigureKeys,
    facts: list[_Table],
    facts_complete: bool,
    reference: _Reference,
    problems: list[Problem],
) -> None:
    typed = table.typed
    wanted = pa.array([f for f in set(typed["figure_id"].dropna().tolist()) if isinstance(f, str)], pa.string())
    # Only the fact rows that figure_sources.csv names are looked at: the fact tables may hold millions.
    main: dict[str, tuple[object, str, int]] = {}
    for part, ids in enumerate(keys.ids):
        array = ids.astype("string").array.__arrow_array__()
        named = np.flatnonzero(pc.fill_null(pc.is_in(array, value_set=wanted), False).to_numpy())
        if len(named):
            for f, s, line in zip(
                ids.iloc[named].tolist(), keys.cells(part, "source_id", named), keys.lines[part][named].tolist()
            ):
                main.setdefault(f, (s, keys.files[part], line))
    known_figures = set(main).union(*(t.loose_keys for t in facts)) if facts_complete else None
    _check_references(
        table,
        [
            ("figure_id", known_figures, "any fact file (budgets, firms, personnel, outcomes)"),
            ("source_id", reference.source_ids, "sources.csv"),
        ],
        problems,
    )
    pair = typed[["figure_id", "source_id"]]
    complete = pair.notna().all(axis=1)
    repeated = (pair.duplicated(keep="first") & complete).to_numpy(dtype=bool)
    if repeated.any():
        first: dict[tuple, int] = {}
        involved = (pair.duplicated(keep=False) & complete).to_numpy(dtype=bool)
        for f, s, line in zip(
            pair["figure_id"][involved].tolist(), pair["source_id"][involved].tolist(), table.lines[involved].tolist()
        ):
            first.setdefault((f, s), line)
        table.report(
            problems,
            repeated,
            lambda f, s: f"figure_id {shown(f)} with source_id {shown(s)} is already listed at line {first[(f, s)]}",
            "figure_id",
            "source_id",
        )
    same = np.array(
        [
            isinstance(s, str) and isinstance(main.get(f, (None,))[0], str) and main[f][0] == s
            for f, s in zip(typed["figure_id"].tolist(), typed["source_id"].tolist())
        ],
        dtype=bool,
    )
    table.report(
        problems,
        same,
        lambda f, s: (
            f"source_id {shown(s)} is already the main source of figure_id {shown(f)} ({main[f][1]}:{main[f][2]})"
        ),
        "figure_id",
        "source_id",
    )


# -------------------------------------------------------------------------------------------- public API


def _typed_or_empty(table: _Table | None, name: str) -> pd.DataFrame:
    columns = schema.TABLES[name]
    if table is None or table.typed is None:
        return pd.DataFrame({c.name: _typed_empty(c, 0) for c in columns})
    return table.typed


def _refused_file(data_dir: Path, path: Path, file: str) -> Problem | None:
    """A one-line problem for a data file that must not be read: a link leading out of the folder, a folder, a
    pipe or device, a file over MAX_FILE_BYTES (refused by its size alone), a binary file. Named by `file` (its
    name in the folder), never by an absolute path or a line of its content. None when the file may be read (or
    is missing: that is reported where it is read)."""
    try:
        if not os.path.lexists(path):
            return None
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                return Problem(file, None, "is a link to a file that does not exist")
            if not target.is_relative_to(data_dir.resolve()):
                return Problem(
                    file, None, "is a link to a file outside the data folder; copy the file into the folder instead"
                )
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return Problem(file, None, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            return Problem(file, None, "is not a regular file (a pipe, socket or device)")
        if info.st_size > MAX_FILE_BYTES:
            return Problem(
                file,
                None,
                f"is {_size(info.st_size)}; a data file may be at most {_size(MAX_FILE_BYTES)}, so it was not read",
            )
        with path.open("rb") as handle:
            start = handle.read(16)
        for magic, kind in _BINARY_STARTS:
            if start.startswith(magic):
                return Problem(file, None, f"is not a CSV text file: it looks like {kind}")
    except OSError as error:
        return Problem(file, None, f"cannot be read ({error.strerror or type(error).__name__})")
    return None


def _size(size: int) -> str:
    """Bytes in the largest unit that reads well: 3.0 GB, 512.0 MB, 2,048 bytes."""
    if size >= 1024**3:
        return f"{size / 1024**3:,.1f} GB"
    if size >= 1024**2:
        return f"{size / 1024**2:,.1f} MB"
    return f"{size:,} bytes"


def _decoded(raw: bytes, file: str, problems: list[Problem]) -> str | None:
    text, problem = decode(raw, file)
    if problem:
        problems.append(problem)
    return text


def _read_raw(path: Path, file: str, problems: list[Problem]) -> bytes | None:
    if not path.is_file():
        problems.append(Problem(file, None, "file is missing"))
        return None
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(file, None, f"cannot be read ({error.strerror or type(error).__name__})"))
        return None
    if not raw:
        problems.append(Problem(file, None, "file is empty (no header line)"))
        return None
    return raw


def _guarded(file: str, problems: list[Problem], work, *args):
    # Last line of defence: a bug here must show up as a problem line, never as a crash at app start-up.
    try:
        return work(*args)
    except Exception as error:  # noqa: BLE001 - the validator must never raise
        problems.append(
            Problem(file, None, f"could not be fully checked (internal error: {type(error).__name__}: {shown(error)})")
        )
        return None


class Sink(Protocol):
    """Where read_tables hands each table as soon as its file is checked (see read_tables); must not raise."""

    def add(self, table: str, frame: pd.DataFrame) -> None:
        """Typed rows of `table` (schema columns); a fact table comes in several batches, in file order."""

    def discard(self, table: str) -> None:
        """Forget every row of `table` added so far: its file is being read again, the careful way."""


def _reference(tables: dict[str, _Table | None]) -> _Reference:
    """What fact rows are checked against, from hubs, metrics and sources (read before any fact file)."""
    hubs, metrics, sources = tables.get("hubs"), tables.get("metrics"), tables.get("sources")
    reference = _Reference(
        hub_ids=_ids(hubs.typed if hubs else None, "hub_id", hubs.loose_keys if hubs else set()),
        metric_ids=_ids(metrics.typed if metrics else None, "metric", metrics.loose_keys if metrics else set()),
        source_ids=_ids(sources.typed if sources else None, "source_id", sources.loose_keys if sources else set()),
    )
    reference.metric_unit, reference.metric_family = _metric_maps(metrics.typed if metrics else None)
    return reference


def _check_part(
    name: str,
    file: str,
    reference: _Reference | None,
    keys: _FigureKeys,
    sink: Sink | None,
    table: _Table,
    found: list[Problem],
) -> None:
    """A file's own checks on `table` (all of it or a batch): cells; for a fact file (`reference` given) ids,
    units and families, then its keys are kept; last, the rows go to the sink."""
    _guarded(file, found, _check_cells, table, found)
    if table.typed is None:
        return
    if reference is not None:
        _guarded(file, found, _check_facts, table, name, reference, found)
        _guarded(file, found, keys.add, table.typed, file, table.lines, True)
    if sink is not None:
        sink.add(name, table.typed)
        if reference is not None:
            table.typed = pd.DataFrame()  # handed on: only the keys are kept of a fact file


def _read_all(
    data_dir: Path, problems: list[Problem], sink: Sink | None = None
) -> tuple[dict[str, _Table | None], _Reference, _FigureKeys]:
    """Read and check one file at a time: its own cells, then (fact files) its ids against the reference.

    What the cross-file checks need of a fact file is kept in `_FigureKeys`; with a sink, each batch of a
    fact file goes to the sink and nothing else of it is kept, so no file is ever held in full.
    """
    tables: dict[str, _Table | None] = {}
    reference: _Reference | None = None
    keys = _FigureKeys()
    for name in schema.TABLE_ORDER:
        file = schema.file_name(name)
        path = data_dir / file
        fact = name in schema.FAMILIES
        if fact:
            # TABLE_ORDER puts hubs, metrics and sources first, so the reference is complete here.
            reference = reference or _reference(tables)
        check = functools.partial(_check_part, name, file, reference if fact else None, keys, sink)
        refused = _refused_file(data_dir, path, file)
        if refused is not None:
            problems.append(refused)
            tables[name] = None
            continue
        mark = keys.mark()
        table = _fast_table(name, file, path, problems, check) if path.is_file() else None
        if table is None:
            keys.rollback(mark)
            if sink is not None:
                sink.discard(name)
            raw = _read_raw(path, file, problems)
            text = None if raw is None else _decoded(raw, file, problems)
            raw = None  # the text replaces the bytes: do not hold both for the whole parse
            table = None if text is None else _guarded(file, problems, _load_table, name, file, text, problems)
            text = None
            if table is not None:
                check(table, problems)
                if table.typed is None:
                    table = None
        if table is not None and sink is not None and fact:
            table.typed = None
        # Arrow's allocator keeps freed blocks for reuse by Arrow alone; numpy and DuckDB allocate elsewhere,
        # so what this file no longer needs is handed back before the next one is read.
        pa.default_memory_pool().release_unused()
        tables[name] = table
    return tables, reference or _reference(tables), keys


def _check_all(
    tables: dict[str, _Table | None], reference: _Reference, keys: _FigureKeys, problems: list[Problem]
) -> None:
    for name, key in _KEYS.items():
        table = tables[name]
        if table is None:
            continue
        if key in table.present:
            _report_repeats(table, key, problems)
        if len(table.lines) == 0 and not table.loose_keys:
            problems.append(Problem(table.file, None, "has no rows after the header"))
    hubs = tables["hubs"]
    if hubs is not None:
        _guarded(hubs.file, problems, _check_hubs, hubs, problems)
    facts = [tables[f] for f in schema.FAMILIES if tables[f] is not None]
    _guarded(schema.file_name(schema.FAMILIES[0]), problems, _check_figure_repeats, keys, problems)
    extra = tables["figure_sources"]
    if extra is not None:
        complete = len(facts) == len(schema.FAMILIES) and all("figure_id" in f.present for f in facts)
        _guarded(extra.file, problems, _check_figure_sources, extra, keys, facts, complete, reference, problems)


def read_tables(data_dir, sink: Sink | None = None) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every contract table as a typed DataFrame (schema column order), plus every problem found, sorted.

    VARCHAR -> "string", INTEGER -> "Int64", DOUBLE -> "float64"; empty cells are missing values. Rows with the
    wrong number of cells are left out. Use the frames only when the problem list is empty.

    With `sink` (see Sink), each table goes to `sink.add` as soon as its own file is checked, a fact table in
    batches of rows, and the returned dict is empty: of a fact file only what the cross-file checks need is
    kept, so the data is never held whole. Those checks come last: if problems come back, drop what the sink
    got. A file first read the fast way and then found unusual is read again, after `sink.discard`.
    """
    problems: list[Problem] = []
    directory = Path(data_dir)
    tables: dict[str, _Table | None] = {name: None for name in schema.TABLES}
    try:
        if not directory.is_dir():
            problems.append(Problem(str(data_dir), None, "no such folder"))
        else:
            tables, reference, keys = _read_all(directory, problems, sink)
            _check_all(tables, reference, keys, problems)
    except Exception as error:  # noqa: BLE001 - the validator must never raise
        problems.append(
            Problem(
                str(data_dir),
                None,
                f"could not be fully checked (internal error: {type(error).__name__}: {shown(error)})",
            )
        )
    if sink is not None:
        return {}, sort_problems(problems)
    frames = {name: _typed_or_empty(tables.get(name), name) for name in schema.TABLES}
    return frames, sort_problems(problems)


def validate_dir(data_dir) -> list[Problem]:
    """Every problem in the data folder, in file order then line order; empty when the data is valid."""
    return read_tables(data_dir)[1]


def validate_facts_text(
    text: str, file: str, reference: dict[str, pd.DataFrame]
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Check one fact-table CSV text (e.g. an upload named `file`) against already-valid tables.

    `reference` holds typed frames as returned by read_tables: hubs, metrics and sources (checks against a
    table that is absent are skipped) and any fact tables whose figure_ids and figures must not be repeated.
    The metric's family is checked only when `file` is one of the four family file names. Returns the typed
    frame (schema columns) only when there are no problems, else None.
    """
    problems: list[Problem] = []
    try:
        if not isinstance(text, str):
            return None, [Problem(file, None, "is not text")]
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return None, [Problem(file, None, "contains characters that are not valid Unicode")]
        if text.startswith("\ufeff"):
            text = text[1:]
        family = file[:-4] if file in _FACT_FILES else None
        table = _load_table(family or _UPLOAD, file, text, problems)
        if table is None:
            return None, sort_problems(problems)
        _check_cells(table, problems)
        frames = {k: v for k, v in (reference or {}).items() if isinstance(v, pd.DataFrame)}
        result = _Reference(
            hub_ids=_ids(frames.get("hubs"), "hub_id"),
            metric_ids=_ids(frames.get("metrics"), "metric"),
            source_ids=_ids(frames.get("sources"), "source_id"),
            figures=[(schema.file_name(f), frames[f]) for f in schema.FAMILIES if f in frames],
        )
        result.metric_unit, result.metric_family = _metric_maps(frames.get("metrics"))
        _check_facts(table, family, result, problems)
        keys = _FigureKeys()
        for figures_file, frame in result.figures:
            keys.add(frame, figures_file, None, own=False)
        keys.add(table.typed, table.file, table.lines, own=True)
        _check_figure_repeats(keys, problems)
    except Exception as error:  # noqa: BLE001 - the validator must never raise
        problems.append(
            Problem(file, None, f"could not be fully checked (internal error: {type(error).__name__}: {shown(error)})")
        )
    if problems:
        return None, sort_problems(problems)
    return table.typed, []


def summary(data_dir, tables: dict[str, pd.DataFrame]) -> str:
    """The one-line report of a valid folder, e.g. `OK: 1,234 figures, 13 hubs, 98 sources (data/)`."""
    figures = sum(len(tables[f]) for f in schema.FAMILIES)
    where = str(data_dir).rstrip("/") + "/"
    return f"OK: {figures:,} figures, {len(tables['hubs']):,} hubs, {len(tables['sources']):,} sources ({where})"


def main(argv: list[str] | None = None) -> int:
    """Command line: print every problem (exit 1) or one summary line (exit 0)."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.validate", description="Check the dashboard's CSV data folder against the contract."
    )
    parser.add_argument(
        "data_dir",
        nargs="?",
        default=None,
        help="folder holding the CSV files (default: $HUBS_DATA_DIR when set, else data/)",
    )
    args = parser.parse_args(argv)
    if not args.data_dir:  # the same folder the app reads (dashboard.data.data_dir)
        args.data_dir = os.environ.get("HUBS_DATA_DIR") or "data/"
    for stream in (sys.stdout, sys.stderr):
        # Messages quote Korean text; a C/ASCII locale must not turn that into a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    tables, problems = read_tables(args.data_dir)
    for problem in problems:
        print(problem)
    # Then the labels: words of a quote that contradict its row's kind, period or value (dashboard/label_lint.py).
    # Not while a file is refused unread (a pipe would hang the linter's reading, a file of GBs fill memory).
    refused = _refused_among(args.data_dir)
    if refused:
        for problem in refused:
            if problem not in problems:
                print(problem)  # the label review file, which read_tables does not read
        return 1
    labels = _lint_labels(args.data_dir)
    if problems or labels.failed:
        for line in labels.lines():
            print(line)
        return 1
    print(summary(args.data_dir, tables))
    if labels.acknowledged:
        print(f"labels: {len(labels.acknowledged):,} findings acknowledged in {labels.review_file}")
    for line in labels.lines():
        print(line)  # stale acknowledgements only: a warning, not a failure
    return 0


def _refused_among(data_dir) -> list[Problem]:
    """The contract files and the label review file that _refused_file refuses (a link out, a folder, a pipe,
    a file too big, a binary file)."""
    directory = Path(data_dir)
    if not directory.is_dir():
        return []
    names = [schema.file_name(t) for t in schema.TABLES] + ["label_review.csv"]
    found = (_refused_file(directory, directory / name, name) for name in names)
    return [problem for problem in found if problem is not None]


def _lint_labels(data_dir):
    """The label linter's report on the folder; an internal error becomes a reported problem, never a traceback."""
    from dashboard import label_lint  # only the command line lints labels: the app's load never imports it

    try:
        return label_lint.check(data_dir)
    except Exception as error:  # noqa: BLE001 - the validator must never raise
        return label_lint.Report(
            review_problems=[
                f"{data_dir}: labels could not be checked (internal error: {type(error).__name__}: {shown(error)})"
            ]
        )


if __name__ == "__main__":
    sys.exit(main())
