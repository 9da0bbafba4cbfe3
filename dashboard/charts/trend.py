"""Family pages: one metric by hub over the years (linear, log or indexed), gaps kept as gaps."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt, i18n, periods, schema
from dashboard.charts.bars import text_px
from dashboard.charts.text import clip, clip_visual, esc, hover_lines, legend_wrap
from dashboard.charts.theme import (
    FALLBACK_COLOR,
    KIND_STYLE,
    NEUTRAL,
    SPAN_PAD,
    apply_template,
    axis_title,
    hover_text,
    legend_at_foot,
    legend_band_px,
    legend_lines,
    source_line,
    year_ticks,
)
from dashboard.series_names import series_name

SCALES: tuple[str, ...] = ("linear", "log", "index")


def trend(
    rows: pd.DataFrame, *, lang: str, colors: dict[str, str], title: str, unit: str, scale: str = "linear"
) -> go.Figure:
    """One metric by hub and year: one line per (hub, series, kind) through the years with exactly one value
    (gaps stay gaps), the values of a year with several reports as separate labelled marks the line does not
    pass through, spans as thin segments over their years with their value, part-year figures as short
    segments over their months, kinds styled apart. A mark's text label is written only where it has room on a
    phone (`_place_mark_labels`); with many spans none carries its value (the hover and the table do).

    `scale`: "linear", "log" (every value must be above zero, see `scale_options`) or "index" (first year = 100:
    only the yearly actual lines `index_rows` keeps are drawn). Every drawn figure's id is in exactly one
    trace point's `customdata` (see `figure_ids`).
    """
    if rows is None or rows.empty:
        raise ValueError("trend() needs at least one figure; show an explanation instead of an empty axis")
    if set(rows["unit"]) != {unit}:
        raise ValueError(f"trend() draws one unit; got {sorted(set(rows['unit']))} for {unit!r}")
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; expected one of {SCALES}")
    if scale == "log" and not scale_options(rows)["log"]:
        raise ValueError("a log scale needs every value above zero")
    if scale == "index":
        rows = index_rows(rows)
        if rows.empty:
            raise ValueError("no yearly actuals of one hub for two years or more: no indexed view")
    records = [_figure_flags(r) for r in rows.to_dict("records")]
    fig = go.Figure()
    groups: dict[tuple, list[dict]] = {}
    for r in records:
        shape = "span" if r["_span"] else ("part" if r["_part"] else "line")
        groups.setdefault((r["hub_id"], _series_key(r), r["kind"], bool(r["_user"]), shape), []).append(r)
    shape_order = {"line": 0, "part": 1, "span": 2}
    # Many spans over overlapping years: thin, see-through segments without their values (the hover has them).
    dense = sum(1 for r in records if r["_span"]) > SPAN_LABEL_MAX
    entries: list[dict] = []
    for key in sorted(groups, key=lambda k: (k[0], k[1], schema.KIND_RANK.get(k[2], 9), k[3], shape_order[k[4]])):
        hub_id, series, kind, user, shape = key
        members = groups[key]
        color = colors.get(hub_id, FALLBACK_COLOR)
        name = _trend_legend_name(members[0], kind, shape, user, lang)
        group = "|".join(str(k) for k in key)
        if shape == "line":
            traces = _annual_traces(
                members, kind=kind, color=color, name=name, lang=lang, group=group, index=scale == "index"
            )
        else:
            traces = _segment_traces(
                members, kind=kind, color=color, name=name, lang=lang, group=group, part=shape == "part", dense=dense
            )
        for trace in traces:
            fig.add_trace(trace)
        entries += [
            {"group": t.legendgroup, "row": members[0], "kind": kind, "shape": t.meta["shape"], "user": user}
            for t in traces
            if t.showlegend is not False
        ]
    _spread_span_marks(fig, log=scale == "log")
    xs = [r["period_start"] for r in records] + [r["period_end"] for r in records]
    if len(entries) <= END_LABEL_MAX:
        _label_line_ends(fig, entries, colors, lang, x_range=(min(xs) - 0.7, max(xs) + 0.7), log=scale == "log")
    fig.update_xaxes(range=[min(xs) - 0.7, max(xs) + 0.7], zeroline=False, **year_ticks(min(xs), max(xs)))
    # No drag-to-zoom box (the mode bar still zooms). With point selection on, Streamlit turns this into panning.
    # The legend always shows: with a single line Plotly would hide it, and the reader would not know whose it is.
    fig.update_layout(hovermode="closest", dragmode=False, showlegend=True)
    values = [float(r["value"]) for r in records]
    n_legend = legend_lines(fig)
    common = {
        "title": title,
        "lang": lang,
        "x_title": i18n.t("axis.year", lang),
        "height": _height_for_legend(n_legend),
        "source": source_line(rows, lang),
    }
    if scale == "index":
        apply_template(fig, y_title=i18n.t("axis.index", lang), **common)
        fig.add_hline(y=100, line={"color": "#999999", "width": 1, "dash": "dot"})
        index_values = [y for t in fig.data for y in t.y if y is not None]
        fig.update_yaxes(rangemode="tozero", range=[0, max(index_values + [100]) * 1.1])
    elif scale == "log":
        apply_template(fig, y_title=f"{axis_title(unit, lang)} · {i18n.t('axis.log', lang)}", **common)
        tickvals = log_ticks(min(values), max(values))
        fig.update_yaxes(
            type="log",
            tickmode="array",
            tickvals=tickvals,
            ticktext=[fmt.number(v, unit, lang, exact=True) for v in tickvals],
            range=[math.log10(min(tickvals)) - 0.05, math.log10(max(tickvals)) + 0.05],
        )
    else:
        apply_template(fig, y_title=axis_title(unit, lang), unit=unit, max_value=max(values), **common)
        _range_to_top_tick(fig, values)
    legend_at_foot(fig, legend_band_px(n_legend, LEGEND_MAX_PX))
    _place_end_labels(fig, log=scale == "log")
    _place_mark_labels(fig, log=scale == "log")
    return fig


# Up to this many legend entries (lines, spans, part-year and differing-report marks) each is named at its last
# point instead, and the legend only keys the kinds: a legend of long hub names took a phone's screen and was cut.
END_LABEL_MAX = 6
END_LABEL_WIDTH = 20  # display columns per line of an end label (Hangul counts two)
KEY_STRINGS = {"span": "legend.key.span", "part": "legend.key.part", "versions": "legend.key.versions"}


def _end_label_text(entry: dict, entries: list[dict], lang: str) -> str:
    """Hub (on at most two short lines), then its part and kind when another label names the same hub."""
    row = entry["row"]
    hub = i18n.label(row, "hub_name", lang)
    lines = hover_lines(clip_visual(hub, 2 * END_LABEL_WIDTH), END_LABEL_WIDTH).split("<br>")
    extra = []
    if fmt.has_text(row.get("series")):
        extra.append(clip_visual(series_name(row["series"], lang).strip(), END_LABEL_WIDTH))
    same_hub = [e for e in entries if e["row"]["hub_id"] == row["hub_id"]]
    if len({e["kind"] for e in same_hub}) > 1:
        extra.append(fmt.kind_label(entry["kind"], lang))
    if entry["user"]:
        extra.append(i18n.t("upload.badge", lang))
    if len(lines) > 2:
        lines = [lines[0], lines[1] + "…"]
    return "<br>".join(lines + ([esc(" · ".join(extra))] if extra else []))


def _last_point(traces: list) -> tuple[float, float]:
    """Where a group's marks end: its rightmost point with a value (a span's or part-year line's right end)."""
    points = [
        (float(x), float(y)) for t in traces for x, y in zip(t.x, t.y) if x is not None and y is not None and y > 0
    ] or [(float(x), float(y)) for t in traces for x, y in zip(t.x, t.y) if x is not None and y is not None]
    return max(points)


