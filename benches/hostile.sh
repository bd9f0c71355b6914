#!/usr/bin/env bash
# Hostile inputs: how long `drawdown check` takes on each, and its peak
# memory. Every input is generated here (python3) into a temporary
# directory, never committed.
#
#   bash benches/hostile.sh              # every case
#   bash benches/hostile.sh holes_5000   # only the named cases
#
# DRAWDOWN_BIN: the binary to time (default: build target/release/drawdown
# once); HOSTILE_TIMEOUT: seconds before a case is stopped (default 120).
#
# To add a case: write a function `case_<name>` that generates its input
# under "$WORK" and calls `row "<label>" <check arguments>`, then add
# <name> to CASES.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z ${DRAWDOWN_BIN:-} ]]; then
    cargo build --release --quiet
fi
BIN=${DRAWDOWN_BIN:-target/release/drawdown}
TIMEOUT=${HOSTILE_TIMEOUT:-120}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

CASES=(
    holes_1000 holes_1001 holes_3000 holes_5000 holes_20000
    holes_1000_round holes_200_round nested_holes_1000 islands_100000
)

# row LABEL ARGS...: runs `drawdown check ARGS...` and prints one table row:
# exit code, wall time, peak RSS, and the start of the first stderr line.
row() {
    local label=$1
    shift
    local code=0
    /usr/bin/time -f '%e s %M KiB' -o "$WORK/time" \
        timeout "$TIMEOUT" "$BIN" check "$@" >/dev/null 2>"$WORK/stderr" || code=$?
    local measured
    measured=$(tail -n 1 "$WORK/time")
    local said
    said=$(grep -m 1 'error:' "$WORK/stderr" | sed -e "s|$WORK/||g" -e 's/^drawdown: error: //' | cut -c 1-120 || true)
    [[ $code == 124 ]] && said="(stopped after ${TIMEOUT} s)"
    printf '| %-34s | %4s | %9s | %11s | %s\n' "$label" "$code" "${measured%% s *} s" \
        "${measured#* s }" "${said:-ok}"
}

# holes_geojson N FILE [VERTICES]: the issue's reproduction, one square
# over lon 40-50, lat 30-40 with N holes on a grid, each a square (or a
# polygon of VERTICES positions).
holes_geojson() {
    python3 - "$1" "$2" "${3:-4}" <<'EOF'
import json, math, sys
n, out, vertices = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
side = math.ceil(math.sqrt(n)) or 1
# Half a degree from the edges: projected, the square's bottom edge is a
# chord that runs inside the lat-30 parallel, and holes there would poke out.
step = 9.0 / side
rings = [[[40, 30], [50, 30], [50, 40], [40, 40], [40, 30]]]
for k in range(n):
    cx, cy = 40.5 + (k % side + 0.5) * step, 30.5 + (k // side + 0.5) * step
    r = step / 4
    ring = [[cx + r * math.cos(-2 * math.pi * i / vertices + math.pi / 4),
             cy + r * math.sin(-2 * math.pi * i / vertices + math.pi / 4)] for i in range(vertices)]
    rings.append(ring + [ring[0]])
feature = {"type": "Feature", "properties": {"region": "federal_iraq", "name": "Holes"},
           "geometry": {"type": "Polygon", "coordinates": rings}}
json.dump({"type": "FeatureCollection", "features": [feature]}, open(out, "w"))
EOF
}

holes_case() {
    local n=$1 label=$2 vertices=${3:-4}
    local file="$WORK/holes_${n}_${vertices}.geojson"
    holes_geojson "$n" "$file" "$vertices"
    row "$label" --regions "$file"
}

case_holes_1000() { holes_case 1000 "1,000 square holes (the cap)"; }
case_holes_1001() { holes_case 1001 "1,001 square holes"; }
case_holes_3000() { holes_case 3000 "3,000 square holes"; }
case_holes_5000() { holes_case 5000 "5,000 square holes"; }
case_holes_20000() { holes_case 20000 "20,000 square holes"; }
case_holes_1000_round() { holes_case 1000 "1,000 holes of 100 positions" 100; }
case_holes_200_round() { holes_case 200 "200 holes of 100 positions" 100; }

# Holes in holes: 1,000 concentric squares, every one inside the last.
case_nested_holes_1000() {
    local file="$WORK/nested.geojson"
    python3 - "$file" <<'EOF'
import json, sys
rings = [[[40, 30], [50, 30], [50, 40], [40, 40], [40, 30]]]
for k in range(1000):
    d = 0.001 + k * 0.004
    rings.append([[41 + d, 31 + d], [41 + d, 39 - d], [49 - d, 39 - d], [49 - d, 31 + d], [41 + d, 31 + d]])
feature = {"type": "Feature", "properties": {"region": "federal_iraq", "name": "Nested"},
           "geometry": {"type": "Polygon", "coordinates": rings}}
json.dump({"type": "FeatureCollection", "features": [feature]}, open(sys.argv[1], "w"))
EOF
    row "1,000 nested holes" --regions "$file"
}

# A MultiPolygon of 100,000 small square islands on a grid.
case_islands_100000() {
    local file="$WORK/islands.geojson"
    python3 - "$file" <<'EOF'
import json, sys
parts = []
for k in range(100000):
    x, y = 40 + (k % 316) * 0.03, 30 + (k // 316) * 0.03
    parts.append([[[x, y], [x + 0.02, y], [x + 0.02, y + 0.02], [x, y + 0.02], [x, y]]])
feature = {"type": "Feature", "properties": {"region": "federal_iraq", "name": "Islands"},
           "geometry": {"type": "MultiPolygon", "coordinates": parts}}
json.dump({"type": "FeatureCollection", "features": [feature]}, open(sys.argv[1], "w"))
EOF
    row "100,000 islands in one MultiPolygon" --regions "$file"
}

selected=("$@")
[[ ${#selected[@]} -gt 0 ]] || selected=("${CASES[@]}")
printf '| %-34s | %4s | %9s | %11s | %s\n' "input" "exit" "time" "peak RSS" "first message"
printf '| %-34s | %4s | %9s | %11s | %s\n' "---" "---" "---" "---" "---"
for name in "${selected[@]}"; do
    "case_$name"
done
