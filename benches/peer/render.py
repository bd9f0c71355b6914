#!/usr/bin/env python3
"""The matplotlib peer: what an analyst would script instead of drawdown.

Renders the same map with geopandas + matplotlib: the same regions GeoJSON
and context GeoJSON, projected with the same Lambert conformal conic
(lon0 42, lat0 33.5, standard parallels 30 and 37), regions filled with
their status colour on the date, region borders, a title with the date,
track and phase, a legend of the statuses, 1920x1080 PNG.

Statuses per date come from `drawdown status --json` (run.sh precomputes
them into statuses.json outside the timing, which favours the peer);
phase titles and status labels come from the scenario TOML (tomllib).

  render.py --statuses statuses.json --out DIR [--one]
"""

import argparse
import json
import os
import sys
import tomllib

import matplotlib

from common import LCC, ROOT, phase_title

matplotlib.use("Agg")
import geopandas as gpd  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--statuses", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--one", action="store_true", help="render only the first date")
    args = ap.parse_args()

    with open(os.path.join(ROOT, "assets", "scenario.toml"), "rb") as f:
        scenario = tomllib.load(f)
    with open(args.statuses) as f:
        frames = json.load(f)
    if args.one:
        frames = frames[:1]

    regions = gpd.read_file(os.path.join(ROOT, "assets", "regions.geojson")).to_crs(LCC)
    context = gpd.read_file(os.path.join(ROOT, "assets", "context.geojson")).to_crs(LCC)
    outlines = regions.dissolve(by="region")
    bounds = regions.total_bounds
    statuses = [(s["label"], s["color"]) for s in scenario["statuses"]]

    os.makedirs(args.out, exist_ok=True)
    for i, frame in enumerate(frames):
        colours = {r["id"]: r["color"] for r in frame["regions"]}
        fig = plt.figure(figsize=(19.2, 10.8), dpi=100)
        ax = fig.add_axes([0.3, 0.05, 0.68, 0.9])
        ax.set_facecolor("#d6e2ea")
        fig.patch.set_facecolor("#d6e2ea")
        context.plot(ax=ax, color="#e8e5df", edgecolor="#b8b2a8", linewidth=0.6)
        regions.plot(
            ax=ax,
            color=[colours.get(r, "#808080") for r in regions["region"]],
            edgecolor="#ffffff",
            linewidth=0.6,
        )
        outlines.boundary.plot(ax=ax, color="#222222", linewidth=2.0)
        pad_x = (bounds[2] - bounds[0]) * 0.05
        pad_y = (bounds[3] - bounds[1]) * 0.05
        ax.set_xlim(bounds[0] - pad_x, bounds[2] + pad_x)
        ax.set_ylim(bounds[1] - pad_y, bounds[3] + pad_y)
        ax.set_aspect("equal")
        ax.set_axis_off()
        track, phase = phase_title(scenario, frame["track"], frame["date"])
        fig.text(0.02, 0.93, frame["date"], fontsize=30, weight="bold")
        fig.text(0.02, 0.885, track, fontsize=16)
        fig.text(0.02, 0.85, phase, fontsize=16, wrap=True)
        fig.legend(
            handles=[Patch(facecolor=c, edgecolor="#444444", label=l) for l, c in statuses],
            loc="upper left",
            bbox_to_anchor=(0.02, 0.8),
            fontsize=14,
            frameon=False,
        )
        fig.savefig(os.path.join(args.out, f"frame-{i:04}.png"), dpi=100)
        plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main())
