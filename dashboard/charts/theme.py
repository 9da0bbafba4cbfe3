"""The look every chart shares: hub colours, kind styles, the template with title and source line, hovers."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from dashboard import fmt, i18n, periods, schema
from dashboard.charts.text import clip, esc, hover_lines, wrap
from dashboard.series_names import series_name

# A Hangul face first so labels never render as boxes; Streamlit's theme font is the fallback.
FONT_FAMILY = '"Noto Sans KR", "NanumGothic", "Nanum Gothic", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif'

# One colour per hub, readable on Streamlit's light theme (white) and its dark theme (#0e1117) alike: every entry's
# relative luminance lies between 0.15 and 0.24, so its WCAG contrast is at least 3:1 against both backgrounds
# (Paul Tol's indigo #332288 and wine #882255 all but vanished on the dark one, his sand and sky on the white one).
# Hues after Tol's muted set and Okabe–Ito, spread so no two are near twins (CIE76 ΔE ≥ 19); kinds never rely on
# colour anyway: they differ by marker, fill and dash.
HUB_PALETTE = (
    "#6F62D6",  # indigo
    "#1A8AA6",  # cyan
    "#1F9480",  # teal
    "#3E8E35",  # green
    "#878A23",  # olive
    "#8E6C3A",  # brown
    "#D0607A",  # rose
    "#B2447E",  # wine
    "#9E52B8",  # purple
    "#C96F00",  # orange
    "#4F7FB8",  # blue
    "#D9503F",  # vermilion
    "#767676",  # grey
)
# Backgrounds the colours must stand out from: Plotly's white and Streamlit's dark theme.
LIGHT_BACKGROUND, DARK_BACKGROUND = "#FFFFFF", "#0E1117"

# Kinds differ by marker shape, fill and dash, never by colour alone (colour is the hub's).
KIND_STYLE: dict[str, dict[str, str]] = {
    "actual": {"symbol": "circle", "dash": "solid"},
    "cumulative_actual": {"symbol": "diamond", "dash": "solid"},
    "plan": {"symbol": "circle-open", "dash": "dash"},
    "target": {"symbol": "diamond-open", "dash": "dot"},
}


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
FALLBACK_COLOR = "#767676"
NEUTRAL = "#767676"  # keys of kinds (legend swatches): mid grey, 4.5:1 on white and 4.2:1 on the dark theme


def hub_colors(hub_ids) -> dict[str, str]:
    """A fixed colour per hub: assigned over the sorted list of all hub ids, so every page agrees."""
    ordered = sorted(dict.fromkeys(hub_ids))
    return {hub: HUB_PALETTE[i % len(HUB_PALETTE)] for i, hub in enumerate(ordered)}


def hover_text(row: dict, lang: str) -> str:
    """Hover for one figure: formatted value, period, kind, scope note, source and further sources (HTML-escaped)."""
    lines = [
        f"<b>{esc(i18n.label(row, 'hub_name', lang))}</b>",
        f"{esc(i18n.label(row, 'metric_label', lang))}: <b>{esc(fmt.number(row.get('value'), row.get('unit'), lang))}</b>",
        f"{i18n.t('hover.period', lang)}: {esc(periods.label(row, lang, name_actual=False))}",
        f"{i18n.t('hover.kind', lang)}: {esc(fmt.kind_label(row['kind'], lang))}",
    ]
    if fmt.has_text(row.get("series")):
        lines.append(f"{i18n.t('hover.series', lang)}: {esc(clip(series_name(row['series'], lang), 60))}")
    if fmt.has_text(row.get("scope_note")):
        lines.append(f"{i18n.t('hover.scope_note', lang)}: {hover_lines(clip(row['scope_note'], 90))}")
    source = " · ".join(
        str(x) for x in (row.get("publisher"), fmt.published(row.get("published"), lang)) if fmt.has_text(x)
    )
    lines.append(f"{i18n.t('hover.source', lang)}: {esc(source)}")
    if fmt.has_text(row.get("quote")):
        # The quote's start, so a reader sees the words behind the number without leaving the chart.
        lines.append(f"<i>“{hover_lines(clip(row['quote'], QUOTE_START))}”</i>")
    extra = int(row.get("n_sources") or 1) - 1
    if extra > 0:
        lines.append(
            esc(i18n.t("hover.other_sources", lang, n=extra))
            + (f": {esc(clip(row.get('extra_publishers'), 90))}" if fmt.has_text(row.get("extra_publishers")) else "")
        )
    if int(row.get("n_versions") or 1) > 1:
        lines.append(esc(i18n.t("msg.versions", lang, n=int(row["n_versions"]))))
    if fmt.is_on(row.get("user_supplied")):
        lines.append(f"<i>{esc(i18n.t('upload.badge', lang))}</i>")
    return "<br>".join(lines)


# Pixels kept free above the title for Plotly's mode bar, so on a phone the title never sits under its buttons.
MODEBAR_BAND = 30
TITLE_LINE_PX, SUBTITLE_LINE_PX = 24, 16
TITLE_WIDTH = 38  # display width (Hangul counts two) past which a title is broken onto two lines
SOURCE_WIDTH = 46
QUOTE_START = 60  # characters of the quote shown in a hover
SOURCE_NAMES = 2  # publishers named in a source line before "외 N곳 / and N more"


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
    it, inside the chart so a PNG export keeps them; axis titles with the unit, Korean-style ticks instead of
    Plotly's G/B. The chart's top margin is `header_height(fig)`."""
    sub_lines = [wrap(subtitle, SOURCE_WIDTH)] if subtitle else []
    if source:
        sub_lines.append(wrap(source, SOURCE_WIDTH))
    title_spec, top = title_header(title, sub_lines)
    # Tick labels push the margins (Streamlit's theme does this too; a PNG export or another host may not).
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    fig.update_layout(
        title=title_spec,
        font={"family": FONT_FAMILY},
        hoverlabel={"font": {"family": FONT_FAMILY}, "align": "left"},
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        height=height,
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0},
        separators=".,",
        meta={"header_px": top, "source": source or ""},
    )
    if x_title is not None:
        fig.update_xaxes(title_text=esc(x_title))
    if y_title is not None:
        fig.update_yaxes(title_text=esc(y_title))
    if unit is not None and max_value is not None and max_value > 0:
        tickvals, ticktext = fmt.axis_ticks(max_value, unit, lang)
        fig.update_yaxes(tickmode="array", tickvals=tickvals, ticktext=ticktext, rangemode="tozero")
    return fig


