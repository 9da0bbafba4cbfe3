"""Label linter: finds words in a figure's quote (Korean or English) that contradict its kind, period or value."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

FAMILY_FILES: tuple[str, ...] = ("budgets.csv", "firms.csv", "personnel.csv", "outcomes.csv")
EXTRA_QUOTES = "figure_sources.csv"
REVIEW_FILE = "label_review.csv"
REVIEW_COLUMNS: tuple[str, ...] = ("figure_id", "cue", "reason")

# ------------------------------------------------------------------------------------------ written numbers

# Korean large units (Hangul and Hanja). A number chains them from large to small: 3조2000억 = 3*10^12 + 2000*10^8.
BIG_UNITS: dict[str, int] = {"조": 10**12, "兆": 10**12, "억": 10**8, "億": 10**8, "만": 10**4, "萬": 10**4}
# Accounting style, right after the digits: 1,217백만 원 = 1217*10^6.
WORD_UNITS: dict[str, int] = {"백만": 10**6, "천만": 10**7}
THOUSAND = "천千"  # inside a numeral only: 1천76 = 1076, 4천119억 = 4119*10^8
APPROX = "여"  # 360여개, 120여억원: "about", between the number and its unit
ENGLISH_SCALES: dict[str, int] = {
    "trillion": 10**12,
    "billion": 10**9,
    "bn": 10**9,
    "million": 10**6,
    "mn": 10**6,
    "thousand": 10**3,
}
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_AFTER_THOUSAND = re.compile(r"\d{1,3}(?![\d,.])")
_SPACED_REMAINDER = re.compile(r"\d{3,4}(?![\d,.]|\s?[조억만兆億萬]|\s?(?:백만|천만))")
_ENGLISH_SCALE = re.compile(r"\s*(" + "|".join(ENGLISH_SCALES) + r")\b", re.IGNORECASE)
_SUFFIX = re.compile(r"\s?(?:여\s?)?([^\s\d,.·()\[\]'\"‘’“”△▲~∼/:;-]{0,4})")
# A number followed by one of these counts a date or a duration, never a figure's value.
_TIME_SUFFIX = re.compile(r"(?:년|월|일|분기|주년|年|月|日)")


@dataclass(frozen=True)
class Span:
    """Where a piece of a text stands: its first character and the one after its last."""

    start: int
    end: int


@dataclass(frozen=True)
class Number(Span):
    """One number written in a text: where it stands, its value in base units and the word right after it."""

    value: Decimal
    suffix: str

    @property
    def is_time(self) -> bool:
        """2024년, 9월, 5년간, 3분기: a date or a duration."""
        return bool(_TIME_SUFFIX.match(self.suffix))


def _small(text: str, i: int) -> tuple[Decimal, int] | None:
    match = _DIGITS.match(text, i)
    if not match:
        return None
    value, end = Decimal(match.group().replace(",", "")), match.end()
    if end < len(text) and text[end] in THOUSAND:
        value *= 1000
        end += 1
        rest = _AFTER_THOUSAND.match(text, end)
        if rest:
            value, end = value + Decimal(rest.group()), rest.end()
    return value, end


def _group(text: str, i: int) -> tuple[Decimal, int | None, int] | None:
    small = _small(text, i)
    if small is None:
        return None
    value, end = small
    if end < len(text) and text[end] == APPROX and end + 1 < len(text) and text[end + 1] in BIG_UNITS:
        end += 1
    for word, unit in WORD_UNITS.items():
        if text.startswith(word, end):
            return value * unit, unit, end + len(word)
    if end < len(text) and text[end] in BIG_UNITS:
        unit = BIG_UNITS[text[end]]
        return value * unit, unit, end + 1
    return value, None, end


def _compound(text: str, i: int) -> tuple[Decimal, int]:
    value, unit, end = _group(text, i)  # type: ignore[misc]  # i is where a digit stands
    if unit is None:
        scale = _ENGLISH_SCALE.match(text, end)
        if scale:
            return value * ENGLISH_SCALES[scale.group(1).lower()], scale.end()
        return value, end
    while True:
        # Right after a large unit: a smaller group or a bare remainder (4萬7246); after one space only a group
        # with a smaller unit (147억 6000만), so "120억 5개" stays two numbers.
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
            # 4만 7246㎡: after 만 and a space, a bare remainder of three or four digits is the rest of the number.
            bare = _SPACED_REMAINDER.match(text, end + 1) if unit == 10**4 else None
            if bare:
                return value + Decimal(bare.group()), bare.end()
        return value, end


def parse_numbers(text: str) -> list[Number]:
    """Every number written in `text`, in order, in base units: `1,076억원` -> 107600000000, `4천119억` ->
    411900000000, `3조2000억원`, `12억1700만 원`, `147억 6000만 원`, `1만5597명` -> 15597, `8.85PF`, `393.9 billion`.
    `여` (about) is skipped; the suffix is the word after the number (`원`, `명`, `개사`, `년`, `PF`, ...)."""
    numbers: list[Number] = []
    i = 0
    while True:
        match = _DIGITS.search(text, i)
        if not match:
            return numbers
        start = match.start()
        value, end = _compound(text, start)
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))  # 393.9 billion is 393900000000, not 393900000000.0
        suffix = _SUFFIX.match(text, end)
        numbers.append(Number(start, end, value, suffix.group(1) if suffix else ""))
        i = max(end, start + 1)


def parse_value(text: str) -> Decimal | None:
    """The `value` cell as a number, or None when it is not one."""
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None
    return value if value.is_finite() else None


# ---------------------------------------------------------------------------------------------------- cues

RUNNING, SPAN, SINGLE, END, START = "running-total", "span", "single-year", "end", "start"

_YEAR = r"(?:(?:19|20)\d{2}\s*년(?:도)?|['‘’]\d{2}\s*년|올해|금년|지난해|작년|전년|내년|지난\s?(?:19|20)\d{2}년|오는\s?(?:19|20)\d{2}년)"
# A part of a year after a year word: 2019년 8월, 지난해 하반기, 올해 말.
_PART = r"\s*(?:(?:\d{1,2}월|상반기|하반기|초|말)\s*)?(?:말\s*)?"
_NOW = r"(?:올해|금년|지금|현재|최근|이달|지난달|오늘)"
# Period expressions that stand before a number and say over what time it counts. Longest match wins.
_PERIOD_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(p, re.IGNORECASE))
    for kind, p in (
        (RUNNING, r"누적|지금까지|현재까지|이제까지|지금껏|여태까지|그동안|그간|그 동안"),
        (
            RUNNING,
            r"(?:(?:19|20)\d{2}년\s*(?:\d{1,2}월\s*)?)?(?:[가-힣]+\s)?"
            r"(?:지정|개소|출범|개관|개교|개원|설립|선정|입주|문을 연|조성|첫 모집)(?:된|한|되고 난|한 뒤)?\s*(?:이후|이래)",
        ),
        (RUNNING, _YEAR + _PART + r"부터\s*" + _NOW + r"\s*까지"),
        (RUNNING, r"(?:지난해|작년|전년|지난달)\s*(?:말\s*)?까지"),
        (RUNNING, r"\bsince\b|\bto date\b|\bso far\b|\bcumulative(?:ly)?\b"),
        (SPAN, _YEAR + _PART + r"부터\s*(?:[^\s.]+\s){0,2}?" + _YEAR + _PART + r"까지"),
        # 연간 (per year) is left out: `연간 매출액 179억 원` is one year's sales.
        (SPAN, r"(?:지난|향후|최근)?\s*\d+\s*(?:년|개년)\s*(?:간|동안)|\d+\s*개년|매년|해마다|연평균"),
        (SPAN, r"(?:19|20)\d{2}\s*[~∼–-]\s*(?:(?:19|20)?\d{2})\s*년?|['‘’]\d{2}\s*[~∼–-]\s*['‘’]?\d{2}\s*년?"),
        (
            SPAN,
            r"\beach year\b|\bannually\b|\bper year\b|\ba year\b(?! (?:earlier|ago|later|before|after))|\bfrom (?:19|20)\d{2} (?:to|through|until) (?:19|20)\d{2}\b"
            r"|\bbetween (?:19|20)\d{2} and (?:19|20)\d{2}\b|\bover (?:the )?(?:past |next )?\w+ years\b",
        ),
        (START, _YEAR + _PART + r"부터"),
        (END, _YEAR + _PART + r"까지|\bby (?:19|20)\d{2}\b|\buntil (?:19|20)\d{2}\b"),
        (
            SINGLE,
            r"(?:올해|금년|지난해|작년|전년|내년)(?!\s?[^\s.,]*까지)(?!\s?부터)|지난\s?한\s?해|한\s?해(?:에만|만)?"
            r"|(?:19|20)\d{2}\s*년(?:도)?(?!" + _PART + r"(?:부터|까지|[~∼–-]|간|\s?동안))"
            r"|['‘’]\d{2}\s*년(?!\s*(?:부터|까지|[~∼–-]))"
            r"|(?<![\d'‘’])\d{2}년(?!\s*(?:부터|까지|[~∼–-]|간|\s?동안|\s?만에|째|차))",
        ),
        (SINGLE, r"\bthis year\b|\blast year\b|\bnext year\b|\bin (?:19|20)\d{2}\b"),
        # The year of a named event: CES 2026.
        (SINGLE, r"(?-i:\b[A-Z][A-Z0-9]{1,9})\s?(?:19|20)\d{2}(?![\d~∼–-])"),
    )
)

# Words that make a number a plan (money to be spent, a target), said after the number in its clause.
_PLAN_AFTER = re.compile(
    # Not when measured against: 계획대로, 계획보다, 목표를 (초과) 달성했다, 예정보다.
    r"(?:예정|계획|방침|목표)(?!대로|보다|치?[를을]?\s?(?:초과\s?)?달성)"
    r"|(?:투입|지원|조성|구축|투자|배정|편성|추진|집행|육성|양성|유치|선발|모집|건립|마련|사용|지급)\s?"
    r"(?:한다|된다|할|될|하기로|키로)(?=\s|$|[.,])"
    r"|들인다|들일"
    r"|\bwill\b|\bplans? to\b|\baims? to\b|\bis (?:expected|set|scheduled|slated) to\b|\bto be (?:spent|invested)\b",
    re.IGNORECASE,
)
# Securing a budget makes it a plan: only for budget metrics (firms "securing" investment have received it).
_SECURED = re.compile(r"확보(?:했|한|하였|해|된|됐|돼|되었)[^\s.,]*")
_SECURED_BEFORE = re.compile(r"확보한\s*(?:국비\s*|예산\s*|사업비\s*)+$")
_SELECTED = re.compile(
    r"지원(?:하는|받는)\s*[^.]{0,40}?선정(?:됐|돼|되었|되어)|선정(?:돼|되어)\s*[^.]{0,40}?지원(?:받을|받게|받는다)"
)
# Words that say a planned number has happened (the verb that governs the number is in the past).
_PAST_AFTER = re.compile(
    r"(?:투입|지원|달성|기록|유치|창출|집행|사용|배출|양성|육성|설립|수상|구축|조성|완료|마무리|제공|투자|발굴|선발|고용|채용)"
    r"\s?(?:했|됐|되었|하였|해\s?왔|돼\s?왔)(?:다|고|으며|며)"
    r"|거뒀다|거두었다|올렸다|이뤄냈다|이루었다|들였다"
)
_ONGOING = re.compile(
    r"(?:지난해|작년|지난\s?(?:19|20)\d{2}년|(?:19|20)\d{2}년)부터(?:(?!까지)[^.])*?"
    r"(?:중이다|중이며|중인|하고 있다|해 오고 있|해오고 있)"
)
_RUNNING_AFTER = re.compile(r"짧은 기간(?:에|만에|동안)")
_TOTAL_BEFORE = re.compile(r"총\s*(?:[가-힣]{1,4}\s*)?$")
# `지원하는 기업은 총 N개사`: all the firms a programme supports, a running total.
_SUPPORTED_TOTAL = re.compile(r"지원(?:하는|한|해 온|해온|받은|받는)\s+\S+\s+총\s*$")
_ACHIEVED = re.compile(r"달성|배출")

# A clause ends after these words (connective endings); the number's verb is looked for up to there.
_CLAUSE_END = re.compile(r"(?:[했됐하되있였었았냈받뒀렸웠왔갔졌쳤켰이])고|며|지만|는데|으나|면서")
# A word like 투입된/확보한 after the number is the verb of a relative clause: the number's clause ends with it.
_ADNOMINAL = re.compile(r"[가-힣](?:된|한|던|될|할|인|든|친)$")
_NOT_ADNOMINAL = frozenset({"이른바"})
_HANGUL = re.compile(r"[가-힣]")
_NEW_TIME = re.compile(r"\s*(?:오는|내년|다음|올해|향후|지난|이후|앞으로|\d{4}년|\d{1,2}월)")


@dataclass(frozen=True)
class _Expr(Span):
    """A time or cohort expression in a sentence ("2023년까지", "3기"): where it stands, its kind and its words."""

    kind: str
    text: str


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at . ! ? after a non-space (not `8.85`, not ` ... `), or a newline."""
    bounds, start = [], 0
    for match in re.finditer(r"(?<=[^\s.\d])[.!?](?=\s|$)|\n", text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _mask_parens(text: str, keep: int) -> str:
    """`text` with every (...) group blanked out except the one holding position `keep`."""
    chars, depth, opened = list(text), 0, -1
    for i, ch in enumerate(text):
        if ch in "([":
            if depth == 0:
                opened = i
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
            if depth == 0 and not (opened <= keep < i):
                chars[opened : i + 1] = " " * (i + 1 - opened)
    return "".join(chars)


@lru_cache(maxsize=1024)
def _periods(text: str) -> tuple[_Expr, ...]:
    """Period expressions in `text`; where two overlap, the longer (then the earlier pattern) stays."""
    found: list[tuple[int, int, int, str]] = []
    for rank, (kind, pattern) in enumerate(_PERIOD_PATTERNS):
        for match in pattern.finditer(text):
            if match.end() > match.start() and match.group().strip():
                found.append((match.start(), match.end(), rank, kind))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2]))
    taken: list[_Expr] = []
    for start, end, _, kind in found:
        if all(end <= t.start or start >= t.end for t in taken):
            taken.append(_Expr(start, end, kind, text[start:end].strip()))
    return tuple(sorted(taken, key=lambda e: e.start))


