"""Real-browser journeys (issue 5): every page, deep links, filters, navigation, downloads, language, hover, network, phone."""

from __future__ import annotations

import csv
import io
import ipaddress
import time
from functools import cache
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard import fmt, i18n, schema
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    ROOT,
    close_sidebar,
    nav_to,
    open_sidebar,
    rerun,
    screenshot,
    script_runs,
    settle_sidebar,
    sidebar_open,
    wait_ready,
    watch_runs,
)

pytestmark = pytest.mark.e2e

# slug -> (URL path, fewest charts the page must draw on the bundled data with default filters)
PAGES = {
    "overview": ("/", 1),  # province map (the coverage grid is drawn when its expander is opened)
    "budgets": ("/budgets", 2),  # trend + plan vs actual
    "firms": ("/firms", 2),
    "personnel": ("/personnel", 2),
    "outcomes": ("/outcomes", 2),
    "compare": ("/compare", 1),
    "hub": ("/hub", 1),  # timeline
    "sources": ("/sources", 0),  # tables only
}
ERROR_SELECTORS = (
    "[data-testid=stException]",
    "[data-testid=stAlertContentError]",
    "[data-testid=stErrorBoundary]",
    "[data-testid=stConnectionStatus]",
)
GWANGJU = "gwangju_ai_cluster"
DEEP_LINK = f"/budgets?lang=en&region=24&hub={GWANGJU}&years=2019&years=2023&kinds=actual&kinds=plan"

# What the shared sidebar widgets show, read from the DOM by widget key (st-key-<key> classes).
SIDEBAR_STATE = """() => {
    const texts = sel => Array.from(document.querySelectorAll(sel)).map(e => e.textContent.trim());
    return {
        lang: texts('[data-testid=stSidebar] .st-key-lang [role=radio][aria-checked=true]'),
        regions: texts('[data-testid=stSidebar] .st-key-region [data-tag] > span[title]'),
        hubs: texts('[data-testid=stSidebar] .st-key-hub [data-tag] > span[title]'),
        years: Array.from(document.querySelectorAll('[data-testid=stSidebar] .st-key-years input[type=range]'))
            .map(e => Number(e.value)),
        kinds: texts('[data-testid=stSidebar] .st-key-kinds button[aria-pressed=true]'),
    };
}"""

# One chart's figure as Plotly holds it in the page: titles, and per trace its name, kind and figure ids.
CHART = """key => {
    const gd = document.querySelector(`.st-key-chart-${key} .js-plotly-plot`);
    if (!gd || !gd.data) return null;
    const text = t => (t && (typeof t === 'string' ? t : t.text)) || '';
    return {
        title: text(gd.layout.title), x_title: text(gd.layout.xaxis && gd.layout.xaxis.title),
        y_title: text(gd.layout.yaxis && gd.layout.yaxis.title),
        traces: gd.data.map(t => ({
            name: t.name || '', kind: (t.meta && t.meta.kind) || null,
            ids: [].concat(t.customdata || []).filter(v => typeof v === 'string'),
            hover: [].concat(t.hovertext || []).filter(v => typeof v === 'string'),
        })),
    };
}"""

# Every Plotly chart on the page: does it hold data, and did it draw marks (paths inside the plot area)?
DRAWN_CHARTS = """() => Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]')).map(c => {
    const gd = c.querySelector('.js-plotly-plot');
    return {
        svg: c.querySelectorAll('.main-svg').length,
        points: gd && gd.data ? gd.data.reduce((n, t) => n + [].concat(t.x || []).length, 0) : 0,
        marks: c.querySelectorAll('.cartesianlayer .trace path').length,
    };
})"""


def drawn_charts(pg, at_least: int, timeout: float = 15) -> list[dict]:
    """The page's charts as DRAWN_CHARTS sees them, once at least `at_least` are there with traces drawn.

    Plotly can add a chart's traces a few frames after its `.main-svg` (a busy machine stretches that), so this
    polls; after `timeout` seconds it returns what is there and the caller's assertions say what is missing.
    """
    deadline = time.monotonic() + timeout
    while True:
        drawn = pg.evaluate(DRAWN_CHARTS)
        done = len(drawn) >= at_least and all(c["svg"] and c["points"] > 0 and c["marks"] > 0 for c in drawn)
        if done or time.monotonic() > deadline:
            return drawn
        pg.wait_for_timeout(100)


