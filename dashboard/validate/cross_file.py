"""Rules across files: a figure_id or a figure used twice in the fact files, and figure_sources.csv's rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard import schema
from dashboard.validate.facts import Reference, check_references
from dashboard.validate.problems import Problem, keyed, shown
from dashboard.validate.table import Table

# Two rows equal on all of these are the same figure reported twice (a differing value makes a version instead).
FIGURE_KEY = [
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
_FIGURE_KEY_REQUIRED = [c.name for c in schema.FACT_COLUMNS if c.required and c.name in FIGURE_KEY]


class FigureKeys:
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
        frame = frame.reindex(columns=["figure_id", *FIGURE_KEY])
        codes = {}
        for name in FIGURE_KEY:
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


def check_figure_repeats(keys: FigureKeys, problems: list[Problem]) -> None:
    """figure_id used twice, and the same figure (hub, metric, kind, period, value, source) listed twice."""
    if not keys.ids:
        return
    file_of = np.concatenate([np.full(len(lines), at, dtype=np.int32) for at, lines in enumerate(keys.lines)])
    line_of = np.concatenate(keys.lines)
    own_row = np.concatenate([np.full(len(lines), own, dtype=bool) for lines, own in zip(keys.lines, keys.own)])
    files = keys.files
    ids = pd.concat(keys.ids, ignore_index=True)

    def reported(at: int, earlier: int, said_at: str, said_in: str) -> Problem:
        """The problem of row `at` repeating row `earlier`, named by its file and line (`said_at`) or, for
        already-valid data, by its file (`said_in`)."""
        where = {"value": shown(ids.iat[earlier]), "file": files[file_of[earlier]]}
        line = int(line_of[at]) or None
        if line_of[earlier]:
            return keyed(files[file_of[at]], line, said_at, **where, line=int(line_of[earlier]))
        return keyed(files[file_of[at]], line, said_in, **where)

    id_repeat, involved = _sorted_repeats(ids)
    if id_repeat.any():
        first: dict[str, int] = {}
        for at, value in zip(np.flatnonzero(involved).tolist(), ids[involved].tolist()):
            if value not in first:
                first[value] = at
            elif own_row[at]:
                problems.append(reported(at, first[value], "check.id_used_at", "check.id_used_in"))
    # A row whose figure_id repeats is reported already; comparing its figure too would say it twice.
    candidates = ~id_repeat
    key = np.zeros(len(ids), dtype=np.int64)
    for name in FIGURE_KEY:
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
            problems.append(reported(at, first_of[group], "check.same_figure_at", "check.same_figure_in"))


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


def check_figure_sources(
    table: Table,
    keys: FigureKeys,
    facts: list[Table],
    facts_complete: bool,
    reference: Reference,
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
    check_references(
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
            lambda f, s: ("check.pair_listed", {"figure": shown(f), "source": shown(s), "line": first[(f, s)]}),
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
            "check.main_source",
            {"source": shown(s), "figure": shown(f), "file": main[f][1], "line": main[f][2]},
        ),
        "figure_id",
        "source_id",
    )
