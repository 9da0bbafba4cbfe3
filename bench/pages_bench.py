"""Server-side run time of page scripts under streamlit.testing AppTest: every page, the floor and the pandas peer."""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench import floor
from dashboard import filters

ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = ROOT / "pages"
EMPTY_PAGE = Path(__file__).resolve().parent / "empty_page.py"
PEER_PAGE = Path(__file__).resolve().parent / "pandas_budgets.py"
SEED_KINDS = ["actual", "plan"]
TIMEOUT = 600  # seconds for one AppTest run: a page at 1M figures can be slow, and the benchmark must not hang


@dataclass
class Timing:
    """Repeated run times of one script on one data folder (seconds), plus what the runs drew."""

    script: str
    data: str
    times: list[float] = field(default_factory=list)
    first: float | None = None  # the warm-up run: caches of this page's queries still empty
    error: str | None = None
    charts: int | None = None
    figure_ids: set[str] = field(default_factory=set)
    timed_out: bool = False
    timeout: float | None = None  # the time box a run exceeded, when timed_out


def quiet_streamlit() -> None:
    """Drop the warnings AppTest and bare-mode caching log on every run (Streamlit resets log levels itself)."""
    for name in (
        "streamlit.runtime.scriptrunner_utils.script_run_context",
        "streamlit.runtime.caching.cache_data_api",
        "streamlit.runtime.caching.cache_resource_api",
    ):
        logging.getLogger(name).addFilter(lambda record: record.levelno >= logging.ERROR)


@contextmanager
def data_folder(directory: str | None):
    """Point the app at `directory` (None = the bundled data/) for the duration."""
    before = os.environ.get("HUBS_DATA_DIR")
    if directory:
        os.environ["HUBS_DATA_DIR"] = str(directory)
    else:
        os.environ.pop("HUBS_DATA_DIR", None)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("HUBS_DATA_DIR", None)
        else:
            os.environ["HUBS_DATA_DIR"] = before


def page_scripts() -> list[Path]:
    """Every page script that exists right now (pages are still being written)."""
    return sorted(PAGES_DIR.glob("*.py"))


def year_range() -> tuple[int, int]:
    """The data folder's full year range, as the sidebar's default."""
    from dashboard import data

    row = data.query("year_bounds").iloc[0]
    return int(row["year_min"]), int(row["year_max"])


def seeded(script: Path, years: tuple[int, int], extra: dict | None = None) -> AppTest:
    """An AppTest of `script` with the shared filters seeded: all hubs, full years, kinds actual + plan, Korean."""
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    # The sidebar's widget keys (also the URL's parameter names), as a visitor's choices would set them.
    at.session_state[filters.LANG] = "ko"
    at.session_state[filters.REGION] = []
    at.session_state[filters.HUB] = []
    at.session_state[filters.YEARS] = list(years)
    at.session_state[filters.KINDS] = list(SEED_KINDS)
    for key, value in (extra or {}).items():
        at.session_state[key] = value
    return at


def _error(at: AppTest) -> str | None:
    if len(at.exception):
        message = at.exception[0].message or ""
        return message.splitlines()[0][:200] if message else "exception"
    return None


def _drawn(at: AppTest) -> tuple[int, set[str]]:
    ids: set[str] = set()
    charts = at.get("plotly_chart")
    for chart in charts:
        spec = json.loads(chart.proto.spec)
        for trace in spec.get("data", []):
            ids.update(c for c in (trace.get("customdata") or []) if isinstance(c, str))
    return len(charts), ids


def time_script(
    script: Path,
    data_label: str,
    years: tuple[int, int],
    n: int,
    *,
    extra: dict | None = None,
    label: str | None = None,
    budget: float | None = None,
    timeout: float = TIMEOUT,
) -> Timing:
    """Run `script` once to warm up, then up to `n` timed reruns of the same session (at.run() wall time).

    With `budget` (seconds), stop early once the runs so far took longer than that (at least one timed run).
    A run longer than `timeout` seconds ends the measurement with `timed_out` set.
    """
    result = Timing(label or script.stem, data_label)
    at = seeded(script, years, extra)
    at.default_timeout = timeout
    try:
        begin = start = time.perf_counter()
        at.run()
        result.first = time.perf_counter() - start
        result.error = _error(at)
        if result.error:
            return result
        result.charts, result.figure_ids = _drawn(at)
        for _ in range(n):
            if budget is not None and result.times and time.perf_counter() - begin > budget:
                break
            start = time.perf_counter()
            at.run()
            result.times.append(time.perf_counter() - start)
            result.error = _error(at)
            if result.error:
                break
    except Exception as exc:  # noqa: BLE001 - a broken or unfinished page is reported, not fatal to the benchmark
        text = str(exc).splitlines()[0][:200] if str(exc) else ""
        result.timed_out = "timed out" in text
        result.timeout = timeout if result.timed_out else None
        result.error = (
            f"longer than {timeout:.0f} s (run stopped)" if result.timed_out else f"{type(exc).__name__}: {text}"
        )
    return result


def time_floor(layout: str, data_label: str, years: tuple[int, int], n: int, budget: float | None = None) -> Timing:
    """The floor page in `layout`: its warm-up run makes the views, the timed runs only draw them."""
    if not (PAGES_DIR / f"{layout}.py").exists():
        return Timing(f"floor:{layout}", data_label, error=f"pages/{layout}.py does not exist")
    floor.VIEWS.pop(layout, None)
    return time_script(
        floor.FLOOR_PAGE, data_label, years, n, extra={floor.LAYOUT_KEY: layout}, label=f"floor:{layout}", budget=budget
    )


def _from_record(record: dict) -> Timing:
    record = dict(record)
    record["figure_ids"] = set(record.get("figure_ids") or ())
    return Timing(**{f.name: record[f.name] for f in fields(Timing) if f.name in record})


def time_in_children(
    directory: str, label: str, scripts: list[Path], n: int, budget: float, timeout: float, section_budget: float
) -> dict[str, Timing]:
    """Time `scripts` on `directory` in child processes (bench.pages_child), within `section_budget` seconds.

    The database is built once per child. A child stops after a run that timed out and a new one takes the
    scripts left; scripts not reached before the section's budget runs out are reported as not measured.
    """
    results: dict[str, Timing] = {}
    remaining = list(scripts)
    deadline = time.monotonic() + section_budget
    log_path = ROOT / "bench" / "results" / f"pages-child-{label}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        while remaining and time.monotonic() < deadline:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "bench.pages_child",
                    str(directory),
                    label,
                    str(n),
                    str(budget),
                    str(timeout),
                    *map(str, remaining),
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
            lines: queue.Queue = queue.Queue()
            reader = threading.Thread(
                target=lambda lines=lines, proc=proc: [lines.put(x) for x in proc.stdout] + [lines.put(None)],
                daemon=True,
            )
            reader.start()
            progressed = False
            while True:
                try:
                    line = lines.get(timeout=max(deadline - time.monotonic(), 0.01))
                except queue.Empty:
                    proc.kill()  # this child only: the section's budget is spent
                    break
                if line is None:
                    break
                timing = _from_record(json.loads(line))
                results[timing.script] = timing
                remaining = [s for s in remaining if s.stem != timing.script]
                progressed = True
            proc.wait()
            if remaining and not progressed and proc.returncode not in (None, 0, -9):
                first = remaining.pop(0)
                results[first.stem] = Timing(
                    first.stem,
                    label,
                    error=f"child process failed ({proc.returncode}); see {log_path.relative_to(ROOT)}",
                )
    for script in remaining:
        results[script.stem] = Timing(script.stem, label, error="not measured: the section's time budget ran out")
    return results
