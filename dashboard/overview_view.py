"""The Overview's views: hub cards, the map's metric/period choices, the map and the coverage grid, built from query
results without drawing (dashboard/overview_page.py and pages/overview.py draw them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from dashboard import charts, data, fmt, geo, i18n, memo, periods, schema
from dashboard.chart_files import Chart, prepare_chart
from dashboard.hubs import hubs_frame

if TYPE_CHECKING:  # for the annotation only: filters is render code (Streamlit), views never import it
    from dashboard.filters import Filters

CARD_LIMIT = 8  # more cards than this push the map and the coverage grid far down on a phone
# Past this many hub rows (19 px each, four panels) the grid is taller than several screens and its hovers
# run into the thousands; the hubs with the most figures are shown, and the page says so.
COVERAGE_MAX_HUBS = 30


def card_hubs(chosen: pd.DataFrame, limit: int = CARD_LIMIT) -> tuple[pd.DataFrame, int]:
    """The hubs to give a card (those with the most figures first) and how many more were left out."""
    ordered = chosen.sort_values(["n_figures", "hub_id"], ascending=[False, True], kind="stable")
    return ordered.head(limit).reset_index(drop=True), max(len(ordered) - limit, 0)


def card_figures(latest: pd.DataFrame) -> dict[tuple[str, str], dict]:
    """The figure each card shows: per (hub_id, family), the `latest_actual_by_hub` row ranked first."""
    if latest is None or latest.empty:
        return {}
    first = latest[latest["family_rank"] == 1]
    return {(r["hub_id"], r["family"]): r for r in first.to_dict("records")}


def source_help(row: dict, lang: str) -> str:
    """The card's ⓘ text: publisher and date, other outlets, and the quote (markdown-escaped)."""
    date = fmt.published(row.get("published"), lang)
    lines = [fmt.md_escape(f"{i18n.t('citation.prefix', lang)}: {row.get('publisher') or fmt.MISSING}, {date}")]
    extra = int(row.get("n_sources") or 1) - 1
    if extra > 0:
        lines.append(fmt.md_escape(i18n.t("hover.other_sources", lang, n=extra)))
    if row.get("quote"):
        quote = str(row["quote"])
        lines.append("“" + fmt.md_escape(quote if len(quote) <= 200 else quote[:199] + "…") + "”")
    return "\n\n".join(lines)


@dataclass(frozen=True)
class Card:
    """One hub's card as markdown: the header (name and facts) and each family's block with its ⓘ source text."""

    hub_id: str
    header: str
    families: tuple[tuple[str, str | None], ...]  # (block markdown, help) in schema.FAMILIES order


@dataclass(frozen=True)
class Cards:
    """The Overview's cards for one hub selection and language, ready to draw."""

    cards: tuple[Card, ...]
    n_more: int  # chosen hubs left without a card


def build_cards(chosen: pd.DataFrame, latest: pd.DataFrame, lang: str) -> Cards:
    """One card per hub of `card_hubs(chosen)`, with its first-ranked latest actual figure per family."""
    shown, n_more = card_hubs(chosen)
    # Only the carded hubs' rows: with hundreds of hubs, turning every row into a dict was most of the work.
    figures = card_figures(latest[latest["hub_id"].isin(set(shown["hub_id"]))] if latest is not None else None)
    cards = []
    for hub in shown.to_dict("records"):
        facts = [
            i18n.region_name(hub["region_code"], lang) if hub["region_code"] in schema.REGIONS else "",
            i18n.t(f"hub_type.{hub['hub_type']}", lang),
            i18n.t("overview.card.n_figures", lang, n=int(hub.get("n_figures") or 0)),
        ]
        header = f"**{fmt.md_escape(i18n.label(hub, 'name', lang))}**  \n" + _small(
            fmt.md_escape(" · ".join(x for x in facts if x))
        )
        rows = [figures.get((hub["hub_id"], family)) for family in schema.FAMILIES]
        cards.append(
            Card(
                hub["hub_id"],
                header,
                tuple(
                    (family_figure_text(row, family, lang), source_help(row, lang) if row is not None else None)
                    for row, family in zip(rows, schema.FAMILIES)
                ),
            )
        )
    return Cards(tuple(cards), n_more)


