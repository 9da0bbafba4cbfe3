"""The only module that imports duckdb: builds the in-memory database, runs named queries, caches results."""

from __future__ import annotations

import hashlib
import os
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import streamlit as st

from dashboard import schema, validate

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
DEFAULT_DATA_DIR = ROOT / "data"

# Columns every figure row carries once the four fact tables are stacked into `figures`.
FIGURE_COLUMNS = [c.name for c in schema.FACT_COLUMNS]


class DataProblems(Exception):
    """The data folder failed validation; `problems` holds every message for the error page."""

    def __init__(self, data_dir: str, problems: list[validate.Problem]):
        super().__init__(f"{len(problems)} problem(s) in {data_dir}")
        self.data_dir = data_dir
        self.problems = problems


@dataclass(frozen=True)
class QuerySpec:
    """A named SQL file: its text and the `$params` its header declares."""

    name: str
    sql: str
    params: frozenset[str]


def data_dir() -> str:
    """The data folder: `HUBS_DATA_DIR` if set, else the bundled `data/`."""
    return os.environ.get("HUBS_DATA_DIR") or str(DEFAULT_DATA_DIR)


_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


def _parse_spec(path: Path) -> QuerySpec:
    sql = path.read_text(encoding="utf-8")
    header = [line for line in sql.splitlines() if line.startswith("--")]
    params_lines = [line for line in header if line.lstrip("- ").startswith("params:")]
    declared = frozenset(_PARAM.findall(" ".join(params_lines)))
    used = frozenset(_PARAM.findall("\n".join(line for line in sql.splitlines() if not line.startswith("--"))))
    if declared != used:
        raise ValueError(f"{path.name}: header declares {sorted(declared)} but SQL uses {sorted(used)}")
    return QuerySpec(path.stem, sql, declared)


def load_queries(directory: Path = QUERIES_DIR) -> dict[str, QuerySpec]:
    """Every `queries/*.sql`, keyed by file stem."""
    return {p.stem: _parse_spec(p) for p in sorted(directory.glob("*.sql"))}


QUERIES: dict[str, QuerySpec] = load_queries()


# DuckDB's rows per row group. Rows are inserted one whole row group at a time and checkpointed after each,
# which compresses it, so about one row group of figures is held uncompressed at a time. In DuckDB 2.0 a row
# group filled by several inserts stayed uncompressed, and completing one that had been checkpointed half full
# was slow each time.
_ROW_GROUP = 122_880
# Compressing a row group keeps one core busy for a while; the validator checks up to this many rows of the
# next one meanwhile (more rows would hold more text at the peak for little gain).
_ROWS_DURING_CHECKPOINT = 65_536


