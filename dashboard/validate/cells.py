"""Column rules of every file type: required cells, numbers and ranges, allowed values, dates, URLs, periods."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard import schema
from dashboard.validate.problems import Problem, number_text, shown
from dashboard.validate.table import Table

_INTEGER = r"-?[0-9]+"
_NUMBER = r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?"
_PUBLISHED = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
_URL = r"https?://\S+"

# Allowed values of columns whose domain is fixed by the contract (not by another file), per file type.
_ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "facts": {"unit": tuple(schema.UNITS), "kind": schema.KINDS},
    "hubs": {"region_code": tuple(schema.REGIONS), "hub_type": schema.HUB_TYPES},
    "metrics": {"family": schema.FAMILIES, "unit": tuple(schema.UNITS)},
    "sources": {"language": schema.LANGUAGES},
}
_YEARS = "check.not_between"
# Inclusive ranges of numeric columns, and the string that says a value is outside.
_RANGES: dict[str, tuple[float, float, str]] = {
    "period_start": (schema.YEAR_MIN, schema.YEAR_MAX, _YEARS),
    "period_end": (schema.YEAR_MIN, schema.YEAR_MAX, _YEARS),
    "opened_year": (schema.YEAR_MIN, schema.YEAR_MAX, _YEARS),
    "period_start_month": (1, 12, "check.not_month"),
    "period_end_month": (1, 12, "check.not_month"),
    "lat": (-90, 90, "check.not_latitude"),
    "lon": (-180, 180, "check.not_longitude"),
    "value": (0, float("inf"), "check.negative"),
}


def string_array(values) -> pd.arrays.ArrowStringArray:
    """Python strings (or None) as pandas' Arrow-backed text."""
    return pd.arrays.ArrowStringArray(pa.array(values, type=pa.string()))


def blank(series: pd.Series) -> np.ndarray:
    """Missing, empty or only whitespace: what `.str.strip() == ""` says, without building stripped copies."""
    array = series.astype("string").array.__arrow_array__()
    # Arrow's utf8_is_space uses the same whitespace as its trim (checked for every code point), but is false
    # for "", so empty cells are added; missing cells count as blank.
    is_blank = pc.or_(pc.equal(pc.binary_length(array), 0), pc.utf8_is_space(array))
    return pc.fill_null(is_blank, True).to_numpy()


def isin(series: pd.Series, values) -> np.ndarray:
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


def check_cells(table: Table, problems: list[Problem]) -> None:
    """Per-column checks (required, type, range, allowed values); fills `table.typed` and drops `table.raw`."""
    enums = _ENUMS.get("facts" if table.columns is schema.FACT_COLUMNS else table.name, {})
    typed: dict[str, pd.Series] = {}
    for column in table.columns:
        series = table.raw[column.name]
        if column.name not in table.present:
            typed[column.name] = typed_empty(column, len(series))
            continue
        is_blank = blank(series)
        if column.required:
            table.report(problems, is_blank, lambda name=column.name: ("check.required", {"column": name}))
        if column.sql_type == "VARCHAR":
            typed[column.name] = _blank_as_missing(series, is_blank)
            _check_text(table, column.name, series, ~is_blank, enums, problems)
        else:
            typed[column.name] = _check_number(table, column, series, ~is_blank, problems)
    table.typed = pd.DataFrame(typed)
    if table.columns is schema.FACT_COLUMNS:
        _check_periods(table, problems)
    table.raw = None


def _check_text(table: Table, name: str, series: pd.Series, filled: np.ndarray, enums: dict, problems) -> None:
    if name in enums:
        allowed = enums[name]
        table.report(
            problems,
            filled & ~isin(series, allowed),
            lambda v: ("check.not_one_of", {"column": name, "value": shown(v), "allowed": ", ".join(allowed)}),
            name,
        )
    elif name == "published":
        _check_published(table, series, filled, problems)
    elif name == "url":
        table.report(
            problems,
            filled & ~_matches(series, _URL),
            lambda v: ("check.url", {"value": shown(v)}),
            name,
        )


