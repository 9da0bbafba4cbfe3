"""Checking a data folder or one uploaded fact file: each file read once, checked in batches, handed to a sink."""

from __future__ import annotations

import codecs
import functools
import io
from pathlib import Path
from typing import Protocol

import pandas as pd
import pyarrow as pa

from dashboard import schema
from dashboard.validate import csv_reader
from dashboard.validate.cells import check_cells, report_repeats, typed_empty
from dashboard.validate.cross_file import FigureKeys, check_figure_repeats, check_figure_sources
from dashboard.validate.facts import Reference, check_facts, ids, metric_maps
from dashboard.validate.files import decode, refused_file
from dashboard.validate.hubs import check_hubs
from dashboard.validate.problems import Problem, guarded, internal_error, keyed, sort_problems
from dashboard.validate.table import KEYS, UPLOAD, Table, read_table

_FACT_FILES = frozenset(schema.file_name(f) for f in schema.FAMILIES)


class Sink(Protocol):
    """Where read_tables hands each table's typed rows as soon as its file is checked; must not raise."""

    def add(self, table: str, frame: pd.DataFrame) -> None:
        """Typed rows of `table` (schema columns); a fact table comes in several batches, in file order."""


class Frames:
    """A sink that keeps every table's rows, for read_tables without a sink of its own."""

    def __init__(self) -> None:
        self.parts: dict[str, list[pd.DataFrame]] = {}

    def add(self, table: str, frame: pd.DataFrame) -> None:
        self.parts.setdefault(table, []).append(frame)

    def frame(self, table: str) -> pd.DataFrame:
        """The rows of `table` as one frame (schema columns and types; no rows when it had none)."""
        parts = self.parts.get(table)
        if not parts:
            return pd.DataFrame({c.name: typed_empty(c, 0) for c in schema.TABLES.get(table, schema.FACT_COLUMNS)})
        return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)


def _reference(tables: dict[str, Table | None]) -> Reference:
    """What fact rows are checked against, from hubs, metrics and sources (read before any fact file)."""
    hubs, metrics, sources = tables.get("hubs"), tables.get("metrics"), tables.get("sources")
    reference = Reference(
        hub_ids=ids(hubs.typed if hubs else None, "hub_id", hubs.loose_keys if hubs else set()),
        metric_ids=ids(metrics.typed if metrics else None, "metric", metrics.loose_keys if metrics else set()),
        source_ids=ids(sources.typed if sources else None, "source_id", sources.loose_keys if sources else set()),
    )
    reference.metric_unit, reference.metric_family = metric_maps(metrics.typed if metrics else None)
    return reference


def _check_part(
    name: str, reference: Reference | None, keys: FigureKeys, sink: Sink, table: Table, found: list[Problem]
) -> None:
    """A file's own checks on `table` (all of it or a batch): cells; for a fact file (`reference` given) ids,
    units and families, then its keys are kept; last, the rows go to the sink."""
    guarded(table.file, found, check_cells, table, found)
    if table.typed is None:
        return
    if reference is not None:
        guarded(table.file, found, check_facts, table, name, reference, found)
        guarded(table.file, found, keys.add, table.typed, table.file, table.lines, True)
    sink.add(name, table.typed)
    if reference is not None:
        table.typed = pd.DataFrame()  # handed on: only the keys are kept of a fact file


def _read_file(path: Path, name: str, problems: list[Problem], keys: FigureKeys, check) -> Table | None:
    """One contract file read and checked (see read_table); a file that is not UTF-8 gets one problem saying so."""
    file = schema.file_name(name)
    if not path.is_file():
        problems.append(keyed(file, None, "check.file_missing"))
        return None
    found: list[Problem] = []
    mark = keys.mark()
    try:
        with path.open("rb") as stream:
            start = stream.read(4)
            if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                problems.append(decode(start, file)[1])
                return None
            stream.seek(0)
            table = read_table(name, file, stream, found, check)
    except csv_reader.Utf8Error:
        keys.rollback(mark)  # what the sink got is dropped with the rest when problems come back
        problems.append(decode(path.read_bytes(), file)[1] or Problem(file, None, "not UTF-8; save the file as UTF-8"))
        return None
    except OSError as error:
        problems.append(keyed(file, None, "check.cannot_read", reason=error.strerror or type(error).__name__))
        return None
    problems.extend(found)
    return table


def _read_all(
    data_dir: Path, problems: list[Problem], sink: Sink
) -> tuple[dict[str, Table | None], Reference, FigureKeys]:
    """Read and check one file at a time: its own cells, then (fact files) its ids against the reference.

    What the cross-file checks need of a fact file is kept in `FigureKeys`; each batch of a fact file goes to
    the sink and nothing else of it is kept, so no file is ever held in full.
    """
    tables: dict[str, Table | None] = {}
    reference: Reference | None = None
    keys = FigureKeys()
    for name in schema.TABLE_ORDER:
        path = data_dir / schema.file_name(name)
        fact = name in schema.FAMILIES
        if fact:
            # TABLE_ORDER puts hubs, metrics and sources first, so the reference is complete here.
            reference = reference or _reference(tables)
        refused = refused_file(data_dir, path, schema.file_name(name))
        if refused is not None:
            problems.append(refused)
            tables[name] = None
            continue
        check = functools.partial(_check_part, name, reference if fact else None, keys, sink)
        tables[name] = guarded(schema.file_name(name), problems, _read_file, path, name, problems, keys, check)
        # Arrow's allocator keeps freed blocks for reuse by Arrow alone; numpy and DuckDB allocate elsewhere,
        # so what this file no longer needs is handed back before the next one is read.
        pa.default_memory_pool().release_unused()
    return tables, reference or _reference(tables), keys


