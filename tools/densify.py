#!/usr/bin/env python3
"""Writes a regions GeoJSON with about N vertices (default 1,000,000) by
densifying the real boundaries of assets/regions.geojson: the scale test
(load, check and frame times on a file as large as a user's full-resolution
boundaries might be).

Points are inserted along every edge, evenly spaced, with a small
deterministic wiggle across the edge (so that simplification has real work
to do, as it would on full-resolution boundaries). The inserted points
depend only on the edge's two endpoints, taken in a canonical order, so a
boundary shared by two neighbours gets exactly the same points in both
(reversed in one of them): neighbours stay watertight and the dissolved
region outlines still work. Original vertices are kept. The wiggle is at
most 4% of the edge's length and tapers to zero at both ends, so rings
stay simple. Standard library only.

  python3 tools/densify.py [--vertices 1000000] [--out big.geojson]
"""

import argparse
import json
import math
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def rings_of(geometry):
    if geometry["type"] == "Polygon":
        return [ring for ring in geometry["coordinates"]]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def edge_points(a, b, spacing):
    """Points strictly between a and b, in the direction a → b."""
    flip = tuple(a) > tuple(b)
    p, q = (b, a) if flip else (a, b)
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = math.hypot(dx, dy)
    k = int(length / spacing)
    if k < 1:
        return []
    nx, ny = (-dy / length, dx / length) if length > 0 else (0.0, 0.0)
    amp = 0.04 * length / max(1, (k + 1) / 8)
    pts = []
    for i in range(1, k + 1):
        t = i / (k + 1)
        w = amp * math.sin(math.pi * t) * math.sin(math.pi * t * 8)
        pts.append([p[0] + dx * t + nx * w, p[1] + dy * t + ny * w])
    if flip:
        pts.reverse()
    return pts


def densify_ring(ring, spacing):
    closed = ring[0] == ring[-1]
    pts = ring[:-1] if closed else ring
    out = []
    for i, a in enumerate(pts):
        b = pts[(i + 1) % len(pts)]
        out.append(a)
        if i + 1 < len(pts) or closed:
            out.extend(edge_points(a, b, spacing))
    if closed:
        out.append(out[0])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vertices", type=int, default=1_000_000)
    ap.add_argument("--input", default=os.path.join(ROOT, "assets", "regions.geojson"))
    ap.add_argument("--out", default="big.geojson")
    args = ap.parse_args()
    with open(args.input) as f:
        data = json.load(f)

    count, length = 0, 0.0
    for feature in data["features"]:
        for ring in rings_of(feature["geometry"]):
            count += len(ring)
            length += sum(math.dist(ring[i], ring[i + 1]) for i in range(len(ring) - 1))
    spacing = length / max(1, args.vertices - count)

    total = 0
    for feature in data["features"]:
        g = feature["geometry"]
        if g["type"] == "Polygon":
            g["coordinates"] = [densify_ring(r, spacing) for r in g["coordinates"]]
        else:
            g["coordinates"] = [[densify_ring(r, spacing) for r in poly] for poly in g["coordinates"]]
        total += sum(len(r) for r in rings_of(g))
    with open(args.out, "w") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        f.write(",\n".join(json.dumps(feat, separators=(",", ":")) for feat in data["features"]))
        f.write("\n]}\n")
    print(f"{args.out}: {len(data['features'])} features, {total} vertices (from {count})")


if __name__ == "__main__":
    main()
