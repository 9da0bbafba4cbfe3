"""First visit: the Overview sends its key numbers (cards) before any chart; the cold-start benchmark's summary
(bench/cold_start.py) reports median and spread per phase and per checkout."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from bench import cold_start
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def test_the_overview_sends_its_cards_before_any_chart_and_the_grid_only_on_demand(monkeypatch):
    """Streamlit sends elements as the script makes them: the key numbers go out before the map is built, and a
    first visit draws the map alone (the coverage grid, drawn in the same render, held the map's paint back)."""
    monkeypatch.delenv("HUBS_DATA_DIR", raising=False)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    nodes = list(_walk(at.main))
    # A card's family block starts with the family's name in small grey text (overview_view.family_figure_text).
    values = [
        i
        for i, n in enumerate(nodes)
        if n.type == "markdown" and n.value.startswith(":small[:gray[") and "#####" in n.value
    ]
    charts = [i for i, n in enumerate(nodes) if n.type == "plotly_chart"]
    assert values and len(charts) == 1
    assert max(values) < min(charts)
    expanders = [i for i, n in enumerate(nodes) if n.type == "expander"]
    assert len(expanders) == 1 and expanders[0] > max(charts)


def _phases(healthy, frame, numbers, requested, fetched, chart):
    return cold_start.Phases(healthy, frame, numbers, requested, fetched, chart)


def test_summary_is_median_min_and_max_over_the_runs_that_saw_the_phase():
    runs = [
        _phases(1.0, 2.0, 3.0, 3.5, 4.0, 6.0),
        _phases(2.0, 3.0, 5.0, None, None, 7.0),
        _phases(1.5, 2.2, 4.0, 3.1, 3.9, 9.0),
    ]
    s = cold_start.summary(runs)
    assert s["healthy"] == (1.5, 1.0, 2.0)
    assert s["numbers"] == (4.0, 3.0, 5.0)
    assert s["plotly_fetched"] == (3.95, 3.9, 4.0)  # two runs saw it
    assert s["chart"] == (7.0, 6.0, 9.0)
    assert s["running"] is None


def test_markdown_has_one_column_per_checkout_and_the_steps_within_runs():
    a = [_phases(1.0, 2.0, 3.0, 3.5, 4.0, 6.0)]
    b = [_phases(1.0, 2.0, 2.5, 2.75, 3.0, 4.5), _phases(1.0, 2.0, 3.5, 3.75, 4.0, 5.5)]
    lines = cold_start.markdown({"old": a, "new": b}).splitlines()
    assert lines[0] == "| phase (s since process start) | old (n=1) | new (n=2) |"
    assert "| → key numbers (cards) as text | 3.00 (3.00–3.00) | 3.00 (2.50–3.50) |" in lines
    assert "| → first chart drawn | 6.00 (6.00–6.00) | 5.00 (4.50–5.50) |" in lines
    assert "| step: key numbers → first chart | 3.00 (3.00–3.00) | 2.00 (2.00–2.00) |" in lines


def test_the_phases_are_reported_in_the_order_a_first_visit_goes_through():
    assert cold_start.PHASES == (
        "healthy",
        "frame",
        "numbers",
        "plotly_requested",
        "plotly_fetched",
        "plotly_evaluated",
        "chart",
        "complete",
    )
    table = cold_start.markdown({"x": [_phases(1.0, 2.0, 3.0, 3.5, 4.0, 6.0)]}).splitlines()
    assert [line.split(" | ")[0] for line in table[2:10]] == [
        f"| {cold_start.PHASE_TEXT[p]}" for p in cold_start.PHASES
    ]


def test_evaluation_and_page_complete_are_their_own_phases_and_steps():
    run = cold_start.Phases(1.0, 2.0, 3.0, 3.25, 3.5, 6.0, plotly_evaluated=5.0, complete=7.5)
    lines = cold_start.markdown({"x": [run]}).splitlines()
    assert "| → Plotly bundle evaluated | 5.00 (5.00–5.00) |" in lines
    assert "| → page complete (script done, every chart drawn) | 7.50 (7.50–7.50) |" in lines
    assert "| step: bundle fetched → evaluated | 1.50 (1.50–1.50) |" in lines
    assert "| step: bundle evaluated → first chart | 1.00 (1.00–1.00) |" in lines
    assert "| step: first chart → page complete | 1.50 (1.50–1.50) |" in lines
    assert cold_start.out_of_order(run) == []


def test_a_run_with_phases_out_of_order_is_flagged():
    # The chart painted before plotly.js had run, and the page complete before its first chart: both impossible.
    run = cold_start.Phases(1.0, 2.0, 3.0, 3.25, 3.5, 4.0, plotly_evaluated=4.5, complete=3.9)
    assert cold_start.out_of_order(run) == ["plotly_evaluated > chart", "chart > complete"]
    assert "OUT OF ORDER: plotly_evaluated > chart, chart > complete" in cold_start._line("x", run)


def test_the_benchmark_waits_for_the_page_to_be_complete_and_records_plotlys_evaluation():
    assert "complete !== null" in cold_start._DONE
    assert "Object.defineProperty(window, 'Plotly'" in cold_start.RECORDER
