"""The benchmark's synthetic data: valid, exactly the requested size, varied enough, and never written into data/."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from bench import synth
from dashboard import schema, validate

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def figures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return pd.concat([tables[f] for f in schema.FAMILIES], ignore_index=True)


@pytest.mark.parametrize("n", [1, 137, 2_000])
def test_folder_passes_the_validator_with_exactly_n_figures(tmp_path, n):
    """Every contract file is written, the validator finds no problem, and the fact tables hold n rows."""
    synth.write_data(tmp_path, n, n_hubs=24, n_sources=5)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(schema.file_name(t) for t in schema.TABLES)
    tables, problems = validate.read_tables(tmp_path)
    assert [str(p) for p in problems] == []
    assert len(figures(tables)) == n
    assert figures(tables)["figure_id"].is_unique


def test_counts_returned_match_the_files(tmp_path):
    """The per-file counts write_data returns are the rows actually written."""
    counts = synth.write_data(tmp_path, 500, n_hubs=30, n_sources=4)
    tables, _ = validate.read_tables(tmp_path)
    for table in (*schema.FAMILIES, "hubs", "sources", "figure_sources"):
        assert counts[table] == len(tables[table]), table


def test_data_has_spans_part_years_versions_and_nested_aggregates(tmp_path):
    """The shapes the app must handle all occur: spans, part-years, conflicting versions, every kind, aggregates."""
    synth.write_data(tmp_path, 3_000, n_hubs=60)
    tables, problems = validate.read_tables(tmp_path)
    assert problems == []
    facts = figures(tables)
    assert (facts["period_start"] < facts["period_end"]).any()
    assert (facts["period_start_month"].notna() | facts["period_end_month"].notna()).any()
    assert set(facts["kind"]) == set(schema.KINDS)
    key = ["hub_id", "metric", "kind", "period_start", "period_end", "period_start_month", "period_end_month"]
    assert (facts.groupby(key, dropna=False)["value"].nunique() > 1).any()
    hubs = tables["hubs"]
    aggregates = set(hubs.loc[hubs["hub_type"] == "aggregate", "hub_id"])
    members = hubs.loc[hubs["member_of"].notna()]
    assert set(members["member_of"]) <= aggregates
    assert members["hub_id"].isin(aggregates).any()  # an aggregate inside another: containment is nested
    assert (members["hub_type"] == "hub").any()
    assert len(tables["figure_sources"]) > 0
    assert set(hubs["region_code"]) - {schema.NATIONAL_REGION} == set(schema.REGIONS) - {schema.NATIONAL_REGION}


def test_same_seed_same_bytes(tmp_path):
    """Generation is deterministic, so two benchmark runs measure the same data."""
    synth.write_data(tmp_path / "one", 400, n_hubs=20)
    synth.write_data(tmp_path / "two", 400, n_hubs=20)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_never_writes_under_data(tmp_path):
    """Generating elsewhere leaves data/ untouched, and data/ itself (or a folder inside it) is refused."""
    before = snapshot(DATA)
    synth.write_data(tmp_path, 50, n_hubs=10)
    for target in (DATA, DATA / "synthetic"):
        with pytest.raises(ValueError, match="refusing"):
            synth.write_data(target, 50, n_hubs=10)
    assert not (DATA / "synthetic").exists()
    assert snapshot(DATA) == before
