"""A hub link (`?hub_profile=<hub id>`) opens that hub's profile in either language; a bad id falls back quietly."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, page_app


def open_hub_page(params: dict, lang: str = "ko") -> AppTest:
    at = page_app("hub", lang=lang, kinds=["actual"], query=params).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_hub_id_in_url_opens_that_hub(lang):
    """The same link shows Incheon in Korean and in English."""
    at = open_hub_page({"hub_profile": "incheon_startup_park"}, lang)
    assert at.selectbox(key="hub_profile").value == "incheon_startup_park"
    assert at.query_params["hub_profile"] == "incheon_startup_park"


@pytest.mark.parametrize("bad", ["nope", "<script>alert(1)</script>", "인천 스타트업파크", "x" * 5000])
def test_unknown_hub_in_url_falls_back_to_default(bad):
    """An unknown id gives the default hub and leaves it out of the URL (defaults are not written)."""
    at = open_hub_page({"hub_profile": bad})
    value = at.selectbox(key="hub_profile").value
    known = {line.split(",")[0] for line in (ROOT / "data" / "hubs.csv").read_text().splitlines()[1:]}
    assert value in known and value == "gwangju_ai_cluster"  # the default hub of data/ (most figures)
    assert "hub_profile" not in dict(at.query_params)


def test_changing_the_hub_updates_the_url():
    """Picking another hub puts its id in the URL, so the link can be shared."""
    at = open_hub_page({})
    at.selectbox(key="hub_profile").set_value("changwon_gangso_zone").run()
    assert at.query_params["hub_profile"] == "changwon_gangso_zone"
