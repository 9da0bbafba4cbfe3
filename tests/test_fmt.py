"""Exact display strings for money, counts, periods, ticks, dates and citations in KO and EN."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from dashboard import fmt, schema

EOK = 10**8  # 1억
JO = 10**12  # 1조

KRW_CASES = [
    # (value in won, Korean, English)
    (0, "0원", "KRW 0"),
    (9_999, "9,999원", "KRW 9,999"),
    (10_000, "1만원", "KRW 10,000"),
    (50_000_000, "5,000만원", "KRW 50 mn"),
    (12_345_678, "1,235만원", "KRW 12.35 mn"),
    (1 * EOK, "1억원", "KRW 100 mn"),
    (27.5 * EOK, "27.5억원", "KRW 2.75 bn"),
    (1_076 * EOK, "1,076억원", "KRW 107.6 bn"),
    (4_119 * EOK, "4,119억원", "KRW 411.9 bn"),
    (35.89 * EOK, "35.9억원", "KRW 3.59 bn"),
    (1 * JO, "1조원", "KRW 1 tn"),
    (1.2 * JO, "1.2조원", "KRW 1.2 tn"),
    (4.1 * JO, "4.1조원", "KRW 4.1 tn"),
    (11.4 * JO, "11.4조원", "KRW 11.4 tn"),
    (-27.5 * EOK, "-27.5억원", "KRW -2.75 bn"),
    (None, "–", "–"),
    (float("nan"), "–", "–"),
    (pd.NA, "–", "–"),
]


@pytest.mark.parametrize(("value", "ko", "en"), KRW_CASES)
def test_krw(value, ko, en):
    """Money uses 만원/억원/조원 in Korean and KRW mn/bn/tn in English."""
    assert fmt.krw(value, "ko") == ko
    assert fmt.krw(value, "en") == en


@pytest.mark.parametrize(
    ("value", "ko", "en"),
    [
        (9_999.5, "1만원", "KRW 10,000"),  # whole-won rounding reaches the 만 tier
        (99_999_999, "1억원", "KRW 100 mn"),  # whole 만 rounding reaches 1억
        (999_999_999, "10억원", "KRW 1 bn"),  # 2-decimal mn rounding reaches 1 bn
        (JO - 1, "1조원", "KRW 1 tn"),  # 9,999.99…억 rounds to 10,000억 = 1조
        (2.25 * EOK, "2.3억원", "KRW 225 mn"),  # half rounds away from zero, not to even
        (1.25 * JO, "1.3조원", "KRW 1.3 tn"),
    ],
)
def test_krw_rounding_carries_into_the_next_tier(value, ko, en):
    """A value that rounds up to a tier's threshold is shown in that tier, halves round up."""
    assert fmt.krw(value, "ko") == ko
    assert fmt.krw(value, "en") == en


@pytest.mark.parametrize(
    ("value", "ko", "en"),
    [
        (1.25 * JO, "1.25조원", "KRW 1.25 tn"),
        (35.89 * EOK, "35.89억원", "KRW 3.589 bn"),
        (9_999.6, "9,999.6원", "KRW 9,999.6"),
    ],
)
def test_krw_exact_keeps_every_digit(value, ko, en):
    """exact=True never rounds."""
    assert fmt.krw(value, "ko", exact=True) == ko
    assert fmt.krw(value, "en", exact=True) == en


@pytest.mark.parametrize(
    ("value", "unit", "ko", "en"),
    [
        (1_254, "firms", "1,254개사", "1,254 firms"),
        (1, "firms", "1개사", "1 firm"),
        (0, "firms", "0개사", "0 firms"),
        (1_254.0, "firms", "1,254개사", "1,254 firms"),  # whole floats lose their ".0"
        (float("nan"), "firms", "–", "–"),
        (436, "persons", "436명", "436 people"),
        (1, "persons", "1명", "1 person"),
        (50_000, "persons", "50,000명", "50,000 people"),
        (None, "persons", "–", "–"),
        (9, "count", "9개", "9"),
        (0, "count", "0개", "0"),
        (88.5, "PF", "88.5 PF", "88.5 PF"),
        (10.74, "PF", "10.74 PF", "10.74 PF"),
        (1_000, "m2", "1,000㎡", "1,000 m²"),
        (3_797_014, "m2", "3,797,014㎡", "3,797,014 m²"),
        (27.5 * EOK, "KRW", "27.5억원", "KRW 2.75 bn"),
    ],
)
def test_number(value, unit, ko, en):
    """Each unit gets its own suffix; zero stays zero and missing stays a gap."""
    assert fmt.number(value, unit, "ko") == ko
    assert fmt.number(value, unit, "en") == en


def test_number_covers_every_schema_unit():
    """Every unit the data contract allows can be formatted."""
    for unit in schema.UNITS:
        assert fmt.number(2, unit, "ko")
        assert fmt.number(2, unit, "en")


def test_unknown_unit_and_language_are_refused():
    """A unit or language outside the contract raises instead of printing something plausible."""
    with pytest.raises(ValueError):
        fmt.number(1, "year", "ko")
    with pytest.raises(ValueError):
        fmt.krw(1, "fr")