def _clause_after(text: str, start: int, end: int) -> str:
    """From the number at start:end to the end of its clause: the words that hold its verb."""
    out = [text[start:end]]
    for word in re.finditer(r"\S+", text[end:]):
        token = word.group()
        out.append(token)
        bare = token.rstrip(".,;:!?)'\"’”")
        if _CLAUSE_END.search(bare) and _CLAUSE_END.search(bare).end() == len(bare) and len(bare) >= 2:
            break
        if len(bare) >= 2 and _ADNOMINAL.search(bare) and bare not in _NOT_ADNOMINAL and word.start() > 0:
            break
        if token.endswith((".", "!", "?")) and not re.search(r"\d\.$", token):
            break
        if token.endswith(",") and _NEW_TIME.match(text, end + word.end()):
            break  # `총 78개사가 최종 선정, 오는 10월부터 … 지원한다`: a new time starts a new statement
    return " ".join(out)


@dataclass(frozen=True)
class Context:
    """Where a row's value stands in its quote: its sentence (other parentheses blanked) and its position."""

    sentence: str
    start: int  # of the number, inside sentence
    end: int
    number: Number


@lru_cache(maxsize=4096)
def _parsed(quote: str) -> tuple[tuple[Number, ...], tuple[tuple[int, int], ...]]:
    return tuple(parse_numbers(quote)), tuple(_sentences(quote))