# --- ground truth from the bundled CSVs (what the browser must show) --------------------------------------------------


def _read(name: str) -> list[dict]:
    with open(ROOT / "data" / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def figures() -> dict[str, dict]:
    """Every bundled figure by figure_id, with its family."""
    out = {}
    for family in schema.FAMILIES:
        for row in _read(f"{family}.csv"):
            out[row["figure_id"]] = {**row, "family": family}
    return out


@cache
def hubs() -> dict[str, dict]:
    return {row["hub_id"]: row for row in _read("hubs.csv")}


@cache
def publishers() -> dict[str, str]:
    return {row["source_id"]: row["publisher"] for row in _read("sources.csv")}


def _month(text: str) -> int | None:
    return int(text) if text else None


# --- small browser helpers -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_context(browser):
    """One browser context for this module: Plotly's several-MB bundle is fetched and compiled once, not per test."""
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True, locale="ko-KR")
    yield context
    context.close()


@pytest.fixture
def page(shared_context):
    """A fresh tab, hence a fresh Streamlit session, at desktop size."""
    pg = shared_context.new_page()
    pg.set_default_timeout(30_000)
    watch_runs(pg)
    yield pg
    pg.close()


def open_app(pg, server: str, path: str) -> None:
    """Open a URL on the app (a fresh session) and wait until its script ran and its charts are drawn."""
    pg.goto(server + path)
    wait_ready(pg)


def nav(pg, slug: str) -> None:
    """Click the sidebar link of PAGES[slug] and wait for that page's run."""
    nav_to(pg, PAGES[slug][0])


def params(pg) -> dict[str, list[str]]:
    return parse_qs(urlparse(pg.url).query)


def chart(pg, key: str) -> dict:
    info = pg.evaluate(CHART, key)
    assert info is not None, f"no Plotly chart with key chart-{key}"
    return info


def chart_ids(info: dict) -> list[str]:
    return [i for t in info["traces"] for i in t["ids"]]


def sidebar(pg) -> dict:
    return pg.evaluate(SIDEBAR_STATE)


def errors(pg) -> list[str]:
    return [sel for sel in ERROR_SELECTORS if pg.locator(sel).count()]


def click_sidebar_pill(pg, key: str, text: str) -> None:
    # A tab of the shared context may open with the sidebar collapsed (a phone-sized test before it collapsed it).
    open_sidebar(pg)
    rerun(pg, pg.locator(f"[data-testid=stSidebar] .st-key-{key}").get_by_role("button", name=text, exact=True).click)


def pick_option(pg, key: str, text: str) -> None:
    """Open a (multi)select by widget key, click the option with `text` and wait for the rerun."""
    if pg.locator(f"[data-testid=stSidebar] .st-key-{key}").count():
        open_sidebar(pg)
    pg.locator(f".st-key-{key} input[role=combobox]").click()
    option = pg.get_by_role("option").filter(has_text=text).first
    rerun(pg, option.click)
    pg.keyboard.press("Escape")


def expected_sidebar(lang: str, regions=(), hub_ids=(), years=None, kinds=tuple(schema.KINDS)) -> dict:
    counts = {}
    for row in hubs().values():
        counts[row["region_code"].zfill(2)] = counts.get(row["region_code"].zfill(2), 0) + 1
    return {
        "lang": [{"ko": "한국어", "en": "English"}[lang]],
        "regions": [f"{i18n.region_name(r, lang)} ({counts.get(r, 0)})" for r in regions],
        "hubs": [i18n.label(hubs()[h], "name", lang) for h in hub_ids],
        "years": list(years),
        "kinds": [i18n.t(f"kind.{k}", lang) for k in schema.KINDS if k in kinds],
    }


# --- the journeys ----------------------------------------------------------------------------------------------------


