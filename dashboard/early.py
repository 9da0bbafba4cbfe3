"""Start loading Streamlit's Plotly bundle in the browser before the first chart arrives (first visits only matter).

Streamlit's frontend loads its Plotly component (plotly.js, ~4.7 MB) only when the first chart element reaches
the page, and Chromium then spends over a second running it before anything is drawn. The frame (app.py) calls
`plotly_bundle()` at the end of the sidebar: a small script that imports that same module as soon as the
Overview's cards (the landing page's key numbers) are in the page, so the download and evaluation overlap with
the server building and sending the charts instead of starting when the first chart arrives. It is the module
Streamlit's own lazy import loads (same URL), so it runs once; Streamlit's files are only read to learn its
name, never changed. Measured with `python -m bench.cold_start` (docs/performance.md).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import streamlit as st

# Streamlit's frontend chunks sit beside its entry module (static/js/index.<hash>.js) and are named
# <Component>.<hash>.js; the entry imports them relative to its own URL.
_JS = Path(st.__file__).resolve().parent / "static" / "static" / "js"
CARDS = "[class*=st-key-card-] h5"  # a value on the Overview's cards (dashboard/overview_view.py: key="card-<hub>")


@lru_cache(maxsize=1)
def plotly_chunk() -> str | None:
    """The file name of Streamlit's Plotly component chunk, or None if this Streamlit has none (then do nothing)."""
    names = sorted(p.name for p in _JS.glob("PlotlyChart.*.js"))
    return names[0] if len(names) == 1 else None


def script(chunk: str) -> str:
    """The script that imports `chunk` (from the folder of Streamlit's entry module) once the Overview's cards
    are in the page: earlier, its evaluation would hold up the cards; on a page without cards it does nothing."""
    return """<script>(() => {
  if (window.__plotlyEarly) return;
  window.__plotlyEarly = true;
  const entry = document.querySelector('script[type=module][src*="/static/js/index."]');
  if (!entry) return;
  const url = new URL(%s, entry.src).href;
  let observer = null;
  const look = () => {
    if (document.querySelector(%s)) {
      if (observer) observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => import(url).catch(() => {}), 0));
      return true;
    }
    const app = document.querySelector('[data-testid=stApp]');
    if (observer && app && app.getAttribute('data-test-script-state') === 'notRunning') observer.disconnect();
    return false;
  };
  if (look()) return;
  observer = new MutationObserver(look);
  observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                   attributeFilter: ['data-test-script-state']});
})();</script>""" % (json.dumps("./" + chunk), json.dumps(CARDS))


def plotly_bundle() -> None:
    """An invisible element at the end of the sidebar: the browser loads Streamlit's Plotly component as soon as
    the Overview's cards are in the page, while the server still builds the charts."""
    chunk = plotly_chunk()
    if chunk is not None:
        st.sidebar.html(script(chunk), unsafe_allow_javascript=True)
