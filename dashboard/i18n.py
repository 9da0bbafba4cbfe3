"""The KO/EN string table: every word the app shows, looked up with `t(key, lang)`."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from dashboard import schema

LANGS: tuple[str, ...] = schema.LANGUAGES
DEFAULT_LANG = "ko"

# Flat on purpose: one key per line, `section.name`, so adding a string is a one-line edit.
# Placeholders use str.format names and must be the same in both languages (tests check).
STRINGS: dict[str, dict[str, str]] = {
    # --- app frame & sidebar filters -------------------------------------------------------
    "app.title": {"ko": "한국 AI 허브 대시보드", "en": "Korea AI Hubs Dashboard"},
    "app.tagline": {
        "ko": "지역 AI 허브의 예산·기업·인력·성과를 연도별로 비교합니다.",
        "en": "Budgets, firms, people and outcomes of Korea's regional AI hubs, year by year.",
    },
    "app.truth_note": {
        "ko": "모든 수치에는 출처와 원문 인용이 있습니다. 빈 칸은 보도된 수치가 없다는 뜻이며 0이 아닙니다.",
        "en": "Every number has a source and a verbatim quote. A gap means no figure was reported, not zero.",
    },
    "app.language": {"ko": "언어", "en": "Language"},
    "filter.header": {"ko": "필터", "en": "Filters"},
    "filter.regions": {"ko": "지역", "en": "Regions"},
    "filter.hubs": {"ko": "허브", "en": "Hubs"},
    "filter.years": {"ko": "연도", "en": "Years"},
    "filter.kinds": {"ko": "수치 종류", "en": "Kinds of figure"},
    "filter.metric": {"ko": "지표", "en": "Metric"},
    "filter.include_aggregates": {"ko": "묶음(합계) 단위 포함", "en": "Include aggregates"},
    "filter.all": {"ko": "전체", "en": "All"},
    "filter.reset": {"ko": "필터 초기화", "en": "Reset filters"},
    "filter.share_link": {
        "ko": "이 주소를 복사하면 같은 화면을 공유할 수 있습니다.",
        "en": "Copy this page's address to share exactly this view.",
    },
    # --- page names (navigation) and titles ------------------------------------------------
    "page.overview.name": {"ko": "개요", "en": "Overview"},
    "page.overview.title": {"ko": "한눈에 보는 지역 AI 허브", "en": "Korea's regional AI hubs at a glance"},
    "page.budgets.name": {"ko": "예산", "en": "Budgets"},
    "page.budgets.title": {"ko": "예산과 투자", "en": "Budgets and investment"},
    "page.firms.name": {"ko": "기업", "en": "Firms"},
    "page.firms.title": {
        "ko": "입주·지원·유치 기업과 창업",
        "en": "Resident, supported and attracted firms, and start-ups",
    },
    "page.personnel.name": {"ko": "인력", "en": "People"},
    "page.personnel.title": {"ko": "인재 양성과 일자리", "en": "Training and jobs"},
    "page.outcomes.name": {"ko": "성과", "en": "Outcomes"},
    "page.outcomes.title": {
        "ko": "매출, 특허, 기술이전 등 성과",
        "en": "Sales, patents, technology transfers and other outcomes",
    },
    "page.compare.name": {"ko": "비교", "en": "Compare"},
    "page.compare.title": {"ko": "허브 비교", "en": "Compare hubs"},
    "page.hub.name": {"ko": "허브", "en": "Hub"},
    "page.hub.title": {"ko": "허브별 상세", "en": "One hub in detail"},
    "page.sources.name": {"ko": "출처·데이터", "en": "Sources & data"},
    "page.sources.title": {"ko": "출처와 데이터", "en": "Sources and data"},
    # --- data families ---------------------------------------------------------------------
    "family.budgets": {"ko": "예산", "en": "Budgets"},
    "family.firms": {"ko": "기업", "en": "Firms"},
    "family.personnel": {"ko": "인력", "en": "People"},
    "family.outcomes": {"ko": "성과", "en": "Outcomes"},
    # --- hub types -------------------------------------------------------------------------
    "hub_type.hub": {"ko": "허브", "en": "hub"},
    "hub_type.programme": {"ko": "사업", "en": "programme"},
    "hub_type.aggregate": {"ko": "묶음(합계)", "en": "aggregate"},
    # --- chart titles and axis titles ------------------------------------------------------
    "chart.trend.title": {"ko": "{metric} 추이", "en": "{metric} over time"},
    "chart.by_hub.title": {"ko": "허브별 {metric}", "en": "{metric} by hub"},
    "chart.map.title": {"ko": "지역별 AI 허브", "en": "AI hubs by region"},
    "chart.timeline.title": {"ko": "보도된 수치 연표", "en": "Timeline of reported figures"},
    "chart.coverage.title": {"ko": "허브·연도별 자료 현황", "en": "Which hubs have figures for which years"},
    "axis.year": {"ko": "연도", "en": "Year"},
    "axis.hub": {"ko": "허브", "en": "Hub"},
    "axis.value": {"ko": "값", "en": "Value"},
    "axis.amount": {"ko": "금액", "en": "Amount"},
    "axis.firms": {"ko": "기업 수", "en": "Firms"},
    "axis.persons": {"ko": "인원", "en": "People"},
    "axis.count": {"ko": "개수", "en": "Count"},
    "hover.period": {"ko": "기간", "en": "Period"},
    "hover.kind": {"ko": "종류", "en": "Kind"},
    "hover.source": {"ko": "출처", "en": "Source"},
    "hover.scope_note": {"ko": "범위", "en": "Scope"},
    "hover.other_sources": {
        "ko": "같은 수치를 보도한 출처 {n}곳 더",
        "en": "{n} more sources report the same figure",
    },
    # --- kind labels and period suffixes (used by fmt.kind_label and fmt.period) -----------
    "kind.actual": {"ko": "실적", "en": "actual"},
    "kind.cumulative_actual": {"ko": "누적 실적", "en": "cumulative"},
    "kind.plan": {"ko": "계획", "en": "plan"},
    "kind.target": {"ko": "목표", "en": "target"},
    "period.suffix.cumulative_actual": {"ko": "누적", "en": "cumulative"},
    "period.suffix.plan": {"ko": "계획", "en": "plan"},
    "period.suffix.target": {"ko": "목표", "en": "target"},
    # --- legend labels ---------------------------------------------------------------------
    "legend.actual": {"ko": "실적 (실선)", "en": "actual (solid)"},
    "legend.plan_target": {"ko": "계획·목표 (속 빈 표시, 점선)", "en": "plan/target (hollow, dashed)"},
    "legend.cumulative": {"ko": "누적", "en": "cumulative"},
    "legend.span": {"ko": "여러 해에 걸친 수치", "en": "span"},
    "legend.part_year": {"ko": "한 해 중 일부 기간", "en": "part-year"},
    # --- downloads and tables --------------------------------------------------------------
    "download.chart_data": {"ko": "이 차트의 데이터 내려받기", "en": "Download this chart's data"},
    "download.all_data": {"ko": "전체 데이터 내려받기", "en": "Download all data"},
    "table.show": {"ko": "표로 보기", "en": "Show as table"},
    # --- messages --------------------------------------------------------------------------
    "msg.empty_selection": {
        "ko": "선택한 조건에 맞는 수치가 없습니다. 필터를 넓혀 보세요.",
        "en": "No figures match this selection. Try widening the filters.",
    },
    "msg.gap_not_zero": {
        "ko": "빈 칸은 보도된 수치가 없다는 뜻이며 0이 아닙니다.",
        "en": "A gap means no figure was reported, not zero.",
    },
    "msg.versions": {
        "ko": "출처마다 다른 수치 {n}개가 있어 모두 표시합니다.",
        "en": "Sources give {n} different values; all are shown.",
    },
    # --- not comparable, with reasons ------------------------------------------------------
    "compare.not_comparable": {"ko": "비교할 수 없음", "en": "Not comparable"},
    "compare.reason.kind": {
        "ko": "수치 종류가 다릅니다 (실적·누적·계획·목표).",
        "en": "Different kinds of figure (actual, cumulative, plan, target).",
    },
    "compare.reason.period": {"ko": "기간이 다릅니다.", "en": "Different periods."},
    "compare.reason.aggregate_member": {
        "ko": "묶음(합계)과 그에 속한 허브는 더하거나 견줄 수 없습니다.",
        "en": "An aggregate and a hub it contains cannot be added or set against each other.",
    },
    "compare.reason.scope": {"ko": "집계 범위가 다릅니다.", "en": "Different scope of what is counted."},
    "compare.reason.unit": {"ko": "단위가 다릅니다.", "en": "Different units."},
    # --- error page (data problems) --------------------------------------------------------
    "error.title": {"ko": "데이터에 문제가 있습니다", "en": "Data problems found"},
    "error.intro": {
        "ko": "데이터 파일에서 아래 문제를 찾았습니다. 고칠 때까지 대시보드를 열지 않습니다.",
        "en": "The data files have the problems below. The dashboard stays closed until they are fixed.",
    },
    "error.count": {"ko": "문제 {n}개", "en": "{n} problems"},
    "error.problem": {"ko": "{file}:{line}: {message}", "en": "{file}:{line}: {message}"},
    "error.fix_hint": {
        "ko": "파일을 고친 뒤 `python -m dashboard.validate`로 확인하고 새로 고치세요.",
        "en": "Fix the files, check with `python -m dashboard.validate`, then reload.",
    },
    # --- upload of user-supplied figures ---------------------------------------------------
    "upload.label": {"ko": "내 CSV 올리기", "en": "Upload your own CSV"},
    "upload.help": {
        "ko": "번들 데이터와 같은 열을 가진 CSV를 올리면 이 세션에서만 함께 보여 줍니다.",
        "en": "A CSV with the same columns as the bundled data is shown alongside it, for this session only.",
    },
    "upload.accepted": {"ko": "{n}개 행을 불러왔습니다.", "en": "Loaded {n} rows."},
    "upload.rejected": {
        "ko": "문제 {n}개 때문에 파일을 불러오지 않았습니다.",
        "en": "The file was not loaded because of {n} problems.",
    },
    "upload.not_saved": {
        "ko": "올린 데이터는 저장되지 않으며 다른 사용자에게 보이지 않습니다.",
        "en": "Uploaded data is not stored and no one else sees it.",
    },
    "upload.badge": {"ko": "사용자 제공", "en": "user-supplied"},
    # --- hub page --------------------------------------------------------------------------
    "hub.select": {"ko": "허브 선택", "en": "Choose a hub"},
    "hub.region": {"ko": "지역", "en": "Region"},
    "hub.operator": {"ko": "운영 기관", "en": "Operator"},
    "hub.opened": {"ko": "{year}년 개소", "en": "Opened {year}"},
    "hub.member_of": {"ko": "{name}에 속함", "en": "Part of {name}"},
    "hub.members": {"ko": "속한 허브", "en": "Hubs it contains"},
    # --- sources page ----------------------------------------------------------------------
    "sources.count": {"ko": "출처 {n}건", "en": "{n} sources"},
    "sources.publisher": {"ko": "발행처", "en": "Publisher"},
    "sources.title": {"ko": "제목", "en": "Title"},
    "sources.published": {"ko": "날짜", "en": "Date"},
    "sources.figures": {"ko": "수치", "en": "Figures"},
    "citation.prefix": {"ko": "자료", "en": "Source"},
    # --- CSV download column headers -------------------------------------------------------
    "csv.figure_id": {"ko": "수치 ID", "en": "figure_id"},
    "csv.hub": {"ko": "허브", "en": "hub"},
    "csv.metric": {"ko": "지표", "en": "metric"},
    "csv.value": {"ko": "값", "en": "value"},
    "csv.unit": {"ko": "단위", "en": "unit"},
    "csv.value_formatted": {"ko": "표기", "en": "value_formatted"},
    "csv.period": {"ko": "기간", "en": "period"},
    "csv.kind": {"ko": "종류", "en": "kind"},
    "csv.scope_note": {"ko": "범위 메모", "en": "scope_note"},
    "csv.source_publisher": {"ko": "출처 발행처", "en": "source_publisher"},
    "csv.source_date": {"ko": "출처 날짜", "en": "source_date"},
    "csv.source_url": {"ko": "출처 URL", "en": "source_url"},
    "csv.quote": {"ko": "원문 인용", "en": "quote"},
    "csv.user_supplied": {"ko": "사용자 제공", "en": "user_supplied"},
    "csv.yes": {"ko": "예", "en": "yes"},
    "csv.no": {"ko": "아니오", "en": "no"},
}

_LOCALE_RE = re.compile(r"^\s*(en|ko)(?:[-_]|$)", re.IGNORECASE)


def t(key: str, lang: str, **fmt_kwargs: Any) -> str:
    """The string for `key` in `lang`, formatted with `fmt_kwargs`; KeyError on an unknown key."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    # Always format, so a placeholder left unfilled raises instead of reaching the screen.
    return STRINGS[key][lang].format(**fmt_kwargs)


def default_lang(locale: str | None) -> str:
    """The UI language for a browser locale: `en*` gives en, `ko*` and anything else gives ko."""
    if locale:
        match = _LOCALE_RE.match(locale)
        if match:
            return match.group(1).lower()
    return DEFAULT_LANG


def label(row: Any, base: str, lang: str) -> str:
    """The `{base}_{lang}` field of a row (dict, Series or namedtuple), else the other language's, else ""."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    # A name missing in one language is better shown in the other than left blank.
    for candidate in (lang, *(other for other in LANGS if other != lang)):
        text = _field(row, f"{base}_{candidate}")
        if text:
            return text
    return ""


def region_name(code: str, lang: str) -> str:
    """The name of a region code from schema.REGIONS in `lang`."""
    ko, en = schema.REGIONS[code]
    return {"ko": ko, "en": en}[lang]


def _field(row: Any, name: str) -> str:
    """`row[name]` (or `row.name` for namedtuples) as stripped text; "" when absent, None or NaN."""
    try:
        value = row[name]
    except (KeyError, IndexError, TypeError):
        value = getattr(row, name, None)
    # Empty cells arrive from pandas as NaN or NA, never as "".
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return ""
    return str(value).strip()
