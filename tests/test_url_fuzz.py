"""Any value in any URL parameter gives the default view (or a valid one), never an error: property tests.

The expected results come from a small model written here (model_from_url, model_view) over the bundled data/
read with the csv module, not from the code under test.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard import i18n, url_state

pytestmark = pytest.mark.usefixtures("bundled")  # these pages run on the bundled data/ folder

ROOT = Path(__file__).resolve().parent.parent
HARNESS = str(ROOT / "tests" / "harness" / "sidebar_app.py")
FILTER_KEYS = ("lang", "region", "hub", "years", "kinds")
PAGE_KEYS = (
    "hub_profile",
    "compare_hubs",
    "sources_search",
    "sources_all",
    "scale",
    "budgets_metric",
    "firms_metric",
    "personnel_metric",
    "outcomes_metric",
    "overview-map-metric",
    "overview-map-period",
    "page",
    "embed",
    "embed_options",
)

HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "'; drop table hubs; --",
        "' or 1=1 --",
        "$hubs",
        "${year_from}",
        "{{7*7}}",
        "../../etc/passwd",
        "%00",
        "%E0%A4%A",
        "%25%32%35",
        "%ZZ",
        "\x00",
        "광주",
        "서울 AI 허브",
        "🚀",
        "👩‍👩‍👧‍👦",
        "\u202eevil",
        "𝕏" * 40,
        "1e309",
        "-1",
        "0",
        "2019",
        "2023",
        "99999999999999",
        "NaN",
        "None",
        "null",
        "[]",
        "{}",
        "   ",
        "",
        "a" * 5000,
        "javascript:alert(1)",
        "en",
        "ko",
        "24",
        "11",
        "gwangju_ai_cluster",
        "seoul_ai_yangjae_hub",
        "plan",
        "target",
        "actual",
        "cumulative_actual",
    ]
)
# Any text a URL can carry (lone surrogates cannot be UTF-8 encoded into a URL at all).
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
VALUES = st.lists(st.one_of(HOSTILE, ANY_TEXT), min_size=1, max_size=6)
PARAMS = st.dictionaries(st.one_of(st.sampled_from(FILTER_KEYS + PAGE_KEYS), ANY_TEXT.filter(bool)), VALUES, max_size=6)


# --- the model: the bundled data read with the csv module, and the URL rules written out ----------------------------


def _data_rows(name: str) -> list[dict]:
    with (ROOT / "data" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


HUB_ROWS = _data_rows("hubs.csv")
FIGURE_ROWS = [
    row for name in ("budgets.csv", "firms.csv", "personnel.csv", "outcomes.csv") for row in _data_rows(name)
]
N_FIGURES = Counter(row["hub_id"] for row in FIGURE_ROWS)
# The hubs as the app lists them: most figures first, then by id.
HUB_ORDER = sorted((row["hub_id"] for row in HUB_ROWS), key=lambda hub: (-N_FIGURES[hub], hub))
REGION_OF = {row["hub_id"]: row["region_code"] for row in HUB_ROWS}
BOUNDS = (min(int(r["period_start"]) for r in FIGURE_ROWS), max(int(r["period_end"]) for r in FIGURE_ROWS))
REGION_CODES = (
    "00",
    "11",
    "21",
    "22",
    "23",
    "24",
    "25",
    "26",
    "29",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "37",
    "38",
    "39",
)
KIND_ORDER = ["actual", "cumulative_actual", "plan", "target"]
DEFAULT_HUB = "gwangju_ai_cluster"  # the hub with the most figures in data/ (checked by hand)


def test_the_model_reads_the_bundled_data():
    """The model's own inputs, by hand: 2015–2035 in data/ and Gwangju's cluster with the most figures."""
    assert BOUNDS == (2015, 2035)
    assert HUB_ORDER[0] == DEFAULT_HUB
    assert REGION_OF[DEFAULT_HUB] == "24"


def _url_values(params: dict, key: str) -> list[str]:
    raw = params.get(key)
    items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else []
    return [v for v in items[:50] if isinstance(v, str)]


def _year(text: str) -> int | None:
    return int(text.strip(" ")) if re.fullmatch(r" *[0-9]{1,4} *", text) else None


def model_from_url(params: dict) -> dict:
    """The filter settings a URL asks for, by the rules written out: known codes only, each once, up to 50 values
    read per parameter; a year range only as two ASCII-digit years inside the data's range, in order."""
    out: dict = {}
    langs = [v for v in _url_values(params, "lang") if v in ("ko", "en")]
    if langs:
        out["lang"] = langs[0]
    regions = list(dict.fromkeys(v for v in _url_values(params, "region") if v in REGION_CODES))
    if regions:
        out["region"] = regions
    hubs = list(dict.fromkeys(v for v in _url_values(params, "hub") if v in REGION_OF))
    if hubs:
        out["hub"] = hubs
    years = [_year(v) for v in _url_values(params, "years")]
    if len(years) == 2 and None not in years and BOUNDS[0] <= years[0] <= years[1] <= BOUNDS[1]:
        out["years"] = (years[0], years[1])
    kinds = [k for k in KIND_ORDER if k in _url_values(params, "kinds")]
    if kinds:
        out["kinds"] = kinds
    return out


