"""Each named query on the tiny fixture folder, compared with exact expected rows."""

from __future__ import annotations

import math

import duckdb
import pytest

from dashboard import data

ALL_KINDS = ["actual", "cumulative_actual", "plan", "target"]


def rows(frame, columns):
    """The frame's `columns` as a list of tuples, NaN/NA turned into None for exact comparison."""
    out = []
    for record in frame[columns].itertuples(index=False):
        out.append(
            tuple(
                None if (v is None or (isinstance(v, float) and math.isnan(v)) or v is __import__("pandas").NA) else v
                for v in record
            )
        )
    return out


def test_every_query_file_declares_exactly_the_params_it_uses():
    """A header that lies about its params is caught when the query files are parsed."""
    assert set(data.QUERIES) >= {
        "figures_by_hub_year",
        "latest_actual_by_hub",
        "coverage_matrix",
        "figures_with_sources",
        "region_totals",
        "metric_periods",
        "hubs",
        "metrics",
        "year_bounds",
        "plan_vs_actual",
        "comparable_figures",
        "derived_ratios",
    }
    for spec in data.QUERIES.values():
        assert spec.sql.startswith("-- "), spec.name


def test_every_macro_file_is_one_documented_create_macro_named_after_the_file():
    """queries/macros/x.sql runs as a statement when the database is built: a header, then `create macro x(`."""
    macros = sorted((data.QUERIES_DIR / "macros").glob("*.sql"))
    assert [m.stem for m in macros] == ["exact_period", "sources_selection"]
    for path in macros:
        text = path.read_text(encoding="utf-8")
        body = "\n".join(line for line in text.splitlines() if not line.startswith("--")).strip()
        assert text.startswith("-- ") and "-- params:" in text and "-- grain:" in text, path.name
        assert body.startswith(f"create macro {path.stem}("), path.name
        assert body.count(";") == 0, path.name


def test_sources_selection_macro_marks_search_hits_within_the_selection(query_data):
    """The macro returns the chosen hub's rows only, each flagged by the search; the rows query keeps the flagged."""
    con = data.database(data.data_dir())
    with con.cursor() as cur:
        chosen = cur.execute(
            "select figure_id, source_id, is_found from sources_selection(['h_a'], $kinds, 2000, 2100, 'h_a', [], [])"
            " order by all",
            {"kinds": ALL_KINDS},
        ).fetchall()
        none_found = cur.execute(
            "select count(*) filter (where is_found), count(*) "
            "from sources_selection(['h_a'], $kinds, 2000, 2100, 'no such text', [], [])",
            {"kinds": ALL_KINDS},
        ).fetchone()
        hub_ids = {
            r[0]
            for r in cur.execute(
                "select distinct hub_id from sources_selection(['h_a'], $kinds, 2000, 2100, '', [], [])",
                {"kinds": ALL_KINDS},
            ).fetchall()
        }
    assert chosen and all(found for _, _, found in chosen)
    assert none_found == (0, len(chosen))
    assert hub_ids == {"h_a"}


def test_figures_by_hub_year_filters_by_family_hub_kind_and_overlap(query_data):
    """Only actual budget figures of hub A overlapping 2020 come back."""
    got = data.query(
        "figures_by_hub_year",
        families=["budgets"],
        metrics=[],
        hubs=["h_a"],
        kinds=["actual"],
        year_from=2020,
        year_to=2020,
    )
    assert rows(got, ["figure_id", "value", "n_sources", "n_versions", "is_span"]) == [
        ("B1", 1e10, 2, 1, False),
    ]


def test_figures_by_hub_year_keeps_spans_that_overlap_the_range(query_data):
    """A 2020–2022 cumulative figure overlaps 2021 and is returned as one span, not split."""
    got = data.query(
        "figures_by_hub_year",
        families=["budgets"],
        metrics=["budget_total"],
        hubs=["h_a"],
        kinds=ALL_KINDS,
        year_from=2021,
        year_to=2021,
    )
    assert rows(got, ["figure_id", "period_start", "period_end", "is_span", "kind"]) == [
        ("B2", 2020, 2022, True, "cumulative_actual"),
        ("B4", 2021, 2021, False, "plan"),
    ]


