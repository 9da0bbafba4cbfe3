"""data.arrow_to_frame (query results built through Arrow) gives exactly the DataFrame DuckDB's own `.df()` gives, for every
named query, on the bundled data, on a synthetic folder and with an upload joined."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from bench import synth
from dashboard import data, schema

# Parameter sets per query parameter: a wide selection, a narrow one, and one that selects nothing.
WIDE = dict(
    hubs=[],
    kinds=list(schema.KINDS),
    year_from=schema.YEAR_MIN,
    year_to=schema.YEAR_MAX,
    families=list(schema.FAMILIES),
    metrics=[],
    needle="",
    special_hits=[],
    special_misses=[],
    limit=None,
    numerator="budget_total",
    denominator="budget_total",
    kind="actual",
    metric="budget_total",
    period_start=2020,
    period_end=2020,
    start_month=None,
    end_month=None,
    figure_ids=[],
    pair_hubs=[],
    pair_metrics=[],
    value_lo=None,
    value_hi=None,
)
NARROW = dict(
    WIDE,
    kinds=["plan", "target"],
    year_from=2021,
    year_to=2023,
    needle="a",
    limit=7,
    value_lo=1.0e10,
    value_hi=1.2e10,
    families=["budgets"],
    numerator="firms_resident",
    denominator="budget_total",
    period_start=2018,
    period_end=2021,
    end_month=9,
)
NOTHING = dict(WIDE, hubs=["no_such_hub"], kinds=[], needle="zzzz-nothing", limit=0, metrics=["no_such_metric"])


def both_ways(cur, name: str, params: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    spec = data.QUERIES[name]
    unknown = spec.params - set(params)
    assert not unknown, f"{name}: give this test values for {sorted(unknown)}"
    bound = {k: params[k] for k in spec.params}
    return cur.execute(spec.sql, bound).df(), data.arrow_to_frame(cur.sql(spec.sql, params=bound).to_arrow_table())


def check_every_query(con, hubs: list[str]) -> int:
    """Compare both ways for every query and parameter set (and with the first hubs chosen); how many rows."""
    seen = 0
    for params in (WIDE, NARROW, NOTHING, dict(WIDE, hubs=hubs), dict(NARROW, hubs=hubs)):
        for name in sorted(data.QUERIES):
            with con.cursor() as cur:
                expected, got = both_ways(cur, name, params)
            pd.testing.assert_frame_equal(got, expected, check_exact=True, obj=name)
            seen += len(expected)
    return seen


def test_every_query_on_the_bundled_data():
    con = data.database(str(data.DEFAULT_DATA_DIR))
    hubs = con.execute("select hub_id from hubs order by hub_id limit 3").df()["hub_id"].tolist()
    assert check_every_query(con, hubs) > 1000


def test_every_query_on_a_synthetic_folder(tmp_path):
    """Part-year figures (month columns with missing cells) and many hubs, as at scale."""
    synth.write_data(tmp_path, 3000, n_hubs=40, n_sources=6)
    con = data.build_database(str(tmp_path))
    try:
        hubs = con.execute("select hub_id from hubs order by hub_id limit 5").df()["hub_id"].tolist()
        months = con.execute(
            "select count(*) filter (where period_end_month is null), "
            "count(*) filter (where period_end_month is not null) from figures"
        ).fetchone()
        assert min(months) > 0  # both missing and present month cells: the nullable conversion is exercised
        assert check_every_query(con, hubs) > 10_000
    finally:
        con.close()


def test_every_query_with_an_upload_joined():
    """An upload's rows are registered from pandas (user_supplied true, months partly missing)."""
    con = data.database(str(data.DEFAULT_DATA_DIR))
    with con.cursor() as cur:
        figures = cur.execute("select * from figures order by figure_id limit 4").df()
    figures["figure_id"] = "user-" + figures["figure_id"]
    figures["period_end_month"] = pd.array([9, None, None, 6], dtype="Int32")
    for params in (WIDE, NARROW):
        for name in sorted(data.QUERIES):
            with con.cursor() as cur:
                data._shadow_with_uploads(cur, figures, None)
                expected, got = both_ways(cur, name, params)
            pd.testing.assert_frame_equal(got, expected, check_exact=True, obj=name)


@pytest.mark.parametrize(
    "arrow_type, nullable",
    [
        (pa.int32(), "Int32"),
        (pa.int64(), "Int64"),
        (pa.int8(), "Int8"),
        (pa.bool_(), "boolean"),
    ],
)
def test_missing_cells_in_integer_and_boolean_columns_give_nullable_columns(arrow_type, nullable):
    values = [1, None, 0] if arrow_type != pa.bool_() else [True, None, False]
    table = pa.table({"with_gap": pa.array(values, arrow_type), "full": pa.array(values[::2] + values[:1], arrow_type)})
    out = data.arrow_to_frame(table)
    assert str(out["with_gap"].dtype) == nullable
    assert out["with_gap"].isna().tolist() == [False, True, False]
    assert out["with_gap"].iloc[0] == values[0]
    assert str(out["full"].dtype) == str(pa.array([], arrow_type).to_pandas().dtype)  # numpy, as .df() gives


def test_text_columns_without_text_and_decimals_as_duckdb_gives_them():
    import duckdb

    con = duckdb.connect()
    for sql in (
        "select 'a' as s, null::varchar as n, 1.5 as d where false",
        "select null::varchar as s, 'x' as t, 2.25 as d from range(2)",
        "select case when i = 0 then null else 'a' end as s, 1.5::decimal(18, 3) as d from range(2) r(i)",
    ):
        pd.testing.assert_frame_equal(
            data.arrow_to_frame(con.sql(sql).to_arrow_table()), con.execute(sql).df(), check_exact=True, obj=sql
        )
