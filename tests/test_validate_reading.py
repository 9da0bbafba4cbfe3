"""The CSV reader (dashboard.validate.csv_reader) against Python's csv module as the oracle: the same records, cells
and start lines for any text the csv module writes, the same unreadable rows on broken quoting, across blocks;
and hand-written FILE:LINE messages for quotes, line ends, blank lines and NULs in a data folder."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import validate
from dashboard.validate import csv_reader

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "fixtures" / "valid"

CELL = st.one_of(
    st.sampled_from(["", " ", '"', '""', ",", "\n", "\r", "\r\n", "a\nb", "x\x00y", "\ufeff", "가나다", "=1", '"q"']),
    st.text(max_size=8),
)
TEXT_AFTER_QUOTE = 'a quoted cell has text after its closing quote (inside quotes, write a quote as "")'
NEVER_CLOSED = "a quoted cell starting on this line is never closed"
QUOTE_ERRORS = ['"', '"x"y', 'a"b', '""', '"\n', '," ', "\r", "\n\n"]


def oracle(text: str) -> tuple[list[tuple[int, list[str]]], list[tuple[int, str]]]:
    """(start line, cells) of every non-blank record and (line, message) of every unreadable one, as the csv module
    reads `text` (strict) after a byte order mark at its start, with the validator's wording and line rule."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    records, errors, end = [], [], 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return records, errors
        except csv.Error as error:
            start = end + 1
            if "expected after" in str(error):
                errors.append((reader.line_num, TEXT_AFTER_QUOTE))
            else:
                errors.append((start, NEVER_CLOSED))
            end = max(reader.line_num, start)
            continue
        if row:
            records.append((end + 1, row))
        end = reader.line_num


def read(text: str) -> tuple[list[tuple[int, list[str]]], list[tuple[int, str]]]:
    problems: list[validate.Problem] = []
    rows, starts = validate.read_records(text, "t.csv", problems)
    return [(line, row) for line, row in zip(starts, rows) if row is not None], [(p.line, p.message) for p in problems]


@pytest.fixture(params=[None, 7, 64], ids=["one block", "7-byte blocks", "64-byte blocks"])
def block_bytes(request, monkeypatch):
    if request.param:
        monkeypatch.setattr(csv_reader, "BLOCK_BYTES", request.param)
    return request.param


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=8),
    crlf=st.booleans(),
    blank_after=st.sets(st.integers(0, 8)),
)
def test_written_csv_reads_as_the_csv_module_reads_it(block_bytes, rows, crlf, blank_after):
    """Any rows the csv module writes (quoted line breaks, quotes, NULs, CRLF, blank lines between) come back with
    the cells and start lines the csv module reads."""
    end = "\r\n" if crlf else "\n"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=end)
    for at, row in enumerate(rows):
        writer.writerow(row)
        if at in blank_after:
            out.write(end)
    text = out.getvalue()
    assert read(text) == oracle(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(
        st.lists(st.one_of(st.sampled_from(QUOTE_ERRORS), st.sampled_from(["a", "1", ""])), max_size=4),
        min_size=1,
        max_size=8,
    )
)
def test_broken_quoting_reads_as_the_csv_module_reads_it(block_bytes, lines):
    """Stray and unclosed quotes: the same unreadable rows on the same lines, and the same readable ones."""
    text = "\n".join(",".join(cells) for cells in lines)
    assert read(text) == oracle(text)


def test_a_thousand_unreadable_rows_stop_after_the_hundredth():
    """After MAX_PARSE_ERRORS unreadable rows the reader says it stopped, and reads nothing further."""
    text = "a,b\n" + '"x"y,1\n' * 150 + "c,d\n"
    records, errors = read(text)
    assert records == [(1, ["a", "b"])]
    assert errors[-1] == (101, "too many unreadable rows; stopped reading here")
    assert len(errors) == 101 and errors[99] == (101, TEXT_AFTER_QUOTE)


def test_a_byte_order_mark_inside_the_text_is_kept():
    """The file's own byte order mark is skipped; one at the start of a later row is that cell's text."""
    assert read("\ufeffa,b\n\ufeffc,d\n") == ([(1, ["a", "b"]), (2, ["\ufeffc", "d"])], [])
    assert read("a\n\ufeff\n") == ([(1, ["a"]), (2, ["\ufeff"])], [])


