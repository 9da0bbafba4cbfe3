"""Many users at once: 20 concurrent browser sessions on one server, each with its own filters and upload.

Every session opens the Sources & data page from its own link (filters in the URL), half upload their own
figure, and each downloads the filtered table. The test asserts 0 errors, that each session's download holds
its own upload and nobody else's, and that everything else equals what a single user gets with the same link.

Each browser tab is its own Streamlit session (its own websocket and session state). Tabs share one browser
context per language so the app's scripts are parsed once per context: 20 contexts cost a 2-core machine
about twice as long, with no difference to the server.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pytest

from bench.browser import launch
from dashboard import i18n
from tests.conftest import upload_file

SESSIONS = 20
UPLOADERS = range(0, SESSIONS, 2)  # every other session uploads its own figure
TIME_LIMIT = 180  # seconds for the whole concurrent phase; a hang fails instead of blocking the suite
VIEWPORT = {"width": 1000, "height": 700}  # small: drawing 20 pages is the browser's, not the server's, cost
# Filter sets as links; each names a hub, kind and year its uploaded figure must fall in to be listed.
FILTER_SETS: list[tuple[dict, dict]] = [
    ({"lang": "ko"}, {"hub_id": "gwangju_ai_cluster", "kind": "actual", "year": "2021"}),
    ({"lang": "en", "kinds": ["actual", "plan"]}, {"hub_id": "gwangju_ai_cluster", "kind": "plan", "year": "2022"}),
    ({"lang": "ko", "region": ["24"]}, {"hub_id": "gwangju_ai_cluster", "kind": "actual", "year": "2020"}),
    (
        {"lang": "en", "hub": ["seoul_ai_yangjae_hub"], "years": ["2019", "2023"]},
        {"hub_id": "seoul_ai_yangjae_hub", "kind": "actual", "year": "2021"},
    ),
    (
        {"lang": "ko", "kinds": ["target"], "years": ["2020", "2030"]},
        {"hub_id": "incheon_startup_park", "kind": "target", "year": "2025"},
    ),
]
READY = """() => document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid=stMain] [data-testid=stSkeleton]')
    && !!document.querySelector('.st-key-download-filtered button')"""


def link(params: dict) -> str:
    return "/sources?" + urlencode(params, doseq=True)


def upload_bytes(session: int, target: dict) -> bytes:
    """One made-up figure (synthetic test data, generated here) whose quote and value name the session."""
    return upload_file(
        figure_id=f"mu{session}",
        hub_id=target["hub_id"],
        metric="personnel_trained",
        value=str(1000 + session),
        unit="persons",
        period_start=target["year"],
        period_end=target["year"],
        kind=target["kind"],
        quote=f"session {session} marker",
        source_publisher=f"Tester {session}",
        source_title="Concurrency check",
        source_published="2024-01-01",
    )


async def settled(page) -> None:
    """Ready, and still ready a moment later: a run the frontend starts on its own has begun by then."""
    await page.wait_for_function(READY)
    await page.wait_for_timeout(500)
    await page.wait_for_function(READY)


async def visit(contexts: dict, url: str, params: dict, upload_file: bytes | None) -> dict:
    """One user (a tab of its own): open the link, maybe upload, read the row count, download the filtered table."""
    page = await contexts[params["lang"]].new_page()
    try:
        page.set_default_timeout(TIME_LIMIT * 1000)
        failures: list[str] = []
        page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 500 else None)
        await page.goto(url + link(params))
        await page.wait_for_selector("[data-testid=stMain] h1")
        await page.wait_for_function(READY)
        if upload_file is not None:
            await page.locator(".st-key-upload_file [data-testid=stFileUploaderDropzoneInput]").set_input_files(
                files=[{"name": "mine.csv", "mimeType": "text/csv", "buffer": upload_file}]
            )
            await page.wait_for_selector("[data-testid=stAlertContentSuccess]")
            await page.wait_for_function(READY)
        await settled(page)
        caption = (
            await page.locator("[data-testid=stCaptionContainer]")
            .filter(has_text=re.compile(r"\d+(개)? ?(rows|행)"))
            .first.inner_text()
        )
        async with page.expect_download() as info:
            await page.locator(".st-key-download-filtered button").click()
        download = await info.value
        failure = await download.failure()
        if failure is not None:
            # Say what the server answers for the file now: a 404 means it was dropped before it was fetched.
            status = (await page.request.get(download.url)).status
            raise AssertionError(f"download of {download.url} failed ({failure}); it now answers {status}")
        body = Path(await download.path()).read_bytes()
        return {
            "csv": body,
            "caption": caption,
            "url": page.url,
            "failures": failures,
            "exceptions": await page.locator("[data-testid=stException]").count(),
            "errors": await page.locator("[data-testid=stAlertContentError]").count(),
        }
    finally:
        await page.close()


async def run_all(url: str, alone: list[dict], together: list[tuple[dict, bytes | None]]) -> tuple[list, list, float]:
    """Each link of `alone` opened by one user at a time, then every job of `together` at once, in one browser:
    (the lone users' results, the concurrent ones' results or exceptions, seconds the concurrent phase took)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        # Tabs share two renderer processes: the 20 tabs then cost about a fifth less CPU (152 -> 122 core-seconds
        # for this test, one A/B run), and the server sees the same 20 websockets and sessions.
        browser = await launch(p, "--renderer-process-limit=2")
        try:
            contexts = {
                lang: await browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale=locale)
                for lang, locale in (("ko", "ko-KR"), ("en", "en-US"))
            }
            baselines = [await visit(contexts, url, params, None) for params in alone]
            started = time.monotonic()
            results = await asyncio.wait_for(
                asyncio.gather(
                    *(visit(contexts, url, params, data) for params, data in together), return_exceptions=True
                ),
                timeout=TIME_LIMIT,
            )
            return baselines, results, time.monotonic() - started
        finally:
            await browser.close()


