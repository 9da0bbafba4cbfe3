"""Building the rows of data/*.csv from the curated facts: sources, figures (one per distinct figure, versions
numbered, other reports in figure_sources), hubs and metrics."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from dashboard import schema
from scripts.facts.rows import Fact, date_sort_key, seed_files, value_text
from scripts.facts.tables import HUBS, METRICS, SERIES_FROM_QUOTE

# The source note of seed 002, whose fact-base title names the topic, not the headline.
SEED_NOTE_002 = (
    "text as captured through the 漢字路 Hangul-to-Hanja converter (title and quotes keep that rendering); "
    "no web page was found, so there is no URL"
)
# A series named by the fact base's own notes ("component: …", "program: …"); see SERIES_FROM_QUOTE for the rest.
_SERIES_NOTE = re.compile(r"(?:component|program|programme): ([^;,]+)")


def build_sources(facts: list[Fact], seeds_dir: Path) -> tuple[list[dict[str, str]], dict[tuple[str, str], str]]:
    """sources.csv rows (ordered by publication date) and (url, fact-base title) -> source_id."""
    seeds = seed_files(seeds_dir)
    found: dict[tuple[str, str], dict[str, str]] = {}
    for f in facts:
        r = f.raw
        key = (r["source_url"], r["source_title"])
        if key in found:
            continue
        title = r["source_title"]
        notes = [f.published_note] if f.published_note else []
        m = re.match(r"seed (\d{3}): ", title)
        if m:
            seed_path = seeds[m.group(1)]
            title = title[m.end() :]
            notes.append(f"seed article {seed_path.name}")
            if not r["source_url"]:
                # The fact base names seed 002 by topic; its real headline is the article's first title line.
                title = next(
                    line.split("|")[0].strip()
                    for line in seed_path.read_text(encoding="utf-8").splitlines()
                    if "|" in line
                )
                notes.append(SEED_NOTE_002)
        found[key] = {
            "publisher": r["source_publisher"],
            "title": title,
            "published": f.published,
            "published_note": "; ".join(notes),
            "url": r["source_url"],
            "language": "en" if "English" in r["source_publisher"] else "ko",
        }
    ordered = sorted(
        found.items(),
        key=lambda kv: (date_sort_key(kv[1]["published"]), kv[1]["publisher"], kv[1]["title"], kv[1]["url"]),
    )
    rows, ids = [], {}
    for n, (key, row) in enumerate(ordered, start=1):
        sid = f"S{n:03d}"
        ids[key] = sid
        rows.append({"source_id": sid, **row})
    return rows, ids


def period_token(start: str, end: str, start_month: int | None, end_month: int | None) -> str:
    """`2020`, `2020-2024`, `2018-2020m09`: the period part of a figure_id."""
    a = start + (f"m{start_month:02d}" if start_month else "")
    b = end + (f"m{end_month:02d}" if end_month else "")
    return a if a == b else f"{a}-{b}"


def build_figures(
    facts: list[Fact], source_ids: dict[tuple[str, str], str], sources: dict[str, dict[str, str]]
) -> tuple[dict[str, list[dict[str, str]]], list[dict[str, str]]]:
    """Fact-table rows per family and figure_sources rows: one figure per distinct (hub, metric, kind, period, value)."""
    groups: dict[tuple, list[Fact]] = {}
    for f in facts:
        r = f.raw
        unit = METRICS[f.metric][1]
        expected_raw = {"count", "firms"} if unit == "firms" else {unit}  # facts_found writes firms as `count`
        if r["unit"] not in expected_raw:
            raise SystemExit(f"{f.where}: unit {r['unit']!r} does not fit metric {f.metric} ({unit})")
        key = (
            r["hub_id"],
            f.metric,
            r["kind"],
            r["period_start"],
            r["period_end"],
            f.start_month,
            f.end_month,
            Decimal(r["value"]),
        )
        groups.setdefault(key, []).append(f)

    def sid(f: Fact) -> str:
        return source_ids[(f.raw["source_url"], f.raw["source_title"])]

    def order(f: Fact) -> tuple:
        return date_sort_key(sources[sid(f)]["published"]), sid(f), f.key

    # Versions (same hub, metric, kind and period, different values) are numbered in order of first publication.
    by_period: dict[tuple, list[tuple]] = {}
    for key, members in groups.items():
        members.sort(key=order)
        by_period.setdefault(key[:7], []).append(key)
    figures: dict[str, list[dict[str, str]]] = {family: [] for family in schema.FAMILIES}
    extra: list[dict[str, str]] = []
    for period_key, keys in by_period.items():
        keys.sort(key=lambda k: (order(groups[k][0]), k[7]))
        hub, metric, kind, start, end, start_month, end_month = period_key
        for n, key in enumerate(keys, start=1):
            primary, *others = groups[key]
            figure_id = f"{hub}-{metric}-{period_token(start, end, start_month, end_month)}-{kind}-{n}"
            notes: list[str] = []
            series_notes: list[str] = []  # facts_more's free-text notes never name a series (SERIES does)
            for f in (primary, *others):
                for note in (*f.scope, *f.notes):
                    if note not in notes:
                        notes.append(note)
                series_notes += [*f.scope, *f.notes] if f.origin == "found" else f.scope
            family, unit = METRICS[metric][0], METRICS[metric][1]
            figures[family].append(
                {
                    "figure_id": figure_id,
                    "hub_id": hub,
                    "metric": metric,
                    "value": value_text(primary.raw["value"]),
                    "unit": unit,
                    "period_start": start,
                    "period_end": end,
                    "period_start_month": str(start_month or ""),
                    "period_end_month": str(end_month or ""),
                    "kind": kind,
                    "source_id": sid(primary),
                    "quote": primary.quote,
                    "scope_note": "; ".join(notes),
                    "series": primary.series
                    if primary.series is not None
                    else series_of(hub, metric, primary.raw["value"], series_notes),
                }
            )
            for f in (primary, *others):
                f.figure_id = figure_id
            for f in others:
                extra.append({"figure_id": figure_id, "source_id": sid(f), "quote": f.quote})
    for rows in figures.values():
        rows.sort(
            key=lambda r: (
                r["hub_id"],
                r["metric"],
                int(r["period_start"]),
                int(r["period_end"]),
                int(r["period_start_month"] or 0),
                int(r["period_end_month"] or 0),
                schema.KINDS.index(r["kind"]),
                r["figure_id"],
            )
        )
    extra.sort(key=lambda r: (r["figure_id"], r["source_id"]))
    return figures, extra


def series_of(hub: str, metric: str, value: str, notes: list[str]) -> str:
    """The series name of a figure, or "" when it is the hub's one figure of that metric and period."""
    named = SERIES_FROM_QUOTE.get((hub, metric, value))
    if named:
        return named
    for note in notes:
        match = _SERIES_NOTE.search(note)
        if match:
            return match.group(1).strip()
    return ""


