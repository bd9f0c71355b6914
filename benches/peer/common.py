"""What the peer scripts share: the map's inputs, projection, colours and
layout, so that matplotlib, Mapnik and QGIS draw the same picture.

Standard library only: each peer runs it under its own Python (the
matplotlib venv, or Debian's /usr/bin/python3 for Mapnik and QGIS).
"""

import argparse
import json
import os
import tomllib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
REGIONS = os.path.join(ROOT, "assets", "regions.geojson")
CONTEXT = os.path.join(ROOT, "assets", "context.geojson")
SCENARIO = os.path.join(ROOT, "assets", "scenario.toml")

# drawdown's projection: Lambert conformal conic, lon0 42, lat0 33.5,
# standard parallels 30 and 37 (src/geo/projection.rs), in km.
LCC = "+proj=lcc +lon_0=42 +lat_0=33.5 +lat_1=30 +lat_2=37 +R=6371000 +units=km +no_defs"
WGS84 = "+proj=longlat +datum=WGS84 +no_defs"

WIDTH, HEIGHT = 1920, 1080
SEA = "#d6e2ea"
LAND = "#e8e5df"
LAND_EDGE = "#b8b2a8"
BORDER = "#ffffff"
OUTLINE = "#222222"
INK = "#222222"
UNKNOWN = "#808080"

# Where the map sits in the picture, as fractions of the width and height
# from the left and the top: the same box as render.py's matplotlib axes
# ([0.3, 0.05, 0.68, 0.9] from the bottom), the left third for the title
# and legend.
MAP_BOX = (0.30, 0.05, 0.98, 0.95)
PAD = 0.05  # around the regions' bounds, as render.py

# Title block and legend, in pixels from the top-left corner, with pixel
# sizes equal to render.py's points at 100 dpi (30 pt = 42 px).
DATE_AT, DATE_PX = (0.02 * WIDTH, 0.07 * HEIGHT), 42
TRACK_AT, TRACK_PX = (0.02 * WIDTH, 0.115 * HEIGHT), 22
PHASE_AT, PHASE_PX = (0.02 * WIDTH, 0.15 * HEIGHT), 22
LEGEND_AT, LEGEND_PX, LEGEND_STEP = (0.02 * WIDTH, 0.2 * HEIGHT), 19, 34


def parse_args(description):
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--statuses", required=True, help="a JSON list of `drawdown status --json` outputs")
    ap.add_argument("--out", required=True, help="directory for frame-NNNN.png")
    ap.add_argument("--one", action="store_true", help="render only the first date")
    return ap.parse_args()


def load_scenario():
    with open(SCENARIO, "rb") as f:
        return tomllib.load(f)


def load_frames(path, one):
    with open(path) as f:
        frames = json.load(f)
    return frames[:1] if one else frames


def statuses(scenario):
    """The legend: (label, colour) of each status, in the scenario's order."""
    return [(s["label"], s["color"]) for s in scenario["statuses"]]


def colours(frame):
    """Region id → fill colour on the frame's date."""
    return {r["id"]: r["color"] for r in frame["regions"]}


def phase_title(scenario, track_id, date):
    track = next(t for t in scenario["tracks"] if t["id"] == track_id)
    for phase in track.get("phases", []):
        start = str(phase["from"])
        end = str(phase["to"]) if "to" in phase else "9999-12-31"
        if start <= date <= end:
            return track["name"], phase["title"]
    return track["name"], ""


def frame_path(out, i):
    return os.path.join(out, f"frame-{i:04}.png")


def picture_box(bounds):
    """The whole picture's box in projected units (minx, miny, maxx, maxy)
    such that `bounds` (the projected regions, padded by PAD) fits MAP_BOX
    with equal scales on both axes, centred, as matplotlib's equal aspect
    does: the same framing in every peer."""
    minx, miny, maxx, maxy = bounds
    pad_x, pad_y = (maxx - minx) * PAD, (maxy - miny) * PAD
    minx, maxx, miny, maxy = minx - pad_x, maxx + pad_x, miny - pad_y, maxy + pad_y
    left, top, right, bottom = MAP_BOX
    box_w, box_h = (right - left) * WIDTH, (bottom - top) * HEIGHT
    per_px = max((maxx - minx) / box_w, (maxy - miny) / box_h)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    # The box's centre in pixels, then the picture's edges from it.
    px, py = (left + right) / 2 * WIDTH, (top + bottom) / 2 * HEIGHT
    x0 = cx - px * per_px
    y1 = cy + py * per_px
    return x0, y1 - HEIGHT * per_px, x0 + WIDTH * per_px, y1