def locate(quote: str, value: Decimal) -> list[Context]:
    """Every place the quote writes `value` (dates and durations aside), each with its sentence."""
    numbers, sentences = _parsed(quote)
    places = []
    for number in numbers:
        if number.value != value or number.is_time:
            continue
        s_start, s_end = next(((a, b) for a, b in sentences if a <= number.start < b), (0, len(quote)))
        sentence = _mask_parens(quote[s_start:s_end], number.start - s_start)
        places.append(Context(sentence, number.start - s_start, number.end - s_start, number))
    return places


@lru_cache(maxsize=1024)
def anchor(context: Context) -> _Expr | None:
    """The period expression nearest before the number in its sentence: what period the number counts.

    One that is followed by a comparison's baseline (`올해 697억원보다 … 800억원`) belongs to the baseline. English
    also puts the period after the number (`45 firms since 2019`): there, with none before, the first after counts."""
    sentence = context.sentence
    baselines = [
        n.end
        for n in _parsed(sentence)[0]
        if n.end < context.start and sentence.startswith("보다", n.end + len(n.suffix) - 2)
    ]
    periods = _periods(sentence)
    for expr in reversed([e for e in periods if e.end <= context.start]):
        if not any(expr.end <= b < context.start for b in baselines):
            return expr
    if not _HANGUL.search(sentence):
        return next((e for e in periods if e.start >= context.end), None)
    return None


