"""Read the numbers written in Korean or English news text, in base units: `1천76억` -> 107600000000."""

from __future__ import annotations

import re
from decimal import Decimal

# Korean large units (Hangul and the Hanja that seed 002 uses). A number chains them from large to small:
# 3조2000억 = 3*10^12 + 2000*10^8; 27억5000만 = 27*10^8 + 5000*10^4; 4萬7246 = 4*10^4 + 7246.
BIG_UNITS: dict[str, int] = {"조": 10**12, "兆": 10**12, "억": 10**8, "億": 10**8, "만": 10**4, "萬": 10**4}
# Accounting style, right after the digits: 1,217백만 원 = 1217*10^6.
WORD_UNITS: dict[str, int] = {"백만": 10**6, "천만": 10**7}
THOUSAND = "천千"  # inside a Korean numeral only: 1천76 = 1076, 4천119억 = 4119*10^8
APPROX = "여"  # 360여개, 120여억원: "about", written between the number and its unit
ENGLISH_SCALES: dict[str, int] = {
    "trillion": 10**12, "billion": 10**9, "bn": 10**9, "bln": 10**9, "million": 10**6, "mn": 10**6, "thousand": 10**3,
}

DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
AFTER_THOUSAND = re.compile(r"\d{1,3}(?![\d,.])")
# After a large unit and one space, a bare 3- or 4-digit remainder belongs to the number (4만 7246㎡ = 47246);
# a shorter one does not ("120억 5개" stays two numbers).
SPACED_REMAINDER = re.compile(r"\d{3,4}(?![\d,.]|\s?[조억만兆億萬]|\s?(?:백만|천만))")
ENGLISH_SCALE = re.compile(r"\s*(" + "|".join(ENGLISH_SCALES) + r")\b", re.IGNORECASE)


def _small_number(text: str, i: int) -> tuple[Decimal, int] | None:
    """A number below the large units at position i: `1,255`, `88.5`, `1천76`, `1천`. Returns (value, end)."""
    m = DIGITS.match(text, i)
    if not m:
        return None
    value = Decimal(m.group().replace(",", ""))
    end = m.end()
    if end < len(text) and text[end] in THOUSAND:
        value *= 1000
        end += 1
        rest = AFTER_THOUSAND.match(text, end)
        if rest:
            value += Decimal(rest.group())
            end = rest.end()
    return value, end


def _group(text: str, i: int) -> tuple[Decimal, int | None, int] | None:
    """One group at i: a small number, `여` optional, then a large unit optional. Returns (value, unit, end)."""
    small = _small_number(text, i)
    if small is None:
        return None
    value, end = small
    if end < len(text) and text[end] == APPROX:
        end += 1
    for word, word_unit in WORD_UNITS.items():
        if text.startswith(word, end):
            return value * word_unit, word_unit, end + len(word)
    if end < len(text) and text[end] in BIG_UNITS:
        unit = BIG_UNITS[text[end]]
        return value * unit, unit, end + 1
    return value, None, end


def _compound(text: str, i: int) -> tuple[Decimal, int]:
    """The whole number starting at i, chaining groups with falling units. Returns (value, end)."""
    value, unit, end = _group(text, i)  # type: ignore[misc]  # i is where DIGITS matched
    if unit is None:
        scale = ENGLISH_SCALE.match(text, end)
        if scale:
            return value * ENGLISH_SCALES[scale.group(1).lower()], scale.end()
        return value, end
    while True:
        # Directly after a large unit: a smaller group, or a bare remainder (4萬7246).
        # After one space: only a group with a smaller unit (147억 6000만), so "120억 5개" stays two numbers.
        nxt = _group(text, end)
        if nxt is not None and (nxt[1] is None or nxt[1] < unit):
            value += nxt[0]
            if nxt[1] is None:
                return value, nxt[2]
            unit, end = nxt[1], nxt[2]
            continue
        if end < len(text) and text[end] == " ":
            spaced = _group(text, end + 1)
            if spaced is not None and spaced[1] is not None and spaced[1] < unit:
                value += spaced[0]
                unit, end = spaced[1], spaced[2]
                continue
            remainder = SPACED_REMAINDER.match(text, end + 1)
            if remainder and unit == 10**4:
                return value + Decimal(remainder.group()), remainder.end()
        return value, end


def parse_numbers(text: str) -> list[Decimal]:
    """Every number in `text`, in order, in base units (won, count): Korean units, 천 inside numerals, commas,
    decimals and English scale words (`393.9 billion`) are applied; `여` (about) is skipped."""
    numbers: list[Decimal] = []
    i = 0
    while True:
        m = DIGITS.search(text, i)
        if not m:
            return numbers
        value, i = _compound(text, m.start())
        numbers.append(value)
