"""A contract file read with the one CSV reader: header checked, rows of the wrong shape reported, cells by line."""

from __future__ import annotations

import contextlib
import difflib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard import schema
from dashboard.validate import csv_reader
from dashboard.validate.problems import Problem, keyed, shown

KEYS = {"hubs": "hub_id", "sources": "source_id", "metrics": "metric"}
UPLOAD = "upload"  # table name for a fact file that is not one of the four family files


@dataclass
class Table:
    """One CSV file (or a batch of its rows) read against its contract columns; `raw` holds the text cells of
    well-formed rows, `lines` their physical lines.

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

    def report(self, problems: list[Problem], mask, make_message, *columns: str) -> None:
        """Add one problem per row where `mask` is true; `make_message` gets that row's `columns` values."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        rows = np.flatnonzero(mask)
        cells = self.raw if self.raw is not None else self.typed
        values = [cells[c].iloc[rows].tolist() if c in cells else [None] * len(rows) for c in columns]
        for position, row in enumerate(rows):
            said = make_message(*(v[position] for v in values))
            line = int(self.lines[row])
            # A message is text, or (key, params) of a string in dashboard/strings/.
            problems.append(
                keyed(self.file, line, said[0], **said[1])
                if isinstance(said, tuple)
                else Problem(self.file, line, said)
            )


def check_header(header: list[str], columns: tuple[schema.Column, ...], file: str, problems: list[Problem]) -> None:
    """Missing, repeated and unknown columns (with a close known name as a hint), all on line 1."""
    expected = [c.name for c in columns]
    missing = [name for name in expected if name not in header]
    for name in (c.name for c in columns if c.name in missing and not c.may_be_absent):
        problems.append(keyed(file, 1, "check.missing_column", column=shown(name)))
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(keyed(file, 1, "check.column_twice", column=shown(name)))
        elif name not in expected:
            close = difflib.get_close_matches(name, missing, n=1) if len(name) <= 100 else []
            if close:
                problems.append(keyed(file, 1, "check.unknown_column_close", column=shown(name), close=shown(close[0])))
            else:
                problems.append(keyed(file, 1, "check.unknown_column", column=shown(name)))
        seen.add(name)


def reader_problem(file: str, line: int, key: str) -> Problem:
    """The problem the CSV reader found with a record (key: csv_reader.TEXT_AFTER_QUOTE, …)."""
    if key == csv_reader.TOO_LONG:
        return keyed(file, line, key, limit=f"{csv_reader.FIELD_SIZE_LIMIT:,}")
    return keyed(file, line, key)


