"""The load: every fact file read in blocks, checked batch by batch and stored in DuckDB row group by row group
holds exactly the rows of the files (read here with pandas), and problems in late blocks point at their lines."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from bench import synth
from dashboard import data, schema
from dashboard.validate import csv_reader

N_FIGURES = 3_000


@pytest.fixture(scope="module")
def clean_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic") / "clean"
    synth.write_data(folder, N_FIGURES)
    return folder


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks, row groups and checkpoint overlap small enough that 3,000 figures cross every boundary."""
    monkeypatch.setattr(csv_reader, "BLOCK_BYTES", 8_192)
    monkeypatch.setattr(data, "_ROW_GROUP", 300)
    monkeypatch.setattr(data, "_ROWS_DURING_CHECKPOINT", 200)


def file_rows(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_every_row_of_every_file_is_stored_once(clean_folder, small_blocks):
    """Each family's figures in DuckDB are the file's rows: same ids, values and quotes, none twice, none lost."""
    con = data.build_database(str(clean_folder))
    assert con.execute("select count(*) from figures").fetchone()[0] == N_FIGURES
    for family in schema.FAMILIES:
        expected = file_rows(clean_folder / f"{family}.csv").sort_values("figure_id")
        stored = con.execute(
            "select figure_id, value, quote from figures where family = $f order by figure_id", {"f": family}
        ).df()
        assert len(expected) > 100, family  # several blocks of 8 KB
        assert stored["figure_id"].tolist() == expected["figure_id"].tolist(), family
        assert stored["value"].tolist() == [float(v) for v in expected["value"]], family
        assert stored["quote"].tolist() == expected["quote"].tolist(), family
    for name in ("hubs", "sources", "metrics", "figure_sources"):
        count = con.execute(f'select count(*) from "{name}"').fetchone()[0]
        assert count == len(file_rows(clean_folder / f"{name}.csv")) > 0, name


def test_problems_in_late_blocks_name_their_lines(clean_folder, small_blocks, tmp_path):
    """A blank line and a quoted line break early in firms.csv shift the lines of every later row; problems in the
    first and last blocks and across files carry the lines counted here by hand."""
    folder = tmp_path / "broken"
    shutil.copytree(clean_folder, folder)
    budgets = file_rows(folder / "budgets.csv")
    firms = file_rows(folder / "firms.csv")
    assert len(budgets) > 400 and len(firms) > 400
    budgets.loc[5, "value"] = "-3"  # first block: row 5 is on line 7 (the header is line 1)
    last = len(budgets) - 3
    budgets.loc[last, "unit"] = "furlongs"
    firms.loc[10, "quote"] = "two\nlines"  # row 10 takes two lines: every later row is one line further down
    firms.loc[300, "figure_id"] = budgets.loc[200, "figure_id"]
    firms.loc[len(firms) - 1, "kind"] = "guess"
    budgets.to_csv(folder / "budgets.csv", index=False)
    text = firms.to_csv(index=False)
    lines = text.split("\n")
    lines.insert(4, "")  # a blank line after row 2 (line 4): rows from 3 on one more line down
    (folder / "firms.csv").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(data.DataProblems) as raised:
        data.build_database(str(folder))
    kinds = "actual, cumulative_actual, plan, target"
    units = "KRW, count, firms, persons, PF, m2"
    duplicate = budgets.loc[200, "figure_id"]
    assert [str(p) for p in raised.value.problems] == [
        "budgets.csv:7: value -3 is negative",
        f"budgets.csv:{last + 2}: unit 'furlongs' is not one of {units}",
        f"firms.csv:{300 + 2 + 1 + 1}: figure_id '{duplicate}' is already used at budgets.csv:{200 + 2}",
        f"firms.csv:{len(firms) - 1 + 2 + 1 + 1}: kind 'guess' is not one of {kinds}",
    ]