def test_conflicting_versions_are_all_kept_and_counted(query_data):
    """Hub C's two 2020 budget versions both come back, each marked as one of two versions."""
    got = data.query(
        "figures_by_hub_year", families=[], metrics=[], hubs=["h_c"], kinds=ALL_KINDS, year_from=2000, year_to=2030
    )
    assert rows(got, ["figure_id", "value", "n_versions"]) == [("B7", 7e9, 2), ("B8", 7.5e9, 2)]


def test_series_are_separate_figures_not_conflicting_versions(query_data):
    """Two named parts of one hub's 2020 budget are one version each, and carry their series name."""
    got = data.query(
        "figures_by_hub_year", families=[], metrics=[], hubs=["h_d"], kinds=ALL_KINDS, year_from=2000, year_to=2030
    )
    assert rows(got, ["figure_id", "series", "n_versions"]) == [("B11", "운영비", 1), ("B12", "장비비", 1)]


def test_part_year_figure_is_flagged_and_not_a_version_of_the_full_year(query_data):
    """434억 to September and 521억 for the whole year are different periods, not conflicting versions."""
    got = data.query(
        "figures_by_hub_year",
        families=["outcomes"],
        metrics=["investment_attracted"],
        hubs=[],
        kinds=["actual"],
        year_from=2020,
        year_to=2020,
    )
    assert rows(got, ["figure_id", "end_month", "is_part_year", "n_versions"]) == [
        ("O1", 9, True, 1),
        ("O2", 12, False, 1),
    ]


def test_latest_actual_by_hub_prefers_latest_period_then_actual_over_cumulative(query_data):
    """Per metric the latest actual wins; within a family rank 1 is the most recent figure."""
    got = data.query("latest_actual_by_hub", hubs=["h_a"])
    assert rows(got, ["family", "metric", "figure_id", "family_rank"]) == [
        ("budgets", "budget_total", "B2", 1),
        ("firms", "firms_resident", "F2", 1),
        ("outcomes", "firm_sales", "O3", 1),
        ("outcomes", "investment_attracted", "O2", 2),
        ("personnel", "jobs_created", "P3", 1),
    ]


def test_coverage_matrix_marks_each_cell_and_keeps_missing(query_data):
    """Actual beats cumulative beats plan; years with nothing are 'missing', never dropped."""
    got = data.query("coverage_matrix", hubs=["h_a"], year_from=2019, year_to=2022)
    marks = {(r.family, r.year): r.mark for r in got.itertuples()}
    assert len(got) == 16
    years = (2019, 2020, 2021, 2022)
    assert {
        family: [marks[(family, y)] for y in years] for family in ("budgets", "firms", "personnel", "outcomes")
    } == {
        "budgets": ["missing", "actual", "cumulative", "cumulative"],
        "firms": ["missing", "actual", "actual", "missing"],
        "personnel": ["cumulative", "actual", "plan_target", "missing"],
        "outcomes": ["missing", "actual", "missing", "missing"],
    }


def test_figures_with_sources_lists_every_source_primary_first(query_data):
    """B1 was reported by two outlets: two rows, the primary first, each with its own quote."""
    got = data.query("figures_with_sources", hubs=["h_a"], kinds=["actual"], year_from=2020, year_to=2020)
    b1 = got[got.figure_id == "B1"]
    assert rows(b1, ["source_id", "is_primary", "publisher", "quote"]) == [
        ("S1", True, "가신문", "올해 예산 100억원"),
        ("S2", False, "나일보", "예산 100억원"),
    ]


def budget_region_totals(kind: str, period_start: int, period_end: int):
    """The `region_totals` query for budget_total figures of one kind over whole years, every hub chosen."""
    return data.query(
        "region_totals",
        metric="budget_total",
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        start_month=1,
        end_month=12,
        hubs=[],
    )