class _Reading:
    """The state of reading one file: its header once found, the rows so far, what was reported."""

    def __init__(self, name: str, file: str, found: list[Problem], check: Callable[[Table, list[Problem]], None]):
        self.name, self.file, self.found, self.check = name, file, found, check
        self.columns = schema.TABLES.get(name, schema.FACT_COLUMNS)
        self.batched = name in schema.FAMILIES or name == UPLOAD
        self.header: list[str] | None = None
        self.unreadable_header = False
        self.position: dict[str, int] = {}
        self.loose: set[str] = set()
        self.parts: list[tuple[pa.Table, np.ndarray]] = []  # unchecked rows of a file checked whole
        self.rows = 0
        self.body_records = 0
        self.failed = False
        self.last: Table | None = None

    def add(self, records: csv_reader.Records) -> None:
        if records.nul_line is not None:
            self.found.append(keyed(self.file, records.nul_line, "check.nul"))
        self.found.extend(reader_problem(self.file, line, key) for line, key in records.errors)
        first = 0
        if self.header is None and not self.unreadable_header:
            if not len(records.lines):
                return
            first = 1
            if records.cells[0] == csv_reader.ERROR:
                self.unreadable_header = True
            else:
                self._set_header(records.parse(np.array([0]), int(records.cells[0])).to_pylist()[0])
        if self.header is None:
            return  # only the reader's own problems are reported after an unreadable header
        body = np.arange(first, len(records.lines))
        self.body_records += len(body)
        cells = records.cells[body]
        width = len(self.header)
        ragged = body[(cells != width) & (cells != csv_reader.ERROR)]
        if len(ragged):
            self._ragged(records, ragged, width)
        self._rows(records, body[cells == width])

    def _set_header(self, cells: dict) -> None:
        self.header = list(cells.values())
        for at, column_name in enumerate(self.header):
            self.position.setdefault(column_name, at)

    def _ragged(self, records: csv_reader.Records, rows: np.ndarray, width: int) -> None:
        key = KEYS.get(self.name, "figure_id")
        key_at = self.header.index(key) if key in self.header else None
        for count in np.unique(records.cells[rows]).tolist():
            group = rows[records.cells[rows] == count]
            parsed = records.parse(group, count)
            if key_at is not None and key_at < count:
                self.loose.update(parsed.column(key_at).to_pylist())
            key = "check.row_cells" if count != 1 else "check.row_cell"
            for line in records.lines[group].tolist():
                self.found.append(keyed(self.file, line, key, cells=f"{count:,}", width=width))

    def _rows(self, records: csv_reader.Records, rows: np.ndarray) -> None:
        parsed = records.parse(rows, len(self.header))
        lines = records.lines[rows]
        repeated = self._repeated_header(parsed)
        if repeated is not None:
            for line in lines[repeated].tolist():
                self.found.append(keyed(self.file, line, "check.header_repeated"))
            parsed, lines = parsed.filter(pa.array(~repeated)), lines[~repeated]
        if self.batched:
            self._check(parsed, lines)
        else:
            self.parts.append((parsed, lines))

    def _repeated_header(self, parsed: pa.Table) -> np.ndarray | None:
        """Which rows repeat the header cell for cell, or None for none."""
        if not parsed.num_rows:
            return None
        same = pc.equal(parsed.column(0), self.header[0])
        if not pc.any(same).as_py():
            return None
        for at in range(1, parsed.num_columns):
            same = pc.and_(same, pc.equal(parsed.column(at), self.header[at]))
        repeated = same.to_numpy(zero_copy_only=False)
        return repeated if repeated.any() else None

    def _check(self, parsed: pa.Table, lines: np.ndarray) -> None:
        count = parsed.num_rows
        raw = pd.DataFrame(
            {
                c.name: pd.arrays.ArrowStringArray(
                    parsed.column(self.position[c.name]) if c.name in self.position else pa.nulls(count, pa.string())
                )
                for c in self.columns
            }
        )
        parsed = None
        table = Table(self.name, self.file, self.columns, raw, lines, self.present, self.loose)
        raw = None
        self.rows += count
        self.check(table, self.found)
        self.failed |= table.typed is None
        self.last = table
        # Arrow's allocator keeps what a batch freed for Arrow alone (numpy and DuckDB allocate elsewhere);
        # handing it back after each batch lowers the peak.
        pa.default_memory_pool().release_unused()

    @property
    def present(self) -> frozenset[str]:
        return frozenset(self.position) & {c.name for c in self.columns}

    def finish(self) -> Table | None:
        blank = self.header is not None and not "".join(self.header).strip() and not self.body_records
        if self.header is None or blank:
            if not self.unreadable_header:
                self.found.append(keyed(self.file, None, "check.file_empty"))
            return None
        check_header(self.header, self.columns, self.file, self.found)
        if not self.batched:
            tables = [part for part, _ in self.parts]
            parsed = pa.concat_tables(tables) if tables else records_free_table(len(self.header))
            lines = np.concatenate([lines for _, lines in self.parts]) if self.parts else np.zeros(0, np.int64)
            self.parts = []
            self._check(parsed, lines)
        elif not self.rows:
            self._check(records_free_table(len(self.header)), np.zeros(0, np.int64))
        if self.failed:
            return None
        if self.batched:  # its rows went to `check` batch by batch: what is left is what the cross-file checks need
            return Table(self.name, self.file, self.columns, None, np.zeros(0, np.int64), self.present, self.loose)
        return self.last


def records_free_table(width: int) -> pa.Table:
    """A table of `width` text columns and no rows."""
    return pa.table({f"c{i}": pa.array([], pa.string()) for i in range(width)})


def read_table(
    name: str, file: str, stream: BinaryIO, found: list[Problem], check: Callable[[Table, list[Problem]], None]
) -> Table | None:
    """Read `stream` as table `name`, reporting to `found`; each batch of rows goes to `check` (a fact file in
    batches, any other file whole). None when the file has no readable header or a check failed.

    Raises csv_reader.Utf8Error when the bytes are not UTF-8 (the caller words it from the whole file).
    """
    reading = _Reading(name, file, found, check)
    with contextlib.closing(csv_reader.parsed_blocks(stream)) as parsed:  # its worker stops before `stream` closes
        for records in parsed:
            reading.add(records)
    return reading.finish()


def read_records(text: str, file: str, problems: list[Problem]) -> tuple[list[list[str] | None], list[int]]:
    """Every record of CSV `text` as its cells (None where one could not be read: reported to `problems`) and the
    physical line it starts on; blank lines hold no record."""
    records: list[list[str] | None] = []
    starts: list[int] = []
    for block in csv_reader.blocks(io.BytesIO(text.encode("utf-8"))):
        problems.extend(reader_problem(file, line, key) for line, key in block.errors)
        rows: list[list[str] | None] = [None] * len(block.lines)
        for count in np.unique(block.cells).tolist():
            if count == csv_reader.ERROR:
                continue
            group = np.flatnonzero(block.cells == count)
            parsed = block.parse(group, count)
            for at, cells in zip(group.tolist(), zip(*(column.to_pylist() for column in parsed.columns))):
                rows[at] = list(cells)
        records += rows
        starts += block.lines.tolist()
    return records, starts
