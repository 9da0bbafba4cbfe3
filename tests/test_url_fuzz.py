"""Any value in any URL parameter gives the default view (or a valid one), never an error: property tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard import data, filters, hub_profile, i18n, schema

ROOT = Path(__file__).resolve().parent.parent
HARNESS = str(ROOT / "tests" / "harness" / "sidebar_app.py")
FILTER_KEYS = (filters.LANG, filters.REGION, filters.HUB, filters.YEARS, filters.KINDS)
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


@pytest.fixture(autouse=True)
def bundled_data(monkeypatch):
    """URL runs use the bundled data/ folder."""
    monkeypatch.delenv("HUBS_DATA_DIR", raising=False)


def hub_ids() -> list[str]:
    return data.query("hubs")["hub_id"].tolist()


def bounds() -> tuple[int, int]:
    return filters.year_bounds()


def assert_valid_settings(got: dict, params: dict) -> None:
    """from_url keeps only known keys with valid values; each kept value was in the URL."""
    assert set(got) <= set(FILTER_KEYS)
    if filters.LANG in got:
        assert got[filters.LANG] in schema.LANGUAGES and got[filters.LANG] in params[filters.LANG]
    assert set(got.get(filters.REGION, [])) <= set(schema.REGIONS)
    assert set(got.get(filters.HUB, [])) <= set(hub_ids())
    assert set(got.get(filters.KINDS, [])) <= set(schema.KINDS)
    if filters.YEARS in got:
        lo, hi = bounds()
        y0, y1 = got[filters.YEARS]
        assert lo <= y0 <= y1 <= hi
    for key in (filters.REGION, filters.HUB, filters.KINDS):
        assert len(got.get(key, [])) == len(set(got.get(key, [])))
        assert set(got.get(key, [])) <= set(params.get(key, []))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=PARAMS)
def test_from_url_keeps_only_valid_codes(params):
    """The pure reader never raises and returns only valid, de-duplicated codes that were in the URL."""
    got = filters.from_url(params, hub_ids(), bounds())
    assert_valid_settings(got, params)


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
    got = filters.from_url({key: value for key in FILTER_KEYS}, hub_ids(), bounds())
    assert set(got) <= set(FILTER_KEYS)


def test_from_url_bounds_huge_repetition():
    """A parameter repeated 100,000 times is read only up to MAX_URL_VALUES values."""
    got = filters.from_url(
        {filters.REGION: ["zz"] * 100_000 + ["24"], filters.KINDS: ["plan"] * 100_000}, hub_ids(), bounds()
    )
    assert got == {filters.KINDS: ["plan"]}


def expected_view(params: dict) -> dict:
    """What the sidebar must show for `params`: the cleaned filters of the valid URL values, else defaults."""
    state = filters.from_url(params, hub_ids(), bounds())
    state.setdefault(filters.LANG, i18n.default_lang(None))
    f = filters.clean(state)
    return {
        "lang": f.lang,
        "regions": list(f.regions),
        "hubs": list(f.hubs),
        "picked": list(f.picked_hubs),
        "years": [f.year_from, f.year_to],
        "kinds": list(f.kinds),
    }


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
    assert json.loads(at.json[0].value) == expected_view(params)
    # The URL it writes back holds only valid codes.
    written = {k: ([v] if isinstance(v, str) else list(v)) for k, v in at.query_params.items()}
    assert written[filters.LANG][0] in schema.LANGUAGES
    assert set(written.get(filters.KINDS, [])) <= set(schema.KINDS)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=PARAMS)
def test_whole_app_opens_on_any_url(params):
    """app.py (frame, sidebar, default page) with any query string: no exception, the Overview title shows."""
    at = run(str(ROOT / "app.py"), params)
    titles = [t.value for t in at.title]
    assert titles and titles[0] in (i18n.t("page.overview.title", "ko"), i18n.t("page.overview.title", "en"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=PARAMS, profile=VALUES)
def test_hub_page_shows_the_linked_hub_or_the_default(params, profile):
    """pages/hub.py with any `hub_profile` value shows a known hub: the linked one if valid, else the default."""
    lo, hi = bounds()
    at = run(
        str(ROOT / "pages" / "hub.py"),
        {**params, "hub_profile": profile},
        lang="ko",
        region=[],
        hub=[],
        years=(lo, hi),
        kinds=["actual"],
    )
    hubs = data.query("hubs")
    shown = at.selectbox(key="hub_profile").value
    assert shown in set(hubs["hub_id"])
    valid = [v for v in profile if v in set(hubs["hub_id"])]
    if not valid:
        assert shown == hub_profile.default_hub((), hubs)
    elif len(set(profile)) == 1:
        assert shown == profile[0]
    # The URL names the hub unless it is the default one.
    if shown == hub_profile.default_hub((), hubs):
        assert "hub_profile" not in dict(at.query_params)
    else:
        written = at.query_params["hub_profile"]
        assert (written if isinstance(written, str) else written[-1]) == shown


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=PARAMS, search=st.one_of(HOSTILE, ANY_TEXT))
def test_sources_page_survives_any_url_and_search_text(params, search):
    """The Sources page with garbage URL parameters and a hostile search text: no error, a table or a message."""
    lo, hi = bounds()
    at = run(
        str(ROOT / "pages" / "sources.py"),
        params,
        lang="en",
        region=[],
        hub=[],
        years=(lo, hi),
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
