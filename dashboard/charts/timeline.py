"""Hub page: every figure of one hub on a year axis, one row per metric grouped by family."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt, i18n, periods, schema
from dashboard.charts import theme
from dashboard.charts.text import clip_visual, esc, hover_lines, legend_wrap

LANE_PX = 24  # height of one lane of figures
LEGEND_GROUP_GAP_PX = 8  # between the legend's kinds


def _timeline_extent(row: dict) -> tuple[float, float]:
    """Where a figure sits on the year axis: a span covers its years (and months); a single year is its centre."""
    start_month, end_month = periods.months(row)
    # A year is drawn 2 × theme.SPAN_PAD wide (as on the family pages); months take their share of it.
    x0 = row["period_start"] - theme.SPAN_PAD + 2 * theme.SPAN_PAD * (start_month - 1) / 12
    x1 = row["period_end"] - theme.SPAN_PAD + 2 * theme.SPAN_PAD * end_month / 12
    return x0, x1


def _is_span_row(row: dict) -> bool:
    return int(row["period_start"]) < int(row["period_end"])


def timeline_layout(rows: pd.DataFrame, lang: str) -> tuple[list[dict], list[tuple[str, str, float]], int]:
    """Each figure's lane (y slot) so overlapping figures of one metric never hide each other.

    Returns (records with `_y`, `_x0`, `_x1`), ticks as (family, metric label, y) and the number of slots.
    Metrics are ordered by family (schema.FAMILIES), then by label.
    """

    family_order = {f: i for i, f in enumerate(schema.FAMILIES)}
    records = rows.to_dict("records")
    by_metric: dict[tuple, list[dict]] = {}
    for r in records:
        label = i18n.label(r, "metric_label", lang) or str(r["metric"])
        key = (family_order.get(r.get("family"), 99), str(r.get("family")), label, r["metric"])
        by_metric.setdefault(key, []).append(r)
    placed, ticks, slot = [], [], 0
    for key in sorted(by_metric):
        _, family, label, _ = key
        lanes: list[float] = []
        items = sorted(
            by_metric[key], key=lambda r: (_timeline_extent(r)[0], _timeline_extent(r)[1], str(r.get("figure_id")))
        )
        first = slot
        for r in items:
            x0, x1 = _timeline_extent(r)
            lo, hi = (x0, x1) if _is_span_row(r) else (r["period_start"] - 0.45, r["period_start"] + 0.45)
            lane = next((i for i, end in enumerate(lanes) if lo >= end + 0.02), None)
            if lane is None:
                lanes.append(hi)
                lane = len(lanes) - 1
            else:
                lanes[lane] = hi
            placed.append({**r, "_y": first + lane, "_x0": x0, "_x1": x1})
        # A metric whose name takes two lines gets two lanes' height at least, so names never run into each other.
        rows_taken = max(len(lanes), 1, label_lines(label))
        slot = first + rows_taken
        ticks.append((family, label, first + (rows_taken - 1) / 2))
    return placed, ticks, slot


LABEL_WIDTH = 24  # display columns of a metric name beside its lanes: the names leave a phone's plot ~200 px
LABEL_LINES = 2  # lines of a metric name at most; a longer name ends in "…" (the hover and the table name it)


def metric_tick(label: str) -> str:
    """A metric name as its lanes' tick label: escaped, broken into at most LABEL_LINES of LABEL_WIDTH."""
    lines = hover_lines(label, LABEL_WIDTH).split("<br>")
    if len(lines) > LABEL_LINES:
        last = html.unescape(lines[LABEL_LINES - 1])
        lines = lines[: LABEL_LINES - 1] + [esc(clip_visual(last + "…", LABEL_WIDTH))]
    return "<br>".join(lines)


def label_lines(label: str) -> int:
    return metric_tick(label).count("<br>") + 1


def _metric_blocks(placed: list[dict]) -> list[tuple[int, int]]:
    """(first lane, last lane) of each metric, top to bottom."""
    spans: dict[str, list[int]] = {}
    for r in placed:
        spans.setdefault(r["metric"], []).append(r["_y"])
    return sorted((min(v), max(v)) for v in spans.values())


