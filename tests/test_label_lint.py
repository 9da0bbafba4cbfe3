"""The label linter: Korean written numbers, each class of cue on real and synthetic quotes, the review file, the CLI."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import label_lint, validate
from dashboard.label_lint import Row, parse_numbers

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
VALID = ROOT / "tests" / "fixtures" / "valid"


def row(
    quote: str,
    value: str,
    kind: str,
    start: str,
    end: str,
    *,
    metric: str = "budget_total",
    file: str = "budgets.csv",
    line: int = 2,
    figure_id: str = "fig-1",
    source: str = "S1",
    start_month: str = "",
    end_month: str = "",
) -> Row:
    return Row(file, line, figure_id, metric, value, kind, start, end, start_month, end_month, source, quote)


def lint(*rows: Row) -> list[str]:
    return [str(f) for f in label_lint.lint_rows(rows)]


# ------------------------------------------------------------------------------------------ written numbers


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("1,076억원 규모", "107600000000"),
        ("4천119억 원의 대규모의 예산", "411900000000"),
        ("1천76억 원 규모의 올해 사업계획", "107600000000"),
        ("매출은 3조2000억원에서 11조4000억원으로", "3200000000000 11400000000000"),
        ("12억1700만 원", "1217000000"),
        ("총사업비 147억 6000만 원을 투자해", "14760000000"),
        ("2215개 기업, 종사자 1만5597명 규모", "2215 15597"),
        ("302명", "302"),
        ("77개사가 입주했다", "77"),
        ("NHN 클라우드 서비스로 8.85PF, 10.7PB를", "8.85 10.7"),
        ("360여개 기업", "360"),
        ("120여억원 매출과 40여명 고용", "12000000000 40"),
        ("4萬7246m²", "47246"),
        ("1億5000萬 원까지", "150000000"),
        ("A total of 393.9 billion won (US$332 million) will be spent", "393900000000 332000000"),
        ("recorded KRW 173.5 billion of sales", "173500000000"),
        ("신규 고용 1,255명", "1255"),
        ("국비 120억 5개 사업", "12000000000 5"),
        ("2020년부터 5년간", "2020 5"),
        ("평균 매출액은 1,217백만 원(최고 12,327백만 원)", "1217000000 12327000000"),
        ("첨단 3지구 4만 7246㎡에", "3 47246"),
        ("5만 개를 유치", "50000"),
        ("일자리 5만 개, 기업 5000개", "50000 5000"),
        ("AI 中心 産業融合 集積團地(4萬7246m²)", "47246"),
        ("올 하반기에 총 27억5000만 원을 투입한다", "2750000000"),
        ("매출은 3조2000억원에서 11조4000억원으로 256.2% 상승", "3200000000000 11400000000000 256.2"),
        ("신규 고용 1,255명의 성과", "1255"),
        ("5년 동안 4,119억원의 예산", "5 411900000000"),
        ("국비 120억원을 포함해 241억원", "12000000000 24100000000"),
        ("A total of 393.9 billion won (US$332 million)", "393900000000 332000000"),
        ("1.2조원 규모", "1200000000000"),
        ("'24년: 88.5 PF", "24 88.5"),
        ("88.5PF 규모", "88.5"),
        ("360여개 기업을 육성", "360"),
        ("800억 5000만원을 확보했다", "80050000000"),
        ("기업 5000개, 일자리 5만 개를", "5000 50000"),
        ("尖端3地區(379萬7014m²)", "3 3797014"),
        ("5000萬 원에서 1億5000萬 원까지", "50000000 150000000"),
        ("1천여명 일자리", "1000"),
        ("4천119억 원", "411900000000"),
        ("종사자 1만5597명", "15597"),
        ("2018~2019년 누적", "2018 2019"),
        ("첨단 3지구 4만 7246㎡에 2020부터", "3 47246 2020"),
        ("4만 5개 기업", "40000 5"),
        ("숫자 없음", ""),
    ],
)
def test_parse_numbers_reads_korean_and_english_written_numbers(text, values):
    """Each written form reads as exactly these numbers (space-separated), in order, in base units."""
    assert [str(n.value) for n in parse_numbers(text)] == values.split()


def test_parse_numbers_does_not_glue_separate_numbers():
    """A space joins only a smaller Korean unit: 120억 5개 is not 12,000,000,005."""
    assert Decimal(12000000005) not in [n.value for n in parse_numbers("국비 120억 5개 사업")]


@pytest.mark.parametrize(
    ("text", "start", "end", "suffix", "is_time"),
    [
        ("총 1,076억원", 2, 8, "원", False),
        ("2020년부터", 0, 4, "년부터", True),
        ("5년간 투자", 0, 1, "년간", True),
        ("9월 말", 0, 1, "월", True),
        ("그 중 302명(2022년 12월)", 4, 7, "명", False),
        ("77개사가", 0, 2, "개사가", False),
    ],
)
def test_parse_numbers_keeps_place_and_following_word(text, start, end, suffix, is_time):
    number = parse_numbers(text)[0]
    assert (number.start, number.end, number.suffix, number.is_time) == (start, end, suffix, is_time)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("107600000000", Decimal("107600000000")),
        ("8.85", Decimal("8.85")),
        ("", None),
        ("abc", None),
        ("nan", None),
        ("inf", None),
    ],
)
def test_parse_value(cell, value):
    assert label_lint.parse_value(cell) == value


# ------------------------------------------------------------------------ real quotes, labels as filed (flagged)

# Two quotes with one figure filed wrongly (below) and another filed right (in the table of correct labels).
SHORT_PERIOD_QUOTE = (
    "지난해 기준 211개사를 육성 지원했으며 77개사가 스타트업 파크에 입주했다. 또한 약 180억 원의 매출과 672억 원의 "
    "투자유치, 신규 고용 1,255명의 성과를 짧은 기간에 달성했다. 인천경제청은 국가연구기관 및 민간과의 협력을 통해 "
    "올해 300여 개 스타트업을 대상으로 총 120억원의 특화 프로그램을 지원할 계획이다."
)
FROM_HALF_YEAR_QUOTE = (
    "이에 창원시와 KERI는 지난해 하반기부터 총사업비 10억5000만원을 투입해 지상 2층 규모의 연면적 458㎡(140평)의 "
    "공간을 증축하는 공사를 진행해왔다."
)


@pytest.mark.parametrize(
    ("filed", "findings"),
    [
        # budgets.csv: 2020년부터 올해까지 총 사업비 201억원을 투입해 … 성과를 거뒀다 — a running total.
        pytest.param(
            row(
                (
                    "1단계 육성사업으로 2020년부터 올해까지 총 사업비 201억원을 투입해 기술이전 104건, 연구소기업 설립 30곳, "
                    "신규창업 52건, 일자리창출 561명 등의 성과를 거뒀다."
                ),
                "20100000000",
                "actual",
                "2020",
                "2024",
                line=9,
                figure_id="changwon_gangso_zone-budget_total-2020-2024-actual-1",
            ),
            [
                "budgets.csv:9: changwon_gangso_zone-budget_total-2020-2024-actual-1: cue «2020년부터 올해까지» "
                "(running-total cue) contradicts kind=actual"
            ],
            id="running_total_filed_as_actual",
        ),
        # …의 성과를 짧은 기간에 달성했다: the park's results since it opened, not one year's.
        pytest.param(
            row(
                SHORT_PERIOD_QUOTE,
                "18000000000",
                "actual",
                "2020",
                "2020",
                metric="firm_sales",
                file="outcomes.csv",
                line=48,
                figure_id="incheon_startup_park-firm_sales-2020-actual-1",
            ),
            [
                "outcomes.csv:48: incheon_startup_park-firm_sales-2020-actual-1: cue «짧은 기간에» (running-total cue) "
                "contradicts kind=actual"
            ],
            id="short_period_achievement_is_a_running_total",
        ),
        # 국비 N억원을 지원하는 사업에 선정됐다: money to be spent.
        pytest.param(
            row(
                (
                    "'스타트업 파크, 품(POOM)'이 인공지능(AI) 사업 등 국비 125억5000만 원을 지원하는 국가연구개발사업 4개에 잇따라 선정돼"
                ),
                "12550000000",
                "actual",
                "2019",
                "2023",
                metric="rd_funding",
                line=54,
                figure_id="incheon_startup_park-rd_funding-2019-2023-actual-1",
            ),
            [
                "budgets.csv:54: incheon_startup_park-rd_funding-2019-2023-actual-1: cue «지원하는 국가연구개발사업 4개에 "
                "잇따라 선정돼» (plan cue) contradicts kind=actual"
            ],
            id="selected_for_funding_is_a_plan",
        ),
        # N개 과제를 지난해부터 지원 중이다: it has happened.
        pytest.param(
            row(
                "3대 주력산업에 AI 기술을 융합한 14개 연구개발 과제를 지난해부터 지원 중이다.",
                "14",
                "plan",
                "2022",
                "2022",
                metric="projects_selected",
                file="firms.csv",
                line=60,
                figure_id="gwangju_ai_cluster-projects_selected-2022-plan-1",
            ),
            [
                "firms.csv:60: gwangju_ai_cluster-projects_selected-2022-plan-1: cue «지난해부터 지원 중이다» (past cue) "
                "contradicts kind=plan"
            ],
            id="ongoing_since_last_year_is_not_a_plan",
        ),
        # 기업 43개, 기관 7개와 협약했다 filed as 50 firms.
        pytest.param(
            row(
                "광주시는 이날까지 기업 43개, 기관 7개와 협약했다.",
                "50",
                "cumulative_actual",
                "2019",
                "2020",
                metric="firms_mou",
                file="firms.csv",
                line=37,
                figure_id="gwangju_ai_cluster-firms_mou-2019-2020m11-cumulative_actual-1",
                end_month="11",
            ),
            [
                "firms.csv:37: gwangju_ai_cluster-firms_mou-2019-2020m11-cumulative_actual-1: cue «43개 … 7개와» "
                "(count cue: 43 + 7) contradicts value=50"
            ],
            id="two_counts_summed",
        ),
        # 지금까지 취업률을 살펴보면 1기는 55명: employed so far, filed as one year's actual.
        pytest.param(
            row(
                "지금까지 취업률을 살펴보면 1기는 55명(68.8%), 2기는 49명(50%), 3기는 177명(65.3%)이며",
                "49",
                "actual",
                "2021",
                "2021",
                metric="graduates_employed",
                file="personnel.csv",
                line=10,
                figure_id="g-2021",
            ),
            ["personnel.csv:10: g-2021: cue «지금까지» (running-total cue) contradicts kind=actual"],
            id="so_far_before_a_cohort_count",
        ),
        # 올해부터 150억원 규모의 … 단계적으로 구축할 예정: from this year on, over years.
        pytest.param(
            row(
                "포항 AI 가속기센터는 올해부터 150억원 규모의 고성능 GPU 인프라를 단계적으로 구축할 예정이다.",
                "15000000000",
                "plan",
                "2025",
                "2025",
                metric="budget_program",
                line=58,
                figure_id="pohang_gyeongbuk_ai-budget_program-2025-plan-1",
            ),
            [
                "budgets.csv:58: pohang_gyeongbuk_ai-budget_program-2025-plan-1: cue «올해부터» (span cue) "
                "contradicts period=2025 (one year)"
            ],
            id="from_this_year_on",
        ),
        # A part of the year before 부터: spent from the second half of last year on.
        pytest.param(
            row(
                FROM_HALF_YEAR_QUOTE,
                "1050000000",
                "actual",
                "2021",
                "2021",
                metric="budget_program",
                line=5,
                figure_id="changwon_gangso_zone-budget_program-2021-actual-2",
            ),
            [
                "budgets.csv:5: changwon_gangso_zone-budget_program-2021-actual-2: cue «지난해 하반기부터» (span cue) "
                "contradicts period=2021 (one year)"
            ],
            id="from_the_second_half_of_last_year_on",
        ),
    ],
)
def test_real_labels_as_filed_are_flagged(filed, findings):
    assert lint(filed) == findings


def test_real_every_year_in_one_sentence_filed_under_two_years():
    """매년 30억원의 운영 예산과 500억원의 펀드: one sentence, two periods, and neither is one year."""
    quote = "민간 주도 육성 프로그램 운영은 신한금융지주 컨소시엄이 담당해 매년 30억원의 운영 예산과 500억원의 펀드를 지원하고"
    budget = row(
        quote,
        "3000000000",
        "plan",
        "2021",
        "2021",
        metric="budget_program",
        line=49,
        figure_id="incheon_startup_park-budget_program-2021-plan-1",
        source="S021",
    )
    fund = row(
        quote,
        "50000000000",
        "plan",
        "2020",
        "2020",
        metric="fund_size",
        line=52,
        figure_id="incheon_startup_park-fund_size-2020-plan-1",
        source="S021",
    )
    assert lint(budget, fund) == [
        "budgets.csv:49: incheon_startup_park-budget_program-2021-plan-1: cue «매년» (span cue) "
        "contradicts period=2021 (one year)",
        "budgets.csv:49: incheon_startup_park-budget_program-2021-plan-1: cue «매년» (one sentence, two periods) "
        "contradicts period=2021: incheon_startup_park-fund_size-2020-plan-1 (budgets.csv:52) has period=2020",
        "budgets.csv:52: incheon_startup_park-fund_size-2020-plan-1: cue «매년» (span cue) "
        "contradicts period=2020 (one year)",
        "budgets.csv:52: incheon_startup_park-fund_size-2020-plan-1: cue «매년» (one sentence, two periods) "
        "contradicts period=2020: incheon_startup_park-budget_program-2021-plan-1 (budgets.csv:49) has period=2021",
    ]


# ---------------------------------------------------------------- real quotes, correct labels (not flagged)


@pytest.mark.parametrize(
    ("quote", "value", "kind", "start", "end", "metric"),
    [
        # The budget secured this year is a plan: the past verb 확보했다 does not make it spent.
        ("올해 국비예산 626억원을 확보했다.", "62600000000", "plan", "2020", "2020", "budget_national_share"),
        # 누적 belongs to the other number (after a clause end), 작년 한 해만 to this one.
        (
            "이들 기업은 작년 한 해만 521억 원의 국내외 투자를 이뤄내며 누적 투자유치 883억 원을 달성했다.",
            "52100000000",
            "actual",
            "2020",
            "2020",
            "investment_attracted",
        ),
        (
            "이들 기업은 작년 한 해만 521억 원의 국내외 투자를 이뤄내며 누적 투자유치 883억 원을 달성했다.",
            "88300000000",
            "cumulative_actual",
            "2018",
            "2020",
            "investment_attracted",
        ),
        # 누적 inside another number's parentheses.
        (
            "지난해 정량적 성과만 △기술이전·출자 411건 △연구소기업 108개사(누적 총 292개사) 설립 △신규 창업 기업 182개사",
            "108",
            "actual",
            "2022",
            "2022",
            "research_institute_firms_founded",
        ),
        # 지금까지 stands after this number, before the other one.
        (
            "'AI 양재 허브'가 배출한 교육생은 작년 한 해에만 1057명, 지금까지 총 1629명에 이른다.",
            "1057",
            "actual",
            "2020",
            "2020",
            "personnel_trained",
        ),
        # The nearest period word (2021년) overrides the earlier 그동안.
        (
            "2020년 7월 개교한 AI사관학교는 그동안 1기 155명, 2021년 2기 157명의 인공지능 융합 인재를 양성했다.",
            "157",
            "actual",
            "2021",
            "2021",
            "personnel_trained",
        ),
        # 총 after 올해: this year's total, not a running one.
        (
            "'인공지능 사관학교'가 올해 6기 교육을 마무리하며 총 307명의 전문 인력을 배출했다.",
            "307",
            "actual",
            "2025",
            "2025",
            "personnel_trained",
        ),
        # 목표 belongs to the park, after the relative clause 투입된 that governs the number.
        (
            "총 241억원의 예산이 투입된 인천스타트업파크는 미국 실리콘밸리·중국 중관춘(中關村)과 같은 개방형 혁신창업 거점을 "
            "목표로 하고 있으며",
            "24100000000",
            "actual",
            "2019",
            "2021",
            "budget_total",
        ),
        # The start of a change: 확대할 계획 governs 113, not the current 78.
        (
            "서울시는 올해에도 'AI 양재 허브' 입주기업을 현재 78개에서 113개로 확대할 계획이다.",
            "78",
            "actual",
            "2021",
            "2021",
            "firms_resident",
        ),
        # Selected now (actual); the support from October is another statement.
        (
            "'AI 혁신클러스터 멤버십'도 운영한다. 지난 7~8월 모집을 통해 총 78개사가 최종 선정, 오는 10월부터 이들에게 AI 기술 "
            "고도화, 투자유치 컨설팅, 국내외 네트워킹 등 특화 프로그램을 지원한다.",
            "78",
            "actual",
            "2025",
            "2025",
            "firms_supported",
        ),
        # Capacity, not a plan: 입주할 수 있는.
        (
            "현재 100개 스타트업이 입주할 수 있는 사무공간과 회의실 등 다양한 지원 공간을 보유하고 있다.",
            "100",
            "actual",
            "2023",
            "2023",
            "firm_capacity_units",
        ),
        # A bounded span that is going on: 지난 2020년부터 오는 2024년까지 … 진행하고 있다 is a plan.
        (
            "사업단은 지난 2020년부터 오는 2024년까지 5개년 계획으로 집적단지 조성사업을 진행하고 있다. 총 4295억원을 투입해 "
            "▲공간건축 ▲인공지능 데이터센터 ▲실증기반 ▲AI특화창업 ▲인력양성을 추진하는 사업이다.",
            "429500000000",
            "plan",
            "2020",
            "2024",
            "budget_total",
        ),
        # A plan over years, with its years named.
        (
            "2020년부터 2024년까지 5년 동안 4,119억원의 예산을 투입하여 광주의 주력산업(자동차, 헬스케어, 에너지)과 인공지능(AI) "
            "융합을 촉진하고",
            "411900000000",
            "plan",
            "2020",
            "2024",
            "budget_total",
        ),
        (
            "A total of 393.9 billion won (US$332 million) will be spent from 2020 to 2024 for the project, according to "
            "the ministry.",
            "393900000000",
            "plan",
            "2020",
            "2024",
            "budget_total",
        ),
        (
            "From 2018 to 2021, 137 companies joined the hub.",
            "137",
            "cumulative_actual",
            "2018",
            "2021",
            "firms_resident",
        ),
        (
            "2019년 8월 지정 이후 창원 강소특구는 총사업비 176억6000만원을 확보해 ... 기술이전 실적 89건(74억9000만원), "
            "공공연구기관의 기술출자를 통해 연구소기업 26개사 설립",
            "89",
            "cumulative_actual",
            "2019",
            "2023",
            "tech_transfers",
        ),
        # The budget secured since designation is money received to date, not a plan.
        (
            "2019년 8월 지정 이후 창원 강소특구는 총사업비 176억6000만원을 확보해 ... 기술이전 실적 89건(74억9000만원), "
            "공공연구기관의 기술출자를 통해 연구소기업 26개사 설립",
            "17660000000",
            "cumulative_actual",
            "2019",
            "2023",
            "budget_total",
        ),
        # Measured against a plan or a target: still an actual.
        ("센터는 매출 100억원을 기록해 목표를 초과 달성했다.", "10000000000", "actual", "2024", "2024", "firm_sales"),
        ("시는 120억원을 계획보다 일찍 투입했다.", "12000000000", "actual", "2024", "2024", "budget_total"),
        ("The project will spend 10 billion won in total.", "10000000000", "plan", "2024", "2024", "budget_total"),
        ("Sales reached 5 billion won, up from a year ago.", "5000000000", "actual", "2024", "2024", "firm_sales"),
        # A one-year actual with months: 9월 말 기준 is no span.
        (
            "올해 9월 말 기준 신규 고용창출 54명, 특허 출원 및 등록 52건, 투자유치 35억8900만원, 타 지원사업을 통한 자금 "
            "9억4500만원 확보 등의 성과를 보였다.",
            "3589000000",
            "actual",
            "2020",
            "2020",
            "investment_attracted",
        ),
        # The value itself is written: no count cue even though 100 + 50 = 150.
        (
            "올해는 고성능 컴퓨팅 자원 지원 100개, 실증 장비 50여개 등 총 150여개 기업을 지원할 계획이다.",
            "150",
            "plan",
            "2022",
            "2022",
            "firms_supported",
        ),
        # The same quote's 2021 programme budget is a plan, filed so; its sentence has none of the running-total words.
        (SHORT_PERIOD_QUOTE, "12000000000", "plan", "2021", "2021", "budget_program"),
        # Spent from the second half of last year on, filed over 2020-2021: no single year.
        (FROM_HALF_YEAR_QUOTE, "1050000000", "actual", "2020", "2021", "budget_program"),
        # 2020년부터 총 604억 원을 투자하여 … 주력해 왔다: the earlier 2019년 is not the number's period.
        (
            (
                "경남 강소특구 3곳은 지난 2019년 8월 ▲ 창원 지능전기기반기계융합 ▲ 진주 항공우주부품·소재 ▲ 김해 의생명의료기기를 "
                "특화분야로 지정된 이래, 2020년부터 총 604억 원을 투자하여(국비 463억 원) 지역 주력산업의 산학연 협력 생태계를 "
                "구축하고, 특구 내 입주기업을 위한 인프라 개선에 주력해 왔다."
            ),
            "60400000000",
            "cumulative_actual",
            "2020",
            "2024",
            "budget_total",
        ),
        # 연간 매출액 179억 원: per year, so one year's figure; 연간 is no span cue.
        (
            (
                "또한 전주기에 이르는 맞춤형 기업 성장지원사업과 후속성장 지원시스템을 통해 기술이전 65건, 연구소·첨단기술기업 "
                "8개사 설립, 신규창업 15개사 설립을 통해 수혜 기업 대상 연간 매출액 179억 원, 248명의 일자리 창출의 성과를 "
                "나타냈다."
            ),
            "17900000000",
            "actual",
            "2023",
            "2023",
            "firm_sales",
        ),
    ],
)
def test_real_correct_labels_are_not_flagged(quote, value, kind, start, end, metric):
    assert lint(row(quote, value, kind, start, end, metric=metric)) == []


# Quotes with two figures each, filed under two periods correctly (the table below).
SALES_CHANGE = "이 기간 입주 기업이 올린 매출은 3조2000억원에서 11조4000억원으로 256.2% 상승했다."
AREA_CHANGE = "지원 면적도 7배 이상(17년 1개 시설 4,000㎡ → 24년 5개 시설 28,233㎡) 확대되었다."
COHORTS_SO_FAR = "지금까지 취업률을 살펴보면 1기는 55명(68.8%), 2기는 49명(50%), 3기는 177명(65.3%)이며"
CES_AWARDS = "또 40억원 펀드 투자와 세계 최대 가전·정보통신기술 전시회 'CES 2026' 혁신상 17건을 수상했다."
CENTUM_GROWTH = (
    "과학기술정보통신부가 센텀시티 일대를 디지털 혁신 거점으로 지정한 데 따라 부산시는 현재의 재송동 일대 센텀산단 "
    "부지 약 35만 평(117만8000㎡)을 제2센텀산단(60만 평, 194만6000㎡)까지 확대하는 방안을 마련했다."
)
SAME_VALUE_TWICE = (
    "1기는 155명(2020년 12월), 2기는 157명(2021년 12월), 3기는 302명(2022년 12월)을 배출했으며 다음달에는 "
    "4기 302명이 수료할 예정이다."
)


@pytest.mark.parametrize(
    ("quote", "first", "second"),
    [
        # 3조2000억원에서 11조4000억원으로, 4,000㎡ → 28,233㎡: two ends of a change, dated apart.
        (SALES_CHANGE, ("3200000000000", "actual", "2015", "2015"), ("11400000000000", "actual", "2023", "2023")),
        (AREA_CHANGE, ("4000", "actual", "2017", "2017"), ("28233", "actual", "2024", "2024")),
        # 1기는 55명, 2기는 49명: each number has its cohort, so filing them under 2020 and 2021 is no two-period
        # finding (지금까지 still makes each a running total).
        (COHORTS_SO_FAR, ("55", "cumulative_actual", "2020", "2022"), ("49", "cumulative_actual", "2021", "2022")),
        # 'CES 2026' dates the awards, not the fund investment; 117만8000㎡를 … 194만6000㎡까지 확대 is a change.
        (CES_AWARDS, ("4000000000", "actual", "2025", "2025"), ("17", "actual", "2026", "2026")),
        (CENTUM_GROWTH, ("1178000", "actual", "2024", "2024"), ("1946000", "plan", "2024", "2030")),
        # 3기는 302명 … 4기 302명: which 302 a row means cannot be told, so the two rows are not compared.
        (SAME_VALUE_TWICE, ("302", "actual", "2022", "2022"), ("302", "plan", "2023", "2023")),
    ],
)
def test_real_two_figures_of_one_quote_are_not_two_periods(quote, first, second):
    """Rows a (line 2) and b (line 3) of one quote, each (value, kind, start, end): no finding."""
    assert lint(row(quote, *first, figure_id="a"), row(quote, *second, figure_id="b", line=3)) == []


def test_real_stock_now_and_running_total_to_now_are_not_two_periods():
    """현재 80개사가 입주해 있으며, 지원하는 스타트업체는 총 298개사: residents now (2021) and all supported since 2020,
    both up to now; the same pair filed with different ends is still flagged."""
    quote = "현재 인천스타트업파크에는 80개사가 입주해 있으며, 지원하는 스타트업체는 총 298개사."
    resident = row(quote, "80", "actual", "2021", "2021", metric="firms_resident", figure_id="a")
    supported = row(quote, "298", "cumulative_actual", "2020", "2021", metric="firms_supported", figure_id="b", line=3)
    assert lint(resident, supported) == []
    earlier = row(quote, "298", "cumulative_actual", "2020", "2020", metric="firms_supported", figure_id="b", line=3)
    assert lint(resident, earlier) == [
        "budgets.csv:2: a: cue «same sentence» (one sentence, two periods) contradicts period=2021: "
        "b (budgets.csv:3) has period=2020",
        "budgets.csv:3: b: cue «same sentence» (one sentence, two periods) contradicts period=2020: "
        "a (budgets.csv:2) has period=2021",
    ]


# ---------------------------------------------------------------------------------- synthetic, one per class


@pytest.mark.parametrize(
    ("quote", "value", "kind", "start", "end", "expected"),
    [
        (
            "센터는 누적 120억원의 매출을 올렸다.",
            "12000000000",
            "actual",
            "2023",
            "2023",
            "cue «누적» (running-total cue) contradicts kind=actual",
        ),
        (
            "허브는 현재까지 45개 기업을 지원했다.",
            "45",
            "actual",
            "2023",
            "2023",
            "cue «현재까지» (running-total cue) contradicts kind=actual",
        ),
        (
            "그동안 모은 12억원을 투입할 계획이다.",
            "1200000000",
            "plan",
            "2024",
            "2024",
            "cue «그동안» (running-total cue) contradicts kind=plan",
        ),
        (
            "2021년 개소 이후 30개 기업이 입주했다.",
            "30",
            "actual",
            "2023",
            "2023",
            "cue «2021년 개소 이후» (running-total cue) contradicts kind=actual",
        ),
        (
            "The hub has supported 45 firms since 2019.",
            "45",
            "actual",
            "2023",
            "2023",
            "cue «since» (running-total cue) contradicts kind=actual",
        ),
        (
            "사관학교는 총 500명을 배출했다.",
            "500",
            "actual",
            "2023",
            "2023",
            "cue «총 … 배출» (running-total cue) contradicts kind=actual",
        ),
        (
            "지원하는 기업은 총 90개사다.",
            "90",
            "actual",
            "2023",
            "2023",
            "cue «지원하는 기업은 총» (running-total cue) contradicts kind=actual",
        ),
        (
            "시는 30억원을 투입할 예정이다.",
            "3000000000",
            "actual",
            "2023",
            "2023",
            "cue «투입할» (plan cue) contradicts kind=actual",
        ),
        (
            "시는 올해 국비 50억원을 확보했다.",
            "5000000000",
            "actual",
            "2023",
            "2023",
            "cue «확보했다» (plan cue) contradicts kind=actual",
        ),
        (
            "시는 국비 50억원을 지원하는 사업에 선정됐다.",
            "5000000000",
            "cumulative_actual",
            "2020",
            "2023",
            "cue «지원하는 사업에 선정됐» (plan cue) contradicts kind=cumulative_actual",
        ),
        (
            "The city plans to invest 20 billion won.",
            "20000000000",
            "actual",
            "2023",
            "2023",
            "cue «plans to» (plan cue) contradicts kind=actual",
        ),
        (
            "센터는 40억원을 투입했다.",
            "4000000000",
            "plan",
            "2023",
            "2023",
            "cue «투입했다» (past cue) contradicts kind=plan",
        ),
        (
            "매년 10억원을 지원한다.",
            "1000000000",
            "plan",
            "2023",
            "2023",
            "cue «매년» (span cue) contradicts period=2023 (one year)",
        ),
        (
            "3년간 90억원을 투입한다.",
            "9000000000",
            "plan",
            "2024",
            "2024",
            "cue «3년간» (span cue) contradicts period=2024 (one year)",
        ),
        (
            "2021년부터 2023년까지 60억원을 투입한다.",
            "6000000000",
            "plan",
            "2023",
            "2023",
            "cue «2021년부터 2023년까지» (span cue) contradicts period=2023 (one year)",
        ),
        (
            "The city spends 5 billion won each year on it.",
            "5000000000",
            "plan",
            "2023",
            "2023",
            "cue «each year» (span cue) contradicts period=2023 (one year)",
        ),
        (
            "올해 20억원을 투입한다.",
            "2000000000",
            "plan",
            "2022",
            "2024",
            "cue «올해» (single-year cue) contradicts period=2022-2024",
        ),
        (
            "협약 기업은 기업 12개, 기관 3개다.",
            "15",
            "cumulative_actual",
            "2020",
            "2023",
            "cue «12개 … 3개다» (count cue: 12 + 3) contradicts value=15",
        ),
    ],
)
def test_synthetic_rows_each_class(quote, value, kind, start, end, expected):
    assert lint(row(quote, value, kind, start, end, figure_id="syn-1")) == [f"budgets.csv:2: syn-1: {expected}"]


def test_synthetic_one_sentence_two_periods():
    """Two rows of one sentence whose values share one period word (or none) but are filed under two periods."""
    quote = "시는 운영비 10억원과 장비비 20억원을 투입했다."
    first = row(quote, "1000000000", "actual", "2022", "2022", figure_id="a", line=2)
    second = row(quote, "2000000000", "actual", "2023", "2023", figure_id="b", line=5)
    assert lint(first, second) == [
        "budgets.csv:2: a: cue «same sentence» (one sentence, two periods) contradicts period=2022: "
        "b (budgets.csv:5) has period=2023",
        "budgets.csv:5: b: cue «same sentence» (one sentence, two periods) contradicts period=2023: "
        "a (budgets.csv:2) has period=2022",
    ]
    # Another source's identical sentence is another statement; each value dated by its own word is fine.
    assert lint(first, row(quote, "2000000000", "actual", "2023", "2023", figure_id="b", source="S2")) == []
    dated = "시는 2022년 10억원, 2023년 20억원을 투입했다."
    assert (
        lint(
            row(dated, "1000000000", "actual", "2022", "2022", figure_id="a"),
            row(dated, "2000000000", "actual", "2023", "2023", figure_id="b", line=5),
        )
        == []
    )


@pytest.mark.parametrize(
    ("quote", "value", "kind", "start", "end"),
    [
        ("센터는 누적 120억원의 매출을 올렸다.", "12000000000", "cumulative_actual", "2019", "2023"),
        ("시는 30억원을 투입할 예정이다.", "3000000000", "plan", "2023", "2023"),
        ("센터는 40억원을 투입했다.", "4000000000", "actual", "2023", "2023"),
        ("매년 10억원을 지원한다.", "1000000000", "plan", "2022", "2024"),
        ("올해 20억원을 투입한다.", "2000000000", "plan", "2024", "2024"),
        ("협약 기업은 기업 12개, 기관 3개다.", "12", "cumulative_actual", "2020", "2023"),
        ("올해 12억원을 확보했다.", "1200000000", "actual", "2023", "2023"),  # metric below is not a budget
    ],
)
def test_synthetic_rows_labelled_as_their_words_say(quote, value, kind, start, end):
    metric = "investment_attracted" if "확보" in quote else "budget_total"
    assert lint(row(quote, value, kind, start, end, metric=metric)) == []


def test_row_without_a_readable_value_or_quote_is_skipped():
    assert lint(row("시는 30억원을 투입할 예정이다.", "", "actual", "2023", "2023")) == []
    assert lint(row("", "3000000000", "actual", "2023", "2023")) == []


# ----------------------------------------------------------------------------------- folder, review, CLI


def make_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    path = folder / "budgets.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "bud-005,gwangju_ai_cluster,budget_total,5000000000,KRW,2023,2023,,,actual,"
        "src_etnews_2020,시는 올해 국비 50억원을 확보했다.,\n",
        encoding="utf-8",
    )
    return folder


FINDING = "budgets.csv:6: bud-005: cue «확보했다» (plan cue) contradicts kind=actual"


def test_check_reads_the_folder_with_file_and_line(tmp_path):
    report = label_lint.check(make_folder(tmp_path))
    assert [str(f) for f in report.unacknowledged] == [FINDING]
    assert (report.acknowledged, report.stale, report.review_problems, report.failed) == ([], [], [], True)


def test_line_numbers_count_physical_lines_after_a_multiline_quote(tmp_path):
    """outcomes.csv of the fixture has a quote over three lines (rows on lines 2-4, 5, 6): a new row is line 7."""
    folder = make_folder(tmp_path)
    path = folder / "outcomes.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "out-004,gwangju_ai_cluster,jobs_created,40,persons,2023,2023,"
        ",,actual,src_yonhap_2021,센터는 지금까지 40명을 채용했다.,\n",
        encoding="utf-8",
    )
    assert [str(f) for f in label_lint.check(folder).unacknowledged] == [
        FINDING,
        "outcomes.csv:7: out-004: cue «지금까지» (running-total cue) contradicts kind=actual",
    ]


def test_acknowledged_finding_passes_and_stale_one_is_warned(tmp_path):
    folder = make_folder(tmp_path)
    (folder / "label_review.csv").write_text(
        "figure_id,cue,reason\nbud-005,확보했다,the article calls it money spent\nbud-001,누적,an old finding\n",
        encoding="utf-8",
    )
    report = label_lint.check(folder)
    assert [str(f) for f in report.acknowledged] == [FINDING]
    assert report.unacknowledged == []
    assert report.stale == [
        "label_review.csv:3: bud-001: cue «누적» matches no finding any more (stale acknowledgement; remove the line)"
    ]
    assert report.failed is False


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("figure,cue,reason\n", "label_review.csv:1: header must be figure_id,cue,reason"),
        (
            "\ufefffigure_id,cue,reason\n",
            "label_review.csv: starts with a byte order mark; save it as UTF-8 without BOM",
        ),
        (
            "figure_id,cue,reason\nbud-005,확보했다,\n",
            "label_review.csv:2: figure_id, cue and reason must all be filled in",
        ),
        (
            "figure_id,cue,reason\nbud-005,확보했다\n",
            "label_review.csv:2: expected 3 cells (figure_id,cue,reason), found 2",
        ),
        (
            "figure_id,cue,reason\nbud-005,확보했다,a\nbud-005,확보했다,b\n",
            "label_review.csv:3: repeats the acknowledgement on line 2",
        ),
    ],
)
def test_review_file_problems_fail(tmp_path, text, problem):
    folder = make_folder(tmp_path)
    (folder / "label_review.csv").write_text(text, encoding="utf-8")
    report = label_lint.check(folder)
    assert problem in report.review_problems
    assert report.failed is True


def test_cli_prints_findings_after_structural_problems_and_fails(tmp_path, capsys):
    folder = make_folder(tmp_path)
    assert validate.main([str(folder)]) == 1
    assert capsys.readouterr().out.splitlines() == [FINDING]
    # A structural problem comes first, the finding after it.
    path = folder / "hubs.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",2020,35.2254,", ",1800,35.2254,"), encoding="utf-8")
    assert validate.main([str(folder)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "hubs.csv:2: opened_year 1800 is not between 1990 and 2100",
        FINDING,
    ]


def test_cli_passes_with_acknowledged_findings_and_warns_stale(tmp_path, capsys):
    folder = make_folder(tmp_path)
    (folder / "label_review.csv").write_text(
        "figure_id,cue,reason\nbud-005,확보했다,reason\nbud-001,누적,old\n", encoding="utf-8"
    )
    assert validate.main([str(folder)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"OK: 12 figures, 4 hubs, 4 sources ({folder}/)",
        "labels: 1 findings acknowledged in label_review.csv",
        "warning: label_review.csv:3: bud-001: cue «누적» matches no finding any more "
        "(stale acknowledgement; remove the line)",
    ]


def test_bundled_data_has_no_unjudged_and_no_stale_findings():
    """Every finding on data/ is fixed or acknowledged in data/label_review.csv with a reason, and every
    acknowledgement still matches a finding (this is what makes CI enforce the linter)."""
    report = label_lint.check(DATA)
    assert report.review_problems == []
    assert [str(f) for f in report.unacknowledged] == []
    assert report.stale == []


def test_bundled_review_file_is_utf8_without_bom_with_its_header():
    raw = (DATA / "label_review.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8").splitlines()[0] == "figure_id,cue,reason"


# --------------------------------------------------------------------------------------------- robustness

_QUOTE_PIECES = st.sampled_from(
    [
        "누적 ",
        "지금까지 ",
        "2020년부터 ",
        "올해까지 ",
        "매년 ",
        "3년간 ",
        "(",
        ")",
        "[",
        "…",
        "1,076억원",
        "4천119억 원",
        "3조2000억원",
        "1만5597명",
        "8.85PF",
        "12억1700만 원",
        "4만 7246㎡",
        "1,217백만 원",
        " 확보했다",
        " 투입할 예정이다",
        "했고 ",
        "며 ",
        ". ",
        "보다 ",
        "에서 ",
        "→",
        "since ",
        "will ",
        "1기는 ",
        "CES 2026 ",
        "\n",
        ",",
        " ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(st.one_of(_QUOTE_PIECES, st.text(max_size=8)), max_size=30),
    value=st.sampled_from(["107600000000", "15597", "8.85", "47246", "1217000000", "0", "-5", "1e400", "x"]),
    kind=st.sampled_from(["actual", "cumulative_actual", "plan", "target", ""]),
    start=st.sampled_from(["2020", "2023", ""]),
    end=st.sampled_from(["2020", "2024", "x"]),
)
def test_any_quote_is_linted_without_error(pieces, value, kind, start, end):
    """Odd quotes, values and labels give findings or none, never an exception; every finding names its row."""
    quote = "".join(pieces)
    first = row(quote, value, kind, start, end, figure_id="a")
    second = row(quote, "1000000000", kind, end, end, figure_id="b", line=3)
    for finding in label_lint.lint_rows([first, second]):
        assert (finding.file, finding.figure_id) in {("budgets.csv", "a"), ("budgets.csv", "b")}
        assert finding.line in (2, 3)


def test_app_load_path_does_not_import_the_linter():
    """Only the command line lints labels: loading the data for the app (dashboard.data) keeps start-up fast."""
    import subprocess
    import sys

    code = "import sys, dashboard.data; print('dashboard.label_lint' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize(
    "month, expected", [("7", "2021m07-2022"), ("²", "2021-2022"), ("٣", "2021-2022"), ("", "2021-2022")]
)
def test_period_reads_only_ascii_month_digits(month: str, expected: str) -> None:
    """A month cell of non-ASCII digits (², ٣) is no month: the period text leaves it out instead of raising."""
    row = Row("budgets.csv", 2, "x", "budget_total", "1", "actual", "2021", "2022", month, "", "S001", "총 1억원")
    assert row.period == expected