def _label_line_ends(
    fig: go.Figure, entries: list[dict], colors: dict, lang: str, *, x_range: tuple[float, float], log: bool
) -> None:
    """Few entries: each is named in its colour at its last point (left of it in the right half of the chart, so
    no label runs off a phone's edge), the data traces move to a hidden second legend, and the shown legend keys
    the kinds and shapes drawn, in neutral grey."""
    by_group: dict[str, list] = {}
    for trace in fig.data:
        by_group.setdefault(trace.legendgroup, []).append(trace)
    ends = [_last_point(by_group[e["group"]]) for e in entries]
    ys = [math.log10(y) if log and y > 0 else y for _, y in ends]
    low, high = (min(ys + ([] if log else [0.0])), max(ys)) if ys else (0.0, 1.0)
    placed: list[tuple[float, float, str]] = []
    for entry, (x, y), level in sorted(zip(entries, ends, ys), key=lambda item: -item[2]):
        share = (level - low) / ((high - low) or 1.0)
        vertical = "bottom" if share > 0.8 else "top"
        # A label close above or below another ending near it goes to the other side of its point.
        if any(abs(x - px) < 1.5 and abs(share - ps) < 0.12 and pv == vertical for px, ps, pv in placed):
            vertical = "bottom" if vertical == "top" else "top"
        placed.append((x, share, vertical))
        side = "left" if x - x_range[0] > (x_range[1] - x_range[0]) / 2 else "right"
        color = colors.get(entry["row"]["hub_id"], FALLBACK_COLOR)
        fig.add_trace(
            go.Scatter(
                x=[x],
                y=[y],
                mode="text",
                text=[_end_label_text(entry, entries, lang)],
                textposition=f"{vertical} {side}",
                textfont={"color": color, "size": 11},
                cliponaxis=False,
                hoverinfo="skip",
                showlegend=False,
                legendgroup=entry["group"],
                meta={"shape": "end_label", "kind": entry["kind"]},
            )
        )
    for trace in fig.data:
        if trace.showlegend is not False and (trace.meta or {}).get("shape") != "end_label":
            trace.legend = "legend2"
    fig.update_layout(legend2={"visible": False})
    shown = sorted(
        {(e["kind"], e["shape"]) for e in entries},
        key=lambda ks: (schema.KIND_RANK.get(ks[0], 9), ("line", "versions", "part", "span").index(ks[1])),
    )
    for kind, shape in shown:
        style = KIND_STYLE[kind]
        kind_text, style_text = fmt.kind_label(kind, lang), i18n.t(f"legend.style.{kind}", lang)
        name = (
            f"{kind_text} ({style_text})"
            if shape == "line"
            else i18n.t(KEY_STRINGS[shape], lang, kind=kind_text, style=style_text)
        )
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers" if shape == "versions" else "lines+markers",
                name=legend_wrap(name),
                line={"color": NEUTRAL, "dash": style["dash"], "width": 2},
                marker=_marker(NEUTRAL, style["symbol"]),
                hoverinfo="skip",
                meta={"shape": "key", "kind": kind},
            )
        )


