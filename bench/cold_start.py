"""`python -m bench.cold_start [-n 5] [--baseline PATH]`: the phases of a first visit to the Overview, timed.

Each run starts a fresh app process (`python -m dashboard.serve`, as `make run` does) and opens it in a fresh
context of one headless Chromium, then reports, in seconds since the process was created:

- **healthy**: `/_stcore/health` answers;
- **frame**: Streamlit's app frame (`stApp`) is in the page;
- **numbers**: the Overview's first card shows its key number as text (painted: the first animation frame
  after it is in the page);
- **plotly requested / plotly fetched**: the browser starts and finishes fetching Streamlit's Plotly bundle
  (resource timing of `PlotlyChart.*.js`);
- **plotly evaluated**: plotly.js has run (the bundle's last act is `window.Plotly = …`; a setter records it);
- **chart**: the first Plotly SVG is painted;
- **complete**: the script run has finished and every Plotly chart on the page has its SVG (painted).

`--baseline PATH` also runs another checkout of the app (e.g. `git archive HEAD~1 | tar -x -C /tmp/base`),
alternating with this one run by run (A B, B A, ...), so both see the same machine load: an A/B. Prints one line per run, then the median
and the spread (min–max) of each phase per checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import browser as bb
from bench.server import ROOT, Server

PHASES = ("healthy", "frame", "numbers", "plotly_requested", "plotly_fetched", "plotly_evaluated", "chart", "complete")
PHASE_TEXT = {
    "healthy": "process start → /_stcore/health",
    "frame": "→ app frame in the page",
    "numbers": "→ key numbers (cards) as text",
    "plotly_requested": "→ Plotly bundle requested",
    "plotly_fetched": "→ Plotly bundle fetched",
    "plotly_evaluated": "→ Plotly bundle evaluated",
    "chart": "→ first chart drawn",
    "complete": "→ page complete (script done, every chart drawn)",
}
# Each phase comes after these in any sound run (requested/fetched/evaluated may come before the cards).
ORDER = (
    ("healthy", "frame"),
    ("frame", "numbers"),
    ("plotly_requested", "plotly_fetched"),
    ("plotly_fetched", "plotly_evaluated"),
    ("plotly_evaluated", "chart"),
    ("chart", "complete"),
    ("numbers", "complete"),
)
NUMBERS = "[class*=st-key-card-] h5"  # a card's value (dashboard/overview_view.py family_figure_text)
CHART = "[data-testid=stPlotlyChart] .main-svg"

# Installed before any of the page's own scripts: records, in page time (ms since navigation), the first paint
# after each landmark appears, the Plotly bundle's fetch, the websocket opening, and long main-thread tasks.
RECORDER = """(() => {
  if (window.top !== window) return;
  const t = window.__cold = {frame: null, running: null, numbers: null, plotly_element: null, chart: null,
                             ws_open: null, ws_message: null, plotly_requested: null, plotly_fetched: null,
                             plotly_evaluated: null, complete: null, done: null, long_tasks: [], messages: []};
  // plotly.js ends its evaluation with `window.Plotly = Plotly`: record when, and keep the value.
  let plotly;
  Object.defineProperty(window, 'Plotly', {configurable: true, get: () => plotly, set: v => {
    if (t.plotly_evaluated === null) t.plotly_evaluated = performance.now();
    plotly = v;
  }});
  const Socket = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Socket(...args);
    ws.addEventListener('open', () => { if (t.ws_open === null) t.ws_open = performance.now(); });
    ws.addEventListener('message', e => {
      const now = performance.now();
      if (t.ws_message === null) t.ws_message = now;
      if (t.messages.length < 500) t.messages.push([now, e.data.byteLength || e.data.size || e.data.length || 0]);
    });
    return ws;
  };
  window.WebSocket.prototype = Socket.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  const painted = key => requestAnimationFrame(() => { if (t[key] === null) t[key] = performance.now(); });
  const pending = {};
  const check = () => {
    const seen = {
      frame: '[data-testid=stApp]',
      plotly_element: '[data-testid=stPlotlyChart]',
      numbers: %(numbers)s,
      chart: %(chart)s,
    };
    for (const [key, selector] of Object.entries(seen)) {
      if (t[key] !== null || pending[key]) continue;
      const el = document.querySelector(selector);
      if (el && (key !== 'numbers' || el.textContent.trim())) { pending[key] = true; painted(key); }
    }
    const app = document.querySelector('[data-testid=stApp]');
    const state = app && app.getAttribute('data-test-script-state');
    if (t.running === null && state === 'running') t.running = performance.now();
    if (t.running !== null && t.done === null && state === 'notRunning') t.done = performance.now();
    if (t.done !== null && t.complete === null && !pending.complete) {
      const charts = document.querySelectorAll('[data-testid=stPlotlyChart]');
      if (charts.length && [...charts].every(c => c.querySelector('.main-svg'))) {
        pending.complete = true; painted('complete');
      }
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true,
                                                 characterData: true});
  new PerformanceObserver(list => {
    for (const e of list.getEntries())
      if (/PlotlyChart[^/]*\\.js$/.test(e.name)) { t.plotly_requested = e.startTime; t.plotly_fetched = e.responseEnd; }
  }).observe({type: 'resource', buffered: true});
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) t.long_tasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({type: 'longtask', buffered: true});
  } catch (e) {}
})();""" % {"numbers": json.dumps(NUMBERS), "chart": json.dumps(CHART)}  # noqa: UP031 - the JS is full of braces

_DONE = "() => window.__cold && window.__cold.complete !== null && window.__cold.numbers !== null"


@dataclass
class Phases:
    """Seconds since the app process was created (None: not seen), plus page-side details for diagnosis."""

    healthy: float
    frame: float | None
    numbers: float | None
    plotly_requested: float | None
    plotly_fetched: float | None
    chart: float | None
    running: float | None = None  # the first script run started (data-test-script-state)
    plotly_element: float | None = None  # the first chart element painted (its placeholder while the bundle loads)
    ws_open: float | None = None
    ws_message: float | None = None
    long_tasks: list | None = None  # [start s, duration ms] of main-thread tasks over 50 ms
    plotly_evaluated: float | None = None  # plotly.js has run (window.Plotly set)
    complete: float | None = None  # script finished and every chart drawn


def run_once(browser, root: Path = ROOT, data_dir: str | None = None, url_path: str = "") -> Phases:
    """One cold start: a new app process from `root`, a new browser context, until the first chart is painted."""
    server = Server(data_dir, log_name="cold-start", root=root)
    try:
        healthy = server.wait_healthy(timeout=bb.TIMEOUT_MS / 1000)
        context = browser.new_context(viewport=bb.DESKTOP, locale="ko-KR")
        try:
            context.add_init_script(RECORDER)
            page = context.new_page()
            page.goto(f"{server.url}/{url_path}", wait_until="commit", timeout=bb.TIMEOUT_MS)
            page.wait_for_function(_DONE, timeout=bb.TIMEOUT_MS, polling=100)
            marks = page.evaluate("() => ({...window.__cold, origin: performance.timeOrigin})")
        finally:
            context.close()
    finally:
        server.stop()
    offset = marks["origin"] / 1000 - server.started_epoch

    def at(key):
        return None if marks.get(key) is None else offset + marks[key] / 1000

    return Phases(
        healthy,
        at("frame"),
        at("numbers"),
        at("plotly_requested"),
        at("plotly_fetched"),
        at("chart"),
        at("running"),
        at("plotly_element"),
        at("ws_open"),
        at("ws_message"),
        [[round(offset + s / 1000, 2), d] for s, d in marks["long_tasks"]],
        at("plotly_evaluated"),
        at("complete"),
    )


def summary(runs: list[Phases]) -> dict[str, tuple[float, float, float] | None]:
    """Per phase: (median, min, max) over the runs that saw it."""
    out = {}
    for phase in (*PHASES, "running", "plotly_element", "ws_open"):
        values = [getattr(r, phase) for r in runs if getattr(r, phase) is not None]
        out[phase] = (statistics.median(values), min(values), max(values)) if values else None
    return out


def out_of_order(r: Phases) -> list[str]:
    """Pairs of ORDER this run saw in the wrong order ("a > b"): a sign the recorder missed or mis-timed a phase."""
    return [
        f"{a} > {b}"
        for a, b in ORDER
        if getattr(r, a) is not None and getattr(r, b) is not None and getattr(r, a) > getattr(r, b)
    ]


def _line(label: str, r: Phases) -> str:
    cells = " ".join(f"{p}={getattr(r, p):.2f}" if getattr(r, p) is not None else f"{p}=–" for p in PHASES)
    longest = max((d for _, d in r.long_tasks or []), default=0)
    wrong = out_of_order(r)
    note = f"; OUT OF ORDER: {', '.join(wrong)}" if wrong else ""
    return f"{label}: {cells} (script {r.running or 0:.2f}, longest main-thread task {longest} ms{note})"


# Steps within one run, (from phase, to phase): what the report calls them.
STEPS = {
    ("frame", "numbers"): "frame → key numbers",
    ("numbers", "plotly_requested"): "key numbers → bundle requested",
    ("plotly_fetched", "plotly_evaluated"): "bundle fetched → evaluated",
    ("plotly_evaluated", "chart"): "bundle evaluated → first chart",
    ("plotly_fetched", "chart"): "bundle fetched → first chart",
    ("chart", "complete"): "first chart → page complete",
    ("numbers", "chart"): "key numbers → first chart",
}


def markdown(results: dict[str, list[Phases]]) -> str:
    """The phases' medians and spreads, one column per checkout."""
    labels = list(results)
    sums = {label: summary(runs) for label, runs in results.items()}
    head = "| phase (s since process start) | " + " | ".join(f"{x} (n={len(results[x])})" for x in labels) + " |"
    lines = [head, "|---|" + "---:|" * len(labels)]
    for phase in PHASES:
        cells = []
        for label in labels:
            s = sums[label][phase]
            cells.append("–" if s is None else f"{s[0]:.2f} ({s[1]:.2f}–{s[2]:.2f})")
        lines.append(f"| {PHASE_TEXT[phase]} | " + " | ".join(cells) + " |")
    # Steps within one run: less sensitive to how busy the machine was when the process started.
    for (a, b), text in STEPS.items():
        cells = []
        for label in labels:
            steps = [
                getattr(r, b) - getattr(r, a)
                for r in results[label]
                if getattr(r, a) is not None and getattr(r, b) is not None
            ]
            cells.append(f"{statistics.median(steps):.2f} ({min(steps):.2f}–{max(steps):.2f})" if steps else "–")
        lines.append(f"| step: {text} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cold_start", description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="runs per checkout (default 5)")
    parser.add_argument(
        "--baseline",
        type=Path,
        action="append",
        default=[],
        help="another checkout of the app to run alternately (A/B); may be given more than once",
    )
    parser.add_argument(
        "--baselines-only",
        action="store_true",
        help="run only the --baseline checkouts, not this one (A/B of two snapshots)",
    )
    parser.add_argument("--json", type=Path, help="also write every run's phases to this file")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    roots = {(path.name if len(args.baseline) > 1 else "baseline"): path.resolve() for path in args.baseline}
    if not (args.baselines_only and roots):
        roots["this"] = ROOT
    results: dict[str, list[Phases]] = {label: [] for label in roots}
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}", file=sys.stderr)
    with sync_playwright() as playwright:
        browser = bb.launch(playwright)
        try:
            for i in range(args.n):
                # ABBA order: the run right after another process stopped is not always the same checkout's.
                for label, root in list(roots.items()) if i % 2 == 0 else list(roots.items())[::-1]:
                    r = run_once(browser, root)
                    results[label].append(r)
                    print(_line(f"{label} {i + 1}/{args.n}", r), file=sys.stderr, flush=True)
        finally:
            browser.close()
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}", file=sys.stderr)
    print(markdown(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({k: [asdict(r) for r in v] for k, v in results.items()}, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
