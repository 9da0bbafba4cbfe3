"""The only patches into Streamlit's (and Starlette's) internals, each with why no public API does it.

Every shim here names the private attribute it touches; tests/test_streamlit_shims.py fails loudly when an upgrade
renames or removes one, so an upgrade breaks a test, not the app.
"""

from __future__ import annotations

import streamlit as st


def route_through_frame() -> None:
    """Make a deep link work on a fresh server: run the page through app.py, never on its own.

    The design keeps one script per page in `pages/` and routes with `st.navigation` in app.py. Streamlit treats a
    `pages/` folder next to the main script as a legacy (v1) pages folder until some session has called
    `st.navigation` (documented: "As soon as any session of your app executes the st.navigation command, your app
    will ignore the pages/ directory (across all sessions)"). Until then it runs a deep-linked page (/budgets) on its
    own, without the frame, the filters or the sidebar. No public option turns the legacy folder off
    (`client.showSidebarNavigation` and `position="hidden"` only hide the menu), and a page cannot tell through a
    public API that it runs outside the frame. So: when the legacy flag is still on (only a fresh process's first
    deep link), clear it - what `st.navigation` itself does - and rerun; the rerun goes through app.py's router,
    which picks the page by its URL path.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