def _place_end_labels(fig: go.Figure, *, log: bool) -> None:
    """Move each end label (once the axes are set) just above its point, or below it near the top, and stack
    labels that would cover each other one under another, so two lines ending close together stay readable."""
    labels = [t for t in fig.data if (t.meta or {}).get("shape") == "end_label"]
    if not labels:
        return
    levels = [math.log10(t.y[0]) if log else float(t.y[0]) for t in labels]
    low, high = fig.layout.yaxis.range or (min(levels + [0.0]), max(levels) * 1.05 or 1.0)
    span_y = (high - low) or 1.0
    xs = fig.layout.xaxis.range or (min(t.x[0] for t in labels) - 1, max(t.x[0] for t in labels) + 1)
    near = 0.45 * (xs[1] - xs[0])  # labels are about this wide on a phone: closer ends may cover each other
    margin = fig.layout.margin
    plot_px = max(fig.layout.height - (margin.t or 0) - (margin.b or 0), 120)
    line = 15 / plot_px  # one line of 11 px text, as a share of the plot's height
    placed: list[tuple[float, float, float]] = []  # (x, centre, height) as shares
    for trace, level in sorted(zip(labels, levels), key=lambda item: -item[1]):
        x, at = float(trace.x[0]), (level - low) / span_y
        height = line * (str(trace.text[0]).count("<br>") + 1)
        centre = at + height / 2 + 0.01 if at + height + 0.01 <= 1 else at - height / 2 - 0.01
        while True:
            covering = [
                c - (h + height) / 2 for px, c, h in placed if abs(px - x) < near and abs(c - centre) < (h + height) / 2
            ]
            if not covering:
                break
            centre = min(covering) - 0.005
        centre = max(centre, height / 2)
        placed.append((x, centre, height))
        value = low + centre * span_y
        trace.y = [10**value if log else value]
        trace.textposition = "middle " + str(trace.textposition).split(" ")[-1]


