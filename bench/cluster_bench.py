"""One process against the cluster (`make cluster`'s HAProxy + N processes) under the same load, in one run.

    python -m bench.cluster_bench [--replicas 2] [--seconds 20] [--levels 10 30]

Both are started side by side (on the bundled data); for each level the concurrency measure (bench/concurrency.py:
closed-loop sessions over Streamlit's websocket, rerunning the Overview) runs against the single process, then
against the proxy. Each session is one websocket, so HAProxy spreads sessions over the processes as it spreads
visitors. Prints a Markdown table with reruns/s, p50, p95, errors and CPU, and the verdicts against the targets
(cluster ≥ 1.7x the reruns/s of one process, p95 ≤ 1 s at 30 sessions, 0 errors); raw numbers go to
bench/results/cluster.json. The load generator runs on the same machine and takes CPU of its own (reported).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time

from bench import concurrency
from bench.report import median, p95
from bench.server import LOGS, Server, free_port
from dashboard.cluster import Cluster

RATIO_TARGET = 1.7
P95_TARGET = 1.0  # seconds, at 30 sessions, on the cluster


def measure(url: str, pool: list, sessions: int, seconds: float, pids: list[int]) -> dict:
    before = [concurrency.cpu_seconds(p) for p in pids]
    client_before = time.process_time()
    level = concurrency.run_level(url, pool, sessions, seconds, max_runs=10**9)
    return {
        "sessions": sessions,
        "seconds": level.seconds,
        "runs": level.runs,
        "errors": level.errors,
        "per_second": level.per_second,
        "p50": median(level.latencies),
        "p95": p95(level.latencies),
        "error_samples": level.error_samples,
        "server_cpu": [concurrency.cpu_seconds(p) - b for p, b in zip(pids, before)],
        "client_cpu": time.process_time() - client_before,
    }


def load_average() -> str:
    with open("/proc/loadavg", encoding="ascii") as handle:
        return " ".join(handle.read().split()[:3])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cluster_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=20, help="length of each measured window")
    parser.add_argument("--levels", type=int, nargs="+", default=[10, 30])
    args = parser.parse_args(argv)

    single = Server(log_name="cluster-bench-single")
    port = free_port()
    cluster = Cluster(args.replicas, port, "127.0.0.1", restart=False, log_dir=LOGS / f"cluster-bench-{port}")
    results: dict[str, list[dict]] = {"single": [], "cluster": []}
    pools: dict[str, list] = {"single": [], "cluster": []}
    load_before = load_average()
    try:
        cluster.start()
        single.wait_healthy()
        if not cluster.wait_healthy():
            raise SystemExit("the cluster did not become healthy")
        time.sleep(3)  # HAProxy marks a process up after two good checks a second apart
        targets = {
            "single": (single.url, [single.proc.pid]),
            "cluster": (cluster.url, [p.pid for p in cluster.replicas if p is not None]),
        }
        for sessions in args.levels:
            for name in ("single", "cluster"):
                url, pids = targets[name]
                print(f"{sessions} sessions on {name} for {args.seconds:.0f} s ...", flush=True)
                results[name].append(measure(url, pools[name], sessions, args.seconds, pids))
    finally:
        for pool in pools.values():
            for client in pool:
                client.close()
        single.stop()
        cluster.stop()

    LOGS.mkdir(parents=True, exist_ok=True)
    raw = {
        "replicas": args.replicas,
        "seconds": args.seconds,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_before": load_before,
        "load_after": load_average(),
        **results,
    }
    (LOGS / "cluster.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    print(report(raw))
    return 0


def report(raw: dict) -> str:
    lines = [
        f"{raw['replicas']} processes behind HAProxy vs one process; {raw['cpus']} CPUs; "
        f"{raw['seconds']:.0f} s per window; load average before {raw['load_before']}, after {raw['load_after']}",
        "",
        "| sessions | setup | reruns/s | p50 | p95 | errors | server CPU s (per process) | load generator CPU s |",
        "|---:|---|---:|---:|---:|---:|---|---:|",
    ]
    fmt = lambda s: "–" if s is None else f"{s * 1000:,.0f} ms"  # noqa: E731
    for one, many in zip(raw["single"], raw["cluster"]):
        for name, r in (("1 process", one), (f"{raw['replicas']} processes", many)):
            cpu = " + ".join(f"{c:.1f}" for c in r["server_cpu"])
            lines.append(
                f"| {r['sessions']} | {name} | {r['per_second']:.1f} | {fmt(r['p50'])} | {fmt(r['p95'])} | "
                f"{r['errors']} | {cpu} | {r['client_cpu']:.1f} |"
            )
    lines += ["", "| target | measured | verdict |", "|---|---|---|"]
    for one, many in zip(raw["single"], raw["cluster"]):
        ratio = many["per_second"] / one["per_second"] if one["per_second"] else 0.0
        lines.append(
            f"| {many['sessions']} sessions: cluster ≥ {RATIO_TARGET}x reruns/s of one | {ratio:.2f}x | "
            f"{'pass' if ratio >= RATIO_TARGET else 'MISS'} |"
        )
        if many["sessions"] == 30:
            ok = many["p95"] is not None and many["p95"] <= P95_TARGET
            lines.append(
                f"| 30 sessions: cluster p95 ≤ {P95_TARGET:.0f} s | {fmt(many['p95'])} | {'pass' if ok else 'MISS'} |"
            )
    errors = sum(r["errors"] for r in raw["single"] + raw["cluster"])
    lines.append(f"| 0 errors | {errors} | {'pass' if errors == 0 else 'MISS'} |")
    samples = [s for r in raw["single"] + raw["cluster"] for s in r["error_samples"]]
    if samples:
        lines += ["", "Errors: " + "; ".join(samples[:5])]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
