#!/usr/bin/env bash
# Issue 21's targets, each measured the way the issue states it, on a
# release build; prints one table: target, limit, median, range (min–max),
# peak memory and whether the target is met.
#
#   cargo build --release && bash benches/targets.sh [RUNS]
#
# Whole commands are timed by hyperfine when installed (apt-get install
# hyperfine; `--export-json` gives the median and range), else by a loop,
# RUNS times (default 10) after a warm-up; the MP4 takes a third as many
# (at least 3). Peak memory is the median of MEM_RUNS (default 3) runs
# under GNU /usr/bin/time -f %M. The long targets (the 100- and 1,000-frame
# daily sequences, the window) take SLOW_RUNS runs (default 3), each giving
# its wall time and its peak.
#
# TARGETS picks and orders them (default: all of)
#   one     one 1080p PNG                        ≤ 25 ms, ≤ 30 MiB
#   seq20   20 weekly 1080p frames (PNG)         ≤ 0.10 s
#   mp4     MP4 of 100 weekly 1080p frames       ≤ 1.2 s, ≤ 80 MiB
#   pptx    PPTX of every milestone              ≤ 0.3 s
#   book    PDF book of every milestone          ≤ 0.3 s
#   scale   100 and 1,000 daily 1080p frames, as PNGs and as an MP4
#           (SCALE_KINDS, default "png mp4"; gif too): the 1,000's peak
#           memory within 10 % of the 100's, and the time a frame
#   big     one 1080p frame of a 1M-vertex regions file   ≤ 0.5 s
#           (DRAWDOWN_BIG_REGIONS, else tools/densify.py writes one)
#   window  the window's first frame from launch ≤ 100 ms, under Xvfb
#           on display BENCH_DISPLAY (default 97; apt-get install xvfb
#           libgl1-mesa-dri, see playback.sh): exact with the app's
#           --bench-first-frame, else an upper bound (benches/README.md)
#   frame   a GUI frame while playing and while panning ≤ 4 ms CPU:
#           benches/frame.rs (criterion; `cargo bench`, so it builds it:
#           the first time, the dev-dependencies in release take minutes)
# DRAWDOWN_BIN: the binary (default target/release/drawdown).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${DRAWDOWN_BIN:-target/release/drawdown}
RUNS=${1:-${RUNS:-10}}
MEM_RUNS=${MEM_RUNS:-3}
SLOW_RUNS=${SLOW_RUNS:-3}
TARGETS=${TARGETS:-one seq20 mp4 pptx book scale big window frame}
SCALE_KINDS=${SCALE_KINDS:-png mp4}
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 1; }
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; } || true
fi
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
command -v hyperfine >/dev/null || echo "no hyperfine (apt-get install hyperfine): timing with a shell loop" >&2
# openh264-sys2 assembles its SIMD code only when nasm was there at build time.
command -v nasm >/dev/null ||
    echo "no nasm: the H.264 encoder was likely built without its assembly (apt-get install nasm; cargo clean -p openh264-sys2 --release; cargo build --release)" >&2
WORK=$(mktemp -d)
XVFB=
cleanup() {
    [ -z "$XVFB" ] || kill "$XVFB" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

rows=() # "target|limit|median|range|peak|met"
row() {
    rows+=("$1|$2|$3|$4|$5|$6")
    echo "  done: $1" >&2
}

stats() { # file of numbers: "median min max"
    sort -g "$1" | awk '{ a[NR] = $1 }
        END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print m, a[1], a[NR] }'
}

ms() { # milliseconds, as people read them
    awk -v v="$1" 'BEGIN {
        if (v >= 1000) printf "%.2f s", v / 1000; else if (v >= 100) printf "%.0f ms", v
        else if (v >= 10) printf "%.1f ms", v; else printf "%.2f ms", v
    }'
}

range() { echo "$(ms "$1")–$(ms "$2")"; }

mib() { awk -v v="$1" 'BEGIN { printf "%.1f MiB", v }'; }

# verdict MEDIAN_MS TIME_LIMIT_MS PEAK_MIB MEMORY_LIMIT_MIB ("-": no limit)
verdict() {
    awk -v t="$1" -v tl="$2" -v m="$3" -v ml="$4" 'BEGIN {
        miss = ""
        if (tl != "-" && t > tl) miss = miss sprintf("%s%.1f× the time", miss == "" ? "" : ", ", t / tl)
        if (ml != "-" && m > ml) miss = miss sprintf("%s%.2f× the memory", miss == "" ? "" : ", ", m / ml)
        print (miss == "") ? "**yes**" : "no (" miss ")"
    }'
}

