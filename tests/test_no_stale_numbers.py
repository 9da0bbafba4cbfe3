"""Code comments and docstrings quote no benchmark numbers (times, sizes, speed-ups, shares of CPU): those live in
docs/performance.md, written by the benchmark, and go stale in code the moment anything changes."""

from __future__ import annotations

import io
import re
import tokenize

import pytest

from tests.conftest import ROOT

# "~40 MB", "about 1 ms", "0.5 s", "12× slower", "38% of", "took 100 MB": a measured number with a unit.
MEASURED = re.compile(
    r"(~|about |took |takes |cost |costs |keeps )?\d[\d,.]*\s?(ms|s|seconds|MB|GB|kB|KB|%)"
    r"(?=[\s).,;:]|$)|\d[\d,.]*\s?× (slower|faster|less|more)"
)
# Numbers that are limits, examples or facts of a format, not measurements.
ALLOWED = re.compile(r"\b(5 ?MB|1 MB|1\.0 GB|3\.0 GB|512\.0 MB|5\.3 MB|16 MiB|120 s)|plotly\.js, ~4\.7 MB")
FILES = sorted([*ROOT.glob("dashboard/**/*.py"), ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("scripts/*.py")])


def _comments(path) -> list[tuple[int, str]]:
    out = []
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    previous = None
    for token in tokens:
        if token.type == tokenize.COMMENT:
            out.append((token.start[0], token.string))
        elif (
            token.type == tokenize.STRING
            and previous in (tokenize.INDENT, tokenize.NEWLINE, tokenize.NL, None)
            and token.string.lstrip("rbfu").startswith(('"""', "'''"))
        ):
            out.append((token.start[0], token.string))  # a docstring
        if token.type not in (tokenize.COMMENT, tokenize.NL):
            previous = token.type
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_measured_numbers_in_comments(path):
    found = []
    for line, text in _comments(path):
        for match in MEASURED.finditer(ALLOWED.sub("", text)):
            found.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0)!r}")
    assert found == []


def test_the_config_file_quotes_none_either():
    text = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    assert MEASURED.findall(ALLOWED.sub("", comments)) == []


@pytest.mark.parametrize(
    "text, stale",
    [
        ("# about one row group at a time (~40 MB)", True),
        ("# hand it back (~40 MB).", True),
        ("# about 1 ms per call", True),
        ("# 38% of the server's CPU", True),
        ("# ~12× slower", True),
        ("# took 0.5 s", True),
        ("# the limit is 5 MB", False),
        ("# a row group", False),
        ("# 2021 figures", False),
    ],
)
def test_the_pattern(text, stale):
    assert bool(MEASURED.search(ALLOWED.sub("", text))) is stale