def in_thread(coro_factory):
    """Run the async Playwright code on its own thread: the sync API of other browser tests owns this one's loop."""
    result: dict = {}

    def target():
        try:
            result["value"] = asyncio.run(coro_factory())
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
            result["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(TIME_LIMIT + 120)
    if thread.is_alive():
        pytest.fail("the browser sessions did not finish in time")
    if "error" in result:
        raise result["error"]
    return result["value"]


def rows_of(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def split_user_rows(body: bytes, lang: str) -> tuple[list[list[str]], list[dict]]:
    """(header + bundled rows, user-supplied rows as dicts keyed by the untranslated column names)."""
    rows = rows_of(body)
    header = rows[0]
    # Headers are translated (csv.<column> strings); untranslated ones are the column names themselves.
    names = {i18n.t(key, lang): key[len("csv.") :] for key in i18n.STRINGS if key.startswith("csv.")}
    flag = header.index(i18n.t("csv.user_supplied", lang))
    yes = i18n.t("csv.yes", lang)
    bundled = [header] + [r for r in rows[1:] if r[flag] != yes]
    mine = [{names.get(h, h): v for h, v in zip(header, r)} for r in rows[1:] if r[flag] == yes]
    return bundled, mine


def counts(caption: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"[\d,]+", caption)]


def test_20_concurrent_sessions_see_only_their_own_filters_and_uploads(server):
    """20 sessions at once (5 links, 10 uploads): 0 errors, own upload only, the rest equal to a lone user's answer.

    The server is this worker's own (tests/e2e/conftest.py); this test runs first on it (FIRST there), so no other
    session is open while the lone users take their answers."""
    jobs = []
    for session in range(SESSIONS):
        params, target = FILTER_SETS[session % len(FILTER_SETS)]
        jobs.append((params, upload_bytes(session, target) if session in UPLOADERS else None))
    started = time.monotonic()
    baselines, results, concurrent_time = in_thread(lambda: run_all(server, [p for p, _ in FILTER_SETS], jobs))
    single_time = time.monotonic() - started - concurrent_time

    crashed = [(i, r) for i, r in enumerate(results) if isinstance(r, BaseException)]
    assert crashed == [], crashed
    assert all(r["exceptions"] == 0 and r["errors"] == 0 and r["failures"] == [] for r in results + baselines)
    for session, result in enumerate(results):
        set_index = session % len(FILTER_SETS)
        params, target = FILTER_SETS[set_index]
        baseline = baselines[set_index]
        lang = params["lang"]
        # Its own filters, written back into its own address bar.
        query = parse_qs(urlparse(result["url"]).query)
        assert query["lang"] == [lang]
        for key in ("region", "hub", "years", "kinds"):
            assert query.get(key) == params.get(key), (session, key, query)
        bundled, mine = split_user_rows(result["csv"], lang)
        assert bundled == rows_of(baseline["csv"]), f"session {session} differs from the single-user answer"
        if session in UPLOADERS:
            assert [(r["figure_id"], r["quote"], float(r["value"])) for r in mine] == [
                (f"user-mu{session}", f"session {session} marker", 1000.0 + session)
            ], session
            assert counts(result["caption"]) == [n + 1 for n in counts(baseline["caption"])]
        else:
            assert mine == [] and result["csv"] == baseline["csv"], session
            assert result["caption"] == baseline["caption"]
    print(
        f"\n{len(FILTER_SETS)} single sessions in {single_time:.1f} s; {SESSIONS} concurrent in {concurrent_time:.1f} s"
    )