# Mark labels (span values, part-year months, differing reports) are placed for the narrowest screen, a phone:
# its plot is about this many pixels wide beside the y axis's tick labels. A wider screen only gains room.
PHONE_FIGURE_PX = 350
SPAN_LABEL_MAX = 8  # more spans than this in one chart: no value on each (they blurred into one another)
LABEL_GAP_PX = 5  # between a mark and its label above or below it
MARK_PX = 5  # half a mark's size: no label is written over another mark


def _plot_px(fig: go.Figure) -> tuple[float, float]:
    """The plot's width on a phone (the figure less its margins, the tick labels and the axis title) and height."""
    ticks = [str(t) for t in (fig.layout.yaxis.ticktext or ())] or ["0000000"]
    margin = fig.layout.margin
    width = PHONE_FIGURE_PX - (margin.l or 0) - (margin.r or 0) - text_px(ticks, 12) - 24
    height = (fig.layout.height or 470) - (margin.t or 0) - (margin.b or 0)
    return max(width, 120.0), max(height, 120.0)


def _label_box(x: float, y: float, text: str, size: float, position: str) -> tuple[float, float, float, float]:
    """(left, right, bottom, top) in pixels of a text of `size` at a mark at pixel (x, y) in a Plotly
    `position` ("top center", "bottom right", "middle left", ...)."""
    lines = str(text).split("<br>")
    width, height = text_px(lines, int(size)), (size + 3) * len(lines)
    vertical, horizontal = position.split(" ")
    left = {"center": x - width / 2, "right": x + LABEL_GAP_PX, "left": x - LABEL_GAP_PX - width}[horizontal]
    bottom = {"top": y + LABEL_GAP_PX, "bottom": y - LABEL_GAP_PX - height, "middle": y - height / 2}[vertical]
    return left, left + width, bottom, bottom + height


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _place_mark_labels(fig: go.Figure, *, log: bool) -> None:
    """Once the axes are set, keep each mark's text label inside the plot and clear of every other label on a
    phone: it stands above its mark or below it, centred or (near an edge) running inward, so it never sits on the
    y axis's tick labels or past the right edge; a label with no free place is left out (the hover and the legend
    still say it). End labels, placed before, stay where they are and are kept clear of."""
    x0, x1 = fig.layout.xaxis.range
    values = [float(y) for t in fig.data for y in (t.y or ()) if y is not None and (not log or float(y) > 0)]
    if not values:
        return
    levels = [math.log10(v) if log else v for v in values]
    y0, y1 = fig.layout.yaxis.range or (min(levels + [0.0]), max(levels) * 1.05 or 1.0)
    width, height = _plot_px(fig)

    def px(x: float, y: float) -> tuple[float, float]:
        level = math.log10(y) if log else y
        return (x - x0) / (x1 - x0) * width, (level - y0) / ((y1 - y0) or 1.0) * height

    kept = [
        _label_box(*px(float(t.x[0]), float(t.y[0])), t.text[0], t.textfont.size or 11, t.textposition)
        for t in fig.data
        if (t.meta or {}).get("shape") == "end_label"
    ] + [
        (x - MARK_PX, x + MARK_PX, y - MARK_PX, y + MARK_PX)
        for t in fig.data
        if (t.meta or {}).get("shape") in ("line", "span", "part", "versions")
        for x, y in (
            px(float(a), float(b)) for a, b in zip(t.x, t.y) if a is not None and b is not None and (not log or b > 0)
        )
    ]
    for trace in fig.data:
        if (trace.meta or {}).get("shape") not in ("span", "part", "versions") or trace.text is None:
            continue
        texts, size = list(trace.text), trace.textfont.size or 11
        given = trace.textposition
        positions = list(given) if isinstance(given, tuple | list) else [given or "top center"] * len(texts)
        for i, text in enumerate(texts):
            if not text or trace.y[i] is None or (log and float(trace.y[i]) <= 0):
                continue
            at = px(float(trace.x[i]), float(trace.y[i]))
            first = positions[i].split(" ")[0]
            candidates = [
                (f"{vertical} {horizontal}", _label_box(*at, text, size, f"{vertical} {horizontal}"))
                for vertical in (first, "bottom" if first == "top" else "top")
                for horizontal in ("center", "right", "left")
            ]
            choice = next(
                (
                    (position, box)
                    for position, box in candidates
                    if box[0] >= 0
                    and box[1] <= width
                    and box[2] >= 0
                    and box[3] <= height
                    and not any(_overlap(box, other) for other in kept)
                ),
                None,
            )
            if choice is None:
                texts[i] = None
            else:
                positions[i] = choice[0]
                kept.append(choice[1])
        trace.text = texts
        trace.textposition = positions if len(set(positions)) > 1 else positions[0]


