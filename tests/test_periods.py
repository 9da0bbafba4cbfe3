"""One rule for a figure's exact period (dashboard/periods.py) and the kind order (schema), with hand-written values."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard import periods, schema


def row(**fields):
    base = {"kind": "actual", "period_start": 2023, "period_end": 2023}
    return {**base, **fields}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, (1, 12)),
        ({"start_month": 1, "end_month": 12}, (1, 12)),
        ({"period_start_month": None, "period_end_month": None}, (1, 12)),
        ({"period_start_month": math.nan, "period_end_month": pd.NA}, (1, 12)),
        ({"period_start_month": 3, "period_end_month": 9}, (3, 9)),
        ({"start_month": 4, "end_month": 6, "period_start_month": 4, "period_end_month": 6}, (4, 6)),
        ({"start_month": 1, "end_month": 9, "period_start_month": None, "period_end_month": 9}, (1, 9)),
    ],
)
def test_months_read_the_same_from_either_row_shape(fields, expected):
    assert periods.months(row(**fields)) == expected


def test_key_names_kind_years_and_months():
    assert periods.key(row()) == "actual|2023|2023|1|12"
    assert periods.key(row(kind="plan", period_start=2023, period_end=2025)) == "plan|2023|2025|1|12"
    assert periods.key(row(period_start_month=1, period_end_month=9)) == "actual|2023|2023|1|9"
    # numpy and pandas integers (what a frame row holds) give the same text as ints
    frame_row = pd.DataFrame([row(start_month=1, end_month=9)]).iloc[0]
    assert periods.key(frame_row) == "actual|2023|2023|1|9"


def test_a_part_year_is_not_the_whole_year():
    assert periods.is_part_year(row(period_start_month=1, period_end_month=9)) is True
    assert periods.is_part_year(row(start_month=4, end_month=12)) is True
    assert periods.is_part_year(row(period_start_month=1, period_end_month=12)) is False
    assert periods.is_part_year(row()) is False
    assert periods.exact(row(end_month=9)) != periods.exact(row(end_month=12))
    assert periods.exact(row(period_end_month=12)) == periods.exact(row())


@pytest.mark.parametrize(
    ("fields", "lang", "expected"),
    [
        ({}, "ko", "2023 실적"),
        ({}, "en", "2023 actual"),
        ({"period_start_month": 1, "period_end_month": 9}, "ko", "2023 (1–9월) 실적"),
        ({"start_month": 1, "end_month": 9}, "en", "2023 (Jan–Sep) actual"),
        ({"kind": "cumulative_actual", "period_start": 2018, "period_end": 2021}, "ko", "2018–2021 누적"),
        ({"kind": "plan", "period_start": 2023, "period_end": 2025}, "ko", "2023–2025 계획"),
        ({"kind": "target", "period_start": 2030, "period_end": 2030}, "en", "2030 target"),
    ],
)
def test_label_says_the_kind_once(fields, lang, expected):
    assert periods.label(row(**fields), lang) == expected


def test_label_can_leave_actual_unnamed_for_a_table_with_a_kind_column():
    assert periods.label(row(), "ko", name_actual=False) == "2023"
    assert periods.label(row(kind="plan"), "ko", name_actual=False) == "2023 계획"


def test_kind_order():
    assert schema.KIND_RANK == {"actual": 0, "cumulative_actual": 1, "plan": 2, "target": 3}
    assert schema.in_kind_order(["target", "actual", "nonsense", "actual"]) == ("actual", "target")
    assert schema.in_kind_order([]) == ()
