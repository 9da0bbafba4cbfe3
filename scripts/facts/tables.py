"""The curated tables that turn the fact base into data/ (hubs, metrics, overrides, months, scope notes, rows left
out, series), read from scripts/facts/tables.toml, where each entry says why."""

from __future__ import annotations

import tomllib
from pathlib import Path

from scripts.facts.rows import sel

_TABLES = tomllib.loads((Path(__file__).with_name("tables.toml")).read_text(encoding="utf-8"))


def _entries(table: str, *fields: str) -> list[tuple]:
    """(selector, field, …) per entry of an array of tables; a field left out of an entry is None."""
    return [(sel(**entry["select"]), *(entry.get(name) for name in fields)) for entry in _TABLES[table]]


# hub_id -> hubs.csv columns other than the names (which come from the fact base) and lat/lon.
HUBS: dict[str, dict[str, str]] = _TABLES["hubs"]
# metric -> (family, unit, label_ko, label_en, description_ko, description_en).
METRICS: dict[str, tuple[str, str, str, str, str, str]] = {
    metric: (e["family"], e["unit"], e["label_ko"], e["label_en"], e["description_ko"], e["description_en"])
    for metric, e in _TABLES["metrics"].items()
}
# (selector, metric, why): rows that become a different metric than the fact base gave them.
METRIC_OVERRIDES: list[tuple[dict[str, str], str, str]] = _entries("metric_overrides", "metric", "why")
# (selector, reason): rows that are no indicator of a hub, listed with their reason in data/README.md.
LEFT_OUT: list[tuple[dict[str, str], str]] = _entries("left_out", "reason")
# (selector, quote, why): quotes replaced by the verbatim sentence of the seed article.
QUOTE_OVERRIDES: list[tuple[dict[str, str], str, str]] = _entries("quote_overrides", "quote", "why")
# (selector, start_month, end_month, scope words): months stated by a quote or a fact-base note.
EXPLICIT_MONTHS: list[tuple[dict[str, str], int | None, int | None, str]] = _entries(
    "explicit_months", "start_month", "end_month", "words"
)
# (selector, scope words): added to scope_note before any research note of the fact base.
SCOPE: list[tuple[dict[str, str], str]] = _entries("scope", "words")
# (selector, series, why): parts, programmes and cohorts that must not join one line with the hub's other figures.
SERIES: list[tuple[dict[str, str], str, str]] = _entries("series", "series", "why")
# (hub, metric, value as written) -> series named by the quote itself.
SERIES_FROM_QUOTE: dict[tuple[str, str, str], str] = {
    (e["hub"], e["metric"], e["value"]): e["series"] for e in _TABLES["series_from_quote"]
}