def test_every_page_draws_its_charts_and_requests_nothing_outside_localhost(page, server):
    """From the Overview's link, every page (reached by its sidebar link) shows no exception or error element and
    draws at least its expected charts; a trend marker's hover gives its figure's value, period, kind and source;
    across them all, plus a table toggle and the hover, the browser requests only loopback, data: and blob: URLs.

    Opening a page by its own link is other tests' part (every page script is opened by its URL somewhere in
    tests/e2e/; Compare and People by the phone test): a page change here costs the browser a quarter of a fresh load.
    """
    seen: list[str] = []
    page.on("request", lambda req: seen.append(req.url))
    page.on("websocket", lambda ws: seen.append(ws.url))
    open_app(page, server, "/?kinds=actual")  # actual points only: a marker near the first has a hover
    for slug, (path, min_charts) in PAGES.items():
        if slug != "overview":
            nav(page, slug)
        assert not errors(page), f"{path}: error element {errors(page)}"
        assert page.locator("h1").first.inner_text() == i18n.t(f"page.{slug}.title", "ko"), path
        drawn = drawn_charts(page, min_charts)
        assert len(drawn) >= min_charts, f"{path}: {len(drawn)} charts, expected at least {min_charts}"
        assert page.locator("[data-testid=stPlotlyChart] .main-svg").count() >= min_charts, path
        for n, c in enumerate(drawn):
            assert c["svg"] and c["points"] > 0 and c["marks"] > 0, f"{path}: chart {n} is empty: {c}"
    nav(page, "budgets")
    rerun(page, page.locator(".st-key-table-budgets-trend label").click)
    # Moving the mouse onto a trend marker shows that figure's formatted value, period, kind and source.
    assert_hover_describes(page, "budgets-trend", hover_first_marker(page, "budgets-trend"))
    assert any(u.startswith("ws") for u in seen), "the websocket was not recorded"
    outside = sorted({u for u in seen if not _loopback(u)})
    assert not outside, f"requests outside localhost: {outside}"


def test_deep_link_restores_every_filter(page, server):
    """A link with language, region, hub, years and kinds opens with all of them set, in the widgets and the chart."""
    open_app(page, server, DEEP_LINK)
    assert page.locator("h1").first.inner_text() == i18n.t("page.budgets.title", "en")
    assert sidebar(page) == expected_sidebar("en", ["24"], [GWANGJU], (2019, 2023), ("actual", "plan"))
    assert params(page) == {
        "lang": ["en"],
        "region": ["24"],
        "hub": [GWANGJU],
        "years": ["2019", "2023"],
        "kinds": ["actual", "plan"],
    }
    drawn = [figures()[i] for i in chart_ids(chart(page, "budgets-trend"))]
    assert drawn, "the trend drew nothing for the deep-linked filters"
    for row in drawn:
        assert row["hub_id"] == GWANGJU and row["kind"] in ("actual", "plan"), row["figure_id"]
        assert int(row["period_start"]) <= 2023 and int(row["period_end"]) >= 2019, row["figure_id"]


def test_changing_a_filter_updates_url_and_charts(page, server):
    """Clicking a kind pill and picking a hub rewrite the URL and redraw the trend with exactly the matching figures."""
    open_app(page, server, "/budgets?kinds=actual")  # every kind is the default: start from actuals only
    before = chart(page, "budgets-trend")
    assert {t["kind"] for t in before["traces"]} == {"actual"}
    metric = figures()[chart_ids(before)[0]]["metric"]

    click_sidebar_pill(page, "kinds", i18n.t("kind.plan", "ko"))
    assert params(page).get("kinds") == ["actual", "plan"]
    page.wait_for_function(f"() => ({CHART})('budgets-trend').traces.some(t => t.kind === 'plan')")
    with_plan = chart(page, "budgets-trend")
    assert {figures()[i]["kind"] for i in chart_ids(with_plan)} == {"actual", "plan"}

    pick_option(page, "hub", hubs()[GWANGJU]["name_ko"])
    assert params(page).get("hub") == [GWANGJU]
    assert sidebar(page)["hubs"] == [hubs()[GWANGJU]["name_ko"]]
    page.wait_for_function(
        f"() => ({CHART})('budgets-trend').traces.every(t => t.ids.every(i => i.startsWith('{GWANGJU}-')))"
    )
    expected = {
        i
        for i, r in figures().items()
        if r["hub_id"] == GWANGJU and r["metric"] == metric and r["kind"] in ("actual", "plan")
    }
    assert set(chart_ids(chart(page, "budgets-trend"))) == expected