def _origin(context: Context) -> bool:
    """The number is the start of a change (`78개에서 113개로`, `→`) or a comparison's baseline (`697억원보다`):
    the verb after it governs the other number."""
    rest = context.sentence[context.end : context.end + 8]
    return bool(re.match(r"\s?[^\s\d]{0,3}(?:에서|보다)|\s?[^\s\d]{0,3}\s?(?:→|->)", rest))


# ------------------------------------------------------------------------------------------------ findings


@dataclass(frozen=True)
class Row:
    """One figure row as the linter reads it."""

    file: str
    line: int
    figure_id: str
    metric: str
    value: str
    kind: str
    period_start: str
    period_end: str
    start_month: str
    end_month: str
    source_id: str
    quote: str

    @property
    def single_year(self) -> bool:
        return self.period_start == self.period_end

    @property
    def period(self) -> str:
        start = self.period_start + (f"m{int(self.start_month):02d}" if _ascii_int(self.start_month) else "")
        end = self.period_end + (f"m{int(self.end_month):02d}" if _ascii_int(self.end_month) else "")
        return (
            start
            if start == end or (self.single_year and not self.start_month and not self.end_month)
            else f"{start}-{end}"
        )


def _ascii_int(text: str) -> bool:
    """Whether `text` is a whole number in ASCII digits (str.isdigit also accepts ², ① and ٣, which int() refuses)."""
    return text.isascii() and text.isdigit()


