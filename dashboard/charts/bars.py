"""Compare page: one bar per hub for one comparable group (same metric, kind and exact period)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt, i18n
from dashboard.charts.text import esc, hover_lines
from dashboard.charts.theme import HUB_PALETTE, apply_template, axis_title, header_height, hover_text, source_line

# Bars cannot be dashed, so kinds differ by fill: actuals filled, cumulative dotted, plan/target hollow + hatched.
BAR_KIND_STYLE: dict[str, dict[str, object]] = {
    "actual": {"hollow": False, "pattern": ""},
    "cumulative_actual": {"hollow": False, "pattern": "."},
    "plan": {"hollow": True, "pattern": "/"},
    "target": {"hollow": True, "pattern": "x"},
}


BAR_LABEL_WIDTH = 18  # display columns per line of a bar's hub label (four bars fit a phone)


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
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=values,
            marker=marker,
            text=[esc(fmt.number(v, unit, lang)) for v in values],
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
                "color": "#777777",
                "line": {"color": "#777777", "width": 2},
            },
        )
    )
    top = max((v for v in values if not fmt.is_missing(v)), default=0)
    apply_template(
        fig,
        title=title,
        lang=lang,
        x_title=i18n.t("axis.hub", lang),
        y_title=axis_title(unit, lang),
        unit=unit,
        max_value=top,
        height=420,
        subtitle=subtitle,
        source=source_line(rows, lang),
    )
    fig.update_layout(height=360 + header_height(fig))
    if top > 0:
        ticks, _ = fmt.axis_ticks(top, unit, lang)
        # Headroom so the value labels above the tallest bar are not cut off.
        fig.update_yaxes(range=[0, max(ticks[-1], top) * 1.12])
    fig.update_layout(bargap=0.45)
    fig.update_xaxes(tickangle=0, automargin=True)
    # The key above the bars: below, the wrapped hub names ran into it.
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        margin_t=header_height(fig) + 30,
        height=fig.layout.height + 30,
    )
    return fig
