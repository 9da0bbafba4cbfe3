"""Tests of dashboard.validate: the valid fixture passes, each broken fixture gives its exact `file:line: message`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import schema, validate

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "fixtures" / "valid"
BROKEN = ROOT / "tests" / "fixtures" / "broken"
FILES = [schema.file_name(t) for t in schema.TABLES]

KINDS = "actual, cumulative_actual, plan, target"
UNITS = "KRW, count, firms, persons, PF, m2"

# Each broken fixture is the valid folder with one thing wrong; these are the exact lines it must print.
EXPECTED: dict[str, list[str]] = {
    "missing_file": ["firms.csv: file is missing"],
    "empty_file": ["personnel.csv: file is empty (no header line)"],
    "hubs_header_only": ["hubs.csv: has no rows after the header"],
    "missing_column": ["budgets.csv:1: missing column 'scope_note'"],
    "unknown_column": ["hubs.csv:1: unknown column 'website'"],
    "misspelled_column": [
        "metrics.csv:1: missing column 'unit'",
        "metrics.csv:1: unknown column 'units' (did you mean 'unit'?)",
    ],
    "ragged_row": ["firms.csv:3: row has 14 cells but the header has 13"],
    "repeated_header": ["personnel.csv:4: the header line is repeated here"],
    "unclosed_quote": ["figure_sources.csv:2: a quoted cell starting on this line is never closed"],
    "text_after_quote": [
        'firms.csv:3: a quoted cell has text after its closing quote (inside quotes, write a quote as "")'
    ],
    "empty_required": ["sources.csv:4: title is empty (required)"],
    "value_not_number": [
        "budgets.csv:4: value '1101억' is not a number (write digits only: no thousands separators or units)"
    ],
    "negative_value": ["personnel.csv:2: value -180 is negative"],
    "year_not_integer": ["firms.csv:2: period_start '2021.0' is not a whole number"],
    # outcomes.csv rows 2-4 are one record with a multi-line quote, so these lines count physical lines.
    "year_out_of_range": ["outcomes.csv:5: period_end 2205 is not between 1990 and 2100"],
    "unknown_hub_id": ["outcomes.csv:5: hub_id 'gwangju_ai' is not in hubs.csv"],
    "months_backwards": ["outcomes.csv:6: period_start_month 11 is after period_end_month 3 in the same year 2022"],
    "end_before_start": ["budgets.csv:4: period_end 2019 is before period_start 2020"],
    "month_out_of_range": ["budgets.csv:5: period_end_month 13 is not a month (1 to 12)"],
    "unknown_kind": [f"budgets.csv:5: kind 'actaul' is not one of {KINDS}"],
    "huge_kind": [f"budgets.csv:2: kind '{'plan' * 15}'… (400 characters) is not one of {KINDS}"],
    "unknown_metric": ["personnel.csv:3: metric 'people_trained' is not in metrics.csv"],
    "unknown_unit": [f"firms.csv:2: unit 'firms_count' is not one of {UNITS}"],
    "unit_mismatch": ["firms.csv:2: unit 'firms' does not match metric 'firms_resident', whose unit is 'count'"],
    "unknown_source_id": ["budgets.csv:3: source_id 'src_yonhap_2012' is not in sources.csv"],
    "figure_sources_unknown_source_id": ["figure_sources.csv:2: source_id 'src_kidd_2042' is not in sources.csv"],
    "figure_sources_unknown_figure_id": [
        "figure_sources.csv:2: figure_id 'bud-010' is not in any fact file (budgets, firms, personnel, outcomes)"
    ],
    "figure_sources_main_source": [
        "figure_sources.csv:2: source_id 'src_etnews_2020' is already the main source of figure_id 'bud-001' "
        "(budgets.csv:2)"
    ],
    "figure_sources_repeated": [
        "figure_sources.csv:3: figure_id 'bud-001' with source_id 'src_kidd_2024' is already listed at line 2"
    ],
    "wrong_family": ["budgets.csv:5: metric 'firms_resident' belongs in firms.csv, not budgets.csv"],
    "duplicate_figure_id": ["personnel.csv:3: figure_id 'bud-003' is already used at budgets.csv:4"],
    "duplicate_figure": [
        "outcomes.csv:7: same figure as figure_id 'out-002' at outcomes.csv:5 "
        "(same hub, metric, kind, period, value and source)"
    ],
    "duplicate_hub": ["hubs.csv:6: hub_id 'gwangju_ai_cluster' is already defined at line 2"],
    "duplicate_source": ["sources.csv:6: source_id 'src_etnews_2020' is already defined at line 2"],
    "duplicate_metric": ["metrics.csv:7: metric 'jobs_created' is already defined at line 6"],
    "unknown_member_of": ["hubs.csv:3: member_of 'gyeongnam_3zones' is not a hub_id in hubs.csv"],
    "member_of_not_aggregate": ["hubs.csv:2: member_of 'changwon_gangso_zone' is a hub, not an aggregate"],
    "member_of_cycle": [
        "hubs.csv:4: member_of forms a cycle: 'gyeongnam_gangso_3zones' -> 'gangso_14_zones' -> "
        "'gyeongnam_gangso_3zones'"
    ],
    "unknown_hub_type": ["hubs.csv:2: hub_type 'cluster' is not one of hub, programme, aggregate"],
    "unknown_region_code": [
        "hubs.csv:3: region_code '48' is not one of "
        "00, 11, 21, 22, 23, 24, 25, 26, 29, 31, 32, 33, 34, 35, 36, 37, 38, 39"
    ],
    "bad_latitude": ["hubs.csv:2: lat 352.254 is not a latitude (-90 to 90)"],
    "bad_opened_year": ["hubs.csv:3: opened_year 19 is not between 1990 and 2100"],
    "unknown_family": ["metrics.csv:3: family 'budget' is not one of budgets, firms, personnel, outcomes"],
    "metric_unknown_unit": [f"metrics.csv:2: unit 'won' is not one of {UNITS}"],
    "unknown_language": ["sources.csv:4: language 'english' is not one of ko, en"],
    "bad_published": ["sources.csv:5: published '2024/11/27' is not YYYY, YYYY-MM or YYYY-MM-DD"],
    "impossible_date": ["sources.csv:2: published '2020-02-30' is not a real date"],
    "bad_url": ["sources.csv:2: url 'javascript:alert(1)' is not an http:// or https:// address"],
}


def run_cli(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard.validate", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def copy_valid(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    return folder


def edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def messages(folder: Path) -> list[str]:
    return [str(p) for p in validate.validate_dir(folder)]


def test_valid_fixture_passes_on_the_command_line():
    """`python -m dashboard.validate tests/fixtures/valid` exits 0 with the one summary line."""
    result = run_cli(Path("tests/fixtures/valid"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "OK: 11 figures, 4 hubs, 4 sources (tests/fixtures/valid/)\n"


def test_broken_fixture_fails_on_the_command_line():
    """A broken folder prints its problem and exits 1."""
    result = run_cli(BROKEN / "unknown_kind")
    assert result.returncode == 1
    assert result.stdout.splitlines() == EXPECTED["unknown_kind"]


def test_every_broken_fixture_has_an_expectation():
    """No fixture folder goes untested and no expectation points at a missing folder."""
    assert sorted(p.name for p in BROKEN.iterdir() if p.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_fixture_reports_exactly_its_problem(case, capsys):
    """Each broken fixture prints exactly its expected lines and exits 1."""
    assert validate.main([str(BROKEN / case)]) == 1
    assert capsys.readouterr().out.splitlines() == EXPECTED[case]


@pytest.mark.parametrize(
    ("file", "encoding", "message"),
    [
        # A CP949 (EUC-KR) file is named as such, with the iconv command that converts it.
        pytest.param(
            "budgets.csv",
            "cp949",
            "budgets.csv: not UTF-8 (looks like CP949/EUC-KR); "
            "convert it, e.g. iconv -f cp949 -t utf-8 budgets.csv > budgets.utf8.csv",
            id="cp949",
        ),
        # UTF-16 (as Excel's 'Unicode text' writes it) is recognised by its byte order mark.
        pytest.param(
            "sources.csv",
            "utf-16",
            "sources.csv: not UTF-8 (looks like UTF-16: it starts with a UTF-16 byte order mark); "
            "convert it, e.g. iconv -f utf-16 -t utf-8 sources.csv > sources.utf8.csv",
            id="utf16",
        ),
    ],
)
def test_a_file_in_another_encoding_gets_its_conversion_command(tmp_path, file, encoding, message):
    folder = copy_valid(tmp_path)
    text = (VALID / file).read_text(encoding="utf-8")
    (folder / file).write_bytes(text.encode(encoding))
    assert messages(folder) == [message]


def test_utf8_with_bom_and_crlf_line_ends_is_valid(tmp_path):
    """Excel's 'CSV UTF-8' (BOM, CRLF) is fine, and CRLF inside a quoted cell still counts as one line."""
    folder = copy_valid(tmp_path)
    for file in FILES:
        text = (VALID / file).read_text(encoding="utf-8").replace("\n", "\r\n")
        (folder / file).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert messages(folder) == []
    edit(folder, "outcomes.csv", "1000,persons", "1000,people")
    assert messages(folder) == [f"outcomes.csv:5: unit 'people' is not one of {UNITS}"]