def test_infinite_value_is_shown_as_such_not_as_a_gap():
    """Infinity is a bug upstream (the validator refuses it), not a missing figure: shown as ∞, never raised."""
    assert fmt.krw(math.inf, "ko") == "∞"
    assert fmt.krw(-math.inf, "en") == "-∞"
    assert fmt.number(math.inf, "firms", "en") == "∞"
    assert fmt.krw(math.nan, "ko") == fmt.MISSING


PERIOD_CASES = [
    # (start_year, end_year, start_month, end_month, kind, Korean, English)
    (2020, 2020, None, None, "actual", "2020", "2020"),
    (2020, 2020, None, 9, "actual", "2020 (1–9월)", "2020 (Jan–Sep)"),
    (2020, 2020, 3, None, "actual", "2020 (3–12월)", "2020 (Mar–Dec)"),
    (2020, 2020, 9, 9, "actual", "2020 (9월)", "2020 (Sep)"),
    (2020, 2020, 1, 12, "actual", "2020", "2020"),  # whole-year months are not shown
    (2018, 2021, None, None, "cumulative_actual", "2018–2021 누적", "2018–2021 cumulative"),
    (2018, 2020, None, 9, "cumulative_actual", "2018–2020년 9월 누적", "2018–Sep 2020 cumulative"),
    (2021, 2021, None, None, "cumulative_actual", "2021 누적", "2021 cumulative"),
    (2023, 2025, None, None, "actual", "2023–2025", "2023–2025"),
    (2018, 2020, 3, 9, "actual", "2018년 3월–2020년 9월", "Mar 2018–Sep 2020"),
    (2023, 2025, None, None, "plan", "2023–2025 계획", "2023–2025 plan"),
    (2022, 2022, None, None, "plan", "2022 계획", "2022 plan"),
    (2025, 2030, None, None, "target", "2025–2030 목표", "2025–2030 target"),
    (2020, 2020, None, 9, "target", "2020 (1–9월) 목표", "2020 (Jan–Sep) target"),
    (2020.0, 2021.0, float("nan"), float("nan"), "actual", "2020–2021", "2020–2021"),  # as pandas gives them
]


@pytest.mark.parametrize(("start", "end", "start_month", "end_month", "kind", "ko", "en"), PERIOD_CASES)
def test_period(start, end, start_month, end_month, kind, ko, en):
    """Part-year, cumulative, span, plan and target periods each read as intended."""
    assert fmt.period(start, end, start_month, end_month, kind, "ko") == ko
    assert fmt.period(start, end, start_month, end_month, kind, "en") == en


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        ((2021, 2020, None, None, "actual", "ko"), r"ends \(2020\) before it starts \(2021\)"),
        ((2020, 2020, None, 13, "actual", "ko"), "month"),
        ((2020, 2020, 9, 3, "actual", "ko"), "months end"),
        ((2020, 2020, None, None, "forecast", "ko"), "unknown kind"),
        ((None, 2020, None, None, "actual", "ko"), "start and an end year"),
    ],
)
def test_period_rejects_impossible_periods(args, problem):
    """An impossible period raises with a message saying what is wrong."""
    with pytest.raises(ValueError, match=problem):
        fmt.period(*args)


PLOTLY_SI = re.compile(r"\d\s*[kMGTB]\b")


@pytest.mark.parametrize(
    ("max_value", "unit", "lang", "values", "texts"),
    [
        (
            1_436 * EOK,
            "KRW",
            "ko",
            [0, 500 * EOK, 1_000 * EOK, 1_500 * EOK],
            ["0", "500억원", "1,000억원", "1,500억원"],
        ),
        (1_436 * EOK, "KRW", "en", [0, 50e9, 100e9, 150e9], ["0", "KRW 50 bn", "KRW 100 bn", "KRW 150 bn"]),
        (1.2 * JO, "KRW", "ko", [0, 0.5 * JO, 1 * JO, 1.5 * JO], ["0", "5,000억원", "1조원", "1.5조원"]),
        (
            1 * JO,
            "KRW",
            "ko",
            [0, 0.25 * JO, 0.5 * JO, 0.75 * JO, 1 * JO],
            ["0", "2,500억원", "5,000억원", "7,500억원", "1조원"],
        ),
        (1.2 * EOK, "KRW", "ko", [0, 0.5 * EOK, 1 * EOK, 1.5 * EOK], ["0", "5,000만원", "1억원", "1.5억원"]),
        (3, "persons", "ko", [0, 1, 2, 3], ["0", "1명", "2명", "3명"]),
        (1_254, "firms", "en", [0, 500, 1_000, 1_500], ["0", "500 firms", "1,000 firms", "1,500 firms"]),
        (88.5, "PF", "en", [0, 25, 50, 75, 100], ["0", "25 PF", "50 PF", "75 PF", "100 PF"]),
        (None, "KRW", "ko", [0], ["0"]),
        (0, "KRW", "en", [0], ["0"]),
    ],
)
def test_axis_ticks(max_value, unit, lang, values, texts):
    """Ticks start at 0, reach the maximum at a nice step and are labelled by the shared formatter."""
    got_values, got_texts = fmt.axis_ticks(max_value, unit, lang)
    assert got_values == pytest.approx(values)
    assert got_texts == texts