# The first stderr line of a failed command, in a row.
failed() { # name, limit, command...
    local name=$1 limit=$2
    shift 2
    "$@" >/dev/null 2>"$WORK/err" || true
    row "$name" "$limit" "failed" "" "" "$(head -1 "$WORK/err" | sed "s|$WORK/||g" | cut -c 1-100)"
}

time_runs() { # runs, command...: sets MED MIN MAX (ms); fails when the command does
    local n=$1
    shift
    if command -v hyperfine >/dev/null; then
        hyperfine -N --warmup 1 --runs "$n" --style none --export-json "$WORK/hf.json" \
            "$(printf '%q ' "$@")" >/dev/null 2>&1 || return 1
        read -r MED MIN MAX < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["median"] * 1000, r["min"] * 1000, r["max"] * 1000)' "$WORK/hf.json")
    else
        "$@" >/dev/null 2>&1 || return 1
        : >"$WORK/times"
        local start end
        for _ in $(seq "$n"); do
            start=$(date +%s%N)
            "$@" >/dev/null 2>&1 || return 1
            end=$(date +%s%N)
            echo "$(((end - start) / 1000))" >>"$WORK/times"
        done
        read -r MED MIN MAX < <(stats "$WORK/times" | awk '{ print $1 / 1000, $2 / 1000, $3 / 1000 }')
    fi
}

peak() { # command...: sets PEAK (MiB), the median of MEM_RUNS runs
    : >"$WORK/peaks"
    for _ in $(seq "$MEM_RUNS"); do
        /usr/bin/time -f %M -o "$WORK/mem" "$@" >/dev/null 2>&1 || return 1
        tail -1 "$WORK/mem" >>"$WORK/peaks"
    done
    PEAK=$(stats "$WORK/peaks" | awk '{ printf "%.1f", $1 / 1024 }')
}

# SLOW_RUNS runs, each timed and measured: sets MED MIN MAX (ms) and PEAK
# (MiB, the median).
slow_runs() { # command...
    : >"$WORK/times"
    : >"$WORK/peaks"
    local start end
    for _ in $(seq "$SLOW_RUNS"); do
        start=$(date +%s%N)
        /usr/bin/time -f %M -o "$WORK/mem" "$@" >/dev/null 2>&1 || return 1
        end=$(date +%s%N)
        echo "$(((end - start) / 1000))" >>"$WORK/times"
        tail -1 "$WORK/mem" >>"$WORK/peaks"
    done
    read -r MED MIN MAX < <(stats "$WORK/times" | awk '{ print $1 / 1000, $2 / 1000, $3 / 1000 }')
    PEAK=$(stats "$WORK/peaks" | awk '{ printf "%.1f", $1 / 1024 }')
}

# command NAME LIMIT TIME_LIMIT_MS MEMORY_LIMIT_MIB RUNS COMMAND...: a
# whole command, timed and measured, one row.
command_row() {
    local name=$1 limit=$2 tl=$3 ml=$4 n=$5
    shift 5
    if time_runs "$n" "$@" && peak "$@"; then
        row "$name" "$limit" "$(ms "$MED")" "$(range "$MIN" "$MAX")" "$(mib "$PEAK")" "$(verdict "$MED" "$tl" "$PEAK" "$ml")"
    else
        failed "$name" "$limit" "$@"
    fi
}

target_one() {
    command_row "one 1080p PNG" "≤ 25 ms, ≤ 30 MiB" 25 30 "$RUNS" \
        "$BIN" export --date 2025-10-01 --out "$WORK/one.png" --force
}

target_seq20() {
    command_row "20 weekly 1080p frames (PNG)" "≤ 0.10 s" 100 - "$RUNS" \
        "$BIN" export --from 2024-09-01 --to 2025-01-12 --step 1w --out-dir "$WORK/seq20" --force
}

target_mp4() {
    local n=$(((RUNS + 2) / 3))
    [ "$n" -ge 3 ] || n=3
    # 2024-09-01 + 99 weeks = 2026-07-26: 100 frames.
    command_row "MP4, 100 weekly 1080p frames" "≤ 1.2 s, ≤ 80 MiB" 1200 80 "$n" \
        "$BIN" export --from 2024-09-01 --to 2026-07-26 --step 1w --mp4 "$WORK/anim.mp4" --force
}

target_pptx() {
    command_row "PPTX of every milestone" "≤ 0.3 s" 300 - "$RUNS" \
        "$BIN" export --milestones --pptx "$WORK/deck.pptx" --force
}

target_book() {
    command_row "PDF book of every milestone" "≤ 0.3 s" 300 - "$RUNS" \
        "$BIN" export --milestones --pdf "$WORK/book.pdf" --force
}

