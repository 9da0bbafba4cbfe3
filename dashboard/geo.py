"""The province map: bundled boundaries drawn as plain Plotly polygons (no base map, no network), hubs as points."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard import fmt, i18n, schema
from dashboard.charts.text import esc, wrap
from dashboard.charts.theme import FONT_FAMILY, SOURCE_WIDTH, title_header

ASSET = Path(__file__).resolve().parent.parent / "assets" / "korea_provinces_2018.geojson"
# The boundaries' licence asks for this credit wherever the map is shown.
GEO_CREDIT = "행정구역 경계: 통계청 SGIS (공공누리 제1유형) / Boundaries: Statistics Korea SGIS (KOGL Type 1)"

# ColorBrewer YlOrBr without its darkest steps: sequential, colour-blind safe, light enough for hub points on top.
SEQUENTIAL = ["#FFF7BC", "#FEE391", "#FEC44F", "#FB9A29", "#EC7014", "#CC4C02"]
NO_DATA_COLOR = "#E4E4E4"
BORDER_COLOR = "#FFFFFF"
CONFLICT_PATTERN = {"shape": "/", "fgcolor": "#6E6E6E", "bgcolor": NO_DATA_COLOR, "size": 6, "solidity": 0.25}
# "No data" is grey cross-hatched with white: never a flat colour a reader could take for the scale's lowest shade.
NO_DATA_PATTERN = {"shape": "x", "fgcolor": "#FFFFFF", "bgcolor": NO_DATA_COLOR, "size": 7, "solidity": 0.3}

# Where a province's value label sits (lon, lat): inside the province and clear of its neighbours' labels
# (Gyeonggi's own centre is Seoul, so its label goes north; Incheon's goes west onto its coast).
LABEL_AT: dict[str, tuple[float, float]] = {
    "11": (126.99, 37.56),
    "21": (129.06, 35.19),
    "22": (128.58, 35.86),
    "23": (126.45, 37.47),
    "24": (126.84, 35.15),
    "25": (127.40, 36.34),
    "26": (129.26, 35.55),
    "29": (127.26, 36.57),
    "31": (127.35, 37.98),
    "32": (128.35, 37.72),
    "33": (127.80, 36.83),
    "34": (126.80, 36.33),
    "35": (127.15, 35.72),
    "36": (126.92, 34.80),
    "37": (128.80, 36.42),
    "38": (128.25, 35.30),
    "39": (126.55, 33.38),
}

# One degree of longitude is cos(latitude) as long as one of latitude; 36°N is mid-Korea.
MID_LATITUDE = 36.0
Y_SCALE = 1 / math.cos(math.radians(MID_LATITUDE))

# Hubs closer than this (degrees) are "at one place" and spread on a small ring so each stays visible.
SAME_PLACE = 0.05
RING_MIN_RADIUS = 0.1
RING_STEP = 0.025  # degrees of radius per hub, so larger groups get a wider ring

# Pixels under the map: the colour key (bar and tick labels) above the legend.
LEGEND_SPACE = 100  # up to three legend rows on a phone
KEY_SPACE = LEGEND_SPACE + 44


@dataclass(frozen=True)
class Province:
    """One province's outline as Plotly-ready coordinates: polygons and rings separated by None."""

    code: str
    x: tuple[float | None, ...]
    y: tuple[float | None, ...]
    n_polygons: int
    area: float  # square degrees of the outer rings, only to order drawing


@lru_cache(maxsize=1)
def provinces(path: str = str(ASSET)) -> tuple[Province, ...]:
    """The 17 provinces of the bundled asset, ordered by code."""
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        xs: list[float | None] = []
        ys: list[float | None] = []
        area = sum(_ring_area(polygon[0]) for polygon in polygons)
        # Holes ride in the same trace: their clockwise winding leaves them unfilled under SVG's nonzero rule.
        for polygon in polygons:
            for ring in polygon:
                if xs:
                    xs.append(None)
                    ys.append(None)
                xs.extend(p[0] for p in ring)
                ys.extend(p[1] for p in ring)
        out.append(Province(str(feature["properties"]["code"]), tuple(xs), tuple(ys), len(polygons), area))
    return tuple(sorted(out, key=lambda p: p.code))


def _ring_area(ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))) / 2


