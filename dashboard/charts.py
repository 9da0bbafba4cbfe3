"""Pure figure builders: DataFrame in, go.Figure out; one template (hub colours, Hangul font, fmt hover) for all."""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt, i18n

# A Hangul face first so labels never render as boxes; Streamlit's theme font is the fallback.
FONT_FAMILY = '"Noto Sans KR", "NanumGothic", "Nanum Gothic", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif'

# Paul Tol's colour-blind-safe "muted" set, then distinct Okabe–Ito hues: no two entries are near twins
# (kinds never rely on colour anyway: they differ by marker, fill and dash).
HUB_PALETTE = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#E69F00",
    "#0072B2",
    "#D55E00",
    "#777777",
)

# Kinds differ by marker shape, fill and dash, never by colour alone (colour is the hub's).
KIND_STYLE: dict[str, dict[str, str]] = {
    "actual": {"symbol": "circle", "dash": "solid"},
    "cumulative_actual": {"symbol": "diamond", "dash": "solid"},
    "plan": {"symbol": "circle-open", "dash": "dash"},
    "target": {"symbol": "diamond-open", "dash": "dot"},
}


def hub_colors(hub_ids) -> dict[str, str]:
    """A fixed colour per hub: assigned over the sorted list of all hub ids, so every page agrees."""
    ordered = sorted(dict.fromkeys(hub_ids))
    return {hub: HUB_PALETTE[i % len(HUB_PALETTE)] for i, hub in enumerate(ordered)}


def hover_text(row: dict, lang: str) -> str:
    """Hover for one figure: formatted value, period, kind, scope note, source and further sources (HTML-escaped)."""
    lines = [
        f"<b>{_esc(i18n.label(row, 'hub_name', lang))}</b>",
        f"{_esc(i18n.label(row, 'metric_label', lang))}: <b>{_esc(fmt.number(row.get('value'), row.get('unit'), lang))}</b>",
        f"{i18n.t('hover.period', lang)}: {_esc(fmt.period(row['period_start'], row['period_end'], row.get('period_start_month'), row.get('period_end_month'), row['kind'], lang))}",
        f"{i18n.t('hover.kind', lang)}: {_esc(fmt.kind_label(row['kind'], lang))}",
    ]
    if _present(row.get("series")):
        lines.append(f"{i18n.t('hover.series', lang)}: {_esc(_clip(row['series'], 60))}")
    if _present(row.get("scope_note")):
        lines.append(f"{i18n.t('hover.scope_note', lang)}: {_hover_lines(_clip(row['scope_note'], 90))}")
    source = " · ".join(
        str(x) for x in (row.get("publisher"), fmt.published(row.get("published"), lang)) if _present(x)
    )
    lines.append(f"{i18n.t('hover.source', lang)}: {_esc(source)}")
    if _present(row.get("quote")):
        # The quote's start, so a reader sees the words behind the number without leaving the chart.
        lines.append(f"<i>“{_hover_lines(_clip(row['quote'], QUOTE_START))}”</i>")
    extra = int(row.get("n_sources") or 1) - 1
    if extra > 0:
        lines.append(
            _esc(i18n.t("hover.other_sources", lang, n=extra))
            + (f": {_esc(_clip(row.get('extra_publishers'), 90))}" if _present(row.get("extra_publishers")) else "")
        )
    if int(row.get("n_versions") or 1) > 1:
        lines.append(_esc(i18n.t("msg.versions", lang, n=int(row["n_versions"]))))
    if bool(row.get("user_supplied")):
        lines.append(f"<i>{_esc(i18n.t('upload.badge', lang))}</i>")
    return "<br>".join(lines)


# Pixels kept free above the title for Plotly's mode bar, so on a phone the title never sits under its buttons.
MODEBAR_BAND = 30
TITLE_LINE_PX, SUBTITLE_LINE_PX = 24, 16
TITLE_WIDTH = 38  # display width (Hangul counts two) past which a title is broken onto two lines
SOURCE_WIDTH = 46
QUOTE_START = 60  # characters of the quote shown in a hover
SOURCE_NAMES = 2  # publishers named in a source line before "외 N곳 / and N more"