def timeline(rows: pd.DataFrame, *, lang: str, color: str, title: str) -> go.Figure:
    """Every figure of one hub on a year axis: y = metric (grouped by family), spans as bars over their years.

    Single years are markers (shape by kind, crossed for part-year as on the family pages); a span is a line
    with end caps from the start of its first year to the end of its last (month-exact), the kind's marker in
    the middle, thick and solid for actuals, thin and dashed/dotted for plan/target.
    """
    placed, ticks, n_slots = timeline_layout(rows, lang)
    fig = go.Figure()
    groups: dict[tuple, list[dict]] = {}
    for r in placed:
        key = (r["kind"], _is_span_row(r), periods.is_part_year(r), fmt.is_on(r.get("user_supplied")))
        groups.setdefault(key, []).append(r)

    for kind, span, part_year, supplied in sorted(groups, key=lambda k: (schema.KIND_RANK[k[0]], k[1], k[2], k[3])):
        items = groups[(kind, span, part_year, supplied)]
        style = theme.KIND_STYLE[kind]
        name = f"{fmt.kind_label(kind, lang)} ({i18n.t(f'legend.style.{kind}', lang)})"
        if span:
            name += f" · {i18n.t('legend.span', lang)}"
        if part_year:
            name += f" · {i18n.t('legend.part_year', lang)}"
        if supplied:
            name += f" · {i18n.t('upload.badge', lang)}"
        common = {"name": legend_wrap(name), "legendgroup": kind, "hovertemplate": "%{hovertext}<extra></extra>"}
        if span or part_year:
            # A part of a year is drawn over its months like a span over its years: a short bar, not a dot.
            xs, ys, texts, ids, symbols, sizes = [], [], [], [], [], []
            mid_symbol = style["symbol"]
            for r in items:
                hover = theme.hover_text(r, lang)
                xs += [r["_x0"], (r["_x0"] + r["_x1"]) / 2, r["_x1"], None]
                ys += [r["_y"]] * 3 + [None]
                texts += [hover] * 3 + [None]
                # The id sits on the middle point only, so figure_ids() counts each span once.
                ids += [None, r["figure_id"], None, None]
                # End caps show where the period starts and stops; the kind's marker sits in the middle.
                symbols += ["line-ns", mid_symbol, "line-ns", "line-ns"]
                sizes += [14, 11, 14, 0]
            hollow = style["symbol"].endswith("open")
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    hovertext=texts,
                    customdata=ids,
                    mode="lines+markers",
                    line={"color": color, "width": 3 if hollow else 6, "dash": style["dash"]},
                    marker={"symbol": symbols, "size": sizes, "color": color, "line": {"color": color, "width": 2}},
                    connectgaps=False,
                    **common,
                )
            )
        else:
            symbol = theme.PART_YEAR_SYMBOL[kind] if part_year else style["symbol"]
            fig.add_trace(
                go.Scatter(
                    x=[r["period_start"] for r in items],
                    y=[r["_y"] for r in items],
                    hovertext=[theme.hover_text(r, lang) for r in items],
                    customdata=[r["figure_id"] for r in items],
                    mode="markers",
                    marker={"symbol": symbol, "size": 13, "color": color, "line": {"color": color, "width": 2}},
                    **common,
                )
            )
    years = [int(y) for y in pd.concat([rows["period_start"], rows["period_end"]])] if not rows.empty else [2020]
    theme.apply_template(
        fig,
        title=title,
        lang=lang,
        x_title=i18n.t("axis.year", lang),
        y_title=None,
        source=theme.source_line(rows, lang),
    )
    # The band is tall enough for each legend entry on a row of its own, as on a phone: nothing is cut there, and a
    # wide screen, with entries side by side, leaves some of it blank. (A vertical legend would fill it exactly on
    # every screen, but Plotly then no longer narrows the chart when the window does.)
    band = theme.legend_band_px(theme.legend_lines(fig)) + LEGEND_GROUP_GAP_PX * len({t.legendgroup for t in fig.data})
    height = theme.header_height(fig) + max(160, LANE_PX * n_slots + 30) + theme.LEGEND_GAP_PX + band
    theme.legend_at_foot(fig, band, height)
    fig.update_layout(legend={"tracegroupgap": LEGEND_GROUP_GAP_PX}, height=height)
    fig.update_xaxes(
        range=[min(years) - 0.7, max(years) + 0.7],
        showgrid=True,
        zeroline=False,
        **theme.year_ticks(min(years), max(years)),
    )
    fig.update_yaxes(
        tickmode="array",
        tickvals=[t[2] for t in ticks],
        ticktext=[metric_tick(t[1]) for t in ticks],
        tickfont={"size": 11},
        range=[n_slots - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
    )
    # Every other metric's lanes get a faint band, so a metric with several lanes reads as one row.
    for i, block in enumerate(_metric_blocks(placed)):
        if i % 2 == 0:
            fig.add_hrect(
                y0=block[0] - 0.5, y1=block[1] + 0.5, fillcolor="rgba(0,0,0,0.045)", line_width=0, layer="below"
            )
    # A thin rule and a label at the top of each family's block, so metrics read as grouped.
    previous = None
    for family, _, _y in ticks:
        if family != previous:
            block_top = min(r["_y"] for r in placed if str(r.get("family")) == family) - 0.5
            if previous is not None:
                fig.add_hline(y=block_top, line={"color": "#bbbbbb", "width": 1, "dash": "dot"})
            fig.add_annotation(
                x=1,
                xref="paper",
                xanchor="right",
                y=block_top,
                yanchor="top",
                showarrow=False,
                text=f"<i>{esc(i18n.t(f'family.{family}', lang) if f'family.{family}' in i18n.STRINGS else family)}</i>",
                font={"color": "#777777", "size": 11},
            )
            previous = family
    return fig