SPAN_CLOSE = 0.06  # spans whose values are within this share of the value axis read as one blur


def _spread_span_marks(fig: go.Figure, *, log: bool = False) -> None:
    """Spans over overlapping years with close values (e.g. five reports of one 2020–2024 budget) would draw
    their value labels on top of each other: within such a cluster each span's marker and label move along
    its own segment to a slot of their own (its ends, and so its period, stay where they are)."""
    spans = [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("shape") == "span"]
    if len(spans) < 2:
        return

    def level(trace) -> float:
        value = float(trace.y[0])
        return math.log10(value) if log and value > 0 else value

    levels = [level(t) for t in spans]
    extent = (max(levels) - min(0.0 if not log else min(levels), min(levels))) or 1.0
    clusters: list[list] = []
    for trace in sorted(spans, key=level):
        home = next(
            (
                c
                for c in clusters
                if any(
                    trace.x[0] < other.x[2]
                    and other.x[0] < trace.x[2]
                    and abs(level(trace) - level(other)) <= SPAN_CLOSE * extent
                    for other in c
                )
            ),
            None,
        )
        if home is None:
            clusters.append([trace])
        else:
            home.append(trace)
    for cluster in clusters:
        if len(cluster) < 2:
            continue
        ordered = sorted(cluster, key=lambda t: (-level(t), t.x[0]))
        for k, trace in enumerate(ordered):
            left, right = trace.x[0], trace.x[2]
            trace.x = [left, round(left + (right - left) * (k + 1) / (len(ordered) + 1), 4), right]
            trace.textposition = "top center" if k % 2 == 0 else "bottom center"


