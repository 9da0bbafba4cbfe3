"""The benchmark's results table: statistics, targets, the machine and versions, printed and written as Markdown."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from dataclasses import dataclass, field
from importlib import metadata

import numpy as np

PACKAGES = ("streamlit", "duckdb", "pandas", "pyarrow", "numpy", "plotly", "playwright", "websocket-client")


def median(values) -> float | None:
    return float(np.median(values)) if len(values) else None


def p95(values) -> float | None:
    # Linear interpolation between order statistics; with few runs this is close to the maximum.
    return float(np.percentile(values, 95)) if len(values) else None


@dataclass
class Row:
    """One line of the results table."""

    section: str
    measure: str
    data: str
    n: int | None = None
    median: float | None = None
    p95: float | None = None
    unit: str = ""
    target: str = ""
    verdict: str = ""
    note: str = ""


@dataclass
class Target:
    """A target such as `<= 80 ms`: the limit and which side of it passes."""

    limit: float
    unit: str
    at_most: bool = True

    def text(self) -> str:
        return f"{'≤' if self.at_most else '≥'} {fmt_value(self.limit, self.unit)}"

    def verdict(self, value: float | None) -> str:
        if value is None:
            return "n/a"
        ok = value <= self.limit if self.at_most else value >= self.limit
        return "pass" if ok else "MISS"


def fmt_value(value: float | None, unit: str) -> str:
    """A number in its unit, with precision that suits the unit."""
    if value is None:
        return "–"
    if unit == "ms":
        return f"{value:,.1f} ms" if abs(value) < 10 else f"{value:,.0f} ms"
    if unit == "s":
        return f"{value:,.2f} s"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "×":
        return f"{value:,.2f}×"
    if unit == "runs/s":
        return f"{value:,.1f} runs/s"
    return f"{value:,.3g} {unit}".strip()


def row(
    section: str,
    measure: str,
    data: str,
    values,
    unit: str,
    target: Target | None = None,
    note: str = "",
    scale: float = 1.0,
) -> Row:
    """A row from raw samples (multiplied by `scale`, e.g. 1000 for s -> ms), judged on the median."""
    values = [v * scale for v in values]
    result = Row(section, measure, data, len(values), median(values), p95(values), unit, note=note)
    if target:
        result.target = target.text()
        result.verdict = target.verdict(result.median)
    return result


@dataclass
class Machine:
    """Where the numbers were taken."""

    date: str
    cores: int
    memory_gb: float
    cpu: str
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float] | None = None
    python: str = ""
    versions: dict[str, str] = field(default_factory=dict)


def _proc_value(path: str, key: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def machine() -> Machine:
    """Cores, memory (from /proc), CPU model, load average, Python and package versions."""
    mem_kb = _proc_value("/proc/meminfo", "MemTotal").split()
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    try:
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=20)
        versions["chromium"] = chromium.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        versions["chromium"] = "not found"
    return Machine(
        date=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        cores=os.cpu_count() or 0,
        memory_gb=int(mem_kb[0]) / 1024 / 1024 if mem_kb else 0.0,
        cpu=_proc_value("/proc/cpuinfo", "model name") or platform.processor(),
        load_before=os.getloadavg(),
        python=platform.python_version(),
        versions=versions,
    )


def table(rows: list[Row]) -> list[str]:
    """The results as Markdown table lines."""
    lines = [
        "| | measure | data | n | median | p95 | target | result | notes |",
        "|---|---|---|---:|---:|---:|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.section} | {r.measure} | {r.data} | {'' if r.n is None else r.n} | {fmt_value(r.median, r.unit)} "
            f"| {fmt_value(r.p95, r.unit)} | {r.target} | {r.verdict} | {r.note} |"
        )
    return lines


def plain_table(rows: list[Row]) -> str:
    """The results as an aligned text table for the terminal."""
    cells = [("", "measure", "data", "n", "median", "p95", "target", "result")]
    for r in rows:
        cells.append(
            (
                r.section,
                r.measure,
                r.data,
                "" if r.n is None else str(r.n),
                fmt_value(r.median, r.unit),
                fmt_value(r.p95, r.unit),
                r.target,
                r.verdict,
            )
        )
    widths = [max(len(c[i]) for c in cells) for i in range(len(cells[0]))]
    return "\n".join("  ".join(c[i].ljust(widths[i]) for i in range(len(c))).rstrip() for c in cells)
