"""Label corrections after reading each row's quote: the words of the quote win over the fact base's labels.

Each entry is (selector, changes, words, reason):
- selector: fact-base fields as written in the fact file (see `sel` in scripts/facts/rows.py), matched BEFORE any fix;
- changes: the new labels, any of kind, period_start, period_end, start_month, end_month, metric, value, series
  (months and series as text, "" clears them);
- words: the words of the row's own quote that decide the change; import_facts.py stops if they are not in it;
- reason: one line, in English, why the words mean the new label.

scripts/import_facts.py applies these last (after every other curated table) and writes docs/data-audit.md from
them: figure id before -> after, the fields changed, the deciding words and the reason.
"""

from __future__ import annotations

FIXES: list[tuple[dict[str, str], dict[str, str], str, str]] = [
    # --- budgets and outcomes -----------------------------------------------------------------------------------
    (
        dict(
            hub="gwangju_ai_cluster",
            metric="budget_program",
            value="4125000000",
            period="2020-2020",
            kind="actual",
            src="아시아경제 2020-10-05",
        ),
        {"kind": "plan"},
        "(총 지원지금 41억2500만 원)로 (시)제품 제작비를 지원하며",
        "money awarded to the 67 firms just selected, to be paid out (plan); the article reports a selection, not spending",
    ),
    (
        dict(
            hub="gwangju_ai_cluster",
            metric="other:gwangju_ai_national_budget_all_projects",
            value="69700000000",
            period="2020-2020",
            kind="actual",
        ),
        {"kind": "plan"},
        "2021년도 정부예산을 올해 697억원보다",
        "this year's government budget (an allotment), the same kind as next year's 800.5억 it is compared with (plan)",
    ),
    (
        dict(
            hub="incheon_startup_park", metric="other:fund_size", value="50000000000", period="2020-2020", kind="plan"
        ),
        {"period_start": "2021", "period_end": "2021"},
        "매년 30억원의 운영 예산과 500억원의 펀드를 지원하고",
        "one sentence, one period: the fund is offered with the yearly operating budget filed for 2021 (not 2020)",
    ),
    (
        dict(hub="incheon_startup_park", metric="rd_funding", value="4100000000", period="2019-2019", kind="actual"),
        {"kind": "plan", "series": "스마트시티 AI 기술개발"},
        "스마트시티 산업생산성 혁신을 위한 AI 기술개발(국비 41억 원)",
        "a national grant of a project selected from April 2019 on, to be spent over the project (plan); one of the four "
        "projects in the 125.5억 total, so its own series",
    ),
    (
        dict(hub="incheon_startup_park", metric="rd_funding", value="6000000000", period="2020-2023", kind="plan"),
        {"series": "데이터맵 기반 AI 빅데이터 탐색 기술개발"},
        "데이터맵 기반 인공지능 빅 데이터 탐색활용 핵심기술개발 과제",
        "one of the four national R&D projects in the 125.5억 total (a part, not the park's whole R&D funding)",
    ),
    (
        dict(hub="daejeon_ai_hub", metric="budget_program", value="79000000000", period="2020-2023", kind="plan"),
        {"series": "1단계 AI 코어"},
        "1단계로 오는 2023년까지",
        "phase 1 of the 1,700억 strategy; phase 2 is another part (they overlap in 2023 and must not join)",
    ),
    (
        dict(hub="daejeon_ai_hub", metric="budget_program", value="93600000000", period="2023-2024", kind="plan"),
        {"series": "2단계 지식산업센터·AI스타트업파크"},
        "2단계로 2024년까지 936억원을 투입해 지식산업센터와 AI스타트업파크를 구축",
        "phase 2 of the 1,700억 strategy, a different part from phase 1",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="budget_program", value="269700000000", period="2020-2024", kind="plan"),
        {"series": "데이터센터 등 인프라 구축·운영"},
        "데이터센터 등 인프라 구축 및 운영에 사업비 2697억 원",
        "the infrastructure part of the 4,061억 phase-1 plan, not the hub's whole programme budget",
    ),
    (
        dict(
            hub="busan_centum_digital_hub",
            metric="budget_program",
            value="11000000000",
            period="2023-2025",
            kind="plan",
        ),
        {"series": "센텀 혁신거점 공간 조성"},
        "공간을 마련한다는 계획이다",
        "one programme (space for the innovation hub) of the Centum budgets, a part and not the hub's whole budget",
    ),
    (
        dict(hub="pohang_gyeongbuk_ai", metric="budget_program", value="23200000000", period="2024-2026", kind="plan"),
        {"series": "초거대 AI 클라우드 팜 (국비·지방비)"},
        "총 232억 원(국비·지방비)",
        "the public money (national and local) of the cloud-farm programme, not its total with other funds",
    ),
    (
        dict(hub="incheon_startup_park", metric="firm_sales", value="21700000000", period="2021-2021", kind="actual"),
        {"series": "실증 지원 프로그램"},
        "이들 업체는 지난해 매출 217억원",
        "the 31 start-ups of the demo programme only (headline: 작년 31개사 참여), a part of the park's firms",
    ),
    (
        dict(
            hub="incheon_startup_park",
            metric="investment_attracted",
            value="10000000000",
            period="2021-2021",
            kind="actual",
        ),
        {"series": "실증 지원 프로그램"},
        "이들 업체는 지난해",
        "the 31 start-ups of the demo programme only (headline: 작년 31개사 참여), a part of the park's firms",
    ),
    (
        dict(
            hub="incheon_startup_park", metric="other:exports", value="11300000000", period="2021-2021", kind="actual"
        ),
        {"series": "실증 지원 프로그램"},
        "이들 업체는 지난해",
        "the 31 start-ups of the demo programme only (headline: 작년 31개사 참여), a part of the park's firms",
    ),
    (
        dict(hub="incheon_startup_park", metric="patents", value="68", period="2021-2021", kind="actual"),
        {"series": "실증 지원 프로그램"},
        "이들 업체는 지난해",
        "the 31 start-ups of the demo programme only (headline: 작년 31개사 참여), a part of the park's firms",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="compute_pflops", value="10.74", period="2021-2021"),
        {"series": "이용 과제에 배정한 연산자원 합계"},
        "125건의 과제를 선발해 누적 기준 총 10.74페타플롭스(PF) 연산자원을 제공했다",
        "compute handed out to 125 projects, summed over the year (a flow; more than the 8.85PF installed), not the "
        "data centre's capacity that the other compute figures give",
    ),
    (
        dict(hub="seoul_ai_yangjae_hub", metric="firm_sales", value="57000000000", period="2018-2018", kind="actual"),
        {"series": "입주 전후 비교 대상 기업"},
        "입주 기업들의 매출은 입주 전 380억원에서 지난해 570억원으로",
        "a before/after comparison of the firms then resident, not the hub's yearly report: 2018 and 2019 together are "
        "607억 with 318억 in 2019, so 570억 cannot be the same scope in one line",
    ),
    # facts_more.csv rows of these families: programmes of one year's plan are parts, not versions of one figure.
    (
        dict(file="more", hub="gwangju_ai_cluster", metric="budget_program", value="19200000000", period="2026-2026"),
        {"series": "국가 AI데이터센터 고도화"},
        "고도화 사업(192억원)",
        "one programme of Gwangju's 2026 AI budget; the year's other programmes are other parts, not other versions",
    ),
    (
        dict(file="more", hub="gwangju_ai_cluster", metric="budget_program", value="29700000000", period="2026-2026"),
        {"series": "AX 실증밸리"},
        "'AX 실증밸리' 조성(297억원)",
        "one programme of Gwangju's 2026 AI budget; the year's other programmes are other parts, not other versions",
    ),
    (
        dict(file="more", hub="gwangju_ai_cluster", metric="budget_program", value="10500000000", period="2026-2026"),
        {"series": "AI사관학교 운영"},
        "광주 인공지능사관학교 운영(105억원)",
        "one programme of Gwangju's 2026 AI budget; the year's other programmes are other parts, not other versions",
    ),
    (
        dict(file="more", hub="gwangju_ai_cluster", metric="budget_program", value="300000000000", period="2026-2030"),
        {"series": "모빌리티·에너지 AX"},
        "3000억원은 광주시 전략산업인 모빌리티와 에너지를 인공지능으로 전환하는데",
        "one of three parts of phase 2's 6,000억 (3,000 + 2,000 + 1,000), not a version of the others",
    ),
    (
        dict(file="more", hub="gwangju_ai_cluster", metric="budget_program", value="200000000000", period="2026-2030"),
        {"series": "도시문제·시민생활 혁신"},
        "2000억원은 민주주의, 교통, 돌봄, 안전 등 도시문제와 시민생활 전반을 혁신하는 데",
        "one of three parts of phase 2's 6,000억 (3,000 + 2,000 + 1,000), not a version of the others",
    ),
    (
        dict(file="more", hub="gwangju_ai_cluster", metric="budget_program", value="100000000000", period="2026-2030"),
        {"series": "AI 상용화 컨트롤타워"},
        "1000억원은 인공지능 상용화를 위한 전 과정 컨트롤타워 조성에",
        "one of three parts of phase 2's 6,000억 (3,000 + 2,000 + 1,000), not a version of the others",
    ),
    (
        dict(file="more", hub="gwangju_ai_cluster", metric="budget_program", value="64500000000", period="2020-2023"),
        {"series": "실증장비 77종 구축"},
        "실증장비 77종을 단계별로 구축",
        "the test-equipment programme, one part of the cluster's budget (not the 645억 national budget of 2021)",
    ),
    (
        dict(file="more", hub="incheon_startup_park", metric="budget_program", value="840000000", period="2020-2020"),
        {"series": "실증 비용 지원 (5개사)"},
        "총 8억 4천만원의 실증 비용을 지원해",
        "demonstration costs paid to 5 firms: another programme than the 2020 product-development and scale-up plans, "
        "so no plan-vs-actual pair with them",
    ),
    (
        dict(file="more", hub="incheon_startup_park", metric="budget_program", value="800000000", period="2020-2020"),
        {"series": "수요기반 스타트업 제품개발"},
        "수요기반 스타트업 제품개발 사업(약 8억원)",
        "one of two programmes named in the sentence (a part, not a version of the other)",
    ),
    (
        dict(file="more", hub="incheon_startup_park", metric="budget_program", value="500000000", period="2020-2020"),
        {"series": "대학연계 스케일업"},
        "대학연계 스케일업 사업(약 5억원)",
        "one of two programmes named in the sentence (a part, not a version of the other)",
    ),
    (
        dict(file="more", hub="incheon_startup_park", metric="firm_sales", value="63500000000", period="2020-2022"),
        {"series": "스케일업 챌린지랩 (78개사)"},
        "이 프로그램을 기반으로 2020년부터 78개 스타트업을 지원해",
        "the 78 start-ups of one programme, not the park's supported firms (211 to Oct 2021): no running-total line "
        "joins them",
    ),
    (
        dict(
            file="more",
            hub="incheon_startup_park",
            metric="investment_attracted",
            value="29000000000",
            period="2020-2022",
        ),
        {"series": "스케일업 챌린지랩 (78개사)"},
        "이 프로그램을 기반으로 2020년부터 78개 스타트업을 지원해",
        "the 78 start-ups of one programme, not the park's supported firms (211 to Oct 2021): no running-total line "
        "joins them",
    ),
    (
        dict(file="more", hub="pohang_gangso_zone", metric="firm_sales", value="5830000000", period="2022-2022"),
        {"end_month": "6"},
        "올 상반기 전체 매출액은 58억3000만 원",
        "the first half of 2022 (올 상반기), not the whole year",
    ),
    (
        dict(
            file="more",
            hub="pohang_gangso_zone",
            metric="investment_attracted",
            value="36812000000",
            period="2022-2022",
        ),
        {"end_month": "6"},
        "올 상반기 전체 매출액은 58억3000만 원, 신규 고용인원은 65명, 투자유치액은 368억1200만 원",
        "the first half of 2022 (올 상반기), not a second version of the full year's 477억",
    ),
    (
        dict(file="more", hub="seoul_ai_yangjae_hub", metric="support_area_m2", value="10020", period="2024-2024"),
        {"series": "서울 AI 허브 앵커시설"},
        "'서울 AI 허브' 앵커시설(10,020㎡)",
        "one building, a part of the five facilities' 28,233㎡ in the same sentence, not a version of it",
    ),
    (
        dict(file="more", hub="daejeon_ai_hub", metric="budget_total", value="35000000000", period="2021-2022"),
        {"series": "대전 스타트업파크"},
        "스타트업파크는 2022년 말까지 350여억원을",
        "the start-up park's building, one project, not the whole of Daejeon's AI budget (1,700억)",
    ),
    (
        dict(
            file="more", hub="daejeon_ai_hub", metric="budget_national_share", value="12600000000", period="2020-2022"
        ),
        {"series": "대전 스타트업파크"},
        "궁동 공영주차장 부지에 거점 건물을",
        "the start-up park's building (궁동), one project, not Daejeon's whole AI budget",
    ),
    (
        dict(file="more", hub="changwon_gangso_zone", metric="budget_program", value="1050000000", period="2021-2021"),
        {"series": "기술창업센터 증축"},
        "지상 2층 규모의 연면적 458㎡(140평)의 공간을 증축하는",
        "the same extension as the 11억 row (458㎡, two floors): one project, so both reports share its series",
    ),
    # --- firms and personnel ------------------------------------------------------------------------------------
    # Incheon: counts of firms in the park's programmes "to date" are running totals, not firms supported in 2021;
    # the demo programme's 31 firms and the 57 promising start-ups are parts with a name of their own.
    (
        dict(hub="incheon_startup_park", metric="firms_supported", value="298", period="2021-2021", kind="actual"),
        {"kind": "cumulative_actual", "period_start": "2020"},
        "지원하는 스타트업체는 총 298개사",
        "'지원하는 … 총 N개사' is every start-up in the park's programmes, which began in June 2020 (the 211 counted "
        "'현재까지' in Oct 2021 are fewer), not firms supported in 2021; the resident 80 of the sentence is a stock",
    ),
    (
        dict(hub="incheon_startup_park", metric="firms_supported", value="432", period="2021-2021", kind="actual"),
        {"kind": "cumulative_actual", "period_start": "2020", "end_month": "12"},
        "전국 432개 스타트업에 다양한 지원 프로그램을 진행하고 있으며",
        "start-ups in the park's programmes at the time of writing (13 Dec 2021), which began in June 2020; not 2021's",
    ),
    (
        dict(hub="incheon_startup_park", metric="firms_supported", value="31", period="2021-2021", kind="actual"),
        {"series": "실증 지원 프로그램"},
        "지난해 진행한 실증 지원 프로그램에 모두 31개 스타트업이 참여",
        "the 31 firms of one programme (the demo programme) are a part, not the park's firms supported in 2021",
    ),
    (
        dict(hub="incheon_startup_park", metric="jobs_created", value="130", period="2021-2021", kind="actual"),
        {"series": "실증 지원 프로그램"},
        "이들 업체는 지난해",
        "'these firms' are the 31 start-ups of the demo programme (same article), not the whole park",
    ),
    (
        dict(hub="incheon_startup_park", metric="firms_supported", value="57", period="2020-2020", kind="actual"),
        {"end_month": "8", "series": "미래 유망 스타트업"},
        "현재 미래 유망 스타트업 57개 사 선정이 완료됐고",
        "selections of one programme completed by the article date (27 Aug 2020), not the park's firms of all 2020",
    ),
    # Seoul: firms that joined over four years are a flow, not firms resident at a time; "현재 78개" is the count in
    # March 2021 that the year's plan (113) starts from, not the 2021 result.
    (
        dict(hub="seoul_ai_yangjae_hub", metric="firms_resident", value="137", kind="cumulative_actual"),
        {"metric": "firms_attracted"},
        "137 companies joined the hub",
        "firms that joined the hub over 2018-2021 (a flow of new tenants), not firms resident at one time",
    ),
    (
        dict(hub="seoul_ai_yangjae_hub", metric="firms_resident", value="78", period="2021-2021", kind="actual"),
        {"end_month": "3"},
        "현재 78개에서 113개로 확대할 계획이다",
        "'현재' is the article date (2 Mar 2021): the starting point of the year's plan, not the 2021 result",
    ),
    # Seoul: the 54 spaces are the count when the article was written (Oct 2019); the 100 are planned by year-end.
    (
        dict(hub="seoul_ai_yangjae_hub", metric="firms_resident", value="54", kind="actual"),
        {"end_month": "10"},
        "54개 확보했다. 연말까지 100개 공간을 확보할 예정이다",
        "54 spaces at the article date (4 Oct 2019), before the year-end plan of 100: not the year's figure to set "
        "against it",
    ),
    (
        dict(hub="seoul_ai_yangjae_hub", metric="firms_resident", value="540", kind="plan"),
        {"series": "AI·R&D 캠퍼스"},
        "'AI·R&D 캠퍼스'를 개관한다. 여기에는 AI 기업 540개사가 동시 입주하고",
        "tenants planned for a new building (the AI·R&D campus of 2027), not the hub's resident firms",
    ),
    (
        dict(hub="seoul_ai_yangjae_hub", metric="firms_supported", value="109", kind="cumulative_actual"),
        {"series": "시범사업 이후 선정 기업"},
        "지난해 시범사업으로 50개 기업을 선정한 데 이어 올해는 59개사를 추가로 선정해",
        "firms selected since a pilot of 2020 (50 + 59), not the hub's firms fostered since 2017 (160, 360)",
    ),
    # Gwangju.
    (
        dict(hub="gwangju_ai_cluster", metric="other:firms_mou", value="50", kind="cumulative_actual"),
        {"value": "43", "series": "협약 기업 (기관 제외)"},
        "기업 43개, 기관 7개와 협약했다",
        "the sentence counts 43 firms (and 7 institutions); 50 is not in it. Firms only, so apart from the partners line",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="projects_selected", value="14", period="2022-2022", kind="plan"),
        {"kind": "cumulative_actual", "period_start": "2021", "end_month": "1", "series": "산업융합형 R&D 과제"},
        "14개 연구개발 과제를 지난해부터 지원 중이다",
        "projects supported since last year (2021) and still running in Jan 2022: it has happened, not a plan",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="other:graduates_employed", value="55", kind="actual"),
        {"kind": "cumulative_actual", "period_end": "2023", "end_month": "11", "series": "AI사관학교 1기"},
        "지금까지 취업률을 살펴보면 1기는 55명",
        "cohort 1's graduates employed to date (Nov 2023), not jobs found in 2020; one cohort, its own series",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="other:graduates_employed", value="49", kind="actual"),
        {"kind": "cumulative_actual", "period_end": "2023", "end_month": "11", "series": "AI사관학교 2기"},
        "지금까지 취업률을 살펴보면 1기는 55명(68.8%), 2기는 49명",
        "cohort 2's graduates employed to date (Nov 2023), not jobs found in 2021; one cohort, its own series",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="other:graduates_employed", value="177", kind="actual"),
        {"kind": "cumulative_actual", "period_end": "2023", "end_month": "11", "series": "AI사관학교 3기"},
        "지금까지 취업률을 살펴보면 1기는 55명(68.8%), 2기는 49명(50%), 3기는 177명",
        "cohort 3's graduates employed to date (Nov 2023), not jobs found in 2022; one cohort, its own series",
    ),
    (
        dict(
            hub="gwangju_ai_cluster",
            metric="personnel_trained",
            value="1254",
            kind="cumulative_actual",
            src="제주교통복지신문 2022-01-24",
        ),
        {"series": "집적단지 사업 핵심인력 (전 과정)"},
        "핵심인력 1,254명 교육·양성",
        "core workforce of every track of the cluster project (degree majors, job conversion, the Academy); the later "
        "running totals (916, 1,221, 1,528) count the AI Academy only, so one line must not join them",
    ),
    # Gwangju's 2022 plan: a total and its parts, and another programme, in one year. (A figure reported by two
    # sources takes its series from the earliest, so its selector names that source and the audit lists it once.)
    (
        dict(hub="gwangju_ai_cluster", metric="firms_supported", value="150", kind="plan", src="전자신문 2022-01-24"),
        {"series": "고성능 컴퓨팅·실증 장비 지원 (합계)"},
        "고성능 컴퓨팅 자원 지원 100개",
        "the total of the compute and test-equipment support (100 + 50여), whose parts are filed too",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="firms_supported", value="100", kind="plan"),
        {"series": "고성능 컴퓨팅 자원 지원"},
        "고성능 컴퓨팅 자원 지원 100개",
        "a part of the 150 (compute support only)",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="firms_supported", value="50", kind="plan", period="2022-2022"),
        {"series": "실증 장비 지원"},
        "실증 장비 50여 개",
        "a part of the 150 (test-equipment support only)",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="firms_supported", value="99", kind="plan", src="전자신문 2022-01-24"),
        {"series": "성장단계별 맞춤형 지원"},
        "올해 총 99개 기업을",
        "another programme (staged start-up support) in the same year's plan",
    ),
    (
        dict(
            hub="gwangju_ai_cluster", metric="personnel_trained", value="1260", kind="plan", src="전자신문 2022-01-24"
        ),
        {"series": "전체 교육·양성 (합계)"},
        "교육·양성한다",
        "the year's total over all tracks, whose parts (760, 200, 300) are filed too",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="personnel_trained", value="760", kind="plan"),
        {"series": "AI융합 학부 전공과정"},
        "AI융합 학부 전공과정을 운영하고 있으며, 올해 총 760명을 교육한다",
        "a part of the 1,260 (undergraduate AI majors)",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="personnel_trained", value="200", kind="plan", period="2022-2022"),
        {"series": "AI 직무전환 교육"},
        "맞춤형 AI 직문전환 교육(200명)",
        "a part of the 1,260 (job-conversion training)",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="personnel_trained", value="300", kind="plan", period="2022-2022"),
        {"series": "인공지능사관학교"},
        "인공지능사관학교(300명)",
        "a part of the 1,260 (the AI Academy)",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="personnel_trained", value="211", kind="plan"),
        {"series": "AI 직무전환 교육"},
        "AI 직무전환 교육과 관련해 희망자를 대상으로 올해 211명을 양성할 예정이다",
        "one programme (job-conversion training), the same as 2022's 200, not all of the year's training",
    ),
    # Gwangju's selected projects come from four programmes; one line must not join them.
    (
        dict(hub="gwangju_ai_cluster", metric="projects_selected", value="67", kind="actual"),
        {"series": "AI (시)제품 제작 지원"},
        "인공지능 (시)제품 제작 지원사업에 67개 기업, 67개 과제를 선정했다",
        "projects of the prototype-support call",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="projects_selected", value="38", kind="actual"),
        {"series": "AI (시)제품 제작 지원"},
        "올해 試製品 製作 支援 事業에는",
        "projects of the prototype-support call (the same programme as 2020's 67)",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="projects_selected", value="5", kind="actual"),
        {"series": "AI 제품·서비스 고도화 지원"},
        "AI 製品·서비스 高度化 支援 事業에는 5個 企業과 課題가 選定됐다",
        "projects of the product-upgrade call, a different programme in the same year",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="projects_selected", value="161", kind="cumulative_actual"),
        {"series": "AI 시제품 제작·고도화 지원"},
        "AI 試製品 製作 및 高度化를 支援할 課題 161個",
        "three years of the prototype and upgrade calls together",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="projects_selected", value="125", kind="actual"),
        {"series": "국가 AI데이터센터 지원 과제"},
        "국가 AI데이터센터 서비스 지원 첫해인 지난 한해 동안",
        "projects given data-centre computing, not prototype projects",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="projects_selected", value="3", kind="plan"),
        {"series": "AI+X 지역산업 기술개발"},
        "3개 내외 과제를 선정할 예정",
        "projects of the AI+X regional R&D call (per the article)",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="projects_selected", value="2", kind="plan"),
        {"series": "AI+X 지역산업 기술개발"},
        "AI와 지역 대표 산업을 융합한",
        "projects of the AI+X regional R&D call",
    ),
    # Gwangju: the AI start-up camp and the MOU partners' hires are scopes of their own.
    (
        dict(hub="gwangju_ai_cluster", metric="firms_resident", value="12", kind="actual"),
        {"series": "AI 스타트업 캠프"},
        "AI 스타트업 캠프 본관 4층·별관 3층에 12개사가 입주해 있다",
        "tenants of the start-up camp (광주창조경제혁신센터), not of the cluster's AI start-up building",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="jobs_created", value="40", kind="cumulative_actual"),
        {"series": "AI 스타트업 캠프"},
        "캠프 개소 이후",
        "hires by the start-up camp's firms, not the cluster project's new jobs",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="jobs_created", value="100", kind="cumulative_actual"),
        {"series": "협약 기업 광주 채용"},
        "이들 기업이 그동안 광주에서 채용한 인력",
        "hires in Gwangju by the MOU partners, a scope other than the cluster project's new jobs (436, 1,100, 1,220)",
    ),
    # Changwon: zone firms fostered since designation are a flow of firms supported, not firms resident at a time.
    (
        dict(hub="changwon_gangso_zone", metric="firms_resident", value="21", kind="cumulative_actual"),
        {"metric": "firms_supported", "series": "특구 입주기업 육성"},
        "21개 특구 입주기업 육성",
        "zone firms fostered since designation (a running count of a programme), not the firms resident at one time",
    ),
    # Gyeonggi: the province's selection and one city's share of it, in one year.
    (
        dict(hub="gyeonggi_ai_cluster_pangyo", metric="firms_attracted", value="32", kind="plan"),
        {"series": "경기 AI 혁신클러스터 전 권역"},
        "등 약 32개 사 이내를 선발한다",
        "all zones' selection (Seongnam, Pangyo, Bucheon, Siheung, Uijeongbu), of which Pangyo's 12 is filed too",
    ),
    (
        dict(hub="gyeonggi_ai_cluster_pangyo", metric="firms_attracted", value="12", kind="plan"),
        {"series": "판교"},
        "▲판교 12개 사",
        "Pangyo's share of the 32, not another version of the province's selection",
    ),
    # Pohang: two programmes' firms, three years apart.
    (
        dict(hub="pohang_gyeongbuk_ai", metric="firms_supported", value="9", kind="actual"),
        {"series": "AI 기술융합 스케일업 지원사업"},
        "지원 첫해였던 2022년에는 도내 9개사를 지원했으며",
        "firms of the PohangTP-POSTECH scale-up programme, not the cloud farm's",
    ),
    (
        dict(hub="pohang_gyeongbuk_ai", metric="firms_supported", value="50", kind="target"),
        {"series": "AI 기술융합 스케일업 지원사업"},
        "도내 인공지능 전문 기업 50개사를 집중 육성",
        "the scale-up programme's target (same article as its 9 firms of 2022)",
    ),
    (
        dict(hub="pohang_gyeongbuk_ai", metric="jobs_created", value="21", kind="actual"),
        {"series": "AI 기술융합 스케일업 지원사업"},
        "21명의 신규 고용을 창출",
        "new hires of the scale-up programme's 9 firms, not Pohang-wide",
    ),
    (
        dict(hub="pohang_gyeongbuk_ai", metric="firms_supported", value="35", kind="actual"),
        {"series": "초거대 AI 클라우드 팜"},
        "35개 기업을 대상으로 전문 기술 컨설팅을 제공",
        "firms given consulting by the AI cloud farm, another programme than the scale-up support",
    ),
    # Seocho: a selection made in one month.
    (
        dict(hub="seocho_yangjae_ai_zone", metric="firms_attracted", value="30", kind="actual"),
        {"start_month": "9", "end_month": "9"},
        "지난 9월 공개 모집 절차를 통해 1차로 우수 AI 스타트업 30개사를 선발했다",
        "selected in September 2025 (first round), not over the whole year",
    ),
    # facts_more.csv rows of firms and people: one programme's firms are not the park's or the hub's.
    (
        dict(file="more", hub="incheon_startup_park", metric="firms_supported", value="30", kind="actual"),
        {"series": "부스트 스타트업 저니"},
        "프로그램에 선정돼 인천 스타트업 파크에 입주 예정인 30개사",
        "the 30 firms selected for one programme (Boost Startup Journey), not all the park's firms of 2020",
    ),
    (
        dict(file="more", hub="incheon_startup_park", metric="firms_supported", value="84", kind="actual"),
        {"series": "신한 스퀘어브릿지 인천", "start_month": "11", "end_month": "11"},
        "작년 11월에 △인큐베이션 △액셀러레이팅 △글로벌 등 3개 트랙에서 총 84개의 멤버십 기업을 선정",
        "membership firms of the operator's own programme, selected in November 2020",
    ),
    (
        dict(file="more", hub="incheon_startup_park", metric="firms_supported", value="5", kind="actual"),
        {"series": "실증 상용화 지원사업"},
        "지난해 5개 기업을 선정해 인천공항, 인하대병원, 초등학교 등에서 현장 실증 기회를 제공",
        "the 5 firms of one programme (field demonstrations), not all the park's firms of 2020",
    ),
    (
        dict(file="more", hub="incheon_startup_park", metric="firms_supported", value="30", kind="plan"),
        {"series": "액셀러레이팅 프로그램"},
        "스타트업 30여개 사를 발굴한 뒤",
        "one programme's plan (5 accelerators, 30 start-ups), a part of the park's 2021 plans (230, 300)",
    ),
    (
        dict(file="more", hub="incheon_startup_park", metric="firms_supported", value="78", kind="cumulative_actual"),
        {"series": "스케일업 챌린지랩"},
        "이 프로그램을 기반으로 2020년부터 78개 스타트업을 지원해",
        "firms of 'this programme' (스케일업 챌린지랩, named earlier in the article), not all the park's firms",
    ),
    (
        dict(file="more", hub="incheon_startup_park", metric="jobs_created", value="353", kind="cumulative_actual"),
        {"series": "스케일업 챌린지랩"},
        "이 프로그램을 기반으로 2020년부터 78개 스타트업을 지원해",
        "new hires of the one programme's 78 firms, not the park's",
    ),
    (
        dict(file="more", hub="incheon_startup_park", metric="firms_supported", value="32", kind="plan"),
        {"series": "스케일업 챌린지랩"},
        "올해는 스타트업 32개사를 지원하기 위해",
        "this year's call of the programme the article is about (스케일업 챌린지랩), not all the park's 2023 support",
    ),
    (
        dict(file="more", hub="seoul_ai_yangjae_hub", metric="firms_resident", value="3", kind="actual"),
        {"series": "성장기업 입주공간"},
        "성장기업 입주공간으로는",
        "tenants of the new building's four scale-up spaces only, not the hub's ~100 resident firms",
    ),
    (
        dict(file="more", hub="gwangju_ai_cluster", metric="projects_selected", value="261", kind="actual"),
        {"end_month": "6", "series": "국가 AI데이터센터 지원 과제"},
        "올해에도 6월까지 총 261개의 사업을 지원하고 있어",
        "January to June 2025 only, data-centre projects (the same programme as 2021's 125)",
    ),
    (
        dict(file="more", hub="gwangju_ai_cluster", metric="firm_capacity_units", value="67", kind="actual"),
        {"series": "AI 창업동"},
        "AI 창업동의 경우 67개실을 확보해",
        "rooms of the cluster's AI start-up building; the 70 rooms of the city's AI start-up camp are another building",
    ),
    (
        dict(file="more", hub="gwangju_ai_cluster", metric="firm_capacity_units", value="70", kind="actual"),
        {"series": "AI 창업캠프"},
        "AI 창업캠프에 입주공간 70개실",
        "rooms of the city's AI start-up camp, not of the cluster's AI start-up building (67)",
    ),
    (
        dict(
            file="more", hub="pohang_gangso_zone", metric="research_institute_firms_founded", value="8", kind="actual"
        ),
        {"series": "연구소·첨단기술기업"},
        "연구소·첨단기술기업 8개사 설립",
        "research-institute and advanced-technology firms together; 2020's 9 and 2024's 7 count research-institute "
        "firms only",
    ),
    # Pohang's first-half survey of 2022 runs to June (its sales and investment: budgets and outcomes section).
    (
        dict(file="more", hub="pohang_gangso_zone", metric="jobs_created", value="65", kind="actual"),
        {"end_month": "6"},
        "49개 응답 기업의 올 상반기",
        "the first half of 2022 (올 상반기), 49 responding firms: not the year",
    ),
    # --- facts_more.md: rows of the fact base it found mislabelled ------------------------------------------------
    (
        dict(hub="gwangju_ai_cluster", metric="budget_total", value="62600000000"),
        {"kind": "plan"},
        "올해 국비예산 626억원을 확보했다",
        "a national budget secured at the start of the year is money to be spent (plan), not spending (facts_more.md 4)",
    ),
    # facts_more.md 1: "지난해 기준 ... 짧은 기간에 달성했다" are totals since the programmes began, as of 2020 (the
    # article's own dating is kept; 현대일보 2021-10-13 dates the same totals to Oct 2021, kept as its own rows).
    (
        dict(
            hub="incheon_startup_park", src="뉴스웨이 2021-09-27", metric="firms_supported", value="211", kind="actual"
        ),
        {"kind": "cumulative_actual"},
        "지난해 기준 211개사를 육성 지원했으며",
        "firms supported since the programmes began, counted as of last year: a running total (facts_more.md 1)",
    ),
    (
        dict(hub="incheon_startup_park", src="뉴스웨이 2021-09-27", metric="firm_sales", kind="actual"),
        {"kind": "cumulative_actual"},
        "약 180억 원의 매출과 672억 원의 투자유치, 신규 고용 1,255명의 성과를 짧은 기간에 달성했다",
        "'achieved in a short time' is a total since the start, as of last year, not one year's sales (facts_more.md 1)",
    ),
    (
        dict(hub="incheon_startup_park", src="뉴스웨이 2021-09-27", metric="investment_attracted", kind="actual"),
        {"kind": "cumulative_actual"},
        "약 180억 원의 매출과 672억 원의 투자유치, 신규 고용 1,255명의 성과를 짧은 기간에 달성했다",
        "'achieved in a short time' is a total since the start, as of last year (facts_more.md 1)",
    ),
    (
        dict(hub="incheon_startup_park", src="뉴스웨이 2021-09-27", metric="jobs_created", kind="actual"),
        {"kind": "cumulative_actual"},
        "약 180억 원의 매출과 672억 원의 투자유치, 신규 고용 1,255명의 성과를 짧은 기간에 달성했다",
        "'achieved in a short time' is a total since the start, as of last year (facts_more.md 1)",
    ),
    # facts_more.md 3: an award of national R&D money is money to be spent.
    (
        dict(hub="incheon_startup_park", metric="rd_funding", value="12550000000", kind="actual"),
        {"kind": "plan"},
        "국비 125억5000만 원을 지원하는 국가연구개발사업 4개에 잇따라 선정돼",
        "selected for projects that the state will fund: awarded money to be spent, not spending (facts_more.md 3)",
    ),
    # facts_more.md 6: money put in from 2020 up to the report is a running total.
    (
        dict(hub="changwon_gangso_zone", metric="budget_total", value="20100000000", kind="actual"),
        {"kind": "cumulative_actual", "end_month": "10"},
        "2020년부터 올해까지 총 사업비 201억원을 투입해",
        "'from 2020 to this year' (article of 24 Oct 2024) is a running total to the report, as are the results of the "
        "same sentence (2020-2024m10) (facts_more.md 6)",
    ),
    (
        dict(hub="gwangju_ai_cluster", metric="budget_total", value="430000000000", kind="actual"),
        {"kind": "cumulative_actual"},
        "2020년부터 5년간 4300억 원을 투입해",
        "money put in over the five years from 2020: the total spent on phase 1, a running total (facts_more.md 6)",
    ),
    # facts_more.md 8: offices for 77 companies are spaces, not resident firms.
    (
        dict(hub="gwangju_ai_cluster", metric="firms_resident", value="77", period="2023-2024", kind="plan"),
        {"metric": "firm_capacity_units"},
        "offices for 77 companies",
        "offices for firms are spaces (capacity), not firms resident (facts_more.md 8)",
    ),
    # facts_more.md 9: the data centre's projects, one series with facts_more's 1,946, 261 and 4,000.
    (
        dict(hub="gwangju_ai_cluster", metric="projects_selected", value="2000", kind="cumulative_actual"),
        {"series": "국가 AI데이터센터 지원 과제"},
        "이 센터는 AI 기업·기관·대학의 연구개발(R&D) 과제 2000건 이상을 지원하며",
        "projects given computing by the national AI data centre ('이 센터'), the same series as its 125 of 2021",
    ),
    # facts_more.csv rows whose own quote says otherwise than their labels.
    (
        dict(file="more", hub="incheon_startup_park", src="파이낸셜뉴스 2023-03-22"),
        {"period_end": "2023", "end_month": "3"},
        "2020년부터 78개 스타트업을 지원해",
        "'since 2020' to the article (22 Mar 2023) is a running total to March 2023, not to the end of 2022",
    ),
    (
        dict(file="more", hub="pohang_gyeongbuk_ai", metric="budget_program", value="2000000000000"),
        {"period_end": "2035"},
        "향후 10여 년에 걸쳐",
        "'over the next ten-odd years' from the 2025 MOU: 2025-2035, as the other report of the same MOU dates it "
        "(2025년부터 2035년까지); 2036 has no words",
    ),
    (
        dict(file="more", hub="changwon_gangso_zone", metric="budget_program", value="1050000000"),
        {"start_month": "7", "period_end": "2022", "end_month": "1"},
        "지난해 하반기부터 총사업비 10억5000만원을 투입해",
        "money put in from the second half of last year (2021) while the work went on up to the article (27 Jan 2022, "
        "completion): a span from July 2021 to January 2022, not the year 2021; the 11억 report of the same extension "
        "has no period words and keeps its label, each noting the other",
    ),
    (
        dict(file="more", hub="pohang_gyeongbuk_ai", metric="site_area_m2", value="47647"),
        {"period_end": "2035"},
        "향후 10여 년에 걸쳐",
        "the same sentence as the 2조: 'over the next ten-odd years' from 2025 is 2025-2035",
    ),
]
