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
    # Macros (each file is one `create macro`): scalar ones hold rules the views use (exact_period), so they come
    # first; table macros select from the views (a selection several queries share), so they come after them.
    macros = [path.read_text(encoding="utf-8") for path in sorted((QUERIES_DIR / "macros").glob("*.sql"))]
    for macro in macros:
        if " as table" not in macro:
            con.execute(macro)
    for view in sorted((QUERIES_DIR / "views").glob("*.sql")):
        # View names are file stems from the repo, not user input.
        con.execute(f'create view "{view.stem}" as {view.read_text(encoding="utf-8")}')
    for macro in macros:
        if " as table" in macro:
            con.execute(macro)
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


# The process's databases, one per data folder (the first of the three named caches: databases here, query
# results below, views in dashboard.memo). Plain dicts behind locks, so this layer needs no Streamlit.
_DATABASES: dict[str, duckdb.DuckDBPyConnection] = {}
_databases_lock = threading.Lock()


def database(directory: str) -> duckdb.DuckDBPyConnection:
    """One database per process and data folder, shared by every session (queries use their own cursor), built
    once: a session asking while another builds it waits for that build. A folder that fails validation is
    not kept (DataProblems is raised again on the next call). A folder written by `python -m
    dashboard.to_parquet` is read lazily through views over its Parquet files."""
    from dashboard import to_parquet

    with _databases_lock:
        con = _DATABASES.get(directory)
        if con is None:
            con = (to_parquet.parquet_database if to_parquet.is_parquet_folder(directory) else build_database)(
                directory
            )
            _DATABASES[directory] = con
        return con


def clear_caches() -> None:
    """Forget every database and query result (tests that rewrite a data folder in place)."""
    with _databases_lock:
        _DATABASES.clear()
    with _results_lock:
        _RESULTS.clear()


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


@dataclass(frozen=True, eq=False)
class Uploads:
    """One session's uploaded figures (FIGURE_COLUMNS + family) and their sources, passed to every query and view
    that should show them. Compared and hashed by `key`, the digest of the rows ("" = no uploads), so a cache keyed
    on it never hashes the frames and no session's uploads reach another's results."""

    figures: pd.DataFrame | None = None
    sources: pd.DataFrame | None = None
    key: str = ""

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, Uploads) and other.key == self.key

    def __bool__(self) -> bool:
        return bool(self.key)

    @classmethod
    def of(cls, figures: pd.DataFrame | None, sources: pd.DataFrame | None) -> Uploads:
        """These rows with their digest; NO_UPLOADS when there are no figures."""
        key = _user_key(figures, sources)
        return cls(figures, sources, key) if key else NO_UPLOADS


NO_UPLOADS = Uploads()


def query(name: str, uploads: Uploads = NO_UPLOADS, *, cached: bool = True, **params) -> pd.DataFrame:
    """Run the named query with bound `$params`; `uploads` join only this call's cursor.

    `cached=False` runs it without the result cache, for a result the caller keeps in another form (a
    download's file): the cache stores a pickled copy and unpickles another on each hit, seconds and hundreds
    of MB for a million rows.
    """
    spec, frozen = _call(name, params)
    joined = (uploads.figures, uploads.sources) if uploads.key else (None, None)
    if not cached:
        return _run_query(spec.sql, frozen, data_dir(), *joined)
    directory = data_dir()
    return _kept_result(
        uploads.key, (name, frozen, directory), lambda: _run_query(spec.sql, frozen, directory, *joined)
    )


# Query results, per upload digest ("" = the bundled data alone, shared by every session). Those of an upload
# go when the upload does (forget_uploads): removed, replaced, or its session gone.
_RESULTS: dict[str, OrderedDict] = {}
_RESULTS_BUNDLED = 2000  # results kept of the bundled data alone
_RESULTS_PER_UPLOAD = 300  # results kept for each upload
_results_lock = threading.Lock()


def _kept_result(user_key: str, key: tuple, run) -> pd.DataFrame:
    """The kept result of `run` under (user_key, key), or run it and keep it; a copy on every call, as callers
    may change the frame they get."""
    with _results_lock:
        entries = _RESULTS.get(user_key)
        if entries is not None and key in entries:
            entries.move_to_end(key)
            return entries[key].copy()
    result = run()
    with _results_lock:
        entries = _RESULTS.setdefault(user_key, OrderedDict())
        entries[key] = result
        while len(entries) > (_RESULTS_PER_UPLOAD if user_key else _RESULTS_BUNDLED):
            entries.popitem(last=False)
    return result.copy()


def forget_uploads(user_key: str) -> None:
    """Drop every result kept for the upload with this digest (its queries here, its views in dashboard.memo)."""
    if not user_key:
        return
    with _results_lock:
        _RESULTS.pop(user_key, None)
    from dashboard import memo  # memo imports this module

    memo.forget(user_key)


class UploadToken:
    """Kept in the session's state next to its uploads (dashboard.upload.keep): when it goes (uploads removed or
    replaced, or the session ended and its state freed), the results kept for that upload are dropped."""

    def __init__(self, user_key: str):
        weakref.finalize(self, forget_uploads, user_key)


def query_batches(name: str, rows_per_batch: int, uploads: Uploads = NO_UPLOADS, **params) -> Iterator[pd.DataFrame]:
    """The named query's rows in order, as frames of at most `rows_per_batch` rows, with `uploads` joined and
    without the result cache: a result too large to hold at once in every form (a download of a million
    rows) is turned into its final form batch by batch. Frames as `query` gives them, except that a column's
    dtype follows its own batch (an integer column is nullable only in batches with a missing cell). A result
    with no rows is one empty frame, so the first frame always has the columns."""
    spec, frozen = _call(name, params)
    joined = (uploads.figures, uploads.sources) if uploads.key else (None, None)
    with _cursor(data_dir(), *joined) as cur:
        reader = cur.sql(spec.sql, params=_bound(frozen)).to_arrow_reader(rows_per_batch)
        empty = True
        for batch in reader:
            empty = False
            yield arrow_to_frame(pa.Table.from_batches([batch]))
        if empty:
            yield arrow_to_frame(reader.schema.empty_table())


def _call(name: str, params: dict) -> tuple[QuerySpec, tuple]:
    """A query call checked against its spec: the spec and the frozen params."""
    spec = QUERIES.get(name)
    if spec is None:
        raise KeyError(f"unknown query {name!r}")
    if set(params) != spec.params:
        raise TypeError(f"{name}: expected params {sorted(spec.params)}, got {sorted(params)}")
    return spec, tuple(sorted((k, _freeze(v)) for k, v in params.items()))


def _user_key(user_figures, user_sources) -> str:
    if user_figures is None or user_figures.empty:
        return ""
    digest = hashlib.sha256(pd.util.hash_pandas_object(user_figures, index=False).values.tobytes())
    if user_sources is not None:
        digest.update(pd.util.hash_pandas_object(user_sources, index=False).values.tobytes())
    return digest.hexdigest()


def _run_query(
    sql: str, params: tuple, directory: str, user_figures: pd.DataFrame | None, user_sources: pd.DataFrame | None
) -> pd.DataFrame:
    """`sql` with the frozen `params` bound, with the uploads joined if any."""
    with _cursor(directory, user_figures, user_sources) as cur:
        return arrow_to_frame(cur.sql(sql, params=_bound(params)).to_arrow_table())


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


def arrow_to_frame(table: pa.Table) -> pd.DataFrame:
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