def _check_all(
    tables: dict[str, Table | None], reference: Reference, keys: FigureKeys, problems: list[Problem]
) -> None:
    for name, key in KEYS.items():
        table = tables[name]
        if table is None:
            continue
        if key in table.present:
            report_repeats(table, key, problems)
        if len(table.lines) == 0 and not table.loose_keys:
            problems.append(keyed(table.file, None, "check.no_rows"))
    hubs = tables["hubs"]
    if hubs is not None:
        guarded(hubs.file, problems, check_hubs, hubs, problems)
    facts = [tables[f] for f in schema.FAMILIES if tables[f] is not None]
    guarded(schema.file_name(schema.FAMILIES[0]), problems, check_figure_repeats, keys, problems)
    extra = tables["figure_sources"]
    if extra is not None:
        complete = len(facts) == len(schema.FAMILIES) and all("figure_id" in f.present for f in facts)
        guarded(extra.file, problems, check_figure_sources, extra, keys, facts, complete, reference, problems)


def read_tables(data_dir, sink: Sink | None = None) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every contract table as a typed DataFrame (schema column order), plus every problem found, sorted.

    VARCHAR -> "string", INTEGER -> "Int64", DOUBLE -> "float64"; empty cells are missing values. Rows with the
    wrong number of cells are left out. Use the frames only when the problem list is empty.

    With `sink` (see Sink), each table goes to `sink.add` as soon as its own file is checked, a fact table in
    batches of rows, and the returned dict is empty: of a fact file only what the cross-file checks need is
    kept, so the data is never held whole. Those checks come last: if problems come back, drop what the sink got.
    """
    problems: list[Problem] = []
    directory = Path(data_dir)
    frames = Frames() if sink is None else None
    try:
        if not directory.is_dir():
            problems.append(keyed(str(data_dir), None, "check.no_folder"))
        else:
            tables, reference, keys = _read_all(directory, problems, sink or frames)
            _check_all(tables, reference, keys, problems)
    except Exception as error:  # noqa: BLE001 - the validator must never raise
        problems.append(internal_error(str(data_dir), error))
    if frames is None:
        return {}, sort_problems(problems)
    return {name: frames.frame(name) for name in schema.TABLES}, sort_problems(problems)


def validate_dir(data_dir) -> list[Problem]:
    """Every problem in the data folder, in file order then line order; empty when the data is valid."""
    return read_tables(data_dir)[1]


def _upload_reference(reference: dict[str, pd.DataFrame] | None) -> Reference:
    frames = {k: v for k, v in (reference or {}).items() if isinstance(v, pd.DataFrame)}
    result = Reference(
        hub_ids=ids(frames.get("hubs"), "hub_id"),
        metric_ids=ids(frames.get("metrics"), "metric"),
        source_ids=ids(frames.get("sources"), "source_id"),
        figures=[(schema.file_name(f), frames[f]) for f in schema.FAMILIES if f in frames],
    )
    result.metric_unit, result.metric_family = metric_maps(frames.get("metrics"))
    return result


def _check_upload_part(family, reference: Reference, keys: FigureKeys, rows: Frames, table: Table, found) -> None:
    check_cells(table, found)
    check_facts(table, family, reference, found)
    keys.add(table.typed, table.file, table.lines, own=True)
    rows.add(UPLOAD, table.typed)


def validate_facts_text(
    text: str, file: str, reference: dict[str, pd.DataFrame]
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Check one fact-table CSV text (e.g. an upload named `file`) against already-valid tables.

    `reference` holds typed frames as returned by read_tables: hubs, metrics and sources (checks against a
    table that is absent are skipped) and any fact tables whose figure_ids and figures must not be repeated.
    The metric's family is checked only when `file` is one of the four family file names. Returns the typed
    frame (schema columns) only when there are no problems, else None.
    """
    if not isinstance(text, str):
        return None, [Problem(file, None, "is not text")]
    try:
        data = text.encode("utf-8")  # a byte order mark at the start is skipped by the reader
    except UnicodeEncodeError:
        return None, [Problem(file, None, "contains characters that are not valid Unicode")]
    problems: list[Problem] = []
    rows = Frames()
    try:
        family = file[:-4] if file in _FACT_FILES else None
        checked = _upload_reference(reference)
        keys = FigureKeys()
        for figures_file, frame in checked.figures:
            keys.add(frame, figures_file, None, own=False)
        check = functools.partial(_check_upload_part, family, checked, keys, rows)
        if read_table(family or UPLOAD, file, io.BytesIO(data), problems, check) is None:
            return None, sort_problems(problems)
        check_figure_repeats(keys, problems)
    except Exception as error:  # noqa: BLE001 - the validator must never raise
        problems.append(internal_error(file, error))
    if problems:
        return None, sort_problems(problems)
    return rows.frame(UPLOAD), []
