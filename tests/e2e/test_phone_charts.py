"""Charts on a 390 px phone: no title, tick, legend or label text runs outside its chart, no tick label runs into
the next; compare bars lie flat."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import PHONE, SHOTS, close_sidebar, nav_to, wait_ready

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

# Pairs of neighbouring tick labels of one axis that run into each other ("2020202220242026" on a phone).
CROWDED_TICKS = """() => Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]')).flatMap((chart, n) =>
    Array.from(chart.querySelectorAll('.xaxislayer-above, .yaxislayer-above')).flatMap(layer => {
        const across = layer.classList.contains('xaxislayer-above');
        const boxes = Array.from(layer.querySelectorAll('text'))
            .filter(t => t.textContent.trim())
            .map(t => ({text: t.textContent, r: t.getBoundingClientRect()}))
            .filter(b => b.r.width > 0)
            .sort((a, b) => across ? a.r.left - b.r.left : a.r.top - b.r.top);
        const crowded = [];
        for (let i = 1; i < boxes.length; i++) {
            const [a, b] = [boxes[i - 1].r, boxes[i].r];
            if (across ? a.right > b.left + 1 : a.bottom > b.top + 1) crowded.push([n, boxes[i - 1].text, boxes[i].text]);
        }
        return crowded;
    }))"""

# The compare page's bar traces as Plotly holds them.
BAR_ORIENTATION = """() => Array.from(document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot'))
    .flatMap(gd => (gd.data || []).filter(t => t.type === 'bar').map(t => t.orientation || 'v'))"""

# Each visit opens its first page by its link (filters in the URL), then goes on to the others by the sidebar's
# links, as a reader on a phone does: a page change costs the browser a quarter of a fresh load. The first pages are
# the ones no other browser test opens by their own link (Compare, and People for the family pages' shared script).
PHONE_VISITS = [
    ("/compare", ("/firms", "/outcomes", "/hub")),
    ("/personnel?lang=en", ("/compare", "/budgets", "/hub")),
    ("/firms?lang=en&hub=incheon_startup_park&hub=seoul_ai_yangjae_hub", ()),
]


def check_charts(page, name: str) -> None:
    """Every chart of the page in view is drawn and keeps its text inside its box; compare bars lie flat."""
    page.wait_for_selector("[data-testid=stPlotlyChart] .main-svg", timeout=60_000)
    wait_ready(page, 60_000)
    charts = page.evaluate(CUT_TEXT)
    assert charts and not any(c["missing"] for c in charts), (name, charts)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone-charts{name.replace('/', '-').replace('?', '-')[:80]}.png"))
    cut = [c for c in charts if c["cut"]]
    assert not cut, (name, cut)
    crowded = page.evaluate(CROWDED_TICKS)
    assert not crowded, (name, crowded)
    if "/compare" in name:
        orientations = page.evaluate(BAR_ORIENTATION)
        assert orientations and set(orientations) == {"h"}, (name, orientations)


@pytest.mark.parametrize(("link", "then"), PHONE_VISITS, ids=[link for link, _ in PHONE_VISITS])
def test_no_chart_text_is_cut_on_a_phone(page, server, link, then):
    """At 390 px every chart's text lies inside the chart (a label past the edge is cut off for the reader), on the
    linked page and on each page reached from it by the sidebar (same language and filters)."""
    page.set_viewport_size(PHONE)
    # A fresh server's first visit can look ready before its run: check_charts waits for a drawn chart first.
    page.goto(server + link)
    check_charts(page, link)
    query = parse_qs(urlparse(link).query)
    for path in then:
        nav_to(page, path)
        close_sidebar(page)  # on a real phone Streamlit closes it after the click (it goes by the user agent)
        kept = parse_qs(urlparse(page.url).query)
        assert {k: kept.get(k) for k in query} == query, (link, page.url)  # the link's language and filters
        check_charts(page, path + link[len(urlparse(link).path) :])  # the link's query after the new path