# Daily frames from 2024-01-01: 100 end on 2024-04-09, 1,000 on 2026-09-26.
target_scale() {
    local kind out name
    for kind in $SCALE_KINDS; do
        local small_med small_peak
        for frames in 100 1000; do
            local to=2024-04-09
            [ "$frames" = 1000 ] && to=2026-09-26
            case $kind in
            png) out=(--out-dir "$WORK/daily") ;;
            mp4) out=(--mp4 "$WORK/daily.mp4") ;;
            gif) out=(--gif "$WORK/daily.gif") ;;
            *) echo "unknown SCALE_KINDS entry $kind (png, mp4, gif)" >&2; continue 2 ;;
            esac
            name="$(echo "$frames" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta') daily 1080p frames, $kind"
            local cmd=("$BIN" export --from 2024-01-01 --to "$to" --step 1d "${out[@]}" --force)
            if ! slow_runs "${cmd[@]}"; then
                failed "$name" "" "${cmd[@]}"
                continue 2
            fi
            if [ "$frames" = 100 ]; then
                small_med=$MED small_peak=$PEAK
                row "$name" "(the reference)" "$(ms "$MED") ($(ms "$(awk -v t="$MED" 'BEGIN { print t / 100 }')") a frame)" \
                    "$(range "$MIN" "$MAX")" "$(mib "$PEAK")" "–"
            else
                local met
                met=$(awk -v p="$PEAK" -v p0="$small_peak" -v t="$MED" -v t0="$small_med" 'BEGIN {
                    r = p / p0
                    printf "%s (peak %.2f× that of 100 frames; %.2f× the time a frame)", (r <= 1.10) ? "**yes**" : "no", r,
                        (t / 1000) / (t0 / 100)
                }')
                row "$name" "peak ≤ 1.10× the 100 frames'" \
                    "$(ms "$MED") ($(ms "$(awk -v t="$MED" 'BEGIN { print t / 1000 }')") a frame)" \
                    "$(range "$MIN" "$MAX")" "$(mib "$PEAK")" "$met"
            fi
        done
    done
}

target_big() {
    local big=${DRAWDOWN_BIG_REGIONS:-}
    if [ -z "$big" ]; then
        big="$WORK/big.geojson"
        python3 tools/densify.py --out "$big" >/dev/null
    fi
    command_row "1M-vertex regions: one 1080p frame" "≤ 0.5 s" 500 - "$RUNS" \
        "$BIN" export --regions "$big" --date 2025-10-01 --out "$WORK/big.png" --force
}

start_xvfb() {
    [ -z "$XVFB" ] || return 0
    if ! command -v Xvfb >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        local pkgs=(xvfb xauth libgl1-mesa-dri libegl1 libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6 libx11-xcb1)
        apt-get install -y -qq "${pkgs[@]}" >/dev/null || { apt-get update -qq && apt-get install -y -qq "${pkgs[@]}" >/dev/null; } || true
    fi
    command -v Xvfb >/dev/null || return 1
    DISPLAY_NUM=${BENCH_DISPLAY:-97}
    Xvfb ":$DISPLAY_NUM" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB=$!
    sleep 1
    mkdir -p "$WORK/xdg" "$WORK/home"
    chmod 700 "$WORK/xdg"
}

in_window() { # command...: the binary on the virtual display, with a home of its own
    DISPLAY=":$DISPLAY_NUM" XDG_RUNTIME_DIR="$WORK/xdg" HOME="$WORK/home" timeout 60 "$@"
}

