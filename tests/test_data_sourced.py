"""Every figure in data/ is sourced: its quote holds the value, and every fact-base row is accounted for."""

from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from tests.quote_numbers import parse_numbers

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FACTS = ROOT.parent / "shared" / "research" / "facts_found.csv"
FACTS_MORE = ROOT.parent / "shared" / "research" / "facts_more.csv"
FAMILIES = ("budgets", "firms", "personnel", "outcomes")
LEFT_OUT_START = "<!-- left-out:start"
LEFT_OUT_END = "<!-- left-out:end -->"

# Quotes whose number the parser cannot read, by figure_id (or "figure_id@source_id" for a further source).
UNREADABLE: dict[str, str] = {}


def read(name: str) -> list[dict[str, str]]:
    """Rows of data/<name>.csv."""
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def figures() -> list[dict[str, str]]:
    """All rows of the four fact tables."""
    return [row for family in FAMILIES for row in read(family)]


def published_head(text: str) -> str:
    """The YYYY[-MM[-DD]] at the start of a fact-base source_date."""
    m = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text.strip())
    assert m, f"unreadable date {text!r}"
    return m.group()


def source_key(url: str, publisher: str, published: str) -> tuple[str, ...]:
    """A source by its address, or by publisher and date where it has none."""
    return (url,) if url else (publisher, published)


# --- the data -------------------------------------------------------------------------------------------------


def test_every_quote_holds_its_value() -> None:
    """Each figure's quote, and each further source's quote, contains the figure's value as written."""
    by_id = {row["figure_id"]: row for row in figures()}
    missing = []
    for row in by_id.values():
        if row["figure_id"] not in UNREADABLE and Decimal(row["value"]) not in parse_numbers(row["quote"]):
            missing.append(f"{row['figure_id']}: {row['value']} not in {row['quote']!r}")
    for row in read("figure_sources"):
        key = f"{row['figure_id']}@{row['source_id']}"
        value = by_id[row["figure_id"]]["value"]
        if key not in UNREADABLE and Decimal(value) not in parse_numbers(row["quote"]):
            missing.append(f"{key}: {value} not in {row['quote']!r}")
    assert not missing, "\n".join(missing)


def test_unreadable_quotes_are_still_unreadable() -> None:
    """Every exception names an existing quote that the parser indeed cannot read (no stale exceptions)."""
    by_id = {row["figure_id"]: row for row in figures()}
    further = {f"{r['figure_id']}@{r['source_id']}": r for r in read("figure_sources")}
    for key in UNREADABLE:
        figure_id = key.split("@")[0]
        assert figure_id in by_id, f"{key}: no such figure"
        quote = (further[key] if "@" in key else by_id[figure_id])["quote"]
        assert Decimal(by_id[figure_id]["value"]) not in parse_numbers(quote), f"{key}: readable now, drop it"


