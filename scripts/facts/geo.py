"""A representative point inside each province (for hubs.csv lat/lon): the point of its largest polygon farthest
from the edges."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np  # a pandas dependency; vectorises the interior-point search


def ring_area(ring: list[list[float]]) -> float:
    """Unsigned area of a closed ring (shoelace formula), in square degrees."""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def farthest_inside(rings: list[np.ndarray], xs: np.ndarray, ys: np.ndarray) -> tuple[float, float, float]:
    """(x, y, distance) of the grid point inside the polygon farthest from its edges (even-odd rule, holes count)."""
    a = np.concatenate(rings)
    b = np.concatenate([np.roll(r, -1, axis=0) for r in rings])
    (ax, ay), (bx, by) = a.T, b.T
    dx, dy = bx - ax, by - ay
    gx, gy = np.meshgrid(xs, ys)
    points = np.column_stack([gx.ravel(), gy.ravel()])
    best = (0.0, 0.0, -1.0)
    for chunk in np.array_split(points, max(1, len(points) // 1000)):  # bounded memory per step
        px, py = chunk[:, :1], chunk[:, 1:]
        with np.errstate(divide="ignore", invalid="ignore"):
            cross_x = ax + (py - ay) * dx / dy
        inside = (((ay > py) != (by > py)) & (px < cross_x)).sum(axis=1) % 2 == 1
        if not inside.any():
            continue
        px, py = px[inside], py[inside]
        t = np.clip(((px - ax) * dx + (py - ay) * dy) / np.maximum(dx * dx + dy * dy, 1e-18), 0, 1)
        distance = np.hypot(ax + t * dx - px, ay + t * dy - py).min(axis=1)
        i = int(np.argmax(distance))
        if distance[i] > best[2]:
            best = (float(px[i, 0]), float(py[i, 0]), float(distance[i]))
    return best


def interior_point(geometry: dict) -> tuple[float, float]:
    """The point of the province's largest polygon farthest from its edges (pole of inaccessibility, found on a
    0.02° grid and refined on a 0.002° grid): always inside and away from the border, so it reads as the province."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    rings = [np.asarray(r, dtype=float) for r in max(polygons, key=lambda p: ring_area(p[0]))]
    (x_min, y_min), (x_max, y_max) = rings[0].min(axis=0), rings[0].max(axis=0)
    x, y, _ = farthest_inside(rings, np.arange(x_min, x_max, 0.02), np.arange(y_min, y_max, 0.02))
    x, y, _ = farthest_inside(rings, np.arange(x - 0.03, x + 0.03, 0.002), np.arange(y - 0.03, y + 0.03, 0.002))
    return x, y


def province_points(geo_path: Path) -> dict[str, tuple[float, float]]:
    """KOSTAT province code -> (lon, lat) of a representative interior point."""
    return dict(_points_of(geo_path.read_text(encoding="utf-8")))


@cache
def _points_of(geojson: str) -> tuple[tuple[str, tuple[float, float]], ...]:
    """The search takes seconds: a process that imports more than once (the tests) does it once per file content."""
    geo = json.loads(geojson)
    return tuple((f["properties"]["code"], interior_point(f["geometry"])) for f in geo["features"])
