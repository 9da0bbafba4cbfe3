"""Times the ways a query result becomes a pandas DataFrame (DuckDB's `.df()`, `fetch_df()`, Arrow then
`data.arrow_to_frame`) on the Sources page's all-figures rows: `python -m bench.frame_probe DATA_DIR [-n N]`."""

from __future__ import annotations

import argparse
import json
import time


def main(argv: list[str] | None = None) -> int:
    """Build DATA_DIR's database once, then run the all-figures Sources query N times each way; print JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.frame_probe", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("-n", type=int, default=3)
    args = parser.parse_args(argv)
    from dashboard import data, schema

    con = data.build_database(args.data_dir)
    params = {"hubs": [], "kinds": list(schema.KINDS), "year_from": schema.YEAR_MIN, "year_to": schema.YEAR_MAX}
    # The query's rows are kept in a temporary table first, so what is timed is the conversion, not the sort.
    with con.cursor() as cur:
        result = cur.sql(data.QUERIES["figures_with_sources"].sql, params=params).to_arrow_table()
    sql, params = "select * from probe_rows", {}
    ways = {
        "df": lambda cur: cur.execute(sql, params).df(),
        "fetch_df": lambda cur: cur.execute(sql, params).fetch_df(),
        "arrow+frame": lambda cur: data.arrow_to_frame(cur.sql(sql, params=params).to_arrow_table()),
    }
    report = {}
    for name, way in ways.items():
        times = []
        for _ in range(args.n):
            with con.cursor() as cur:
                cur.register("probe_rows", result)  # a registered table belongs to its cursor
                start = time.perf_counter()
                rows = len(way(cur))
                times.append(time.perf_counter() - start)
        report[name] = {"rows": rows, "median_s": sorted(times)[len(times) // 2], "times_s": times}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
