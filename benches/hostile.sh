#!/usr/bin/env bash
# Hostile inputs: how long `drawdown check` takes on each, and its peak
# memory. Every input is generated here (python3) into a temporary
# directory, never committed.
#
#   bash benches/hostile.sh              # every case
#   bash benches/hostile.sh holes_5000   # only the named cases
#
# DRAWDOWN_BIN: the binary to time (default: build target/release/drawdown
# once); HOSTILE_TIMEOUT: seconds before a case is stopped (default 120;
# the export cases below get HOSTILE_BIG_TIMEOUT, default 900).
#
# The export cases (issue 22) measure whole exports rather than `check`:
#   workers_16k_1, _2, _4  peak memory of a 4-frame 16384x16384 sequence
#       with 1, 2 and 4 workers (RAYON_NUM_THREADS, and --jobs when the
#       binary has it); the row quotes what the binary says about workers.
#       Every export case runs under `ulimit -v` HOSTILE_MEM_CAP_MIB
#       (default: half the memory available when it starts), so that a
#       run that would take the machine down stops instead ("over the cap").
#   mp4_30, mp4_2000  peak memory of an MP4 of 30 and of 2,000 daily frames
#       (HOSTILE_MP4_SIZE, default 1280x720; HOSTILE_MP4_FPS, default 1:
#       at a low rate each frame takes more bytes)
#   book_cancel  a 400-page PDF book sent SIGINT after HOSTILE_CANCEL_AFTER
#       seconds of CPU (default 1): time from the signal to the exit, and
#       whether anything was left behind
#
# To add a case: write a function `case_<name>` that generates its input
# under "$WORK" and calls `row "<label>" <check arguments>` (or, for any
# command, `run <timeout> <command...>` then `print_row "<label>" "<message>"`),
# then add <name> to CASES.
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
    workers_16k_1 workers_16k_2 workers_16k_4 mp4_30 mp4_2000 book_cancel
)
BIG_TIMEOUT=${HOSTILE_BIG_TIMEOUT:-900}
MEM_CAP_MIB=${HOSTILE_MEM_CAP_MIB:-$(awk '/^MemAvailable:/ { printf "%d", $2 / 1024 / 2 }' /proc/meminfo)}

# row LABEL ARGS...: runs `drawdown check ARGS...` and prints one table row:
# exit code, wall time, peak RSS, and the start of the first stderr line.
row() {
    local label=$1
    shift
    run "$TIMEOUT" "$BIN" check "$@"
    print_row "$label" "$SAID"
}

# run TIMEOUT COMMAND...: runs any command, sets CODE, MEASURED ("<s> s <KiB>
# KiB") and SAID (the start of its first error, or why it stopped); its
# output stays in $WORK/stdout and $WORK/stderr.
run() {
    local limit=$1
    shift
    CODE=0
    /usr/bin/time -f '%e s %M KiB' -o "$WORK/time" \
        timeout "$limit" "$@" >"$WORK/stdout" 2>"$WORK/stderr" || CODE=$?
    MEASURED=$(tail -n 1 "$WORK/time")
    SAID=$(grep -m 1 'error:' "$WORK/stderr" | sed -e "s|$WORK/||g" -e 's/^drawdown: error: //' | cut -c 1-120 || true)
    [[ $CODE == 124 ]] && SAID="(stopped after ${limit} s)"
    return 0
}

print_row() { # label, message
    printf '| %-34s | %4s | %9s | %11s | %s\n' "$1" "$CODE" "${MEASURED%% s *} s" \
        "${MEASURED#* s }" "${2:-ok}"
}

# "${CAPPED[@]}" COMMAND...: the command under `ulimit -v` of MEM_CAP_MIB,
# so that a run that would exhaust the machine's memory fails alone.
CAPPED=(bash -c 'ulimit -v "$0" && exec "$@"' "$((MEM_CAP_MIB * 1024))")

