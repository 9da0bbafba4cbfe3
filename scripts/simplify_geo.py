"""Regenerate assets/korea_provinces_2018.geojson: the shared province boundaries, simplified for a small figure.

Usage: `python scripts/simplify_geo.py [SOURCE] [TARGET]` (defaults: ../shared/geo/korea_provinces_2018.geojson,
assets/korea_provinces_2018.geojson). The app reads only the target, so it never depends on ../shared at run time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "geo" / "korea_provinces_2018.geojson"
TARGET = ROOT / "assets" / "korea_provinces_2018.geojson"

TOLERANCE = 0.01  # degrees (~1 km): under a pixel at the size the map is drawn
# Islands smaller than this (in square degrees, ~20 km²) vanish at map size; Jeju, Ulleung (~0.007) and
# Gadeok (~0.0025) stay.
MIN_AREA = 0.002
# Dokdo is far below MIN_AREA but belongs on a map of Korea: kept, simplified at a finer tolerance.
ALWAYS_KEEP = ((131.8, 37.2, 131.9, 37.3),)  # (lon_min, lat_min, lon_max, lat_max)
DECIMALS = 3


def douglas_peucker(points: np.ndarray, tolerance: float) -> np.ndarray:
    """The points of an open polyline kept by Douglas–Peucker (iterative, so long coasts do not recurse deeply)."""
    keep = np.zeros(len(points), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        start, end = points[first], points[last]
        segment = end - start
        inner = points[first + 1 : last]
        length = np.hypot(*segment)
        if length == 0:
            distances = np.hypot(*(inner - start).T)
        else:
            distances = np.abs(segment[0] * (inner[:, 1] - start[1]) - segment[1] * (inner[:, 0] - start[0])) / length
        index = int(np.argmax(distances))
        if distances[index] > tolerance:
            split = first + 1 + index
            keep[split] = True
            stack.append((first, split))
            stack.append((split, last))
    return points[keep]


def simplify_ring(ring: list[list[float]], tolerance: float) -> list[list[float]] | None:
    """A closed ring simplified; split at its farthest point so both halves keep the ring's extent."""
    points = np.asarray(ring, dtype=float)
    if len(points) > 1 and np.array_equal(points[0], points[-1]):
        points = points[:-1]
    if len(points) < 3:
        return None
    far = int(np.argmax(np.hypot(*(points - points[0]).T)))
    first = douglas_peucker(points[: far + 1], tolerance)
    second = douglas_peucker(np.vstack([points[far:], points[:1]]), tolerance)
    kept = np.vstack([first, second[1:]])
    kept = np.round(kept, DECIMALS)
    # Rounding can make neighbours equal: drop repeats so the ring has no zero-length edges.
    kept = kept[np.r_[True, np.any(np.diff(kept, axis=0) != 0, axis=1)]]
    if len(kept) < 4:  # with the closing point a ring needs 4 positions
        return None
    return kept.tolist()


def ring_area(ring) -> float:
    """Unsigned planar area (shoelace) in square degrees: enough to rank and drop tiny islands."""
    points = np.asarray(ring, dtype=float)
    x, y = points[:, 0], points[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


def _always_kept(ring) -> bool:
    points = np.asarray(ring, dtype=float)
    return any(
        box[0] <= points[:, 0].min()
        and points[:, 0].max() <= box[2]
        and box[1] <= points[:, 1].min()
        and points[:, 1].max() <= box[3]
        for box in ALWAYS_KEEP
    )


def _oriented(ring: list[list[float]], *, counter_clockwise: bool) -> list[list[float]]:
    """The ring closed and wound as RFC 7946 asks (outer counter-clockwise, holes clockwise).

    The winding matters: drawn as one SVG path with the nonzero fill rule, a clockwise hole stays unfilled.
    """
    points = np.asarray(ring, dtype=float)
    x, y = points[:, 0], points[:, 1]
    signed = float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    ordered = ring if (signed > 0) == counter_clockwise else ring[::-1]
    return [*ordered, ordered[0]]


def simplify_feature(feature: dict, tolerance: float = TOLERANCE, min_area: float = MIN_AREA) -> dict:
    """One province as a MultiPolygon: tiny islands and holes dropped, the largest part and Dokdo always kept."""
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    largest = max(range(len(polygons)), key=lambda i: ring_area(polygons[i][0]))
    parts = []
    for i, polygon in enumerate(polygons):
        keep = i == largest or _always_kept(polygon[0])
        if not keep and ring_area(polygon[0]) < min_area:
            continue
        outer = simplify_ring(polygon[0], tolerance)
        if outer is None and keep:
            outer = simplify_ring(polygon[0], tolerance / 20)
        if outer is None:
            continue
        # Large holes stay (Jeonnam around Gwangju): the map must not paint Jeonnam over Gwangju.
        holes = [simplify_ring(r, tolerance) for r in polygon[1:] if ring_area(r) >= min_area]
        rings = [_oriented(outer, counter_clockwise=True)]
        rings += [_oriented(h, counter_clockwise=False) for h in holes if h is not None]
        parts.append(rings)
    props = feature["properties"]
    return {
        "type": "Feature",
        "properties": {"code": props["code"], "name": props["name"], "name_eng": props["name_eng"]},
        "geometry": {"type": "MultiPolygon", "coordinates": parts},
    }


def main(source: Path = SOURCE, target: Path = TARGET) -> int:
    collection = json.loads(Path(source).read_text(encoding="utf-8"))
    features = [simplify_feature(f) for f in collection["features"]]
    features.sort(key=lambda f: f["properties"]["code"])
    out = {"type": "FeatureCollection", "features": features}
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(text + "\n", encoding="utf-8")
    parts = sum(len(f["geometry"]["coordinates"]) for f in features)
    print(f"{target}: {len(features)} provinces, {parts} polygons, {len(text.encode()) / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(Path(a) for a in sys.argv[1:3])))
