"""Where the time goes: cProfile of the data load and of page runs, summarised for the report's "what bounds it"."""

from __future__ import annotations

import cProfile
import pstats
import time
from dataclasses import dataclass
from pathlib import Path

from bench import pages_bench

PROFILE_PAGE = Path(__file__).resolve().parent / "profile_page.py"
TARGET_KEY = "_bench_profile_target"
ROOT = str(Path(__file__).resolve().parent.parent)

# Filled by profile_page.py: the script thread's profiler, keyed by the page it ran.
RESULTS: dict[str, cProfile.Profile] = {}


@dataclass
class Hotspot:
    """One function's share of a profiled run."""

    where: str
    cumulative: float
    own: float
    calls: int


@dataclass
class Profile:
    """A profiled run: its wall time and its heaviest functions (ours, and any code by own time)."""

    what: str
    seconds: float
    ours: list[Hotspot]
    anywhere: list[Hotspot]


def _where(func: tuple) -> str:
    file, line, name = func
    if file.startswith(ROOT):
        file = file[len(ROOT) + 1 :]
    elif "site-packages/" in file:
        file = file.split("site-packages/", 1)[1]
    return f"{file}:{line} {name}" if line else name


def summarise(what: str, seconds: float, profiler: cProfile.Profile, n: int = 8) -> Profile:
    """The `n` heaviest functions of our code (dashboard/, pages/) by cumulative time, and of any code by own time."""
    stats = pstats.Stats(profiler).stats  # {func: (primitive calls, calls, own, cumulative, callers)}
    rows = [(func, calls, own, cum) for func, (_, calls, own, cum, _) in stats.items()]
    ours = [r for r in rows if r[0][0].startswith((f"{ROOT}/dashboard/", f"{ROOT}/pages/"))]
    ours.sort(key=lambda r: -r[3])
    rows.sort(key=lambda r: -r[2])
    to_spot = lambda r: Hotspot(_where(r[0]), r[3], r[2], r[1])  # noqa: E731
    return Profile(what, seconds, [to_spot(r) for r in ours[:n]], [to_spot(r) for r in rows[:n]])


def profile_load(directory: str, label: str) -> Profile:
    """cProfile of one `data.build_database(directory)` (validation + load) in this process."""
    from dashboard import data

    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    try:
        data.build_database(directory)
    finally:
        profiler.disable()
    return summarise(f"load + validation, {label}", time.perf_counter() - start, profiler)


def profile_page(script: Path, years: tuple[int, int], label: str) -> Profile | None:
    """cProfile of one warm rerun of `script` (its queries already cached), run in the script thread."""
    at = pages_bench.seeded(PROFILE_PAGE, years, {TARGET_KEY: str(script)})
    at.run()
    RESULTS.pop(str(script), None)
    start = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - start
    profiler = RESULTS.pop(str(script), None)
    if profiler is None or len(at.exception):
        return None
    return summarise(f"{script.stem} page rerun, {label}", seconds, profiler)
