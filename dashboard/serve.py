"""Start the dashboard (`python -m dashboard.serve [streamlit flags]`) with the data loading while the browser connects.

`streamlit run app.py` imports nothing of ours until the first visitor's page run, which then waits for pandas,
DuckDB and Plotly to import and for the data to be validated and loaded. Here that work starts in a thread as
the server starts, while the browser is still fetching the app's frontend, so the first chart comes sooner.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"

# Set from the start until the warm-up has loaded the data folder: the health check answers 503 "loading data"
# meanwhile, so a load balancer sends no visitor to a process whose data is not there yet (or whose load hangs).
LOADING = threading.Event()


def warm_up() -> None:
    """Import what a first page run needs, load the data folder, build the Overview's first views, prime Plotly."""
    try:
        import plotly.graph_objects as go

        from dashboard import (  # noqa: F401 - the pages' modules, imported here for their import time
            charts,
            compare_view,
            data,
            family_view,
            filters,
            hub_profile,
            overview_view,
            schema,
            sources_view,
            upload,
        )

        # Builds the database once for the process (cached); a broken folder is reported by the first page run.
        problems = data.check_data()
        LOADING.clear()
        if problems:
            return
        # The Overview as a first visit shows it, in Korean then English (views are kept for the process).
        for lang in schema.LANGUAGES:
            overview_view.build_first_views(filters.from_state({filters.LANG: lang}))
        # Plotly imports each trace type's validators on first use: pay for the ones every page draws now.
        go.Figure([go.Scatter(x=[0], y=[0]), go.Bar(x=[0], y=[0])]).to_json()
    except Exception:  # noqa: BLE001 - the page run repeats any of this and shows a clear message if it fails
        pass
    finally:
        LOADING.clear()


def hold_health_while_loading() -> None:
    """Make /_stcore/health answer 503 "loading data" while LOADING is set (see streamlit_shims.hold_health)."""
    from dashboard import streamlit_shims

    streamlit_shims.hold_health(LOADING, "loading data")


def main(argv: list[str] | None = None) -> int:
    """Start the warm-up thread, then run `streamlit run app.py` with `argv` in this process."""
    from streamlit.web import cli

    LOADING.set()  # before the server starts: no health check may see "ok" ahead of the warm-up
    hold_health_while_loading()
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    try:
        cli.main()
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