def test_undecodable_byte_is_located():
    """Bytes that fit no known encoding are reported with the first bad byte and its line."""
    text, problem = validate.decode(b"a,b\n1,2\n\xff\xfe\x81,3\n", "hubs.csv")
    assert text is None
    assert str(problem) == "hubs.csv: not UTF-8 (byte 0xff on line 3 is not valid UTF-8); save the file as UTF-8"


def test_decode_strips_the_utf8_bom():
    """decode returns the text without the byte order mark."""
    assert validate.decode("\ufeffa,b\n".encode("utf-8"), "x.csv") == ("a,b\n", None)


def test_problem_after_a_long_multiline_quote_has_the_right_line(tmp_path):
    """A quote spanning five physical lines shifts every later row's line number by four."""
    folder = copy_valid(tmp_path)
    edit(
        folder,
        "budgets.csv",
        ",9월 말 기준 434억원의 투자를 유치했다.,",
        ',"9월 말 기준\n434억원의\n\n""투자를""\n유치했다.",',
    )
    (folder / "budgets.csv").write_text(
        (folder / "budgets.csv").read_text(encoding="utf-8")
        + "bud-005,gwangju_ai_cluster,budget_total,1,KRW,2020,2020,,,goal,src_etnews_2020,q,\n",
        encoding="utf-8",
    )
    assert messages(folder) == [f"budgets.csv:10: kind 'goal' is not one of {KINDS}"]


