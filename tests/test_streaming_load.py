"""The streaming load: fact files checked and stored batch by batch give the same database and messages as one pass."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from bench import synth
from dashboard import data, schema, validate

N_FIGURES = 3_000


def tables_of(con) -> dict[str, pd.DataFrame]:
    """Every table of the database as stored (insertion order, no sorting): order differences count too."""
    names = [r[0] for r in con.execute("select table_name from duckdb_tables() order by table_name").fetchall()]
    return {name: con.execute(f'select * from "{name}"').df() for name in names}


@pytest.fixture(scope="module")
def clean_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic") / "clean"
    synth.write_data(folder, N_FIGURES)
    return folder


@pytest.fixture
def small_batches(monkeypatch):
    """Batches, row groups and checkpoint overlap small enough that 3,000 figures cross every boundary."""
    monkeypatch.setattr(validate, "_BATCH_ROWS", 128)
    monkeypatch.setattr(data, "_ROW_GROUP", 300)
    monkeypatch.setattr(data, "_ROWS_DURING_CHECKPOINT", 200)


def test_small_batches_store_exactly_what_one_pass_stores(clean_folder, small_batches, monkeypatch):
    """The same tables, rows, order and types whether a file goes in 128 rows at a time or whole."""
    streamed = tables_of(data.build_database(str(clean_folder)))
    monkeypatch.setattr(validate, "_BATCH_ROWS", 10**9)
    monkeypatch.setattr(data, "_ROW_GROUP", 10**9)
    whole = tables_of(data.build_database(str(clean_folder)))
    assert set(streamed) == {"figures", *[t for t in schema.TABLE_ORDER if t not in schema.FAMILIES]}
    # Every row the validator read (no sink: its frames, file by file) is stored once, also the last file's.
    read, problems = validate.read_tables(str(clean_folder))
    assert problems == []
    assert len(streamed["figures"]) == N_FIGURES == sum(len(read[f]) for f in schema.FAMILIES)
    for name in streamed.keys() - {"figures"}:
        assert len(streamed[name]) == len(read[name]) > 0, name
    for name, frame in whole.items():
        pd.testing.assert_frame_equal(streamed[name], frame, check_exact=True, obj=name)


def test_a_file_that_turns_unusual_late_is_reread_and_stored_once(clean_folder, small_batches, tmp_path):
    """A blank line deep in firms.csv (after batches already went to DuckDB) sends the file down the careful
    path: the rows stored first are dropped and the database ends up identical to the clean folder's."""
    folder = tmp_path / "late-blank-line"
    shutil.copytree(clean_folder, folder)
    path = folder / "firms.csv"
    lines = path.read_bytes().split(b"\n")
    assert len(lines) > 1_000, "the blank line must come after several batches"
    lines.insert(len(lines) - 200, b"")
    path.write_bytes(b"\n".join(lines))
    expected = tables_of(data.build_database(str(clean_folder)))
    got = tables_of(data.build_database(str(folder)))
    assert len(got["figures"]) == N_FIGURES
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(got[name], frame, check_exact=True, obj=name)


def test_problems_in_later_batches_read_the_same_as_in_one_pass(clean_folder, small_batches, tmp_path, monkeypatch):
    """Problems spread over batches and files give the same FILE:LINE messages in the same order either way."""
    folder = tmp_path / "broken"
    shutil.copytree(clean_folder, folder)
    budgets = pd.read_csv(folder / "budgets.csv", dtype=str, keep_default_na=False)
    firms = pd.read_csv(folder / "firms.csv", dtype=str, keep_default_na=False)
    assert len(budgets) > 400 and len(firms) > 400
    budgets.loc[5, "value"] = "-3"  # early, first batch
    budgets.loc[len(budgets) - 3, "unit"] = "furlongs"  # late, last batch
    firms.loc[300, "figure_id"] = budgets.loc[200, "figure_id"]  # a duplicate across files
    firms.loc[len(firms) - 1, "kind"] = "guess"
    budgets.to_csv(folder / "budgets.csv", index=False)
    firms.to_csv(folder / "firms.csv", index=False)
    with pytest.raises(data.DataProblems) as streamed:
        data.build_database(str(folder))
    monkeypatch.setattr(validate, "_BATCH_ROWS", 10**9)
    _, whole = validate.read_tables(str(folder))
    messages = [str(p) for p in streamed.value.problems]
    assert messages == [str(p) for p in whole]
    assert len(messages) >= 4
    assert any("budgets.csv:" in m for m in messages) and any("firms.csv:" in m for m in messages)
