"""Charts on a phone and on the dark theme: colours' contrast, horizontal compare bars, end-of-line labels."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import charts, i18n
from dashboard.charts import coverage, theme

WHITE, STREAMLIT_DARK = "#FFFFFF", "#0E1117"  # Plotly's light paper; Streamlit's dark theme background


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """WCAG 2.x relative luminance of a #RRGGBB colour."""
    h = color.lstrip("#")
    r, g, b = (_channel(int(h[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_on_known_pairs():
    """The formula itself, on pairs whose ratios are published: black on white 21:1, #767676 on white 4.54:1."""
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast("#332288", STREAMLIT_DARK) == pytest.approx(1.55, abs=0.01)  # the old indigo: too faint


@pytest.mark.parametrize("background", [STREAMLIT_DARK, WHITE])
def test_every_hub_colour_stands_out_from_both_themes(background):
    """WCAG 1.4.11 (graphics): each hub colour has at least 3:1 against the dark and the light background."""
    weak = {c: round(contrast(c, background), 2) for c in theme.HUB_PALETTE if contrast(c, background) < 3}
    assert not weak, weak
    assert theme.DARK_BACKGROUND.upper() == STREAMLIT_DARK and theme.LIGHT_BACKGROUND.upper() == WHITE


def test_hub_colours_stay_distinct():
    """Thirteen hubs, thirteen different colours."""
    assert len(theme.HUB_PALETTE) == len(set(c.upper() for c in theme.HUB_PALETTE)) == 13


@pytest.mark.parametrize("background", [STREAMLIT_DARK, WHITE])
def test_fixed_greys_and_coverage_marks_stand_out_too(background):
    """The fallback and kind-key grey and the coverage grid's filled marks: at least 3:1 on both themes."""
    colors = [theme.FALLBACK_COLOR, theme.NEUTRAL] + [
        coverage.COVERAGE_MARK_STYLE[m]["color"] for m in ("actual", "cumulative", "plan_target")
    ]
    assert all(contrast(c, background) >= 3 for c in colors), [(c, contrast(c, background)) for c in colors]


def _fixed_text_colors(fig) -> list[str]:
    """The font colours a figure fixes for its title, subtitle (source line) and annotations (row labels)."""
    layout = fig.layout.to_plotly_json()
    title = layout.get("title", {})
    fonts = [title.get("font", {}), title.get("subtitle", {}).get("font", {})]
    fonts += [a.get("font", {}) for a in layout.get("annotations", [])]
    return [f["color"] for f in fonts if f.get("color")]


def test_chart_text_keeps_the_themes_colour_or_contrasts_on_both():
    """Titles, subtitles (source line) and row labels either take the theme's text colour or pass 3:1 on both."""
    from tests.test_charts_trend import COLORS, figure, frame

    rows = frame(figure("A1", 1e10, 2020), figure("A2", 1.1e10, 2021))
    pairs = pd.DataFrame(
        [
            {
                **{k: v for k, v in figure("P", 1e10, 2021).items()},
                "plan_value": 1e10,
                "actual_value": 9e9,
                "plan_kind": "plan",
                "actual_kind": "actual",
                "plan_figure_id": "P",
                "actual_figure_id": "A",
                "plan_publisher": "가",
                "actual_publisher": "나",
                "plan_published": "2021-01-01",
                "actual_published": "2022-01-01",
                "ratio": 0.9,
            }
        ]
    )
    figs = [
        charts.trend(rows, lang="ko", colors=COLORS, title="t", unit="KRW"),
        charts.plan_vs_actual(pairs, lang="ko", colors=COLORS, title="t", unit="KRW"),
        charts.compare_bars(rows.iloc[[0]], lang="ko", colors=COLORS, title="t"),
    ]
    for fig in figs:
        assert fig.layout.title.subtitle.font.color is None
        for color in _fixed_text_colors(fig):
            assert contrast(color, STREAMLIT_DARK) >= 3 and contrast(color, WHITE) >= 3, color


def test_compare_bars_are_horizontal_with_level_hub_names():
    """Hub names on the y axis, read level (no tick angle), first hub on top; values along x."""
    from tests.test_charts_trend import COLORS, figure, frame

    rows = frame(figure("A1", 1e10, 2020, hub="h_a"), figure("B1", 3e10, 2020, hub="h_b"))
    fig = charts.compare_bars(rows, lang="en", colors=COLORS, title="t")
    bar = fig.data[0]
    assert bar.orientation == "h"
    assert list(bar.x) == [1e10, 3e10] and list(bar.y) == ["Hub A", "Hub B"]
    assert fig.layout.yaxis.tickangle == 0 and fig.layout.xaxis.tickangle == 0
    assert fig.layout.yaxis.autorange == "reversed"
    # The longest value label ("KRW 30 bn", 9 columns at 12 px, 0.62 em a column) fits in the right margin.
    assert list(bar.text) == ["KRW 10 bn", "KRW 30 bn"]
    assert fig.layout.margin.r == 12 + int(9 * 12 * 0.62) + 4


def test_long_hub_names_wrap_beside_their_bar():
    """A long hub name is broken onto lines of at most 20 columns instead of running under the bars."""
    from tests.test_charts_trend import COLORS, figure, frame

    row = figure("A1", 1e10, 2020)
    row["hub_name_en"] = "Gwangju AI-centred Industrial Convergence Cluster"
    fig = charts.compare_bars(frame(row), lang="en", colors=COLORS, title="t")
    assert list(fig.data[0].y) == ["Gwangju AI-centred<br>Industrial<br>Convergence Cluster"]


def test_no_caption_asks_for_a_mouse():
    """No string a reader sees tells them to hover or use a mouse without also offering a tap."""
    offenders = []
    for key, texts in i18n.STRINGS.items():
        for lang in ("ko", "en"):
            text = str(texts.get(lang, "")) if isinstance(texts, dict) else str(texts)
            low = text.lower()
            if ("hover" in low or "mouse" in low or "마우스" in text or "커서" in text) and not (
                "tap" in low or "누르" in text or "터치" in text
            ):
                offenders.append((key, lang, text))
    assert not offenders, offenders


def test_few_lines_are_named_at_their_ends_and_the_legend_keys_only_the_kinds():
    """Two hubs (a line each, one plan): each is named at its last point in its colour, left of it in the right
    half; the data legend is hidden and the shown legend keys the two kinds in grey."""
    from tests.test_charts_trend import COLORS, figure, frame

    rows = frame(
        figure("A1", 1e10, 2019),
        figure("A2", 1.2e10, 2021),
        figure("B1", 3e10, 2020, hub="h_b", kind="plan"),
    )
    fig = charts.trend(rows, lang="en", colors=COLORS, title="t", unit="KRW")
    labels = [t for t in fig.data if t.meta["shape"] == "end_label"]
    data_traces = [t for t in fig.data if t.meta["shape"] in ("line", "span", "part", "versions")]
    assert sorted((t.text[0], t.x[0]) for t in labels) == [("Hub A", 2021.0), ("Hub B", 2020.0)]
    assert {t.textfont.color for t in labels} == {COLORS["h_a"], COLORS["h_b"]}
    by_text = {t.text[0]: t for t in labels}
    # 2021 is right of the chart's middle: the label reads leftwards from it; 2020 is not: rightwards.
    assert by_text["Hub A"].textposition == "middle left" and by_text["Hub B"].textposition == "middle right"
    # Hub A's label sits just above its last point (1.2e10); Hub B's, at the top, just below its point (3e10).
    assert 1.2e10 < by_text["Hub A"].y[0] < 1.2e10 + 0.1 * 3.1e10
    assert 3e10 - 0.1 * 3.1e10 < by_text["Hub B"].y[0] < 3e10
    assert all(t.legend == "legend2" for t in data_traces) and fig.layout.legend2.visible is False
    keys = [t for t in fig.data if t.meta["shape"] == "key"]
    assert [t.name for t in keys] == ["actual (filled circle, solid)", "plan (hollow circle, dashed)"]
    assert {t.line.color for t in keys} == {theme.NEUTRAL}
    # Every data trace's group has exactly one end label.
    assert sorted(t.legendgroup for t in labels) == sorted({t.legendgroup for t in data_traces})


def test_labels_of_lines_ending_together_are_stacked_not_overlaid():
    """Two hubs ending in the same year at nearly the same value: their labels are a line's height apart."""
    from tests.test_charts_trend import COLORS, figure, frame

    rows = frame(figure("A1", 1.0e10, 2020), figure("A2", 1.0e10, 2021), figure("B1", 1.01e10, 2021, hub="h_b"))
    fig = charts.trend(rows, lang="en", colors=COLORS, title="t", unit="KRW")
    a, b = sorted((t for t in fig.data if t.meta["shape"] == "end_label"), key=lambda t: t.text[0])
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    top = fig.layout.yaxis.range[1]
    assert abs(a.y[0] - b.y[0]) / top * plot_px >= 15  # one 11 px line of text and its spacing


def test_many_lines_keep_the_legend_and_no_end_labels():
    """Seven lines are more than END_LABEL_MAX: the legend names them and no end label is drawn."""
    from dashboard.charts.trend import END_LABEL_MAX
    from tests.test_charts_trend import COLORS, figure, frame

    rows = []
    for n in range(END_LABEL_MAX + 1):
        row = figure(f"A{n}", 1e10 + n, 2020)
        row["series"] = f"part {n}"
        rows.append(row)
    fig = charts.trend(frame(*rows), lang="en", colors=COLORS, title="t", unit="KRW")
    assert END_LABEL_MAX == 6
    assert not [t for t in fig.data if (t.meta or {}).get("shape") in ("end_label", "key")]
    assert all(not t.legend for t in fig.data) and sum(t.showlegend is not False for t in fig.data) == 7


def test_long_legend_entries_break_between_words_to_fit_a_phone():
    """A legend entry's long parenthesis is broken between its words: no line wider than 38 columns."""
    from dashboard.charts.text import display_width, legend_wrap

    text = "Busan Centum digital innovation hub · plan · multi-year (line across its years, value labelled, dashed)"
    lines = legend_wrap(text).split("<br>")
    assert lines == [
        "Busan Centum digital innovation hub ·",
        "plan · multi-year",
        "(line across its years, value",
        "labelled, dashed)",
    ]
    assert max(display_width(line) for line in lines) <= 38
