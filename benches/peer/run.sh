#!/usr/bin/env bash
# Peer comparison: the same map rendered by a geopandas + matplotlib script
# (benches/peer/render.py) and by drawdown, from one run, pair by pair:
# start-up + one 1920×1080 frame, and the 100-frame weekly sequence, each
# timed as a whole command (median wall time), plus peak memory of each
# (GNU /usr/bin/time -v). Prints drawdown's speed-up and memory ratio.
#
#   cargo build --release && bash benches/peer/run.sh [RUNS]
#
# Sets up a Python venv (python3 -m venv; geopandas + matplotlib from PyPI)
# in target/peer-venv on first use (PEER_VENV to put it elsewhere).
# Statuses per date come from `drawdown status --json`, computed before
# the timing: the peer's figures do not include them.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${DRAWDOWN_BIN:-target/release/drawdown}
RUNS=${1:-5}
VENV=${PEER_VENV:-target/peer-venv}
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 1; }
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import geopandas, matplotlib' 2>/dev/null; then
    echo "setting up $VENV (geopandas, matplotlib)…" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip >/dev/null
    "$VENV/bin/pip" install -q geopandas matplotlib
fi
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; } || true
fi
PY="$VENV/bin/python"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The same 100 weekly dates as benches/commands.sh: 2024-09-01 … 2026-07-26.
dates=()
for i in $(seq 0 99); do dates+=("$(date -u -d "2024-09-01 + $((7 * i)) days" +%F)"); done
{
    echo "["
    for i in "${!dates[@]}"; do
        "$BIN" status --date "${dates[$i]}" --json
        [ "$i" -lt 99 ] && echo ","
    done
    echo "]"
} >"$WORK/statuses.json"

peer_one=("$PY" benches/peer/render.py --statuses "$WORK/statuses.json" --out "$WORK/peer-one" --one)
peer_seq=("$PY" benches/peer/render.py --statuses "$WORK/statuses.json" --out "$WORK/peer-seq")
ours_one=("$BIN" export --date "${dates[0]}" --out "$WORK/one.png" --force)
ours_seq=("$BIN" export --from "${dates[0]}" --to "${dates[99]}" --step 1w --out-dir "$WORK/frames" --force)

median_ms() { # runs "$@" N times, prints the median wall time in ms
    local n=$1 times=() start end
    shift
    "$@" >/dev/null 2>&1 # warm-up (page cache, Python bytecode)
    for _ in $(seq "$n"); do
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1
        end=$(date +%s%N)
        times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

peak_mib() { # peak RSS of "$@" in MiB
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); printf "%.0f", $2 / 1024}'
    else
        echo "?"
    fi
}

pair() { # name, runs, peer command…, --, drawdown command…
    local name=$1 n=$2
    shift 2
    local peer=() ours=()
    while [ "$1" != "--" ]; do peer+=("$1"); shift; done
    shift
    ours=("$@")
    local peer_ms ours_ms peer_mem ours_mem
    peer_ms=$(median_ms "$n" "${peer[@]}")
    ours_ms=$(median_ms "$n" "${ours[@]}")
    peer_mem=$(peak_mib "${peer[@]}")
    ours_mem=$(peak_mib "${ours[@]}")
    printf '%-32s peer %8s ms %5s MiB | drawdown %7s ms %4s MiB | speed-up %6sx, memory %sx less\n' \
        "$name" "$peer_ms" "$peer_mem" "$ours_ms" "$ours_mem" \
        "$(awk -v a="$peer_ms" -v b="$ours_ms" 'BEGIN {printf "%.1f", a / (b > 0 ? b : 1)}')" \
        "$(awk -v a="$peer_mem" -v b="$ours_mem" 'BEGIN {if (b > 0 && a + 0 > 0) printf "%.1f", a / b; else print "?"}')"
}

echo "cores: $(nproc)   runs: $RUNS (sequence: $(((RUNS + 2) / 3)))   $("$PY" -c 'import geopandas, matplotlib; print("geopandas", geopandas.__version__, "matplotlib", matplotlib.__version__)')"
pair "start-up + one frame 1920x1080" "$RUNS" "${peer_one[@]}" -- "${ours_one[@]}"
pair "100 weekly frames 1920x1080" "$(((RUNS + 2) / 3))" "${peer_seq[@]}" -- "${ours_seq[@]}"
