"""Numbers as people write them in a search box: "1,076억", "1076억", "1천76억", "107.6 billion", "KRW 107.6 bn".

`value_range(text)` gives the interval of values the text stands for (half a unit of its last written digit either
side: "1,076억" is 1,075.5억–1,076.5억, "4.1조" is 4.05조–4.15조), or None when the text is not a number. The Sources
search then also finds figures whose value lies in that interval, whatever words their quote uses.
"""

from __future__ import annotations

import re

# Korean: big units multiply a whole group of up to four digits, small units build that group.
_BIG = {"조": 10**12, "억": 10**8, "만": 10**4}
_SMALL = {"천": 1000, "백": 100, "십": 10}
_ENGLISH = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "mil": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "t": 10**12,
}
# Words around a number that say only its currency or what was counted.
_CURRENCY_BEFORE = re.compile(r"^(krw|₩|won)\s*", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"\s*(원|won|krw|개사|개|명|곳|건|곳의|people|persons|firms|companies|won|㎡|m2|m²)$", re.IGNORECASE
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ENGLISH_RE = re.compile(rf"^({_NUMBER})\s*([a-z]+)?$", re.IGNORECASE)
_KOREAN_TOKEN = re.compile(rf"({_NUMBER})|([조억만천백십])")
MAX_CHARS = 40


def _number(text: str) -> tuple[float, int]:
    """The number in ASCII digits (commas grouping thousands) and how many decimals it was written with."""
    plain = text.replace(",", "")
    decimals = len(plain.split(".", 1)[1]) if "." in plain else 0
    return float(plain), decimals


def _strip(text: str) -> str:
    text = text.strip()
    text = _CURRENCY_BEFORE.sub("", text)
    for _ in range(2):
        text = _UNIT_AFTER.sub("", text).strip()
    return text


def value_range(text: str | None) -> tuple[float, float] | None:
    """(low, high) of the values `text` stands for, or None when it is not a number written as people write them."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_CHARS:
        return None
    if not text.isascii() and any(ch.isdigit() and not ("0" <= ch <= "9") for ch in text):
        return None  # only ASCII digits are read as numbers
    core = _strip(text)
    if not core:
        return None
    english = _ENGLISH_RE.match(core)
    if english:
        value, decimals = _number(english.group(1))
        word = (english.group(2) or "").lower()
        if word and word not in _ENGLISH:
            return None
        scale = _ENGLISH.get(word, 1)
        return _interval(value * scale, 0.5 * scale * 10.0**-decimals)
    # Spaces around a unit do not matter ("1076 억"); between two numbers they do ("12 34" is no number).
    return _korean(re.sub(r"\s*([조억만천백십])\s*", r"\1", core))


def _interval(value: float, half: float) -> tuple[float, float]:
    return value - half, value + half


def _korean(text: str) -> tuple[float, float] | None:
    tokens = _KOREAN_TOKEN.findall(text)
    if not tokens or "".join(n or u for n, u in tokens) != text:
        return None
    total = 0.0
    group = 0.0
    pending: tuple[float, int] | None = None
    last_scale, last_decimals = 1, 0
    seen_big: list[int] = []
    prev_unit = True
    for number, unit in tokens:
        if number:
            if not prev_unit:
                return None  # two numbers in a row
            pending = _number(number)
            prev_unit = False
            continue
        prev_unit = True
        if unit in _SMALL:
            value, decimals = pending if pending is not None else (1.0, 0)
            group += value * _SMALL[unit]
            last_scale, last_decimals = _SMALL[unit], decimals
            pending = None
        else:
            big = _BIG[unit]
            if seen_big and big >= seen_big[-1]:
                return None  # 억 after 만, 조 after 억: not a number
            seen_big.append(big)
            if pending is not None:
                group += pending[0]
                last_scale, last_decimals = 1, pending[1]
            if group == 0:
                return None
            total += group * big
            last_scale *= big
            group, pending = 0.0, None
    if pending is not None:
        group += pending[0]
        last_scale, last_decimals = 1, pending[1]
    total += group
    if not any(n for n, _ in tokens):
        return None
    return _interval(total, 0.5 * last_scale * 10.0**-last_decimals)
