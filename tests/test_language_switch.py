"""Switching the language turns every chart's title, axis titles and hover text to the other language, on every page."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import ROOT, page_app

PAGES = ROOT / "pages"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
ALL_KINDS = ["actual", "cumulative_actual", "plan", "target"]


def chart_texts(page: str, lang: str) -> list[dict]:
    """Title, axis titles and hover texts of every Plotly chart the page draws in `lang`."""
    at = page_app(page.removesuffix(".py"), lang=lang, kinds=ALL_KINDS, timeout=90).run()
    assert not at.exception, at.exception
    out = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        layout = spec.get("layout", {})
        axes = [
            v.get("title", {}).get("text", "")
            for k, v in layout.items()
            if re.fullmatch(r"[xy]axis\d*", k) and isinstance(v, dict)
        ]
        hovers = [
            h for trace in spec.get("data", []) for h in _as_list(trace.get("hovertext")) if isinstance(h, str) and h
        ]
        out.append(
            {"title": (layout.get("title") or {}).get("text", ""), "axes": [a for a in axes if a], "hovers": hovers}
        )
    return out


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("page", sorted(p.name for p in PAGES.glob("*.py")))
def test_every_chart_title_follows_the_language(page):
    """Each chart has a title in both languages; they differ, and the English one has no Hangul label words."""
    ko, en = chart_texts(page, "ko"), chart_texts(page, "en")
    # The Sources & data page is tables only; every other page draws charts on the bundled data.
    assert bool(ko) == (page != "sources.py"), f"{page} drew {len(ko)} charts"
    assert len(ko) == len(en)
    for k, e in zip(ko, en):
        assert k["title"] and e["title"]
        assert k["title"] != e["title"], (page, k["title"])
        assert HANGUL.search(k["title"]), k["title"]
        for axis in e["axes"]:
            assert not HANGUL.search(axis), (page, axis)
        # Hover labels (not data such as hub names or quotes) follow the language.
        if e["hovers"]:
            joined = " ".join(e["hovers"])
            assert not any(word in joined for word in ("기간:", "종류:", "출처:")), page
            assert any(word in joined for word in ("Period", "Source", "Kind", "No data", "figures", "hub")), page