def model_view(params: dict) -> dict:
    """What the sidebar must show for a URL: its valid settings, the rest by default (Korean, every region, hub,
    year and kind); picked hubs outside the picked regions are dropped, and no pick means every hub of the regions."""
    asked = model_from_url(params)
    regions = asked.get("region", [])
    in_regions = [hub for hub in HUB_ORDER if not regions or REGION_OF[hub] in regions]
    picked = [hub for hub in asked.get("hub", []) if hub in in_regions]
    years = asked.get("years", BOUNDS)
    return {
        "lang": asked.get("lang", "ko"),
        "regions": regions,
        "hubs": picked or in_regions,
        "picked": picked,
        "years": [years[0], years[1]],
        "kinds": asked.get("kinds", KIND_ORDER),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {}),
        ({"lang": ["xx", "en", "ko"]}, {"lang": "en"}),
        ({"region": ["24", "24", "99", "11"]}, {"region": ["24", "11"]}),
        ({"hub": ["nope", DEFAULT_HUB, DEFAULT_HUB]}, {"hub": [DEFAULT_HUB]}),
        ({"years": ["2019", "2023"]}, {"years": (2019, 2023)}),
        ({"years": ["2023", "2019"]}, {}),
        ({"years": ["２０１９", "2023"]}, {}),
        ({"years": ["2014", "2023"]}, {}),
        ({"years": ["2019"]}, {}),
        ({"kinds": ["target", "plan", "nope"]}, {"kinds": ["plan", "target"]}),
        ({"region": ["zz"] * 50 + ["24"]}, {}),
    ],
)
def test_the_model_by_hand(params, expected):
    """The model itself on links written out, so a wrong model cannot hide a wrong reader."""
    assert model_from_url(params) == expected


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=PARAMS)
def test_from_url_keeps_only_valid_codes(params):
    """The pure reader never raises and returns exactly what the model reads from the URL."""
    assert url_state.filters_from_url(params, HUB_ORDER, BOUNDS) == model_from_url(params)


@settings(max_examples=200, deadline=None)
@given(
    value=st.one_of(
        st.none(),
        st.integers(),
        st.floats(),
        st.binary(max_size=20),
        HOSTILE,
        st.lists(st.one_of(st.none(), st.integers(), HOSTILE), max_size=4),
    )
)
def test_from_url_survives_values_of_any_type(value):
    """Not-a-list, not-a-string values (a future caller's mistake) are ignored, not a crash."""
    params = {key: value for key in FILTER_KEYS}
    assert url_state.filters_from_url(params, HUB_ORDER, BOUNDS) == model_from_url(params)


