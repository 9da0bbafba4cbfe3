"""What a narrower kind filter hides is said on the page, with the one click that shows it (issue 14.2)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import filters, i18n, schema
from tests.conftest import page_app

pytestmark = pytest.mark.usefixtures("bundled")  # these pages run on the bundled data/ folder


def run(page: str, kinds, lang="ko", **state) -> AppTest:
    at = page_app(page, lang=lang, kinds=kinds, **state).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_default_shows_every_kind():
    assert filters.DEFAULT_KINDS == tuple(schema.KINDS)
    assert filters.from_state({"lang": "ko"}).kinds == tuple(schema.KINDS)


def test_family_page_says_what_the_kind_filter_hides_and_shows_it_in_one_click():
    at = run("budgets", ["actual"])
    captions = [c.value for c in at.caption]
    assert any(c.startswith(i18n.t("kinds.hidden", "ko", what="")[:-1]) for c in captions), captions
    at.button(key="budgets-show-kinds").click().run()
    assert list(at.session_state[filters.KINDS]) == list(schema.KINDS)
    assert not [b for b in at.button if b.key == "budgets-show-kinds"]


def test_metric_with_only_hidden_kinds_says_why_and_offers_them():
    """rd_funding has only plans in data/ (4 figures, checked by hand): picked under 'actual', it says so."""
    at = run("budgets", ["actual"], budgets_metric="rd_funding")
    assert at.selectbox(key="budgets_metric").value == "rd_funding"
    want = i18n.t("family_page.metric_hidden", "ko", n=4, kinds="계획")
    assert want in [i.value for i in at.info]
    assert at.button(key="budgets-show-metric-kinds").label == "계획 보기"
    at.button(key="budgets-show-metric-kinds").click().run()
    assert list(at.session_state[filters.KINDS]) == ["actual", "plan"]
    assert at.selectbox(key="budgets_metric").value == "rd_funding"
    assert want not in [i.value for i in at.info]


def test_sources_search_with_nothing_found_because_of_kinds_says_so():
    """1,076억 is a plan in data/ (Gwangju, 2022): with only targets chosen, the search says the kind filter hides it."""
    at = run("sources", ["target"], lang="en", sources_search="1,076억")
    assert i18n.t("sources.hidden_by_kinds", "en", n="1") in [i.value for i in at.info]
    at.button(key="sources-show-kinds").click().run()
    assert at.dataframe


@pytest.mark.parametrize("page", ["overview", "compare", "hub"])
def test_other_pages_say_what_the_kind_filter_hides(page):
    at = run(page, ["actual"])
    assert any(c.value.startswith(i18n.t("kinds.hidden", "ko", what="")[:-1]) for c in at.caption)
    at.button(key=f"{page}-show-kinds").click().run()
    assert list(at.session_state[filters.KINDS]) == list(schema.KINDS)
    assert not [b for b in at.button if b.key == f"{page}-show-kinds"]
