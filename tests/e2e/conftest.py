"""Browser-test fixtures: the app as `make run` starts it (dashboard.serve) on a free localhost port and Debian's Chromium via Playwright."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.browser import CHROMIUM, DESKTOP, launch
from bench.server import ROOT, Server

SHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}


# The longest browser test runs first: pytest-xdist's worksteal hands each worker a half of the list and steals from
# the end of a queue, so a long test left at the end would run alone while the other worker sits idle.
FIRST = ("tests/e2e/test_many_users.py",)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.e2e)  # the older name of the same marker
    items.sort(key=lambda item: not item.nodeid.startswith(FIRST))  # stable: the rest keep their order


def start_server(env_extra: dict[str, str] | None = None, log_name: str = "streamlit") -> tuple[Server, str]:
    """Start the app as `make run` does (dashboard.serve) on a free port, on HUBS_DATA_DIR of `env_extra` (else the
    bundled data), logging under test-artifacts/; wait until /_stcore/health answers. (server, its URL)"""
    data_dir = (env_extra or {}).get("HUBS_DATA_DIR")
    server = Server(data_dir, log_name, log_dir=SHOTS.parent)
    try:
        server.wait_healthy(timeout=60, poll=0.3)
    except RuntimeError:
        server.stop()
        raise
    return server, server.url


def stop_server(server: Server) -> None:
    server.stop()


@pytest.fixture(scope="session")
def server():
    """The app on the bundled data, shared by the browser tests of this run."""
    proc, url = start_server()
    yield url
    stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no `playwright install`)."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make test` (it installs chromium with apt-get as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page with its own context (cookies, downloads)."""
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True, locale="ko-KR")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    watch_runs(pg)
    yield pg
    context.close()


def wait_ready(pg, timeout: float = 30_000) -> None:
    """Wait until Streamlit finished the script run and Plotly drew every chart on the page.

    Elements whose code is loaded lazily (Plotly's is several MB) stand as `stSkeleton` placeholders for
    seconds after the run has ended; a page is ready only once none is left.
    """
    pg.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)
    pg.wait_for_function(
        """() => {
            if (document.querySelector('[data-testid=stMain] [data-testid=stSkeleton]')) return false;
            const charts = document.querySelectorAll('[data-testid=stPlotlyChart]');
            return Array.from(charts).every(c => c.querySelector('.main-svg'));
        }""",
        timeout=timeout,
    )
    # Plotly finishes drawing within the frames after `.main-svg` appears: wait for them, not a fixed time.
    pg.evaluate(_NEXT_FRAMES)