def hub_points(hubs: pd.DataFrame) -> pd.DataFrame:
    """Hubs with lat/lon and where to draw them: `x`, `y` (moved onto a small ring when several share a place)
    and `n_at_place` (how many hubs share it)."""
    if hubs is None or hubs.empty or not {"lat", "lon"} <= set(hubs.columns):
        return pd.DataFrame(columns=[*(hubs.columns if hubs is not None else []), "x", "y", "n_at_place"])
    located = hubs[hubs["lat"].notna() & hubs["lon"].notna()].copy()
    located = located.sort_values("hub_id", kind="stable").reset_index(drop=True)
    # Plain floats and lists: pandas row lookups here made this quadratic in slow steps.
    lats = located["lat"].astype(float).tolist()
    lons = located["lon"].astype(float).tolist()
    groups: list[list[int]] = []
    anchors: list[tuple[float, float]] = []  # each group's first hub: a hub joins the first group near it
    for i, (lat, lon) in enumerate(zip(lats, lons)):
        for group, (lat_a, lon_a) in zip(groups, anchors):
            if abs(lat_a - lat) <= SAME_PLACE and abs(lon_a - lon) <= SAME_PLACE:
                group.append(i)
                break
        else:
            groups.append([i])
            anchors.append((lat, lon))
    xs, ys, counts = list(lons), list(lats), [1] * len(lats)
    for group in groups:
        if len(group) < 2:
            continue
        lat0 = float(pd.Series([lats[i] for i in group]).mean())
        lon0 = float(pd.Series([lons[i] for i in group]).mean())
        radius = max(RING_MIN_RADIUS, RING_STEP * len(group))
        for k, i in enumerate(group):
            angle = math.pi / 2 - 2 * math.pi * k / len(group)
            ys[i] = lat0 + radius * math.sin(angle)
            # Divide by the latitude factor so the ring is round on the equal-aspect map.
            xs[i] = lon0 + radius * math.cos(angle) / math.cos(math.radians(lat0))
            counts[i] = len(group)
    located["x"] = xs
    located["y"] = ys
    located["n_at_place"] = counts
    return located


def map_chart(
    region_totals: pd.DataFrame,
    hubs: pd.DataFrame,
    *,
    lang: str,
    colors: dict[str, str],
    metric_label: str,
    unit: str,
    title: str,
    subtitle: str | None = None,
    height: int = 680,
    source: str | None = None,
) -> go.Figure:
    """Provinces shaded by their single-hub total (grey = no data, hatched = conflicting versions), hubs on top.

    `region_totals` is the `region_totals` query's result; `hubs` the hubs to mark (rows of the `hubs` query).
    Every province trace carries `meta={"region_code", "status", "total"}`, status one of total / no_data / conflict.
    """
    totals = _totals_by_region(region_totals)
    known = [row["total"] for row in totals.values() if fmt.has_text(row.get("total"))]
    top = max(known) if known else None
    points = hub_points(hubs)
    here = _hub_names_by_region(hubs, lang)
    fig = go.Figure()
    legend_shown: set[str] = set()
    for province in sorted(provinces(), key=lambda p: -p.area):
        row = totals.get(province.code)
        status = _status(row)
        name = i18n.region_name(province.code, lang)
        if status == "total":
            color = _shade(float(row["total"]), top)
            style = {"fillcolor": color}
        elif status == "conflict":
            style = {"fillcolor": NO_DATA_COLOR, "fillpattern": CONFLICT_PATTERN}
        elif totals:
            style = {"fillcolor": NO_DATA_COLOR, "fillpattern": NO_DATA_PATTERN}
        else:
            # Hub locations only (no metric): nothing is missing, so no hatching.
            style = {"fillcolor": NO_DATA_COLOR}
        # Only grey and hatched provinces get a legend entry: the colour key explains the shades.
        # (On the hub-locations map nothing is missing: no "no data" entry.)
        legend_key = status if status != "total" and totals else None
        show_legend = legend_key is not None and legend_key not in legend_shown
        if show_legend:
            legend_shown.add(legend_key)
        fig.add_trace(
            go.Scatter(
                x=list(province.x),
                y=list(province.y),
                mode="lines",
                fill="toself",
                line={"color": BORDER_COLOR, "width": 0.8},
                hoveron="fills",
                hoverinfo="text",
                # For fills Plotly shows the trace-level `text`, not per-point hover text.
                text=_province_hover(name, row, status, here.get(province.code, []), metric_label, unit, lang),
                name=i18n.t(f"map.legend.{legend_key}", lang) if legend_key else name,
                legendgroup=legend_key or f"province-{province.code}",
                showlegend=show_legend,
                meta={
                    "region_code": province.code,
                    "status": status,
                    "total": float(row["total"]) if status == "total" else None,
                },
                **style,
            )
        )
    if top is not None:
        fig.add_trace(_colour_key(top, unit, lang, height))
    for rec in points.to_dict("records"):
        fig.add_trace(_hub_trace(rec, colors, lang))
    for aggregate in sorted({rec.get("hub_type") == "aggregate" for rec in points.to_dict("records")}):
        fig.add_trace(_hub_legend_entry(aggregate, lang))
    labels = _value_labels(totals, unit, lang)
    if labels is not None:
        fig.add_trace(labels)
        _pointed_labels(fig, labels)
    lines = [wrap(subtitle, SOURCE_WIDTH)] if subtitle else []
    lines.append(
        wrap(source or i18n.t("chart.source.all", lang), SOURCE_WIDTH) + "<br>" + esc(i18n.t("chart.source.map", lang))
    )
    # Below the mode bar's band, as on every chart.
    title_spec, top_px = title_header(title, lines)
    height += top_px - 72
    fig.update_layout(
        title=title_spec,
        font={"family": FONT_FAMILY},
        hoverlabel={"font": {"family": FONT_FAMILY}, "align": "left"},
        hovermode="closest",
        # Hub dots answer only when touched: with Plotly's default 20 px they hide small provinces' hover.
        hoverdistance=6,
        height=height,
        margin={"l": 0, "r": 0, "t": top_px, "b": KEY_SPACE if top is not None else LEGEND_SPACE},
        meta={"header_px": top_px, "source": source or ""},
        plot_bgcolor="rgba(0,0,0,0)",
        # Key and legend are placed in pixels from the bottom so they never overlap, whatever the height.
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "top",
            "y": (LEGEND_SPACE - 6) / height,
            "xanchor": "left",
            "x": 0,
            "itemclick": False,
            "itemdoubleclick": False,
        },
        separators=".,",
        # No drag: on a phone a drag on the map must scroll the page; the mode bar still zooms.
        dragmode=False,
    )
    fig.update_xaxes(visible=False, range=[124.55, 132.0], fixedrange=False)
    fig.update_yaxes(visible=False, range=[33.05, 38.7], scaleanchor="x", scaleratio=Y_SCALE)
    return fig


