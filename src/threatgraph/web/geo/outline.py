"""The vendored world outline (Natural Earth 1:110m, public domain): country rings and their centroids.

Built by ``scripts/build-world-outline``; coordinates are [lon, lat] at 0.1°, enough for a map that shows
where an actor is active, and small enough (~140 KB) to ship with the package.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

OUTLINE = Path(__file__).with_name("countries-110m.json")

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Country:
    """One country of the outline: ISO 3166-1 numeric code, Natural Earth's name, its rings."""

    numeric: int
    name: str
    rings: tuple[Ring, ...]

    def bbox(self) -> tuple[float, float, float, float]:
        xs = [x for r in self.rings for x, _ in r]
        ys = [y for r in self.rings for _, y in r]
        return min(xs), min(ys), max(xs), max(ys)

    def centroid(self) -> tuple[float, float]:
        """Area-weighted centroid of the largest ring (the mainland, not the overseas islands)."""
        ring = unwrapped(max(self.rings, key=lambda r: abs(_area(unwrapped(r)))))
        a = _area(ring)
        if abs(a) < 1e-9:
            xs, ys = zip(*ring, strict=True)
            return sum(xs) / len(xs), sum(ys) / len(ys)
        cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        return _wrap(cx / (6 * a)), cy / (6 * a)


def unwrapped(ring: Ring) -> Ring:
    """A ring that crosses the antimeridian (Russia, Fiji) with its western part moved east of 180°."""
    xs = [x for x, _ in ring]
    if max(xs) - min(xs) <= 300:
        return ring
    return [(x + 360 if x < 0 else x, y) for x, y in ring]


def _wrap(lon: float) -> float:
    return (lon + 180) % 360 - 180


def _area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


@cache
def countries() -> tuple[Country, ...]:
    data = json.loads(OUTLINE.read_text(encoding="utf-8"))
    out = []
    for c in data["countries"]:
        numeric = int(c["id"]) if str(c.get("id") or "").isdigit() else -1
        out.append(Country(numeric, c["name"], tuple([tuple(p) for p in r] for r in c["rings"])))  # type: ignore[misc]
    return tuple(out)


@cache
def by_numeric() -> dict[int, Country]:
    return {c.numeric: c for c in countries() if c.numeric >= 0}