def left_out_rows() -> list[dict[str, str]]:
    """The generated table of left-out fact-base rows in data/README.md."""
    text = (DATA / "README.md").read_text(encoding="utf-8")
    block = text.split(LEFT_OUT_START, 1)[1].split(LEFT_OUT_END, 1)[0]
    lines = [line for line in block.splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    return [dict(zip(header, (c.strip() for c in line.strip("|").split("|")))) for line in lines[2:]]


def fact_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a fact file."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_fact_base_row_is_accounted_for() -> None:
    """Each row of facts_found.csv and facts_more.csv is a figure, a further source, or listed as left out — and
    nothing else is. Rows are counted per hub and source (a label fix may change a row's kind, period or value)."""
    if not FACTS.exists() or not FACTS_MORE.exists():
        pytest.skip(f"the shared fact files are not here ({FACTS.parent}); nothing to account for")
    facts = fact_rows(FACTS) + fact_rows(FACTS_MORE)
    expected = Counter(
        (r["hub_id"], source_key(r["source_url"], r["source_publisher"], published_head(r["source_date"])))
        for r in facts
    )
    sources = {s["source_id"]: source_key(s["url"], s["publisher"], s["published"]) for s in read("sources")}
    by_id = {row["figure_id"]: row for row in figures()}
    found = Counter((row["hub_id"], sources[row["source_id"]]) for row in by_id.values())
    found.update((by_id[r["figure_id"]]["hub_id"], sources[r["source_id"]]) for r in read("figure_sources"))
    left_out = left_out_rows()
    for r in left_out:
        found[(r["hub_id"], source_key(r["url"], r["publisher"], r["date"]))] += 1
    assert sum(expected.values()) == len(facts) == 340 + 125
    assert found - expected == Counter(), f"in data/ but not in the fact files: {found - expected}"
    assert expected - found == Counter(), f"fact rows not accounted for: {expected - found}"
    assert {r["file"] for r in left_out} == {"facts_found.csv", "facts_more.csv"}


def test_every_facts_more_row_is_in_data_with_its_quote_or_left_out() -> None:
    """Each facts_more.csv row is a figure or further source of its hub with its own value and verbatim quote, or
    is listed as left out under its line number; no row is both."""
    if not FACTS_MORE.exists():
        pytest.skip(f"{FACTS_MORE} is not here")
    sources = {s["source_id"]: s for s in read("sources")}
    by_id = {row["figure_id"]: row for row in figures()}
    held = Counter()
    for row in by_id.values():
        held[(row["hub_id"], sources[row["source_id"]]["url"], Decimal(row["value"]), squash(row["quote"]))] += 1
    for r in read("figure_sources"):
        row = by_id[r["figure_id"]]
        held[(row["hub_id"], sources[r["source_id"]]["url"], Decimal(row["value"]), squash(r["quote"]))] += 1
    left = {int(r["line"]) for r in left_out_rows() if r["file"] == "facts_more.csv"}
    problems = []
    for line, r in enumerate(fact_rows(FACTS_MORE), start=1):
        key = (r["hub_id"], r["source_url"], Decimal(r["value"]), squash(r["quote"]))
        if line in left:
            if held[key]:
                problems.append(f"facts_more.csv:{line}: left out and also in data/")
        elif held[key]:
            held[key] -= 1
        else:
            problems.append(
                f"facts_more.csv:{line}: {r['hub_id']} {r['metric']} {r['value']} neither in data/ nor left out"
            )
    assert problems == []
    assert len(left) == 11  # the left-out rows of facts_more, each with its reason in data/README.md


def squash(text: str) -> str:
    """Whitespace collapsed, for comparing quotes (one facts_more quote keeps the page's line breaks)."""
    return re.sub(r"\s+", " ", text).strip()


def test_no_figure_is_stored_twice() -> None:
    """No two rows are the same figure (hub, metric, kind, period with months, value); ids are unique."""
    rows = figures()
    ids = Counter(row["figure_id"] for row in rows)
    assert [i for i, n in ids.items() if n > 1] == []
    same = Counter(
        (
            r["hub_id"],
            r["metric"],
            r["kind"],
            r["period_start"],
            r["period_end"],
            r["period_start_month"],
            r["period_end_month"],
            Decimal(r["value"]),
        )
        for r in rows
    )
    assert [k for k, n in same.items() if n > 1] == [], "merge these via figure_sources.csv"


def test_sources_referenced_exist_and_all_are_used() -> None:
    """Every source_id used by a figure exists in sources.csv, and every source there is used."""
    listed = [s["source_id"] for s in read("sources")]
    assert len(listed) == len(set(listed))
    used = {row["source_id"] for row in figures()} | {r["source_id"] for r in read("figure_sources")}
    assert used - set(listed) == set(), "unknown source_id"
    assert set(listed) - used == set(), "source listed but never used"
    figure_ids = {row["figure_id"] for row in figures()}
    assert {r["figure_id"] for r in read("figure_sources")} <= figure_ids


def test_bundled_data_passes_the_validator() -> None:
    """`python -m dashboard.validate data` exits 0 and counts every figure, hub and source."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "dashboard.validate", "data"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = sum(len(read(name)) for name in ("budgets", "firms", "personnel", "outcomes"))
    assert result.stdout.startswith(
        f"OK: {figures:,} figures, {len(read('hubs'))} hubs, {len(read('sources'))} sources"
    )
