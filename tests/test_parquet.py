"""The Parquet path: `python -m dashboard.to_parquet` converts a validated folder once; the app reads the Parquet
folder lazily through views and gives exactly the answers it gives on the CSV folder; nothing else is readable."""

from __future__ import annotations

import json

import duckdb
import pytest

from dashboard import data, memo, sources_view, to_parquet
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def parquet_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet")
    assert to_parquet.main([str(data.DEFAULT_DATA_DIR), str(out)]) == 0
    return out


def test_conversion_writes_every_table_and_the_manifest(parquet_dir):
    manifest = json.loads((parquet_dir / to_parquet.MANIFEST).read_text(encoding="utf-8"))
    con = data.build_database(str(data.DEFAULT_DATA_DIR))
    expected = {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in to_parquet.tables(con)}
    assert manifest["tables"] == expected
    assert set(expected) >= {"figures", "sources", "hubs", "metrics", "figure_sources"}
    assert sorted(p.name for p in parquet_dir.glob("*.parquet")) == sorted(f"{t}.parquet" for t in expected)


def test_parquet_folder_is_views_not_tables(parquet_dir):
    con = to_parquet.parquet_database(str(parquet_dir))
    assert to_parquet.tables(con) == []  # nothing copied into memory
    assert (
        con.execute("select count(*) from figures").fetchone()[0]
        == json.loads((parquet_dir / to_parquet.MANIFEST).read_text(encoding="utf-8"))["tables"]["figures"]
    )


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_queries_answer_the_same_on_parquet_and_csv(parquet_dir, monkeypatch, lang):
    answers = {}
    for folder in (str(data.DEFAULT_DATA_DIR), str(parquet_dir)):
        monkeypatch.setenv("HUBS_DATA_DIR", folder)
        memo.clear()
        answers[folder] = (
            sources_view.csv_bytes(sources_view.ALL_FIGURES, None, lang),
            sources_view.csv_bytes(sources_view.ALL_FIGURES, "광주", lang),
            data.query("hubs", cached=False).to_csv(index=False),
            data.query("metrics", cached=False).to_csv(index=False),
        )
    memo.clear()
    csv_answers, parquet_answers = answers.values()
    assert csv_answers[0].count(b"\n") > 400
    assert parquet_answers == csv_answers


def test_only_the_parquet_folder_is_readable(parquet_dir, tmp_path):
    con = to_parquet.parquet_database(str(parquet_dir))
    other = tmp_path / "other.csv"
    other.write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(duckdb.PermissionException):
        con.sql(f"select * from read_csv('{other}')").fetchall()
    with pytest.raises(duckdb.Error):
        con.execute("SET enable_external_access = true")


def test_an_invalid_folder_is_not_converted(tmp_path, capsys):
    out = tmp_path / "out"
    assert to_parquet.main([str(FIXTURES / "broken" / "bad_latitude"), str(out)]) == 1
    assert "problem" in capsys.readouterr().err
    assert not to_parquet.is_parquet_folder(out)


@pytest.mark.parametrize("page", ["overview", "sources", "budgets", "compare", "hub"])
def test_pages_run_on_the_parquet_folder(parquet_dir, monkeypatch, page):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("HUBS_DATA_DIR", str(parquet_dir))
    memo.clear()
    at = AppTest.from_file(str(data.DEFAULT_DATA_DIR.parent / "pages" / f"{page}.py"), default_timeout=60)
    at.run()
    memo.clear()
    assert not at.exception
    assert not at.error
    assert len(at.title) == 1


def test_a_damaged_parquet_folder_is_reported_by_file_not_raised(parquet_dir, tmp_path):
    import shutil

    broken = tmp_path / "broken"
    shutil.copytree(parquet_dir, broken)
    (broken / "hubs.parquet").unlink()
    (broken / "metrics.parquet").write_bytes(b"not parquet")
    with pytest.raises(data.DataProblems) as caught:
        to_parquet.parquet_database(str(broken))
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 2
    assert messages[0] == "hubs.parquet: missing (listed in hubs-parquet.json); convert the folder again"
    assert messages[1].startswith("metrics.parquet: not readable as Parquet: ")
    (broken / to_parquet.MANIFEST).write_text("{", encoding="utf-8")
    with pytest.raises(data.DataProblems) as caught:
        to_parquet.parquet_database(str(broken))
    assert [str(p) for p in caught.value.problems] == [
        "hubs-parquet.json: unreadable (JSONDecodeError); convert the folder again"
    ]
