#!/usr/bin/env bash
# Times whole `drawdown export` commands on a release build: one 1920×1080
# frame, one 3840×2160 frame, a 100-frame weekly sequence (with and
# without a GIF), the same 100 frames as an H.264 MP4 (no PNG frames) and a
# PowerPoint deck of every milestone, one SVG and one PDF, and a PDF
# briefing book of every milestone. Uses hyperfine when installed, else a loop timed with
# `date +%s%N` that prints the median; then peak RSS with /usr/bin/time -v
# (GNU time; installed from Debian with apt-get when missing and root).
# With DRAWDOWN_BIG_REGIONS=big.geojson (see tools/densify.py) it also times
# `drawdown check` and a one-frame export on that file.
#
#   cargo build --release && bash benches/commands.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${DRAWDOWN_BIN:-target/release/drawdown}
RUNS=${1:-10}
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 1; }
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; } || true
fi
[ -x /usr/bin/time ] || echo "no /usr/bin/time (apt-get install time): peak memory left out" >&2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

one_1080=("$BIN" export --date 2025-10-01 --out "$WORK/one.png" --force)
one_4k=("$BIN" export --date 2025-10-01 --size 3840x2160 --out "$WORK/4k.png" --force)
# 2024-09-01 + 99 weeks = 2026-07-26: 100 frames.
seq100=("$BIN" export --from 2024-09-01 --to 2026-07-26 --step 1w --out-dir "$WORK/frames" --force)
seq100_gif=("${seq100[@]}" --gif "$WORK/anim.gif")
mp4_100=("$BIN" export --from 2024-09-01 --to 2026-07-26 --step 1w --mp4 "$WORK/anim.mp4" --force)
pptx_all=("$BIN" export --milestones --pptx "$WORK/deck.pptx" --force)
one_svg=("$BIN" export --date 2025-10-01 --out "$WORK/one.svg" --force)
one_pdf=("$BIN" export --date 2025-10-01 --out "$WORK/one.pdf" --force)
book=("$BIN" export --milestones --pdf "$WORK/book.pdf" --force)

median_ms() { # runs "$@" RUNS times, prints the median wall time in ms
    local times=() start end
    for _ in $(seq "$RUNS"); do
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

bench() { # name, command...
    local name=$1
    shift
    if command -v hyperfine >/dev/null; then
        hyperfine --warmup 1 --runs "$RUNS" --command-name "$name" "$(printf '%q ' "$@")"
    else
        "$@" >/dev/null # warm-up
        printf '%-40s median %6s ms over %s runs\n' "$name" "$(median_ms "$@")" "$RUNS"
    fi
}

peak_rss() { # name, command...
    local name=$1
    shift
    if [ -x /usr/bin/time ]; then
        local kb
        kb=$(/usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}')
        printf '%-40s peak RSS %6s MB\n' "$name" "$((kb / 1024))"
    fi
}

BIG=${DRAWDOWN_BIG_REGIONS:-}
check_big=("$BIN" check --regions "$BIG")
one_big=("$BIN" export --regions "$BIG" --date 2025-10-01 --out "$WORK/big.png" --force)

echo "cores: $(nproc)   binary: $BIN"
bench "one frame 1920x1080" "${one_1080[@]}"
bench "one frame 3840x2160" "${one_4k[@]}"
RUNS=$(((RUNS + 2) / 3)) bench "100 weekly frames 1920x1080" "${seq100[@]}"
RUNS=$(((RUNS + 2) / 3)) bench "100 weekly frames 1920x1080 + GIF" "${seq100_gif[@]}"
RUNS=$(((RUNS + 2) / 3)) bench "100 weekly frames 1920x1080 to MP4" "${mp4_100[@]}"
bench "PPTX of every milestone 1920x1080" "${pptx_all[@]}"
bench "one SVG 1920x1080" "${one_svg[@]}"
bench "one PDF page 1920x1080" "${one_pdf[@]}"
bench "PDF book, every milestone 1920x1080" "${book[@]}"
peak_rss "one frame 1920x1080" "${one_1080[@]}"
peak_rss "one frame 3840x2160" "${one_4k[@]}"
peak_rss "100 weekly frames 1920x1080" "${seq100[@]}"
peak_rss "100 weekly frames 1920x1080 + GIF" "${seq100_gif[@]}"
peak_rss "100 weekly frames 1920x1080 to MP4" "${mp4_100[@]}"
peak_rss "PPTX of every milestone 1920x1080" "${pptx_all[@]}"
peak_rss "one SVG 1920x1080" "${one_svg[@]}"
peak_rss "one PDF page 1920x1080" "${one_pdf[@]}"
peak_rss "PDF book, every milestone 1920x1080" "${book[@]}"
if [ -n "$BIG" ]; then
    bench "check (load) $(basename "$BIG")" "${check_big[@]}"
    bench "one frame 1920x1080 $(basename "$BIG")" "${one_big[@]}"
    peak_rss "check (load) $(basename "$BIG")" "${check_big[@]}"
    peak_rss "one frame 1920x1080 $(basename "$BIG")" "${one_big[@]}"
fi