thousands() { echo "$1" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'; }

over_cap() { # the message when the last run hit the cap, else nothing
    if grep -q -i 'memory allocation\|out of memory\|cannot allocate' "$WORK/stderr"; then
        echo "over the cap of $MEM_CAP_MIB MiB (ulimit -v)"
    fi
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

# Issue 22, point 2: pixels in flight. Four weekly frames at 16384x16384
# (1 GiB of RGBA a frame) with N workers. The sequence's workers are
# rayon's global pool, sized by RAYON_NUM_THREADS; a binary with a --jobs
# option gets it as well. A binary that bounds its workers by a memory
# budget may use fewer than asked: the row quotes any line it prints about
# workers.
workers_case() { # N
    local n=$1 jobs=()
    if "$BIN" export --help 2>/dev/null | grep -q -- '--jobs'; then
        jobs=(--jobs "$n")
    fi
    rm -rf "$WORK/frames16k"
    run "$BIG_TIMEOUT" "${CAPPED[@]}" env RAYON_NUM_THREADS="$n" \
        "$BIN" export --from 2025-10-01 --to 2025-10-22 --step 1w --size 16384x16384 \
        --out-dir "$WORK/frames16k" --force "${jobs[@]}"
    local workers
    workers=$(grep -h -i -m 1 'worker' "$WORK/stdout" "$WORK/stderr" | sed "s|$WORK/||g" | cut -c 1-100 || true)
    [[ -n $workers ]] ||
        workers="asked for $n (RAYON_NUM_THREADS${jobs:+, --jobs}); the binary says nothing of its workers"
    local cap
    cap=$(over_cap)
    print_row "16384x16384, 4 frames, $n worker(s)" "${cap:+$cap; }$workers${SAID:+; $SAID}"
    rm -rf "$WORK/frames16k"
}
case_workers_16k_1() { workers_case 1; }
case_workers_16k_2() { workers_case 2; }
case_workers_16k_4() { workers_case 4; }

# Issue 22, point 3: MP4 memory against length. Daily frames from
# 2020-01-01: 30 end on 2020-01-30, 2,000 on 2025-06-22.
mp4_case() { # frames, last date
    local size=${HOSTILE_MP4_SIZE:-1280x720} fps=${HOSTILE_MP4_FPS:-1}
    rm -f "$WORK/long.mp4"
    run "$BIG_TIMEOUT" "${CAPPED[@]}" "$BIN" export --from 2020-01-01 --to "$2" --step 1d --size "$size" --fps "$fps" \
        --mp4 "$WORK/long.mp4" --force
    local bytes=0
    [[ -f $WORK/long.mp4 ]] && bytes=$(stat -c %s "$WORK/long.mp4")
    local cap written
    cap=$(over_cap)
    written=$(awk -v b="$bytes" -v n="$1" 'BEGIN { printf "%.1f MB written, %.1f KB a frame", b / 1e6, b / 1e3 / n }')
    print_row "MP4 $size, $(thousands "$1") frames, --fps $fps" "${cap:+$cap; }$written${SAID:+; $SAID}"
    rm -f "$WORK/long.mp4"
}
case_mp4_30() { mp4_case 30 2020-01-30; }
case_mp4_2000() { mp4_case 2000 2025-06-22; }

# Issue 22, point 7: prompt cancel. A 400-page book (daily, 2024-01-01 …
# 2025-02-03) at 1920x1080, sent SIGINT once it has used
# HOSTILE_CANCEL_AFTER seconds of CPU (default 1: past start-up, which
# takes a few hundredths, and well inside the pages, whatever else the
# machine is doing); the time column is from the signal to the exit (130
# expected), then whether the book or a temporary file was left in its
# folder.
case_book_cancel() {
    local after=${HOSTILE_CANCEL_AFTER:-1}
    local label="400-page book, SIGINT at ${after} s CPU"
    mkdir -p "$WORK/book"
    "$BIN" export --from 2024-01-01 --to 2025-02-03 --step 1d --pdf "$WORK/book/book.pdf" --force \
        >/dev/null 2>"$WORK/stderr" &
    local pid=$! code=0 ticks
    ticks=$(awk -v s="$after" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%d", s * hz }')
    # utime + stime, fields 14 and 15 of /proc/PID/stat (the name, field
    # 2, has no spaces here).
    while [[ -r /proc/$pid/stat ]] && (($(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0) < ticks)); do
        sleep 0.02
    done
    local sent
    sent=$(date +%s%N)
    if ! kill -INT "$pid" 2>/dev/null; then
        wait "$pid" || true
        printf '| %-34s | %4s | %9s | %11s | %s\n' "$label" "-" "-" "-" \
            "finished before the signal: lower HOSTILE_CANCEL_AFTER"
        return
    fi
    wait "$pid" || code=$?
    local ended
    ended=$(date +%s%N)
    local left
    left=$(find "$WORK/book" -mindepth 1 -printf '%f ' | cut -c 1-80)
    printf '| %-34s | %4s | %9s | %11s | %s\n' "$label" "$code" \
        "$(awk -v a="$sent" -v b="$ended" 'BEGIN { printf "%.2f s", (b - a) / 1e9 }')" "-" \
        "time from SIGINT to exit; left behind: ${left:-nothing}"
    rm -rf "$WORK/book"
}

selected=("$@")
[[ ${#selected[@]} -gt 0 ]] || selected=("${CASES[@]}")
printf '| %-34s | %4s | %9s | %11s | %s\n' "input" "exit" "time" "peak RSS" "first message"
printf '| %-34s | %4s | %9s | %11s | %s\n' "---" "---" "---" "---" "---"
for name in "${selected[@]}"; do
    "case_$name"
done