def screenshot(pg, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots (git-ignored) for a person to look at.

    Streamlit scrolls inside `stMain` (and the sidebar), not the document, so Playwright's `full_page`
    alone captures one viewport: the viewport is stretched to the content's height for the shot.
    """
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    size = pg.viewport_size
    height = pg.evaluate(_CONTENT_HEIGHT)
    if height > size["height"]:
        pg.set_viewport_size({"width": size["width"], "height": min(height, 16_000)})
        pg.evaluate(_NEXT_FRAMES)
    pg.screenshot(path=str(path), full_page=True)
    if height > size["height"]:
        pg.set_viewport_size(size)
        pg.evaluate(_NEXT_FRAMES)
    return path


_CONTENT_HEIGHT = """() => Math.max(innerHeight, ...['[data-testid=stMain]', '[data-testid=stSidebarContent]']
    .map(s => document.querySelector(s)).filter(e => e && e.getBoundingClientRect().right > 0)
    .map(e => e.scrollHeight))"""
# Resolves once the browser has laid out and painted twice: a resize has been applied.
_NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def watch_runs(pg) -> None:
    """Count the script runs the server reports to `pg`: ForwardMsg `script_finished` frames on its websocket.

    Call it before the page opens the app. The browser's own "running" state is no signal: a run served from
    cached views can end before the browser ever draws it, so a DOM observer would miss the run.
    """
    pg.st_runs = {"finished": 0}

    def on_frame(payload) -> None:
        if not isinstance(payload, (bytes, bytearray)):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(bytes(payload))
        except Exception:  # noqa: BLE001 - not a ForwardMsg: nothing to count
            return
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            pg.st_runs["finished"] += 1

    pg.on("websocket", lambda socket: socket.on("framereceived", on_frame))


def script_runs(pg) -> dict:
    """How many script runs ended (`finished`) since `watch_runs(pg)`."""
    pg.evaluate("0")  # a round trip, so frames that already arrived have been handed to the listener
    return dict(pg.st_runs)


def rerun(pg, action, timeout: float = 30_000) -> None:
    """Do `action` (a click, a key press) and wait until the script run it causes has ended and charts are drawn.

    `wait_ready` alone can pass before the rerun even starts; counting finished runs cannot.
    """
    before = script_runs(pg)["finished"]
    action()
    deadline = time.monotonic() + timeout / 1000
    while script_runs(pg)["finished"] <= before:
        if time.monotonic() > deadline:
            raise AssertionError(f"no script run finished within {timeout / 1000:.0f} s of the action")
        pg.wait_for_timeout(50)
    wait_ready(pg, timeout)


def nav_to(pg, path: str, timeout: float = 30_000) -> None:
    """Click the sidebar link to `path` (the Overview's is "/") and wait for that page's run; on a phone the
    sidebar is opened first (Streamlit closes it again after the click)."""
    open_sidebar(pg)
    # hrefs are absolute (http://127.0.0.1:port/budgets); only the Overview's ends in "/".
    rerun(pg, pg.locator(f"[data-testid=stSidebarNavLink][href$='{path}']").click, timeout)
    pg.wait_for_function("p => location.pathname === p", arg=path, timeout=timeout)


EXPAND_BUTTON = "[data-testid=stExpandSidebarButton]"


def settle_sidebar(pg) -> None:
    """Wait until the sidebar has finished sliding (a resize or a click animates it) into the state the app set.

    The expand button exists exactly while the sidebar is collapsed; the box must agree with it and stand still.
    """
    pg.wait_for_function(
        """sel => {
        const r = document.querySelector('[data-testid=stSidebar]').getBoundingClientRect();
        const now = `${r.left},${r.width}`, still = window.__sidebarAt === now;
        window.__sidebarAt = now;
        return still && (document.querySelector(sel) ? r.right <= 0 : r.width > 0 && r.left >= -1);
    }""",
        arg=EXPAND_BUTTON,
    )


def sidebar_open(pg) -> bool:
    return pg.locator(EXPAND_BUTTON).count() == 0


def open_sidebar(pg) -> None:
    """Expand the sidebar if it is collapsed (as on a phone) and wait for it to slide in."""
    settle_sidebar(pg)
    if not sidebar_open(pg):
        try:
            pg.locator(EXPAND_BUTTON).click(timeout=5_000)
        except PlaywrightTimeoutError:
            # After a resize to desktop width Streamlit may reopen the sidebar itself, taking the button away.
            pass
        settle_sidebar(pg)
    assert sidebar_open(pg)


def close_sidebar(pg) -> None:
    """Make sure the sidebar is collapsed and has slid fully away (a phone would show it over the page).

    After a resize to phone width Streamlit collapses it by itself (`data-collapsed`), with an animation that can
    start after the resize settled; otherwise the collapse control is clicked.
    """
    # One poll both presses and waits: Streamlit may collapse the sidebar itself at any moment, and then its
    # collapse control leaves the page, so checking first and pressing after can wait for a control that is gone.
    # A press is repeated after a second in case it landed before the control was live.
    pg.wait_for_function(
        """sel => {
        const bar = document.querySelector('[data-testid=stSidebar]');
        if (bar.getAttribute('data-collapsed') !== 'true') {
            const control = document.querySelector(sel), now = performance.now();
            if (control && !(now - (window.__sidebarPressedAt || -1e9) < 1000)) {
                control.click();
                window.__sidebarPressedAt = now;
            }
            window.__sidebarAt = undefined;
            return false;
        }
        const r = bar.getBoundingClientRect(), at = `${r.left},${r.width}`, still = window.__sidebarAt === at;
        window.__sidebarAt = at;
        return still && r.right <= 0;
    }""",
        arg="[data-testid=stSidebarCollapseButton] button",
        polling=100,
    )
