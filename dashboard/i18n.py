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
    "hover.series": {"ko": "세부 사업", "en": "Part"},
    "hover.span": {
        "ko": "{n}년에 걸친 한 수치 (연평균 아님)",
        "en": "One figure covering {n} years (not a yearly average)",
    },
    "hover.part_year": {
        "ko": "한 해 중 일부 기간의 수치 (연간 수치와 잇지 않음)",
        "en": "Covers part of the year (not joined to full years)",
    },
    "hover.ratio": {"ko": "계획 대비 실적: {ratio}", "en": "Actual vs plan: {ratio}"},
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
    "legend.trend.span": {
        "ko": "{hub} · {kind} · 여러 해에 걸친 수치 (기간만큼 가로 선, 값 표시, {style})",
        "en": "{hub} · {kind} · multi-year (line across its years, value labelled, {style})",
    },
    "legend.trend.part_year": {
        "ko": "{hub} · {kind} · 한 해 중 일부 (그 달들만큼 짧은 선, 월 표시, 연간 선과 잇지 않음)",
        "en": "{hub} · {kind} · part-year (short line over its months, labelled, not joined)",
    },
    "legend.style.actual": {"ko": "채운 원, 실선", "en": "filled circle, solid"},
    "legend.style.cumulative_actual": {"ko": "채운 마름모, 실선", "en": "filled diamond, solid"},
    "legend.style.plan": {"ko": "속 빈 원, 파선", "en": "hollow circle, dashed"},
    "legend.style.target": {"ko": "속 빈 마름모, 점선", "en": "hollow diamond, dotted"},
    "legend.pva.plan": {"ko": "계획·목표 (속 빈 막대)", "en": "plan/target (hollow bar)"},
    "legend.pva.actual": {"ko": "실적 (채운 막대, 비율 = 실적 ÷ 계획)", "en": "actual (filled bar, % = actual ÷ plan)"},
    "legend.bar.actual": {"ko": "실적 (채운 막대)", "en": "actual (filled bar)"},
    "legend.bar.cumulative_actual": {"ko": "누적 실적 (점무늬 막대)", "en": "cumulative (dotted bar)"},
    "legend.bar.plan": {"ko": "계획 (속 빈 빗금 막대)", "en": "plan (hollow hatched bar)"},
    "legend.bar.target": {"ko": "목표 (속 빈 격자 막대)", "en": "target (hollow cross-hatched bar)"},
    # --- downloads and tables --------------------------------------------------------------
    "download.chart_data": {"ko": "이 차트의 데이터 내려받기", "en": "Download this chart's data"},
    "download.all_data": {"ko": "전체 데이터 내려받기", "en": "Download all data"},
    "table.show": {"ko": "표로 보기", "en": "Show as table"},
    "table.col.hub": {"ko": "허브", "en": "Hub"},
    "table.col.metric": {"ko": "지표", "en": "Metric"},
    "table.col.value_formatted": {"ko": "값", "en": "Value"},
    "table.col.period": {"ko": "기간", "en": "Period"},
    "table.col.kind": {"ko": "종류", "en": "Kind"},
    "table.col.scope_note": {"ko": "범위 메모", "en": "Scope note"},
    "table.col.source_publisher": {"ko": "출처", "en": "Source"},
    "table.col.source_date": {"ko": "날짜", "en": "Date"},
    "table.col.quote": {"ko": "원문 인용", "en": "Quote"},
    "table.col.user_supplied": {"ko": "사용자 제공", "en": "User-supplied"},
    # --- messages --------------------------------------------------------------------------
    "msg.empty_selection": {
        "ko": "선택한 조건에 맞는 수치가 없습니다. 필터를 넓혀 보세요.",
        "en": "No figures match this selection. Try widening the filters.",
    },
    "msg.no_kinds": {
        "ko": "수치 종류(실적·누적·계획·목표)가 하나도 선택되지 않았습니다. 사이드바에서 하나 이상 고르세요.",
        "en": "No kind of figure (actual, cumulative, plan, target) is selected. Pick at least one in the sidebar.",
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
    "compare.reason.period_length": {
        "ko": "기간의 길이가 다릅니다 (한 해 수치와 여러 해 누적 수치 등).",
        "en": "Different period lengths (a single year against a multi-year span, for example).",
    },
    "compare.reason.part_year": {
        "ko": "한 해 중 일부 기간의 수치와 한 해 전체 수치는 견줄 수 없습니다.",
        "en": "A figure for part of a year cannot be set against a full-year figure.",
    },
    # --- compare page ----------------------------------------------------------------------
    "compare.intro": {
        "ko": "같은 지표·수치 종류·기간(월까지)이 모두 같은 수치만 나란히 놓습니다. 기간이나 종류가 다른 수치끼리는 순위를 매기거나 더하지 않습니다.",
        "en": "Only figures with the same metric, kind and exact period (to the month) are set side by side. Figures of different periods or kinds are never ranked or added.",
    },
    "compare.pick": {"ko": "비교할 허브 (2–4곳)", "en": "Hubs to compare (2–4)"},
    "compare.need_two": {
        "ko": "비교하려면 허브를 두 곳 이상 고르세요.",
        "en": "Pick at least two hubs to compare.",
    },
    "compare.double_counting": {
        "ko": "{aggregate}은(는) {member}을(를) 포함하는 묶음(합계)입니다. 두 수치를 더하면 {member}이(가) 두 번 계산됩니다.",
        "en": "{aggregate} is an aggregate that contains {member}: adding their figures would count {member} twice.",
    },
    "compare.no_common_metric": {
        "ko": "선택한 허브들이 함께 보도한 지표가 없습니다.",
        "en": "The chosen hubs have no metric in common.",
    },
    "compare.period_select": {"ko": "비교할 기간", "en": "Period to compare"},
    "compare.group_option": {"ko": "{period} · 허브 {n}곳", "en": "{period} · {n} hubs"},
    "compare.outside_group": {
        "ko": "이 기간의 수치가 없는 허브 — {hub}: {periods}",
        "en": "No figure for this period — {hub}: {periods}",
    },
    "compare.versions": {
        "ko": "이 기간에 출처마다 다른 값이 있는 허브가 있어 모든 값을 막대로 그렸습니다(번호 표시). 어느 하나를 고르지 않았습니다.",
        "en": "A hub has differing values from different sources for this period; every value has its own numbered bar, none was picked.",
    },
    "compare.available_periods": {"ko": "허브별로 보도된 기간", "en": "Periods each hub reports"},
    "compare.single_hub.header": {
        "ko": "한 허브만 보도한 지표 {n}개 (비교 대상 없음)",
        "en": "{n} metrics only one chosen hub reports (nothing to compare with)",
    },
    "compare.ratios.header": {"ko": "파생 비율", "en": "Derived ratios"},
    "compare.ratios.intro": {
        "ko": "같은 허브·수치 종류·기간(월까지)의 두 수치가 모두 있을 때만 나눕니다. 각 행에 두 수치와 출처를 함께 적었습니다. 기간이 다른 비율끼리는 견주지 마세요.",
        "en": "A ratio is computed only from two figures of the same hub, kind and exact period (to the month). Each row shows both figures and their sources. Do not set ratios of different periods against each other.",
    },
    "compare.ratios.none": {
        "ko": "선택한 허브에는 같은 기간의 짝이 되는 수치가 없어 비율을 계산할 수 없습니다.",
        "en": "None of the chosen hubs has a matching pair of figures for the same period, so no ratio can be computed.",
    },
    "compare.ratios.several": {
        "ko": "한 기간에 같은 지표 수치가 여러 개(범위가 다르거나 출처마다 값이 다름)라 짝마다 비율을 따로 보여 줍니다. 어느 하나를 고르지 않았습니다. 분자·분모 칸의 범위 메모를 확인하세요.",
        "en": "One period has several figures of the same metric (different scopes, or sources that disagree), so each pair gets its own ratio; none was picked. Check the scope notes in the numerator and denominator cells.",
    },
    "compare.col.ratio": {"ko": "비율", "en": "Ratio"},
    "compare.col.numerator": {"ko": "분자 수치", "en": "Numerator"},
    "compare.col.numerator_source": {"ko": "분자 출처", "en": "Numerator source"},
    "compare.col.denominator": {"ko": "분모 수치", "en": "Denominator"},
    "compare.col.denominator_source": {"ko": "분모 출처", "en": "Denominator source"},
    "ratio.investment_per_supported_firm": {
        "ko": "지원기업 1곳당 투자유치",
        "en": "Investment attracted per supported firm",
    },
    "ratio.budget_total_per_trainee": {"ko": "양성 인력 1명당 총사업비", "en": "Total budget per person trained"},
    "ratio.budget_program_per_trainee": {
        "ko": "양성 인력 1명당 사업 예산",
        "en": "Programme budget per person trained",
    },
    "ratio.investment_per_resident_firm": {
        "ko": "입주기업 1곳당 투자유치",
        "en": "Investment attracted per resident firm",
    },
    "ratio.per.firms": {"ko": "(기업 1곳당)", "en": "per firm"},
    "ratio.per.persons": {"ko": "(1명당)", "en": "per person"},
    "ratio.per.count": {"ko": "(1개당)", "en": "per unit"},
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
        "en": "The file was not loaded. Problems found: {n}.",
    },
    "upload.not_saved": {
        "ko": "올린 데이터는 저장되지 않으며 다른 사용자에게 보이지 않습니다.",
        "en": "Uploaded data is not stored and no one else sees it.",
    },
    "upload.badge": {"ko": "사용자 제공", "en": "user-supplied"},
    "upload.header": {"ko": "내 수치 함께 보기", "en": "Bring your own figures"},
    "upload.intro": {
        "ko": "양식에 맞춘 CSV를 올리면 같은 검사기로 확인한 뒤, 이 세션의 모든 화면에 '사용자 제공' 표시와 함께 보여 줍니다. "
        "새 파일을 올리면 앞서 올린 수치를 바꿉니다. UTF-8(BOM 유무 무관)과 CP949/EUC-KR 파일을 읽으며, 파일 하나에 "
        "{limit}, 머리글 아래 {rows}줄까지 받습니다.",
        "en": "Upload a CSV in the template's columns: it is checked by the same validator, then shown on every page of "
        "this session, marked 'user-supplied'. Uploading another file replaces the previous one. UTF-8 (with "
        "or without BOM) and CP949/EUC-KR files are read; up to {limit} and {rows} lines below the header per file.",
    },
    "upload.template": {"ko": "빈 양식 내려받기 (CSV)", "en": "Download the template (CSV)"},
    "upload.template_help": {
        "ko": "열 이름만 있는 빈 양식입니다. 한 줄에 수치 하나를 적고, 출처는 source_id(대시보드에 있는 출처) 또는 "
        "source_publisher·source_title·source_published(YYYY-MM-DD)·source_url(내 출처) 중 하나로 밝힙니다.",
        "en": "An empty template with the column names only. Write one figure per row and cite it either with "
        "source_id (a source already in the dashboard) or with source_publisher, source_title, "
        "source_published (YYYY-MM-DD) and source_url (your own source).",
    },
    "upload.guide.header": {"ko": "열 설명과 허브 ID", "en": "Columns and hub ids"},
    "upload.guide.col.column": {"ko": "열", "en": "Column"},
    "upload.guide.col.required": {"ko": "필수", "en": "Required"},
    "upload.guide.col.what": {"ko": "내용", "en": "What goes in it"},
    "upload.guide.either": {"ko": "둘 중 하나", "en": "one of the two"},
    "upload.guide.figure_id": {
        "ko": "내 수치의 고유 ID (불러오면 앞에 'user-'가 붙습니다)",
        "en": "Your own unique id for the figure ('user-' is put in front when loaded)",
    },
    "upload.guide.hub_id": {"ko": "허브 ID (아래 목록)", "en": "Hub id (list below)"},
    "upload.guide.metric": {
        "ko": "지표 ID (이 화면의 데이터 사전에 있는 metric)",
        "en": "Metric id (the 'metric' column of the data dictionary on this page)",
    },
    "upload.guide.value": {
        "ko": "기본 단위의 숫자만: 원, 개, 명 (예: 1,076억원은 107600000000)",
        "en": "Digits only, in base units: won, count, persons (e.g. KRW 107.6 bn is 107600000000)",
    },
    "upload.guide.unit": {
        "ko": "지표의 단위: KRW, count, firms, persons, PF, m2",
        "en": "The metric's unit: KRW, count, firms, persons, PF, m2",
    },
    "upload.guide.period_start": {"ko": "기간 시작 연도", "en": "First year of the period"},
    "upload.guide.period_end": {
        "ko": "기간 끝 연도 (한 해면 시작 연도와 같음)",
        "en": "Last year of the period (same as the first for one year)",
    },
    "upload.guide.period_start_month": {
        "ko": "한 해의 일부일 때만: 시작 월 (1–12)",
        "en": "Only for part of a year: first month (1–12)",
    },
    "upload.guide.period_end_month": {
        "ko": "한 해의 일부일 때만: 끝 월 (1–12)",
        "en": "Only for part of a year: last month (1–12)",
    },
    "upload.guide.kind": {
        "ko": "actual(실적), cumulative_actual(누적 실적), plan(계획), target(목표)",
        "en": "actual, cumulative_actual, plan or target",
    },
    "upload.guide.source_id": {"ko": "대시보드에 있는 출처의 ID", "en": "The id of a source already in the dashboard"},
    "upload.guide.quote": {
        "ko": "수치가 나온 원문 문장 그대로",
        "en": "The sentence the number is quoted from, verbatim",
    },
    "upload.guide.scope_note": {"ko": "범위에 대한 짧은 메모 (선택)", "en": "A short note on the scope (optional)"},
    "upload.guide.source_publisher": {"ko": "내 출처: 언론사·기관", "en": "Your source: publisher or organisation"},
    "upload.guide.source_title": {"ko": "내 출처: 제목", "en": "Your source: title"},
    "upload.guide.source_published": {
        "ko": "내 출처: 발행일 YYYY-MM-DD (또는 YYYY-MM, YYYY)",
        "en": "Your source: date YYYY-MM-DD (or YYYY-MM, YYYY)",
    },
    "upload.guide.source_url": {"ko": "내 출처: http(s) 주소 (선택)", "en": "Your source: http(s) address (optional)"},
    "upload.limit": {"ko": "CSV 파일 하나, 최대 {limit}", "en": "One CSV file, at most {limit}"},
    "upload.too_long": {
        "ko": "파일의 머리글 아래 줄이 {lines}줄로 한도 {limit}줄을 넘어 읽지 않았습니다. 여러 파일로 나눠 올려 주세요.",
        "en": "The file has {lines} lines below the header, over the limit of {limit}, so it was not read. "
        "Split it into smaller files.",
    },
    "upload.too_wide": {
        "ko": "파일의 머리글에 열이 {columns}개로 한도 {limit}개를 넘어 읽지 않았습니다. 양식의 열 {template}개를 쓰세요.",
        "en": "The file's header has {columns} columns, over the limit of {limit}, so it was not read. Use the "
        "template's {template} columns.",
    },
    "upload.cut": {
        "ko": "문제가 {limit}개를 넘어 검사를 멈췄습니다. 아래 문제를 고친 뒤 다시 올려 주세요.",
        "en": "The check stopped after {limit} problems. Fix these and upload the file again.",
    },
    "upload.too_big": {
        "ko": "파일이 {size}로 한도 {limit}를 넘어 읽지 않았습니다. 여러 파일로 나눠 올려 주세요.",
        "en": "The file is {size}, over the {limit} limit, so it was not read. Split it into smaller files.",
    },
    "upload.converted": {
        "ko": "CP949/EUC-KR로 저장된 파일이라 UTF-8로 변환해 읽었습니다.",
        "en": "The file was saved as CP949/EUC-KR; it was converted to UTF-8 to read it.",
    },
    "upload.more_problems": {
        "ko": "… 외 문제 {n}개 (전체 목록은 내려받으세요)",
        "en": "… and {n} more problems (download the full list)",
    },
    "upload.problems_download": {"ko": "문제 목록 내려받기", "en": "Download the list of problems"},
    "upload.active": {
        "ko": "내 수치 {n}개가 이 세션의 모든 화면에 '사용자 제공'으로 표시됩니다.",
        "en": "Your figures shown on every page of this session, marked 'user-supplied': {n}.",
    },
    "upload.remove": {"ko": "내 수치 지우기", "en": "Remove my figures"},
    "upload.removed": {"ko": "내 수치를 지웠습니다.", "en": "Your figures were removed."},
    "upload.sidebar": {
        "ko": "내가 올린 수치 {n}개가 함께 표시됩니다 (사용자 제공).",
        "en": "Includes figures you uploaded (user-supplied): {n}.",
    },
    "upload.n_user": {"ko": "사용자 제공 {n}개 포함", "en": "incl. {n} user-supplied"},
    "upload.includes": {"ko": "사용자 제공 수치 포함", "en": "includes user-supplied figures"},
    # --- family pages (budgets, firms, personnel, outcomes) -------------------------------
    "family_page.intro.budgets": {
        "ko": "허브별 예산·사업비·R&D 지원을 연도별로 봅니다. 보도된 수치를 그대로 그리며, 없는 해는 비워 둡니다.",
        "en": "Budgets, programme spending and R&D funding per hub and year, exactly as reported; years without a figure stay empty.",
    },
    "family_page.intro.firms": {
        "ko": "입주·지원·유치 기업과 창업 기업 수를 허브별·연도별로 봅니다.",
        "en": "Resident, supported and attracted firms and start-ups, per hub and year.",
    },
    "family_page.intro.personnel": {
        "ko": "허브별로 양성한 인재와 만든 일자리를 연도별로 봅니다.",
        "en": "People trained and jobs created, per hub and year.",
    },
    "family_page.intro.outcomes": {
        "ko": "입주기업 매출, 투자 유치, 특허, 기술이전 같은 성과를 허브별·연도별로 봅니다.",
        "en": "Sales of resident firms, investment attracted, patents, technology transfers and more, per hub and year.",
    },
    "family_page.no_metric": {
        "ko": "이 조건에서 이 분야의 수치가 없습니다. 허브·연도·수치 종류 필터를 넓혀 보세요.",
        "en": "No figures in this area for this selection. Try more hubs, years or kinds of figure.",
    },
    "family_page.caption": {
        "ko": "채운 원·실선 = 실적, 채운 마름모 = 누적 실적, 속 빈 표시·파선/점선 = 계획·목표. 양 끝에 세로 눈금이 있는 가로 선 = 여러 해에 걸친 한 수치(선 길이가 기간, 값 표시). 월이 적힌 짧은 가로 선 = 한 해 중 일부 기간(연간 수치와 잇지 않음). 선은 한 허브·한 세부 사업·한 종류에서 값이 하나뿐인 연이은 해만 잇고, 값이 엇갈린 해는 보도마다 따로 점을 찍습니다. 빈 해는 0이 아니라 보도된 수치가 없다는 뜻입니다.",
        "en": "Filled circle, solid line = actual; filled diamond = cumulative; hollow marker, dashed/dotted line = plan or target. A line with end ticks across years = one figure for the whole period (value labelled). A short line labelled with months = part of a year (not joined to full years). Lines join consecutive years of one hub, part and kind that have one value each; a year with differing reports gets a mark per report; a missing year is a gap, not zero.",
    },
    "family_page.versions_notice": {
        "ko": "출처마다 값이 다른 수치가 {n}건 있어 모두 그렸습니다. 어느 하나를 고르지 않았습니다:",
        "en": "{n} figures have differing values from different sources; all are drawn, none was picked:",
    },
    "family_page.pva.header": {"ko": "계획 대비 실적", "en": "Plan vs actual"},
    "family_page.pva.caption": {
        "ko": "같은 허브·지표·범위(세부 사업)·기간의 계획·목표와 실적만 짝지었습니다. 비율 = 실적 ÷ 계획. 수치 종류 필터와 관계없이 보여 줍니다.",
        "en": "Only a plan or target and an actual for the same hub, metric, scope (part) and exact period are paired. % = actual ÷ plan. Shown whatever kinds are filtered.",
    },
    "family_page.pva.other_metrics": {
        "ko": "‘{metric}’에는 실적과 짝지을 수 있는 계획·목표가 없습니다. 아래는 이 분야의 다른 지표입니다.",
        "en": "‘{metric}’ has no plan or target with a matching actual. Below are this area's other metrics.",
    },
    "family_page.pva.plan_only": {
        "ko": "계획만 있음: 이 분야에는 같은 기간의 실적이 보도된 계획·목표가 없습니다.",
        "en": "Plan only: no plan or target in this area has a reported actual for the same period.",
    },
    "family_page.pva.no_plans": {
        "ko": "이 조건에서는 이 분야에 보도된 계획·목표 수치가 없습니다.",
        "en": "No plan or target figures in this area for this selection.",
    },
    "family_page.metric_option": {"ko": "{label} (수치 {n}건)", "en": "{label} ({n} figures)"},
    "family_page.trend.bounded": {
        "ko": "허브 {total}곳 중 이 지표의 수치가 가장 많은 {shown}곳만 그렸습니다. 다른 허브는 사이드바에서 골라 보세요. 내려받기에는 그린 수치가 모두 들어 있습니다.",
        "en": "Showing {shown} of {total} hubs (those with the most figures for this metric); pick hubs in the sidebar to see others. The download holds every figure drawn.",
    },
    "family_page.pva.bounded": {
        "ko": "짝 {total}개 중 기간이 가장 최근인 {shown}개만 그렸습니다. 다른 짝은 사이드바에서 허브를 골라 보세요.",
        "en": "Showing the {shown} most recent of {total} pairs; pick hubs in the sidebar to see others.",
    },
    "chart.pva.sources": {"ko": "계획 출처 {plan} · 실적 출처 {actual}", "en": "plan: {plan} · actual: {actual}"},
    "chart.plan_vs_actual.title": {"ko": "{metric}: 계획 대비 실적", "en": "{metric}: plan vs actual"},
    # --- chart layer: source line, scales, versions, selected point ------------------------
    "chart.source": {"ko": "출처: {publishers}", "en": "Source: {publishers}"},
    "chart.source.more": {"ko": "{names} 외 {n}곳", "en": "{names} and {n} more"},
    "chart.source.latest": {"ko": "최근 자료 {date}", "en": "latest {date}"},
    "chart.source.all": {
        "ko": "출처: 보도자료·기사 (수치마다 원문 인용, 출처·데이터 페이지)",
        "en": "Source: press releases and articles (a quote per figure, see Sources & data)",
    },
    "chart.source.map": {"ko": "경계: 통계청 SGIS", "en": "Boundaries: Statistics Korea SGIS"},
    "chart.version_label": {"ko": "{n}번째 보도 · {publisher}", "en": "version {n} · {publisher}"},
    "legend.trend.versions": {
        "ko": "{hub} · {kind} · 보도가 엇갈린 해 (보도마다 점, 선 없음)",
        "en": "{hub} · {kind} · years with differing reports (a mark each, not joined)",
    },
    "hover.versions_not_joined": {
        "ko": "이 해에는 값이 {n}개 보도되어 선으로 잇지 않았습니다",
        "en": "{n} values reported for this year, so the line does not pass through it",
    },
    "hover.index": {"ko": "지수 {index} (첫 해 {base} = 100)", "en": "index {index} ({base} = 100)"},
    "axis.log": {"ko": "로그 눈금", "en": "log scale"},
    "axis.index": {"ko": "지수 (첫 해 = 100)", "en": "Index (first year = 100)"},
    "scale.label": {"ko": "눈금", "en": "Scale"},
    "scale.linear": {"ko": "보통", "en": "Linear"},
    "scale.log": {"ko": "로그 눈금", "en": "Log scale"},
    "scale.index": {"ko": "첫 해 = 100", "en": "First year = 100"},
    "scale.help": {
        "ko": "로그 눈금은 큰 값과 작은 값을 함께 읽게 해 줍니다. '첫 해 = 100'은 한 허브의 한 해 단위 실적이 첫 해보다 몇 배가 되었는지 보여 줍니다.",
        "en": "A log scale keeps small values readable next to large ones. 'First year = 100' shows how one hub's yearly actuals grew from their first year.",
    },
    "scale.log_unavailable": {
        "ko": "0 이하의 값이 있어 로그 눈금을 쓸 수 없습니다. 보통 눈금으로 그렸습니다.",
        "en": "A log scale needs values above zero; drawn on a linear scale.",
    },
    "scale.index_unavailable": {
        "ko": "'첫 해 = 100'은 한 허브의 한 해 단위 실적이 2개 해 이상 있을 때만 그립니다. 보통 눈금으로 그렸습니다.",
        "en": "'First year = 100' needs one hub's yearly actuals for at least two years; drawn on a linear scale.",
    },
    "scale.index_note": {
        "ko": "'첫 해 = 100'에는 한 해 단위 실적만 그립니다. 계획·목표·누적, 여러 해·한 해 일부 수치와 보도가 엇갈린 해의 수치 {n}건은 빠졌습니다 (내려받기에는 그린 수치만 있습니다).",
        "en": "'First year = 100' draws only yearly actuals; {n} plan, target, cumulative, multi-year, part-year or conflicting figures are left out (the download holds only the figures drawn).",
    },
    "select.hint": {
        "ko": "차트의 점이나 막대를 누르면 그 수치의 출처와 원문이 여기에 나옵니다.",
        "en": "Tap or click a point or bar to see its source and quote here.",
    },
    "select.header": {"ko": "고른 수치의 출처", "en": "Source of the selected figure"},
    # --- overview page: hub cards, province map, coverage matrix ------------------------
    "overview.cards.header": {"ko": "허브별 최근 실적", "en": "Latest actual figures by hub"},
    "overview.cards.caption": {
        "ko": "분야마다 가장 최근의 실적(또는 누적 실적) 하나를 보여 줍니다. 연도·종류 필터와는 관계없습니다. ⓘ에 출처가 있습니다.",
        "en": "For each family, the most recent actual (or cumulative actual) figure. Not affected by the year and kind filters. The ⓘ shows the source.",
    },
    "overview.cards.more": {
        "ko": "수치가 많은 {shown}곳만 보여 줍니다. 나머지 {n}곳은 사이드바의 허브 필터나 허브 페이지에서 보세요.",
        "en": "Showing the {shown} hubs with the most figures; {n} more can be picked in the sidebar's Hubs filter or seen on the Hub page.",
    },
    "overview.card.no_actual": {"ko": "실적 자료 없음", "en": "no actual figure"},
    "overview.card.more_versions": {
        "ko": "출처마다 다른 수치 {n}개 더 (허브 페이지 참고)",
        "en": "+{n} more versions from other sources (see the Hub page)",
    },
    "overview.card.n_figures": {"ko": "수치 {n}개", "en": "{n} figures"},
    "overview.map.header": {"ko": "시·도별 지도", "en": "Map by province"},
    "overview.map.metric": {"ko": "지도에 칠할 지표", "en": "Metric to shade"},
    "overview.map.period": {"ko": "기간과 종류", "en": "Period and kind"},
    "overview.map.period_option": {
        "ko": "{period} · 단일 허브 {n}곳",
        "en": "{period} · {n} single hubs",
    },
    "overview.map.title": {"ko": "{metric} ({period})", "en": "{metric}, {period}"},
    "overview.map.subtitle": {"ko": "시·도별 단일 허브 합계", "en": "Total of single hubs by province"},
    "overview.map.col.region": {"ko": "시·도", "en": "Province"},
    "overview.map.col.total": {"ko": "합계", "en": "Total"},
    "overview.map.col.hubs": {"ko": "합산한 단일 허브", "en": "Single hubs added"},
    "overview.map.conflict_cell": {
        "ko": "한 허브에 수치가 여럿이라 합계 없음",
        "en": "several figures for one hub, no total",
    },
    "overview.map.caption": {
        "ko": "시·도 합계는 종류({kind})와 기간({period})이 정확히 같은 단일 허브의 수치만 더한 값입니다. 묶음(합계) 단위는 더하지 않습니다. 회색은 자료 없음이며 0이 아닙니다. 빗금은 한 허브에 수치가 여럿(출처별로 다른 수치, 또는 한 계획의 세부 사업들)이라 합계를 내지 않은 시·도입니다.",
        "en": "A province's total adds only single hubs' figures of the same kind ({kind}) and exactly the same period ({period}); aggregates are never added. Grey means no data, not zero. Hatched provinces have a hub with several figures for the period (sources that disagree, or parts of one plan), so no total is given.",
    },
    "overview.map.ring": {
        "ko": "한곳에 여러 허브가 있으면 모두 보이도록 작은 원 모양으로 조금씩 떼어 찍었습니다.",
        "en": "Hubs at the same place are spread on a small ring so that every one is visible.",
    },
    "overview.map.no_options": {
        "ko": "선택한 수치 종류와 연도에는 지도에 칠할 수치가 없습니다. 허브 위치만 표시합니다.",
        "en": "No figures of the chosen kinds and years to shade the map with; only hub locations are shown.",
    },
    "overview.map.no_total": {
        "ko": "선택한 허브에는 이 지표·기간의 단일 허브 수치가 없어 허브 위치만 표시합니다.",
        "en": "None of the chosen single hubs has this metric for this period; only hub locations are shown.",
    },
    "overview.coverage.header": {"ko": "허브·연도별 자료 현황", "en": "Coverage by hub and year"},
    "overview.coverage.caption": {
        "ko": "칸마다 그해를 포함하는 수치가 있는지 보여 줍니다. 여러 해에 걸친 수치는 걸친 모든 해에 표시되며, 종류 필터와 관계없이 모든 종류를 셉니다. 한 칸에 여러 종류가 있으면 실적 > 누적 > 계획·목표 순으로 하나만 표시합니다.",
        "en": "Each cell shows whether any figure covers that year. A multi-year figure marks every year it spans; all kinds count, whatever the kind filter. Where a cell has several kinds, one mark is shown: actual over cumulative over plan/target.",
    },
    "overview.coverage.bounded": {
        "ko": "허브 {total}곳 중 수치가 가장 많은 {shown}곳만 보여 줍니다. 다른 허브는 사이드바에서 골라 보세요.",
        "en": "Showing {shown} of {total} hubs (those with the most figures); pick hubs in the sidebar to see others.",
    },
    "msg.no_hubs": {
        "ko": "선택한 지역에는 허브가 없습니다. 사이드바에서 다른 지역을 고르세요.",
        "en": "The chosen regions have no hubs. Pick other regions in the sidebar.",
    },
    "map.no_data": {"ko": "자료 없음", "en": "no data"},
    "map.legend.no_data": {"ko": "자료 없음 (회색 격자무늬, 0 아님)", "en": "no data (grey cross-hatch, not zero)"},
    "map.legend.conflict": {
        "ko": "한 허브에 수치가 여럿이라 합계 없음 (사선 빗금)",
        "en": "several figures for one hub, no total (diagonal hatch)",
    },
    "map.legend.hubs": {"ko": "허브 (점, 누르면 이름)", "en": "hub (dot; tap or point at it for its name)"},
    "map.legend.aggregates": {"ko": "묶음(합계) (빈 네모)", "en": "aggregate (open square)"},
    "map.hover.conflict": {
        "ko": "수치가 여럿인 허브가 있어(출처별 불일치 또는 세부 사업) 합계를 내지 않음",
        "en": "No total: a hub here has several figures (sources disagree, or parts of one plan)",
    },
    "map.hover.total_of": {"ko": "단일 허브 {n}곳 합계", "en": "Total of {n} single hubs"},
    "map.hover.reporting": {"ko": "이 수치를 보도한 단일 허브 {n}곳", "en": "{n} single hubs report it"},
    "map.hover.hubs_here": {"ko": "이 지역의 선택한 허브 {n}곳", "en": "{n} chosen hubs here"},
    "map.hover.moved": {
        "ko": "같은 곳의 다른 허브와 겹치지 않게 조금 옮겨 표시",
        "en": "moved slightly so hubs at one place do not overlap",
    },
    "map.row.province": {"ko": "시·도 합계", "en": "province total"},
    "map.row.hub": {"ko": "허브 위치", "en": "hub location"},
    "coverage.mark.actual": {"ko": "실적", "en": "actual"},
    "coverage.mark.cumulative": {"ko": "누적 실적만", "en": "cumulative only"},
    "coverage.mark.plan_target": {"ko": "계획·목표만", "en": "plan/target only"},
    "coverage.mark.missing": {"ko": "자료 없음", "en": "none"},
    "coverage.hover.n_figures": {"ko": "수치 {n}개", "en": "{n} figures"},
    # --- hub page --------------------------------------------------------------------------
    "hub.select": {"ko": "허브 선택", "en": "Choose a hub"},
    "hub.region": {"ko": "지역", "en": "Region"},
    "hub.operator": {"ko": "운영 기관", "en": "Operator"},
    "hub.opened": {"ko": "{year}년 개소", "en": "Opened {year}"},
    "hub.member_of": {"ko": "{name}에 속함", "en": "Part of {name}"},
    "hub.members": {"ko": "속한 허브", "en": "Hubs it contains"},
    "hub.name_ko": {"ko": "한국어 이름", "en": "Korean name"},
    "hub.name_en": {"ko": "영어 이름", "en": "English name"},
    "hub.aliases": {"ko": "이전 이름·다른 이름", "en": "Former and other names"},
    "hub.type": {"ko": "유형", "en": "Type"},
    "hub.opened_year": {"ko": "개소 연도", "en": "Opened"},
    "hub.part_of": {"ko": "상위 묶음", "en": "Part of"},
    "hub.note": {"ko": "메모", "en": "Notes"},
    "hub.no_data": {"ko": "자료 없음", "en": "No data"},
    "hub.none": {"ko": "없음", "en": "None"},
    "hub.aggregate_note": {
        "ko": "이 항목은 여러 허브를 합친 묶음(합계)입니다. 속한 허브의 수치와 더하지 마세요.",
        "en": "This entry is an aggregate of several hubs. Never add its figures to those of the hubs it contains.",
    },
    "hub.figures.header": {"ko": "보도된 수치", "en": "Reported figures"},
    "hub.figures.count": {
        "ko": "수치 {n}건 (필터의 수치 종류·연도 적용, 전체 {total}건)",
        "en": "{n} figures (kinds and years from the filters; {total} in all)",
    },
    "hub.timeline.caption": {
        "ko": "한 행이 한 지표입니다. 점 = 한 해 수치, 가로 막대 = 여러 해에 걸친 한 수치(막대 길이가 기간), 짧은 가로 막대 = 한 해 중 일부 기간(그 달들만큼). 채운 표시 = 실적, 속 빈 표시·파선 = 계획·목표. 값과 출처는 표시를 누르거나 아래 표에서 보세요.",
        "en": "One row per metric. Dot = a single-year figure; bar across years = one figure for the whole period; short bar = part of a year (its months). Filled = actual, hollow/dashed = plan or target. Tap or point at a mark, or see the table below, for values and sources.",
    },
    "hub.table.header": {"ko": "수치 표", "en": "Figures table"},
    "hub.sources.header": {"ko": "이 허브의 출처", "en": "Sources for this hub"},
    "hub.no_figures": {
        "ko": "이 허브에는 선택한 수치 종류·연도의 수치가 없습니다. 사이드바 필터를 넓혀 보세요.",
        "en": "This hub has no figures of the chosen kinds and years. Try widening the sidebar filters.",
    },
    "sources.link": {"ko": "링크", "en": "Link"},
    # --- sources page ----------------------------------------------------------------------
    "sources.count": {"ko": "출처 {n}건", "en": "{n} sources"},
    "sources.publisher": {"ko": "발행처", "en": "Publisher"},
    "sources.title": {"ko": "제목", "en": "Title"},
    "sources.published": {"ko": "날짜", "en": "Date"},
    "sources.figures": {"ko": "수치", "en": "Figures"},
    "citation.prefix": {"ko": "자료", "en": "Source"},
    "sources.intro": {
        "ko": "대시보드의 모든 수치와 출처입니다. 한 행은 수치 하나와 그것을 보도한 출처 하나이며, 여러 곳이 같은 수치를 보도했으면 출처마다 한 행입니다.",
        "en": "Every figure in the dashboard with its sources. A row is one figure and one source reporting it; a figure reported by several outlets has a row per source.",
    },
    "sources.all_figures": {"ko": "필터 무시하고 모든 수치 보기", "en": "All figures (ignore the filters)"},
    "sources.search": {"ko": "검색 (허브, 지표, 발행처, 인용문)", "en": "Search (hub, metric, publisher, quote)"},
    "sources.search_placeholder": {"ko": "예: 광주, 투자, 연합뉴스", "en": "e.g. Gwangju, investment, Yonhap"},
    "sources.rows": {
        "ko": "{n}개 행 · 수치 {figures}개 · 출처 {sources}곳",
        "en": "{n} rows · {figures} figures · {sources} sources",
    },
    "sources.table_bounded": {
        "ko": "표에는 {n}개 행 중 처음 {shown}개만 보여 줍니다. 검색하거나 필터를 좁혀 보세요. 내려받기에는 모든 행이 들어 있습니다.",
        "en": "The table shows the first {shown} of {n} rows; search or narrow the filters to see others. The downloads hold every row.",
    },
    "sources.role": {"ko": "출처 구분", "en": "Source role"},
    "sources.primary": {"ko": "주 출처", "en": "primary"},
    "sources.further": {"ko": "추가 출처", "en": "further"},
    "sources.no_match": {
        "ko": "검색어와 맞는 행이 없습니다.",
        "en": "No row matches the search.",
    },
    "sources.download_all_help": {
        "ko": "필터·검색과 관계없이 모든 수치와 모든 출처 (UTF-8 CSV, 엑셀에서 바로 열림)",
        "en": "Every figure with every source, whatever the filters and search (UTF-8 CSV, opens in Excel)",
    },
    "sources.download_filtered": {
        "ko": "이 표 내려받기 (필터·검색 적용)",
        "en": "Download this table (filters and search applied)",
    },
    "sources.prepare_all": {"ko": "전체 데이터 CSV 만들기 ({n}행)", "en": "Prepare all data as CSV ({n} rows)"},
    "sources.prepare_filtered": {
        "ko": "이 표 CSV 만들기 ({n}행, 필터·검색 적용)",
        "en": "Prepare this table as CSV ({n} rows, filters and search applied)",
    },
    "sources.prepare_help": {
        "ko": "행이 많아 누를 때 파일을 만듭니다 (몇 초 걸릴 수 있음). 다 되면 내려받기 버튼이 나타납니다.",
        "en": "A large file is built only when you ask for it (this can take a few seconds); then a download button appears.",
    },
    "sources.preparing": {"ko": "CSV 파일을 만드는 중…", "en": "Building the CSV file…"},
    "sources.cite.header": {"ko": "인용 방법", "en": "How to cite"},
    "sources.cite.dashboard": {
        "ko": "한국 AI 허브 대시보드 (Korea AI Hubs Dashboard), 「지역 AI 허브 수치 모음」, {date} 접속.",
        "en": 'Korea AI Hubs Dashboard (한국 AI 허브 대시보드), "Figures on Korea\'s regional AI hubs", accessed {date}.',
    },
    "sources.cite.note": {
        "ko": "수치를 옮겨 쓸 때는 대시보드와 함께 그 수치의 원출처(아래)를 밝혀 주세요.",
        "en": "When you reuse a figure, cite its original source (below) as well as the dashboard.",
    },
    "sources.cite.per_source": {"ko": "출처별 인용 문구 ({n}곳)", "en": "Citation per source ({n})"},
    "sources.citation": {"ko": "인용 문구", "en": "Citation"},
    "sources.dictionary.header": {"ko": "데이터 사전", "en": "Data dictionary"},
    "sources.dictionary.metric": {"ko": "지표 ID", "en": "Metric ID"},
    "sources.dictionary.label": {"ko": "이름", "en": "Name"},
    "sources.dictionary.unit": {"ko": "단위", "en": "Unit"},
    "sources.dictionary.family": {"ko": "분야", "en": "Area"},
    "sources.dictionary.description": {"ko": "설명", "en": "Description"},
    "sources.dictionary.kinds": {
        "ko": "수치 종류: 실적 = 그해 실제 값, 누적 실적 = 여러 해에 걸쳐 쌓인 실제 값, 계획 = 예정된 값, 목표 = 달성하려는 값. 금액은 원 단위로 저장하고 억원·조원으로 표시합니다.",
        "en": "Kinds: actual = the real value for the period; cumulative = real values accumulated over several years; plan = a scheduled value; target = a goal. Money is stored in won and shown as 억원/조원 (KRW mn/bn/tn).",
    },
    "sources.credits.header": {"ko": "자료 출처와 저작권", "en": "Credits"},
    "sources.credits.news": {
        "ko": "수치는 모두 언론 기사와 보도자료에서 원문 그대로 옮겼습니다. 기사의 저작권은 각 발행처에 있으며, 인용문은 출처 확인을 위해 짧게 옮겼습니다.",
        "en": "Every figure is copied verbatim from news articles and press releases. Articles remain the copyright of their publishers; quotes are kept short, to let you check the source.",
    },
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
    "csv.series": {"ko": "세부 사업", "en": "series"},
    "csv.source_publisher": {"ko": "출처 발행처", "en": "source_publisher"},
    "csv.source_date": {"ko": "출처 날짜", "en": "source_date"},
    "csv.source_url": {"ko": "출처 URL", "en": "source_url"},
    "csv.quote": {"ko": "원문 인용", "en": "quote"},
    "csv.user_supplied": {"ko": "사용자 제공", "en": "user_supplied"},
    "csv.yes": {"ko": "예", "en": "yes"},
    "csv.no": {"ko": "아니오", "en": "no"},
    "csv.row_type": {"ko": "행 종류", "en": "row_type"},
    "csv.region_code": {"ko": "지역 코드", "en": "region_code"},
    "csv.region": {"ko": "지역", "en": "region"},
    "csv.hub_type": {"ko": "허브 유형", "en": "hub_type"},
    "csv.total": {"ko": "합계", "en": "total"},
    "csv.total_formatted": {"ko": "합계 표기", "en": "total_formatted"},
    "csv.n_single_hubs": {"ko": "단일 허브 수", "en": "n_single_hubs"},
    "csv.conflicting_versions": {"ko": "출처별 수치 불일치", "en": "conflicting_versions"},
    "csv.lat": {"ko": "위도", "en": "lat"},
    "csv.lon": {"ko": "경도", "en": "lon"},
    "csv.hub_id": {"ko": "허브 ID", "en": "hub_id"},
    "csv.year": {"ko": "연도", "en": "year"},
    "csv.family": {"ko": "분야", "en": "family"},
    "csv.mark": {"ko": "표시", "en": "mark"},
    "csv.n_figures": {"ko": "수치 개수", "en": "n_figures"},
    "csv.source_title": {"ko": "출처 제목", "en": "source_title"},
    "csv.source_role": {"ko": "출처 구분", "en": "source_role"},
    # --- widget texts, hidden kinds, spreadsheet downloads ----------------------------------
    "widget.choose": {"ko": "선택하세요", "en": "Choose an option"},
    "widget.choose_many": {"ko": "하나 이상 선택하세요", "en": "Choose options"},
    "table.empty": {"ko": "표시할 행이 없습니다.", "en": "No rows to show."},
    "table.missing_legend": {
        "ko": "{dash} 는 보도된 값이 없다는 뜻입니다 (0이 아닙니다).",
        "en": "{dash} means no value was reported (not zero).",
    },
    "kinds.count": {"ko": "{kind} {n}건", "en": "{kind} ({n})"},
    "kinds.hidden": {"ko": "종류 필터로 숨겨진 수치: {what}.", "en": "Hidden by the kind filter: {what}."},
    "kinds.show_all": {"ko": "모든 종류 보기", "en": "Show every kind"},
    "kinds.show": {"ko": "{kinds} 보기", "en": "Show {kinds}"},
    "family_page.metric_hidden_option": {
        "ko": "{label} (수치 {n}건, 모두 {kinds} — 숨겨짐)",
        "en": "{label} ({n} figures, all {kinds} — hidden)",
    },
    "family_page.metric_hidden": {
        "ko": "이 지표의 수치 {n}건은 모두 {kinds}이며, 지금 종류 필터로 숨겨져 있습니다.",
        "en": "{n} figures, all {kinds}: hidden by the kind filter.",
    },
    "sources.hidden_by_kinds": {
        "ko": "종류 필터 때문에 찾지 못했습니다. 다른 종류의 수치 {n}건이 검색어와 맞습니다.",
        "en": "Nothing found because of the kind filter: {n} figures of other kinds match.",
    },
    "download.xlsx": {"ko": "엑셀(.xlsx)로 내려받기", "en": "Download as Excel (.xlsx)"},
    "download.xlsx_prepare": {"ko": "엑셀(.xlsx) 파일 만들기", "en": "Make the Excel (.xlsx) file"},
    "download.all_data_xlsx": {"ko": "전체 수치·출처 엑셀(.xlsx)", "en": "All figures and sources (.xlsx)"},
    "download.filtered_xlsx": {"ko": "검색 결과 엑셀(.xlsx)", "en": "Search results (.xlsx)"},
    "sources.xlsx_too_large": {
        "ko": "엑셀 파일은 {n}행까지 만듭니다. 전체는 CSV로 내려받으세요.",
        "en": "Spreadsheets are made up to {n} rows; the CSV holds them all.",
    },
    "xlsx.sheet.figures": {"ko": "수치", "en": "figures"},
    "xlsx.sheet.notes": {"ko": "단위·설명", "en": "units and notes"},
    "xlsx.sheet.sources": {"ko": "출처", "en": "sources"},
    "xlsx.col.item": {"ko": "항목", "en": "item"},
    "xlsx.col.note": {"ko": "설명", "en": "note"},
    "xlsx.note.title": {"ko": "제목", "en": "title"},
    "xlsx.note.made": {"ko": "내려받은 날", "en": "downloaded"},
    "xlsx.note.units": {
        "ko": "금액은 원(KRW), 기업 수는 개, 사람 수는 명 단위입니다. 'value' 열은 원 단위 숫자, 'value_formatted' 열은 읽기 쉬운 표기입니다.",
        "en": "Money is in won (KRW), firms in firms, people in persons. The value column holds the number in those "
        "units; value_formatted the same value written for reading.",
    },
    "xlsx.note.kinds": {
        "ko": "실적·누적 실적·계획·목표는 서로 다른 종류이며 더하거나 순위를 매기면 안 됩니다.",
        "en": "Actuals, cumulative actuals, plans and targets are different kinds: never add or rank them together.",
    },
    "xlsx.note.missing": {
        "ko": "빈 칸은 보도된 수치가 없다는 뜻이며 0이 아닙니다.",
        "en": "An empty cell means no figure was reported, not zero.",
    },
    "xlsx.note.quote": {
        "ko": "모든 수치의 출처와 원문 인용은 '출처' 시트와 각 행의 quote 열에 있습니다.",
        "en": "Each figure's source and verbatim quote are in the sources sheet and its quote column.",
    },
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
