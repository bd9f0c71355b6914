#!/usr/bin/env bash
# Hostile text and size: time and peak memory of whole commands on
# generated inputs (issue 12, points 3, 4 and 6). One function a case;
# each prints its wall time, peak RSS (GNU /usr/bin/time) and exit code,
# and what the case is about (bytes on stderr, lines printed). Inputs are
# generated with python3 into a temporary directory, never committed.
#
#   bash benches/hostile-text.sh [CASE...]     # default: every case
#
# Cases: huge_name many_errors control_chars big_scenario over_cap_scenario
#        places_10k (9,975 more, just under the cap) places_100k. DRAWDOWN_BIN names another binary (e.g. an
# older build, for before/after figures); BIG_SCENARIO_MB (default 60) is
# the size of the over-cap scenario.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${DRAWDOWN_BIN:-target/release/drawdown}
if [ -z "${DRAWDOWN_BIN:-}" ]; then
    cargo build --release --quiet
fi
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

run() { # name, command...: time, peak RSS, exit code, stderr size and lines
    local name=$1
    shift
    local start end rc=0
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
    end=$(date +%s%N)
    printf '%-34s %8.2f s  peak %8s KiB  exit %s  stderr %s bytes, %s lines\n' \
        "$name" "$(echo "($end - $start) / 1000000000" | bc -l)" "$(tail -1 "$WORK/rss")" "$rc" \
        "$(wc -c <"$WORK/err")" "$(wc -l <"$WORK/err")"
}

# One regions feature named with 10 MB of text and no "region": the error
# line quotes the name.
huge_name() {
    python3 - "$WORK/huge_name.geojson" <<'EOF'
import json, sys
square = {"type": "Polygon", "coordinates": [[[44, 33], [45, 33], [45, 34], [44, 34], [44, 33]]]}
feature = {"type": "Feature", "properties": {"name": "A" * 10_000_000}, "geometry": square}
json.dump({"type": "FeatureCollection", "features": [feature]}, open(sys.argv[1], "w"))
EOF
    run "check: 10 MB feature name" "$BIN" check --regions "$WORK/huge_name.geojson"
}

# 250 features without "region" (what an admin-1 file dropped as it is
# gives): 250 errors.
many_errors() {
    python3 - "$WORK/many_errors.geojson" <<'EOF'
import json, sys
square = {"type": "Polygon", "coordinates": [[[44, 33], [45, 33], [45, 34], [44, 34], [44, 33]]]}
features = [{"type": "Feature", "properties": {"name": f"District {i}"}, "geometry": square} for i in range(250)]
json.dump({"type": "FeatureCollection", "features": features}, open(sys.argv[1], "w"))
EOF
    run "check: 250 errors" "$BIN" check --regions "$WORK/many_errors.geojson"
    echo "    last line: $(tail -1 "$WORK/err")"
}

# A place name with a terminal escape and a bidi override, printed by
# `check` (an unknown region) and by `status`.
control_chars() {
    python3 - assets/scenario.toml "$WORK/controls.toml" <<'EOF'
import sys
text = open(sys.argv[1]).read()
text = text.replace('name = "Ain al-Asad Air Base"', 'name = "Ain\\u001b[2J\\u202eesaB"', 1)
text = text.replace('region = "federal_iraq"\napproximate', 'region = "fed\\u001bral"\napproximate', 1)
open(sys.argv[2], "w").write(text)
EOF
    run "check: ESC in a reference" "$BIN" check --scenario "$WORK/controls.toml"
    echo "    raw ESC bytes on stderr: $(tr -cd '\033' <"$WORK/err" | wc -c)"
}

# The shipped scenario with milestones appended up to a size (MB).
scenario_of_size() { # out, megabytes
    python3 - assets/scenario.toml "$1" "$2" <<'EOF'
import sys
base, out, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
text = open(base).read()
target = int(mb * 1024 * 1024)
parts, size, i = [text], len(text), 0
while True:
    entry = f'\n[[milestones]]\ndate = 2020-01-{1 + i % 28:02}\ntitle = "M{i}"\nsource = "S"\n'
    if size + len(entry) > target:
        break
    parts.append(entry)
    size += len(entry)
    i += 1
open(out, "w").write("".join(parts))
EOF
}

# Just under the scenario size cap (16 MiB), small entries: the most the
# parser can be asked to hold (refused after parsing by the milestone cap).
big_scenario() {
    scenario_of_size "$WORK/big.toml" 15.9
    run "check: 15.9 MiB scenario" "$BIN" check --scenario "$WORK/big.toml"
    echo "    $(head -c 200 "$WORK/err" | head -1)"
}

# Over the size cap (refused before reading; before the cap, parsed whole).
over_cap_scenario() {
    scenario_of_size "$WORK/huge.toml" "${BIG_SCENARIO_MB:-60}"
    run "check: ${BIG_SCENARIO_MB:-60} MiB scenario" "$BIN" check --scenario "$WORK/huge.toml"
    echo "    $(head -c 200 "$WORK/err" | head -1)"
}

# The shipped scenario with N cities on the map: label placement.
places() { # count
    python3 - assets/scenario.toml "$WORK/places.toml" "$1" <<'EOF'
import sys
base, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
parts = [open(base).read()]
side = int(n ** 0.5) + 1
for i in range(n):
    lat = 30.0 + 7.0 * (i // side) / side
    lon = 39.0 + 9.0 * (i % side) / side
    parts.append(f'\n[[places]]\nid = "p{i}"\nname = "Place {i}"\nkind = "city"\nlat = {lat:.4f}\nlon = {lon:.4f}\n')
open(out, "w").write("".join(parts))
EOF
    run "export: $1 places" "$BIN" export --scenario "$WORK/places.toml" --date 2025-10-01 \
        --out "$WORK/places.png" --force
}
places_10k() { places 9975; } # with the shipped 22: just under the cap
places_100k() { places 100000; }

CASES=("$@")
[ ${#CASES[@]} -gt 0 ] || CASES=(huge_name many_errors control_chars big_scenario over_cap_scenario places_10k places_100k)
echo "binary: $BIN"
for case in "${CASES[@]}"; do
    "$case"
done