HOVER_WIDTH = 44  # display columns of a hover line: a wider box runs off a phone's screen


def _hover_lines(text: str, width: int = HOVER_WIDTH) -> str:
    """Escaped text broken into lines of at most `width` display columns (at spaces where it can)."""
    lines, current = [], ""
    for word in str(text).split(" "):
        candidate = f"{current} {word}" if current else word
        if current and _display_width(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
        while _display_width(current) > width:  # one long word (Hangul without spaces): cut it
            cut = next(i for i in range(1, len(current) + 1) if _display_width(current[:i]) > width) - 1
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    return "<br>".join(_esc(line) for line in lines if line)


def apply_template(
    fig: go.Figure,
    *,
    title: str,
    lang: str,
    x_title: str | None = None,
    y_title: str | None = None,
    unit: str | None = None,
    max_value: float | None = None,
    height: int = 460,
    source: str | None = None,
    subtitle: str | None = None,
) -> go.Figure:
    """Shared look: Hangul font, title (below the mode bar's band) with the subtitle and the source line under
    it, inside the figure so a PNG export keeps them; axis titles with the unit, Korean-style ticks instead of
    Plotly's G/B. The figure's top margin is `header_height(fig)`."""
    sub_lines = [wrap(subtitle, SOURCE_WIDTH)] if subtitle else []
    if source:
        sub_lines.append(wrap(source, SOURCE_WIDTH))
    sub_text = "<br>".join(sub_lines)
    title_text = wrap(title, TITLE_WIDTH)
    top = (
        MODEBAR_BAND
        + TITLE_LINE_PX * (title_text.count("<br>") + 1)
        + (SUBTITLE_LINE_PX * (sub_text.count("<br>") + 1) + 6 if sub_text else 0)
        + 14
    )
    # Tick labels push the margins (Streamlit's theme does this too; a PNG export or another host may not).
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    fig.update_layout(
        title={
            "text": title_text,
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": MODEBAR_BAND, "l": 10},
            "font": {"size": 17},
            "subtitle": {"text": sub_text, "font": {"size": 11, "color": "#666666"}},
        },
        font={"family": FONT_FAMILY},
        hoverlabel={"font": {"family": FONT_FAMILY}, "align": "left"},
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        height=height,
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0},
        separators=".,",
        meta={"header_px": top, "source": source or ""},
    )
    if x_title is not None:
        fig.update_xaxes(title_text=_esc(x_title))
    if y_title is not None:
        fig.update_yaxes(title_text=_esc(y_title))
    if unit is not None and max_value is not None and max_value > 0:
        tickvals, ticktext = fmt.axis_ticks(max_value, unit, lang)
        fig.update_yaxes(tickmode="array", tickvals=tickvals, ticktext=ticktext, rangemode="tozero")
    return fig


