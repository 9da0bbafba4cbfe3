"""Korean everywhere in the Korean view (issue 14.9): widget placeholders, tables' missing cells and empty tables."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import fmt, i18n
from tests.conftest import page_app

STREAMLIT_DEFAULTS = {
    "Choose an option",
    "Choose options",
    "Choose or add an option",
    "Choose or add options",
    "No options to select",
    "",
}


pytestmark = pytest.mark.usefixtures("bundled")  # these pages run on the bundled data/ folder


def run(page: str, lang: str) -> AppTest:
    at = page_app(page, lang=lang).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", ["overview", "budgets", "firms", "personnel", "outcomes", "compare", "hub"])
def test_every_picker_has_a_placeholder_in_the_page_language(page):
    ko, en = run(page, "ko"), run(page, "en")
    for at, lang in ((ko, "ko"), (en, "en")):
        pickers = list(at.selectbox) + list(at.multiselect)
        assert pickers, page
        for widget in pickers:
            assert widget.proto.placeholder == i18n.t("widget.choose", lang), (page, widget.key, lang)
    assert i18n.t("widget.choose", "ko") not in STREAMLIT_DEFAULTS


def _table_app():
    import pandas as pd
    import streamlit as st

    from dashboard import ui

    lang = st.session_state["lang"]
    ui.data_table(pd.DataFrame({"a": ["x", None], "b": [1.0, float("nan")]}), lang, legend=True, key="t1")
    ui.data_table(pd.DataFrame({"a": []}), lang, key="t2")
    ui.data_table(pd.DataFrame({"a": ["x"]}), lang, legend=True, key="t3")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_tables_show_a_dash_for_missing_cells_with_a_legend_and_say_when_empty(lang):
    at = AppTest.from_function(_table_app, default_timeout=30)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    assert len(at.dataframe) == 2
    assert all(df.proto.placeholder == fmt.MISSING == "–" for df in at.dataframe)
    captions = [c.value for c in at.caption]
    # The legend once (only the table with missing cells), then the empty table's line, in the page's language.
    assert captions == [i18n.t("table.missing_legend", lang, dash="–"), i18n.t("table.empty", lang)]
