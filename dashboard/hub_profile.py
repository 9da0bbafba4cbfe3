"""The Hub page's views: which hub to show, its identity card, its timeline, figure table and source list."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import charts, compare, data, export, fmt, i18n, memo, schema, sources_table
from dashboard.chart_files import Chart, prepare_chart
from dashboard.hubs import hubs_frame


def default_hub(picked, hubs: pd.DataFrame) -> str | None:
    """The first hub picked in the sidebar, else the hub with the most figures."""
    known = set(hubs["hub_id"])
    for hub in picked:
        if hub in known:
            return hub
    if hubs.empty:
        return None
    return str(hubs.sort_values(["n_figures", "hub_id"], ascending=[False, True]).iloc[0]["hub_id"])


_text = fmt.plain_text


def aliases(row: dict, lang: str) -> list[str]:
    """Former and other names, `lang` first, each once (cells hold `;`-separated lists)."""
    other = "en" if lang == "ko" else "ko"
    names = []
    for column in (f"aliases_{lang}", f"aliases_{other}"):
        names += [part.strip() for part in _text(row.get(column)).split(schema.LIST_SEPARATOR) if part.strip()]
    return list(dict.fromkeys(names))


def profile_fields(hub_id: str, hubs: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """(label, text) pairs of the identity card; a field the data lacks says '자료 없음', never a guess."""
    records = {r["hub_id"]: r for r in hubs.to_dict("records")}
    row = records[hub_id]
    missing = i18n.t("hub.no_data", lang)
    names = {h: i18n.label(r, "name", lang) for h, r in records.items()}
    chains = compare.ancestors(hubs)
    contained = compare.members(hub_id, hubs)
    opened = row.get("opened_year")
    region = _text(row.get("region_code"))
    region_text = (
        i18n.region_name(region, lang) if region in schema.REGIONS else (i18n.label(row, "region", lang) or missing)
    )
    hub_type = _text(row.get("hub_type"))
    return [
        (i18n.t("hub.name_ko", lang), _text(row.get("name_ko")) or missing),
        (i18n.t("hub.name_en", lang), _text(row.get("name_en")) or missing),
        (i18n.t("hub.aliases", lang), ", ".join(aliases(row, lang)) or missing),
        (i18n.t("hub.operator", lang), i18n.label(row, "operator", lang) or missing),
        (i18n.t("hub.region", lang), region_text),
        (i18n.t("hub.opened_year", lang), str(int(opened)) if _text(opened) else missing),
        (i18n.t("hub.type", lang), i18n.t(f"hub_type.{hub_type}", lang) if hub_type in schema.HUB_TYPES else missing),
        (
            i18n.t("hub.part_of", lang),
            " → ".join(names.get(h, h) for h in chains.get(hub_id, ())) or i18n.t("hub.none", lang),
        ),
        (
            i18n.t("hub.members", lang),
            ", ".join(sorted(names.get(h, h) for h in contained)) or i18n.t("hub.none", lang),
        ),
        (i18n.t("hub.note", lang), i18n.label(row, "note", lang) or missing),
    ]


# The figure table's columns (export.figure_rows' names) and the source list's (sources_table.citations').
TABLE_COLUMNS: tuple[str, ...] = (
    "metric",
    "value_formatted",
    "period",
    "kind",
    "scope_note",
    "source_publisher",
    "source_date",
    "source_url",
    "quote",
    "user_supplied",
)
SOURCE_COLUMNS: tuple[str, ...] = ("publisher", "published", "title", "url", "n_figures", "user_supplied")


def figure_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The hub's figures for the table under the timeline: family order, then metric, then period.

    TABLE_COLUMNS of export.figure_rows, with the source date written for reading (2021.8.19 / 19 Aug 2021).
    """
    family_order = {f: i for i, f in enumerate(schema.FAMILIES)}
    ordered = (
        rows.assign(_family=rows["family"].map(family_order).fillna(99))
        .sort_values(["_family", "metric", "period_start", "period_end", "kind", "figure_id"], kind="stable")
        .drop(columns="_family")
    )
    table = export.figure_rows(ordered, lang)
    table["source_date"] = [fmt.published(d, lang) for d in table["source_date"]]
    return table[list(TABLE_COLUMNS)]


# --- cached views: what the Hub page draws, built once per hub, filters and language ------------------------------


@dataclass(frozen=True)
class HubCard:
    """The hub's name, whether it is an aggregate, and its identity card as markdown."""

    name: str
    is_aggregate: bool
    fields_markdown: str
    n_figures: int  # every figure of the hub, whatever the filters


@dataclass(frozen=True)
class HubFigures:
    """The timeline with its download, the figure table and the source list for one hub under the filters."""

    n_rows: int
    chart: Chart | None  # None when the hub has no figure under the filters
    table: pd.DataFrame | None  # TABLE_COLUMNS
    sources: pd.DataFrame | None  # SOURCE_COLUMNS


@memo.view
def hub_options(lang: str) -> dict[str, str]:
    """Hub id -> picker text (aggregates marked), ordered by that text."""
    labels = {r["hub_id"]: fmt.hub_label(r, lang) for r in hubs_frame().to_dict("records")}
    return dict(sorted(labels.items(), key=lambda item: item[1]))


@memo.view
def hub_card(hub_id: str, lang: str, uploads: data.Uploads = data.NO_UPLOADS) -> HubCard:
    """The identity card of `hub_id` (a key of hub_options); its figure count includes `uploads`."""
    hubs = hubs_frame(uploads)
    row = hubs[hubs.hub_id == hub_id].iloc[0].to_dict()
    fields = profile_fields(hub_id, hubs, lang)
    return HubCard(
        i18n.label(row, "name", lang),
        row.get("hub_type") == "aggregate",
        "\n".join(f"- **{label}**: {fmt.md_escape(text)}" for label, text in fields),
        int(row.get("n_figures") or 0),
    )


@memo.view
def hub_figures(
    hub_id: str, kinds: tuple, year_from: int, year_to: int, lang: str, uploads: data.Uploads = data.NO_UPLOADS
) -> HubFigures:
    """The hub's figures under the filters, `uploads` included: timeline, table and cited sources."""
    rows = data.query(
        "figures_by_hub_year",
        uploads,
        families=[],
        metrics=[],
        hubs=[hub_id],
        kinds=list(kinds),
        year_from=year_from,
        year_to=year_to,
    )
    if rows.empty:
        return HubFigures(0, None, None, None)
    name = hub_card(hub_id, lang, uploads).name
    color = charts.hub_colors(hubs_frame().hub_id)[hub_id]
    fig = charts.timeline(rows, lang=lang, color=color, title=f"{name} · {i18n.t('chart.timeline.title', lang)}")
    chart = prepare_chart(fig, rows, lang=lang, file_parts=("hub", hub_id, f"{year_from}-{year_to}"))
    sources = sources_table.citations(
        data.query(
            "figures_with_sources", uploads, hubs=[hub_id], kinds=list(kinds), year_from=year_from, year_to=year_to
        ),
        lang,
        by_count=True,
    )[list(SOURCE_COLUMNS)]
    return HubFigures(len(rows), chart, figure_table(rows, lang), sources)