@dataclass(frozen=True)
class Finding:
    """One contradiction: the row (file, line, figure), the exact words of the quote and the label they contradict."""

    file: str
    line: int
    figure_id: str
    cue: str
    cue_class: str
    label: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.figure_id}: cue «{self.cue}» ({self.cue_class}) contradicts {self.label}"
        )

    @property
    def key(self) -> tuple[str, str]:
        return self.figure_id, self.cue


def _finding(row: Row, cue: str, cue_class: str, label: str) -> Finding:
    return Finding(row.file, row.line, row.figure_id, " ".join(cue.split()), cue_class, label)


def _is_budget(metric: str) -> bool:
    return "budget" in metric or "fund" in metric


def _located(row: Row) -> tuple[Decimal | None, list[Context]]:
    value = parse_value(row.value)
    return value, (locate(row.quote, value) if value is not None and row.quote else [])


def _row_findings(row: Row, value: Decimal | None, places: list[Context]) -> list[Finding]:
    if value is None or not row.quote:
        return []
    if not places:
        return _count_findings(row, value)
    found: dict[tuple[str, str], Finding] = {}
    kind_label = f"kind={row.kind}"
    # A cue counts when it holds at every place the value is written (a value written twice is rare).
    per_place = [_place_findings(row, place, kind_label) for place in places]
    common = set.intersection(*({(f.cue_class, f.label) for f in fs} for fs in per_place))
    for finding in per_place[0]:
        if (finding.cue_class, finding.label) in common:
            found.setdefault(finding.key, finding)
    return list(found.values())


def _place_findings(row: Row, place: Context, kind_label: str) -> list[Finding]:
    """The cues around one place the row's value is written: the period anchor's, then plan, past and running-total
    cues in the words before and after it."""
    sentence, start = place.sentence, place.start
    english = not _HANGUL.search(sentence)
    expr = anchor(place)
    after = "" if _origin(place) else sentence if english else _clause_after(sentence, start, place.end)
    before = sentence[:start]
    out = _anchor_findings(row, expr, sentence, kind_label)
    if row.kind in ("actual", "cumulative_actual"):
        out += _plan_cue_findings(row, expr, sentence, before, after, kind_label)
    if row.kind == "plan" and not english:
        out += _past_cue_findings(row, sentence, after, kind_label)
    if row.kind in ("actual", "plan") and not (expr is not None and expr.kind in (RUNNING, SINGLE)):
        out += _running_cue_findings(row, before, after, kind_label)
    return out