def year_ticks(first: float, last: float) -> dict:
    """x-axis settings for years `first`..`last`: a label every year while they fit a phone (about 8). Beyond,
    Plotly picks the step from the axis length (every 2 years on a wide screen, every 5 on a phone: fixed
    labels every 2 years, or every year, ran together at 390 px); the step it picks is a whole year at least, as
    the range is 9 years or more. Labels stay level; small ticks mark each year."""
    return {
        **({"dtick": 1} if last - first < 8 else {"tickmode": "auto"}),
        "tickformat": "d",
        "tickangle": 0,
        "ticks": "outside",
        "minor": {"dtick": 1, "ticks": "outside", "ticklen": 3},
    }


LEGEND_LINE_PX = 18  # a legend line (entries wrapped by text.legend_wrap)
LEGEND_GAP_PX = 58  # between the plot and the legend band: the year ticks and the axis title


def legend_lines(fig: go.Figure) -> int:
    """Lines the shown legend takes when each entry has a row of its own (as on a phone)."""
    return sum(str(t.name).count("<br>") + 1 for t in fig.data if t.showlegend is not False and not t.legend)


def legend_band_px(n_lines: int, max_px: int | None = None) -> int:
    """Height of a legend band holding `n_lines` lines, at most `max_px` (beyond it the legend scrolls)."""
    px = 20 + LEGEND_LINE_PX * max(n_lines, 1)
    return min(px, max_px) if max_px is not None else px


