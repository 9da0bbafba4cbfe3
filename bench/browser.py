"""Headless Chromium for the benchmark and the browser tests (Debian's, via Playwright), and the benchmark's browser
timings: filter change to redraw, plotly.js alone.

The cold start's phases are timed by bench/cold_start.py with this module's browser and page settings;
tests/e2e/conftest.py launches its browser with `launch`.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

# Debian's Chromium (Playwright drives it; no `playwright install`); CHROMIUM_PATH names another.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without these flags Chromium tries to reach Google's services at start, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-quic",
]
DESKTOP = {"width": 1400, "height": 1000}
FIRST_CHART = "[data-testid=stPlotlyChart] .main-svg"
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
QUIET_MS = 600  # no chart mutation for this long after the run finished = the redraw is over
TIMEOUT_MS = 120_000

# Records, in page time, the key press, the script run starting and finishing, and the last change inside any
# chart. Installed right before each filter change; the key press itself is timed by the page, not by Python.
_INSTRUMENT = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    if (window.__benchObserver) window.__benchObserver.disconnect();
    const b = window.__bench = {input: null, running: null, done: null, lastChart: null};
    document.addEventListener('keydown', () => { if (b.input === null) b.input = performance.now(); },
                              {capture: true, once: true});
    const observer = new MutationObserver(mutations => {
        const now = performance.now();
        for (const m of mutations) {
            if (m.target === app && m.attributeName === 'data-test-script-state') {
                const state = app.getAttribute('data-test-script-state');
                if (state === 'running' && b.running === null) b.running = now;
                if (state === 'notRunning' && b.running !== null) b.done = now;
                continue;
            }
            const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
            if (b.input !== null && el && el.closest && el.closest('[data-testid=stPlotlyChart]')) b.lastChart = now;
        }
    });
    observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    window.__benchObserver = observer;
}"""
_SETTLED = f"""() => {{
    const b = window.__bench;
    if (!b || b.done === null) return false;
    return performance.now() - Math.max(b.done, b.lastChart || 0) > {QUIET_MS};
}}"""


@dataclass
class FilterChange:
    """Milliseconds from the key press to the run finishing and to the last chart redraw."""

    script_done_ms: float
    charts_updated_ms: float
    charts_changed: bool


def launch(playwright, *extra_args: str):
    """Headless Debian Chromium from a Playwright instance, with `extra_args` after the usual flags (sync API; with
    the async API, await the result)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args], headless=True)


def plotly_eval_ms(browser, n: int = 3) -> list[float]:
    """Milliseconds this Chromium takes to run plotly.js itself (the plotly package's plotly.min.js, the same
    library Streamlit bundles) in a blank page: the part of a first chart no app code can shorten."""
    import plotly

    source = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")
    times = []
    for _ in range(n):
        context = browser.new_context(viewport=DESKTOP)
        try:
            page = context.new_page()
            page.set_content("<html><body></body></html>")
            start = time.perf_counter()
            page.add_script_tag(content=source)
            page.wait_for_function("() => typeof Plotly !== 'undefined'", timeout=TIMEOUT_MS)
            times.append((time.perf_counter() - start) * 1000)
        finally:
            context.close()
    return times


def filter_changes(browser, url: str, n: int, hub_label: str, hub_name: str) -> list[FilterChange]:
    """On the Budgets page, pick one hub in the sidebar's hub filter, then remove it again, `n` times in all.

    Each pick or removal is one filter change timed from one key press (Enter on the typed hub name, or
    Backspace); all hubs <-> one hub changes every chart on the page. `hub_label` finds the widget.
    """
    context = browser.new_context(viewport=DESKTOP, locale="ko-KR")
    results = []
    try:
        page = context.new_page()
        page.goto(f"{url}/budgets?kinds=actual&kinds=plan", timeout=TIMEOUT_MS)
        page.wait_for_selector(FIRST_CHART, timeout=TIMEOUT_MS)
        page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
        page.wait_for_timeout(1000)
        widget = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").filter(
            has=page.locator("[data-testid=stWidgetLabel]", has_text=hub_label)
        )
        for i in range(n):
            box = widget.locator("input").first
            box.click()
            if i % 2 == 0:
                # Typing narrows the list to this hub (the unfiltered list may start with "select all").
                box.fill(hub_name)
                page.wait_for_selector("[role=option]", timeout=TIMEOUT_MS)
                key = "Enter"
            else:
                key = "Backspace"  # removes the hub picked before
            page.evaluate(_INSTRUMENT)
            page.keyboard.press(key)
            page.wait_for_function(_SETTLED, timeout=TIMEOUT_MS, polling=50)
            marks = page.evaluate("() => window.__bench")
            page.keyboard.press("Escape")
            changed = marks["lastChart"] is not None and marks["lastChart"] > marks["running"]
            end = max(marks["done"], marks["lastChart"] or 0)
            results.append(FilterChange(marks["done"] - marks["input"], end - marks["input"], changed))
    finally:
        context.close()
    return results
