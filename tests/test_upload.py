"""Bring your own figures: template, decoding, row-numbered checks, session-only storage, and every page marking them."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data, overview_page, upload, validate
from tests.conftest import page_app, upload_line

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "queries"
HEADER = ",".join(upload.TEMPLATE_COLUMNS)
WIDTH = len(upload.TEMPLATE_COLUMNS)


# Hub A's 2021 resident firms (tests/conftest.py UPLOAD_FIGURE) with a quote and a source of its own.
OWN_CELLS = dict(
    quote="입주 77개사", source_publisher="테스트 뉴스", source_title="테스트 제목", source_url="https://example.org/t"
)


def figure(**cells: str) -> str:
    """A 2021 actual resident-firms figure of hub A citing its own source, with `cells` changed."""
    return upload_line(**{**OWN_CELLS, **cells})


NO_SOURCE = dict(source_publisher="", source_title="", source_published="", source_url="")
BUDGET = dict(metric="budget_total", unit="KRW")
# Hub A's total budget reported by another paper (its own source, no link).
OTHER_PAPER_BUDGET = dict(**BUDGET, source_publisher="다른 신문", source_title="제목", source_url="")
# Synthetic rows for the tiny fixture folder (hubs h_a/h_b, sources S1-S3): test data made here, never in data/.
OWN_SOURCE_ROW = figure()
# Hub B's 60억 budget citing bundled source S2.
BUNDLED_SOURCE_ROW = figure(
    figure_id="x2", hub_id="h_b", value="6000000000", source_id="S2", quote="예산 60억원", **BUDGET, **NO_SOURCE
)


@pytest.fixture
def reference(monkeypatch):
    """The app's reference lookup (the loaded database) on the tiny fixture folder."""
    monkeypatch.setenv("HUBS_DATA_DIR", str(FIXTURE))
    assert data.check_data() == []
    return upload.reference_tables


def csv_text(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


# --- the template -------------------------------------------------------------------------------------------


def test_template_is_the_fact_columns_plus_source_columns_and_adds_nothing(reference):
    """The template's header is every fact-table column and the four source columns; uploaded as is, it is refused."""
    raw = upload.template_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").strip().split(",")
    assert header[: len(upload.FACT_NAMES)] == [c.name for c in validate.schema.FACT_COLUMNS]
    assert header[len(upload.FACT_NAMES) :] == list(upload.SOURCE_COLUMNS)
    outcome = upload.check_upload(raw, "template.csv", reference)
    assert not outcome.accepted
    assert [str(p) for p in outcome.problems] == ["template.csv: has no rows after the header"]


# --- decoding and size ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, converted", [("utf-8", False), ("utf-8-sig", False), ("cp949", True), ("euc-kr", True)]
)
def test_utf8_with_or_without_bom_and_cp949_give_the_same_figures(reference, encoding, converted):
    """The same rows in UTF-8, UTF-8 with BOM, CP949 and EUC-KR load identically; Korean encodings say 'converted'."""
    outcome = upload.check_upload(csv_text(OWN_SOURCE_ROW).encode(encoding), "mine.csv", reference)
    assert outcome.accepted, outcome.problems
    assert outcome.converted is converted
    assert outcome.figures["quote"].tolist() == ["입주 77개사"]
    assert outcome.sources["publisher"].tolist() == ["테스트 뉴스"]


def test_latin1_file_is_refused_with_how_to_save_it(reference):
    """Bytes that are neither UTF-8 nor Korean text are refused with the validator's encoding message."""
    raw = csv_text(figure(source_id="S1", quote="café crème", **NO_SOURCE)).encode("latin-1")
    outcome = upload.check_upload(raw, "latin.csv", reference)
    assert not outcome.accepted
    assert len(outcome.problems) == 1 and "not UTF-8" in outcome.problems[0].message


def test_file_over_5_mb_is_refused_before_it_is_read(reference, monkeypatch):
    """A 5 MB + 1 byte upload is refused with its size, and the validator never sees it."""

    def must_not_run(*args, **kwargs):
        raise AssertionError("an oversized upload was parsed")

    monkeypatch.setattr(validate, "validate_facts_text", must_not_run)
    raw = csv_text(OWN_SOURCE_ROW).encode() + b" " * upload.MAX_BYTES
    outcome = upload.check_upload(raw, "big.csv", reference)
    assert outcome.too_big and not outcome.accepted
    assert str(outcome.problems[0]) == (f"big.csv: is 5.0 MB ({len(raw):,} bytes); the limit is 5 MB (5,000,000 bytes)")


# --- checks with row numbers ------------------------------------------------------------------------------