def header_height(fig: go.Figure) -> int:
    """Pixels above the plot that apply_template reserved for the mode bar, title, subtitle and source line."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    return int(meta.get("header_px", 60))


def source_line(
    rows: pd.DataFrame | None,
    lang: str,
    *,
    publishers=("publisher",),
    dates=("published",),
    extra: str | None = "extra_publishers",
) -> str:
    """ "출처: 광주광역시, 산업일보 외 3곳 · 최근 자료 2024.5.2": the publishers behind the rows (most figures
    first) and the latest publication date among them; the generic line when the rows name none."""
    counts: dict[str, int] = {}
    if rows is not None and not rows.empty:
        for column in publishers:
            if column in rows:
                for name in rows[column]:
                    if _present(name):
                        counts[str(name)] = counts.get(str(name), 0) + 1
        if extra and extra in rows:
            for text in rows[extra]:
                if _present(text):
                    for part in str(text).split("; "):
                        name = re.sub(r"\s*\([^()]*\)\s*$", "", part).strip()
                        if name:
                            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return i18n.t("chart.source.all", lang)
    names = sorted(counts, key=lambda n: (-counts[n], n))
    shown = ", ".join(_clip(n, 14) for n in names[:SOURCE_NAMES])
    if len(names) > SOURCE_NAMES:
        shown = i18n.t("chart.source.more", lang, names=shown, n=len(names) - SOURCE_NAMES)
    line = i18n.t("chart.source", lang, publishers=shown)
    stamps = [str(v).strip() for column in dates if column in rows for v in rows[column] if _present(v)]
    if stamps:
        line += " · " + i18n.t("chart.source.latest", lang, date=fmt.published(max(stamps), lang))
    return line


def wrap(text: str, width: int) -> str:
    """Escaped text, broken once (at " · ", ": " or a space nearest the middle) when wider than `width`
    display columns (Hangul counts two): Plotly never wraps titles, and a phone would cut them."""
    text = str(text)
    if _display_width(text) <= width:
        return _esc(text)
    middle = len(text) / 2
    for separator in (" · ", ": ", " (", " "):
        # A cut that leaves a head of a few characters ("출처:") is no help: the tail would still be too wide.
        cuts = [i for i in range(len(text)) if text.startswith(separator, i) and _display_width(text[:i]) >= width / 3]
        if cuts:
            cut = min(cuts, key=lambda i: abs(i - middle))
            head = text[:cut] + (":" if separator == ": " else "")
            tail = ("(" if separator == " (" else "") + text[cut + len(separator) :]
            return _esc(head.rstrip()) + "<br>" + _esc(tail.lstrip())
    return _esc(text)


def _display_width(text: str) -> int:
    import unicodedata  # local, as in _clip_visual

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in str(text))


def axis_title(unit: str, lang: str) -> str:
    """The y-axis title that says the unit: 금액 (원) / Amount (KRW), 기업 수 (개사) / Firms."""
    key = {"KRW": "axis.amount", "firms": "axis.firms", "persons": "axis.persons"}.get(unit, "axis.value")
    from dashboard import schema  # local: keeps the module's public imports to what figures need

    unit_name = schema.UNITS.get(unit, {}).get(lang, unit)
    word = i18n.t(key, lang)
    # English names some units by the axis word itself: "Firms", not "Firms (firms)".
    return word if word.casefold() == str(unit_name).casefold() else f"{word} ({unit_name})"


def _present(value) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and pd.isna(value))
        and value is not pd.NA
        and str(value).strip() != ""
    )


def _clip(text, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _esc(text) -> str:
    """Plotly renders a subset of HTML in titles and hovers: data text must be shown as text."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- family pages: one metric over the years, and plan against actual -------------------------

# A span covers whole years: it is drawn from just before its first year to just after its last
# (a year is 2 × SPAN_PAD wide, so back-to-back spans stay apart); months take their share of a year.
SPAN_PAD = 0.4
# Part-year figures keep their kind's fill (hollow for plan/target) but get a cross, so they never read as a year.
PART_YEAR_SYMBOL: dict[str, str] = {
    "actual": "circle-x",
    "cumulative_actual": "diamond-x",
    "plan": "circle-x-open",
    "target": "diamond-x-open",
}
_FALLBACK_COLOR = "#777777"
# In category widths: the row's label takes its top third, then the plan bar, then the actual bar.
PAIR_BAR_WIDTH = 0.24
PAIR_PLAN_OFFSET = -0.04
PAIR_ROW_PX = 104


SCALES: tuple[str, ...] = ("linear", "log", "index")