def test_region_totals_never_add_cumulative_to_annual_or_aggregate_to_members(query_data):
    """2020 actual budgets per province: Seoul 100억+50억 (not +900억 cumulative); Gyeongnam only its zone,
    not the 300억 all-zones aggregate; Gwangju (two versions) and Ulsan (two parts of one plan) get no total."""
    got = budget_region_totals("actual", 2020, 2020)
    assert rows(got, ["region_code", "n_hubs", "has_conflicting_versions", "total"]) == [
        ("11", 2, False, 1.5e10),
        ("24", 1, True, None),
        ("26", 1, True, None),
        ("38", 1, False, 3e9),
    ]


def test_region_totals_for_a_cumulative_period_use_only_that_period(query_data):
    """The 2020–2022 cumulative total is its own figure, not the sum of annual figures."""
    got = budget_region_totals("cumulative_actual", 2020, 2022)
    assert rows(got, ["region_code", "n_hubs", "total"]) == [("11", 1, 5e10)]


def test_metric_periods_count_single_hubs_apart_from_aggregates(query_data):
    """Six hubs report a 2020 actual budget, five of them single hubs (the aggregate is counted apart)."""
    got = data.query("metric_periods")
    row = got[(got.metric == "budget_total") & (got.kind == "actual") & (got.period_start == 2020)]
    assert rows(row, ["n_single_hubs", "n_hubs", "n_figures"]) == [(5, 6, 8)]


def test_hubs_metrics_and_year_bounds(query_data):
    """Dimension queries: figure counts per hub and metric, and the year range covered."""
    hubs = data.query("hubs")
    assert dict(zip(hubs.hub_id, hubs.n_figures)) == {"h_a": 12, "h_c": 2, "h_b": 3, "agg": 1, "h_m": 1, "h_d": 2}
    metrics = data.query("metrics")
    assert dict(zip(metrics.metric, metrics.n_figures))["budget_total"] == 12
    assert rows(data.query("year_bounds"), ["year_min", "year_max"]) == [(2018, 2022)]


def test_plan_vs_actual_pairs_only_the_same_period(query_data):
    """Hub A's 2020 plan (110억) pairs with the 2020 actual (100억); the 2021 plan has no actual."""
    got = data.query("plan_vs_actual", hubs=[], families=[])
    assert rows(got, ["plan_figure_id", "actual_figure_id", "plan_value", "actual_value"]) == [
        ("B9", "B1", 1.1e10, 1e10),
    ]
    assert got.ratio.iloc[0] == pytest.approx(10 / 11)


def test_derived_ratio_pairs_same_kind_and_exact_period_only(query_data):
    """Investment per resident firm: the full-year 521억 pairs with 80 firms; the part-year 434억 does not."""
    got = data.query("derived_ratios", hubs=[], numerator="investment_attracted", denominator="firms_resident")
    assert rows(got, ["numerator_figure_id", "denominator_figure_id"]) == [("O2", "F1")]
    assert got.ratio.iloc[0] == pytest.approx(52100000000 / 80)


def test_comparable_figures_group_by_metric_kind_and_exact_period(query_data):
    """A and B share a 2020 actual budget; B's full-year 2021 firms and A's half-year 2021 firms do not match."""
    got = data.query("comparable_figures", hubs=["h_a", "h_b"], kinds=["actual"])
    groups = dict(zip(got.figure_id, got.n_hubs_in_group))
    assert groups["B1"] == 2 and groups["B3"] == 2
    assert groups["F2"] == 1 and groups["F3"] == 1


def test_unknown_or_missing_params_are_refused(query_data):
    """Params are checked against the header before anything runs."""
    with pytest.raises(TypeError):
        data.query("year_bounds", hubs=[])
    with pytest.raises(KeyError):
        data.query("no_such_query")


def test_database_refuses_file_access_after_loading(query_data):
    """Once loaded, the database cannot read files: a query that tries is refused."""
    con = data.database(str(query_data))
    with con.cursor() as cur, pytest.raises(duckdb.Error):
        cur.execute("select * from read_csv($path)", {"path": str(query_data / "hubs.csv")}).fetchall()
    with con.cursor() as cur, pytest.raises(duckdb.Error):
        cur.execute("SET enable_external_access = true")
