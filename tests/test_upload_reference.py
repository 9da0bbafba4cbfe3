"""The upload check's reference from the loaded database: the same problems and figures as a check against every
bundled row (validate.read_tables), while holding only the bundled fact rows that could collide with the upload."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import synth
from dashboard import data, schema, upload, validate
from tests.conftest import UPLOAD_FIGURE

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data"
FIXTURE = ROOT / "tests" / "fixtures" / "queries"
# The columns of a fact row the reference keeps: figure_id and what makes two rows the same figure.
KEY_COLUMNS = ["figure_id", *validate._FIGURE_KEY]
# A row citing its own source, with no link (test text made here, never in data/; cells not named are empty).
OWN_SOURCE = dict(
    source_id="", source_publisher="테스트 신문", source_title="테스트 제목", source_published="2024-01-02"
)
# Whether each upload of `uploads` is accepted; the rest are refused, with the same problems either way.
ACCEPTED = {
    "clean": True,
    "bundled_id": True,
    "same_figure": False,
    "other_value": True,
    "unknown": False,
    "own_sources": False,
    "taken_id": False,
    "all": False,
}


def cell(value) -> str:
    """A typed cell written back as CSV text that the validator reads as the same value."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return repr(float(value)) if isinstance(value, float) else str(value)


def as_row(fact: pd.Series, **changes: str) -> dict[str, str]:
    """A bundled fact row as an upload row (bundled source_id, empty source columns), with `changes`."""
    row = {name: cell(fact[name]) for name in upload.FACT_NAMES}
    return {**row, **changes}


