"""The Sources & data page's pure parts: plain-text search, the display table, exports and the data dictionary."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import export, fmt, i18n, numsearch, periods, schema

# What the search box looks in: hub and metric names in both languages, the publisher and the quote.
SEARCH_COLUMNS: tuple[str, ...] = (
    "hub_id",
    "hub_name_ko",
    "hub_name_en",
    "metric",
    "metric_label_ko",
    "metric_label_en",
    "publisher",
    "quote",
)

# Sources a session uploaded with its own figures (dashboard.upload names them user-src-1, user-src-2, ...).
USER_SOURCE_PREFIX = "user-src-"

DISPLAY_COLUMNS: tuple[str, ...] = (
    "hub",
    "metric",
    "value_formatted",
    "period",
    "kind",
    "scope_note",
    "publisher",
    "published",
    "url",
    "quote",
    "role",
    "user_supplied",
)


def search_needle(text: str | None) -> str:
    """The search text as `search` compares it: stripped and casefolded ("" means no search)."""
    return (text or "").strip().casefold()


def split_special(cells: list[str], needle: str) -> tuple[list[str], list[str]]:
    """`cells` that contain `needle` once casefolded, and those that do not (`needle` from `search_needle`).

    The page's SQL compares lower(cell); for the few cells where that differs from casefold (listed by the
    sources_search_special_cells query) the answer is decided here, exactly as `search` decides it.
    """
    hits = [cell for cell in cells if needle in cell.casefold()]
    found = set(hits)
    return hits, [cell for cell in cells if cell not in found]


def search(rows: pd.DataFrame, text: str | None) -> pd.DataFrame:
    """Rows where any searched column contains `text` (case-insensitive plain substring, never a regex), or whose
    value is the number `text` writes ("1,076억", "KRW 107.6 bn": dashboard.numsearch)."""
    needle = search_needle(text)
    if not needle or rows.empty:
        return rows
    hit = pd.Series(False, index=rows.index)
    for column in SEARCH_COLUMNS:
        if column in rows:
            cells = rows[column].astype("string").fillna("").str.casefold()
            hit |= cells.str.contains(needle, regex=False)
    span = numsearch.value_range(text)
    if span is not None and "value" in rows:
        values = pd.to_numeric(rows["value"], errors="coerce")
        hit |= values.between(span[0], span[1]).fillna(False).astype(bool)
    return rows[hit]


def display_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One display row per figure × source, in DISPLAY_COLUMNS (headers are translated by the page)."""
    records = rows.to_dict("records")
    out = pd.DataFrame(
        {
            "hub": [i18n.label(r, "hub_name", lang) for r in records],
            "metric": [i18n.label(r, "metric_label", lang) for r in records],
            "value_formatted": [fmt.number(r["value"], r["unit"], lang) for r in records],
            "period": [periods.label(r, lang, name_actual=False) for r in records],
            "kind": [fmt.kind_label(r["kind"], lang) for r in records],
            "scope_note": [r.get("scope_note") for r in records],
            "publisher": [r.get("publisher") for r in records],
            "published": [fmt.published(r.get("published"), lang) for r in records],
            "url": [r.get("url") for r in records],
            "quote": [r.get("quote") for r in records],
            "role": [
                i18n.t("sources.primary" if fmt.is_on(r.get("is_primary")) else "sources.further", lang)
                for r in records
            ],
            "user_supplied": [fmt.is_on(r.get("user_supplied")) for r in records],
        },
        columns=list(DISPLAY_COLUMNS),
    )
    return out


def export_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Download rows: export.figure_rows' provenance columns plus the source title and its role."""
    out = export.figure_rows(rows, lang)
    # Column by column: turning every row into a dict took most of the time of a large download.
    out["source_title"] = rows["source_title"].tolist() if "source_title" in rows else [None] * len(rows)
    primary = (
        rows["is_primary"].fillna(False).astype(bool).to_numpy()
        if "is_primary" in rows
        else np.zeros(len(rows), dtype=bool)
    )
    out["source_role"] = np.where(primary, i18n.t("sources.primary", lang), i18n.t("sources.further", lang))
    return out


def citations(rows: pd.DataFrame, lang: str, *, by_count: bool = False) -> pd.DataFrame:
    """One row per source in `rows`: publisher, date, title, link, figure count, its citation line, and whether
    a session uploaded it (`user_supplied`; the citation line says so too).

    Ordered by publisher and date, or (`by_count`) by how many of the rows' figures each source reports.
    """
    if rows.empty:
        return citation_list(pd.DataFrame(), lang)
    grouped = (
        rows.groupby("source_id", dropna=False)
        .agg(
            publisher=("publisher", "first"),
            published=("published", "first"),
            title=("source_title", "first"),
            url=("url", "first"),
            n_figures=("figure_id", "nunique"),
        )
        .reset_index()
    )
    return citation_list(grouped, lang, by_count=by_count)


def citation_list(grouped: pd.DataFrame, lang: str, *, by_count: bool = False) -> pd.DataFrame:
    """`citations` from one row per source (source_id, publisher, published, title, url, n_figures), e.g. the
    sources_citations query: ordered, with the citation line and the `user_supplied` flag."""
    columns = ["publisher", "published", "title", "url", "n_figures", "citation", "user_supplied"]
    if grouped.empty:
        return pd.DataFrame(columns=columns)
    if by_count:
        grouped = grouped.sort_values(
            ["n_figures", "published", "source_id"], ascending=[False, False, True], kind="stable"
        )
    else:
        grouped = grouped.sort_values(["publisher", "published", "source_id"], kind="stable")
    grouped["user_supplied"] = grouped["source_id"].astype("string").str.startswith(USER_SOURCE_PREFIX).fillna(False)
    grouped["citation"] = [
        fmt.citation(r["publisher"], r["title"], r["published"], r["url"], lang)
        + (f" [{i18n.t('upload.badge', lang)}]" if r["user_supplied"] else "")
        for r in grouped.to_dict("records")
    ]
    grouped["published"] = [fmt.published(p, lang) for p in grouped["published"]]
    return grouped[columns].reset_index(drop=True)


def dashboard_citation(today: str, lang: str) -> str:
    """The suggested citation of the dashboard itself, with the access date."""
    return i18n.t("sources.cite.dashboard", lang, date=fmt.published(today, lang))


def data_dictionary(metrics: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Metrics with label, unit, family and description in `lang`, in family order."""
    family_order = {f: i for i, f in enumerate(schema.FAMILIES)}
    records = sorted(
        metrics.to_dict("records"), key=lambda r: (family_order.get(r["family"], 99), i18n.label(r, "label", lang))
    )
    return pd.DataFrame(
        {
            "metric": [r["metric"] for r in records],
            "label": [i18n.label(r, "label", lang) for r in records],
            "unit": [schema.UNITS.get(r["unit"], {}).get(lang, r["unit"]) for r in records],
            "family": [
                i18n.t(f"family.{r['family']}", lang) if r["family"] in schema.FAMILIES else r["family"]
                for r in records
            ],
            "description": [i18n.label(r, "description", lang) for r in records],
        },
        columns=["metric", "label", "unit", "family", "description"],
    )