def _anchor_findings(row: Row, expr: _Expr | None, sentence: str, kind_label: str) -> list[Finding]:
    """What the period expression anchored at the value says against the row's kind or period."""
    if expr is None:
        return []
    if expr.kind == RUNNING and row.kind in ("actual", "plan"):
        return [_finding(row, expr.text, "running-total cue", kind_label)]
    if expr.kind in (SPAN, START) and row.single_year:
        return [_finding(row, expr.text, "span cue", f"period={row.period} (one year)")]
    if expr.kind == SINGLE and not row.single_year and len(_periods(sentence)) == 1:
        return [_finding(row, expr.text, "single-year cue", f"period={row.period}")]
    return []


def _plan_cue_findings(
    row: Row, expr: _Expr | None, sentence: str, before: str, after: str, kind_label: str
) -> list[Finding]:
    """Words that make an actual (or running total) a plan: `예정`, `계획` after the value, a budget secured for a time
    to come, `… 지원받는 … 선정됐다`."""
    out: list[Finding] = []
    plan = _PLAN_AFTER.search(after)
    if plan:
        out.append(_finding(row, plan.group(), "plan cue", kind_label))
    elif (
        _is_budget(row.metric)
        and not (expr is not None and expr.kind == RUNNING)
        and (_SECURED.search(after) or _SECURED_BEFORE.search(before))
    ):
        # `지정 이후 … 176억원을 확보해`: secured to date is received; only a budget secured for a time to come
        # is a plan.
        hit = _SECURED.search(after) or _SECURED_BEFORE.search(before)
        out.append(_finding(row, hit.group(), "plan cue", kind_label))
    selected = _SELECTED.search(sentence)
    if selected and not plan:
        out.append(_finding(row, selected.group(), "plan cue", kind_label))
    return out


def _past_cue_findings(row: Row, sentence: str, after: str, kind_label: str) -> list[Finding]:
    """Words that make a plan something that happened: `지원했다` after the value, `지난해부터 … 중이다`."""
    return _cue_findings(row, "past cue", kind_label, _PAST_AFTER.search(after), _ONGOING.search(sentence))


def _running_cue_findings(row: Row, before: str, after: str, kind_label: str) -> list[Finding]:
    """Words next to the value that make it a running total: `짧은 기간에`, `지원하는 기업은 총`, `총 … 달성`."""
    out = _cue_findings(
        row, "running-total cue", kind_label, _RUNNING_AFTER.search(after), _SUPPORTED_TOTAL.search(before[-30:])
    )
    total = _TOTAL_BEFORE.search(before[-12:])
    achieved = _ACHIEVED.search(after)
    if total and achieved:
        out.append(_finding(row, f"{total.group().strip()} … {achieved.group()}", "running-total cue", kind_label))
    return out


def _cue_findings(row: Row, cue_class: str, label: str, *matches: re.Match | None) -> list[Finding]:
    """One finding of `cue_class` per cue found, in order (a None match is a cue not found)."""
    return [_finding(row, match.group(), cue_class, label) for match in matches if match]


def _count_findings(row: Row, value: Decimal) -> list[Finding]:
    """The value is not written in the quote but two numbers of it add up to it: `기업 43개, 기관 7개` filed as 50."""
    seen: dict[tuple[Decimal, str], Number] = {}  # earlier numbers by (value, first letter of the word after)
    for b in _parsed(row.quote)[0]:
        if b.is_time:
            continue
        a = seen.get((value - b.value, b.suffix[:1]))
        if a is not None:
            cue = f"{row.quote[a.start : a.end]}{a.suffix} … {row.quote[b.start : b.end]}{b.suffix}"
            return [_finding(row, cue, f"count cue: {a.value} + {b.value}", f"value={row.value}")]
        seen.setdefault((b.value, b.suffix[:1]), b)
    return []


_Entry = tuple[Row, list[Context], "_Expr | None"]


def _sentence_entry(row: Row, places: list[Context]) -> _Entry:
    """The row, where its value stands and what marks that place's period (only for a value written once)."""
    return row, places, (_marker(places[0]) if len(places) == 1 else None)