# The map's download: province totals and hub points share one table, told apart by row_type.
MAP_EXPORT_COLUMNS = (
    "row_type",
    "region_code",
    "region",
    "hub",
    "hub_type",
    "metric",
    "period",
    "kind",
    "total",
    "unit",
    "total_formatted",
    "n_single_hubs",
    "conflicting_versions",
    "user_supplied",
    "lat",
    "lon",
)


def map_rows(
    region_totals: pd.DataFrame, hubs: pd.DataFrame, *, lang: str, metric_label: str, period_text: str, kind: str
) -> pd.DataFrame:
    """The map's download: one row per province total drawn, then one row per hub point drawn."""
    kind_text = fmt.kind_label(kind, lang)
    rows = []
    for rec in region_totals.to_dict("records") if region_totals is not None else []:
        conflict = fmt.is_on(rec.get("has_conflicting_versions"))
        total = rec.get("total") if fmt.has_text(rec.get("total")) else None
        rows.append(
            {
                "row_type": i18n.t("map.row.province", lang),
                "region_code": rec["region_code"],
                "region": i18n.region_name(rec["region_code"], lang),
                "hub": rec.get(f"hubs_{lang}") or rec.get("hubs_ko"),
                "hub_type": None,
                "metric": metric_label,
                "period": period_text,
                "kind": kind_text,
                "total": total,
                "unit": rec.get("unit"),
                "total_formatted": fmt.number(total, rec.get("unit"), lang) if rec.get("unit") else fmt.MISSING,
                "n_single_hubs": int(rec["n_hubs"]),
                "conflicting_versions": i18n.t("csv.yes" if conflict else "csv.no", lang),
                "user_supplied": i18n.t("csv.yes" if fmt.is_on(rec.get("has_user_supplied")) else "csv.no", lang),
                "lat": None,
                "lon": None,
            }
        )
    for rec in hub_points(hubs).to_dict("records"):
        rows.append(
            {
                "row_type": i18n.t("map.row.hub", lang),
                "region_code": rec.get("region_code"),
                "region": i18n.region_name(rec["region_code"], lang)
                if rec.get("region_code") in schema.REGIONS
                else None,
                "hub": i18n.label(rec, "name", lang),
                "hub_type": i18n.t(f"hub_type.{rec['hub_type']}", lang)
                if rec.get("hub_type") in schema.HUB_TYPES
                else None,
                "metric": None,
                "period": None,
                "kind": None,
                "total": None,
                "unit": None,
                "total_formatted": None,
                "n_single_hubs": None,
                "conflicting_versions": None,
                "user_supplied": None,
                "lat": float(rec["lat"]),
                "lon": float(rec["lon"]),
            }
        )
    return pd.DataFrame(rows, columns=MAP_EXPORT_COLUMNS)


