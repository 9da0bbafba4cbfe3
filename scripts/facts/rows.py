"""Reading the fact files: one `Fact` per row (quote, research notes and publication date split out), and the
selectors the curated tables name rows with."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ORIGINS = {"found": "facts_found.csv", "more": "facts_more.csv"}  # selector `file` value -> fact file


def sel(**fields: str) -> dict[str, str]:
    """A row selector (see scripts/facts/tables.py)."""
    unknown = set(fields) - {"file", "hub", "metric", "value", "period", "kind", "src"}
    if unknown:
        raise ValueError(f"unknown selector fields {sorted(unknown)}")
    if fields.get("file", "found") not in ORIGINS:
        raise ValueError(f"selector file must be one of {sorted(ORIGINS)}")
    return fields


def more(**fields: str) -> dict[str, str]:
    """A selector of facts_more.csv rows."""
    return sel(file="more", **fields)


@dataclass
class Fact:
    """One row of a fact file (facts_found.csv or facts_more.csv), with the fields this script derives from it."""

    line: int  # 1-based data row number in its fact file (the header is row 0)
    raw: dict[str, str]
    origin: str = "found"  # "found" = facts_found.csv, "more" = facts_more.csv (the selector field `file`)
    quote: str = ""
    notes: list[str] = field(default_factory=list)
    published: str = ""
    published_note: str = ""
    metric: str = ""
    start_month: int | None = None
    end_month: int | None = None
    scope: list[str] = field(default_factory=list)
    series: str | None = None  # set by SERIES or a label fix; None = derived by series_of
    fixes: list[tuple[dict[str, str], str, str]] = field(default_factory=list)  # (changes, words, reason) applied
    figure_id: str = ""  # set by build_figures

    @property
    def key(self) -> tuple[str, int]:
        """The row's identity across both fact files: (origin, line)."""
        return self.origin, self.line

    @property
    def where(self) -> str:
        """`facts_more.csv:12`: the row's file and data row number, for messages."""
        return f"{ORIGINS[self.origin]}:{self.line}"

    def get(self, name: str) -> str:
        """A selector field of the row."""
        r = self.raw
        return {
            "file": self.origin,
            "hub": r["hub_id"],
            "metric": r["metric"],
            "value": r["value"],
            "period": f"{r['period_start']}-{r['period_end']}",
            "kind": r["kind"],
            "src": f"{r['source_publisher']} {self.published}",
        }[name]

    def matches(self, selector: dict[str, str]) -> bool:
        """Whether every field named in `selector` equals this row's field (no `file` = facts_found only)."""
        if selector.get("file", "found") != self.origin:
            return False
        return all(self.get(k) == v for k, v in selector.items() if k != "file")


def split_notes(quote: str) -> tuple[str, list[str]]:
    """The verbatim quote and the bracketed research notes that follow it (`... [note] [note]`)."""
    notes: list[str] = []
    text = quote.strip()
    while True:
        m = re.search(r"\s*\[([^\[\]]*)\]\s*$", text)
        if not m:
            break
        notes.insert(0, m.group(1).strip())
        text = text[: m.start()].rstrip()
    return text, notes


def parse_source_date(text: str) -> tuple[str, str]:
    """(published, note): `2021-08-19 (inferred: ...)` -> (`2021-08-19`, `inferred: ...`)."""
    m = re.match(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*(.*)$", text.strip())
    if not m:
        raise ValueError(f"unreadable source_date {text!r}")
    rest = m.group(2).strip()
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1].strip()
    return m.group(1), rest


def date_sort_key(published: str) -> tuple[int, int, int]:
    """Sort key of a YYYY[-MM[-DD]] date; a missing month or day sorts after every dated one of that year/month."""
    parts = [int(p) for p in published.split("-")]
    while len(parts) < 3:
        parts.append(99)
    return parts[0], parts[1], parts[2]


def seed_files(seeds_dir: Path) -> dict[str, Path]:
    """Seed number ('000') -> its article file."""
    return {p.name[:3]: p for p in sorted(seeds_dir.glob("*.txt"))}


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces, for comparing a quote with an article."""
    return re.sub(r"\s+", " ", text).strip()


def value_text(value: str) -> str:
    """The value in its canonical written form: integers without a decimal point."""
    d = Decimal(value)
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def load_facts(path: Path, origin: str = "found") -> list[Fact]:
    """All rows of one fact file, with quote, notes and publication date split out.

    facts_more.csv has one more column, `note` (the research note on scope, part year, inferred dates,
    contradictions): it joins the bracketed notes, which end up in scope_note.
    """
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    facts = []
    for i, raw in enumerate(rows, start=1):
        fact = Fact(line=i, raw=raw, origin=origin)
        fact.quote, fact.notes = split_notes(raw["quote"])
        note = (raw.pop("note", None) or "").strip()
        if note:
            fact.notes.append(note)
        fact.published, fact.published_note = parse_source_date(raw["source_date"])
        facts.append(fact)
    return facts


def load_all(found: Path, more: Path | None) -> list[Fact]:
    """The rows of facts_found.csv, then those of facts_more.csv (when given)."""
    return load_facts(found, "found") + (load_facts(more, "more") if more is not None else [])


def select(facts: list[Fact], selector: dict[str, str], what: str) -> list[Fact]:
    """Rows matched by a curated selector; an entry that matches nothing is stale and stops the run."""
    hit = [f for f in facts if f.matches(selector)]
    if not hit and selector.get("file") == "more" and not any(f.origin == "more" for f in facts):
        return []  # facts_more.csv not read (--more ''): its entries have nothing to select
    if not hit:
        raise SystemExit(f"{what}: selector {selector} matches no row of the fact base")
    return hit