@pytest.mark.parametrize("max_value", [3.7e6, 8.8e8, 2.75e9, 4.119e11, 9.9e11, 4.3e12, 1.14e13])
def test_axis_ticks_never_use_si_letters(max_value):
    """Money ticks read 만원/억원/조원 or KRW mn/bn/tn, never Plotly's k/M/G/B, and cover the maximum."""
    values, ko = fmt.axis_ticks(max_value, "KRW", "ko")
    _, en = fmt.axis_ticks(max_value, "KRW", "en")
    assert values[0] == 0 and values[-1] >= max_value
    assert 3 <= len(values) <= 7
    assert all(not PLOTLY_SI.search(text) for text in ko + en)
    assert all(text.endswith(("원", "만원", "억원", "조원")) for text in ko[1:])
    assert all(text.startswith("KRW ") for text in en[1:])


def test_axis_ticks_for_counts_are_whole():
    """People and firms are never ticked at 0.5."""
    values, _ = fmt.axis_ticks(2, "persons", "en")
    assert all(v == int(v) for v in values)


@pytest.mark.parametrize(
    ("format_text", "raw", "ko", "en"),
    [
        # Each kind has its fixed label.
        (fmt.kind_label, "actual", "실적", "actual"),
        (fmt.kind_label, "cumulative_actual", "누적 실적", "cumulative"),
        (fmt.kind_label, "plan", "계획", "plan"),
        (fmt.kind_label, "target", "목표", "target"),
        # Source dates keep only the precision the source gives.
        (fmt.published, "2021-08-19", "2021.8.19", "19 Aug 2021"),
        (fmt.published, "2021-03", "2021.3", "Mar 2021"),
        (fmt.published, "2023", "2023", "2023"),
        (fmt.published, "2024-11-27", "2024.11.27", "27 Nov 2024"),
        (fmt.published, "2021-02-30", "2021-02-30", "2021-02-30"),  # not a date: shown as written
        (fmt.published, "", "–", "–"),
        (fmt.published, None, "–", "–"),
    ],
)
def test_kind_labels_and_source_dates(format_text, raw, ko, en):
    assert (format_text(raw, "ko"), format_text(raw, "en")) == (ko, en)


def test_citation():
    """A citation lists publisher, title, date and URL, leaving out what is missing."""
    assert (
        fmt.citation("한국경제", "센텀 디지털 혁신거점 확대", "2024-11-27", "https://example.org/a", "ko")
        == "자료: 한국경제, 「센텀 디지털 혁신거점 확대」, 2024.11.27, https://example.org/a"
    )
    assert (
        fmt.citation("Hankyung", "Centum hub grows", "2024-11-27", "https://example.org/a", "en")
        == 'Source: Hankyung, "Centum hub grows", 27 Nov 2024, https://example.org/a'
    )
    assert (
        fmt.citation("Hankyung", "Centum hub grows", "2021-03", None, "en")
        == 'Source: Hankyung, "Centum hub grows", Mar 2021'
    )
    assert fmt.citation("연합뉴스", "제목", None, float("nan"), "ko") == "자료: 연합뉴스, 「제목」"


# --- "is it set" and the hub label: one rule each -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "missing", "text", "on"),
    [
        (None, True, False, False),
        (float("nan"), True, False, False),
        (pd.NA, True, False, False),
        (pd.NaT, True, False, False),
        ("", False, False, False),
        ("   ", False, False, True),
        ("x", False, True, True),
        (0, False, True, False),
        (1, False, True, True),
        (False, False, True, False),
        (True, False, True, True),
    ],
)
def test_is_missing_has_text_and_is_on(value, missing, text, on):
    assert fmt.is_missing(value) is missing
    assert fmt.has_text(value) is text
    assert fmt.is_on(value) is on


@pytest.mark.parametrize(
    ("hub", "lang", "expected"),
    [
        ({"name_ko": "광주 AI 집적단지", "name_en": "Gwangju AI Cluster", "hub_type": "hub"}, "ko", "광주 AI 집적단지"),
        (
            {"name_ko": "강소특구 14곳", "name_en": "14 zones", "hub_type": "aggregate"},
            "ko",
            "강소특구 14곳 · 묶음(합계)",
        ),
        ({"name_ko": "강소특구 14곳", "name_en": "14 zones", "hub_type": "aggregate"}, "en", "14 zones · aggregate"),
        ({"name_ko": "양재 허브", "name_en": "", "hub_type": "programme"}, "en", "양재 허브"),
    ],
)
def test_hub_label_marks_aggregates(hub, lang, expected):
    assert fmt.hub_label(hub, lang) == expected
    assert fmt.hub_label(pd.DataFrame([hub]).iloc[0], lang) == expected
    assert fmt.hub_label(next(pd.DataFrame([hub]).itertuples()), lang) == expected