def _same_quote_findings(entries: list[_Entry]) -> list[Finding]:
    """Rows quoting one sentence of one source with different periods, where the words before their values name
    the same period (or none): `매년 30억원의 운영 예산과 500억원의 펀드` filed under 2021 and 2020."""
    groups: dict[tuple[str, str], list[tuple[Row, Context, tuple[int, str] | None]]] = defaultdict(list)
    for row, places, expr in entries:
        if len(places) != 1:
            continue  # not written, or written twice: which of the places is this row's cannot be told
        sentence_key = re.sub(r"\s+", " ", _mask_parens(places[0].sentence, -1).strip())
        groups[(row.source_id, sentence_key)].append((row, places[0], (expr.start, expr.text) if expr else None))
    out: list[Finding] = []
    for members in groups.values():
        for row, place, where in members:
            others = [
                o
                for o, p, w in members
                if o.figure_id != row.figure_id
                and o.period != row.period
                and w == where
                and not _change_between(place, p)
                and not _total_and_stock(row, o)
            ]
            if others:
                other = others[0]
                cue = where[1] if where else "same sentence"
                out.append(
                    _finding(
                        row,
                        cue,
                        "one sentence, two periods",
                        f"period={row.period}: {other.figure_id} ({other.file}:{other.line}) has period={other.period}",
                    )
                )
    return out


_COHORT = re.compile(r"\d+\s*(?:기|차년도|차|단계)(?=[는은의가이\s]|$)")


def _marker(context: Context) -> _Expr | None:
    """What tells this number's period apart from another's in one sentence: its period expression, or a nearer
    cohort or phase (`1기는 55명, 2기는 49명`)."""
    expr = anchor(context)
    cohorts = [m for m in _COHORT.finditer(context.sentence, 0, context.start) if m.end() <= context.start]
    if cohorts and (expr is None or cohorts[-1].start() >= expr.end):
        last = cohorts[-1]
        return _Expr(last.start(), last.end(), "cohort", last.group())
    return expr


def _total_and_stock(a: Row, b: Row) -> bool:
    """A running total and a one-time count that end at the same time (`현재 80개사가 입주해 있으며, 지원하는
    스타트업체는 총 298개사`): one sentence, both as of now, and their periods differ on purpose."""
    return (
        "cumulative_actual" in (a.kind, b.kind)
        and a.kind != b.kind
        and (a.period_end, a.end_month) == (b.period_end, b.end_month)
    )


def _change_between(a: Context, b: Context) -> bool:
    """The two numbers are the two ends of a change (`3조2000억원에서 11조4000억원으로`, `4,000㎡ → 28,233㎡`,
    `부지 117만8000㎡를 … 194만6000㎡까지 확대`)."""
    first, second = sorted((a, b), key=lambda c: c.start)
    if first.end > second.start:
        return False
    grows = re.match(
        r"[^\s\d]{0,3}\)?\s?(?:으로|로|까지)\s*(?:늘|증가|확대|감소|줄|성장|상승)",
        second.sentence[second.end : second.end + 16],
    )
    return _origin(first) or bool(grows)


def lint_rows(rows: Iterable[Row]) -> list[Finding]:
    """Every finding of the rows, in the order of the rows."""
    rows = list(rows)
    found: list[Finding] = []
    entries: list[_Entry] = []
    for row in rows:
        value, places = _located(row)
        found.extend(_row_findings(row, value, places))
        entries.append(_sentence_entry(row, places))  # right after: anchor() is still cached
    findings: dict[tuple[str, int, str, str, str], Finding] = {}
    for finding in found + _same_quote_findings(entries):
        findings.setdefault((finding.file, finding.line, finding.figure_id, finding.cue, finding.cue_class), finding)
    order = {(r.file, r.line): i for i, r in enumerate(rows)}
    return sorted(findings.values(), key=lambda f: order.get((f.file, f.line), 0))


# ------------------------------------------------------------------------------------------------- reading


