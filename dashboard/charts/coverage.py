"""Overview: the hub × year coverage grid, one panel per family, one mark per cell."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard import fmt, i18n
from dashboard.charts.text import clip_visual, esc, wrap
from dashboard.charts.theme import SOURCE_WIDTH, apply_template, header_height, title_header

# Marks differ by shape and fill, never by colour alone: filled square, filled diamond, hollow circle, faint dot.
COVERAGE_MARK_STYLE: dict[str, dict] = {
    "actual": {"symbol": "square", "size": 9, "color": "#6F62D6", "line": {"width": 0}},
    "cumulative": {"symbol": "diamond", "size": 11, "color": "#1F9480", "line": {"width": 0}},
    "plan_target": {"symbol": "circle-open", "size": 8, "color": "#CC6677", "line": {"width": 2}},
    # Half-transparent grey: faint on the light and the dark theme alike (a light grey shone on the dark one).
    "missing": {"symbol": "circle", "size": 3, "color": "rgba(128,128,128,0.55)", "line": {"width": 0}},
}
COVERAGE_MARKS: tuple[str, ...] = tuple(COVERAGE_MARK_STYLE)
COVERAGE_ROW_PX = 19  # per hub row and panel: 13 hubs x 4 families stays readable without zooming
# Y labels are clipped to this display width (Hangul counts two) so a phone keeps room for 15+ years.
COVERAGE_LABEL_WIDTH = 21
# Pixels: room above for the title and a key that may wrap to three rows on a phone; gap between panels.
COVERAGE_TOP, COVERAGE_BOTTOM, COVERAGE_GAP = 170, 40, 64


def coverage_matrix(
    cells: pd.DataFrame, *, lang: str, title: str, hub_order=None, source: str | None = None
) -> go.Figure:
    """Hub x year grid, one panel per family, one mark per cell (actual, cumulative, plan/target or missing).

    `cells` is the `coverage_matrix` query's result; every cell is drawn exactly once and carries
    customdata [hub_id, year, family, mark, n_figures]. `hub_order` lists hub ids top to bottom.
    """

    families = [f for f in ("budgets", "firms", "personnel", "outcomes") if f in set(cells["family"])]
    present = set(cells["hub_id"])
    hubs = list(dict.fromkeys([h for h in (hub_order or []) if h in present] + list(cells["hub_id"])))
    labels = _coverage_hub_labels(cells, hubs, lang)
    source = source or i18n.t("chart.source.all", lang)
    height = _coverage_height(len(hubs), len(families)) + _extra_header(title, source)
    plot_height = height - COVERAGE_TOP - _extra_header(title, source) - COVERAGE_BOTTOM
    fig = make_subplots(
        rows=max(len(families), 1),
        cols=1,
        # A fixed pixel gap, so each panel's year labels never run into the next panel's title.
        vertical_spacing=COVERAGE_GAP / plot_height if len(families) > 1 else 0.0,
        subplot_titles=[i18n.t(f"family.{f}", lang) for f in families],
    )
    shown: set[str] = set()
    for panel, family in enumerate(families, start=1):
        block = cells[cells["family"] == family]
        for mark in COVERAGE_MARKS:
            part = block[block["mark"] == mark]
            if part.empty:
                continue
            fig.add_trace(
                _coverage_trace(part, mark, family, labels, lang, show_legend=mark not in shown), row=panel, col=1
            )
            shown.add(mark)
    for mark in COVERAGE_MARKS:
        if mark not in shown:
            # The key names every mark even when this selection has none of it.
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    marker=_coverage_marker(mark),
                    name=i18n.t(f"coverage.mark.{mark}", lang),
                    legendgroup=mark,
                    legendrank=COVERAGE_MARKS.index(mark) + 1,
                    hoverinfo="skip",
                    meta={"role": "legend"},
                ),
                row=1,
                col=1,
            )
    years = sorted(int(y) for y in cells["year"].unique())
    if "n_user_figures" in cells and (cells["n_user_figures"].fillna(0) > 0).any():
        # Cells count all figures: say on the chart itself that uploaded figures are among them.
        title = f"{title} · {i18n.t('upload.includes', lang)}"
    apply_template(fig, title=title, lang=lang, height=height, source=source)
    # The key sits between the title and the first panel, so it is seen before scrolling down the grid.
    fig.update_layout(
        dragmode=False,
        legend={
            "yref": "container",
            "y": 1 - (header_height(fig) - 8) / height,
            "yanchor": "top",
            "xref": "container",
            "x": 0,
            "xanchor": "left",
            "orientation": "h",
            "itemclick": False,
            "itemdoubleclick": False,
        },
        margin={"l": 10, "r": 10, "t": COVERAGE_TOP + _extra_header(title, source), "b": COVERAGE_BOTTOM},
        hovermode="closest",
    )
    # Plotly picks the label step from the axis length (every 2 years on a wide screen, every 5 on a phone),
    # and never rotates labels into the panel below; small ticks still mark each year.
    fig.update_xaxes(
        range=[years[0] - 0.5, years[-1] + 0.5] if years else None,
        tickmode="auto",
        tickformat="d",
        tickangle=0,
        showgrid=False,
        zeroline=False,
        showticklabels=True,
        ticks="outside",
        minor={"dtick": 1, "ticks": "outside", "ticklen": 3},
        fixedrange=True,
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=[labels[h] for h in hubs],
        showgrid=True,
        gridcolor="rgba(128,128,128,0.15)",
        fixedrange=True,
        range=[len(hubs) - 0.5, -0.5],
        tickfont={"size": 11},
    )
    for annotation in fig.layout.annotations:
        annotation.update(x=0, xanchor="left", font={"size": 13})
    return fig


def _extra_header(title: str, source: str) -> int:
    """Pixels the shared header (mode-bar band, wrapped title, source line) needs beyond the grid's old 60."""
    _, top = title_header(title, [wrap(source, SOURCE_WIDTH)] if source else [])
    return max(top - 60, 0)


