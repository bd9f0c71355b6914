#!/usr/bin/env bash
# Playback in the real window: runs the release binary under Xvfb (a
# virtual X server; software OpenGL through Mesa's llvmpipe, so the GPU's
# share of each frame lands on the CPU too) with --bench-playback, which
# plays the whole range at one year a second, looping, for 12 s (6 s in the
# window as it opens, 6 s in presentation mode) and logs every frame, at
# 1920×1080 and at 1280×720 (a common projector). Prints, after the first second (shader compiles,
# font atlas upload), the frame rate and the median, 99th percentile and
# largest frame interval and CPU time, and how many frames missed the 60 Hz
# budget of 16.7 ms.
#
#   cargo build --release && bash benches/playback.sh
#
# Needs Xvfb and Mesa (apt-get install xvfb libgl1-mesa-dri libegl1
# libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6 libx11-xcb1, installed
# here when missing and root).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${DRAWDOWN_BIN:-target/release/drawdown}
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 1; }
if ! command -v Xvfb >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    pkgs=(xvfb xauth libgl1-mesa-dri libegl1 libxkbcommon-x11-0 libxcursor1 libxrandr2 libxi6 libx11-xcb1)
    apt-get install -y -qq "${pkgs[@]}" >/dev/null || { apt-get update -qq && apt-get install -y -qq "${pkgs[@]}" >/dev/null; }
fi
command -v Xvfb >/dev/null || { echo "needs Xvfb (apt-get install xvfb)" >&2; exit 1; }

WORK=$(mktemp -d)
DISPLAY_NUM=${BENCH_DISPLAY:-97}
Xvfb ":$DISPLAY_NUM" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true; rm -rf "$WORK"' EXIT
sleep 1
mkdir -p "$WORK/xdg"

run() { # size: plays at that window size, leaves the log in $WORK/frames.csv
    rm -f "$WORK/frames.csv"
    DISPLAY=":$DISPLAY_NUM" XDG_RUNTIME_DIR="$WORK/xdg" HOME="$WORK" timeout 60 \
        "$BIN" --bench-playback "$WORK/frames.csv" --bench-size "$1" >/dev/null 2>"$WORK/stderr" || true
    [ -s "$WORK/frames.csv" ] || { echo "no frame log; stderr:" >&2; cat "$WORK/stderr" >&2; exit 1; }
}

# Each mode's first second is left out: shader compiles and font atlas
# uploads at start, new text sizes when presentation mode starts.
rows() { # mode: the rows of that mode after its first second
    awk -F, -v mode="$1" 'NR > 1 && $5 == mode { if (start == "") start = $1; if ($1 >= start + 1.0) print }' \
        "$WORK/frames.csv"
}

summary() { # mode, name, CSV column
    local values n
    values=$(rows "$1" | awk -F, -v col="$3" '$col != "" { print $col }' | sort -g)
    n=$(printf '%s\n' "$values" | wc -l)
    printf '%s\n' "$values" | awk -v n="$n" -v name="$2" '
        { v[NR] = $1; if ($1 > 16.7) over++ }
        END {
            p99 = int(n * 0.99 + 0.5); if (p99 < 1) p99 = 1
            printf "  %-24s median %6.2f ms   p99 %6.2f ms   max %6.2f ms   over 16.7 ms: %d of %d\n",
                name, v[int((n + 1) / 2)], v[p99], v[n], over + 0, n
        }'
}

for size in ${BENCH_SIZES:-1920x1080 1280x720}; do
    run "$size"
    for mode in window presenting; do
        rows "$mode" | awk -F, -v mode="$mode" -v size="$size" 'NR == 1 { first = $1 } { n++; last = $1 }
            END { printf "%s, %s: %d frames in %.1f s = %.0f frames/s\n", size, mode, n, last - first, n / (last - first) }'
        summary "$mode" "frame interval" 2
        summary "$mode" "CPU per frame (eframe)" 3
        summary "$mode" "the app's share" 4
    done
done