def _records(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(first physical line, row) of each record of a CSV file; nothing when it cannot be read."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError:
        return
    with handle:
        try:
            reader = csv.reader(handle)
            header = next(reader, None)
            if not header:
                return
            line = reader.line_num + 1
            for cells in reader:
                if len(cells) == len(header):
                    yield line, dict(zip(header, cells))
                line = reader.line_num + 1
        except (csv.Error, UnicodeDecodeError):
            return


def read_rows(data_dir) -> list[Row]:
    """The figure rows of the four family files, then one row per further quote in figure_sources.csv."""
    directory = Path(data_dir)
    rows: list[Row] = []
    by_id: dict[str, Row] = {}
    for file in FAMILY_FILES:
        for line, cells in _records(directory / file):
            row = Row(
                file,
                line,
                *(
                    cells.get(c, "") or ""
                    for c in (
                        "figure_id",
                        "metric",
                        "value",
                        "kind",
                        "period_start",
                        "period_end",
                        "period_start_month",
                        "period_end_month",
                        "source_id",
                        "quote",
                    )
                ),
            )
            rows.append(row)
            by_id.setdefault(row.figure_id, row)
    for line, cells in _records(directory / EXTRA_QUOTES):
        main = by_id.get(cells.get("figure_id", ""))
        if main is not None and cells.get("quote"):
            rows.append(
                Row(
                    EXTRA_QUOTES,
                    line,
                    main.figure_id,
                    main.metric,
                    main.value,
                    main.kind,
                    main.period_start,
                    main.period_end,
                    main.start_month,
                    main.end_month,
                    cells.get("source_id", ""),
                    cells["quote"],
                )
            )
    return rows


@dataclass
class Report:
    """The linter's result on a folder: findings, which of them are acknowledged, stale acknowledgements and
    problems of the review file itself."""

    findings: list[Finding] = field(default_factory=list)
    acknowledged: list[Finding] = field(default_factory=list)
    unacknowledged: list[Finding] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    review_problems: list[str] = field(default_factory=list)
    review_file: str = REVIEW_FILE

    @property
    def failed(self) -> bool:
        return bool(self.unacknowledged or self.review_problems)

    def lines(self) -> list[str]:
        """What the validator prints: unjudged findings, review-file problems, then stale acknowledgements."""
        return [str(f) for f in self.unacknowledged] + self.review_problems + [f"warning: {s}" for s in self.stale]


def read_review(path: Path) -> tuple[dict[tuple[str, str], int], list[str]]:
    """{(figure_id, cue): line} of the reviewed-findings file, and its problems (a missing file is no problem)."""
    if not path.exists():
        return {}, []
    name, problems, reviewed = path.name, [], {}
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}, [f"{name}: cannot be read as UTF-8 text"]
    if text.startswith("\ufeff"):
        problems.append(f"{name}: starts with a byte order mark; save it as UTF-8 without BOM")
        text = text[1:]
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = next(reader, None)
        if header is None:
            return {}, problems
        if tuple(header) != REVIEW_COLUMNS:
            return {}, problems + [f"{name}:1: header must be {','.join(REVIEW_COLUMNS)}"]
        line = reader.line_num + 1
        for cells in reader:
            if len(cells) != len(REVIEW_COLUMNS):
                problems.append(f"{name}:{line}: expected 3 cells (figure_id,cue,reason), found {len(cells)}")
            elif not all(c.strip() for c in cells):
                problems.append(f"{name}:{line}: figure_id, cue and reason must all be filled in")
            elif (cells[0], cells[1]) in reviewed:
                problems.append(f"{name}:{line}: repeats the acknowledgement on line {reviewed[(cells[0], cells[1])]}")
            else:
                reviewed[(cells[0], " ".join(cells[1].split()))] = line
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(f"{name}: not readable as CSV ({error})")
    return reviewed, problems


def check(data_dir, review_path: Path | None = None) -> Report:
    """Lint every figure of the folder and sort the findings by the reviewed-findings file
    (data_dir/label_review.csv unless `review_path` is given)."""
    directory = Path(data_dir)
    findings = lint_rows(read_rows(directory))
    reviewed, problems = read_review(review_path or directory / REVIEW_FILE)
    name = (review_path or directory / REVIEW_FILE).name
    report = Report(findings=findings, review_problems=problems, review_file=name)
    matched: set[tuple[str, str]] = set()
    for finding in findings:
        if finding.key in reviewed:
            report.acknowledged.append(finding)
            matched.add(finding.key)
        else:
            report.unacknowledged.append(finding)
    for key, line in sorted(reviewed.items(), key=lambda item: item[1]):
        if key not in matched:
            report.stale.append(
                f"{name}:{line}: {key[0]}: cue «{key[1]}» matches no finding any more "
                "(stale acknowledgement; remove the line)"
            )
    return report