def upload_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=upload.TEMPLATE_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def bundled_facts(full: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return pd.concat([full[f].assign(family=f) for f in schema.FAMILIES], ignore_index=True)


def uploads(full: dict[str, pd.DataFrame], taken: str | None) -> dict[str, list[dict[str, str]]]:
    """Upload rows per case, made from the folder's own figures; `taken` is a bundled id starting with 'user-'."""
    facts = bundled_facts(full)
    first = facts.iloc[0]
    other = facts[facts["family"] != first["family"]].iloc[-1]
    metric = full["metrics"].iloc[-1]
    cases = {
        "clean": [
            dict(
                figure_id="c1",
                hub_id=full["hubs"]["hub_id"].iloc[-1],
                metric=metric["metric"],
                value="12345",
                unit=metric["unit"],
                period_start="2099",
                period_end="2099",
                kind="plan",
                quote="테스트 문장",
                **OWN_SOURCE,
            )
        ],
        # A bundled id as the user's own: loaded as 'user-' + id, so it takes nothing from the bundled figure.
        "bundled_id": [as_row(first, figure_id=str(other["figure_id"]), value=cell(first["value"] + 0.5))],
        "same_figure": [as_row(first, figure_id="s1"), as_row(other, figure_id="s2")],
        "other_value": [as_row(first, figure_id="v1", value=cell(first["value"] + 0.5))],
        "unknown": [
            as_row(first, figure_id="u1", hub_id="no_such_hub"),
            as_row(first, figure_id="u2", metric="no_such_metric"),
            as_row(first, figure_id="u3", source_id="NO_SUCH_SOURCE"),
        ],
        "own_sources": [
            as_row(first, figure_id="o1", **OWN_SOURCE),
            as_row(first, figure_id="o2", **OWN_SOURCE),
            as_row(other, figure_id="o3", value=cell(other["value"] + 0.5), **OWN_SOURCE),
        ],
    }
    if taken is not None:
        cases["taken_id"] = [
            as_row(other, figure_id=taken.removeprefix(upload.FIGURE_PREFIX), value=cell(other["value"] + 0.5))
        ]
    cases["all"] = [row for rows in cases.values() for row in rows]
    return cases


def take_a_user_id(directory: Path) -> str:
    """Rename one firms figure (not in figure_sources.csv) to `user-<id>`: the one way a bundled figure_id can equal
    an uploaded one, since uploads are prefixed. Synthetic test data only, in a temporary folder."""
    with (directory / "figure_sources.csv").open(encoding="utf-8", newline="") as handle:
        cited = {row["figure_id"] for row in csv.DictReader(handle)}
    path = directory / "firms.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    at = next(i for i, row in enumerate(rows[1:], start=1) if row[0] not in cited)
    rows[at][0] = upload.FIGURE_PREFIX + rows[at][0]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return rows[at][0]


@pytest.fixture(scope="module", params=["bundled", "synthetic"])
def folder(request, tmp_path_factory) -> tuple[Path, dict[str, pd.DataFrame], str | None]:
    """A data folder, its tables read the old way (every row, validated), and its bundled 'user-' id if any."""
    if request.param == "bundled":
        directory, taken = BUNDLED, None
    else:
        directory = tmp_path_factory.mktemp("synthetic")
        synth.write_data(directory, 2_000, n_hubs=24, n_sources=5)
        taken = take_a_user_id(directory)
    full, problems = validate.read_tables(directory)
    assert problems == []
    return directory, full, taken


@pytest.fixture
def in_folder(folder, monkeypatch):
    """The folder as the app's data folder (HUBS_DATA_DIR), so upload.reference_tables reads its database."""
    monkeypatch.setenv("HUBS_DATA_DIR", str(folder[0]))
    return folder


def assert_same_outcome(raw: bytes, full: dict[str, pd.DataFrame]) -> upload.Outcome:
    """Checked against every bundled row and against the database's reference: the same problems, line by line,
    and the same accepted figures and sources. Returns the new outcome."""
    old = upload.check_upload(raw, "m.csv", lambda figure_ids, pairs: full)
    new = upload.check_upload(raw, "m.csv", upload.reference_tables)
    assert [str(p) for p in new.problems] == [str(p) for p in old.problems]
    assert new.accepted == old.accepted
    if old.accepted:
        pd.testing.assert_frame_equal(new.figures, old.figures, check_exact=True)
        pd.testing.assert_frame_equal(new.sources, old.sources, check_exact=True)
    return new


@pytest.mark.parametrize("case", list(ACCEPTED))
def test_problems_and_figures_are_those_of_the_full_reference(in_folder, case):
    """Each kind of upload gives the same outcome with the database's reference as with every bundled row."""
    _, full, taken = in_folder
    cases = uploads(full, taken)
    if case not in cases:
        pytest.skip("the bundled data has no figure_id an upload could take")
    outcome = assert_same_outcome(upload_csv(cases[case]), full)
    assert outcome.accepted is ACCEPTED[case], outcome.problems


def test_repeats_of_bundled_figures_are_named_with_their_file(in_folder):
    """An exact copy of a bundled figure points at that figure's id and file; on the synthetic folder, an upload
    taking a bundled id is told where it is used."""
    _, full, taken = in_folder
    facts = bundled_facts(full)
    first = facts.iloc[0]
    other = facts[facts["family"] != first["family"]].iloc[-1]
    problems = [
        str(p)
        for p in upload.check_upload(upload_csv(uploads(full, taken)["all"]), "m.csv", upload.reference_tables).problems
    ]
    for line, fact in ((4, first), (5, other)):  # the "same_figure" rows, after "clean" and "bundled_id"
        assert (
            f"m.csv:{line}: same figure as figure_id {validate.shown(fact['figure_id'])} in "
            f"{fact['family']}.csv (same hub, metric, kind, period, value and source)"
        ) in problems
    if taken is not None:
        assert any(p.endswith(f"figure_id {validate.shown(taken)} is already used in firms.csv") for p in problems)


def test_reference_holds_only_the_fact_rows_that_could_collide(in_folder):
    """The database's reference holds exactly the bundled rows with one of the upload's (prefixed) figure_ids or
    (hub_id, metric) pairs, typed as validate.read_tables types them: no other fact row."""
    _, full, taken = in_folder
    rows = uploads(full, taken)["all"]
    asked = []

    def spy(figure_ids, pairs):
        frames = upload.reference_tables(figure_ids, pairs)
        asked.append((figure_ids, pairs, frames))
        return frames

    upload.check_upload(upload_csv(rows), "m.csv", spy)
    [(figure_ids, pairs, frames)] = asked
    assert set(figure_ids) == {upload.FIGURE_PREFIX + r["figure_id"] for r in rows}
    assert set(pairs) == {(r["hub_id"], r["metric"]) for r in rows}
    facts = bundled_facts(full)
    related = facts["figure_id"].isin(set(figure_ids)) | pd.Series(
        [(h, m) in set(pairs) for h, m in zip(facts["hub_id"], facts["metric"])], index=facts.index
    )
    assert 0 < related.sum() < len(facts)  # some rows are related and some are not: the test can tell
    expected = facts[related]
    got = pd.concat([frames[f].assign(family=f) for f in schema.FAMILIES], ignore_index=True)
    assert sorted(got["figure_id"]) == sorted(expected["figure_id"])
    for family in schema.FAMILIES:
        want = full[family][KEY_COLUMNS][full[family]["figure_id"].isin(set(expected["figure_id"]))]
        pd.testing.assert_frame_equal(
            frames[family][KEY_COLUMNS].sort_values("figure_id").reset_index(drop=True),
            want.sort_values("figure_id").reset_index(drop=True),
            check_exact=True,
        )
    for table in ("hubs", "metrics", "sources"):
        pd.testing.assert_frame_equal(frames[table], full[table], check_exact=True)


def test_reference_never_holds_this_sessions_uploads(monkeypatch):
    """With this session's upload joined to every page's queries, the reference still holds bundled rows only, so
    the same file checked again is not told that its figures are already used."""
    monkeypatch.setenv("HUBS_DATA_DIR", str(FIXTURE))
    full, problems = validate.read_tables(FIXTURE)
    assert problems == []
    first = bundled_facts(full).iloc[0]
    raw = upload_csv([as_row(first, figure_id="x1", value=cell(first["value"] + 0.5), **OWN_SOURCE)])
    outcome = upload.check_upload(raw, "m.csv", upload.reference_tables)
    assert outcome.accepted, outcome.problems
    before = data.query("hubs").set_index("hub_id").loc[first["hub_id"], "n_figures"]
    joined = data.query("hubs", data.Uploads.of(outcome.figures, outcome.sources))
    assert joined.set_index("hub_id").loc[first["hub_id"], "n_figures"] == before + 1
    frames = upload.reference_tables(["user-x1"], [(first["hub_id"], first["metric"])])
    ids = pd.concat([frames[f]["figure_id"] for f in schema.FAMILIES])
    assert len(ids) and not ids.str.startswith(upload.FIGURE_PREFIX).any()
    assert not frames["sources"]["source_id"].str.startswith(upload.SOURCE_PREFIX).any()
    again = upload.check_upload(raw, "m.csv", upload.reference_tables)
    assert again.accepted, again.problems


def test_upload_with_nothing_to_compare_is_checked_fully(monkeypatch):
    """No bundled row shares an id or pair with the upload, and no uploaded row is a complete figure (its hub_id
    column is left out): the missing column is the only problem, not an internal error on zero rows to compare."""
    monkeypatch.setenv("HUBS_DATA_DIR", str(FIXTURE))
    header = [c for c in upload.TEMPLATE_COLUMNS if c != "hub_id"]
    row = {**UPLOAD_FIGURE, "figure_id": "z1"}
    raw = (",".join(header) + "\n" + ",".join(row.get(c, "") for c in header) + "\n").encode("utf-8")
    outcome = upload.check_upload(raw, "m.csv", upload.reference_tables)
    assert [str(p) for p in outcome.problems] == ["m.csv:1: missing column 'hub_id'"]


# --- random uploads on the fixture folder: columns moved, repeated, left out; cells swapped --------------------

CELLS = st.sampled_from(
    [
        "",
        " ",
        "B1",
        "B2",
        "F1",
        "user-B1",
        "h_a",
        "h_b",
        " h_a",
        "h_z",
        "budget_total",
        "firms_resident",
        "S1",
        "S2",
        "actual",
        "plan",
        "2020",
        "2021",
        "77",
        "10000000000",
    ]
)
COLUMNS = st.sampled_from(upload.TEMPLATE_COLUMNS)


@pytest.fixture(scope="module")
def fixture_tables():
    full, problems = validate.read_tables(FIXTURE)
    assert problems == []
    return full


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(st.tuples(st.integers(0, 40), COLUMNS, CELLS), max_size=12),
    header_edit=st.sampled_from(["none", "drop", "repeat", "reverse"]),
    column=COLUMNS,
    extra=st.sampled_from(["none", "header", "short", "blank"]),
)
def test_random_uploads_give_the_same_outcome_on_the_fixture_folder(fixture_tables, edits, header_edit, column, extra):
    """The fixture's own figures uploaded with random cells swapped and the header changed (a column left out,
    repeated with other cells, or the order reversed): the same outcome with both references."""
    facts = bundled_facts(fixture_tables)
    rows = [as_row(fact, figure_id=f"r{i}") for i, (_, fact) in enumerate(facts.iterrows())]
    for at, name, value in edits:
        rows[at % len(rows)][name] = value
    header = list(upload.TEMPLATE_COLUMNS)
    if header_edit == "drop":
        header.remove(column)
    elif header_edit == "reverse":
        header.reverse()
    lines = [header + ([column] if header_edit == "repeat" else [])]
    for number, row in enumerate(rows):
        lines.append([row.get(name, "") for name in header] + ([str(number)] if header_edit == "repeat" else []))
    if extra == "header":
        lines.insert(3, lines[0])
    elif extra == "short":
        lines.insert(3, ["x"])
    elif extra == "blank":
        lines.insert(3, [])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(lines)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HUBS_DATA_DIR", str(FIXTURE))
        assert_same_outcome(out.getvalue().encode("utf-8"), fixture_tables)