SOURCES_HEADER = "source_id,publisher,title,published,published_note,url,language"
GOOD = 'S1,"Pub, Inc.","A ""quoted"" title",2021-05-01,,https://example.org/a,ko'
BAD_LANGUAGE = "S9,P,T,2021,,https://example.org/b,xx"
WRONG_LANGUAGE = "language 'xx' is not one of ko, en"
# sources.csv's body -> its exact problems (the fact files' other problems, unknown source ids, are left out).
CASES = {
    "crlf": ([GOOD + "\r", BAD_LANGUAGE + "\r"], [f"sources.csv:3: {WRONG_LANGUAGE}"]),
    "blank lines": ([GOOD, "", "", BAD_LANGUAGE], [f"sources.csv:5: {WRONG_LANGUAGE}"]),
    "quoted line break": (
        ['S1,"Pub\nInc",T,2021,,https://example.org/a,ko', BAD_LANGUAGE],
        [f"sources.csv:4: {WRONG_LANGUAGE}"],
    ),
    "lone carriage return": ([GOOD + "\r" + BAD_LANGUAGE], [f"sources.csv:3: {WRONG_LANGUAGE}"]),
    "quote inside an unquoted cell": (
        ['S1,Pub "x" Inc,T,2021,,https://example.org/a,ko', BAD_LANGUAGE],
        [f"sources.csv:3: {WRONG_LANGUAGE}"],
    ),
    "text after closing quote": (
        ['S1,"Pub"x,T,2021,,https://example.org/a,ko', BAD_LANGUAGE],
        [f"sources.csv:2: {TEXT_AFTER_QUOTE}", f"sources.csv:3: {WRONG_LANGUAGE}"],
    ),
    "unclosed quote": (
        ['S1,"Pub,T,2021,,https://example.org/a,ko', BAD_LANGUAGE],
        ["sources.csv: has no rows after the header", f"sources.csv:2: {NEVER_CLOSED}"],
    ),
    "too few cells": (
        ["S1,Pub,T,2021,,https://example.org/a", BAD_LANGUAGE],
        ["sources.csv:2: row has 6 cells but the header has 7", f"sources.csv:3: {WRONG_LANGUAGE}"],
    ),
    "header repeated": (
        [SOURCES_HEADER, BAD_LANGUAGE],
        ["sources.csv:2: the header line is repeated here", f"sources.csv:3: {WRONG_LANGUAGE}"],
    ),
    "nul byte": (
        ["S1,P\x00,T,2021,,https://example.org/a,ko", BAD_LANGUAGE],
        [
            "sources.csv:2: contains a NUL byte (the file may be damaged or not text)",
            f"sources.csv:3: {WRONG_LANGUAGE}",
        ],
    ),
    "no final newline": ([GOOD, BAD_LANGUAGE + "<END>"], [f"sources.csv:3: {WRONG_LANGUAGE}"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_sources_file_messages_point_at_their_lines(case, tmp_path, block_bytes):
    """Quotes, line ends, blank lines, NULs and ragged rows in sources.csv give these exact FILE:LINE messages."""
    shutil.copytree(VALID, tmp_path, dirs_exist_ok=True)
    body, expected = CASES[case]
    text = ("\n".join([SOURCES_HEADER, *body]) + "\n").replace("<END>\n", "")
    (tmp_path / "sources.csv").write_bytes(text.encode("utf-8"))
    assert [str(p) for p in validate.validate_dir(tmp_path) if p.file == "sources.csv"] == expected


def test_cells_keep_quotes_line_breaks_and_spaces(tmp_path):
    """Typed cells hold what the quotes enclose: doubled quotes as one, line breaks and inner spaces kept."""
    shutil.copytree(VALID, tmp_path, dirs_exist_ok=True)
    rows = [GOOD, 'S2,"Pub\r\nInc",""" T """,2021,,https://example.org/a,en']
    (tmp_path / "sources.csv").write_bytes(("\n".join([SOURCES_HEADER, *rows]) + "\n").encode("utf-8"))
    sources = validate.read_tables(tmp_path)[0]["sources"]
    assert sources["publisher"].tolist() == ["Pub, Inc.", "Pub\r\nInc"]
    assert sources["title"].tolist() == ['A "quoted" title', '" T "']


def test_invalid_utf8_late_in_a_file_is_one_encoding_message(tmp_path, monkeypatch):
    """Bytes that are not UTF-8 after several blocks of good rows: one message for the file, naming the line."""
    monkeypatch.setattr(csv_reader, "BLOCK_BYTES", 256)
    shutil.copytree(VALID, tmp_path, dirs_exist_ok=True)
    rows = [f"S{i},P,T,2021,,https://example.org/{i},xx" for i in range(2, 60)]
    text = "\n".join([SOURCES_HEADER, *rows]).encode("utf-8") + b"\nS99,P\xff,T,2021,,,ko\n"
    (tmp_path / "sources.csv").write_bytes(text)
    assert [str(p) for p in validate.validate_dir(tmp_path) if p.file == "sources.csv"] == [
        "sources.csv: not UTF-8 (looks like Windows-1252/Latin-1); "
        "convert it, e.g. iconv -f cp1252 -t utf-8 sources.csv > sources.utf8.csv"
    ]


BROKEN = ROOT / "tests" / "fixtures" / "broken"


@pytest.mark.parametrize(
    "fixture, ko",
    [
        ("missing_file", "firms.csv: 파일이 없습니다"),
        ("ragged_row", "firms.csv:3: 이 행의 칸은 14개인데 머리글은 13개입니다"),
        ("unclosed_quote", "figure_sources.csv:2: 이 줄에서 시작한 따옴표 칸이 닫히지 않았습니다"),
        ("misspelled_column", "metrics.csv:1: 'unit' 열이 없습니다"),
        ("unknown_source_id", "budgets.csv:3: source_id 'src_yonhap_2012'이(가) sources.csv에 없습니다"),
        ("negative_value", "personnel.csv:2: value -180은(는) 음수입니다"),
        ("empty_required", "sources.csv:4: title이(가) 비어 있습니다(필수)"),
        ("duplicate_hub", "hubs.csv:6: hub_id 'gwangju_ai_cluster'은(는) 이미 2번째 줄에 있습니다"),
        ("year_out_of_range", "outcomes.csv:5: period_end 2205은(는) 1990~2100 범위 밖입니다"),
        (
            "member_of_not_aggregate",
            "hubs.csv:2: member_of 'changwon_gangso_zone'은(는) 묶음(aggregate)이 아니라 hub입니다",
        ),
        ("impossible_date", "sources.csv:2: published '2020-02-30'은(는) 실제 날짜가 아닙니다"),
        (
            "figure_sources_repeated",
            "figure_sources.csv:3: figure_id 'bud-001'와 source_id 'src_kidd_2024'의 짝은 이미 2번째 줄에 있습니다",
        ),
        ("duplicate_figure_id", "personnel.csv:3: figure_id 'bud-003'은(는) 이미 budgets.csv:4에서 쓰였습니다"),
    ],
)
def test_problems_read_in_korean_in_the_korean_view(fixture, ko):
    """A problem's words in Korean for the Korean view, the file and line unchanged; English stays English."""
    first = validate.validate_dir(BROKEN / fixture)[0]
    assert first.text("ko") == ko
    assert first.text("en") == str(first)


def test_an_encoding_problem_reads_in_korean(tmp_path):
    """A CP949 file: the Korean view says so in Korean, with the same iconv command."""
    shutil.copytree(VALID, tmp_path, dirs_exist_ok=True)
    (tmp_path / "hubs.csv").write_bytes((VALID / "hubs.csv").read_text(encoding="utf-8").encode("cp949", "replace"))
    problem = validate.validate_dir(tmp_path)[0]
    assert problem.text("ko") == (
        "hubs.csv: UTF-8이 아닙니다(CP949/EUC-KR로 보입니다). UTF-8로 바꾸세요. 예: iconv -f cp949 -t utf-8 hubs.csv > hubs.utf8.csv"
    )
    assert str(problem) == (
        "hubs.csv: not UTF-8 (looks like CP949/EUC-KR); convert it, e.g. iconv -f cp949 -t utf-8 hubs.csv > hubs.utf8.csv"
    )


def test_a_refused_file_reads_in_korean(tmp_path):
    """A folder where a data file should be: said in Korean in the Korean view, in English on the command line."""
    shutil.copytree(VALID, tmp_path, dirs_exist_ok=True)
    (tmp_path / "hubs.csv").unlink()
    (tmp_path / "hubs.csv").mkdir()
    problem = validate.validate_dir(tmp_path)[0]
    assert (problem.text("ko"), str(problem)) == (
        "hubs.csv: 파일이 아니라 폴더입니다",
        "hubs.csv: is a folder, not a file",
    )