def trend(
    rows: pd.DataFrame, *, lang: str, colors: dict[str, str], title: str, unit: str, scale: str = "linear"
) -> go.Figure:
    """One metric by hub and year: one line per (hub, series, kind) through the years with exactly one value
    (gaps stay gaps), the values of a year with several reports as separate labelled marks the line does not
    pass through, spans as thin segments over their years with their value, part-year figures as short
    segments over their months, kinds styled apart.

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
    kind_order = {k: i for i, k in enumerate(KIND_STYLE)}
    shape_order = {"line": 0, "part": 1, "span": 2}
    for key in sorted(groups, key=lambda k: (k[0], k[1], kind_order.get(k[2], 9), k[3], shape_order[k[4]])):
        hub_id, series, kind, user, shape = key
        members = groups[key]
        color = colors.get(hub_id, _FALLBACK_COLOR)
        name = _trend_legend_name(members[0], kind, shape, user, lang)
        group = "|".join(str(k) for k in key)
        if shape == "line":
            traces = _annual_traces(
                members, kind=kind, color=color, name=name, lang=lang, group=group, index=scale == "index"
            )
        else:
            traces = _segment_traces(
                members, kind=kind, color=color, name=name, lang=lang, group=group, part=shape == "part"
            )
        for trace in traces:
            fig.add_trace(trace)
    _spread_span_marks(fig, log=scale == "log")
    xs = [r["period_start"] for r in records] + [r["period_end"] for r in records]
    # A label every year while they fit a phone (about 8), every other year beyond; small ticks mark each year.
    fig.update_xaxes(
        dtick=1 if max(xs) - min(xs) < 8 else 2,
        tickformat="d",
        range=[min(xs) - 0.7, max(xs) + 0.7],
        zeroline=False,
        ticks="outside",
        minor={"dtick": 1, "ticks": "outside", "ticklen": 3},
        tickangle=0,
    )
    # No drag-to-zoom box (the mode bar still zooms). With point selection on, Streamlit turns this into panning.
    # The legend always shows: with a single line Plotly would hide it, and the reader would not know whose it is.
    fig.update_layout(hovermode="closest", dragmode=False, showlegend=True)
    values = [float(r["value"]) for r in records]
    n_legend = sum(str(t.name).count("<br>") + 1 for t in fig.data if t.showlegend is not False)
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
    # The legend about 55 px under the plot, below the year ticks and title (a share of the plot height put it
    # on the title of a phone's short plot), scrolling when it is taller than its cap.
    plot_px = max(fig.layout.height - header_height(fig) - _legend_px(n_legend) - 10 - LEGEND_GAP_PX, 120)
    fig.update_layout(legend_y=-LEGEND_GAP_PX / plot_px, legend_maxheight=_legend_px(n_legend))
    return fig


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
    values = pd.to_numeric(rows["value"], errors="coerce") if rows is not None and not rows.empty else pd.Series([])
    return {
        "linear": True,
        "log": bool(len(values)) and bool((values > 0).all()),
        "index": rows is not None and not rows.empty and not index_rows(rows).empty,
    }


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
                _esc(f"{_clip(i18n.label(r, 'hub_name', lang), 40)} · {_pair_period(r, lang)}"),
                _esc(
                    i18n.t("chart.pva.sources", lang, plan=_publisher(r, "plan"), actual=_publisher(r, "actual"))
                    + (f" [{i18n.t('upload.badge', lang)}]" if _pair_user(r) else "")
                ),
            ]
        )
        seen[base] = seen.get(base, 0) + 1
        categories.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    hub_colors_ = [colors.get(r["hub_id"], _FALLBACK_COLOR) for r in records]
    hovers = [_pair_hover(r, lang) for r in records]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=categories,
            x=[float(r["plan_value"]) for r in records],
            orientation="h",
            name=i18n.t("legend.pva.plan", lang),
            marker={
                "color": "rgba(255,255,255,0)",
                "line": {"color": hub_colors_, "width": 2.5},
                "pattern": {"shape": "/", "fgcolor": hub_colors_, "size": 8, "solidity": 0.15},
            },
            customdata=[r["plan_figure_id"] for r in records],
            hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
            width=PAIR_BAR_WIDTH,
            offset=PAIR_PLAN_OFFSET,
        )
    )
    fig.add_trace(
        go.Bar(
            y=categories,
            x=[float(r["actual_value"]) for r in records],
            orientation="h",
            name=i18n.t("legend.pva.actual", lang),
            marker={"color": hub_colors_, "line": {"color": hub_colors_, "width": 2.5}},
            text=[percent(r.get("ratio")) for r in records],
            textposition="outside",
            cliponaxis=False,
            textfont={"size": 13},
            customdata=[r["actual_figure_id"] for r in records],
            hovertext=hovers,
            hovertemplate="%{hovertext}<extra></extra>",
            width=PAIR_BAR_WIDTH,
            offset=PAIR_PLAN_OFFSET + PAIR_BAR_WIDTH + 0.02,
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
            font={"size": 11, "color": "#555555"},
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


def figure_ids(fig: go.Figure) -> list[str]:
    """The figure ids a figure draws, one per drawn figure, in trace order (None placeholders skipped)."""
    ids: list[str] = []
    for trace in fig.data:
        for value in trace.customdata if trace.customdata is not None else ():
            if value is not None and not (isinstance(value, float) and pd.isna(value)):
                ids.append(str(value))
    return ids


def percent(ratio) -> str:
    """A ratio as a whole percentage, half away from zero: 0.925 -> "93%"; missing -> "–"."""
    if not _present(ratio):
        return fmt.MISSING
    from decimal import ROUND_HALF_UP, Decimal  # local: only this helper needs exact rounding

    shown = (Decimal(repr(float(ratio))) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{shown:,}%"


def _figure_flags(row: dict) -> dict:
    """A figure row with its span / part-year / user-supplied flags worked out from the period itself."""
    out = dict(row)
    start_month = row.get("period_start_month")
    end_month = row.get("period_end_month")
    out["_span"] = int(row["period_start"]) < int(row["period_end"])
    out["_part"] = (_present(start_month) and int(start_month) > 1) or (_present(end_month) and int(end_month) < 12)
    out["_user"] = _present(row.get("user_supplied")) and bool(row.get("user_supplied"))
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
    if _present(row.get("series")):
        # One line per reported part (series): the legend says which, so two lines of a hub never read as one.
        name = name.replace(f"{hub} · ", f"{hub} · {_clip(row['series'], 30)} · ", 1)
    if user:
        name += f" · {i18n.t('upload.badge', lang)}"
    return legend_wrap(name)


LEGEND_WIDTH = 44  # display columns (Hangul counts two) of a legend line: fits a 390 px phone


def legend_wrap(text: str, width: int = LEGEND_WIDTH) -> str:
    """Escaped legend text broken into lines of at most `width` display columns, at " · " or before " (":
    Plotly cuts a legend item wider than the chart (a phone showed half of each entry)."""
    pieces = re.split(r"(?<= ·) | (?=\()", str(text))
    lines: list[str] = []
    for piece in pieces:
        if lines and _display_width(lines[-1] + " " + piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return "<br>".join(_esc(line) for line in lines)


def _trend_hover(row: dict, lang: str) -> str:
    text = hover_text(row, lang)
    if row["_span"]:
        years = int(row["period_end"]) - int(row["period_start"]) + 1
        text += "<br>" + _esc(i18n.t("hover.span", lang, n=years))
    if row["_part"]:
        text += "<br>" + _esc(i18n.t("hover.part_year", lang))
    return text


def _marker(color: str, symbol: str, size: int = 9) -> dict:
    # Open symbols take their outline from the marker colour; a wider outline keeps them visible.
    return {"symbol": symbol, "color": color, "size": size, "line": {"color": color, "width": 2}}


def _series_key(row: dict) -> str:
    return str(row["series"]).strip() if _present(row.get("series")) else ""


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
            hover += "<br>" + _esc(i18n.t("hover.index", lang, index=f"{value:,.1f}", base=min(single)))
        xs.append(year)
        ys.append(value)
        ids.append(r["figure_id"])
        hovers.append(hover)
        previous = year
    style = KIND_STYLE[kind]
    traces = []
    if xs:
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name=name,
                connectgaps=False,
                legendgroup=group,
                line={"color": color, "dash": style["dash"], "width": 2},
                marker=_marker(color, style["symbol"]),
                customdata=ids,
                hovertext=hovers,
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"shape": "line", "kind": kind},
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
                    + _esc(i18n.t("hover.versions_not_joined", lang, n=len(rs)))
                    + "</i>"
                )
                vtexts.append(
                    _esc(
                        i18n.t("chart.version_label", lang, n=n, publisher=_clip(r.get("publisher") or fmt.MISSING, 9))
                    )
                )
                # Above and below in turn: reports of close values stay apart, and no label runs off a phone's edge.
                vpos.append("top center" if n % 2 else "bottom center")
        hub = i18n.label(members[0], "hub_name", lang)
        traces.append(
            go.Scatter(
                x=vx,
                y=vy,
                mode="markers+text",
                legendgroup=group,
                name=legend_wrap(i18n.t("legend.trend.versions", lang, hub=hub, kind=fmt.kind_label(kind, lang))),
                marker={**_marker(color, style["symbol"], size=11), "opacity": 0.9},
                text=vtexts,
                textposition=vpos,
                textfont={"color": color, "size": 10},
                cliponaxis=False,
                customdata=vids,
                hovertext=vhovers,
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"shape": "versions", "kind": kind},
            )
        )
    return traces


def _segment_traces(
    members: list[dict], *, kind: str, color: str, name: str, lang: str, group: str, part: bool
) -> list[go.Scatter]:
    """A span over its years (labelled with its value) or a part-year figure over its months (labelled with
    them): one thin segment with end caps and the kind's marker in the middle, one trace per figure so two
    figures of one period are never joined; one legend entry per group.

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
        label = _months_label(r, lang) if part else fmt.number(value, r["unit"], lang)
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
                line={"color": color, "dash": style["dash"], "width": 3 if part else 2.5},
                marker={
                    "symbol": ["line-ns", style["symbol"], "line-ns"],
                    "size": [14, 11 if part else 9, 14],
                    "color": color,
                    "line": {"color": color, "width": 2},
                },
                text=[None, _esc(label), None],
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
    first = int(row["period_start_month"]) if _present(row.get("period_start_month")) else 1
    last = int(row["period_end_month"]) if _present(row.get("period_end_month")) else 12
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