def _totals_by_region(region_totals: pd.DataFrame | None) -> dict[str, dict]:
    if region_totals is None or region_totals.empty:
        return {}
    return {str(r["region_code"]): r for r in region_totals.to_dict("records")}


def _status(row: dict | None) -> str:
    if row is None:
        return "no_data"
    if fmt.is_on(row.get("has_conflicting_versions")) or fmt.is_missing(row.get("total")):
        return "conflict"
    return "total"


def _shade(total: float, top: float | None) -> str:
    share = 1.0 if not top else min(max(total / top, 0.0), 1.0)
    return sample_colorscale(_scale(), [share], colortype="rgb")[0]


def _scale() -> list[list]:
    last = len(SEQUENTIAL) - 1
    return [[i / last, c] for i, c in enumerate(SEQUENTIAL)]


# The metropolitan cities are too small to hold a label among the hub dots: theirs sits off to the side
# (pixels, x right and y down) with a thin pointer, and names the city.
LABEL_OFFSET: dict[str, tuple[int, int]] = {
    "11": (-70, -38),
    "23": (-62, 22),
    "21": (48, 26),
    "26": (52, -6),
    "22": (62, 4),
    "24": (-58, 12),
    "25": (52, 24),
    "29": (-56, -26),
}


def _value_labels(totals: dict[str, dict], unit: str, lang: str) -> go.Scatter | None:
    """Each province's total written on it (only provinces that have one), so the map reads without the key.

    Large provinces get the value in place (a text trace, meta role "value_labels"); metropolitan cities get
    "name value" beside the map's shape with a pointer (layout annotations named "value_label")."""
    shown = [(code, row) for code, row in sorted(totals.items()) if _status(row) == "total" and code in LABEL_AT]
    if not shown:
        return None
    in_place = [(code, row) for code, row in shown if code not in LABEL_OFFSET]
    return go.Scatter(
        x=[LABEL_AT[code][0] for code, _ in in_place],
        y=[LABEL_AT[code][1] for code, _ in in_place],
        mode="text",
        text=[f"<b>{esc(fmt.number(float(row['total']), unit, lang))}</b>" for _, row in in_place],
        textfont={"size": 11, "color": "#222222", "shadow": "0px 0px 3px #FFFFFF"},
        textposition="middle center",
        showlegend=False,
        hoverinfo="skip",
        meta={
            "role": "value_labels",
            "regions": [code for code, _ in shown],
            "pointed": [
                {"code": code, "text": f"{i18n.region_name(code, lang)} {fmt.number(float(row['total']), unit, lang)}"}
                for code, row in shown
                if code in LABEL_OFFSET
            ],
        },
    )


def _pointed_labels(fig: go.Figure, labels: go.Scatter) -> None:
    for item in labels.meta["pointed"]:
        ax, ay = LABEL_OFFSET[item["code"]]
        x, y = LABEL_AT[item["code"]]
        fig.add_annotation(
            x=x,
            y=y,
            ax=ax,
            ay=ay,
            text=f"<b>{esc(item['text'])}</b>",
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor="#555555",
            font={"size": 11, "color": "#222222"},
            bgcolor="rgba(255,255,255,0.85)",
            borderpad=1,
            name="value_label",
        )


def _colour_key(top: float, unit: str, lang: str, height: int) -> go.Scatter:
    """An invisible trace that only carries the colour bar, labelled with fmt (no G/B suffixes).

    No bar title: the tick labels carry the unit and the map title names the metric.
    """
    # Three ticks: a phone-wide bar has room for about three money labels side by side.
    tickvals, ticktext = fmt.axis_ticks(top, unit, lang, target_ticks=3)
    pairs = [(v, t) for v, t in zip(tickvals, ticktext) if v <= top * 1.0001]
    if pairs[-1][0] <= top * 0.8:
        # Label the darkest end too, unless a round tick is already close to it.
        pairs.append((top, fmt.number(top, unit, lang)))
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        showlegend=False,
        hoverinfo="skip",
        marker={
            "color": [top],
            "cmin": 0,
            "cmax": top,
            "colorscale": _scale(),
            "showscale": True,
            "colorbar": {
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "yref": "container",
                "y": (KEY_SPACE - 4) / height,
                "yanchor": "top",
                "len": 0.9,
                "thickness": 12,
                "outlinewidth": 0,
                "tickmode": "array",
                "tickvals": [p[0] for p in pairs],
                "ticktext": [p[1] for p in pairs],
            },
        },
        meta={"role": "colour_key"},
    )