def test_every_problem_names_the_uploaded_file_and_its_physical_line(reference):
    """Problems in the fact columns and in the user's own source point at the uploaded file's lines,
    counting the lines of a quote that spans two lines and a blank line."""
    text = csv_text(
        OWN_SOURCE_ROW,  # line 2: fine
        "",  # line 3: blank
        figure(
            figure_id="x3",
            hub_id="h_z",
            value="1억",
            quote="두 줄\n인용",
            source_publisher="P",
            source_title="",
            source_published="2024-13-01",
            source_url="ftp://x",
        ),  # lines 4-5
        figure(figure_id="x4", value="5", source_id="S1", quote="q", source_url=""),  # line 6
        "x5,short",  # line 7
    )
    outcome = upload.check_upload(text.encode(), "mine.csv", reference)
    assert not outcome.accepted and outcome.figures is None
    assert [str(p) for p in outcome.problems] == [
        "mine.csv:4: source_title is empty (required when source_id is empty)",
        "mine.csv:4: source_published '2024-13-01' is not a real date between 1990 and 2100",
        "mine.csv:4: source_url 'ftp://x' is not an http:// or https:// address",
        "mine.csv:4: value '1억' is not a number (write digits only: no thousands separators or units)",
        "mine.csv:4: hub_id 'h_z' is not in hubs.csv",
        "mine.csv:6: fill either source_id (a source already in the dashboard) or the source_ columns "
        "(your own source), not both",
        f"mine.csv:7: row has 2 cells but the header has {WIDTH}",
    ]


def test_repeated_ids_and_unreadable_rows_are_reported_like_a_data_file(reference):
    """A figure_id used twice and a stray quote are reported with lines, as the validator does for data/."""
    text = csv_text(OWN_SOURCE_ROW, figure(value="78"), 'x9,h_a,"bad"x,1')
    problems = [str(p) for p in upload.check_upload(text.encode(), "u.csv", reference).problems]
    assert "u.csv:3: figure_id 'user-x1' is already used at u.csv:2" in problems
    assert any(p.startswith("u.csv:4: a quoted cell has text after its closing quote") for p in problems)


# --- accepted rows ----------------------------------------------------------------------------------------


def test_accepted_rows_get_user_ids_family_and_their_own_sources(reference):
    """Ids get 'user-', the family comes from the metric, each distinct own source becomes user-src-N once,
    and a row may cite a bundled source instead."""
    second = figure(figure_id="x3", period_start="2022", period_end="2022")
    outcome = upload.check_upload(csv_text(OWN_SOURCE_ROW, BUNDLED_SOURCE_ROW, second).encode(), "m.csv", reference)
    assert outcome.accepted, outcome.problems
    figures = outcome.figures
    assert figures["figure_id"].tolist() == ["user-x1", "user-x2", "user-x3"]
    assert figures["family"].tolist() == ["firms", "budgets", "firms"]
    assert figures["source_id"].tolist() == ["user-src-1", "S2", "user-src-1"]
    assert list(outcome.sources.columns) == validate.schema.column_names("sources")
    assert outcome.sources.drop(columns="published_note").to_dict("records") == [
        {
            "source_id": "user-src-1",
            "publisher": "테스트 뉴스",
            "title": "테스트 제목",
            "published": "2024-02-03",
            "url": "https://example.org/t",
            "language": "ko",
        }
    ]
    assert outcome.sources["published_note"].isna().all()


def test_an_upload_may_reuse_a_bundled_figure_id(reference):
    """'B1' is a bundled id; uploaded it becomes 'user-B1', so it neither clashes nor replaces the bundled figure."""
    outcome = upload.check_upload(csv_text(figure(figure_id="B1")).encode(), "m.csv", reference)
    assert outcome.accepted, outcome.problems
    assert outcome.figures["figure_id"].tolist() == ["user-B1"]


def test_hostile_file_name_is_cut_to_one_short_line(reference):
    """The file name is the user's text: control characters replaced, length bounded."""
    name = "<script>alert(1)</script>\n" + "x" * 500 + ".csv"
    outcome = upload.check_upload(b"", name, reference)
    assert "\n" not in outcome.file and len(outcome.file) <= upload.FILE_NAME_LIMIT
    assert all(p.file == outcome.file for p in outcome.problems)


# --- the query layer: uploads join one call, never the shared database ----------------------------------------


def accepted(reference, *rows):
    outcome = upload.check_upload(csv_text(*rows).encode(), "m.csv", reference)
    assert outcome.accepted, outcome.problems
    return outcome.figures, outcome.sources


