"""Every message about an uploaded file in both languages: table-driven over the upload's own strings (each
problem a file can have, and the page's refusals), Korean with Hangul naming the file and line as the English does;
the Korean view of a refused upload in Korean."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n, upload, validate
from tests.conftest import QUERY_FIXTURE, ROOT, upload_line

HEADER = ",".join(upload.TEMPLATE_COLUMNS)
HANGUL = re.compile("[\uac00-\ud7a3]")
OWN = dict(quote="입주 77개사", source_publisher="테스트 뉴스", source_title="제목", source_url="https://example.org/t")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def reference(monkeypatch):
    monkeypatch.setenv("HUBS_DATA_DIR", str(QUERY_FIXTURE))
    return upload.reference_tables


def row(**cells: str) -> str:
    return upload_line(**{**OWN, **cells})


def csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def _broken_reference(*args):
    raise RuntimeError("boom")


# (string key, the file's bytes, the line the problem names (None: the whole file)). Every string an upload's
# problems use; test_every_upload_problem_string_has_a_case keeps the list complete.
CASES = [
    ("upload.check.too_big", b"a" * (upload.MAX_BYTES + 1), None),
    ("upload.check.too_long", (HEADER + "\n" * (upload.MAX_ROWS + 2)).encode(), None),
    ("upload.check.too_wide", (",".join(f"c{i}" for i in range(100)) + "\n").encode(), None),
    ("upload.check.stopped", csv(*[","] * 2_000), None),
    ("upload.check.internal_error", csv(row()), None),
    ("upload.check.not_utf8", "a,b\ncafé\n".encode("latin-1"), None),
    ("upload.check.both_sources", csv(row(source_id="S1")), 2),
    ("upload.check.source_missing", csv(row(), row(figure_id="x2", source_title="")), 3),
    ("upload.check.source_published_shape", csv(row(source_published="May 2024")), 2),
    ("upload.check.source_date", csv(row(source_published="2024-13-01")), 2),
    ("upload.check.source_url", csv(row(source_url="ftp://x")), 2),
    ("check.no_rows", csv(), None),
    ("check.column_twice", (HEADER + ",source_title\n").encode(), 1),
    ("check.row_cells", csv(row(), "x5,short"), 3),
    ("check.binary_png", PNG, None),
    ("check.binary_xlsx", b"PK\x03\x04" + b"\x00" * 64, None),
    ("check.looks_like", "a,b\ncafé\n".encode("latin-1"), None),
]


def problem_of(key: str, raw: bytes, reference, monkeypatch) -> validate.Problem:
    if key == "upload.check.internal_error":
        reference = _broken_reference
    if key == "upload.check.not_utf8":  # the validator's decoder always names the encoding; this is the fallback
        monkeypatch.setattr(validate, "decode", lambda raw, file: (None, None))
    found = [p for p in upload.check_upload(raw, "f.csv", reference).problems if p.key == key]
    assert found, key
    return found[0]


@pytest.mark.parametrize("key, raw, line", CASES, ids=[c[0] for c in CASES])
def test_each_problem_reads_in_both_languages_naming_file_and_line(reference, monkeypatch, key, raw, line):
    problem = problem_of(key, raw, reference, monkeypatch)
    assert set(i18n.STRINGS[key]) == {"ko", "en"}
    where = f"f.csv:{line}: " if line else "f.csv: "
    english, korean = problem.text("en"), problem.text("ko")
    assert english == str(problem) and english.startswith(where)
    assert korean.startswith(where)
    message = korean[len(where) :]
    assert HANGUL.search(message) and message != english[len(where) :], korean


def test_every_upload_problem_string_has_a_case():
    covered = {key for key, _, _ in CASES}
    assert sorted(k for k in i18n.STRINGS if k.startswith("upload.check.")) == sorted(
        k for k in covered if k.startswith("upload.check.")
    )


@pytest.mark.parametrize(
    "key, ko, en",
    [
        (
            "upload.check.too_big",
            "f.csv: 크기가 5.0 MB(5,000,001바이트)로 한도 5 MB(5,000,000바이트)를 넘습니다",
            "f.csv: is 5.0 MB (5,000,001 bytes); the limit is 5 MB (5,000,000 bytes)",
        ),
        (
            "upload.check.too_long",
            "f.csv: 머리글 아래 줄이 10,001줄로 한도 10,000줄을 넘습니다",
            "f.csv: has 10,001 lines after the header; the limit is 10,000",
        ),
        (
            "upload.check.source_date",
            "f.csv:2: source_published '2024-13-01'은(는) 1990~2100 사이의 실제 날짜가 아닙니다",
            "f.csv:2: source_published '2024-13-01' is not a real date between 1990 and 2100",
        ),
        (
            "check.binary_png",
            "f.csv: CSV 텍스트 파일이 아닙니다. PNG 이미지로 보입니다",
            "f.csv: is not a CSV text file: it looks like a PNG image",
        ),
    ],
)
def test_numbers_and_wording_exactly(reference, monkeypatch, key, ko, en):
    """Thousands separated in both languages, sizes in MB and exact bytes, the units in the language's words."""
    raw = next(raw for k, raw, _ in CASES if k == key)
    problem = problem_of(key, raw, reference, monkeypatch)
    assert (problem.text("ko"), problem.text("en")) == (ko, en)


# The page's own refusals (st.error above the list): every one names the file, in both languages.
REFUSALS = [
    ("upload.too_big", dict(upload.size_params(5_300_000))),
    ("upload.too_long", dict(lines=10_001, limit=upload.MAX_ROWS)),
    ("upload.too_wide", dict(columns=100, limit=upload.MAX_COLUMNS, template=len(upload.TEMPLATE_COLUMNS))),
]


@pytest.mark.parametrize("key, params", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_each_refusal_names_the_file_in_both_languages(key, params):
    ko, en = (i18n.t(key, lang, file="내 파일.csv", **params) for lang in ("ko", "en"))
    assert "내 파일.csv" in ko and "내 파일.csv" in en
    assert HANGUL.search(ko.replace("내 파일.csv", ""))
    numbers = re.compile(r"[0-9]+(?:[,.][0-9]+)*")
    assert numbers.findall(ko) == numbers.findall(en)  # the same figures, formatted alike


def _sources_page(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "sources.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    return at


def _upload(at: AppTest, name: str, raw: bytes) -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, raw, "text/csv"))
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    "lang, said",
    [
        ("ko", "big.csv 파일은 5.0 MB(5,000,001바이트)로 한도 5 MB(5,000,000바이트)를 넘어 읽지 않았습니다."),
        ("en", "big.csv is 5.0 MB (5,000,001 bytes), over the 5 MB (5,000,000 bytes) limit, so it was not read."),
    ],
)
def test_an_oversized_upload_is_refused_in_the_page_language(reference, lang, said):
    at = _upload(_sources_page(lang), "big.csv", b"a" * (upload.MAX_BYTES + 1))
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith(said)


@pytest.mark.parametrize(
    "lang, line",
    [
        ("ko", "image.csv: CSV 텍스트 파일이 아닙니다. PNG 이미지로 보입니다"),
        ("en", "image.csv: is not a CSV text file: it looks like a PNG image"),
    ],
)
def test_a_binary_upload_is_listed_in_the_page_language(reference, lang, line):
    at = _upload(_sources_page(lang), "image.csv", PNG)
    assert at.error and at.code[-1].value.splitlines() == [line]
    if lang == "ko":
        assert not re.search(r"\b(is|the|limit|bytes|lines)\b", "\n".join(e.value for e in at.error))
