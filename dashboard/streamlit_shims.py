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


def keep_uploads_in_memory(limit_mb: int) -> None:
    """Keep an uploaded file in memory while the server parses it: never write a visitor's file to disk.

    Streamlit's upload route (`_upload_put` in streamlit/web/server/starlette/starlette_routes.py) parses the
    request with Starlette's `request.form()`, whose `MultiPartParser` writes a file part over
    `MultiPartParser.spool_max_size` (1 MB) to a temporary file. Neither Streamlit nor `request.form()` has an
    option for that threshold (`server.maxUploadSize` caps the size, `form()` takes only the number of files and
    fields and the size of a non-file part), so the class attribute is raised to the upload cap plus the 1 MB of
    multipart framing Streamlit allows (`limit_mb` is server.maxUploadSize). Never lowered: a bigger value set
    elsewhere stays. Without Starlette (another web server) there is nothing to adjust.
    """
    try:
        from starlette.formparsers import MultiPartParser
    except ImportError:
        return
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, (limit_mb + 1) * 1024 * 1024)


def hold_health(busy, reason: str) -> None:
    """Make /_stcore/health answer 503 `reason` while the threading.Event `busy` is set.

    Streamlit answers "ok" as soon as its server runs, whatever the app is doing; a load balancer would then send
    visitors to a process whose data is still loading. The health route asks the private
    `Runtime.is_ready_for_browser_connection` (an async property), and no public hook adds a condition to it, so
    the property is wrapped once: while `busy` is set it answers (False, reason), else what Streamlit answers.
    """
    from streamlit.runtime.runtime import Runtime

    original = Runtime.is_ready_for_browser_connection
    if getattr(original.fget, "_holds_health", False):
        return

    async def ready(self) -> tuple[bool, str]:
        if busy.is_set():
            return False, reason
        return await original.fget(self)

    held = property(ready)
    held.fget._holds_health = True  # type: ignore[attr-defined]
    Runtime.is_ready_for_browser_connection = held