def _check_number(
    table: Table, column: schema.Column, series: pd.Series, filled: np.ndarray, problems: list[Problem]
) -> pd.Series:
    """A numeric column's cells checked (form, size, range) and typed; cells with a problem become missing."""
    name = column.name
    integer = column.sql_type == "INTEGER"
    well_formed = _matches(series, _INTEGER if integer else _NUMBER)
    key = "check.not_whole" if integer else "check.value_not_number" if name == "value" else "check.not_number"
    table.report(problems, filled & ~well_formed, lambda v: (key, {"column": name, "value": shown(v)}), name)
    numbers = series.where(well_formed).astype("float64").to_numpy()
    finite = np.isfinite(numbers)
    table.report(
        problems, well_formed & ~finite, lambda v: ("check.too_large", {"column": name, "value": shown(v)}), name
    )
    low, high, says = _RANGES.get(name, (-np.inf, np.inf, ""))
    with np.errstate(invalid="ignore"):
        outside = finite & ((numbers < low) | (numbers > high))
    bounds = {"low": low, "high": high} if says == _YEARS else {}
    table.report(problems, outside, lambda v: (says, {"column": name, "value": number_text(v), **bounds}), name)
    values = pd.Series(numbers).where(finite & ~outside)
    return values.astype("Int64") if integer else values.astype("float64")


def _blank_as_missing(series: pd.Series, is_blank: np.ndarray) -> pd.Series:
    """`series.mask(is_blank)` that shares the text with `series`: only a new validity bitmap per chunk.

    mask() copies every string of the column, e.g. a second copy of every quote while the cells are checked.
    """
    if not is_blank.any():
        return series
    chunked = series.array.__arrow_array__()
    chunks, at = [], 0
    for chunk in chunked.chunks:
        if chunk.type != pa.string() or chunk.offset or chunk.null_count:
            return series.mask(is_blank)  # a layout the bitmap below does not cover: copy, still correct
        keep = ~is_blank[at : at + len(chunk)]
        at += len(chunk)
        # A boolean array's data buffer is a bitmap with one bit per row: exactly a validity bitmap.
        validity = pa.array(keep, type=pa.bool_()).buffers()[1]
        chunks.append(
            pa.Array.from_buffers(
                pa.string(), len(chunk), [validity, *chunk.buffers()[1:]], null_count=len(chunk) - int(keep.sum())
            )
        )
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=pa.string())), index=series.index)


def typed_empty(column: schema.Column, rows: int) -> pd.Series:
    """A column of `rows` missing cells, typed as the column's SQL type reads."""
    if column.sql_type == "INTEGER":
        return pd.Series(pd.array([None] * rows, dtype="Int64"))
    if column.sql_type == "DOUBLE":
        return pd.Series(np.full(rows, np.nan))
    return pd.Series(string_array([None] * rows))


def _check_published(table: Table, series: pd.Series, filled: np.ndarray, problems: list[Problem]) -> None:
    shaped = _matches(series, _PUBLISHED)
    table.report(problems, filled & ~shaped, lambda v: ("check.published_shape", {"value": shown(v)}), "published")
    verdicts = {text: _date_problem(text) for text in series[shaped].unique().tolist()}
    wrong = series.map(verdicts).notna().to_numpy() & shaped
    years = {"low": schema.YEAR_MIN, "high": schema.YEAR_MAX}
    table.report(
        problems,
        wrong,
        lambda v: (verdicts[v], {"value": shown(v), **(years if verdicts[v] == "check.published_not_between" else {})}),
        "published",
    )


def _date_problem(text: str) -> str | None:
    parts = [int(p) for p in text.split("-")]
    if not schema.YEAR_MIN <= parts[0] <= schema.YEAR_MAX:
        return "check.published_not_between"
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return "check.not_real_date"
    return None


def _check_periods(table: Table, problems: list[Problem]) -> None:
    typed = table.typed
    start, end = typed["period_start"], typed["period_end"]
    backwards = (end < start).to_numpy(dtype=bool, na_value=False)
    table.report(
        problems,
        backwards,
        lambda s, e: ("check.end_before_start", {"start": s, "end": e}),
        "period_start",
        "period_end",
    )
    first, last = typed["period_start_month"], typed["period_end_month"]
    months_backwards = ((start == end) & (first > last)).to_numpy(dtype=bool, na_value=False)
    table.report(
        problems,
        months_backwards,
        lambda a, b, y: ("check.months_backwards", {"first": a, "last": b, "year": y}),
        "period_start_month",
        "period_end_month",
        "period_start",
    )


def report_repeats(table: Table, key: str, problems: list[Problem]) -> None:
    """Rows of `table` whose `key` cell repeats an earlier row's."""
    series = table.typed[key]
    repeated = (series.duplicated(keep="first") & series.notna()).to_numpy(dtype=bool)
    if not repeated.any():
        return
    involved = (series.duplicated(keep=False) & series.notna()).to_numpy(dtype=bool)
    first: dict[str, int] = {}
    for value, line in zip(series[involved].tolist(), table.lines[involved].tolist()):
        first.setdefault(value, line)
    table.report(
        problems,
        repeated,
        lambda v: ("check.already_defined", {"column": key, "value": shown(v), "line": first[v]}),
        key,
    )
