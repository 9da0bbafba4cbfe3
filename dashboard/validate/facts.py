"""Row rules of the fact files (budgets, firms, personnel, outcomes) that need other files: ids, units, families."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard import schema
from dashboard.validate.cells import isin
from dashboard.validate.problems import Problem, shown
from dashboard.validate.table import Table


@dataclass
class Reference:
    """What fact rows are checked against; a None set means that table is unusable, so its checks are skipped."""

    hub_ids: set[str] | None = None
    metric_ids: set[str] | None = None
    source_ids: set[str] | None = None
    metric_unit: dict[str, str] = field(default_factory=dict)
    metric_family: dict[str, str] = field(default_factory=dict)
    # Existing figures (already-valid data) for figure_id clashes and repeats, with the file they are in.
    figures: list[tuple[str, pd.DataFrame]] = field(default_factory=list)


def ids(frame: pd.DataFrame | None, key: str, loose: set[str] = frozenset()) -> set[str] | None:
    """The `key` cells of `frame` and the loose keys, or None when the frame has none (its checks are skipped)."""
    if frame is None or key not in frame or frame[key].notna().sum() == 0:
        return None
    return set(frame[key].dropna().tolist()) | set(loose)


def metric_maps(metrics: pd.DataFrame | None) -> tuple[dict[str, str], dict[str, str]]:
    """metric -> unit and metric -> family, for the metrics whose unit / family is a known one."""
    if metrics is None or not {"metric", "unit", "family"} <= set(metrics.columns):
        return {}, {}
    rows = metrics.dropna(subset=["metric"]).drop_duplicates("metric")
    units = rows[isin(rows["unit"], schema.UNITS)]
    families = rows[isin(rows["family"], schema.FAMILIES)]
    return (
        dict(zip(units["metric"].tolist(), units["unit"].tolist())),
        dict(zip(families["metric"].tolist(), families["family"].tolist())),
    )


def check_references(table: Table, checks: list[tuple[str, set[str] | None, str]], problems: list[Problem]) -> None:
    """Cells of each column that are not among the known ids (`where` names the file that lists them)."""
    for column, known, where in checks:
        if known is None or column not in table.present:
            continue
        series = table.typed[column]
        unknown = series.notna().to_numpy(dtype=bool) & ~isin(series, known)
        table.report(
            problems,
            unknown,
            lambda v, c=column, w=where: (
                ("check.not_in_file", {"column": c, "value": shown(v), "file": w})
                if w.endswith(".csv")
                else ("check.not_in_facts", {"column": c, "value": shown(v)})
            ),
            column,
        )


def check_facts(table: Table, family: str | None, reference: Reference, problems: list[Problem]) -> None:
    """Fact-row checks that need other tables: ids, the metric's unit and family."""
    check_references(
        table,
        [
            ("hub_id", reference.hub_ids, "hubs.csv"),
            ("metric", reference.metric_ids, "metrics.csv"),
            ("source_id", reference.source_ids, "sources.csv"),
        ],
        problems,
    )
    if "metric" in table.present and "unit" in table.present:
        _check_units(table, reference, problems)
    if "value" in table.present and "unit" in table.present:
        _check_value_bounds(table, problems)
    if family is not None and "metric" in table.present:
        belongs = table.typed["metric"].map(reference.metric_family)
        wrong = (belongs.notna() & (belongs != family)).to_numpy(dtype=bool, na_value=False)
        table.report(
            problems,
            wrong,
            lambda m: (
                "check.wrong_family",
                {"metric": shown(m), "family": reference.metric_family[m], "file": table.file},
            ),
            "metric",
        )


def _check_units(table: Table, reference: Reference, problems: list[Problem]) -> None:
    expected = table.typed["metric"].map(reference.metric_unit)
    unit = table.typed["unit"]
    wrong = (expected.notna() & isin(unit, schema.UNITS) & (unit != expected)).to_numpy(dtype=bool, na_value=False)
    table.report(
        problems,
        wrong,
        lambda u, m: (
            "check.unit_mismatch",
            {"unit": shown(u), "metric": shown(m), "expected": shown(reference.metric_unit[m])},
        ),
        "unit",
        "metric",
    )


def _check_value_bounds(table: Table, problems: list[Problem]) -> None:
    """A value above what its unit can plausibly hold (schema.VALUE_MAX): 1e26 firms, 1e40 won."""
    value, unit = table.typed["value"].to_numpy(dtype="float64", na_value=np.nan), table.typed["unit"]
    limit = unit.map(schema.VALUE_MAX).to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        above = value > limit  # NaN (missing value or unknown unit) compares False
    table.report(
        problems,
        above,
        lambda v, u: (
            "check.value_too_big",
            {"value": f"{v:,.15g}", "unit": u, "limit": f"{schema.VALUE_MAX[u]:,.0f}"},
        ),
        "value",
        "unit",
    )