def test_switching_pages_keeps_the_filters(page, server):
    """Following the sidebar links keeps every filter in the URL and in the widgets."""
    link = f"/budgets?lang=ko&region=24&hub={GWANGJU}&years=2019&years=2023&kinds=actual&kinds=plan"
    open_app(page, server, link)
    want_params = params(page)
    want_widgets = expected_sidebar("ko", ["24"], [GWANGJU], (2019, 2023), ("actual", "plan"))
    assert sidebar(page) == want_widgets
    for slug in ("firms", "compare", "overview"):
        nav(page, slug)
        assert page.locator("h1").first.inner_text() == i18n.t(f"page.{slug}.title", "ko")
        assert params(page) == want_params, slug
        assert sidebar(page) == want_widgets, slug
        assert not errors(page), slug


def test_download_gives_the_plotted_rows_without_a_rerun(page, server):
    """The trend's download is a UTF-8 CSV with BOM and Hangul, has exactly the plotted figures, and resets nothing."""
    open_app(page, server, "/budgets")
    pick_option(
        page, "budgets_metric", next(r["label_ko"] for r in _read("metrics.csv") if r["metric"] == "budget_total")
    )
    rerun(page, page.locator(".st-key-table-budgets-trend label").click)
    metric_shown = page.locator(".st-key-budgets_metric input").input_value()
    assert page.locator(".st-key-table-budgets-trend input[role=switch]").is_checked()
    assert page.locator("[data-testid=stMain] [data-testid=stDataFrame]").count() == 1, "the table did not open"
    plotted = chart_ids(chart(page, "budgets-trend"))
    assert plotted and {figures()[i]["metric"] for i in plotted} == {"budget_total"}

    runs_before, url_before = script_runs(page), page.url
    with page.expect_download() as download:
        page.locator(".st-key-download-budgets-trend button").click()
    raw = open(download.value.path(), "rb").read()
    assert download.value.suggested_filename.endswith(".csv")
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM"
    rows = list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"))))
    id_col, hub_col = i18n.t("csv.figure_id", "ko"), i18n.t("csv.hub", "ko")
    assert sorted(r[id_col] for r in rows) == sorted(set(plotted))
    for r in rows:
        assert r[hub_col] == hubs()[figures()[r[id_col]]["hub_id"]]["name_ko"]  # Hangul survived the round trip
        assert r[i18n.t("csv.quote", "ko")] == figures()[r[id_col]]["quote"]

    # Give a rerun the time to happen before saying none came.
    page.wait_for_timeout(1_000)
    assert script_runs(page)["finished"] == runs_before["finished"], "the download reran the script"
    assert page.url == url_before
    assert page.locator(".st-key-budgets_metric input").input_value() == metric_shown
    assert page.locator(".st-key-table-budgets-trend input[role=switch]").is_checked()
    assert page.locator("[data-testid=stMain] [data-testid=stDataFrame]").count() == 1


def test_language_switch_translates_titles_axes_and_hover(page, server):
    """Switching to English turns the title, axis titles and hover text English, and switching back restores Korean."""
    open_app(page, server, "/budgets")
    for lang in ("en", "ko"):
        click_sidebar_pill_lang(page, lang)
        assert params(page).get("lang") == [lang]
        page.wait_for_function(f"() => ({CHART})('budgets-trend').x_title === {i18n.t('axis.year', lang)!r}")
        assert page.locator("h1").first.inner_text() == i18n.t("page.budgets.title", lang)
        info = chart(page, "budgets-trend")
        # Budgets opens on a log scale (its figures are more than 100 times apart), and the axis title says so.
        unit = schema.UNITS["KRW"][lang]
        assert info["y_title"] == f"{i18n.t('axis.amount', lang)} ({unit}) · {i18n.t('axis.log', lang)}"
        hovers = [h for t in info["traces"] for h in t["hover"]]
        assert hovers
        other = "ko" if lang == "en" else "en"
        for key in ("hover.period", "hover.kind", "hover.source"):
            assert all(f"{i18n.t(key, lang)}:" in h for h in hovers), key
            assert not any(f"{i18n.t(key, other)}:" in h for h in hovers), key
        nav_names = page.locator("[data-testid=stSidebarNavLink] span[label]").evaluate_all(
            "spans => spans.map(s => s.getAttribute('label'))"
        )
        assert nav_names == [i18n.t(f"page.{slug}.name", lang) for slug in PAGES]


