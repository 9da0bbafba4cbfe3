"""The bundled province boundaries and the map chart: offline polygons, grey gaps, hatched conflicts, hub points."""

from __future__ import annotations

import importlib.util
import json
import math

import pandas as pd
import pytest

from dashboard import fmt, geo, schema

SIMPLIFY = geo.ASSET.parent.parent / "scripts" / "simplify_geo.py"


def totals_frame(rows: list[dict]) -> pd.DataFrame:
    """region_totals-shaped rows; only the fields a test names are interesting."""
    base = {"n_hubs": 1, "has_conflicting_versions": False, "unit": "KRW", "hubs_ko": "가", "hubs_en": "A"}
    return pd.DataFrame([{**base, **r} for r in rows])


def hubs_frame(rows: list[dict]) -> pd.DataFrame:
    """hubs-query-shaped rows with the columns the map reads."""
    base = {"name_ko": None, "name_en": None, "hub_type": "hub", "region_code": "11", "lat": None, "lon": None}
    return pd.DataFrame([{**base, **r} for r in rows])


def province_traces(fig) -> dict:
    return {t.meta["region_code"]: t for t in fig.data if t.fill == "toself"}


def draw(totals=None, hubs=None, lang="en"):
    return geo.map_chart(
        totals if totals is not None else totals_frame([]),
        hubs if hubs is not None else hubs_frame([]),
        lang=lang,
        colors={},
        metric_label="Budget",
        unit="KRW",
        title="t",
    )