def test_many_problems_are_all_listed_in_file_then_line_order(tmp_path):
    """Every problem is listed, hubs.csv first and figure_sources.csv last, lines ascending within a file."""
    folder = copy_valid(tmp_path)
    edit(folder, "figure_sources.csv", "bud-001,", "bud-999,")
    edit(folder, "outcomes.csv", "1000,persons,2021,2025", "1000,persons,2026,2025")
    edit(folder, "budgets.csv", "43400000000,KRW,2020,2020,,9,actual", "43400000000,KRW,2020,2020,,9,actaul")
    edit(folder, "budgets.csv", "110100000000,KRW", "-1,KRW")
    edit(folder, "hubs.csv", "Gwangju,hub,", "Gwangju,hubb,")
    (folder / "personnel.csv").unlink()
    assert messages(folder) == [
        "hubs.csv:2: hub_type 'hubb' is not one of hub, programme, aggregate",
        "budgets.csv:4: value -1 is negative",
        f"budgets.csv:5: kind 'actaul' is not one of {KINDS}",
        "personnel.csv: file is missing",
        "outcomes.csv:5: period_end 2025 is before period_start 2026",
    ]


def test_figure_sources_is_checked_when_every_fact_file_is_there(tmp_path):
    """With all fact files readable, an unknown figure_id in figure_sources.csv is reported too."""
    folder = copy_valid(tmp_path)
    edit(folder, "figure_sources.csv", "bud-001,", "bud-999,")
    edit(folder, "hubs.csv", "Gwangju,hub,", "Gwangju,hubb,")
    assert messages(folder) == [
        "hubs.csv:2: hub_type 'hubb' is not one of hub, programme, aggregate",
        "figure_sources.csv:2: figure_id 'bud-999' is not in any fact file (budgets, firms, personnel, outcomes)",
    ]


