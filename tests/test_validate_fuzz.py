"""Property tests of the validator on structurally mutated and re-encoded CSVs, for data folders and uploads.

tests/test_validate.py feeds random bytes and character-level edits; this file mutates whole cells, rows and
columns, re-encodes files (BOM, CRLF, CP949, UTF-16) and checks where each problem points.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import schema, upload, validate

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "fixtures" / "valid"
FILES = [schema.file_name(t) for t in schema.TABLES]
CELL = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1e400",
            "2020",
            "13",
            "abc",
            "가나다",
            '"',
            ",",
            "\n",
            "=1+1",
            "\x00",
            "\ufeff",
            "\u202e",
            "nan",
            "actual",
            "KRW",
            "S1",
            "bud-001",
            "𝕏" * 300,
        ]
    ),
    st.text(max_size=20),
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp949", "utf-16", "utf-8-crlf"])
# A data-folder run costs ~0.2 s (pandas per table): these counts keep the file near half a minute on 2 cores.
SLOW = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def row_starts(text: str) -> list[int]:
    """The physical line each CSV record starts on (multi-line quotes counted)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, previous_end = [], 0
    for _ in reader:
        starts.append(previous_end + 1)
        previous_end = reader.line_num
    return starts


def to_text(rows: list[list[str]], crlf: bool = False) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n" if crlf else "\n").writerows(rows)
    return out.getvalue()


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-crlf":
        return re.sub(r"(?<!\r)\n", "\r\n", text).encode("utf-8")
    # A character CP949 cannot hold becomes '?': the file stays a CP949 file.
    return text.encode(encoding, errors="replace" if encoding == "cp949" else "surrogatepass")


def physical_lines(raw: bytes) -> int:
    return raw.count(b"\n") + raw.count(b"\r") + 1


def validate_with(file: str, raw: bytes) -> list[validate.Problem]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(VALID, folder)
        (folder / file).write_bytes(raw)
        return validate.validate_dir(folder)


def assert_located(problems, raw_by_file: dict[str, bytes]) -> None:
    """Every problem names a file of the folder and a line inside that file, or no line for the whole file."""
    for problem in problems:
        assert isinstance(problem, validate.Problem)
        assert problem.file in raw_by_file, problem
        assert "internal error" not in problem.message, problem
        if problem.line is not None:
            assert isinstance(problem.line, int)
            assert 1 <= problem.line <= physical_lines(raw_by_file[problem.file]), problem


def folder_bytes(file: str, raw: bytes) -> dict[str, bytes]:
    out = {f: (VALID / f).read_bytes() for f in FILES}
    out[file] = raw
    return out


# --- metamorphic: changes that keep a valid file valid, or make exactly one known problem ---------------------


@QUICK
@given(file=st.sampled_from(FILES), order=st.randoms(use_true_random=False), bom=st.booleans(), crlf=st.booleans())
def test_column_order_bom_and_line_ends_keep_a_valid_file_valid(file, order, bom, crlf):
    """Columns are matched by name: any column order, a UTF-8 BOM and CRLF line ends are all still valid."""
    rows = rows_of((VALID / file).read_text(encoding="utf-8"))
    columns = list(range(len(rows[0])))
    order.shuffle(columns)
    text = to_text([[row[i] for i in columns] for row in rows], crlf=crlf)
    assert validate_with(file, text.encode("utf-8-sig" if bom else "utf-8")) == []


@pytest.mark.parametrize("file", FILES)
def test_cp949_copy_of_a_valid_file_is_one_file_level_problem(file):
    """A valid file saved as CP949 gives exactly one problem for the whole file, with the conversion hint."""
    raw = (VALID / file).read_text(encoding="utf-8").encode("cp949")
    problems = validate_with(file, raw)
    assert len(problems) == 1 and problems[0].file == file and problems[0].line is None
    assert problems[0].message.startswith("not UTF-8 (looks like CP949/EUC-KR)")


@QUICK
@given(file=st.sampled_from(FILES), data=st.data())
def test_a_row_with_a_cell_deleted_is_reported_on_its_own_line(file, data):
    """Deleting one cell of a data row is reported at that row's first physical line, by cell count."""
    text = (VALID / file).read_text(encoding="utf-8")
    rows, starts = rows_of(text), row_starts(text)
    r = data.draw(st.integers(1, len(rows) - 1), label="row")
    c = data.draw(st.integers(0, len(rows[r]) - 1), label="cell")
    rows[r] = rows[r][:c] + rows[r][c + 1 :]
    problems = validate_with(file, to_text(rows).encode("utf-8"))
    width = len(rows[0])
    expected = validate.Problem(file, starts[r], f"row has {width - 1} cells but the header has {width}")
    assert expected in problems


# --- random structural mutations: never a crash, every problem located ----------------------------------------

MUTATION = st.one_of(
    st.tuples(st.just("delete_cell"), st.integers(0, 50), st.integers(0, 20)),
    st.tuples(st.just("insert_cell"), st.integers(0, 50), st.integers(0, 20), CELL),
    st.tuples(st.just("replace_cell"), st.integers(0, 50), st.integers(0, 20), CELL),
    st.tuples(st.just("swap_cells"), st.integers(0, 50), st.integers(0, 20), st.integers(0, 20)),
    st.tuples(st.just("swap_data_columns"), st.integers(0, 20), st.integers(0, 20)),
    st.tuples(st.just("duplicate_row"), st.integers(0, 50)),
    st.tuples(st.just("delete_row"), st.integers(0, 50)),
    st.tuples(st.just("blank_row"), st.integers(0, 50)),
)


