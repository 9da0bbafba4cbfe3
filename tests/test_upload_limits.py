"""Upload volume: a size limit, a line limit, a column limit and a problem limit, each with a message that says
so, checked in bounded memory; the one size limit stated in the user's language. Table-driven over the classes of
hostile files, and a property test of the line count the limit is checked on."""

from __future__ import annotations

import io
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard import data, upload
from tests.conftest import QUERY_FIXTURE, ROOT, upload_line

HEADER = ",".join(upload.TEMPLATE_COLUMNS)
WIDTH = len(upload.TEMPLATE_COLUMNS)


@pytest.fixture
def reference(monkeypatch):
    monkeypatch.setenv("HUBS_DATA_DIR", str(QUERY_FIXTURE))
    assert data.check_data() == []
    return upload.reference_tables


def _good_row(n: int) -> str:
    return upload_line(figure_id=f"x{n}", value=str(n))


ROWS_OVER = upload.MAX_ROWS + 1
# (name, file bytes, first problem, stopped: the check's last line says it stopped)
CASES = [
    (
        "blank lines",
        (HEADER + "\n" * (ROWS_OVER + 1)).encode(),
        f"f.csv: has {ROWS_OVER:,} lines after the header; the limit is {upload.MAX_ROWS:,}",
        False,
    ),
    (
        "millions of blank lines",
        (HEADER + "\n" * 4_900_000).encode(),  # under the size limit
        "f.csv: has 4,899,999 lines after the header; the limit is 10,000",
        False,
    ),
    (
        "short rows",
        (HEADER + "\n" + ",\n" * ROWS_OVER).encode(),
        f"f.csv: has {ROWS_OVER:,} lines after the header; the limit is {upload.MAX_ROWS:,}",
        False,
    ),
    (
        "CR line ends",
        (HEADER + "\r" + ",\r" * ROWS_OVER).encode(),
        f"f.csv: has {ROWS_OVER:,} lines after the header; the limit is {upload.MAX_ROWS:,}",
        False,
    ),
    (
        "CRLF line ends",
        (HEADER + "\r\n" + ",\r\n" * ROWS_OVER).encode(),
        f"f.csv: has {ROWS_OVER:,} lines after the header; the limit is {upload.MAX_ROWS:,}",
        False,
    ),
    (
        "wide header",
        (HEADER + ",x" * 1_000_000 + "\n").encode(),
        f"f.csv: has {WIDTH + 1_000_000:,} columns in its header line; the template has {WIDTH} and the limit is 64",
        False,
    ),
    (
        "wide header after blank lines",
        ("\n\n" + HEADER + "," * 100 + "\n").encode(),
        f"f.csv: has {WIDTH + 100} columns in its header line; the template has {WIDTH} and the limit is 64",
        False,
    ),
    (
        "short rows at the line limit",
        (HEADER + "\n" + ",\n" * upload.MAX_ROWS).encode(),
        f"f.csv:2: row has 2 cells but the header has {WIDTH}",
        True,
    ),
    (
        "empty rows at the line limit",
        (HEADER + "\n" + ("," * (WIDTH - 1) + "\n") * upload.MAX_ROWS).encode(),
        "f.csv:2: figure_id is empty (required)",
        True,
    ),
    (
        "too big",
        b"a" * (upload.MAX_BYTES + 1),
        "f.csv: is 5.0 MB (5,000,001 bytes); the limit is 5 MB (5,000,000 bytes)",
        False,
    ),
]


@pytest.mark.parametrize("name, raw, first, stopped", CASES, ids=[c[0] for c in CASES])
def test_hostile_volume_is_refused_with_a_bounded_list(reference, name, raw, first, stopped):
    outcome = upload.check_upload(raw, "f.csv", reference)
    assert not outcome.accepted
    assert str(outcome.problems[0]) == first
    assert len(outcome.problems) <= upload.MAX_PROBLEMS + 1
    if stopped:
        assert len(outcome.problems) == upload.MAX_PROBLEMS + 1
        assert str(outcome.problems[-1]) == (
            "f.csv: has more than 1,000 problems; the check stopped there. Fix these and upload the file again"
        )
        assert outcome.cut > 0
    else:
        assert len(outcome.problems) == 1
    # What the session keeps about it is bounded too.
    report = upload._report(outcome)
    assert len(report["problems"]) <= upload.MAX_PROBLEMS + 1
    assert sum(sys.getsizeof(p) for p in report["problems"]) < 1_000_000