class _Loader:
    """Takes each table from the validator as soon as it is checked and stores it compressed (a validate.Sink).

    Uncompressed, DuckDB holds a 16-byte slot per text cell and every quote in full; checkpointing stores the
    tables with DuckDB's lightweight compression (dictionaries, FSST, bit packing) in a fraction of that, and
    queries run no slower (the benchmark's load rows, docs/performance.md, have the figures).
    The checkpoint runs on a worker thread (DuckDB releases the GIL) while the validator checks the next rows.
    Any error is kept for build_database: the validator must not see it as a data problem.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.error: Exception | None = None
        self.created: set[str] = set()
        self.table: str | None = None  # the DuckDB table `pending` rows belong to
        self.pending: list[pd.DataFrame] = []  # rows not inserted yet: less than a row group
        self.memory_limit = con.execute("select current_setting('memory_limit')").fetchall()[0][0]
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="duckdb-checkpoint")
        self.checkpointing: Future | None = None

    def add(self, table: str, frame: pd.DataFrame) -> None:
        if self.error is not None:
            return
        try:
            if table in schema.FAMILIES:
                table, frame = "figures", frame.assign(family=table)
            if table != self.table:
                self._flush()
                self.table = table
            if table not in self.created:
                self._wait()
                _create_table(self.con, table)
                self.created.add(table)
            self.pending.append(frame)
            frame = None
            if sum(len(f) for f in self.pending) >= _ROWS_DURING_CHECKPOINT:
                self._wait()
            while sum(len(f) for f in self.pending) >= _ROW_GROUP:
                rows = pd.concat(self.pending, ignore_index=True) if len(self.pending) > 1 else self.pending[0]
                self.pending, rows = [rows.iloc[_ROW_GROUP:]], rows.iloc[:_ROW_GROUP]
                self._insert(rows)
                rows = None  # inserted: its text is let go before the checkpoint needs memory
                self._checkpoint()
        except Exception as error:  # noqa: BLE001 - raised by build_database once validation has finished
            self.error = error

    def discard(self, table: str) -> None:
        if self.error is not None:
            return
        try:
            self._wait()
            if table in schema.FAMILIES:
                if self.table == "figures":
                    self.pending = [f[f["family"] != table] for f in self.pending]
                if "figures" in self.created:
                    self.con.execute("delete from figures where family = $family", {"family": table})
            elif table in self.created:
                if self.table == table:
                    self.pending = []
                self.con.execute(f'drop table "{table}"')
                self.created.discard(table)
        except Exception as error:  # noqa: BLE001 - as in add
            self.error = error

    def finish(self) -> None:
        """Insert what is still pending and wait for the last checkpoint; raise the first error met."""
        if self.error is None:
            self._flush()
            self._wait()
        if self.error is not None:
            raise self.error

    def close(self) -> None:
        """Wait for the worker (its error, if any, is not raised) and stop it."""
        try:
            self._wait()
        except Exception:  # noqa: BLE001, S110 - close runs after finish raised, or when the data has problems
            pass
        self.worker.shutdown(wait=True)

    def _flush(self) -> None:
        rows = [f for f in self.pending if len(f)]
        self.pending = []
        if rows:
            self._insert(pd.concat(rows, ignore_index=True) if len(rows) > 1 else rows[0])
            rows = None
            self._checkpoint()

    def _insert(self, rows: pd.DataFrame) -> None:
        self._wait()  # one statement at a time on the database
        self.con.register("_frame", rows[list(_columns(self.table))])
        # Table names come from schema (an allow-list), never from user input.
        self.con.execute(f'insert into "{self.table}" select * from _frame')
        self.con.unregister("_frame")

    def _checkpoint(self) -> None:
        self._wait()
        self.checkpointing = self.worker.submit(_checkpoint, self.con.cursor(), self.memory_limit)

    def _wait(self) -> None:
        if self.checkpointing is not None:
            running, self.checkpointing = self.checkpointing, None
            running.result()


def _checkpoint(cursor: duckdb.DuckDBPyConnection, memory_limit: str) -> None:
    with cursor:
        cursor.execute("checkpoint")
        # Freed blocks stay cached in DuckDB's buffer pool until the memory limit is set again; setting it to
        # its own value hands them back (without this, more memory at the peak and once loaded).
        cursor.execute(f"set memory_limit = '{memory_limit}'")


def build_database(directory: str) -> duckdb.DuckDBPyConnection:
    """Validate `directory` and load its tables with explicit types file by file, then lock the database down."""
    con = duckdb.connect(":memory:")
    loader = _Loader(con)
    # Each file goes into DuckDB as soon as it is checked; if any check fails, the database is thrown away.
    try:
        _, problems = validate.read_tables(directory, sink=loader)
        if not problems:
            loader.finish()
    except Exception:
        loader.close()
        con.close()
        raise
    loader.close()
    if problems:
        con.close()
        raise DataProblems(directory, problems)
    finish_database(con)
    return con


def finish_database(con: duckdb.DuckDBPyConnection, allowed_directories: list[str] | None = None) -> None:
    """Add the app's views and macros over the tables (or, for a Parquet folder, views named like them), then
    switch off file access: only `allowed_directories` (a Parquet folder read lazily) stay readable."""
    # Uploaded rows are swapped in per cursor by shadowing this view (see `query`).
    con.execute("create view all_figures as select *, false as user_supplied from main.figures")
    con.execute("create view all_sources as select * from main.sources")
    for view in sorted((QUERIES_DIR / "views").glob("*.sql")):
        # View names are file stems from the repo, not user input.
        con.execute(f'create view "{view.stem}" as {view.read_text(encoding="utf-8")}')
    # Table macros: a selection several queries share, with parameters (each file is one `create macro`).
    for macro in sorted((QUERIES_DIR / "macros").glob("*.sql")):
        con.execute(macro.read_text(encoding="utf-8"))
    if allowed_directories:
        con.execute("SET allowed_directories = $dirs", {"dirs": allowed_directories})
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def _columns(table: str) -> dict[str, str]:
    """Column name -> SQL type of a DuckDB table; `figures` is the fact columns plus the family."""
    if table == "figures":
        return {**{c.name: c.sql_type for c in schema.FACT_COLUMNS}, "family": "VARCHAR"}
    return {c.name: c.sql_type for c in schema.TABLES[table]}


def _create_table(con, table: str) -> None:
    # Table names come from schema (an allow-list), never from user input.
    ddl = ", ".join(f'"{name}" {sql_type}' for name, sql_type in _columns(table).items())
    con.execute(f'create table "{table}" ({ddl})')


@st.cache_resource(show_spinner=False)
def database(directory: str) -> duckdb.DuckDBPyConnection:
    """One database per process and data folder, shared by every session (queries use their own cursor).
    A folder written by `python -m dashboard.to_parquet` is read lazily through views over its Parquet files."""
    from dashboard import to_parquet

    if to_parquet.is_parquet_folder(directory):
        return to_parquet.parquet_database(directory)
    return build_database(directory)


def check_data(directory: str | None = None) -> list[validate.Problem]:
    """Problems that stop the app from starting; empty when the database is ready."""
    try:
        database(directory or data_dir())
    except DataProblems as exc:
        return exc.problems
    return []


def _freeze(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(value)
    return value


def query(
    name: str,
    user_figures: pd.DataFrame | None = None,
    user_sources: pd.DataFrame | None = None,
    *,
    cached: bool = True,
    **params,
) -> pd.DataFrame:
    """Run the named query with bound `$params`; uploads join only this call's cursor.

    Without explicit `user_figures`/`user_sources`, a call inside a Streamlit session uses that session's
    uploads (see `set_session_uploads`), so every page shows them without asking for them.
    `cached=False` runs it without the result cache, for a result the caller keeps in another form (a
    download's file): the cache stores a pickled copy and unpickles another on each hit, seconds and hundreds
    of MB for a million rows.
    """
    spec, frozen, user_key, uploads = _call(name, user_figures, user_sources, params)
    if not cached:
        return _run_query(spec.sql, frozen, data_dir(), *uploads)
    if user_key:  # kept per upload, and dropped with it (forget_uploads)
        return _upload_cached(
            user_key, (name, frozen, data_dir()), lambda: _run_query(spec.sql, frozen, data_dir(), *uploads)
        )
    return _cached_query(name, spec.sql, frozen, data_dir(), user_key, *uploads)


# Query results that join an upload, per upload digest. Unlike Streamlit's cache (kept until evicted, whatever
# happened to the upload), these go when the upload does: removed, replaced, or its session gone.
_UPLOAD_RESULTS: dict[str, OrderedDict] = {}
_UPLOAD_RESULTS_PER_KEY = 300
_upload_results_lock = threading.Lock()


def _upload_cached(user_key: str, key: tuple, run) -> pd.DataFrame:
    with _upload_results_lock:
        entries = _UPLOAD_RESULTS.get(user_key)
        if entries is not None and key in entries:
            entries.move_to_end(key)
            return entries[key].copy()  # a copy per call, as Streamlit's cache hands out: callers may change it
    result = run()
    with _upload_results_lock:
        entries = _UPLOAD_RESULTS.setdefault(user_key, OrderedDict())
        entries[key] = result
        while len(entries) > _UPLOAD_RESULTS_PER_KEY:
            entries.popitem(last=False)
    return result.copy()


def forget_uploads(user_key: str) -> None:
    """Drop every result kept for the upload with this digest (its queries here, its views in dashboard.memo)."""
    with _upload_results_lock:
        _UPLOAD_RESULTS.pop(user_key, None)
    from dashboard import memo  # memo imports this module

    memo.forget(user_key)


class _UploadToken:
    """Held in the session's state next to its uploads: when it goes (uploads removed or replaced, or the session
    ended and its state freed), the results kept for that upload are dropped."""

    def __init__(self, user_key: str):
        weakref.finalize(self, forget_uploads, user_key)


def query_batches(name: str, rows_per_batch: int, **params) -> Iterator[pd.DataFrame]:
    """The named query's rows in order, as frames of at most `rows_per_batch` rows, with this session's uploads
    and without the result cache: a result too large to hold at once in every form (a download of a million
    rows) is turned into its final form batch by batch. Frames as `query` gives them, except that a column's
    dtype follows its own batch (an integer column is nullable only in batches with a missing cell). A result
    with no rows is one empty frame, so the first frame always has the columns."""
    spec, frozen, _, uploads = _call(name, None, None, params)
    with _cursor(data_dir(), *uploads) as cur:
        reader = cur.sql(spec.sql, params=_bound(frozen)).to_arrow_reader(rows_per_batch)
        empty = True
        for batch in reader:
            empty = False
            yield frame(pa.Table.from_batches([batch]))
        if empty:
            yield frame(reader.schema.empty_table())


def _call(
    name: str, user_figures: pd.DataFrame | None, user_sources: pd.DataFrame | None, params: dict
) -> tuple[QuerySpec, tuple, str, tuple[pd.DataFrame | None, pd.DataFrame | None]]:
    """A query call checked against its spec: the spec, the frozen params, the uploads' key and the uploads to
    join ((None, None) when there are none)."""
    spec = QUERIES.get(name)
    if spec is None:
        raise KeyError(f"unknown query {name!r}")
    if set(params) != spec.params:
        raise TypeError(f"{name}: expected params {sorted(spec.params)}, got {sorted(params)}")
    if user_figures is None and user_sources is None:
        user_figures, user_sources, user_key = session_uploads()
    else:
        user_key = _user_key(user_figures, user_sources)
    uploads = (user_figures, user_sources) if user_key else (None, None)
    return spec, tuple(sorted((k, _freeze(v)) for k, v in params.items())), user_key, uploads


# Session-state keys of this session's uploads. They live only in the session (in memory, never on disk);
# the query cache is keyed on their digest, so identical uploads share results but no session sees another's rows.
_SESSION_FIGURES, _SESSION_SOURCES, _SESSION_KEY = "_upload_figures", "_upload_sources", "_upload_digest"
_SESSION_TOKEN = "_upload_token"


def _session_state():
    """This script run's session state, or None outside a running Streamlit session (scripts, unit tests)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return st.session_state if get_script_run_ctx(suppress_warning=True) is not None else None