def build_hubs(facts: list[Fact], points: dict[str, tuple[float, float]]) -> list[dict[str, str]]:
    """hubs.csv rows: names from the fact base, the rest from HUBS."""
    names: dict[str, set[tuple[str, str]]] = {}
    for f in facts:
        names.setdefault(f.raw["hub_id"], set()).add((f.raw["hub_name_ko"], f.raw["hub_name_en"]))
    if set(names) != set(HUBS):
        raise SystemExit(f"HUBS and the fact base disagree on hub ids: {sorted(set(names) ^ set(HUBS))}")
    rows = []
    for hub_id in sorted(HUBS):
        if len(names[hub_id]) != 1:
            raise SystemExit(f"{hub_id}: several names in the fact base {sorted(names[hub_id])}")
        ((name_ko, name_en),) = names[hub_id]
        info = HUBS[hub_id]
        code = info["region_code"]
        region_ko, region_en = schema.REGIONS[code]
        lon_lat = points.get(code) if code != schema.NATIONAL_REGION else None
        row = {
            "hub_id": hub_id,
            "name_ko": name_ko,
            "name_en": name_en,
            "region_code": code,
            "region_ko": region_ko,
            "region_en": region_en,
            "lat": f"{lon_lat[1]:.4f}" if lon_lat else "",
            "lon": f"{lon_lat[0]:.4f}" if lon_lat else "",
        }
        for column in schema.column_names("hubs"):
            row.setdefault(column, info.get(column, ""))
        rows.append(row)
    return rows


def build_metrics(used: set[str]) -> list[dict[str, str]]:
    """metrics.csv rows for the metrics that carry at least one figure, by family then name."""
    unknown = used - set(METRICS)
    if unknown:
        raise SystemExit(f"metrics without a METRICS entry: {sorted(unknown)}")
    rows = []
    for metric in sorted(used, key=lambda m: (schema.FAMILIES.index(METRICS[m][0]), m)):
        family, unit, label_ko, label_en, desc_ko, desc_en = METRICS[metric]
        rows.append(
            {
                "metric": metric,
                "family": family,
                "label_ko": label_ko,
                "label_en": label_en,
                "unit": unit,
                "description_ko": desc_ko,
                "description_en": desc_en,
            }
        )
    return rows