def _hub_legend_entry(aggregate: bool, lang: str) -> go.Scatter:
    """One legend entry for all hub points: a legend item per hub would crowd a phone; hover names each hub."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        hoverinfo="skip",
        marker={
            "size": 10,
            "color": "#777777",
            "symbol": "square-open" if aggregate else "circle",
            "line": {"color": "#777777" if aggregate else "#FFFFFF", "width": 1.5},
        },
        name=i18n.t("map.legend.aggregates" if aggregate else "map.legend.hubs", lang),
        meta={"role": "legend"},
    )


def _hub_trace(rec: dict, colors: dict[str, str], lang: str) -> go.Scatter:
    is_aggregate = rec.get("hub_type") == "aggregate"
    name = i18n.label(rec, "name", lang)
    lines = [f"<b>{esc(name)}</b>"]
    if rec.get("region_code") in schema.REGIONS:
        lines.append(esc(i18n.region_name(rec["region_code"], lang)))
    if rec.get("hub_type") in schema.HUB_TYPES:
        lines.append(esc(i18n.t(f"hub_type.{rec['hub_type']}", lang)))
    if int(rec.get("n_at_place") or 1) > 1:
        lines.append(f"<i>{esc(i18n.t('map.hover.moved', lang))}</i>")
    hover = "<br>".join(lines)
    return go.Scatter(
        x=[rec["x"]],
        y=[rec["y"]],
        mode="markers",
        marker={
            "size": 10,
            "color": colors.get(rec["hub_id"], "#444444"),
            # Aggregates are drawn as open squares: they sum other hubs and are never added to them.
            "symbol": "square-open" if is_aggregate else "circle",
            "line": {"color": "#FFFFFF" if not is_aggregate else colors.get(rec["hub_id"], "#444444"), "width": 1.5},
        },
        name=esc(fmt.hub_label(rec, lang)),
        showlegend=False,
        hovertext=[hover],
        hovertemplate="%{hovertext}<extra></extra>",
        meta={"role": "hub", "hub_id": rec["hub_id"]},
    )


def _hub_names_by_region(hubs: pd.DataFrame | None, lang: str) -> dict[str, list[str]]:
    if hubs is None or hubs.empty or "region_code" not in hubs:
        return {}
    out: dict[str, list[str]] = {}
    for rec in hubs.to_dict("records"):
        out.setdefault(str(rec["region_code"]), []).append(i18n.label(rec, "name", lang))
    return out


def _province_hover(
    name: str, row: dict | None, status: str, hubs_here: list[str], metric_label: str, unit: str, lang: str
) -> str:
    lines = [f"<b>{esc(name)}</b>"]
    if status == "total":
        lines.append(f"{esc(metric_label)}: <b>{esc(fmt.number(row['total'], unit, lang))}</b>")
    elif status == "conflict":
        lines.append(esc(i18n.t("map.hover.conflict", lang)))
    else:
        lines.append(esc(i18n.t("map.no_data", lang)))
    if row is not None and fmt.is_on(row.get("has_user_supplied")):
        lines.append(f"<i>{esc(i18n.t('upload.badge', lang))}</i>")
    if row is not None:
        names = str(row.get(f"hubs_{lang}") or row.get("hubs_ko") or "").split(", ")
        key = "map.hover.total_of" if status == "total" else "map.hover.reporting"
        lines.append(esc(i18n.t(key, lang, n=int(row["n_hubs"]))) + ":<br>" + _name_lines(names))
    elif hubs_here:
        lines.append(esc(i18n.t("map.hover.hubs_here", lang, n=len(hubs_here))) + ":<br>" + _name_lines(hubs_here))
    return "<br>".join(lines)


def _name_lines(names: list[str], per_line: int = 2) -> str:
    """Hub names, escaped, a few per line so the hover box stays narrow on a phone."""
    escaped = [esc(n) for n in names if n]
    return "<br>".join(", ".join(escaped[i : i + per_line]) for i in range(0, len(escaped), per_line))
