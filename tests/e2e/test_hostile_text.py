"""Hostile text in the data, in an upload and in the URL is shown literally in a real browser: nothing runs or renders."""

from __future__ import annotations

import csv
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import upload_file
from tests.e2e.conftest import DESKTOP, ROOT, rerun, screenshot, start_server, stop_server, wait_ready, watch_runs

FIXTURE = ROOT / "tests" / "fixtures" / "queries"
# Each payload sets window.__pwned or opens a dialog if it ever runs; the markdown would change how it looks.
NAME = (
    '<script>window.__pwned="script"</script><img src=x onerror="window.__pwned=\'img\'">'
    "**bold** _it_ [x](javascript:window.__pwned=1) :red[red]"
)
QUOTE = "<svg onload=\"alert('q')\"></svg> <b>b</b> **quote** [y](javascript:alert(1)) `code` $x$"
NOTE = '<iframe src="javascript:alert(2)"></iframe> # heading > quote ~~strike~~'
UPLOAD_QUOTE = "<img src=x onerror=\"window.__pwned='upload'\"> **upload** [z](javascript:alert(3))"
PAYLOAD_MARKERS = ("__pwned", "onerror", "onload", "javascript:")


def _patch(path: Path, key: str, match: str, changes: dict[str, str]) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert any(r[key] == match for r in rows)
    for row in rows:
        if row[key] == match:
            row.update(changes)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """The app on a copy of the tiny fixture whose hub name, note, quote and scope note are hostile."""
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(FIXTURE, folder)
    _patch(
        folder / "hubs.csv",
        "hub_id",
        "h_a",
        {"name_ko": NAME, "name_en": NAME, "note_ko": NOTE, "note_en": NOTE, "aliases_ko": NAME},
    )
    _patch(folder / "budgets.csv", "figure_id", "B1", {"quote": QUOTE, "scope_note": NOTE})
    _patch(folder / "sources.csv", "source_id", "S1", {"publisher": NAME})
    proc, url = start_server({"HUBS_DATA_DIR": str(folder)}, log_name="hostile")
    yield url
    stop_server(proc)


@pytest.fixture
def watched(browser):
    """A page that records every dialog (alert/confirm/prompt) instead of blocking on it."""
    # Wide, so the data grids lay out (and expose) every column, the quote included.
    context = browser.new_context(
        viewport={"width": 2600, "height": DESKTOP["height"]}, accept_downloads=True, locale="en-US"
    )
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    watch_runs(pg)
    pg.dialogs = []
    pg.on("dialog", lambda dialog: (pg.dialogs.append(dialog.message), dialog.dismiss()))
    yield pg
    context.close()


def assert_nothing_ran(pg) -> None:
    """No payload executed and none became an element: no flag, no dialog, no injected tag or link."""
    assert pg.evaluate("window.__pwned") is None
    assert pg.dialogs == []
    injected = pg.evaluate("""() => ({
        img: document.querySelectorAll('img[src="x"]').length,
        iframe: document.querySelectorAll('[data-testid=stMain] iframe[src^="javascript"]').length,
        svg: document.querySelectorAll('svg[onload]').length,
        links: document.querySelectorAll('a[href^="javascript"]').length,
        scripts: Array.from(document.scripts).filter(s => s.textContent.includes('__pwned')).length,
        bold: Array.from(document.querySelectorAll('[data-testid=stMain] strong, [data-testid=stMain] b'))
              .filter(e => /^(bold|quote|upload|b)$/.test(e.textContent.trim())).length,
    })""")
    assert injected == {"img": 0, "iframe": 0, "svg": 0, "links": 0, "scripts": 0, "bold": 0}, injected


def page_text(pg) -> str:
    """Visible text of the main area plus the data grids' accessible cells and the charts' SVG text."""
    grids = pg.locator("[data-testid=stMain] [data-testid=stDataFrame]")
    for i in range(grids.count()):
        grid = grids.nth(i)
        if grid.is_visible():
            # A grid draws on a canvas and fills its accessible table (the text we can read) once on screen.
            grid.scroll_into_view_if_needed()
            grid.locator("td").first.wait_for(state="attached")
    return pg.evaluate("""() => [
        document.querySelector('[data-testid=stMain]').innerText,
        ...Array.from(document.querySelectorAll('[data-testid=stDataFrame] td')).map(e => e.textContent),
        ...Array.from(document.querySelectorAll('.main-svg text')).map(e => e.textContent),
    ].join('\\n')""")


def text_once_shown(pg, needle: str, timeout: float = 15.0) -> str:
    """The page's text once it holds `needle`, or as it stands after `timeout` seconds: a data grid fills its
    accessible cells a moment after the run that replaced it has ended."""
    deadline = time.monotonic() + timeout
    text = page_text(pg)
    while needle not in text and time.monotonic() < deadline:
        pg.wait_for_timeout(200)
        text = page_text(pg)
    return text


def open_page(pg, url: str) -> None:
    """Open `url` and wait for the page's own content (a fresh server's first deep link runs the script twice)."""
    pg.goto(url)
    pg.wait_for_selector("[data-testid=stMain] h1")
    wait_ready(pg)


