"""Applying the curated tables to the fact rows: rows left out, metric and quote overrides, months, scope notes,
series, and the label fixes last."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.facts.fixes import apply_label_fixes
from scripts.facts.rows import Fact, seed_files, select, squash
from scripts.facts.tables import EXPLICIT_MONTHS, LEFT_OUT, METRIC_OVERRIDES, QUOTE_OVERRIDES, SCOPE, SERIES


def curate(facts: list[Fact], seeds_dir: Path, apply_fixes: bool = True) -> tuple[list[Fact], list[tuple[Fact, str]]]:
    """Apply the curated tables: (rows kept, [(row left out, reason)]); label fixes last, unless told not to."""
    left_out: dict[tuple[str, int], str] = {}
    for selector, reason in LEFT_OUT:
        for f in select(facts, selector, "LEFT_OUT"):
            left_out[f.key] = reason
    _set_metrics(facts)
    _override_quotes(facts, seed_files(seeds_dir))
    _set_months(facts)
    _add_scope(facts)
    for selector, name, _why in SERIES:
        for f in select(facts, selector, "SERIES"):
            f.series = name
    if apply_fixes:
        apply_label_fixes(facts)
    kept = [f for f in facts if f.key not in left_out]
    dropped = [(f, left_out[f.key]) for f in facts if f.key in left_out]
    return kept, dropped


def _set_metrics(facts: list[Fact]) -> None:
    """The fact base's metric without its `other:` prefix, or the one METRIC_OVERRIDES gives."""
    for f in facts:
        f.metric = f.raw["metric"].removeprefix("other:")
    for selector, metric, _why in METRIC_OVERRIDES:
        for f in select(facts, selector, "METRIC_OVERRIDES"):
            f.metric = metric


def _override_quotes(facts: list[Fact], seeds: dict[str, Path]) -> None:
    """QUOTE_OVERRIDES: a quote replaced by a sentence that must be in the row's seed article."""
    for selector, quote, _why in QUOTE_OVERRIDES:
        (f,) = select(facts, selector, "QUOTE_OVERRIDES")
        m = re.match(r"seed (\d{3}): ", f.raw["source_title"])
        if not m or squash(quote) not in squash(seeds[m.group(1)].read_text(encoding="utf-8")):
            raise SystemExit(f"QUOTE_OVERRIDES: the replacement quote for {f.where} is not in its seed article")
        f.quote = quote
        f.notes = []  # the row's research notes described the replaced quote


def _set_months(facts: list[Fact]) -> None:
    """Months stated by the quote (EXPLICIT_MONTHS), else a running total's publication month (snapshot_month)."""
    explicit: set[tuple[str, int]] = set()
    for selector, start, end, words in EXPLICIT_MONTHS:
        for f in select(facts, selector, "EXPLICIT_MONTHS"):
            f.start_month, f.end_month = start, end
            f.scope.append(words)
            explicit.add(f.key)
    for f in facts:
        month = None if f.key in explicit else snapshot_month(f)
        if month is not None:
            f.end_month = month
            f.scope.append(f"기사 게재일({f.published}) 기준 누계 / cumulative to the publication date ({f.published})")


def _add_scope(facts: list[Fact]) -> None:
    """SCOPE notes, and a note on running totals whose publication date (and so month) is only inferred."""
    for selector, words in SCOPE:
        for f in select(facts, selector, "SCOPE"):
            f.scope.append(words)
    for f in facts:
        if (
            "inferred" in f.published_note
            and f.raw["kind"] == "cumulative_actual"
            and f.end_month is None
            and f.published[:4] == f.raw["period_end"]
        ):
            f.scope.append(f"게재일 추정({f.published}) — 기준월 미기재 / publication date inferred, month not set")


def snapshot_month(fact: Fact) -> int | None:
    """Publication month of a running total that ends in its publication year ('as of' that month).

    Only for cumulative_actual rows with an exact (day-precise, not inferred) publication date: a total 'to date'
    published in Nov 2023 runs to Nov 2023, not to Dec 2023. Inferred dates give no month.
    """
    r = fact.raw
    if r["kind"] != "cumulative_actual" or "inferred" in fact.published_note:
        return None
    parts = fact.published.split("-")
    if len(parts) != 3 or parts[0] != r["period_end"]:
        return None
    return int(parts[1])