def scale_options(rows: pd.DataFrame) -> dict[str, bool]:
    """Which scales `trend` can draw for these rows: log needs every value above zero; index needs
    one hub's yearly actuals (one series, one value a year) in at least two years."""
    return {
        "linear": True,
        "log": rows is not None and not rows.empty and log_applies(rows["value"]),
        "index": rows is not None and not rows.empty and not index_rows(rows).empty,
    }


def log_applies(values: pd.Series) -> bool:
    """A log axis can draw these values: there is at least one, and every one is above zero."""
    values = pd.to_numeric(values, errors="coerce")
    return bool(len(values)) and bool((values > 0).all())


def index_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows an indexed view (first year = 100) draws: yearly actuals of whole single years with one value
    in their year, per (hub, series, uploaded or not), for lines of two years or more with a first value above 0."""
    records = [_figure_flags(r) for r in rows.to_dict("records")]
    keep: list[str] = []
    lines: dict[tuple, dict[int, list[dict]]] = {}
    for r in records:
        if r["kind"] != "actual" or r["_span"] or r["_part"]:
            continue
        key = (r["hub_id"], _series_key(r), bool(r["_user"]))
        lines.setdefault(key, {}).setdefault(int(r["period_start"]), []).append(r)
    for by_year in lines.values():
        single = {y: rs[0] for y, rs in by_year.items() if len(rs) == 1}
        if len(single) >= 2 and float(single[min(single)]["value"]) > 0:
            keep += [str(r["figure_id"]) for r in single.values()]
    return rows[rows["figure_id"].astype(str).isin(set(keep))].reset_index(drop=True)


def log_ticks(low: float, high: float) -> list[float]:
    """1, 2, 5 × 10ⁿ from just below `low` to just above `high` (every power of ten when the range is wide)."""
    steps = (1, 2, 5) if math.log10(high / low) < 3 else (1,)
    candidates = [
        float(step * 10**power)
        for power in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
        for step in steps
    ]
    first = max(c for c in candidates if c <= low)
    last = min(c for c in candidates if c >= high)
    return [c for c in candidates if first <= c <= last]


def _figure_flags(row: dict) -> dict:
    """A figure row with its span / part-year / user-supplied flags worked out from the period itself."""
    out = dict(row)
    out["_span"] = int(row["period_start"]) < int(row["period_end"])
    out["_part"] = periods.is_part_year(row)
    out["_user"] = fmt.is_on(row.get("user_supplied"))
    return out


def _trend_legend_name(row: dict, kind: str, shape: str, user: bool, lang: str) -> str:
    hub = i18n.label(row, "hub_name", lang)
    kind_text = fmt.kind_label(kind, lang)
    if shape == "span":
        name = i18n.t("legend.trend.span", lang, hub=hub, kind=kind_text, style=i18n.t(f"legend.style.{kind}", lang))
    elif shape == "part":
        name = i18n.t("legend.trend.part_year", lang, hub=hub, kind=kind_text)
    else:
        name = f"{hub} · {kind_text} ({i18n.t(f'legend.style.{kind}', lang)})"
    if fmt.has_text(row.get("series")):
        # One line per reported part (series): the legend says which, so two lines of a hub never read as one.
        # Clipped by display width (Hangul counts two): 30 Hangul or 60 Latin characters, wrapped by legend_wrap.
        name = name.replace(f"{hub} · ", f"{hub} · {clip_visual(series_name(row['series'], lang), 60)} · ", 1)
    if user:
        name += f" · {i18n.t('upload.badge', lang)}"
    return legend_wrap(name)


def _trend_hover(row: dict, lang: str) -> str:
    text = hover_text(row, lang)
    if row["_span"]:
        years = int(row["period_end"]) - int(row["period_start"]) + 1
        text += "<br>" + esc(i18n.t("hover.span", lang, n=years))
    if row["_part"]:
        text += "<br>" + esc(i18n.t("hover.part_year", lang))
    return text


def _marker(color: str, symbol: str, size: int = 9) -> dict:
    # Open symbols take their outline from the marker colour; a wider outline keeps them visible.
    return {"symbol": symbol, "color": color, "size": size, "line": {"color": color, "width": 2}}


def _series_key(row: dict) -> str:
    return str(row["series"]).strip() if fmt.has_text(row.get("series")) else ""


def _annual_traces(
    members: list[dict], *, kind: str, color: str, name: str, lang: str, group: str, index: bool = False
) -> list[go.Scatter]:
    """One line through the years with exactly one value (a missing year is a None point, so the line breaks);
    a year with several values (versions or conflicting reports) breaks the line too, and its values are
    drawn as separate marks labelled "n번째 보도 · publisher", never picked or joined."""
    by_year: dict[int, list[dict]] = {}
    for r in members:
        by_year.setdefault(int(r["period_start"]), []).append(r)
    single = {year: rs[0] for year, rs in by_year.items() if len(rs) == 1}
    base = float(single[min(single)]["value"]) if index and single else None
    xs, ys, ids, hovers = [], [], [], []
    previous = None
    for year in sorted(single):
        r = single[year]
        if previous is not None and year > previous + 1:
            xs.append(previous + 1)
            ys.append(None)
            ids.append(None)
            hovers.append(None)
        value = float(r["value"])
        hover = _trend_hover(r, lang)
        if base:
            value = value / base * 100
            hover += "<br>" + esc(i18n.t("hover.index", lang, index=f"{value:,.1f}", base=min(single)))
        xs.append(year)
        ys.append(value)
        ids.append(r["figure_id"])
        hovers.append(hover)
        previous = year
    style = KIND_STYLE[kind]
    shared = {"legendgroup": group, "hovertemplate": "%{hovertext}<extra></extra>"}
    traces = []
    if xs:
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name=name,
                connectgaps=False,
                line={"color": color, "dash": style["dash"], "width": 2},
                marker=_marker(color, style["symbol"]),
                customdata=ids,
                hovertext=hovers,
                meta={"shape": "line", "kind": kind},
                **shared,
            )
        )
    conflicted = [(year, rs) for year, rs in sorted(by_year.items()) if len(rs) > 1]
    if conflicted:
        vx, vy, vids, vhovers, vtexts, vpos = [], [], [], [], [], []
        for year, rs in conflicted:
            ordered = sorted(rs, key=lambda r: (str(r.get("published") or ""), float(r["value"]), str(r["figure_id"])))
            for n, r in enumerate(ordered, start=1):
                vx.append(year)
                vy.append(float(r["value"]))
                vids.append(r["figure_id"])
                vhovers.append(
                    _trend_hover(r, lang)
                    + "<br><i>"
                    + esc(i18n.t("hover.versions_not_joined", lang, n=len(rs)))
                    + "</i>"
                )
                vtexts.append(
                    esc(i18n.t("chart.version_label", lang, n=n, publisher=clip(r.get("publisher") or fmt.MISSING, 9)))
                )
                # Above and below in turn: reports of close values stay apart, and no label runs off a phone's edge.
                vpos.append("top center" if n % 2 else "bottom center")
        hub = i18n.label(members[0], "hub_name", lang)
        traces.append(
            go.Scatter(
                x=vx,
                y=vy,
                mode="markers+text",
                name=legend_wrap(i18n.t("legend.trend.versions", lang, hub=hub, kind=fmt.kind_label(kind, lang))),
                marker={**_marker(color, style["symbol"], size=11), "opacity": 0.9},
                text=vtexts,
                textposition=vpos,
                textfont={"color": color, "size": 10},
                cliponaxis=False,
                customdata=vids,
                hovertext=vhovers,
                meta={"shape": "versions", "kind": kind},
                **shared,
            )
        )
    return traces


def _segment_traces(
    members: list[dict], *, kind: str, color: str, name: str, lang: str, group: str, part: bool, dense: bool = False
) -> list[go.Scatter]:
    """A span over its years (labelled with its value unless `dense`: then thinner and see-through) or a part-year
    figure over its months (labelled with them): one thin segment with end caps and the kind's marker in the
    middle, one trace per figure so two figures of one period are never joined; one legend entry per group.

    The figure id sits on the middle point only, so each figure is counted once; the ends hover the same text.
    """
    ordered = sorted(
        members, key=lambda r: (int(r["period_start"]), int(r["period_end"]), float(r["value"]), str(r["figure_id"]))
    )
    style = KIND_STYLE[kind]
    traces = []
    placed: list[tuple[float, float]] = []
    for i, r in enumerate(ordered):
        left, right = _span_edges(r)
        value = float(r["value"])
        hover = _trend_hover(r, lang)
        label = _months_label(r, lang) if part else (None if dense else fmt.number(value, r["unit"], lang))
        # Labels of overlapping segments alternate above and below, so close values stay legible.
        overlapping = sum(1 for a, b in placed if a < right and left < b)
        placed.append((left, right))
        traces.append(
            go.Scatter(
                x=[left, (left + right) / 2, right],
                y=[value, value, value],
                mode="lines+markers+text",
                name=name,
                legendgroup=group,
                showlegend=i == 0,
                connectgaps=False,
                line={"color": color, "dash": style["dash"], "width": 3 if part else (1.5 if dense else 2.5)},
                opacity=0.6 if dense and not part else None,
                marker={
                    "symbol": ["line-ns", style["symbol"], "line-ns"],
                    "size": [14, 11 if part else 9, 14],
                    "color": color,
                    "line": {"color": color, "width": 2},
                },
                text=[None, esc(label) if label else None, None],
                textposition="top center" if overlapping % 2 == 0 else "bottom center",
                textfont={"color": color, "size": 11 if part else 10},
                cliponaxis=False,
                customdata=[None, r["figure_id"], None],
                hovertext=[hover] * 3,
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"shape": "part" if part else "span", "kind": kind},
            )
        )
    return traces


def _span_edges(row: dict) -> tuple[float, float]:
    """Where a span starts and ends on the year axis, to the month (2019 to August 2024 stops short of 2024's end)."""
    first, last = periods.months(row)
    left = int(row["period_start"]) - SPAN_PAD + 2 * SPAN_PAD * (first - 1) / 12
    right = int(row["period_end"]) - SPAN_PAD + 2 * SPAN_PAD * last / 12
    return round(left, 4), round(right, 4)


def _months_label(row: dict, lang: str) -> str:
    """The months of a part-year figure as fmt.period writes them: "1–9월" / "Jan–Sep"."""
    text = fmt.period(
        row["period_start"],
        row["period_end"],
        row.get("period_start_month"),
        row.get("period_end_month"),
        "actual",
        lang,
    )
    inner = text[text.find("(") + 1 : text.rfind(")")] if "(" in text else text
    return inner


def _range_to_top_tick(fig: go.Figure, values: list[float]) -> None:
    # Plotly's autorange can stop below the highest labelled tick, leaving the top value without a gridline.
    ticks = [v for v in (fig.layout.yaxis.tickvals or ()) if v is not None]
    if ticks and min(values) >= 0 and max(values) > 0:
        fig.update_yaxes(range=[0, max(max(ticks), max(values)) * 1.03], autorange=False)


# A legend taller than this scrolls inside the chart (metrics with dozens of reported parts), so the plot keeps
# its height on a phone, where each entry takes a row of its own.
LEGEND_MAX_PX = 300


def _height_for_legend(n_lines: int) -> int:
    # The legend sits under the plot and takes height from it: grow the chart with the legend (up to its cap).
    return 470 + legend_band_px(n_lines, LEGEND_MAX_PX)
