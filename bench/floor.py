"""The floor's payload: one real run of a page is recorded (figures, download bytes, texts) for bench/floor_page.py.

The floor page then draws the same layout from this payload with no data work at all, so the ratio of a
page's run time to the floor's is what our own work (queries, frames, figure building, CSV export) costs.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from dashboard import export, i18n, overview_page, overview_view, ui

FLOOR_PAGE = Path(__file__).resolve().parent / "floor_page.py"
LAYOUT_KEY = "_bench_floor_layout"
LAYOUTS = ("overview", "budgets")

# Filled by `capture`, read by floor_page.py; AppTest runs page scripts in this process, so a module global works.
PAYLOAD: dict[str, dict] = {}


@contextmanager
def recording():
    """Record every `ui.chart_block` call (figure, download bytes) and the Overview's card inputs while active."""
    charts: list[dict] = []
    cards: dict = {}
    original_block, original_cards = ui.chart_block, overview_page.render_cards

    def block(fig, rows, *, key, lang, file_parts, export_rows=None, **prepared):
        table = export_rows if export_rows is not None else export.figure_rows(rows, lang)
        charts.append(
            {
                "fig": fig,
                "key": key,
                "csv": export.to_csv_bytes(table, lang),
                "file_name": export.file_name(*file_parts),
                "toggle_label": i18n.t("table.show", lang),
                "download_label": i18n.t("download.chart_data", lang),
            }
        )
        return original_block(fig, rows, key=key, lang=lang, file_parts=file_parts, export_rows=export_rows, **prepared)

    def render_cards(prepared, lang):
        cards.update(prepared=prepared, lang=lang)
        return original_cards(prepared, lang)

    ui.chart_block, overview_page.render_cards = block, render_cards
    try:
        yield charts, cards
    finally:
        ui.chart_block, overview_page.render_cards = original_block, original_cards


def _values(elements) -> list[str]:
    return [e.value for e in elements]


def _selectbox(at, key: str) -> dict | None:
    try:
        box = at.selectbox(key=key)
    except KeyError:
        return None
    return {"label": box.label, "options": list(box.options), "key": key}


def payload_from_run(layout: str, at, charts: list[dict], cards: dict) -> dict:
    """What the floor needs to redraw `layout` as the recorded AppTest run `at` drew it."""
    payload = {
        "layout": layout,
        "title": at.title[0].value if len(at.title) else "",
        "captions": _values(at.caption),
        "subheaders": _values(at.subheader),
        "warnings": _values(at.warning),
        "infos": _values(at.info),
        "charts": charts,
    }
    if layout == "budgets":
        payload["selectboxes"] = [s for s in [_selectbox(at, "budgets_metric")] if s]
    else:
        payload["selectboxes"] = [
            s for s in (_selectbox(at, overview_view.MAP_METRIC_KEY), _selectbox(at, overview_view.MAP_PERIOD_KEY)) if s
        ]
        payload["cards"] = cards
    return payload