def _publisher(row: dict, side: str) -> str:
    name = row.get(f"{side}_publisher")
    return _clip(name, 24) if _present(name) else fmt.MISSING


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
            if _present(x)
        )
        lines = [
            f"{_esc(fmt.kind_label(row[f'{prefix}_kind'], lang))}: <b>{_esc(value)}</b>",
            f"&nbsp;&nbsp;{i18n.t('hover.source', lang)}: {_esc(source)}",
        ]
        if _present(row.get(f"{prefix}_quote")):
            quote = _hover_lines(_clip(row[f"{prefix}_quote"], QUOTE_START), HOVER_WIDTH - 4)
            lines.append("&nbsp;&nbsp;<i>“" + quote.replace("<br>", "<br>&nbsp;&nbsp;") + "”</i>")
        if _truthy(row.get(f"{prefix}_user_supplied")):
            lines.append(f"&nbsp;&nbsp;<i>{_esc(i18n.t('upload.badge', lang))}</i>")
        return lines

    return "<br>".join(
        [
            f"<b>{_esc(i18n.label(row, 'hub_name', lang))}</b>",
            f"{_esc(i18n.label(row, 'metric_label', lang))} · {_esc(_pair_period(row, lang))}",
            *side("plan"),
            *side("actual"),
            _esc(i18n.t("hover.ratio", lang, ratio=percent(row.get("ratio")))),
        ]
    )