@memo.view
def card_view(hubs: tuple, lang: str, uploads: data.Uploads) -> Cards:
    """The cards of the chosen hubs (all when `hubs` is empty) in `lang`, built once per selection."""
    return build_cards(chosen_hubs(hubs, uploads), data.query("latest_actual_by_hub", uploads, hubs=list(hubs)), lang)


def _small(text: str) -> str:
    """Already-escaped markdown as caption-style text (small, grey) inside a larger markdown block."""
    return f":small[:gray[{text}]]"


def family_figure_text(row: dict | None, family: str, lang: str) -> str:
    """One family's block on a card: its name, the value as a small heading, then what the value is."""
    lines = [_small(fmt.md_escape(i18n.t(f"family.{family}", lang)))]
    if row is None:
        # A gap, never 0: the dash is fmt's sign for "no figure".
        lines += [f"##### {fmt.MISSING}", _small(fmt.md_escape(i18n.t("overview.card.no_actual", lang)))]
        return "\n\n".join(lines)
    # A heading-sized value rather than st.metric: st.metric cuts long values ("KRW 107…") on narrow cards.
    lines.append(f"##### {fmt.md_escape(fmt.number(row['value'], row['unit'], lang))}")
    notes = [fmt.md_escape(f"{i18n.label(row, 'metric_label', lang)} · {periods.label(row, lang)}")]
    if int(row.get("n_versions") or 1) > 1:
        notes.append(fmt.md_escape(i18n.t("overview.card.more_versions", lang, n=int(row["n_versions"]) - 1)))
    if fmt.is_on(row.get("user_supplied")):
        notes.append(f"*{fmt.md_escape(i18n.t('upload.badge', lang))}*")
    lines.append("  \n".join(_small(note) for note in notes))
    return "\n\n".join(lines)


def map_options(metric_periods: pd.DataFrame, kinds, year_from: int, year_to: int) -> pd.DataFrame:
    """(metric, kind, period) combinations the map can shade: chosen kinds, overlapping the years, with a single hub.

    Keeps the `metric_periods` order (most single hubs first), so the first row is the default; adds `key`.
    """
    keep = metric_periods[
        metric_periods["kind"].isin(list(kinds))
        & (metric_periods["period_start"] <= year_to)
        & (metric_periods["period_end"] >= year_from)
        & (metric_periods["n_single_hubs"] > 0)
    ].copy()
    keep["key"] = [periods.key(r) for r in keep.to_dict("records")]
    return keep.reset_index(drop=True)


@dataclass(frozen=True)
class MapChoices:
    """The map pickers' options, labels and rows, worked out once per kinds, years and language."""

    metrics: tuple[str, ...]
    labels: dict[str, str]  # metric -> label
    rows: dict[str, dict[str, dict]]  # metric -> period key -> metric_periods row
    period_options: dict[str, dict[str, str]]  # metric -> period key -> option text

    @property
    def empty(self) -> bool:
        return not self.metrics

    @classmethod
    def build(cls, options: pd.DataFrame, lang: str) -> MapChoices:
        records = options.to_dict("records")
        rows: dict[str, dict[str, dict]] = {}
        for r in records:
            rows.setdefault(r["metric"], {})[r["key"]] = r
        texts = {
            m: {
                k: i18n.t("overview.map.period_option", lang, period=periods.label(r, lang), n=int(r["n_single_hubs"]))
                for k, r in by_key.items()
            }
            for m, by_key in rows.items()
        }
        return cls(tuple(rows), {r["metric"]: i18n.label(r, "metric_label", lang) for r in records}, rows, texts)