def legend_at_foot(fig: go.Figure, band_px: int, height: int | None = None) -> None:
    """The legend in a band of its own at the chart's foot, from its left edge, under the year ticks and axis
    title. Placed as a share of the plot height below the plot, it ran past the chart's bottom on a phone (or
    left a gap of hundreds of pixels under a tall plot); from the plot's left it lost the y axis's width.
    Taller than its band, it scrolls. Given the chart's `height`, the legend hangs from the band's top (what
    a wide screen leaves free of a band sized for a phone is then at the very bottom, not under the axis)."""
    y, anchor = (band_px / height, "top") if height else (0, "bottom")
    fig.update_layout(
        legend={"xref": "container", "x": 0, "yref": "container", "y": y, "yanchor": anchor, "maxheight": band_px},
        margin_b=band_px + LEGEND_GAP_PX,
    )


def title_header(title: str, sub_lines: list[str]) -> tuple[dict, int]:
    """The layout title (wrapped, below the mode bar's band, with `sub_lines` as its subtitle: already escaped
    and wrapped) and the pixels of top margin it takes."""
    sub_text = "<br>".join(sub_lines)
    title_text = wrap(title, TITLE_WIDTH)
    top = (
        MODEBAR_BAND
        + TITLE_LINE_PX * (title_text.count("<br>") + 1)
        + (SUBTITLE_LINE_PX * (sub_text.count("<br>") + 1) + 6 if sub_text else 0)
        + 14
    )
    spec = {
        "text": title_text,
        "x": 0,
        "xanchor": "left",
        "xref": "container",
        "yref": "container",
        "y": 1,
        "yanchor": "top",
        "pad": {"t": MODEBAR_BAND, "l": 10},
        "font": {"size": 17},
        # The subtitle keeps the theme's text colour: a fixed grey was faint on the dark theme.
        "subtitle": {"text": sub_text, "font": {"size": 11}},
    }
    return spec, top


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
                    if fmt.has_text(name):
                        counts[str(name)] = counts.get(str(name), 0) + 1
        if extra and extra in rows:
            for text in rows[extra]:
                if fmt.has_text(text):
                    for part in str(text).split("; "):
                        name = re.sub(r"\s*\([^()]*\)\s*$", "", part).strip()
                        if name:
                            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return i18n.t("chart.source.all", lang)
    names = sorted(counts, key=lambda n: (-counts[n], n))
    shown = ", ".join(clip(n, 14) for n in names[:SOURCE_NAMES])
    if len(names) > SOURCE_NAMES:
        shown = i18n.t("chart.source.more", lang, names=shown, n=len(names) - SOURCE_NAMES)
    line = i18n.t("chart.source", lang, publishers=shown)
    stamps = [str(v).strip() for column in dates if column in rows for v in rows[column] if fmt.has_text(v)]
    if stamps:
        line += " · " + i18n.t("chart.source.latest", lang, date=fmt.published(max(stamps), lang))
    return line


def axis_title(unit: str, lang: str) -> str:
    """The y-axis title that says the unit: 금액 (원) / Amount (KRW), 기업 수 (개사) / Firms."""
    key = {"KRW": "axis.amount", "firms": "axis.firms", "persons": "axis.persons"}.get(unit, "axis.value")

    unit_name = schema.UNITS.get(unit, {}).get(lang, unit)
    word = i18n.t(key, lang)
    # English names some units by the axis word itself: "Firms", not "Firms (firms)".
    return word if word.casefold() == str(unit_name).casefold() else f"{word} ({unit_name})"


def figure_ids(fig: go.Figure) -> list[str]:
    """The ids of the figures a chart draws, one per drawn figure, in trace order (None placeholders skipped)."""
    ids: list[str] = []
    for trace in fig.data:
        for value in trace.customdata if trace.customdata is not None else ():
            if not fmt.is_missing(value):
                ids.append(str(value))
    return ids