def test_from_url_bounds_huge_repetition():
    """A parameter repeated 100,000 times is read only up to MAX_URL_VALUES values."""
    got = url_state.filters_from_url(
        {"region": ["zz"] * 100_000 + ["24"], "kinds": ["plan"] * 100_000}, HUB_ORDER, BOUNDS
    )
    assert got == {"kinds": ["plan"]}


def run(script: str, params: dict, **state) -> AppTest:
    at = AppTest.from_file(script, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    for key, values in params.items():
        at.query_params[key] = values
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=PARAMS)
def test_sidebar_opens_with_the_valid_part_of_any_url(params):
    """The sidebar harness never errors and shows exactly the filters the valid part of the URL asks for."""
    at = run(HARNESS, params)
    view = model_view(params)
    assert json.loads(at.json[0].value) == view
    # The URL it writes back: the language always, the rest only where not the default.
    written = {k: ([v] if isinstance(v, str) else list(v)) for k, v in at.query_params.items()}
    assert written["lang"] == [view["lang"]]
    assert written.get("region", []) == view["regions"]
    assert written.get("hub", []) == view["picked"]
    assert written.get("years", []) == ([] if tuple(view["years"]) == BOUNDS else [str(y) for y in view["years"]])
    assert written.get("kinds", []) == ([] if view["kinds"] == KIND_ORDER else view["kinds"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=PARAMS)
def test_whole_app_opens_on_any_url(params):
    """app.py (frame, sidebar, default page) with any query string: no exception, the Overview title in the
    language the link asks for (Korean when it asks for none)."""
    at = run(str(ROOT / "app.py"), params)
    titles = [t.value for t in at.title]
    assert titles[:1] == [i18n.t("page.overview.title", model_view(params)["lang"])]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=PARAMS, profile=VALUES)
def test_hub_page_shows_the_linked_hub_or_the_default(params, profile):
    """pages/hub.py with any `hub_profile` value shows a known hub: the linked one if valid, else the default."""
    at = run(
        str(ROOT / "pages" / "hub.py"),
        {**params, "hub_profile": profile},
        lang="ko",
        region=[],
        hub=[],
        years=BOUNDS,
        kinds=["actual"],
    )
    # The first value that is a known hub, else the hub with the most figures.
    want = next((v for v in profile[:50] if v in REGION_OF), DEFAULT_HUB)
    assert at.selectbox(key="hub_profile").value == want
    # The URL names the hub unless it is the default one.
    if want == DEFAULT_HUB:
        assert "hub_profile" not in dict(at.query_params)
    else:
        written = at.query_params["hub_profile"]
        assert (written if isinstance(written, str) else written[-1]) == want


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=PARAMS, search=st.one_of(HOSTILE, ANY_TEXT))
def test_sources_page_survives_any_url_and_search_text(params, search):
    """The Sources page with garbage URL parameters and a hostile search text: no error, a table or a message."""
    at = run(
        str(ROOT / "pages" / "sources.py"),
        params,
        lang="en",
        region=[],
        hub=[],
        years=BOUNDS,
        kinds=["actual"],
        sources_search=search[:100],
    )
    # Either the figures table with at least one row and no "nothing found", or exactly one "nothing found" message
    # (the other tables, citations and the dictionary, are on the page whatever the search).
    figure_tables = [d.value for d in at.dataframe if {"value_formatted", "publisher"} <= set(d.value.columns)]
    nothing_found = [
        text
        for text in (i.value for i in at.info)
        if text in ("No row matches the search.", "No figures match this selection. Try widening the filters.")
        or text.startswith("Nothing found because of the kind filter: ")
    ]
    if figure_tables:
        assert len(figure_tables) == 1 and len(figure_tables[0]) > 0 and nothing_found == []
    else:
        assert len(nothing_found) == 1
