"""Compare page: one bar per hub for one comparable group (same metric, kind and exact period)."""

from __future__ import annotations

from html import unescape

import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt, i18n
from dashboard.charts.text import display_width, esc, hover_lines
from dashboard.charts.theme import (
    HUB_PALETTE,
    NEUTRAL,
    apply_template,
    axis_title,
    header_height,
    hover_text,
    source_line,
)

# Bars cannot be dashed, so kinds differ by fill: actuals filled, cumulative dotted, plan/target hollow + hatched.
BAR_KIND_STYLE: dict[str, dict[str, object]] = {
    "actual": {"hollow": False, "pattern": ""},
    "cumulative_actual": {"hollow": False, "pattern": "."},
    "plan": {"hollow": True, "pattern": "/"},
    "target": {"hollow": True, "pattern": "x"},
}


BAR_LABEL_WIDTH = 20  # display columns per line of a hub name beside its bar (a third of a phone's chart)
BAR_ROW_PX = 44  # height of one bar's row, more when its hub name takes three lines
BAR_TEXT_PX = 12  # font size of the value at a bar's end


def text_px(texts, size: int) -> int:
    """A generous width in pixels of the widest of `texts` (escaped, one line) at font `size`: 0.62 em a display
    column (Hangul takes two)."""
    widest = max((display_width(unescape(str(t))) for t in texts), default=0)
    return int(widest * size * 0.62) + 4


def compare_bars(
    rows: pd.DataFrame, *, lang: str, colors: dict[str, str], title: str, subtitle: str | None = None
) -> go.Figure:
    """One bar per hub for ONE comparable group (same metric, kind and exact period); versions get a bar each.

    The caller passes a single group: bars of different kinds or periods never share an axis.
    `customdata` carries each bar's figure_id so the plotted rows can be checked against the download.
    """
    records = rows.to_dict("records")
    kinds = {r["kind"] for r in records}
    units = {r["unit"] for r in records}
    if len(kinds) > 1 or len(units) > 1:
        raise ValueError("compare_bars draws one group: one kind and one unit")
    kind = kinds.pop() if kinds else "actual"
    unit = units.pop() if units else "count"
    style = BAR_KIND_STYLE[kind]
    per_hub: dict[str, int] = {}
    for r in records:
        per_hub[r["hub_id"]] = per_hub.get(r["hub_id"], 0) + 1
    seen: dict[str, int] = {}
    labels, bar_colors = [], []
    for r in records:
        seen[r["hub_id"]] = seen.get(r["hub_id"], 0) + 1
        name = i18n.label(r, "hub_name", lang)
        if per_hub[r["hub_id"]] > 1:
            # Conflicting versions: each value gets its own bar, numbered, never merged.
            name += f" ({seen[r['hub_id']]}/{per_hub[r['hub_id']]})"
        if fmt.is_on(r.get("user_supplied")):
            name += f" [{i18n.t('upload.badge', lang)}]"
        # Words on short lines, read level: rotated long names ran off a phone's chart into the legend.
        labels.append(hover_lines(name, BAR_LABEL_WIDTH))
        bar_colors.append(colors.get(r["hub_id"], HUB_PALETTE[0]))
    values = [r["value"] for r in records]
    marker = {
        "color": ["rgba(255,255,255,0)" if style["hollow"] else c for c in bar_colors],
        "line": {"color": bar_colors, "width": 2},
        "pattern": {
            "shape": style["pattern"],
            "fgcolor": bar_colors,
            "fillmode": "replace" if style["hollow"] else "overlay",
            "solidity": 0.3,
        },
    }
    texts = [esc(fmt.number(v, unit, lang)) for v in values]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            textfont={"size": BAR_TEXT_PX},
            orientation="h",
            marker=marker,
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertext=[hover_text(r, lang) for r in records],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[r["figure_id"] for r in records],
            name=esc(i18n.t(f"legend.bar.{kind}", lang)),
            showlegend=False,
        )
    )
    # The legend says how the kind is drawn, in neutral grey: a hub-coloured swatch would read as one hub.
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=esc(i18n.t(f"legend.bar.{kind}", lang)),
            showlegend=True,
            hoverinfo="skip",
            marker={
                "symbol": "square-open" if style["hollow"] else "square",
                "size": 14,
                "color": NEUTRAL,
                "line": {"color": NEUTRAL, "width": 2},
            },
        )
    )
    top = max((v for v in values if not fmt.is_missing(v)), default=0)
    apply_template(
        fig,
        title=title,
        lang=lang,
        x_title=axis_title(unit, lang),
        height=420,
        subtitle=subtitle,
        source=source_line(rows, lang),
    )
    # Horizontal bars, hub names level on the y axis (first hub on top): rotated or wrapped names under upright
    # bars were cramped and cut on a phone, and the width of the screen is not known here.
    fig.update_yaxes(autorange="reversed", tickangle=0, automargin=True, showgrid=False, ticklabelstandoff=6)
    if top > 0:
        # Three labels at most: the bars' axis is what the hub names leave of a phone's width, and four labels
        # ("KRW 50 bn", "KRW 100 bn", ...) ran into each other there.
        tickvals, ticktext = fmt.axis_ticks(top, unit, lang, target_ticks=3)
        fig.update_xaxes(
            tickmode="array",
            tickvals=tickvals,
            ticktext=ticktext,
            range=[0, top * 1.04],
            autorange=False,
            tickangle=0,
            rangemode="tozero",
        )
    lines = [label.count("<br>") + 1 for label in labels]
    rows_px = sum(max(BAR_ROW_PX, 16 * n + 18) for n in lines)
    fig.update_layout(
        bargap=0.35,
        # The key above the bars, under the title.
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0},
        # The longest bar's value label stands right of the plot: room for it in pixels, whatever the width.
        margin={"t": header_height(fig) + 30, "r": 12 + text_px(texts, BAR_TEXT_PX)},
        height=header_height(fig) + 30 + rows_px + 70,
    )
    return fig