def test_nul_byte_and_hostile_cell_are_shown_safely(tmp_path):
    """A NUL byte is reported by line; bidi and control characters are escaped in messages."""
    folder = copy_valid(tmp_path)
    edit(folder, "firms.csv", ",actual,src_yonhap_2021", ",\u202eactual\x00,src_yonhap_2021")
    assert messages(folder) == [
        "firms.csv:2: contains a NUL byte (the file may be damaged or not text)",
        f"firms.csv:2: kind '\\u202eactual\\x00' is not one of {KINDS}",
    ]


def test_missing_folder_is_one_problem(tmp_path):
    """A folder that does not exist gives one problem instead of eight missing files."""
    assert messages(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: no such folder"]


def test_read_tables_types_follow_the_schema():
    """VARCHAR -> string, INTEGER -> Int64, DOUBLE -> float64; empty optional cells are missing values."""
    tables, problems = validate.read_tables(VALID)
    assert problems == []
    assert list(tables) == list(schema.TABLES)
    for name, columns in schema.TABLES.items():
        assert list(tables[name].columns) == [c.name for c in columns]
        for column in columns:
            expected = {"VARCHAR": "string", "INTEGER": "Int64", "DOUBLE": "float64"}[column.sql_type]
            assert str(tables[name][column.name].dtype) == expected, (name, column.name)
    budgets = tables["budgets"].set_index("figure_id")
    assert budgets.loc["bud-004", "period_end_month"] == 9
    assert pd.isna(budgets.loc["bud-004", "period_start_month"])
    assert budgets.loc["bud-001", "value"] == 393_900_000_000.0
    assert pd.isna(budgets.loc["bud-003", "scope_note"])
    quote = tables["outcomes"].set_index("figure_id").loc["out-001", "quote"]
    assert quote.count("\n") == 2 and '"기술이전"' in quote
    hubs = tables["hubs"].set_index("hub_id")
    assert pd.isna(hubs.loc["gangso_14_zones", "lat"])
    assert hubs.loc["changwon_gangso_zone", "member_of"] == "gyeongnam_gangso_3zones"


def test_read_tables_returns_every_table_even_when_files_are_missing(tmp_path):
    """data.py can rely on all eight frames existing, typed, even beside problems."""
    tables, problems = validate.read_tables(tmp_path)
    assert [str(p) for p in problems] == [f"{f}: file is missing" for f in FILES]
    assert all(len(tables[name]) == 0 for name in schema.TABLES)
    assert str(tables["budgets"]["period_start"].dtype) == "Int64"


FACT_HEADER = ",".join(c.name for c in schema.FACT_COLUMNS if not c.may_be_absent)


@pytest.fixture(scope="module")
def reference():
    tables, problems = validate.read_tables(VALID)
    assert problems == []
    return tables


def test_upload_of_new_figures_is_accepted(reference):
    """An upload under any file name may mix families: the metric decides the family."""
    text = (
        f"{FACT_HEADER}\n"
        "up-1,gwangju_ai_cluster,firms_resident,95,count,2022,2022,,,actual,src_kidd_2024,입주기업 95곳,\n"
        "up-2,gwangju_ai_cluster,budget_total,1000,KRW,2023,2023,,6,plan,src_kidd_2024,예산 1000원,\n"
    )
    frame, problems = validate.validate_facts_text(text, "my upload.csv", reference)
    assert problems == []
    assert frame["figure_id"].tolist() == ["up-1", "up-2"]
    assert str(frame["period_end_month"].dtype) == "Int64" and frame["period_end_month"].iloc[1] == 6


def test_upload_clashing_with_existing_figures_is_refused(reference):
    """An uploaded figure_id or figure that already exists is reported against the file that holds it."""
    existing = "gwangju_ai_cluster,budget_total,393900000000,KRW,2020,2024,,,plan,src_etnews_2020"
    text = (
        f"{FACT_HEADER}\n"
        f"bud-001,gwangju_ai_cluster,budget_total,5,KRW,2020,2020,,,plan,src_etnews_2020,q,\n"
        f"up-9,{existing},copied again,\n"
        f"up-9,gwangju_ai_cluster,budget_total,6,KRW,2020,2020,,,plan,src_nowhere,q,\n"
    )
    frame, problems = validate.validate_facts_text(text, "upload.csv", reference)
    assert frame is None
    assert [str(p) for p in problems] == [
        "upload.csv:2: figure_id 'bud-001' is already used in budgets.csv",
        "upload.csv:3: same figure as figure_id 'bud-001' in budgets.csv "
        "(same hub, metric, kind, period, value and source)",
        "upload.csv:4: source_id 'src_nowhere' is not in sources.csv",
        "upload.csv:4: figure_id 'up-9' is already used at upload.csv:3",
    ]


def test_upload_named_after_a_family_gets_the_family_check(reference):
    """Uploading firms.csv with a budget metric is told where the row belongs."""
    text = f"{FACT_HEADER}\nup-1,gwangju_ai_cluster,budget_total,1,KRW,2020,2020,,,plan,src_kidd_2024,q,\n"
    frame, problems = validate.validate_facts_text(text, "firms.csv", reference)
    assert frame is None
    assert [str(p) for p in problems] == ["firms.csv:2: metric 'budget_total' belongs in budgets.csv, not firms.csv"]


def test_empty_upload_is_a_problem(reference):
    """An empty upload is a file-level problem, not a crash."""
    assert validate.validate_facts_text("", "u.csv", reference) == (
        None,
        [validate.Problem("u.csv", None, "file is empty (no header line)")],
    )


def test_problem_string_forms():
    """A file-level problem prints without a line number."""
    assert str(validate.Problem("hubs.csv", 3, "x")) == "hubs.csv:3: x"
    assert str(validate.Problem("hubs.csv", None, "x")) == "hubs.csv: x"


# --- property tests: nothing a data folder can contain makes the validator raise -------------------------

TRICKY = st.sampled_from(['"', ",", "\n", "\r", "\r\n", "\x00", "\ufeff", "가", "-", "1", " ", "", "\u202e", "\udc80"])


def assert_well_formed(problems):
    for problem in problems:
        assert isinstance(problem, validate.Problem)
        assert problem.file
        assert problem.line is None or (isinstance(problem.line, int) and problem.line >= 1)
        assert str(problem)
        # The last-resort guard turns bugs into problems; the property tests must not need it.
        assert "internal error" not in problem.message, problem


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file=st.sampled_from(FILES), data=st.binary(max_size=2000))
def test_random_bytes_never_raise(file, data):
    """Random bytes in any file become problems, never an exception."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(VALID, folder)
        (folder / file).write_bytes(data)
        assert_well_formed(validate.validate_dir(folder))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    file=st.sampled_from(FILES),
    edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), TRICKY), min_size=1, max_size=8),
)
def test_mutated_valid_csv_never_raises(file, edits):
    """Valid text with inserted or deleted quotes, commas, line ends, NULs and odd characters never raises."""
    text = (VALID / file).read_text(encoding="utf-8")
    for where, deleted, inserted in edits:
        at = int(where * len(text))
        text = text[:at] + inserted + text[at + deleted :]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(VALID, folder)
        (folder / file).write_bytes(text.encode("utf-8", errors="surrogateescape"))
        assert_well_formed(validate.validate_dir(folder))


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=500))
def test_any_upload_text_never_raises(reference, text):
    """validate_facts_text turns any text, even with lone surrogates, into problems or a frame."""
    frame, problems = validate.validate_facts_text(FACT_HEADER + "\n" + text, "upload.csv", reference)
    assert_well_formed(problems)
    assert (frame is None) == bool(problems)
