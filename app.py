"""The frame: page config, the data check, shared sidebar filters bound to the URL, and the page router."""

from __future__ import annotations

import streamlit as st

from dashboard import data, filters, i18n, ui, upload

st.set_page_config(page_title="한국 AI 허브 · Korea AI Hubs", page_icon="📊", layout="wide")

PAGES = [
    ("pages/overview.py", "overview", ":material/dashboard:"),
    ("pages/budgets.py", "budgets", ":material/payments:"),
    ("pages/firms.py", "firms", ":material/apartment:"),
    ("pages/personnel.py", "personnel", ":material/groups:"),
    ("pages/outcomes.py", "outcomes", ":material/trending_up:"),
    ("pages/compare.py", "compare", ":material/compare_arrows:"),
    ("pages/hub.py", "hub", ":material/location_city:"),
    ("pages/sources.py", "sources", ":material/menu_book:"),
]


def navigation(lang: str):
    """The page router; it also lists the pages in the sidebar by their titles in `lang`."""
    return st.navigation(
        [
            st.Page(
                path, title=i18n.t(f"page.{slug}.name", lang), icon=icon, url_path=slug, default=(slug == "overview")
            )
            for path, slug, icon in PAGES
        ]
    )


problems = data.check_data()
if problems:
    # The router is declared but not run: the sidebar lists the pages by title (without it Streamlit lists
    # pages/'s file names), and every page shows the problems.
    navigation(filters.lang())
    ui.data_error_page(problems, filters.lang())
    st.stop()

lang = filters.render_language()

filters.render_sidebar(lang)
upload.sidebar_notice(lang)
ui.sidebar_credits(lang)

navigation(lang).run()
