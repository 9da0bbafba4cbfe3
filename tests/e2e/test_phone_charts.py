"""Charts on a 390 px phone: no title, tick, legend or label text runs outside its chart; compare bars lie flat."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import PHONE, SHOTS, wait_ready

pytestmark = pytest.mark.e2e

# Each text of each Plotly chart (titles, ticks, legend entries, bar and line labels, annotations) whose box
# sticks out of its chart's own box, in CSS pixels.
CUT_TEXT = """() => Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]')).map((chart, n) => {
    const svg = chart.querySelector('.main-svg');
    if (!svg) return {n, missing: true, cut: []};
    const box = svg.getBoundingClientRect();
    const cut = [];
    for (const text of chart.querySelectorAll('svg text')) {
        const r = text.getBoundingClientRect();
        if (!text.textContent.trim() || r.width === 0) continue;
        const legend = text.closest('.legend'), bar = legend && legend.querySelector('.scrollbar');
        // A legend with a scroll bar hides the entries out of its view on purpose: only their width counts.
        const scrolled = bar && bar.getBoundingClientRect().height > 0;
        const across = r.left < box.left - 1 || r.right > box.right + 1;
        if (across || (!scrolled && (r.top < box.top - 1 || r.bottom > box.bottom + 1))) {
            cut.push({text: text.textContent.slice(0, 40), left: Math.round(r.left - box.left),
                      right: Math.round(box.right - r.right), top: Math.round(r.top - box.top),
                      bottom: Math.round(box.bottom - r.bottom)});
        }
    }
    return {n, missing: false, cut};
})"""

# The compare page's bar traces as Plotly holds them.
BAR_ORIENTATION = """() => Array.from(document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot'))
    .flatMap(gd => (gd.data || []).filter(t => t.type === 'bar').map(t => t.orientation || 'v'))"""

PHONE_PAGES = [
    "/compare?lang=en",
    "/compare",
    "/budgets?lang=en",
    "/firms?lang=en&hub=incheon_startup_park&hub=seoul_ai_yangjae_hub",
    "/firms",
    "/personnel?lang=en",
    "/outcomes",
]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_chart_text_is_cut_on_a_phone(page, server, path):
    """At 390 px every chart's text lies inside the chart (a label past the edge is cut off for the reader)."""
    page.set_viewport_size(PHONE)
    page.goto(server + path)
    wait_ready(page, 60_000)
    charts = page.evaluate(CUT_TEXT)
    assert charts and not any(c["missing"] for c in charts), charts
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone-charts{path.replace('/', '-').replace('?', '-')[:80]}.png"))
    cut = [c for c in charts if c["cut"]]
    assert not cut, cut
    if path.startswith("/compare"):
        orientations = page.evaluate(BAR_ORIENTATION)
        assert orientations and set(orientations) == {"h"}, orientations