def _truthy(value) -> bool:
    return _present(value) and bool(value)


def _pair_user(row: dict) -> bool:
    """Either side of a plan–actual pair is a figure this session uploaded."""
    return _truthy(row.get("plan_user_supplied")) or _truthy(row.get("actual_user_supplied"))


def _range_to_top_tick(fig: go.Figure, values: list[float]) -> None:
    # Plotly's autorange can stop below the highest labelled tick, leaving the top value without a gridline.
    ticks = [v for v in (fig.layout.yaxis.tickvals or ()) if v is not None]
    if ticks and min(values) >= 0 and max(values) > 0:
        fig.update_yaxes(range=[0, max(max(ticks), max(values)) * 1.03], autorange=False)


# A legend taller than this scrolls inside the chart (metrics with dozens of reported parts), so the plot keeps
# its height on a phone, where each entry takes a row of its own.
LEGEND_MAX_PX = 300


def _legend_px(n_lines: int) -> int:
    return min(LEGEND_MAX_PX, 20 + 18 * max(n_lines, 1))


LEGEND_GAP_PX = 58  # under the plot: year ticks and the axis title


def _height_for_legend(n_lines: int) -> int:
    # The legend sits under the plot and takes height from it: grow the figure with the legend (up to its cap).
    return 470 + _legend_px(n_lines)