def session_uploads() -> tuple[pd.DataFrame | None, pd.DataFrame | None, str]:
    """This session's uploaded figures and sources and their digest; (None, None, "") when there are none."""
    state = _session_state()
    if state is None:
        return None, None, ""
    figures = state.get(_SESSION_FIGURES)
    if not isinstance(figures, pd.DataFrame) or figures.empty:
        return None, None, ""
    sources = state.get(_SESSION_SOURCES)
    key = state.get(_SESSION_KEY) or _user_key(figures, sources)
    return figures, sources, key


def set_session_uploads(figures: pd.DataFrame, sources: pd.DataFrame | None, state=None) -> None:
    """Keep uploaded figures (FIGURE_COLUMNS + family) and their sources for this session only.

    `state` is this session's state by default; a test passes an AppTest's `session_state` to seed one.
    """
    state = _session_state() if state is None else state
    if state is None:
        raise RuntimeError("uploads belong to a Streamlit session; pass user_figures to query() instead")
    state[_SESSION_FIGURES] = figures
    state[_SESSION_SOURCES] = sources
    state[_SESSION_KEY] = key = _user_key(figures, sources)
    state[_SESSION_TOKEN] = _UploadToken(key)  # replaces (and so releases) a previous upload's token


def clear_session_uploads() -> None:
    """Forget this session's uploads."""
    state = _session_state()
    if state is not None:
        for key in (_SESSION_FIGURES, _SESSION_SOURCES, _SESSION_KEY, _SESSION_TOKEN):
            state.pop(key, None)


