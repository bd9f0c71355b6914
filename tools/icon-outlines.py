#!/usr/bin/env python3
"""Prints the outlines of Iraq and Syria that src/icon.rs draws, as Rust
constants (ENDED_REGION = Iraq, ACTIVE_REGION = Syria), in the icon's
256-unit design square.

Each country's outline is dissolved from assets/regions.geojson (the edges
only one of its governorates uses, plus the border the two countries share),
projected equirectangularly at 33°N, simplified with Douglas–Peucker and
fitted into the box. The shared border is simplified once and used by both,
so the two shapes meet without a gap. Standard library only.

  python3 tools/icon-outlines.py [--tolerance-deg 0.12] [--box 18 22 238 200]

Paste the output over the two constants in src/icon.rs, then regenerate
assets/drawdown.png (tools/README.md).
"""

import argparse
import json
import math
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
LAT0_DEG = 33.0


def point_key(p):
    return (round(p[0], 5), round(p[1], 5))


def country_edges(features):
    """Undirected edge -> the countries of the features whose outer rings use it."""
    edges = {}
    for feature in features:
        country = feature["properties"]["country"]
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            ring = polygon[0]
            for a, b in zip(ring, ring[1:]):
                a, b = point_key(a), point_key(b)
                if a != b:
                    edges.setdefault((min(a, b), max(a, b)), []).append(country)
    return edges


def adjacency(edges):
    adj = {}
    for a, b in edges:
        adj.setdefault(a, []).append(b)
        adj.setdefault(b, []).append(a)
    return adj


def walk(adj, start, stop=None):
    """The chain from start, following unvisited neighbours, to stop (or back to start)."""
    out, prev, cur = [start], None, start
    while True:
        nexts = [n for n in adj[cur] if n != prev]
        if not nexts or nexts[0] == start:
            return out
        prev, cur = cur, nexts[0]
        out.append(cur)
        if cur == stop:
            return out


def project(p):
    return (p[0] * math.cos(math.radians(LAT0_DEG)), -p[1])


def simplify(points, tolerance):
    """Douglas–Peucker in projected degrees; keeps both ends."""
    if len(points) < 3:
        return points
    (ax, ay), (bx, by) = project(points[0]), project(points[-1])
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy) or 1e-12
    worst, worst_i = -1.0, 0
    for i, p in enumerate(points[1:-1], 1):
        px, py = project(p)
        distance = abs(dx * (ay - py) - (ax - px) * dy) / length
        if distance > worst:
            worst, worst_i = distance, i
    if worst <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: worst_i + 1], tolerance)[:-1] + simplify(points[worst_i:], tolerance)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tolerance-deg", type=float, default=0.12)
    ap.add_argument("--box", type=float, nargs=4, default=[18.0, 22.0, 238.0, 200.0])
    args = ap.parse_args()

    with open(os.path.join(ROOT, "assets", "regions.geojson"), encoding="utf-8") as f:
        edges = country_edges(json.load(f)["features"])
    shared = [e for e, users in edges.items() if sorted(set(users)) == ["IRQ", "SYR"]]
    shared_adj = adjacency(shared)
    ends = [p for p, n in shared_adj.items() if len(n) == 1]
    assert len(ends) == 2, f"the Iraq–Syria border should be one chain, has ends {ends}"
    border = walk(shared_adj, ends[0], ends[1])
    border_s = simplify(border, args.tolerance_deg)
    on_border = set(border)

    outlines = {}
    for country in ("IRQ", "SYR"):
        adj = adjacency([e for e, users in edges.items() if users == [country]] + shared)
        assert all(len(n) == 2 for n in adj.values()), f"{country}: the outline is not one loop"
        loop = walk(adj, ends[0])
        i = loop.index(ends[1])
        arcs = (loop[: i + 1], loop[i:] + [loop[0]])
        # The arc that is not the shared border, simplified, then the border back.
        arc = min(arcs, key=lambda a: sum(p in on_border for p in a))
        arc_s = simplify(arc, args.tolerance_deg)
        back = border_s if arc_s[-1] == border_s[0] else list(reversed(border_s))
        outlines[country] = arc_s[:-1] + back[:-1]

    projected = [project(p) for outline in outlines.values() for p in outline]
    min_x, max_x = min(p[0] for p in projected), max(p[0] for p in projected)
    min_y, max_y = min(p[1] for p in projected), max(p[1] for p in projected)
    x0, y0, x1, y1 = args.box
    scale = min((x1 - x0) / (max_x - min_x), (y1 - y0) / (max_y - min_y))
    offset_x = x0 + ((x1 - x0) - (max_x - min_x) * scale) / 2

    for name, country in (("ENDED_REGION", "IRQ"), ("ACTIVE_REGION", "SYR")):
        points = []
        for p in outlines[country]:
            x, y = project(p)
            points.append((round(offset_x + (x - min_x) * scale, 1), round(y0 + (y - min_y) * scale, 1)))
        print(f"const {name}: [[f32; 2]; {len(points)}] = [")
        for x, y in points:
            print(f"    [{x:.1f}, {y:.1f}],")
        print("];")


if __name__ == "__main__":
    main()
