"""Numbers, money (억원/조원, KRW bn), periods, dates and citations as display text, in KO and EN.

Rounding, one rule everywhere (decimal arithmetic, half away from zero, trailing zeros dropped):

    Korean                                  English
    below 1만       whole won   9,999원       below 1 mn    whole won      KRW 999,999
    1만 to <1억     whole 만    5,000만원      1 mn to <1 bn  2 decimals    KRW 50 mn, KRW 12.35 mn
    1억 to <1조     1 decimal   27.5억원       1 bn to <1 tn  2 decimals    KRW 2.75 bn, KRW 107.6 bn
    1조 and up      1 decimal   4.1조원        1 tn and up    1 decimal     KRW 4.1 tn

From 10억 (KRW 1 bn) up both languages round to the same step (0.1억 = KRW 0.01 bn; 0.1조 = KRW 0.1 tn),
so a figure does not look more precise in one language; only between 1억 and 10억 does English keep
more (KRW 123.46 mn vs 1.2억원), because "KRW 0.12 bn" reads worse than millions. A value that rounds up to the next tier's
threshold is shown in that tier (9,999.96억 -> 1조원). `exact=True` keeps every digit instead
(axis ticks use it: 1.25조원 must not read 1.3조원). Missing values are a gap ("–"), never 0.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, localcontext
from typing import Any

import pandas as pd

from dashboard import i18n, schema
from dashboard.i18n import LANGS, t

MISSING = "–"  # en dash: what an absent figure looks like everywhere
INFINITE = "∞"  # an infinite value is a bug upstream (the validator refuses it), shown as such rather than raising
DASH = "–"  # between the ends of a range

# (threshold in won, divisor, decimals, template) in ascending order.
_KRW_TIERS: dict[str, tuple[tuple[int, int, int, str], ...]] = {
    "ko": (
        (0, 1, 0, "{}원"),
        (10**4, 10**4, 0, "{}만원"),
        (10**8, 10**8, 1, "{}억원"),
        (10**12, 10**12, 1, "{}조원"),
    ),
    "en": (
        (0, 1, 0, "KRW {}"),
        (10**6, 10**6, 2, "KRW {} mn"),
        (10**9, 10**9, 2, "KRW {} bn"),
        (10**12, 10**12, 1, "KRW {} tn"),
    ),
}

# Non-money units: (template, English singular template for exactly 1, or None).
_UNIT_TEMPLATES: dict[str, dict[str, tuple[str, str | None]]] = {
    "count": {"ko": ("{}개", None), "en": ("{}", None)},
    "firms": {"ko": ("{}개사", None), "en": ("{} firms", "{} firm")},
    "persons": {"ko": ("{}명", None), "en": ("{} people", "{} person")},
    "PF": {"ko": ("{} PF", None), "en": ("{} PF", None)},
    "m2": {"ko": ("{}㎡", None), "en": ("{} m²", None)},
}
# Firms, people and counts come in whole numbers, so their axis steps must too.
_WHOLE_UNITS = frozenset({"count", "firms", "persons"})
_PLAIN_DECIMALS = 2  # non-money values that are not whole: 8.85 PF, 10.74 PF

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def krw(value: float | None, lang: str, *, exact: bool = False) -> str:
    """Money in won as 27.5억원 / KRW 2.75 bn (rounding rules in the module docstring)."""
    _check_lang(lang)
    if is_missing(value):
        return MISSING
    if _is_infinite(value):
        return _infinite(value)
    amount = _to_decimal(value)
    tiers = _KRW_TIERS[lang]
    magnitude = abs(amount)
    index = max(i for i, tier in enumerate(tiers) if magnitude >= tier[0])
    shown = _in_tier(magnitude, tiers[index], exact)
    # Rounding can carry a value up to the next threshold (9,999.96억 -> 10,000억): show it there.
    if index + 1 < len(tiers) and shown * tiers[index][1] >= tiers[index + 1][0]:
        index += 1
        shown = _in_tier(magnitude, tiers[index], exact)
    return tiers[index][3].format(_digits(-shown if amount < 0 else shown))


def number(value: float | None, unit: str, lang: str, *, exact: bool = False) -> str:
    """Any value in a schema.UNITS unit: 1,254개사 / 1,254 firms, 436명, 88.5 PF, money via krw()."""
    _check_lang(lang)
    if unit == "KRW":
        return krw(value, lang, exact=exact)
    if unit not in _UNIT_TEMPLATES:
        raise ValueError(f"unknown unit {unit!r}; expected one of {tuple(schema.UNITS)}")
    if is_missing(value):
        return MISSING
    if _is_infinite(value):
        return _infinite(value)
    amount = _to_decimal(value)
    shown = amount if exact else _round(amount, _PLAIN_DECIMALS)
    template, singular = _UNIT_TEMPLATES[unit][lang]
    if singular is not None and shown == 1:
        template = singular
    return template.format(_digits(shown))


def kind_label(kind: str, lang: str) -> str:
    """실적 / actual, 누적 실적 / cumulative, 계획 / plan, 목표 / target."""
    _check_kind(kind)
    return t(f"kind.{kind}", lang)


def period(
    start_year: int,
    end_year: int,
    start_month: int | None,
    end_month: int | None,
    kind: str,
    lang: str,
) -> str:
    """A figure's period: 2020, 2020 (1–9월), 2018–2021 누적, 2018–2020년 9월 누적, 2023–2025 계획.

    Month 1 as start and month 12 as end mean the whole year and are not shown.
    """
    _check_lang(lang)
    _check_kind(kind)
    first, last = _year(start_year), _year(end_year)
    if last < first:
        raise ValueError(f"period ends ({last}) before it starts ({first})")
    first_month = _month(start_month, whole_year=1)
    last_month = _month(end_month, whole_year=12)
    if first == last:
        text = str(first)
        if first_month or last_month:
            text += f" ({_month_range(first_month or 1, last_month or 12, lang)})"
    else:
        text = f"{_year_month(first, first_month, lang)}{DASH}{_year_month(last, last_month, lang)}"
    if kind != "actual":
        text += " " + t(f"period.suffix.{kind}", lang)
    return text


def axis_ticks(
    max_value: float | None, unit: str, lang: str, *, target_ticks: int = 5
) -> tuple[list[float], list[str]]:
    """Tick values 0..≥max_value at a nice step (1, 2, 2.5, 5 × 10ⁿ) and their labels from number().

    The labels use the same formatter as every other number, so Plotly's SI suffixes (G, B, M)
    never appear; the zero tick reads "0".
    """
    _check_lang(lang)
    if unit != "KRW" and unit not in _UNIT_TEMPLATES:
        raise ValueError(f"unknown unit {unit!r}; expected one of {tuple(schema.UNITS)}")
    if is_missing(max_value) or _is_infinite(max_value) or max_value <= 0:
        return [0.0], ["0"]
    top = _to_decimal(max_value)
    with localcontext() as context:
        context.prec = _PRECISION
        step = _nice_step(top / max(target_ticks - 1, 1), whole=unit in _WHOLE_UNITS)
        count = int((top / step).to_integral_value(rounding=ROUND_CEILING))
        ticks = [step * i for i in range(count + 1)]
    # Near the largest float the last tick can overflow to infinity, and below the smallest subnormal a tick
    # reads 0: keep the ticks a float can hold, once each.
    kept: list[Decimal] = []
    for tick in ticks:
        if math.isfinite(float(tick)) and (not kept or float(tick) > float(kept[-1])):
            kept.append(tick)
    ticks = kept
    values = [float(tick) for tick in ticks]
    texts = ["0" if tick == 0 else number(float(tick), unit, lang, exact=True) for tick in ticks]
    return values, texts


def published(published: str | None, lang: str) -> str:
    """A source date: 2021-08-19 -> 2021.8.19 / 19 Aug 2021; 2021-03 -> 2021.3 / Mar 2021; 2023 stays.

    Text in any other form is returned unchanged (the validator, not the formatter, rejects it).
    """
    _check_lang(lang)
    if is_missing(published) or not str(published).strip():
        return MISSING
    text = str(published).strip()
    match = _DATE_RE.match(text)
    if not match:
        return text
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return text
    if lang == "ko":
        return ".".join(str(part) for part in (year, month, day) if part is not None)
    if month is None:
        return str(year)
    month_name = _MONTHS_EN[month - 1]
    return f"{day} {month_name} {year}" if day is not None else f"{month_name} {year}"


_published_date = published  # citation() takes a `published` argument that shadows the function


def citation(publisher: str, title: str, published: str | None, url: str | None, lang: str) -> str:
    """자료: 발행처, 「제목」, 2021.8.19, URL / Source: Publisher, "Title", 19 Aug 2021, URL.

    Parts that are empty or missing are left out rather than shown as blanks.
    """
    _check_lang(lang)
    parts = []
    if has_text(publisher):
        parts.append(str(publisher).strip())
    if has_text(title):
        parts.append(f"「{str(title).strip()}」" if lang == "ko" else f'"{str(title).strip()}"')
    if has_text(published):
        parts.append(_published_date(published, lang))
    if has_text(url):
        parts.append(str(url).strip())
    return f"{t('citation.prefix', lang)}: " + ", ".join(parts)


def _in_tier(magnitude: Decimal, tier: tuple[int, int, int, str], exact: bool) -> Decimal:
    scaled = magnitude / tier[1]
    return scaled if exact else _round(scaled, tier[2])


# Decimal's default 28 significant digits cannot hold a float's largest values to the cent (1e40 won, 1e308):
# rounding and the axis steps use enough digits for any float.
_PRECISION = 800


def _round(value: Decimal, places: int) -> Decimal:
    with localcontext() as context:
        context.prec = _PRECISION
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _digits(value: Decimal) -> str:
    """1234.50 -> "1,234.5"; 2000 -> "2,000"; -0.0 -> "0": thousands separators, no trailing zeros."""
    if value == 0:
        value = Decimal(0)
    places = max(-value.normalize().as_tuple().exponent, 0)
    return f"{value:,.{places}f}"


def _nice_step(raw: Decimal, whole: bool) -> Decimal:
    if whole and raw <= 1:
        return Decimal(1)
    # floor(log10(raw)) from the decimal's own exponent: a float's log10 would underflow below the smallest
    # subnormal (5e-324 / 4).
    exponent = raw.adjusted()
    for multiple in _NICE_STEPS:
        step = multiple * Decimal(10) ** exponent
        if step >= raw and (not whole or step == step.to_integral_value()):
            return step if not whole else max(step, Decimal(1))
    raise AssertionError("unreachable: 10 × 10ⁿ is always ≥ raw")


def _to_decimal(value: Any) -> Decimal:
    number_ = float(value)
    if not math.isfinite(number_):
        raise ValueError(f"not a finite number: {value!r}")
    # repr gives the shortest decimal that round-trips, so 2.675 stays 2.675 (not 2.67499…).
    return Decimal(repr(number_))


def plain_text(value: Any) -> str:
    """A cell as stripped text; "" for None, NaN and pd.NA (empty cells arrive from pandas as missing)."""
    return "" if is_missing(value) else str(value).strip()


def _is_infinite(value: Any) -> bool:
    try:
        return math.isinf(float(value))
    except (TypeError, ValueError, OverflowError):
        return False


def _infinite(value: Any) -> str:
    return INFINITE if float(value) > 0 else "-" + INFINITE


# "Is it set": the three rules every module uses (a missing cell arrives from pandas as None, NaN, NaT or pd.NA).
def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and pd.NA: a gap in the data (never a 0)."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array is a value, not a gap
        return False


def has_text(value: Any) -> bool:
    """True when a cell holds something other than blanks (False for missing cells and "  ")."""
    return not is_missing(value) and bool(str(value).strip())


def is_on(flag: Any) -> bool:
    """True for a set flag (True, 1); False for False, 0 and a missing cell (a user_supplied of NA is not set)."""
    return not is_missing(flag) and bool(flag)


def hub_label(row, lang: str) -> str:
    """A hub's name in `lang`, with aggregates marked: '창원 강소특구 · 묶음(합계)' / 'Changwon zone · aggregate'.

    `row` is a hubs row (dict, Series or namedtuple) with name_ko, name_en and hub_type.
    """
    name = i18n.label(row, "name", lang)
    hub_type = row.get("hub_type") if hasattr(row, "get") else getattr(row, "hub_type", None)
    return f"{name} · {t('hub_type.aggregate', lang)}" if hub_type == "aggregate" else name


def _year(value: Any) -> int:
    if is_missing(value):
        raise ValueError("a period needs a start and an end year")
    year = int(value)
    if year != float(value):
        raise ValueError(f"year must be whole: {value!r}")
    return year


def _month(value: Any, whole_year: int) -> int | None:
    """The month as int, or None when absent or when it is the whole-year end (1 as start, 12 as end)."""
    if is_missing(value):
        return None
    month = int(value)
    if not 1 <= month <= 12 or month != float(value):
        raise ValueError(f"month must be 1..12: {value!r}")
    return None if month == whole_year else month


def _month_range(first: int, last: int, lang: str) -> str:
    if last < first:
        raise ValueError(f"months end ({last}) before they start ({first})")
    if lang == "ko":
        return f"{first}월" if first == last else f"{first}{DASH}{last}월"
    if first == last:
        return _MONTHS_EN[first - 1]
    return f"{_MONTHS_EN[first - 1]}{DASH}{_MONTHS_EN[last - 1]}"


def _year_month(year: int, month: int | None, lang: str) -> str:
    if month is None:
        return str(year)
    return f"{year}년 {month}월" if lang == "ko" else f"{_MONTHS_EN[month - 1]} {year}"


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")


def _check_kind(kind: str) -> None:
    if kind not in schema.KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {schema.KINDS}")


# Every ASCII punctuation mark may be backslash-escaped in CommonMark; these are the ones Streamlit's
# markdown (incl. :emoji:/:color[..]: directives, $math$, ~strike~ and raw HTML) would otherwise interpret.
_MD_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:&"


def md_escape(text) -> str:
    """Data text for st.markdown / st.caption / st.warning, shown literally (no markup, links or HTML)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))
