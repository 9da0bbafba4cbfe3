"""One fresh process on one folder (CSV or Parquet): load time, memory, and the first views of two pages.

    python -m bench.synth /tmp/synth1m 1000000
    python -m dashboard.to_parquet /tmp/synth1m /tmp/synth1m_pq
    python -m bench.parquet_probe /tmp/synth1m        # CSV: loaded into an in-memory DuckDB
    python -m bench.parquet_probe /tmp/synth1m_pq     # Parquet: views over the files

Prints one JSON line: load seconds (data.database), resident memory after the imports, once loaded and after the
pages, the peak (VmHWM), and the seconds to build the Overview's first views (Korean) and the Sources page's view
of every figure. Run each folder in its own process so the memory numbers belong to that folder alone.
"""

from __future__ import annotations

import json
import os
import sys
import time


def _rss_mb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) // 1024
    return 0


def main(argv: list[str]) -> int:
    directory = argv[0]
    os.environ["HUBS_DATA_DIR"] = directory
    from bench import pages_bench
    from dashboard import data, filters, overview_view, schema, sources_view

    pages_bench.quiet_streamlit()
    imported = _rss_mb("VmRSS")
    start = time.perf_counter()
    data.database(directory)
    load = time.perf_counter() - start
    loaded = _rss_mb("VmRSS")
    start = time.perf_counter()
    overview_view.build_first_views(filters.from_state({filters.LANG: "ko"}))
    overview = time.perf_counter() - start
    start = time.perf_counter()
    sources_view.figure_list(True, (), tuple(schema.KINDS), schema.YEAR_MIN, schema.YEAR_MAX, "", "ko")
    sources = time.perf_counter() - start
    print(
        json.dumps(
            {
                "dir": directory,
                "load_s": round(load, 2),
                "rss_after_imports_mb": imported,
                "rss_loaded_mb": loaded,
                "overview_first_views_s": round(overview, 2),
                "sources_view_s": round(sources, 2),
                "rss_after_pages_mb": _rss_mb("VmRSS"),
                "peak_mb": _rss_mb("VmHWM"),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