def test_asset_is_small_valid_geojson_with_the_17_provinces():
    """The asset the app ships: a FeatureCollection keyed by schema's province codes, closed rings, under 80 KB."""
    assert geo.ASSET.exists()
    assert geo.ASSET.stat().st_size < 80 * 1024
    collection = json.loads(geo.ASSET.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    codes = [f["properties"]["code"] for f in collection["features"]]
    assert sorted(codes) == sorted(set(schema.REGIONS) - {schema.NATIONAL_REGION})
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "MultiPolygon"
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert all(124 < x < 132.5 and 33 < y < 39 for x, y in ring)


def test_map_draws_17_province_polygons_and_only_scatter_traces():
    """One filled polygon trace per province; no Choropleth, geo or tile trace that would fetch a base map."""
    fig = draw(totals_frame([{"region_code": "24", "total": 5e10}]))
    assert len(province_traces(fig)) == 17
    assert {t.type for t in fig.data} == {"scatter"}
    layout = fig.to_plotly_json()["layout"]
    assert not {"geo", "mapbox", "map"} & set(layout)


def test_province_without_data_is_grey_says_no_data_and_carries_no_zero():
    """A gap stays a gap: grey fill, 'no data' hover, no total (not 0) on the trace."""
    fig = draw(totals_frame([{"region_code": "24", "total": 5e10}]))
    jeju = province_traces(fig)["39"]
    assert jeju.fillcolor == geo.NO_DATA_COLOR
    assert "no data" in jeju.text
    assert jeju.meta["status"] == "no_data" and jeju.meta["total"] is None
    assert fmt.number(0, "KRW", "en") not in jeju.text and ": 0" not in jeju.text


def test_province_with_a_total_is_shaded_and_hover_shows_the_formatted_total():
    """Gwangju's 500억 shows as KRW 50 bn in its hover, and its fill is a colour of the sequential scale."""
    fig = draw(totals_frame([{"region_code": "24", "total": 5e10, "hubs_en": "Hub G"}]))
    gwangju = province_traces(fig)["24"]
    assert gwangju.fillcolor != geo.NO_DATA_COLOR
    assert "KRW 50 bn" in gwangju.text and "Hub G" in gwangju.text and "Gwangju" in gwangju.text
    assert gwangju.meta == {"region_code": "24", "status": "total", "total": 5e10}


def _lightness(color: str) -> float:
    r, g, b = (float(v) for v in color[color.index("(") + 1 : -1].split(","))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_larger_totals_are_darker():
    """The shade is ordered: the province with the larger total is darker."""
    fig = draw(totals_frame([{"region_code": "24", "total": 1e10}, {"region_code": "11", "total": 9e10}]))
    traces = province_traces(fig)
    assert _lightness(traces["11"].fillcolor) < _lightness(traces["24"].fillcolor)


def test_conflicting_versions_are_hatched_and_explained_not_summed():
    """A null total from conflicting versions is hatched, says why, and is not shown as a number."""
    fig = draw(
        totals_frame(
            [{"region_code": "11", "total": None, "has_conflicting_versions": True, "n_hubs": 2, "hubs_en": "B, C"}]
        )
    )
    seoul = province_traces(fig)["11"]
    assert seoul.fillpattern.shape == "/"
    assert "several figures" in seoul.text and "B, C" in seoul.text
    assert seoul.meta["status"] == "conflict" and seoul.meta["total"] is None
    assert "KRW" not in seoul.text


def test_hub_points_count_equals_hubs_with_coordinates():
    """Every hub with lat/lon gets one point; hubs without coordinates get none."""
    hubs = hubs_frame(
        [
            {"hub_id": "a", "name_en": "A", "lat": 37.5, "lon": 127.0},
            {"hub_id": "b", "name_en": "B", "lat": 35.1, "lon": 126.8, "region_code": "24"},
            {"hub_id": "agg", "name_en": "All", "hub_type": "aggregate", "region_code": "00"},
        ]
    )
    fig = draw(hubs=hubs)
    points = [t for t in fig.data if (t.meta or {}).get("role") == "hub"]
    assert sorted(t.meta["hub_id"] for t in points) == ["a", "b"]
    assert all(len(t.x) == 1 for t in points)


def test_hubs_at_one_place_are_spread_on_a_small_ring():
    """Three hubs at the same coordinates are drawn at three distinct points close to that place."""
    hubs = hubs_frame(
        [{"hub_id": h, "name_en": h, "lat": 37.555, "lon": 127.015} for h in ("x", "y", "z")]
        + [{"hub_id": "far", "name_en": "far", "lat": 35.1, "lon": 129.0}]
    )
    points = geo.hub_points(hubs).set_index("hub_id")
    ring = points.loc[["x", "y", "z"]]
    assert len({(round(x, 6), round(y, 6)) for x, y in zip(ring.x, ring.y)}) == 3
    assert (ring.n_at_place == 3).all() and points.loc["far", "n_at_place"] == 1
    assert (points.loc["far", "x"], points.loc["far", "y"]) == (129.0, 35.1)
    for x, y in zip(ring.x, ring.y):
        assert 0 < math.hypot((x - 127.015) * math.cos(math.radians(37.555)), y - 37.555) < 0.3


def test_aggregate_point_is_marked_differently():
    """An aggregate with coordinates is an open square and says so; a single hub is a filled circle."""
    hubs = hubs_frame(
        [
            {"hub_id": "h", "name_en": "H", "lat": 35.2, "lon": 128.6, "region_code": "38"},
            {"hub_id": "g", "name_en": "G", "lat": 35.4, "lon": 128.0, "region_code": "38", "hub_type": "aggregate"},
        ]
    )
    fig = draw(hubs=hubs)
    by_id = {t.meta["hub_id"]: t for t in fig.data if (t.meta or {}).get("role") == "hub"}
    assert by_id["h"].marker.symbol == "circle"
    assert by_id["g"].marker.symbol == "square-open" and "aggregate" in by_id["g"].hovertext[0]


def test_data_text_is_escaped_in_hover():
    """A hub name with markup is shown as text, not rendered."""
    hubs = hubs_frame([{"hub_id": "h", "name_en": "<b>Bold</b>", "lat": 37.5, "lon": 127.0}])
    fig = draw(totals_frame([{"region_code": "11", "total": 1e9, "hubs_en": "<i>x</i>"}]), hubs)
    hub = next(t for t in fig.data if (t.meta or {}).get("role") == "hub")
    assert "&lt;b&gt;Bold" in hub.hovertext[0]
    assert "&lt;i&gt;x" in province_traces(fig)["11"].text


def test_map_download_rows_are_the_plotted_totals_and_points():
    """The download has one row per province drawn with data and one per hub point, nothing else."""
    totals = totals_frame(
        [{"region_code": "24", "total": 5e10}, {"region_code": "11", "total": None, "has_conflicting_versions": True}]
    )
    hubs = hubs_frame(
        [{"hub_id": "a", "name_en": "A", "lat": 37.5, "lon": 127.0}, {"hub_id": "n", "name_en": "No place"}]
    )
    fig = draw(totals, hubs)
    rows = geo.map_rows(totals, hubs, lang="en", metric_label="Budget", period_text="2020", kind="actual")
    drawn_regions = {c for c, t in province_traces(fig).items() if t.meta["status"] != "no_data"}
    drawn_hubs = {t.meta["hub_id"] for t in fig.data if (t.meta or {}).get("role") == "hub"}
    province_rows = rows[rows.row_type == "province total"]
    assert set(province_rows.region_code) == drawn_regions and len(province_rows) == len(drawn_regions)
    assert len(rows) - len(province_rows) == len(drawn_hubs) == 1
    assert province_rows.set_index("region_code").loc["24", "total_formatted"] == "KRW 50 bn"
    assert pd.isna(province_rows.set_index("region_code").loc["11", "total"])


def test_colour_key_ticks_use_korean_money_format():
    """The colour bar is labelled by fmt (억원), never Plotly's G/B suffixes."""
    fig = draw(totals_frame([{"region_code": "24", "total": 8e10}]), lang="ko")
    key = next(t for t in fig.data if (t.meta or {}).get("role") == "colour_key")
    texts = list(key.marker.colorbar.ticktext)
    assert texts[0] == "0" and all("억원" in t for t in texts[1:])
    assert not any(s in "".join(texts) for s in ("G", "B"))


def _simplify_module():
    spec = importlib.util.spec_from_file_location("simplify_geo", SIMPLIFY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_douglas_peucker_keeps_ends_and_corners_and_drops_noise():
    """Points within the tolerance of a straight run go; the corner and both ends stay."""
    import numpy as np

    simplify = _simplify_module()
    line = np.array([[0, 0], [1, 0.001], [2, -0.001], [3, 0], [3, 1], [3.001, 2], [3, 3]], dtype=float)
    kept = simplify.douglas_peucker(line, 0.01).tolist()
    assert kept == [[0, 0], [3, 0], [3, 3]]


def test_simplify_feature_drops_tiny_islands_keeps_the_mainland_and_winds_rings():
    """A tiny island is dropped, the largest part kept, outer rings counter-clockwise and holes clockwise."""
    simplify = _simplify_module()
    square = [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]  # clockwise on purpose
    hole = [[0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8], [0.2, 0.2]]  # counter-clockwise on purpose
    islet = [[5, 5], [5, 5.01], [5.01, 5.01], [5.01, 5], [5, 5]]
    feature = {
        "type": "Feature",
        "properties": {"code": "99", "name": "가", "name_eng": "X"},
        "geometry": {"type": "MultiPolygon", "coordinates": [[square, hole], [islet]]},
    }
    out = simplify.simplify_feature(feature)
    polygons = out["geometry"]["coordinates"]
    assert len(polygons) == 1 and len(polygons[0]) == 2

    def signed(ring):
        return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))

    assert signed(polygons[0][0]) > 0 > signed(polygons[0][1])


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_region_names_in_hover_follow_the_language(lang):
    """Province names come from schema.REGIONS in the page language."""
    fig = draw(lang=lang)
    assert schema.REGIONS["39"][0 if lang == "ko" else 1] in province_traces(fig)["39"].text