def test_a_valid_file_at_the_line_limit_is_accepted(reference):
    rows = [_good_row(n) for n in range(upload.MAX_ROWS)]
    outcome = upload.check_upload(("\n".join([HEADER, *rows]) + "\n").encode(), "f.csv", reference)
    assert outcome.problems == []
    assert len(outcome.figures) == upload.MAX_ROWS


def test_a_few_problems_past_the_probe_are_all_listed(reference):
    """Problems beyond the first PROBE_ROWS rows are found too (the probe only decides when to stop early)."""
    rows = [_good_row(n) for n in range(upload.PROBE_ROWS + 100)]
    rows[-1] = rows[-1].replace(",firms_resident,", ",no_such_metric,")
    outcome = upload.check_upload(("\n".join([HEADER, *rows]) + "\n").encode(), "f.csv", reference)
    assert [str(p) for p in outcome.problems][:1] == [
        f"f.csv:{len(rows) + 1}: metric 'no_such_metric' is not in metrics.csv"
    ]
    assert outcome.cut == 0


def _lines_by_python(text: str) -> int:
    return len(io.StringIO(text, newline=None).readlines())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", ",", "\n", "\r", "\r\n", "가", '"', " "]), max_size=60).map("".join))
def test_line_count_is_the_readers(text):
    assert upload.line_count(text.encode("utf-8")) == _lines_by_python(text)
    assert upload.line_count(text.encode("cp949")) == _lines_by_python(text)


@pytest.mark.parametrize(
    "text, width",
    [
        ("a,b,c", 3),
        ("\n\na,b\n1,2", 2),
        ('"a,b",c\n', 2),
        ("\ufeffa,b", 2),
        ("", 0),
        ("\n\n", 0),
        ("a\r\nb,c", 1),
    ],
)
def test_header_width(text, width):
    assert upload.header_width(text) == width


def _upload(at: AppTest, raw: bytes) -> AppTest:
    at.file_uploader(key="upload_file").set_value(("f.csv", raw, "text/csv"))
    at.run()
    assert not at.exception
    return at


def _sources_page(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "sources.py"), default_timeout=60)
    at.session_state["lang"] = lang
    return at.run()


@pytest.mark.parametrize(
    "lang, words",
    [
        ("ko", ["10,001줄로 한도 10,000줄을 넘어"]),
        ("en", ["10,001 lines below the header, over the limit of 10,000"]),
    ],
)
def test_the_page_says_the_line_limit_in_the_users_language(reference, lang, words):
    at = _upload(_sources_page(lang), (HEADER + "\n" * (ROWS_OVER + 1)).encode())
    errors = "\n".join(e.value for e in at.error)
    for word in words:
        assert word in errors


@pytest.mark.parametrize("lang, said", [("ko", "문제 1,000+개"), ("en", "Problems found: 1,000+.")])
def test_the_page_says_the_check_stopped(reference, lang, said):
    at = _upload(_sources_page(lang), (HEADER + "\n" + ",\n" * 2_000).encode())
    assert said in "\n".join(e.value for e in at.error)
    assert len(at.warning) >= 1
    assert {"ko": "1,000개를 넘어 검사를 멈췄습니다", "en": "stopped after 1,000 problems"}[lang] in "\n".join(
        w.value for w in at.warning
    )


@pytest.mark.parametrize("lang, line", [("ko", "CSV 파일 하나, 최대 5 MB"), ("en", "One CSV file, at most 5 MB")])
def test_one_size_limit_in_the_users_language(reference, lang, line):
    """The uploader widget refuses over LIMIT_MB (the server's cap too), and the page states that number: in the
    drop zone, in place of Streamlit's own line (the page's style), and in the introduction."""
    at = _sources_page(lang)
    assert at.file_uploader(key="upload_file").proto.max_upload_size_mb == upload.LIMIT_MB
    styles = [h.proto.body for h in at.get("html") if "stFileUploaderDropzoneInstructions" in h.proto.body]
    assert len(styles) == 1 and f'content: "{line}"' in styles[0]
    assert f"{upload.LIMIT_MB} MB" in "\n".join(c.value for c in at.caption if "UTF-8" in c.value)


@pytest.mark.parametrize(
    "lang, line",
    [("ko", "f.csv:3: figure_id이(가) 비어 있습니다(필수)"), ("en", "f.csv:3: figure_id is empty (required)")],
)
def test_the_problems_are_listed_in_the_users_language(reference, lang, line):
    """The validator's problems with an upload read in the page's language, with the file and line unchanged."""
    at = _upload(_sources_page(lang), (HEADER + "\n\n" + "," * (WIDTH - 1) + "\n").encode())
    assert line in "\n".join(c.value for c in at.code).splitlines()
