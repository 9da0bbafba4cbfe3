"""The one CSV reader: finds each record and its physical line in the bytes (numpy), parses the cells with Arrow."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

# A quote cell is a sentence or a paragraph; 16 MiB per cell is far above any real one and still bounded.
FIELD_SIZE_LIMIT = 16 * 1024 * 1024
# After this many unreadable rows the rest of a file is noise (usually one stray quote), so reading stops.
MAX_PARSE_ERRORS = 100
# Bytes of a file read, split into records and parsed at once: memory is bounded by the block, not the file.
BLOCK_BYTES = 1 << 22

_QUOTE, _COMMA, _LF, _CR = 0x22, 0x2C, 0x0A, 0x0D
_UNQUOTED_END = re.compile(rb"[,\r\n]")
# What is wrong with an unreadable record: the key of its message in dashboard/strings/.
TEXT_AFTER_QUOTE = "check.text_after_quote"
NEVER_CLOSED = "check.never_closed"
TOO_LONG = "check.cell_too_long"
TOO_MANY = "check.too_many_unreadable"
ERROR = -1  # the cell count of a record that could not be read


class Utf8Error(Exception):
    """The bytes are not UTF-8 (found while parsing): the caller words it from the whole file (validate.decode)."""


@dataclass
class Records:
    """The records of one block, in file order: physical start line, byte span in `data`, number of cells
    (ERROR for one that could not be read); `errors` holds (line, what is wrong: TEXT_AFTER_QUOTE, …) of the
    unreadable ones."""

    data: bytes
    lines: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    cells: np.ndarray
    multiline: bool
    errors: list[tuple[int, str]] = field(default_factory=list)
    nul_line: int | None = None
    # Per number of cells: the records with that many (indexes) and their cells, parsed ahead by `parse_all`.
    parsed: dict[int, tuple[np.ndarray, pa.Table]] = field(default_factory=dict)

    def parse(self, rows: np.ndarray, width: int) -> pa.Table:
        """Records `rows` (indexes, all with `width` cells) as a table of text columns c0, c1, …, parsed by Arrow."""
        if width in self.parsed:
            group, table = self.parsed[width]
            if len(rows) == len(group):
                return table
            return table.take(pa.array(np.searchsorted(group, rows)))
        return _parse(self, rows, width)

    def parse_all(self) -> Records:
        """Parse every record that could be read, grouped by its number of cells (see `parse`); returns self."""
        for width in np.unique(self.cells).tolist():
            if width != ERROR:
                group = np.flatnonzero(self.cells == width)
                self.parsed[width] = (group, _parse(self, group, width))
        return self


def _line_spans(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and content end (line break excluded) of every physical line: \\n, \\r\\n and a lone \\r end one."""
    n = len(arr)
    lf = np.flatnonzero(arr == _LF)
    cr = np.flatnonzero(arr == _CR)
    following = arr[np.minimum(cr + 1, n - 1)] if n else cr
    lone_cr = cr[(cr + 1 >= n) | (following != _LF)]
    breaks = np.sort(np.concatenate([lf, lone_cr]))
    content_end = breaks.copy()
    crlf = (arr[breaks] == _LF) & (breaks > 0) & (arr[np.maximum(breaks - 1, 0)] == _CR)
    content_end[crlf] -= 1
    starts = np.r_[0, breaks + 1]
    ends = np.r_[content_end, n]
    if len(breaks) and breaks[-1] == n - 1:
        starts, ends = starts[:-1], ends[:-1]  # nothing after the last line break
    return starts.astype(np.int64), ends.astype(np.int64)