def mutate(rows: list[list[str]], mutation: tuple) -> list[list[str]]:
    rows = [list(r) for r in rows]
    if not rows:
        return rows
    op, *args = mutation
    r = args[0] % len(rows) if op not in ("swap_data_columns",) else 0
    row = rows[r]
    if op == "delete_cell" and row:
        del row[args[1] % len(row)]
    elif op == "insert_cell":
        row.insert(args[1] % (len(row) + 1), args[2])
    elif op == "replace_cell" and row:
        row[args[1] % len(row)] = args[2]
    elif op == "swap_cells" and row:
        a, b = args[1] % len(row), args[2] % len(row)
        row[a], row[b] = row[b], row[a]
    elif op == "swap_data_columns":
        # Data moves, the header stays: every value lands under the wrong name.
        for data_row in rows[1:]:
            if data_row:
                a, b = args[0] % len(data_row), args[1] % len(data_row)
                data_row[a], data_row[b] = data_row[b], data_row[a]
    elif op == "duplicate_row":
        rows.insert(r, list(row))
    elif op == "delete_row":
        del rows[r]
    elif op == "blank_row":
        rows[r] = []
    return rows


@SLOW
@given(file=st.sampled_from(FILES), mutations=st.lists(MUTATION, min_size=1, max_size=5), encoding=ENCODINGS)
def test_mutated_and_reencoded_data_file_never_crashes_and_every_problem_is_located(file, mutations, encoding):
    """Deleted, inserted, swapped and replaced cells, moved columns, repeated or missing rows, in any encoding."""
    rows = rows_of((VALID / file).read_text(encoding="utf-8"))
    for mutation in mutations:
        rows = mutate(rows, mutation)
    raw = encode(to_text(rows), encoding)
    problems = validate_with(file, raw)
    assert_located(problems, folder_bytes(file, raw))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        # CP949 Hangul or UTF-16: the file is refused as a whole, with how to convert it.
        assert any(p.file == file and p.line is None and p.message.startswith("not UTF-8") for p in problems)


# --- uploads: the same through upload.check_upload -------------------------------------------------------------


@pytest.fixture(scope="module")
def tables():
    tables, problems = validate.read_tables(VALID)
    assert problems == []
    return tables


@pytest.fixture(scope="module")
def reference(tables):
    """A reference lookup for upload.check_upload that hands over every table of the valid fixture."""
    return lambda figure_ids, pairs: tables


def upload_rows() -> list[list[str]]:
    """A valid upload for the valid fixture: the budgets rows re-keyed, half citing their own source."""
    rows = rows_of((VALID / "budgets.csv").read_text(encoding="utf-8"))
    header = rows[0] + list(upload.SOURCE_COLUMNS)
    out = [header]
    for i, row in enumerate(rows[1:]):
        cells = dict(zip(rows[0], row))
        cells["figure_id"] = f"up-{i}"
        cells["value"] = str(1000 + i)  # made-up test value, so no row repeats a fixture figure
        extra = ["", "", "", ""]
        if i % 2:
            cells["source_id"] = ""
            extra = ["테스트 출판사", f"제목 {i}", "2024-05-06", "https://example.org/t"]
        out.append([cells[c] for c in rows[0]] + extra)
    return out


def test_the_upload_seed_is_valid(reference):
    """The rows the upload fuzz starts from are accepted in every supported encoding."""
    for encoding in ("utf-8", "utf-8-sig", "cp949"):
        outcome = upload.check_upload(encode(to_text(upload_rows()), encoding), "seed.csv", reference)
        assert outcome.accepted, (encoding, outcome.problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations=st.lists(MUTATION, min_size=1, max_size=5), encoding=ENCODINGS)
def test_mutated_upload_never_crashes_and_every_problem_is_on_a_line_of_the_upload(
    reference, tables, mutations, encoding
):
    """Mutated uploads are either accepted (all rows user-) or refused with problems on lines of that file."""
    rows = upload_rows()
    for mutation in mutations:
        rows = mutate(rows, mutation)
    raw = encode(to_text(rows), encoding)
    outcome = upload.check_upload(raw, "fuzz.csv", reference)
    assert_located(outcome.problems, {"fuzz.csv": raw})
    assert outcome.accepted == (not outcome.problems)
    if outcome.accepted:
        assert outcome.figures["figure_id"].str.startswith(upload.FIGURE_PREFIX).all()
        assert set(outcome.figures["source_id"]) <= set(tables["sources"]["source_id"]) | set(
            outcome.sources["source_id"]
        )


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=3000))
def test_random_bytes_as_an_upload_are_problems_never_a_crash(reference, raw):
    """Arbitrary bytes uploaded: refused with located problems (or, rarely, a valid empty-looking file refused)."""
    outcome = upload.check_upload(raw, "noise.csv", reference)
    assert not outcome.accepted
    assert_located(outcome.problems, {"noise.csv": raw})