# --- Compare hubs and hub profile (compare_bars, timeline) ------------------------------------

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
        if bool(r.get("user_supplied")):
            name += f" [{i18n.t('upload.badge', lang)}]"
        # Words on short lines, read level: rotated long names ran off a phone's chart into the legend.
        labels.append(_hover_lines(name, BAR_LABEL_WIDTH))
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
            text=[_esc(fmt.number(v, unit, lang)) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertext=[hover_text(r, lang) for r in records],
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=[r["figure_id"] for r in records],
            name=_esc(i18n.t(f"legend.bar.{kind}", lang)),
            showlegend=False,
        )
    )
    # The legend says how the kind is drawn, in neutral grey: a hub-coloured swatch would read as one hub.
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=_esc(i18n.t(f"legend.bar.{kind}", lang)),
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
    top = max((v for v in values if v is not None and not pd.isna(v)), default=0)
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


def _timeline_extent(row: dict) -> tuple[float, float]:
    """Where a figure sits on the year axis: a span covers its years (and months); a single year is its centre."""
    start_month = _month_of(row, "start_month", "period_start_month", 1)
    end_month = _month_of(row, "end_month", "period_end_month", 12)
    # A year is drawn 2 × SPAN_PAD wide (as on the family pages); months take their share of it.
    x0 = row["period_start"] - SPAN_PAD + 2 * SPAN_PAD * (start_month - 1) / 12
    x1 = row["period_end"] - SPAN_PAD + 2 * SPAN_PAD * end_month / 12
    return x0, x1


def _month_of(row: dict, name: str, raw_name: str, whole_year: int) -> int:
    for candidate in (name, raw_name):
        if _present(row.get(candidate)):
            return int(row[candidate])
    return whole_year


def _is_span_row(row: dict) -> bool:
    return int(row["period_start"]) < int(row["period_end"])


def _is_part_year_row(row: dict) -> bool:
    return (
        _month_of(row, "start_month", "period_start_month", 1) > 1
        or _month_of(row, "end_month", "period_end_month", 12) < 12
    )