def test_uploaded_rows_join_only_the_query_that_is_given_them(reference):
    """With the upload the figure is there (user_supplied, its own source); the next call without it is unchanged."""
    figures, sources = accepted(reference, OWN_SOURCE_ROW)
    params = dict(families=[], metrics=["firms_resident"], hubs=["h_a"], kinds=["actual"], year_from=2021, year_to=2021)
    before = data.query("figures_by_hub_year", **params)
    with_upload = data.query("figures_by_hub_year", data.Uploads.of(figures, sources), **params)
    after = data.query("figures_by_hub_year", **params)
    added = with_upload[with_upload["figure_id"] == "user-x1"]
    assert added[["user_supplied", "publisher", "value"]].values.tolist() == [[True, "테스트 뉴스", 77.0]]
    assert len(with_upload) == len(before) + 1
    pd.testing.assert_frame_equal(before, after)
    assert not before["user_supplied"].any()


def test_dimension_queries_count_uploaded_rows(reference):
    """hubs, metrics, year_bounds and figures_with_sources see the upload (via all_figures / all_sources)."""
    late = figure(period_start="2025", period_end="2025")
    figures, sources = accepted(reference, late)
    uploads = data.Uploads.of(figures, sources)
    hubs = data.query("hubs", uploads).set_index("hub_id")
    assert hubs.loc["h_a", "n_figures"] == data.query("hubs").set_index("hub_id").loc["h_a", "n_figures"] + 1
    metrics = data.query("metrics", uploads).set_index("metric")
    assert (
        metrics.loc["firms_resident", "n_figures"]
        == data.query("metrics").set_index("metric").loc["firms_resident", "n_figures"] + 1
    )
    bounds = data.query("year_bounds", uploads).iloc[0]
    assert int(bounds["year_max"]) == 2025
    listed = data.query(
        "figures_with_sources",
        uploads,
        hubs=["h_a"],
        kinds=["actual"],
        year_from=2025,
        year_to=2025,
    )
    assert listed[["figure_id", "source_id", "publisher", "source_title", "user_supplied"]].values.tolist() == [
        ["user-x1", "user-src-1", "테스트 뉴스", "테스트 제목", True]
    ]


def test_region_total_counts_a_hub_once_and_says_an_upload_is_in_it(reference):
    """Hub A's 2020 budget uploaded again with the same value (own source) leaves Seoul's total at 150억, marked."""
    same = figure(
        figure_id="y1",
        value="10000000000",
        period_start="2020",
        period_end="2020",
        quote="예산 100억원",
        source_published="2020-03-04",
        **OTHER_PAPER_BUDGET,
    )
    figures, sources = accepted(reference, same)
    params = dict(
        metric="budget_total", kind="actual", period_start=2020, period_end=2020, start_month=1, end_month=12, hubs=[]
    )
    plain = data.query("region_totals", **params).set_index("region_code")
    mixed = data.query("region_totals", data.Uploads.of(figures, sources), **params).set_index("region_code")
    assert plain.loc["11", "total"] == mixed.loc["11", "total"] == 1.5e10
    assert mixed.loc["11", "has_user_supplied"] and not plain.loc["11", "has_user_supplied"]
    assert not mixed.loc["38", "has_user_supplied"]


def test_plan_actual_pairs_and_ratios_carry_the_upload_flag(reference):
    """An uploaded actual pairs with a bundled plan, and the pair says which side is user-supplied."""
    actual = figure(
        figure_id="y2", value="12500000000", quote="예산 125억원", source_published="2022-01-01", **OTHER_PAPER_BUDGET
    )
    figures, sources = accepted(reference, actual)
    pairs = data.query("plan_vs_actual", data.Uploads.of(figures, sources), hubs=["h_a"], families=[])
    row = pairs[pairs["actual_figure_id"] == "user-y2"]
    assert row[["plan_figure_id", "plan_user_supplied", "actual_user_supplied"]].values.tolist() == [
        ["B4", False, True]
    ]


# --- Streamlit: the upload section, session isolation, every page marking the rows ----------------------------


def seeded(page: str, kinds=("actual",), **options) -> AppTest:
    return page_app(page, years=(2018, 2022), kinds=kinds, **options)


def upload_file(at: AppTest, name: str, raw: bytes) -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, raw, "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sources_table(at: AppTest) -> pd.DataFrame:
    found = [d.value for d in at.dataframe if "user_supplied" in d.value.columns and "role" in d.value.columns]
    assert len(found) == 1
    return found[0]


def test_sources_page_upload_shows_rows_marked_and_remove_clears_them(reference):
    """Upload (CP949) -> converted note, success, rows in the table marked; 'remove' -> gone, other sessions never saw them."""
    at = seeded("sources").run()
    assert not sources_table(at)["user_supplied"].any()
    upload_file(at, "mine.csv", csv_text(OWN_SOURCE_ROW).encode("cp949"))
    assert "CP949" in "\n".join(i.value for i in at.info)
    assert [s.value for s in at.success] == ["내 수치 1개가 이 세션의 모든 화면에 '사용자 제공'으로 표시됩니다."]
    table = sources_table(at)
    assert table[table["user_supplied"]]["quote"].tolist() == ["입주 77개사"]
    other = seeded("sources").run()
    assert not sources_table(other)["user_supplied"].any()
    at.button(key="upload-remove").click().run()
    assert not at.exception
    assert not sources_table(at)["user_supplied"].any()
    assert at.success == []  # the "shown on every page" note goes with the upload