def test_hub_page_shows_hostile_name_and_note_literally(hostile_server, watched):
    """Hub header, identity card and timeline title show the name character for character."""
    open_page(watched, f"{hostile_server}/hub?hub_profile=h_a&lang=en")
    text = page_text(watched)
    header = watched.locator("[data-testid=stMain] h2").first.inner_text()
    assert NAME in header
    assert NOTE in text and QUOTE in text
    assert_nothing_ran(watched)
    screenshot(watched, "hostile-hub")


def test_family_page_shows_hostile_name_in_chart_and_hover(hostile_server, watched):
    """The Budgets trend legend carries the literal name, and hovering a point shows the literal quote's hub."""
    open_page(watched, f"{hostile_server}/budgets?lang=en")
    # A long legend entry is broken onto lines at its spaces (text.wrap): read each entry's lines joined by a space.
    legend = watched.evaluate("""() => Array.from(document.querySelectorAll('.legendtext')).map(e => {
        const lines = Array.from(e.querySelectorAll('tspan.line')).map(t => t.textContent);
        return lines.length ? lines.join(' ') : e.textContent;
    }).join('\\n')""")
    assert NAME in legend
    assert_nothing_ran(watched)
    # Hover the hostile hub's own point: Plotly's hover label must show the name as text.
    index = watched.evaluate("""() => document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot')
        .data.findIndex(t => (t.name || '').includes('__pwned'))""")
    assert index >= 0
    point = watched.locator("[data-testid=stPlotlyChart] .scatterlayer .trace").nth(index).locator(".point").first
    point.hover(force=True)
    watched.wait_for_function("document.querySelectorAll('.hoverlayer text').length > 0")
    hover = watched.evaluate(
        "Array.from(document.querySelectorAll('.hoverlayer text')).map(e => e.textContent).join('\\n')"
    )
    assert '<script>window.__pwned="script"</script>' in hover
    assert QUOTE not in hover  # the hover names the hub, not the quote; only checked for literal text
    assert_nothing_ran(watched)


def test_sources_page_shows_hostile_data_and_upload_literally(hostile_server, watched):
    """The table lists the hostile quote and publisher as text; a hostile upload is listed literally too,
    and a refused hostile upload's problem lines show its text as plain code."""
    open_page(watched, f"{hostile_server}/sources?lang=en")
    search = watched.get_by_label("Search (hub, metric, publisher, quote)")
    rerun(watched, lambda: (search.fill("pwned"), search.press("Enter")))
    text = page_text(watched)
    assert QUOTE in text or NAME in text
    assert NAME in text
    assert_nothing_ran(watched)

    figure = dict(
        hub_id="h_b", metric="budget_total", unit="KRW", period_start="2021", period_end="2021", kind="actual"
    )
    good = upload_file(
        **figure,
        figure_id="h1",
        value="1",
        quote=UPLOAD_QUOTE,
        scope_note="**note**",
        source_publisher="P",
        source_title="T",
        source_published="2024",
    )
    uploader = watched.locator("[data-testid=stFileUploaderDropzoneInput]")
    rerun(
        watched,
        lambda: uploader.set_input_files(files=[{"name": "<b>mine</b>.csv", "mimeType": "text/csv", "buffer": good}]),
    )
    watched.wait_for_selector("[data-testid=stAlertContentSuccess]")
    rerun(watched, lambda: (search.fill("upload"), search.press("Enter")))
    assert UPLOAD_QUOTE in text_once_shown(watched, UPLOAD_QUOTE)
    assert_nothing_ran(watched)

    bad = upload_file(**figure, figure_id="h2", value=UPLOAD_QUOTE, source_id="S2", quote="q")
    rerun(watched, lambda: uploader.set_input_files(files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": bad}]))
    watched.wait_for_selector("[data-testid=stAlertContentError]")
    # The problem list is its own code block (the page also has a citation block): wait for the one naming the file.
    code = watched.locator("[data-testid=stMain] [data-testid=stCode]").filter(has_text="bad.csv:").first.inner_text()
    assert "bad.csv:2: value '<img src=x onerror=" in code
    assert_nothing_ran(watched)
    screenshot(watched, "hostile-sources")


def test_garbage_url_opens_the_default_view(hostile_server, watched):
    """Broken percent-encoding, NULs, scripts and huge values in every parameter: the app opens normally."""
    junk = (
        "lang=%E0%A4%A&lang=<script>&region=%00&region=99&hub=%ZZ&hub=' or 1=1 --&years=1e309&years=-1"
        "&kinds=%F0%9F%9A%80&kinds=" + "a" * 3000 + "&hub_profile=../../etc/passwd&%FF=%FE"
    )
    open_page(watched, f"{hostile_server}/?{junk}")
    assert watched.locator("[data-testid=stException]").count() == 0
    assert watched.locator("[data-testid=stMain] h1").first.inner_text() in (
        "한눈에 보는 지역 AI 허브",
        "Korea's regional AI hubs at a glance",
    )
    assert_nothing_ran(watched)
    open_page(watched, f"{hostile_server}/hub?hub_profile=%3Cscript%3E&{junk}")
    assert watched.locator("[data-testid=stException]").count() == 0
    assert_nothing_ran(watched)