def click_sidebar_pill_lang(pg, lang: str) -> None:
    open_sidebar(pg)
    button = pg.locator("[data-testid=stSidebar] .st-key-lang").get_by_role(
        "radio", name={"ko": "한국어", "en": "English"}[lang], exact=True
    )
    rerun(pg, button.click)


def hover_first_marker(pg, key: str) -> str:
    """Move the mouse onto the first marker of chart `key` that carries a figure id; that id (its hover is shown)."""
    pg.evaluate(
        """key => {
        const gd = document.querySelector(`.st-key-chart-${key} .js-plotly-plot`);
        window.__hovered = null;
        gd.on('plotly_hover', e => { window.__hovered = e.points[0].customdata; });
    }""",
        key,
    )
    points = pg.locator(f".st-key-chart-{key} .scatterlayer .trace .points path.point")
    assert points.count() > 0
    for n in range(points.count()):
        box = points.nth(n).bounding_box()
        pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        pg.wait_for_selector(f".st-key-chart-{key} .hoverlayer .hovertext")
        figure_id = pg.evaluate("window.__hovered")
        if isinstance(figure_id, str):
            return figure_id
        pg.mouse.move(0, 0)
    raise AssertionError(f"no marker of chart-{key} carried a figure id")


def assert_hover_describes(pg, key: str, figure_id: str) -> None:
    """The hover shown on chart `key` gives that figure's formatted value, period, kind and source, in Korean."""
    shown = pg.locator(f".st-key-chart-{key} .hoverlayer .hovertext").first.text_content()
    row = figures()[figure_id]
    value = fmt.number(float(row["value"]), row["unit"], "ko")
    period = fmt.period(
        int(row["period_start"]),
        int(row["period_end"]),
        _month(row["period_start_month"]),
        _month(row["period_end_month"]),
        row["kind"],
        "ko",
    )
    for part in (
        value,
        period,
        fmt.kind_label(row["kind"], "ko"),
        publishers()[row["source_id"]],
        i18n.t("hover.period", "ko"),
        i18n.t("hover.kind", "ko"),
        i18n.t("hover.source", "ko"),
    ):
        assert part in shown, f"{part!r} missing from hover {shown!r}"


