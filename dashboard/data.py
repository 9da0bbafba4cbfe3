"""The only module that imports duckdb: builds the in-memory database, runs named queries, caches results."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
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
    used = frozenset(_PARAM.findall("\n".join(l for l in sql.splitlines() if not l.startswith("--"))))
    if declared != used:
        raise ValueError(f"{path.name}: header declares {sorted(declared)} but SQL uses {sorted(used)}")
    return QuerySpec(path.stem, sql, declared)


def load_queries(directory: Path = QUERIES_DIR) -> dict[str, QuerySpec]:
    """Every `queries/*.sql`, keyed by file stem."""
    return {p.stem: _parse_spec(p) for p in sorted(directory.glob("*.sql"))}


QUERIES: dict[str, QuerySpec] = load_queries()


def build_database(directory: str) -> duckdb.DuckDBPyConnection:
    """Validate `directory`, load its tables with explicit types, then lock the database down."""
    tables, problems = validate.read_tables(directory)
    if problems:
        raise DataProblems(directory, problems)
    con = duckdb.connect(":memory:")
    for table in schema.TABLE_ORDER:
        if table in schema.FAMILIES:
            continue
        _create_table(con, table, tables[table])
    # One family at a time, each dropped once inserted: stacking them in pandas first copied every cell
    # (hundreds of MB at 1M figures) on top of the validated tables and DuckDB's own copy.
    for family in schema.FAMILIES:
        _create_table(con, "figures", tables.pop(family).assign(family=family), extra={"family": "VARCHAR"},
                      append=family != schema.FAMILIES[0])
    # Uploaded rows are swapped in per cursor by shadowing this view (see `query`).
    con.execute("create view all_figures as select *, false as user_supplied from main.figures")
    con.execute("create view all_sources as select * from main.sources")
    for view in sorted((QUERIES_DIR / "views").glob("*.sql")):
        # View names are file stems from the repo, not user input.
        con.execute(f'create view "{view.stem}" as {view.read_text(encoding="utf-8")}')
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def _create_table(con, table: str, frame: pd.DataFrame, extra: dict[str, str] | None = None,
                  append: bool = False) -> None:
    # Table names come from schema (an allow-list), never from user input.
    columns = {c.name: c.sql_type for c in schema.TABLES.get(table, schema.FACT_COLUMNS)}
    columns.update(extra or {})
    ddl = ", ".join(f'"{name}" {sql_type}' for name, sql_type in columns.items())
    if not append:
        con.execute(f'create table "{table}" ({ddl})')
    con.register("_frame", frame[list(columns)])
    con.execute(f'insert into "{table}" select * from _frame')
    con.unregister("_frame")


@st.cache_resource(show_spinner=False)
def database(directory: str) -> duckdb.DuckDBPyConnection:
    """One database per process and data folder, shared by every session (queries use their own cursor)."""
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


def query(name: str, user_figures: pd.DataFrame | None = None, user_sources: pd.DataFrame | None = None,
          **params) -> pd.DataFrame:
    """Run the named query with bound `$params`; uploads join only this call's cursor.

    Without explicit `user_figures`/`user_sources`, a call inside a Streamlit session uses that session's
    uploads (see `set_session_uploads`), so every page shows them without asking for them.
    """
    spec = QUERIES.get(name)
    if spec is None:
        raise KeyError(f"unknown query {name!r}")
    if set(params) != spec.params:
        raise TypeError(f"{name}: expected params {sorted(spec.params)}, got {sorted(params)}")
    if user_figures is None and user_sources is None:
        user_figures, user_sources, user_key = session_uploads()
    else:
        user_key = _user_key(user_figures, user_sources)
    frozen = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    return _cached_query(name, spec.sql, frozen, data_dir(), user_key, user_figures, user_sources)


# Session-state keys of this session's uploads. They live only in the session (in memory, never on disk);
# the query cache is keyed on their digest, so identical uploads share results but no session sees another's rows.
_SESSION_FIGURES, _SESSION_SOURCES, _SESSION_KEY = "_upload_figures", "_upload_sources", "_upload_digest"


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
    state[_SESSION_KEY] = _user_key(figures, sources)


def clear_session_uploads() -> None:
    """Forget this session's uploads."""
    state = _session_state()
    if state is not None:
        for key in (_SESSION_FIGURES, _SESSION_SOURCES, _SESSION_KEY):
            state.pop(key, None)


def _user_key(user_figures, user_sources) -> str:
    if user_figures is None or user_figures.empty:
        return ""
    digest = hashlib.sha256(pd.util.hash_pandas_object(user_figures, index=False).values.tobytes())
    if user_sources is not None:
        digest.update(pd.util.hash_pandas_object(user_sources, index=False).values.tobytes())
    return digest.hexdigest()


@st.cache_data(show_spinner=False, max_entries=2000)
def _cached_query(name: str, sql: str, params: tuple, directory: str, user_key: str,
                  _user_figures: pd.DataFrame | None, _user_sources: pd.DataFrame | None) -> pd.DataFrame:
    con = database(directory)
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    with con.cursor() as cur:
        if user_key:
            _shadow_with_uploads(cur, _user_figures, _user_sources)
        return cur.execute(sql, bound).df()


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
            "create temp view all_sources as "
            "select * from main.sources union all by name select * from _user_sources"
        )
