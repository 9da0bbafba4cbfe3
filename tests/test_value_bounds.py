"""The validator bounds every unit to a plausible range (schema.VALUE_MAX) with a FILE:LINE message, in a data
folder and in an upload alike; non-finite and negative values are refused too. Table-driven over every unit."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from dashboard import schema, upload, validate
from tests.conftest import FIXTURES

VALID = FIXTURES / "valid"
HEADER = (
    "figure_id,hub_id,metric,value,unit,period_start,period_end,period_start_month,period_end_month,kind,"
    "source_id,quote,scope_note\n"
)
# One metric per unit (the fixture has KRW, count and persons; the others are added for this test).
METRIC_OF = {
    "KRW": "budget_total",
    "count": "firms_resident",
    "persons": "personnel_trained",
    "firms": "firms_test",
    "PF": "compute_test",
    "m2": "area_test",
}
EXPECTED_MAX = {"KRW": 1e16, "count": 1e9, "firms": 1e9, "persons": 1e9, "PF": 1e7, "m2": 1e11}


def test_every_unit_has_a_bound():
    assert set(schema.VALUE_MAX) == set(schema.UNITS)
    assert schema.VALUE_MAX == EXPECTED_MAX


def _reference() -> dict[str, pd.DataFrame]:
    tables, problems = validate.read_tables(str(VALID))
    assert problems == []
    extra = pd.DataFrame(
        [
            {
                "metric": metric,
                "family": "outcomes",
                "label_ko": metric,
                "label_en": metric,
                "unit": unit,
                "description_ko": "",
                "description_en": "",
            }
            for unit, metric in METRIC_OF.items()
            if unit in ("firms", "PF", "m2")
        ]
    )
    tables["metrics"] = pd.concat(
        [tables["metrics"], extra.astype(tables["metrics"].dtypes.to_dict())], ignore_index=True
    )
    return tables


def _row(n: int, unit: str, value: str) -> str:
    return f"t-{n},gwangju_ai_cluster,{METRIC_OF[unit]},{value},{unit},2021,2021,,,actual,src_yonhap_2021,q,\n"


CASES = [
    (unit, value, ok)
    for unit, top in EXPECTED_MAX.items()
    for value, ok in [
        (repr(top), True),
        (repr(top * 0.5), True),
        ("0", True),
        (repr(top * 1.000001), False),
        (repr(top * 10), False),
        ("1e26", False),
        ("1e40", False),
        ("1e308", False),
        ("1.7976931348623157e308", False),
    ]
]


@pytest.mark.parametrize("unit, value, ok", CASES)
def test_value_bound_per_unit(unit, value, ok):
    figures, problems = validate.validate_facts_text(HEADER + _row(1, unit, value), "upload.csv", _reference())
    if ok:
        assert problems == [], problems
        assert figures["value"].tolist() == [float(value)]
    else:
        assert [str(p) for p in problems] == [
            f"upload.csv:2: value {float(value):,.15g} is more than a figure in {unit} can be "
            f"(at most {EXPECTED_MAX[unit]:,.0f})"
        ]


@pytest.mark.parametrize(
    "value, message",
    [
        ("inf", "value 'inf' is not a number (write digits only: no thousands separators or units)"),
        ("nan", "value 'nan' is not a number (write digits only: no thousands separators or units)"),
        ("-1", "value -1 is negative"),
        ("1e309", "value '1e309' is too large"),
    ],
)
def test_non_finite_and_negative_values(value, message):
    _, problems = validate.validate_facts_text(HEADER + _row(1, "KRW", value), "upload.csv", _reference())
    assert [str(p) for p in problems] == [f"upload.csv:2: {message}"]


def test_a_data_folder_reports_file_and_line(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    lines = (folder / "firms.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    # The second data row (line 3) claims 1e26 resident firms.
    cells = lines[2].split(",")
    cells[3] = "1e26"
    lines[2] = ",".join(cells)
    (folder / "firms.csv").write_text("".join(lines), encoding="utf-8")
    _, problems = validate.read_tables(str(folder))
    assert [str(p) for p in problems] == [
        "firms.csv:3: value 1e+26 is more than a figure in count can be (at most 1,000,000,000)"
    ]


def test_an_upload_is_bounded_by_the_same_rule():
    row = {
        "figure_id": "x1",
        "hub_id": "gwangju_ai_cluster",
        "metric": "budget_total",
        "value": "1e40",
        "unit": "KRW",
        "period_start": "2021",
        "period_end": "2021",
        "kind": "actual",
        "source_id": "src_yonhap_2021",
        "quote": "q",
    }
    raw = (
        ",".join(upload.TEMPLATE_COLUMNS) + "\n" + ",".join(row.get(c, "") for c in upload.TEMPLATE_COLUMNS) + "\n"
    ).encode()
    reference = lambda ids, pairs: _reference()  # noqa: E731
    outcome = upload.check_upload(raw, "mine.csv", reference)
    assert [str(p) for p in outcome.problems] == [
        "mine.csv:2: value 1e+40 is more than a figure in KRW can be (at most 10,000,000,000,000,000)"
    ]