def _loopback(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    host = parsed.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def test_phone_overview_is_usable(page, server):
    """At 390×844 the Overview's cards stack one per row, nothing scrolls sideways, and the sidebar opens and closes."""
    page.set_viewport_size(PHONE)
    open_app(page, server, "/")
    cards = page.locator("[class*='st-key-card-']")
    boxes = [cards.nth(n).bounding_box() for n in range(cards.count())]
    assert len(boxes) >= 2
    width = page.evaluate("innerWidth")
    for above, below in zip(boxes, boxes[1:]):
        assert below["y"] >= above["y"] + above["height"] - 1, "cards overlap or sit side by side"
        assert abs(below["x"] - above["x"]) < 1
    assert all(b["width"] > 0.8 * (width - 2 * boxes[0]["x"]) for b in boxes), "a card is not full width"
    overflow = page.evaluate("""() => {
        const main = document.querySelector('[data-testid=stMain]');
        const wide = Array.from(document.querySelectorAll(
            '[data-testid=stMain] [data-testid=stElementContainer], [class*=st-key-card-]'))
            .filter(e => e.getBoundingClientRect().right > innerWidth + 1).length;
        return {doc: document.scrollingElement.scrollWidth - innerWidth, main: main.scrollWidth - main.clientWidth,
                wide};
    }""")
    assert overflow["doc"] <= 1 and overflow["main"] <= 1 and overflow["wide"] == 0, overflow

    settle_sidebar(page)
    assert not sidebar_open(page), "the sidebar covers the page on a phone before it is opened"
    open_sidebar(page)
    assert sidebar_open(page) and page.locator("[data-testid=stSidebar] .st-key-kinds").is_visible()
    page.locator("[data-testid=stSidebarCollapseButton] button").click()
    settle_sidebar(page)
    assert not sidebar_open(page)
    assert page.evaluate("document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0")
    assert not errors(page)


def _fit(pg, size: dict) -> None:
    """Resize the viewport and wait until every chart has been redrawn to its new width."""
    pg.set_viewport_size(size)
    pg.wait_for_function("""() => Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]')).every(c => {
        const svg = c.querySelector('.main-svg');
        return svg && Math.abs(svg.getBoundingClientRect().width - c.getBoundingClientRect().width) <= 1;
    })""")
    settle_sidebar(pg)


@pytest.mark.screenshots
def test_screenshots_of_every_page(page, server):
    """Saves a full-page screenshot of every page, desktop and phone, in Korean and English, for a person to review.

    It checks nothing a reader would miss (the phone and journey tests do), so `make test` leaves it out; `make
    screenshots` runs it and copies the shots, made small, into docs/screenshots/.
    """
    saved = []
    for lang in ("ko", "en"):
        open_app(page, server, f"/?lang={lang}")
        for slug in PAGES:
            if slug != "overview":
                nav(page, slug)
            saved.append(screenshot(page, f"{slug}-{lang}-desktop"))
            _fit(page, PHONE)
            # The sidebar stays open from the navigation click; on a phone it would cover the page in the shot.
            close_sidebar(page)
            saved.append(screenshot(page, f"{slug}-{lang}-phone"))
            _fit(page, DESKTOP)
    assert all(p.stat().st_size > 10_000 for p in saved)


# --- issue 14: the user journeys of docs/user-journeys.md --------------------------------------------------------------
# Each journey's expected answer is read from the hand-checked JSON block of its section in docs/user-journeys.md
# (checked against data/ when the doc was last updated); the browser must show it within the clicks the doc lists.

JOURNEYS_DOC = ROOT / "docs" / "user-journeys.md"


@cache
def journeys() -> dict[str, dict]:
    import json
    import re

    text = JOURNEYS_DOC.read_text(encoding="utf-8")
    blocks = [json.loads(b) for b in re.findall(r"```json journey\n(.*?)```", text, flags=re.DOTALL)]
    return {b["id"]: b for b in blocks}


def test_journeys_doc_lists_every_journey():
    assert sorted(journeys()) == sorted(
        [
            "gwangju_budget",
            "trained_2021",
            "incheon_plan",
            "seoul_vs_incheon",
            "figure_1076",
            "chart_csv",
            "colleague_link",
            "phone_link",
            "province_budget",
        ]
    )
    for j in journeys().values():
        assert 0 <= j["clicks"] <= 3, j["id"]
        for fid in j.get("figure_ids", []) + j.get("plan_ids", []) + j.get("actual_ids", []):
            assert fid in figures(), (j["id"], fid)  # the doc names figures data/ has


def metric_label_ko(metric: str) -> str:
    return next(r["label_ko"] for r in _read("metrics.csv") if r["metric"] == metric)


def ensure_metric(pg, family: str, metric: str) -> int:
    """Pick `metric` on a family page unless the page already opened on it; the clicks it took."""
    if pg.locator(f".st-key-{family}_metric input").input_value().startswith(metric_label_ko(metric)):
        return 0
    pick_option(pg, f"{family}_metric", metric_label_ko(metric))
    return 2


def trend_ids(pg, server, family: str, metric: str) -> set[str]:
    """From the start page to `family`'s page (one click) with `metric` picked: the figure ids its trend draws."""
    open_app(pg, server, "/")
    nav(pg, family)
    ensure_metric(pg, family, metric)
    return set(chart_ids(chart(pg, f"{family}-trend")))


def read_csv_download(pg, selector: str) -> list[dict]:
    with pg.expect_download() as download:
        pg.locator(selector).click()
    raw = open(download.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"))))


def test_journey_gwangju_budget_year_by_year(page, server):
    """Budgets page, hub Gwangju in the sidebar: the trend draws Gwangju's figures of the doc's metric."""
    j = journeys()["gwangju_budget"]
    open_app(page, server, "/")
    nav(page, "budgets")  # 1 click
    pick_option(page, "hub", hubs()[GWANGJU]["name_ko"])  # 2 clicks: the page opens on the doc's metric
    assert ensure_metric(page, "budgets", j["metric"]) == 0
    shown = chart(page, "budgets-trend")
    assert sorted(set(chart_ids(shown))) == sorted(j["figure_ids"])
    assert not errors(page)


def test_journey_most_trained_in_2021(page, server):
    """People page, metric 'people trained': the only single-year 2021 actual on the chart is the doc's answer."""
    j = journeys()["trained_2021"]
    ids = trend_ids(page, server, "personnel", "personnel_trained")
    single_2021 = sorted(
        i
        for i in ids
        if figures()[i]["period_start"] == figures()[i]["period_end"] == "2021"
        and figures()[i]["kind"] == "actual"
        and not figures()[i]["period_start_month"]
        and not figures()[i]["period_end_month"]
    )
    assert single_2021 == j["figure_ids"]
    assert {figures()[i]["hub_id"] for i in single_2021} == {j["hub"]}


def test_journey_incheon_plan_for_supported_firms(page, server):
    """Firms page, hub Incheon: the plan-vs-actual chart of supported firms pairs the doc's plans and actuals."""
    j = journeys()["incheon_plan"]
    open_app(page, server, "/")
    nav(page, "firms")
    pick_option(page, "hub", hubs()["incheon_startup_park"]["name_ko"])
    ids = set(chart_ids(chart(page, "firms-pva-firms_supported")))
    assert set(j["plan_ids"]) <= ids and set(j["actual_ids"]) <= ids
    assert ids <= set(j["plan_ids"]) | set(j["actual_ids"])


def test_journey_seoul_vs_incheon_resident_firms(page, server):
    """Firms page: the resident-firms trend holds the doc's Seoul and Incheon figures side by side."""
    j = journeys()["seoul_vs_incheon"]
    ids = trend_ids(page, server, "firms", "firms_resident")
    assert set(j["figure_ids"]) <= ids
    by_hub = {
        h: sorted(i for i in ids if figures()[i]["hub_id"] == h)
        for h in ("seoul_ai_yangjae_hub", "incheon_startup_park")
    }
    assert sorted(by_hub["seoul_ai_yangjae_hub"] + by_hub["incheon_startup_park"]) == sorted(j["figure_ids"])


def test_journey_where_1076_comes_from(page, server):
    """Sources page, search "1,076억": the result names the doc's publisher and sentence (read from its download)."""
    j = journeys()["figure_1076"]
    open_app(page, server, "/")
    nav(page, "sources")
    box = page.locator(".st-key-sources_search input")
    box.fill(j["search"])
    rerun(page, lambda: box.press("Enter"))
    assert params(page).get("sources_search") == [j["search"]]
    rows = read_csv_download(page, ".st-key-download-filtered button")
    found = sorted(
        [r[i18n.t("csv.figure_id", "ko")], r[i18n.t("csv.source_publisher", "ko")], r[i18n.t("csv.quote", "ko")]]
        for r in rows
    )
    assert found == sorted(j["rows"])


def test_journey_chart_data_as_csv(page, server):
    """Budgets page: the trend's CSV holds exactly the figures on screen (as many as the doc says)."""
    j = journeys()["chart_csv"]
    open_app(page, server, "/")
    nav(page, "budgets")
    plotted = sorted(set(chart_ids(chart(page, "budgets-trend"))))
    rows = read_csv_download(page, ".st-key-download-budgets-trend button")
    assert sorted(r[i18n.t("csv.figure_id", "ko")] for r in rows) == plotted
    assert len(rows) == j["rows"]


SCALE_PRESSED = (
    "() => Array.from(document.querySelectorAll('.st-key-scale [role=radio][aria-checked=true]'))"
    ".map(b => b.textContent.trim())"
)


def _view_state(pg, family: str) -> dict:
    gd_type = pg.evaluate(f"""() => {{
        const gd = document.querySelector('.st-key-chart-{family}-trend .js-plotly-plot');
        return gd && gd.layout.yaxis ? (gd.layout.yaxis.type || 'linear') : null; }}""")
    return {
        "metric": pg.locator(f".st-key-{family}_metric input").input_value(),
        "scale": pg.evaluate(SCALE_PRESSED),
        "y_type": gd_type,
        "ids": sorted(set(chart_ids(chart(pg, f"{family}-trend")))),
        "sidebar": sidebar(pg),
    }


def test_journey_colleague_link_reproduces_the_view(page, server, shared_context):
    """The doc's link opens the colleague's exact view (filters, metric, scale); a view changed in the UI is in the
    URL, and that URL opened in a fresh tab shows the same."""
    j = journeys()["colleague_link"]
    open_app(page, server, j["path"])
    state = _view_state(page, "firms")
    assert state["metric"].startswith(
        metric_label_ko(j["metric"])
        if "lang=en" not in j["path"]
        else next(r["label_en"] for r in _read("metrics.csv") if r["metric"] == j["metric"])
    )
    assert state["y_type"] == j["y_type"] and state["scale"] == [i18n.t(f"scale.{j['y_type']}", "en")]
    assert state["ids"] == sorted(j["figure_ids"])
    # Change the view in the UI: another scale; the address bar follows, and the copied link reproduces it.
    rerun(page, page.locator(".st-key-scale").get_by_role("radio", name=i18n.t("scale.linear", "en"), exact=True).click)
    copied = page.url
    assert "scale=" not in copied  # the default (linear) is left out
    changed = _view_state(page, "firms")
    assert changed["scale"] == [i18n.t("scale.linear", "en")] and changed["y_type"] == "linear"
    other = shared_context.new_page()
    watch_runs(other)
    open_app(other, server, copied.replace(server, ""))
    assert _view_state(other, "firms") == changed
    other.close()


def test_journey_the_same_link_on_a_phone(page, server):
    """The colleague's link at 390 px: the same chart, nothing wider than the screen, no error."""
    j = journeys()["phone_link"]
    page.set_viewport_size(PHONE)
    open_app(page, server, j["path"])
    state = _view_state(page, "firms")
    assert state["ids"] == sorted(j["figure_ids"]) and state["y_type"] == j["y_type"]
    assert page.evaluate("document.scrollingElement.scrollWidth - innerWidth") <= 1
    assert not errors(page)


def test_journey_province_with_most_reported_budget(page, server):
    """Overview map, metric from the doc: the largest province total is the doc's (read from the map's download)."""
    j = journeys()["province_budget"]
    open_app(page, server, "/")
    # The metric list is long (its options are drawn as the list scrolls): type to narrow it, then click.
    box = page.locator(".st-key-overview-map-metric input[role=combobox]")
    box.click()
    box.fill(metric_label_ko(j["metric"]))
    rerun(page, page.get_by_role("option").filter(has_text=metric_label_ko(j["metric"])).first.click)
    assert page.locator(".st-key-overview-map-period input").input_value().startswith(j["period_text"])
    rows = read_csv_download(page, ".st-key-download-overview-map button")
    provinces = [
        r
        for r in rows
        if r[i18n.t("csv.row_type", "ko") if "csv.row_type" in i18n.STRINGS else "row_type"]
        == i18n.t("map.row.province", "ko")
    ]
    total_col = i18n.t("csv.total", "ko") if "csv.total" in i18n.STRINGS else "total"
    region_col = i18n.t("csv.region", "ko") if "csv.region" in i18n.STRINGS else "region"
    best = max((r for r in provinces if r[total_col]), key=lambda r: float(r[total_col]))
    assert best[region_col] == j["region"]
    assert float(best[total_col]) == j["total"]