# The window's first frame, from launch. With `--bench-first-frame FILE`
# the app writes the Unix time (ms) at which its first frame has been
# shown, then quits: launch to that is the figure. Without it, an upper
# bound: `--bench-playback` logs its frames from the first one on, for
# 12 s, then quits; its whole run minus the logged span is launch to the
# first frame plus the writing of the log and the exit.
target_window() {
    local name="window: first frame from launch" limit="≤ 100 ms"
    if ! start_xvfb; then
        row "$name" "$limit" "skipped" "" "" "needs Xvfb (apt-get install xvfb)"
        return
    fi
    : >"$WORK/times"
    : >"$WORK/cpu"
    local how start end first
    if grep -qa -- 'bench-first-frame' "$BIN"; then
        how=exact
        for _ in $(seq "$SLOW_RUNS"); do
            rm -f "$WORK/first"
            start=$(date +%s%N)
            in_window "$BIN" --bench-first-frame "$WORK/first" >/dev/null 2>&1 || true
            [ -s "$WORK/first" ] || { failed "$name" "$limit" in_window "$BIN" --bench-first-frame "$WORK/first"; return; }
            awk -v s="$start" '{ v = $1 } END { printf "%d\n", (v - s / 1000000) * 1000 }' "$WORK/first" >>"$WORK/times"
        done
    else
        how=bound
        for _ in $(seq "$SLOW_RUNS"); do
            rm -f "$WORK/frames.csv"
            start=$(date +%s%N)
            in_window "$BIN" --bench-playback "$WORK/frames.csv" >/dev/null 2>"$WORK/err" || true
            end=$(date +%s%N)
            [ -s "$WORK/frames.csv" ] || { row "$name" "$limit" "failed" "" "" "$(head -1 "$WORK/err" | cut -c 1-100)"; return; }
            first=$(tail -1 "$WORK/frames.csv" | cut -d, -f1)
            awk -v s="$start" -v e="$end" -v t="$first" 'BEGIN { printf "%d\n", (e - s) / 1000 - t * 1000000 }' >>"$WORK/times"
            # eframe's CPU time a frame while playing in the window, after its first second.
            awk -F, 'NR > 1 && $5 == "window" && $3 != "" { if (s == "") s = $1; if ($1 >= s + 1.0) print $3 }' \
                "$WORK/frames.csv" >>"$WORK/cpu"
        done
    fi
    read -r MED MIN MAX < <(stats "$WORK/times" | awk '{ print $1 / 1000, $2 / 1000, $3 / 1000 }')
    if [ "$how" = exact ]; then
        row "$name" "$limit" "$(ms "$MED")" "$(range "$MIN" "$MAX")" "–" "$(verdict "$MED" 100 0 -)"
    else
        local met
        met=$(awk -v t="$MED" 'BEGIN { print (t <= 100) ? "**yes**" : "not known: an upper bound" }')
        row "$name (upper bound)" "$limit" "≤ $(ms "$MED")" "$(range "$MIN" "$MAX")" "–" "$met"
        [ -s "$WORK/cpu" ] || return 0
        read -r MED MIN MAX < <(stats "$WORK/cpu")
        row "window: CPU a frame while playing (eframe, Xvfb, software GL)" "(frame.rs is the measure)" \
            "$(ms "$MED")" "$(range "$MIN" "$MAX")" "–" "–"
    fi
}

# The GUI frame: criterion's frame bench (benches/frame.rs), its median
# and the range of its 95 % confidence interval, read from
# target/criterion/*/new/estimates.json.
target_frame() {
    local limit="≤ 4 ms CPU"
    if ! command -v cargo >/dev/null; then
        row "GUI frame (frame.rs)" "$limit" "skipped" "" "" "needs cargo"
        return
    fi
    local since="$WORK/frame-since"
    touch "$since"
    if ! nice cargo bench --quiet --bench frame >"$WORK/criterion.log" 2>&1; then
        row "GUI frame (frame.rs)" "$limit" "failed" "" "" "$(grep -m1 -i error "$WORK/criterion.log" | cut -c 1-100)"
        return
    fi
    local dir id med low high
    while IFS= read -r dir; do
        IFS=$'\t' read -r id med low high < <(python3 - "$dir" <<'EOF'
import json, os, sys
d = sys.argv[1]
full_id = json.load(open(os.path.join(d, "benchmark.json")))["full_id"]
m = json.load(open(os.path.join(d, "estimates.json")))["median"]
ci = m["confidence_interval"]
print(full_id, m["point_estimate"] / 1e6, ci["lower_bound"] / 1e6, ci["upper_bound"] / 1e6, sep="\t")
EOF
        )
        case $id in
        gui/*) row "GUI: $id (frame.rs)" "$limit" "$(ms "$med")" "$(range "$low" "$high") (95 % CI)" "–" "$(verdict "$med" 4 0 -)" ;;
        startup/*) row "in-process: $id (frame.rs)" "(the window's share of ≤ 100 ms)" "$(ms "$med")" "$(range "$low" "$high") (95 % CI)" "–" "–" ;;
        esac
    done < <(find target/criterion -path '*/new/benchmark.json' -newer "$since" -printf '%h\n' 2>/dev/null | sort)
}

echo "cores: $(nproc)   binary: $BIN ($("$BIN" --version))   runs: $RUNS, memory $MEM_RUNS, long $SLOW_RUNS   $(hyperfine --version 2>/dev/null || echo 'no hyperfine')" >&2
for target in $TARGETS; do
    echo "$target…" >&2
    if declare -F "target_$target" >/dev/null; then
        "target_$target"
    else
        echo "unknown target $target" >&2
    fi
done

echo "cores: $(nproc), $("$BIN" --version), $(date -u +%F)"
printf '| %s | %s | %s | %s | %s | %s |\n' target limit median "range (min–max)" "peak memory" met
printf '| %s | %s | %s | %s | %s | %s |\n' --- --- --- --- --- ---
for r in "${rows[@]}"; do
    IFS='|' read -r a b c d e f <<<"$r"
    printf '| %s | %s | %s | %s | %s | %s |\n' "$a" "$b" "$c" "$d" "$e" "$f"
done