def province_table(totals: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The map's totals as a small table beside it (small provinces are hard to read on the map itself).

    Sorted by total, largest first: every total has the same metric, kind and exact period, so they compare.
    Conflicting provinces come last and say why they have no total.
    """
    header = {k: i18n.t(f"overview.map.col.{k}", lang) for k in ("region", "total", "hubs")}
    if totals is None or totals.empty:
        return pd.DataFrame(columns=list(header.values()))
    ordered = totals.assign(_missing=totals["total"].isna()).sort_values(
        ["_missing", "total", "region_code"], ascending=[True, False, True], kind="stable"
    )
    rows = []
    for r in ordered.to_dict("records"):
        conflict = fmt.is_on(r.get("has_conflicting_versions")) or fmt.is_missing(r.get("total"))
        rows.append(
            {
                header["region"]: i18n.region_name(r["region_code"], lang),
                header["total"]: (
                    i18n.t("overview.map.conflict_cell", lang) if conflict else fmt.number(r["total"], r["unit"], lang)
                )
                + (f" [{i18n.t('upload.badge', lang)}]" if fmt.is_on(r.get("has_user_supplied")) else ""),
                header["hubs"]: str(r.get(f"hubs_{lang}") or r.get("hubs_ko") or ""),
            }
        )
    return pd.DataFrame(rows)


def coverage_rows(cells: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The coverage grid's download: one row per cell drawn, names and marks in `lang`."""
    return pd.DataFrame(
        {
            "hub_id": cells["hub_id"].to_numpy(),
            "hub": [i18n.label(r, "hub_name", lang) for r in cells.to_dict("records")],
            "year": cells["year"].astype(int).to_numpy(),
            "family": [i18n.t(f"family.{f}", lang) for f in cells["family"]],
            "mark": [i18n.t(f"coverage.mark.{m}", lang) for m in cells["mark"]],
            "n_figures": cells["n_figures"].astype(int).to_numpy(),
            "n_user_supplied": (
                cells["n_user_figures"].fillna(0).astype(int).to_numpy()
                if "n_user_figures" in cells
                else [0] * len(cells)
            ),
        }
    )


# --- cached views: what the Overview draws, built once per filters and language ----------------------------------


@dataclass(frozen=True)
class MapView:
    """The map with its download, the totals table beside it and the notes under it."""

    chart: Chart
    totals_table: pd.DataFrame | None  # None when no province has a total
    notes: tuple[str, ...]
    no_total: bool  # a metric and period were chosen but none of the chosen single hubs has a figure


@dataclass(frozen=True)
class CoverageView:
    """The coverage grid with its download, and how many hubs it shows of how many have figures."""

    chart: Chart
    hubs_shown: int
    hubs_total: int


def chosen_hubs(hubs: tuple, uploads: data.Uploads) -> pd.DataFrame:
    """Rows of the `hubs` query for the chosen hub ids, in the query's order."""
    all_hubs = hubs_frame(uploads)
    return all_hubs[all_hubs.hub_id.isin(hubs)]


@memo.view
def build_first_views(f: Filters) -> None:
    """Build and keep the views a visit with filters `f` and no uploads shows before anyone touches the map's
    pickers: the cards, the map of the first metric and period offered, and the coverage grid its expander draws
    once opened (the launcher's warm-up)."""
    uploads = data.NO_UPLOADS
    card_view(f.hubs, f.lang, uploads)
    choices = map_choices(f.kinds, f.year_from, f.year_to, f.lang, uploads)
    # The map pickers' defaults (overview_page.pick_map): the first metric offered and its first period.
    metric = choices.metrics[0] if not choices.empty else None
    period = next(iter(choices.rows[metric])) if metric is not None else None
    map_view(f.kinds, f.year_from, f.year_to, metric, period, f.hubs, f.lang, uploads)
    coverage_view(f.hubs, f.year_from, f.year_to, f.lang, uploads)


@memo.view
def map_choices(kinds: tuple, year_from: int, year_to: int, lang: str, uploads: data.Uploads) -> MapChoices:
    """The (metric, kind, period) choices the map can shade under these filters."""
    return MapChoices.build(map_options(data.query("metric_periods", uploads), kinds, year_from, year_to), lang)


@memo.view
def map_view(
    kinds: tuple,
    year_from: int,
    year_to: int,
    metric: str | None,
    period: str | None,
    hubs: tuple,
    lang: str,
    uploads: data.Uploads,
) -> MapView:
    """The map of one metric and period (None, None: hub locations only), its table, notes and download."""
    chosen = chosen_hubs(hubs, uploads)
    colors = charts.hub_colors(hubs_frame(uploads).hub_id)
    notes: list[str] = []
    if metric is None:
        totals = pd.DataFrame()
        fig = geo.map_chart(
            totals,
            chosen,
            lang=lang,
            colors=colors,
            metric_label="",
            unit="count",
            title=i18n.t("chart.map.title", lang),
        )
        export_rows = geo.map_rows(totals, chosen, lang=lang, metric_label="", period_text="", kind="actual")
        file_parts = ("overview-map", "hubs")
    else:
        choice = map_choices(kinds, year_from, year_to, lang, uploads).rows[metric][period]
        totals = data.query(
            "region_totals",
            uploads,
            metric=choice["metric"],
            kind=choice["kind"],
            period_start=int(choice["period_start"]),
            period_end=int(choice["period_end"]),
            start_month=int(choice["start_month"]),
            end_month=int(choice["end_month"]),
            hubs=list(hubs),
        )
        metric_label = i18n.label(choice, "metric_label", lang)
        when = periods.label(choice, lang)
        fig = geo.map_chart(
            totals,
            chosen,
            lang=lang,
            colors=colors,
            metric_label=metric_label,
            unit=choice["unit"],
            title=i18n.t("overview.map.title", lang, metric=metric_label, period=when),
            subtitle=i18n.t("overview.map.subtitle", lang),
            source=charts.source_line(map_source_rows(choice, hubs, uploads), lang),
        )
        export_rows = geo.map_rows(
            totals, chosen, lang=lang, metric_label=metric_label, period_text=when, kind=choice["kind"]
        )
        file_parts = ("overview-map", choice["metric"], choice["key"].replace("|", "-"))
        plain_period = fmt.period(
            choice["period_start"], choice["period_end"], choice["start_month"], choice["end_month"], "actual", lang
        )
        notes.append(
            i18n.t("overview.map.caption", lang, kind=fmt.kind_label(choice["kind"], lang), period=plain_period)
        )
    if (geo.hub_points(chosen)["n_at_place"] > 1).any():
        notes.append(i18n.t("overview.map.ring", lang))
    notes.append(geo.GEO_CREDIT)
    chart = prepare_chart(fig, totals, lang=lang, file_parts=file_parts, export_rows=export_rows)
    table = province_table(totals, lang) if not totals.empty else None
    return MapView(chart, table, tuple(notes), metric is not None and totals.empty)


def map_source_rows(choice: dict, hubs: tuple, uploads: data.Uploads) -> pd.DataFrame:
    """The single hubs' figures behind the map's totals (this metric, kind and exact period), for its source line."""
    rows = data.query(
        "figures_by_hub_year",
        uploads,
        families=[],
        metrics=[choice["metric"]],
        hubs=list(hubs),
        kinds=[choice["kind"]],
        year_from=int(choice["period_start"]),
        year_to=int(choice["period_end"]),
    )
    exact = (rows[list(periods.COLUMNS)] == pd.Series(periods.exact(choice), index=periods.COLUMNS)).all(axis=1)
    return rows[exact & (rows["hub_type"] == "hub")]


def bounded_coverage(
    cells: pd.DataFrame, hub_order: list[str], limit: int = COVERAGE_MAX_HUBS
) -> tuple[pd.DataFrame, list[str], int]:
    """The coverage cells of at most `limit` hubs (most figures in the years shown first, then hub id)."""
    counts = cells.groupby("hub_id")["n_figures"].sum()
    if len(counts) <= limit:
        return cells, hub_order, len(counts)
    keep = set(sorted(counts.index, key=lambda h: (-int(counts[h]), h))[:limit])
    return (cells[cells["hub_id"].isin(keep)].reset_index(drop=True), [h for h in hub_order if h in keep], len(counts))


@memo.view
def coverage_view(hubs: tuple, year_from: int, year_to: int, lang: str, uploads: data.Uploads) -> CoverageView | None:
    """The hub × year grid with its download; None when no chosen hub has a figure in these years."""
    cells = data.query("coverage_matrix", uploads, hubs=list(hubs), year_from=year_from, year_to=year_to)
    if cells.empty:
        return None
    cells, order, total = bounded_coverage(cells, list(chosen_hubs(hubs, uploads).hub_id))
    grid = charts.coverage_matrix(cells, lang=lang, title=i18n.t("chart.coverage.title", lang), hub_order=order)
    chart = prepare_chart(
        grid,
        cells,
        lang=lang,
        file_parts=("overview-coverage", f"{year_from}-{year_to}"),
        export_rows=coverage_rows(cells, lang),
    )
    return CoverageView(chart, cells["hub_id"].nunique(), total)