def _simple_lines(arr: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per line: whether its quotes need no state beyond the line (every quoted cell opens and closes on it, no quote
    inside an unquoted cell, no cell over the size limit), and its number of cells when so."""
    lines = len(starts)
    simple = (ends - starts) <= FIELD_SIZE_LIMIT
    if not lines:
        return simple, np.zeros(0, dtype=np.int64)
    commas = np.flatnonzero(arr == _COMMA)
    # Commas before each line start; the next line's count minus this one's is the line's commas.
    cells = 1 + np.diff(np.r_[np.searchsorted(commas, starts), len(commas)])
    quotes = np.flatnonzero(arr == _QUOTE)
    if len(quotes) == 0:
        return simple, cells
    quote_line = np.searchsorted(starts, quotes, side="right") - 1
    line_first_quote = np.searchsorted(quotes, starts)  # index in `quotes` of each line's first quote
    # Commas from each quote to the next; those after a quote with an even number of quotes before it on its line
    # are inside a quoted cell (on a simple line the next quote, which closes the cell, is on the same line).
    opens = (np.arange(len(quotes)) - line_first_quote[quote_line]) % 2 == 0
    after_quote = np.diff(np.r_[np.searchsorted(commas, quotes), len(commas)])
    cells -= np.bincount(quote_line[opens], weights=after_quote[opens], minlength=lines).astype(np.int64)
    run_first = np.flatnonzero(np.r_[True, np.diff(quotes) != 1])  # index in `quotes` of each run's first quote
    run_start = quotes[run_first]
    run_length = np.diff(np.r_[run_first, len(quotes)])
    run_end = run_start + run_length
    line = quote_line[run_first]
    inside = ~opens[run_first]
    odd = run_length % 2 == 1
    field_start = (run_start == starts[line]) | (arr[np.maximum(run_start - 1, 0)] == _COMMA)
    field_end = (run_end >= ends[line]) | (arr[np.minimum(run_end, len(arr) - 1)] == _COMMA)
    closes = inside == odd  # inside and odd: escapes then the closing quote; outside and even: opened and closed
    bad = (~inside & ~field_start) | (closes & ~field_end)
    last_on_line = np.r_[line[1:] != line[:-1], True]
    bad |= last_on_line & (inside != odd)  # the line ends inside a quoted cell
    simple[line[bad]] = False
    return simple, cells


def _cell_too_long(data: bytes, start: int, end: int) -> bool:
    return end - start > FIELD_SIZE_LIMIT and len(data[start:end].decode("utf-8", "replace")) > FIELD_SIZE_LIMIT


def _quoted_cell_end(data: bytes, at: int) -> int | None:
    """The position of the quote closing the quoted cell that opens at `at`, or None when the data ends first."""
    at += 1
    while True:
        close = data.find(b'"', at)
        if close < 0:
            return None
        if close + 1 < len(data) and data[close + 1] == _QUOTE:
            at = close + 2  # a doubled quote inside the cell
            continue
        return close


def _record_at(data: bytes, at: int) -> tuple[int, int, str | None]:
    """The record starting at `at`, read as Python's csv module reads it (strict): (cells or ERROR, the position
    where it ends or the error is, message or None). A quoted cell still open at the end gives (ERROR, -1, None)."""
    cells = 0
    while True:
        cells += 1
        if at < len(data) and data[at] == _QUOTE:
            close = _quoted_cell_end(data, at)
            if close is None:
                return ERROR, -1, None
            if _cell_too_long(data, at + 1, close):
                return ERROR, close, TOO_LONG
            after = data[close + 1] if close + 1 < len(data) else _LF
            if after == _COMMA:
                at = close + 2
                continue
            if after in (_LF, _CR):
                return cells, close + 1, None
            return ERROR, close + 1, TEXT_AFTER_QUOTE
        found = _UNQUOTED_END.search(data, at)
        end = found.start() if found else len(data)
        if _cell_too_long(data, at, end):
            return ERROR, end, TOO_LONG
        if found and data[end] == _COMMA:
            at = end + 1
            continue
        return cells, end, None


@dataclass
class _Walk:
    """Records found so far in a block (parallel lists) and where the next one may start."""

    lines: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    cells: list[int] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    def add(self, line: int, start: int, end: int, cells: int) -> None:
        self.lines.append(line)
        self.starts.append(start)
        self.ends.append(end)
        self.cells.append(cells)


class Splitter:
    """Splits a CSV byte stream into records block by block, keeping the state between blocks (line number,
    errors so far, a record still open at a block's end)."""

    def __init__(self) -> None:
        self.line = 1  # physical line the next block starts on
        self.errors = 0
        self.stopped = False  # too many unreadable rows: nothing more is read
        self.nul_seen = False

    def split(self, data: bytes, last: bool) -> tuple[Records, int]:
        """The records of `data` (whole lines), and how many bytes at its end belong to a record still open
        (to be read again with the next block; 0 when `last`)."""
        arr = np.frombuffer(data, dtype=np.uint8)
        starts, ends = _line_spans(arr)
        simple, counts = _simple_lines(arr, starts, ends)
        walk, rest = _Walk(), len(data)
        if simple.all():
            keep = np.flatnonzero(ends > starts)  # blank lines hold no record
            walk.lines, walk.starts, walk.ends = (self.line + keep).tolist(), starts[keep].tolist(), ends[keep].tolist()
            walk.cells = counts[keep].tolist()
            consumed_lines = len(starts)
        else:
            rest, consumed_lines = self._walk(data, starts, ends, simple, counts, walk, last)
        records = Records(
            data,
            np.asarray(walk.lines, dtype=np.int64),
            np.asarray(walk.starts, dtype=np.int64),
            np.asarray(walk.ends, dtype=np.int64),
            np.asarray(walk.cells, dtype=np.int64),
            multiline=not simple.all(),
            errors=walk.errors,
        )
        nul = data.find(b"\x00", 0, rest)
        if nul >= 0 and not self.nul_seen:
            self.nul_seen = True
            records.nul_line = self.line + int(np.searchsorted(starts, nul, side="right")) - 1
        self.line += consumed_lines
        return records, len(data) - rest

    def _walk(self, data, starts, ends, simple, counts, walk: _Walk, last: bool) -> tuple[int, int]:
        """Line by line where a line needs the csv module's reading; returns (bytes used, lines used)."""
        index, lines = 0, len(starts)
        while index < lines and not self.stopped:
            if simple[index]:
                if ends[index] > starts[index]:
                    walk.add(self.line + index, int(starts[index]), int(ends[index]), int(counts[index]))
                index += 1
                continue
            cells, end, message = _record_at(data, int(starts[index]))
            if end < 0:
                if not last:
                    return int(starts[index]), index
                message, end = NEVER_CLOSED, len(data)
            last_line = int(np.searchsorted(starts, min(end, len(data) - 1), side="right")) - 1
            if message is None:
                walk.add(self.line + index, int(starts[index]), end, cells)
            else:
                self._error(walk, self.line + index, self.line + last_line, message)
            index = last_line + 1
        return len(data), index

    def _error(self, walk: _Walk, start_line: int, at_line: int, message: str) -> None:
        # Text after a closing quote is on the line being read; other errors belong to the row.
        line = at_line if message == TEXT_AFTER_QUOTE else start_line
        walk.errors.append((line, message))
        walk.add(start_line, 0, 0, ERROR)
        self.errors += 1
        if self.errors >= MAX_PARSE_ERRORS:
            walk.errors.append((at_line, TOO_MANY))
            self.stopped = True


def blocks(stream: BinaryIO, block_bytes: int | None = None) -> Iterator[Records]:
    """Every block of records of a CSV byte stream (a UTF-8 byte order mark at its start is skipped)."""
    size = block_bytes or BLOCK_BYTES
    splitter, carry, first = Splitter(), b"", True
    while not splitter.stopped:
        chunk = stream.read(size)
        if first:
            chunk, first = chunk.removeprefix(codecs.BOM_UTF8), False
        data = carry + chunk
        last = not chunk
        if not last:
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                carry = data  # no whole line yet
                continue
            data, carry = data[:cut], data[cut:]
        else:
            carry = b""
        if not data:
            return
        records, open_bytes = splitter.split(data, last)
        if open_bytes:
            carry = data[len(data) - open_bytes :] + carry
            size = max(size, len(carry))  # the open record and a whole block more, next time
        yield records
        if last:
            return


def _parse(records: Records, rows: np.ndarray, width: int) -> pa.Table:
    names = [f"c{i}" for i in range(width)]
    if len(rows) == 0:
        return pa.table({name: pa.array([], pa.string()) for name in names})
    starts, ends = records.starts[rows], records.ends[rows]
    data = records.data
    if int(rows[-1]) - int(rows[0]) + 1 == len(rows):
        # Consecutive records: between them only line breaks and blank lines, which Arrow skips.
        body = pa.py_buffer(data)[int(starts[0]) : int(ends[-1])]
    else:
        body = pa.py_buffer(b"\n".join(data[s:e] for s, e in zip(starts.tolist(), ends.tolist())))
    if body[:3] == codecs.BOM_UTF8:
        # Arrow drops a byte order mark at the start of what it reads; here it is a cell's text (the file's own
        # was skipped by `blocks`), so an empty line goes first, which Arrow skips.
        body = pa.py_buffer(b"\n" + body.to_pybytes())
    longest = int((ends - starts).max())
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(body),
            read_options=pa_csv.ReadOptions(column_names=names, block_size=max(1 << 20, 2 * longest + 2)),
            parse_options=pa_csv.ParseOptions(newlines_in_values=records.multiline, ignore_empty_lines=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as error:
        if "UTF8" in str(error):
            raise Utf8Error from None
        raise
    if table.num_rows != len(rows):
        raise RuntimeError(f"Arrow read {table.num_rows} rows where {len(rows)} records were found")
    return table


def parsed_blocks(stream: BinaryIO) -> Iterator[Records]:
    """`blocks` of `stream`, each already parsed (Records.parse_all), the next one read and parsed on a worker
    thread while the caller checks the current one (numpy and Arrow let go of the interpreter lock)."""
    source = blocks(stream)

    def next_block() -> Records | None:
        records = next(source, None)
        return None if records is None else records.parse_all()

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="csv-read") as worker:
        coming = worker.submit(next_block)
        while True:
            records = coming.result()
            if records is None:
                return
            coming = worker.submit(next_block)
            yield records
