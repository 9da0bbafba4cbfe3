"""Formatting never raises for any float: inf, nan, 1e308, -0.0, subnormals and values far past any real figure
(the validator refuses those, but a page must not crash on them), in every unit and both languages."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dashboard import fmt, schema
from dashboard.i18n import LANGS

EDGES = [
    math.inf,
    -math.inf,
    math.nan,
    1e308,
    -1e308,
    1.7976931348623157e308,
    -0.0,
    0.0,
    5e-324,
    -5e-324,
    2.2250738585072014e-308,
    1e16,
    1e26,
    1e40,
    9_999.96e8,
    0.005,
    0.015,
    2.675,
]
ANY_FLOAT = st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True, width=64)
SETTINGS = settings(max_examples=300, deadline=None)


def _all_formatters(value: float) -> list[str]:
    out = []
    for lang in LANGS:
        for exact in (False, True):
            out.append(fmt.krw(value, lang, exact=exact))
            for unit in schema.UNITS:
                out.append(fmt.number(value, unit, lang, exact=exact))
        for unit in schema.UNITS:
            values, texts = fmt.axis_ticks(value, unit, lang)
            assert len(values) == len(texts) >= 1
            assert all(math.isfinite(v) for v in values)
            assert values == sorted(set(values))
            out.extend(texts)
    # Text formatters given a float: a date or a cell they show as they got it.
    for lang in LANGS:
        assert isinstance(fmt.published(value, lang), str)
        assert isinstance(fmt.citation("pub", "title", value, None, lang), str)
    assert isinstance(fmt.plain_text(value), str)
    return out


@SETTINGS
@given(ANY_FLOAT)
@example(math.inf)
@example(-math.inf)
@example(math.nan)
@example(1e308)
@example(-0.0)
@example(5e-324)
def test_no_formatter_raises_for_any_float(value):
    texts = _all_formatters(value)
    assert all(isinstance(text, str) for text in texts)
    # A number reads as digits, ∞ or the gap: never Python's "nan" / "inf" or an exponent.
    assert all("nan" not in text.lower() and "inf" not in text.lower() and "e+" not in text for text in texts)


@SETTINGS
@given(ANY_FLOAT)
def test_numpy_floats_too(value):
    """Values arrive from pandas as numpy floats."""
    _all_formatters(np.float64(value))


@pytest.mark.parametrize("value", EDGES)
def test_edges_as_people_read_them(value):
    _all_formatters(value)


@pytest.mark.parametrize(
    "value, lang, expected",
    [
        (math.inf, "ko", "∞"),
        (-math.inf, "en", "-∞"),
        (math.nan, "ko", "–"),
        (-0.0, "ko", "0원"),
        (5e-324, "en", "KRW 0"),
        (1e16, "ko", "10,000조원"),
        (1e40, "en", "KRW 10,000,000,000,000,000,000,000,000,000 tn"),
        (1e26, "ko", "100,000,000,000,000조원"),
    ],
)
def test_edge_values_read_exactly(value, lang, expected):
    assert fmt.krw(value, lang) == expected


@pytest.mark.parametrize(
    "value, unit, lang, expected",
    [
        (1e26, "firms", "en", "100,000,000,000,000,000,000,000,000 firms"),
        (1e40, "persons", "ko", "10,000,000,000,000,000,000,000,000,000,000,000,000,000명"),
        (math.inf, "PF", "ko", "∞"),
        (5e-324, "m2", "en", "0 m²"),
        (-0.0, "count", "ko", "0개"),
    ],
)
def test_edge_values_in_other_units(value, unit, lang, expected):
    assert fmt.number(value, unit, lang) == expected


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (1.7976931348623157e308, "KRW", [0.0, 5e307, 1e308, 1.5e308]),  # the 2e308 tick would be infinite
        (5e-324, "firms", [0.0, 1.0]),
        (math.inf, "KRW", [0.0]),
        (math.nan, "PF", [0.0]),
    ],
)
def test_axis_ticks_at_the_ends_of_the_float_range(value, unit, expected):
    assert fmt.axis_ticks(value, unit, "ko")[0] == expected
