"""The query layer's own caches (data.py): one database per folder built once, results kept per upload digest and
handed out as copies, an upload's results dropped with it. No Streamlit cache is involved."""

from __future__ import annotations

import threading
import time

import pytest

from dashboard import data


@pytest.fixture
def fresh_caches():
    data.clear_caches()
    yield
    data.clear_caches()


def test_sessions_asking_at_once_share_one_build(monkeypatch, fresh_caches, tmp_path):
    """Four sessions asking for a database another is building wait for that build: one build, one object."""
    builds = []

    def slow_build(directory):
        builds.append(directory)
        time.sleep(0.2)
        return object()

    monkeypatch.setattr(data, "build_database", slow_build)
    got = []
    threads = [threading.Thread(target=lambda: got.append(data.database(str(tmp_path)))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert builds == [str(tmp_path)]
    assert len(got) == 4 and all(g is got[0] for g in got)


def test_a_folder_that_fails_is_not_kept(monkeypatch, fresh_caches, tmp_path):
    """A broken folder raises each time it is asked for; once fixed, the next call builds it."""
    outcomes = [data.DataProblems(str(tmp_path), ["broken"]), "database"]

    def build(directory):
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr(data, "build_database", build)
    with pytest.raises(data.DataProblems):
        data.database(str(tmp_path))
    assert data.database(str(tmp_path)) == "database"
    assert data.database(str(tmp_path)) == "database" and outcomes == []


def test_a_kept_result_is_a_copy_each_time(query_data, fresh_caches, monkeypatch):
    """A caller changing its frame changes no other caller's; the second call runs no query."""
    first = data.query("hubs")
    runs = []
    real = data._run_query
    monkeypatch.setattr(data, "_run_query", lambda *a: runs.append(a) or real(*a))
    first.iloc[0, 0] = "changed"
    first["extra"] = 1
    second = data.query("hubs")
    assert runs == []
    assert "extra" not in second.columns and second.iloc[0, 0] != "changed"


def test_an_uploads_results_go_with_it_and_the_bundled_ones_stay(fresh_caches):
    """forget_uploads drops that digest's results only; the bundled data's ("") are never dropped by it."""
    for user_key in ("", "u1", "u2"):
        data._kept_result(user_key, ("q",), lambda: data.pd.DataFrame({"a": [1]}))
    data.forget_uploads("u1")
    data.forget_uploads("")
    assert set(data._RESULTS) == {"", "u2"}


def test_each_upload_keeps_a_bounded_number_of_results(fresh_caches, monkeypatch):
    monkeypatch.setattr(data, "_RESULTS_PER_UPLOAD", 3)
    for i in range(5):
        data._kept_result("u1", (i,), lambda: data.pd.DataFrame({"a": [1]}))
    assert list(data._RESULTS["u1"]) == [(2,), (3,), (4,)]