def _coverage_marker(mark: str) -> dict:
    style = COVERAGE_MARK_STYLE[mark]
    return {
        "symbol": style["symbol"],
        "size": style["size"],
        "color": style["color"],
        "line": {"color": style["color"], **style["line"]},
    }


def _coverage_trace(
    part: pd.DataFrame, mark: str, family: str, labels: dict[str, str], lang: str, show_legend: bool
) -> go.Scatter:
    family_name = i18n.t(f"family.{family}", lang)
    mark_name = i18n.t(f"coverage.mark.{mark}", lang)
    records = part.to_dict("records")
    hover = [
        f"<b>{esc(i18n.label(r, 'hub_name', lang))}</b><br>{int(r['year'])} · {esc(family_name)}<br>"
        f"{esc(mark_name)} · {esc(i18n.t('coverage.hover.n_figures', lang, n=int(r['n_figures'])))}"
        + (
            f"<br><i>{esc(i18n.t('upload.n_user', lang, n=int(r['n_user_figures'])))}</i>"
            if fmt.has_text(r.get("n_user_figures")) and int(r["n_user_figures"]) > 0
            else ""
        )
        for r in records
    ]
    return go.Scatter(
        x=[int(r["year"]) for r in records],
        y=[labels[r["hub_id"]] for r in records],
        mode="markers",
        marker=_coverage_marker(mark),
        name=mark_name,
        legendgroup=mark,
        showlegend=show_legend,
        legendrank=COVERAGE_MARKS.index(mark) + 1,
        customdata=[[r["hub_id"], int(r["year"]), family, mark, int(r["n_figures"])] for r in records],
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        meta={"role": "cells", "mark": mark, "family": family},
    )


def _coverage_hub_labels(cells: pd.DataFrame, hubs: list[str], lang: str) -> dict[str, str]:
    """Short, unique y labels: names clipped for narrow screens, the full name stays in the hover."""
    first = cells.drop_duplicates("hub_id").set_index("hub_id")
    full = {h: i18n.label(first.loc[h].to_dict(), "hub_name", lang) or h for h in hubs}
    short = {h: clip_visual(name, COVERAGE_LABEL_WIDTH) for h, name in full.items()}
    if len(set(short.values())) < len(short):
        return {h: esc(name) for h, name in full.items()}
    return {h: esc(name) for h, name in short.items()}


def _coverage_height(n_hubs: int, n_panels: int) -> int:
    panels = max(n_panels, 1)
    return (
        COVERAGE_TOP + COVERAGE_BOTTOM + panels * (max(n_hubs, 1) * COVERAGE_ROW_PX + 12) + (panels - 1) * COVERAGE_GAP
    )
