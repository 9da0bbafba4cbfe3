"""Family pages: a plan beside the actual of the same hub, metric and exact period, with actual ÷ plan."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt, i18n
from dashboard.charts.text import HOVER_WIDTH, clip, esc, hover_lines
from dashboard.charts.theme import FALLBACK_COLOR, QUOTE_START, apply_template, axis_title, header_height, source_line

# In category widths: the row's label takes its top third, then the plan bar, then the actual bar.
PAIR_BAR_WIDTH = 0.24
PAIR_PLAN_OFFSET = -0.04
PAIR_ROW_PX = 104


def plan_vs_actual(pairs: pd.DataFrame, *, lang: str, colors: dict[str, str], title: str, unit: str) -> go.Figure:
    """Plan (hollow bar) beside actual (solid bar) for each pair of the same hub, metric and exact period,
    with actual ÷ plan as text; one row per pair (horizontal, so long hub names stay readable); the hover
    and the row label name both sources."""
    if pairs is None or pairs.empty:
        raise ValueError("plan_vs_actual() needs at least one pair")
    if set(pairs["unit"]) != {unit}:
        raise ValueError(f"plan_vs_actual() draws one unit; got {sorted(set(pairs['unit']))} for {unit!r}")
    records = sorted(
        pairs.to_dict("records"),
        key=lambda r: (
            r["hub_id"],
            r["period_start"],
            r["period_end"],
            str(r["plan_figure_id"]),
            str(r["actual_figure_id"]),
        ),
    )
    categories, seen = [], {}
    for r in records:
        # Several plans (or versions of the actual) of one period are told apart by who reported them.
        base = "<br>".join(
            [
                esc(f"{clip(i18n.label(r, 'hub_name', lang), 40)} · {_pair_period(r, lang)}"),
                esc(
                    i18n.t("chart.pva.sources", lang, plan=_publisher(r, "plan"), actual=_publisher(r, "actual"))
                    + (f" [{i18n.t('upload.badge', lang)}]" if _pair_user(r) else "")
                ),
            ]
        )
        seen[base] = seen.get(base, 0) + 1
        categories.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    hub_colors_ = [colors.get(r["hub_id"], FALLBACK_COLOR) for r in records]
    hovers = [_pair_hover(r, lang) for r in records]
    bar = {
        "y": categories,
        "orientation": "h",
        "hovertext": hovers,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "width": PAIR_BAR_WIDTH,
    }
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=[float(r["plan_value"]) for r in records],
            name=i18n.t("legend.pva.plan", lang),
            marker={
                "color": "rgba(255,255,255,0)",
                "line": {"color": hub_colors_, "width": 2.5},
                "pattern": {"shape": "/", "fgcolor": hub_colors_, "size": 8, "solidity": 0.15},
            },
            customdata=[r["plan_figure_id"] for r in records],
            offset=PAIR_PLAN_OFFSET,
            **bar,
        )
    )
    fig.add_trace(
        go.Bar(
            x=[float(r["actual_value"]) for r in records],
            name=i18n.t("legend.pva.actual", lang),
            marker={"color": hub_colors_, "line": {"color": hub_colors_, "width": 2.5}},
            text=[percent(r.get("ratio")) for r in records],
            textposition="outside",
            cliponaxis=False,
            textfont={"size": 13},
            customdata=[r["actual_figure_id"] for r in records],
            offset=PAIR_PLAN_OFFSET + PAIR_BAR_WIDTH + 0.02,
            **bar,
        )
    )
    # Each row: its label on top, across the whole width (as y tick labels they took half a phone's width
    # and squeezed the bars), then the plan bar, then the actual bar.
    for i, label in enumerate(categories):
        fig.add_annotation(
            x=0,
            xref="paper",
            xanchor="left",
            y=i - 0.47,
            yref="y",
            yanchor="top",
            text=label,
            showarrow=False,
            align="left",
            font={"size": 11},  # the theme's text colour: a fixed dark grey vanished on the dark theme
        )
    fig.update_layout(barmode="overlay", hovermode="closest", dragmode=False)
    apply_template(
        fig,
        title=title,
        lang=lang,
        x_title=axis_title(unit, lang),
        height=170 + PAIR_ROW_PX * len(records),
        source=source_line(
            pairs,
            lang,
            publishers=("plan_publisher", "actual_publisher"),
            dates=("plan_published", "actual_published"),
            extra=None,
        ),
    )
    top = max(max(float(r["plan_value"]), float(r["actual_value"])) for r in records)
    # Three or four labelled ticks: money labels side by side must fit a phone.
    tickvals, ticktext = fmt.axis_ticks(top * 1.12, unit, lang, target_ticks=4)
    fig.update_xaxes(
        tickmode="array",
        tickvals=tickvals,
        ticktext=ticktext,
        tickangle=0,
        range=[0, max(max(tickvals), top * 1.12) * 1.02],
        autorange=False,
    )
    fig.update_yaxes(range=[len(records) - 0.5, -0.5], autorange=False, showticklabels=False, showgrid=False)
    # Legend above the bars: below them it sat on the x-axis title and ticks when there were few rows.
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0},
        margin={"t": header_height(fig) + 40, "b": 10},
        height=header_height(fig) + 140 + PAIR_ROW_PX * len(records),
    )
    return fig


def percent(ratio) -> str:
    """A ratio as a whole percentage, half away from zero: 0.925 -> "93%"; missing -> "–"."""
    if not fmt.has_text(ratio):
        return fmt.MISSING
    from decimal import ROUND_HALF_UP, Decimal  # local: only this helper needs exact rounding

    shown = (Decimal(repr(float(ratio))) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{shown:,}%"


def _publisher(row: dict, side: str) -> str:
    name = row.get(f"{side}_publisher")
    return clip(name, 24) if fmt.has_text(name) else fmt.MISSING


def _pair_period(row: dict, lang: str) -> str:
    return fmt.period(
        row["period_start"], row["period_end"], row.get("start_month"), row.get("end_month"), "actual", lang
    )


def _pair_hover(row: dict, lang: str) -> str:
    def side(prefix: str) -> list[str]:
        value = fmt.number(row[f"{prefix}_value"], row["unit"], lang)
        source = " · ".join(
            str(x)
            for x in (row.get(f"{prefix}_publisher"), fmt.published(row.get(f"{prefix}_published"), lang))
            if fmt.has_text(x)
        )
        lines = [
            f"{esc(fmt.kind_label(row[f'{prefix}_kind'], lang))}: <b>{esc(value)}</b>",
            f"&nbsp;&nbsp;{i18n.t('hover.source', lang)}: {esc(source)}",
        ]
        if fmt.has_text(row.get(f"{prefix}_quote")):
            quote = hover_lines(clip(row[f"{prefix}_quote"], QUOTE_START), HOVER_WIDTH - 4)
            lines.append("&nbsp;&nbsp;<i>“" + quote.replace("<br>", "<br>&nbsp;&nbsp;") + "”</i>")
        if fmt.is_on(row.get(f"{prefix}_user_supplied")):
            lines.append(f"&nbsp;&nbsp;<i>{esc(i18n.t('upload.badge', lang))}</i>")
        return lines

    return "<br>".join(
        [
            f"<b>{esc(i18n.label(row, 'hub_name', lang))}</b>",
            f"{esc(i18n.label(row, 'metric_label', lang))} · {esc(_pair_period(row, lang))}",
            *side("plan"),
            *side("actual"),
            esc(i18n.t("hover.ratio", lang, ratio=percent(row.get("ratio")))),
        ]
    )


def _pair_user(row: dict) -> bool:
    """Either side of a plan–actual pair is a figure this session uploaded."""
    return fmt.is_on(row.get("plan_user_supplied")) or fmt.is_on(row.get("actual_user_supplied"))