def test_refused_upload_lists_row_numbered_problems_and_keeps_nothing(reference):
    """A file with 250 bad rows is refused: the first 200 problems shown, the rest counted, nothing stored."""
    rows = [figure(figure_id=f"z{i}", value="abc", source_id="S1", quote="q", **NO_SOURCE) for i in range(250)]
    at = upload_file(seeded("sources").run(), "bad.csv", csv_text(*rows).encode())
    assert "문제 250개" in "\n".join(e.value for e in at.error)
    listed = at.code[-1].value.splitlines()
    # The Korean view (the default) lists the problems in Korean, with the same file and line.
    assert listed[0] == "bad.csv:2: value 'abc'은(는) 숫자가 아닙니다(숫자만 쓰세요: 천 단위 쉼표나 단위 없이)"
    assert len(listed) == upload.MAX_LISTED + 1 and "50" in listed[-1]
    assert not sources_table(at)["user_supplied"].any()


def test_oversized_upload_gets_a_clear_message(reference):
    """Over 5 MB: an error naming the size and the limit; nothing is loaded."""
    at = upload_file(seeded("sources").run(), "big.csv", b"a" * (upload.MAX_BYTES + 10))
    assert "big.csv 파일은 5.0 MB(5,000,010바이트)로 한도 5 MB(5,000,000바이트)를 넘어" in "\n".join(
        e.value for e in at.error
    )
    assert not sources_table(at)["user_supplied"].any()


def chart_specs(at: AppTest) -> str:
    """Every chart's Plotly JSON with Hangul as text (the proto escapes it as \\uXXXX)."""
    return "\n".join(json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("plotly_chart"))


def test_family_page_draws_and_downloads_the_uploaded_figure_marked(reference):
    """The Firms page of a session with an upload draws the figure as a marked series; other sessions do not."""
    figures, sources = accepted(reference, OWN_SOURCE_ROW)
    at = seeded("firms", uploads=(figures, sources)).run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    marked = [t for t in spec["data"] if "사용자 제공" in (t.get("name") or "")]
    assert len(marked) == 1 and marked[0]["customdata"] == ["user-x1"]
    assert "사용자 제공" in "\n".join(t for t in marked[0]["hovertext"] if t)
    plain = seeded("firms").run()
    assert "user-x1" not in chart_specs(plain)


def test_hub_timeline_table_and_overview_mark_the_upload(reference):
    """Hub profile: timeline legend and table say user-supplied; Overview: coverage title and card say so."""
    figures, sources = accepted(reference, OWN_SOURCE_ROW)
    hub = seeded("hub", uploads=(figures, sources), hub_profile="h_a").run()
    assert not hub.exception
    assert "사용자 제공" in chart_specs(hub)
    table = next(d.value for d in hub.dataframe if "quote" in d.value.columns)
    assert table["user_supplied"].tolist().count("예") == 1
    listed = next(d.value for d in hub.dataframe if "n_figures" in d.value.columns)
    assert listed[listed["user_supplied"]]["publisher"].tolist() == ["테스트 뉴스"]
    overview = seeded("overview", uploads=(figures, sources))
    overview.session_state[overview_page.COVERAGE_OPEN_KEY] = True  # the grid is drawn once its expander is opened
    overview.run()
    assert not overview.exception
    assert "사용자 제공 수치 포함" in chart_specs(overview)
    # The card's family block (one markdown element) carries the badge under the value.
    assert "*사용자 제공*" in "\n".join(m.value for m in overview.markdown)


def test_hub_id_guide_lists_each_bundled_hub_by_its_id_and_name_in_the_view_language():
    """The upload guide's hub table pairs ids with names as data/hubs.csv writes them, Korean or English."""
    ko = upload.hub_id_guide.uncached("ko")
    en = upload.hub_id_guide.uncached("en")
    assert list(ko.columns) == ["hub_id", "허브"] and list(en.columns) == ["hub_id", "Hub"]
    assert len(ko) == len(en) == 13  # the rows of data/hubs.csv
    ko_names = dict(zip(ko["hub_id"], ko["허브"]))
    en_names = dict(zip(en["hub_id"], en["Hub"]))
    assert ko_names["incheon_startup_park"] == "인천 스타트업파크"
    assert en_names["incheon_startup_park"] == "Incheon Startup Park"