def timeline_layout(rows: pd.DataFrame, lang: str) -> tuple[list[dict], list[tuple[str, str, float]], int]:
    """Each figure's lane (y slot) so overlapping figures of one metric never hide each other.

    Returns (records with `_y`, `_x0`, `_x1`), ticks as (family, metric label, y) and the number of slots.
    Metrics are ordered by family (schema.FAMILIES), then by label.
    """
    from dashboard import schema  # local, as in axis_title

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
        slot = first + max(len(lanes), 1)
        ticks.append((family, label, first + (max(len(lanes), 1) - 1) / 2))
    return placed, ticks, slot


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
        key = (r["kind"], _is_span_row(r), _is_part_year_row(r), bool(r.get("user_supplied")))
        groups.setdefault(key, []).append(r)
    from dashboard import schema

    kind_order = {k: i for i, k in enumerate(schema.KINDS)}
    for kind, span, part_year, supplied in sorted(groups, key=lambda k: (kind_order[k[0]], k[1], k[2], k[3])):
        items = groups[(kind, span, part_year, supplied)]
        style = KIND_STYLE[kind]
        name = f"{fmt.kind_label(kind, lang)} ({i18n.t(f'legend.style.{kind}', lang)})"
        if span:
            name += f" · {i18n.t('legend.span', lang)}"
        if part_year:
            name += f" · {i18n.t('legend.part_year', lang)}"
        if supplied:
            name += f" · {i18n.t('upload.badge', lang)}"
        common = {"name": _esc(name), "legendgroup": kind, "hovertemplate": "%{hovertext}<extra></extra>"}
        if span or part_year:
            # A part of a year is drawn over its months like a span over its years: a short bar, not a dot.
            xs, ys, texts, ids, symbols, sizes = [], [], [], [], [], []
            mid_symbol = style["symbol"]
            for r in items:
                hover = hover_text(r, lang)
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
            symbol = PART_YEAR_SYMBOL[kind] if part_year else style["symbol"]
            fig.add_trace(
                go.Scatter(
                    x=[r["period_start"] for r in items],
                    y=[r["_y"] for r in items],
                    hovertext=[hover_text(r, lang) for r in items],
                    customdata=[r["figure_id"] for r in items],
                    mode="markers",
                    marker={"symbol": symbol, "size": 13, "color": color, "line": {"color": color, "width": 2}},
                    **common,
                )
            )
    years = [int(y) for y in pd.concat([rows["period_start"], rows["period_end"]])] if not rows.empty else [2020]
    apply_template(
        fig,
        title=title,
        lang=lang,
        x_title=i18n.t("axis.year", lang),
        y_title=None,
        height=max(320, 190 + 24 * n_slots + 22 * ((len(fig.data) + 1) // 2)),
        source=source_line(rows, lang),
    )
    fig.update_layout(height=fig.layout.height + header_height(fig) - 60)
    fig.update_xaxes(range=[min(years) - 0.7, max(years) + 0.7], dtick=1, tickformat="d", showgrid=True, zeroline=False)
    fig.update_yaxes(
        tickmode="array",
        tickvals=[t[2] for t in ticks],
        ticktext=[_esc(t[1]) for t in ticks],
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
                text=f"<i>{_esc(i18n.t(f'family.{family}', lang) if f'family.{family}' in i18n.STRINGS else family)}</i>",
                font={"color": "#777777", "size": 11},
            )
            previous = family
    return fig


# --- coverage matrix (Overview) ----------------------------------------------------------------------------------

# Marks differ by shape and fill, never by colour alone: filled square, filled diamond, hollow circle, faint dot.
COVERAGE_MARK_STYLE: dict[str, dict] = {
    "actual": {"symbol": "square", "size": 9, "color": "#332288", "line": {"width": 0}},
    "cumulative": {"symbol": "diamond", "size": 11, "color": "#44AA99", "line": {"width": 0}},
    "plan_target": {"symbol": "circle-open", "size": 8, "color": "#CC6677", "line": {"width": 2}},
    "missing": {"symbol": "circle", "size": 3, "color": "#C8C8C8", "line": {"width": 0}},
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
    from plotly.subplots import make_subplots  # local: only this builder needs subplots

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
        gridcolor="#F0F0F0",
        fixedrange=True,
        range=[len(hubs) - 0.5, -0.5],
        tickfont={"size": 11},
    )
    for annotation in fig.layout.annotations:
        annotation.update(x=0, xanchor="left", font={"size": 13})
    return fig


def _extra_header(title: str, source: str) -> int:
    """Pixels the shared header (mode-bar band, wrapped title, source line) needs beyond the grid's old 60."""
    probe = apply_template(go.Figure(), title=title, lang="en", source=source)
    return max(header_height(probe) - 60, 0)


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
        f"<b>{_esc(i18n.label(r, 'hub_name', lang))}</b><br>{int(r['year'])} · {_esc(family_name)}<br>"
        f"{_esc(mark_name)} · {_esc(i18n.t('coverage.hover.n_figures', lang, n=int(r['n_figures'])))}"
        + (
            f"<br><i>{_esc(i18n.t('upload.n_user', lang, n=int(r['n_user_figures'])))}</i>"
            if _present(r.get("n_user_figures")) and int(r["n_user_figures"]) > 0
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
    short = {h: _clip_visual(name, COVERAGE_LABEL_WIDTH) for h, name in full.items()}
    if len(set(short.values())) < len(short):
        return {h: _esc(name) for h, name in full.items()}
    return {h: _esc(name) for h, name in short.items()}


def _clip_visual(text: str, width: int) -> str:
    """Clip to a display width where a Hangul (wide) character counts two (21: 20 Latin or 10 Hangul characters)."""
    import unicodedata  # local: only the coverage labels measure width

    used, out = 0, []
    for ch in text:
        step = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if used + step > width - 1:
            return "".join(out).rstrip() + "…"
        used += step
        out.append(ch)
    return text


def _coverage_height(n_hubs: int, n_panels: int) -> int:
    panels = max(n_panels, 1)
    return (
        COVERAGE_TOP + COVERAGE_BOTTOM + panels * (max(n_hubs, 1) * COVERAGE_ROW_PX + 12) + (panels - 1) * COVERAGE_GAP
    )
