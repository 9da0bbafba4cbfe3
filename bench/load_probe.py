"""Child process of the benchmark: build the database once from DATA_DIR and print timings and peak memory as JSON.

Run in a fresh interpreter per measurement, so VmHWM (the process's RSS high-water mark) belongs to this
one load and nothing else.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def _rss_kb(field: str = "VmRSS") -> int:
    # Resident set size from /proc in kB: VmRSS now, VmHWM the high-water mark.
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    return 0


def download(directory: str) -> int:
    """Build the database, then the Sources page's download of every figure (what its "prepare" button builds);
    prints its time and size, and the process's peak memory, which includes the load's."""
    os.environ["HUBS_DATA_DIR"] = directory
    from dashboard import data, sources_view

    data.database(directory)
    rss_loaded = _rss_kb()
    start = time.perf_counter()
    payload = sources_view.csv_bytes(sources_view.ALL_FIGURES, "", "ko")
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "what": "download",
                "seconds": seconds,
                "bytes": len(payload),
                "rows": sources_view.download_rows(sources_view.ALL_FIGURES, ""),
                "rss_loaded_kb": rss_loaded,
                "peak_rss_kb": _rss_kb("VmHWM"),
                "rss_end_kb": _rss_kb(),
            }
        )
    )
    return 0


def main(argv: list[str]) -> int:
    """`python -m bench.load_probe DATA_DIR [download]`: time the app's load of DATA_DIR (validation + DuckDB), or
    the Sources page's all-figures download after the load."""
    directory, what = argv[0], (argv[1] if len(argv) > 1 else "build")
    if what == "download":
        return download(directory)
    os.environ["HUBS_DATA_DIR"] = directory
    from dashboard import data

    base = _rss_kb()
    start = time.perf_counter()
    problems = 0
    try:
        data.database(directory)  # as the app loads it: validated, then stored in DuckDB
    except data.DataProblems as exc:
        problems = len(exc.problems)
    seconds = time.perf_counter() - start
    # VmHWM belongs to this program alone: ru_maxrss also keeps the RSS the forked parent had before exec (Linux
    # carries it over), so a benchmark process holding a large synthetic folder inflated every small load.
    peak = _rss_kb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows = 0 if problems else int(data.query("hubs")["n_figures"].sum())
    print(
        json.dumps(
            {
                "what": what,
                "seconds": seconds,
                "figures": rows,
                "problems": problems,
                "peak_rss_kb": peak,
                "rss_after_imports_kb": base,
                "rss_end_kb": _rss_kb(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