def _user_key(user_figures, user_sources) -> str:
    if user_figures is None or user_figures.empty:
        return ""
    digest = hashlib.sha256(pd.util.hash_pandas_object(user_figures, index=False).values.tobytes())
    if user_sources is not None:
        digest.update(pd.util.hash_pandas_object(user_sources, index=False).values.tobytes())
    return digest.hexdigest()


@st.cache_data(show_spinner=False, max_entries=2000)
def _cached_query(
    name: str,
    sql: str,
    params: tuple,
    directory: str,
    user_key: str,
    _user_figures: pd.DataFrame | None,
    _user_sources: pd.DataFrame | None,
) -> pd.DataFrame:
    return _run_query(sql, params, directory, _user_figures, _user_sources)


def _run_query(
    sql: str, params: tuple, directory: str, user_figures: pd.DataFrame | None, user_sources: pd.DataFrame | None
) -> pd.DataFrame:
    """`sql` with the frozen `params` bound, with the uploads joined if any."""
    with _cursor(directory, user_figures, user_sources) as cur:
        return frame(cur.sql(sql, params=_bound(params)).to_arrow_table())


@contextmanager
def _cursor(
    directory: str, user_figures: pd.DataFrame | None, user_sources: pd.DataFrame | None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """One cursor of `directory`'s database for one query, with the uploads (if any) joined into it alone."""
    with database(directory).cursor() as cur:
        if user_figures is not None:
            _shadow_with_uploads(cur, user_figures, user_sources)
        yield cur


def _bound(params: tuple) -> dict:
    """Frozen params as DuckDB binds them (tuples back to lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params}


# pandas' nullable dtypes for the Arrow types a query can return as a column with missing cells.
_NULLABLE = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.uint8(): pd.UInt8Dtype(),
    pa.uint16(): pd.UInt16Dtype(),
    pa.uint32(): pd.UInt32Dtype(),
    pa.uint64(): pd.UInt64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
}


def frame(table: pa.Table) -> pd.DataFrame:
    """A query's Arrow result as exactly the DataFrame DuckDB's `.df()` gives, built through Arrow: `.df()` turns
    each text cell into a Python object first, many times slower for the Sources page's million-row download.

    As `.df()` does: integer and boolean columns with missing cells are pandas' nullable types, a text column
    with no text at all (no rows, or every cell missing) is an object column of None, decimals are floats.
    """
    out = table.to_pandas()
    for at, field in enumerate(table.schema):
        column = table.column(at)
        nullable = _NULLABLE.get(field.type)
        if nullable is not None and column.null_count:
            out.isetitem(at, pd.Series(nullable.__from_arrow__(column), index=out.index))
        elif pa.types.is_string(field.type) and column.null_count == len(column):
            out.isetitem(at, pd.Series([None] * len(column), index=out.index, dtype=object))
        elif pa.types.is_decimal(field.type):
            out.isetitem(at, pd.Series(column.cast(pa.float64()).to_numpy(zero_copy_only=False), index=out.index))
    return out


def _shadow_with_uploads(cur, user_figures: pd.DataFrame, user_sources: pd.DataFrame | None) -> None:
    figures = user_figures.copy()
    if "family" not in figures:
        figures["family"] = None
    cur.register("_user_figures", figures.reindex(columns=FIGURE_COLUMNS + ["family"]))
    cur.execute(
        "create temp view all_figures as "
        "select *, false as user_supplied from main.figures "
        "union all by name select *, true as user_supplied from _user_figures"
    )
    if user_sources is not None and not user_sources.empty:
        cur.register("_user_sources", user_sources[schema.column_names("sources")])
        cur.execute(
            "create temp view all_sources as select * from main.sources union all by name select * from _user_sources"
        )
