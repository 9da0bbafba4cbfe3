"""The shared sidebar filters: URL -> widgets, widgets -> URL, and garbage URL values -> defaults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import filters, url_state

HARNESS = str(Path(__file__).parent / "harness" / "sidebar_app.py")
BOUNDS = (2015, 2030)
HUB_IDS = ["gwangju_ai_cluster", "seoul_ai_yangjae_hub"]


def run_with(params: dict) -> AppTest:
    at = AppTest.from_file(HARNESS, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def url(at: AppTest, key: str) -> list[str]:
    """The URL's values for `key` as a list (AppTest keeps a single value as a plain string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def shown(at: AppTest) -> dict:
    return json.loads(at.json[0].value)


def test_url_restores_every_filter():
    """A link with language, region, hub, years and kinds opens with exactly those filters."""
    at = run_with(
        {
            "lang": "en",
            "region": ["24"],
            "hub": ["gwangju_ai_cluster"],
            "years": ["2019", "2023"],
            "kinds": ["plan", "actual"],
        }
    )
    assert shown(at) == {
        "lang": "en",
        "regions": ["24"],
        "hubs": ["gwangju_ai_cluster"],
        "picked": ["gwangju_ai_cluster"],
        "years": [2019, 2023],
        "kinds": ["actual", "plan"],
    }
    assert at.segmented_control(key="lang").value == "en"
    assert at.multiselect(key="region").value == ["24"]
    assert at.slider(key="years").value == (2019, 2023)


def test_widget_changes_are_written_to_the_url_as_codes():
    """Changing widgets puts language-independent codes in the URL; defaults stay out of it."""
    at = run_with({})
    assert dict(at.query_params) == {"lang": "ko"}
    at.multiselect(key="region").set_value(["11"]).run()
    at.pills(key="kinds").set_value(["actual", "target"]).run()
    at.slider(key="years").set_value((2020, 2021)).run()
    assert url(at, "region") == ["11"]
    assert url(at, "kinds") == ["actual", "target"]
    assert url(at, "years") == ["2020", "2021"]
    at.segmented_control(key="lang").set_value("en").run()
    assert url(at, "lang") == ["en"]
    assert url(at, "kinds") == ["actual", "target"]  # same codes in English


def test_hubs_are_narrowed_by_region():
    """Choosing a region leaves only its hubs as options and drops a picked hub from elsewhere."""
    at = run_with({"hub": ["seoul_ai_yangjae_hub"]})
    at.multiselect(key="region").set_value(["24"]).run()
    assert len(at.multiselect(key="hub").options) == 1
    assert shown(at)["picked"] == []
    assert set(shown(at)["hubs"]) == {"gwangju_ai_cluster"}


@pytest.mark.parametrize(
    "params",
    [
        {"lang": "fr"},
        {"region": ["99", "<script>"]},
        {"hub": ["nope"]},
        {"years": ["2019"]},
        {"years": ["abc", "2020"]},
        {"years": ["2023", "2019"]},
        {"years": ["1", "99999999999999"]},
        {"kinds": ["actaul"]},
        {"lang": ["en", "ko", "xx"] * 100},
        {"region": ["'; drop table hubs; --"]},
    ],
)
def test_garbage_url_values_fall_back_to_defaults(params):
    """Unknown or malformed values are ignored without an error; the valid rest is kept."""
    at = run_with(params)
    got = shown(at)
    assert got["regions"] == [] and got["picked"] == []
    assert got["kinds"] == ["actual", "cumulative_actual", "plan", "target"]  # every kind by default
    assert got["lang"] in ("ko", "en")
    assert (params.get("lang") == ["en", "ko", "xx"] * 100) == (got["lang"] == "en")
    assert got["years"][0] <= got["years"][1]


def test_from_url_keeps_valid_values_and_drops_the_rest():
    """The pure URL reader: valid codes kept in option order, everything else dropped."""
    got = url_state.filters_from_url(
        {
            "region": ["24", "zz", "24"],
            "hub": ["x", "gwangju_ai_cluster"],
            "kinds": ["target", "plan"],
            "years": ["2018", "2020"],
            "lang": ["en"],
        },
        HUB_IDS,
        BOUNDS,
    )
    assert got == {
        "lang": "en",
        "region": ["24"],
        "hub": ["gwangju_ai_cluster"],
        "years": (2018, 2020),
        "kinds": ["plan", "target"],
    }
    assert url_state.filters_from_url({"years": ["2010", "2020"]}, HUB_IDS, BOUNDS) == {}


def test_to_url_leaves_defaults_out():
    """Only the language and the non-default filters go into the URL."""
    f = filters.Filters("ko", (), tuple(HUB_IDS), 2015, 2030, ("actual", "cumulative_actual", "plan", "target"), ())
    assert url_state.filters_to_url(f, BOUNDS) == {"lang": ["ko"]}
    g = filters.Filters("en", ("24",), ("gwangju_ai_cluster",), 2019, 2030, ("actual", "plan"), ("gwangju_ai_cluster",))
    assert url_state.filters_to_url(g, BOUNDS) == {
        "lang": ["en"],
        "region": ["24"],
        "hub": ["gwangju_ai_cluster"],
        "years": ["2019", "2030"],
        "kinds": ["actual", "plan"],
    }
