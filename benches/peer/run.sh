#!/usr/bin/env bash
# Peer comparison: the same map drawn by drawdown and by each peer that is
# installed, timed as whole commands in one interleaved run (drawdown,
# Mapnik, QGIS, matplotlib, drawdown, Mapnik, …), so that whatever else
# the machine does lands on all of them alike. Two workloads: start-up +
# one 1920×1080 frame, and 20 weekly frames (2024-09-01 … 2025-01-12, the
# issue-21 sequence). Each run gives its wall time and its peak memory
# (GNU /usr/bin/time -f %M, the same run); the table gives each program's
# median and range, and each peer's ratio to drawdown: of the medians, and
# the range of the round-by-round ratios.
#
#   cargo build --release && bash benches/peer/run.sh [RUNS]
#
# The peers (each skipped, with a line saying so, when not installed):
#   mapnik      peer/mapnik_render.py under Debian's Python
#               (apt-get install python3-mapnik python3-gdal)
#   qgis        peer/qgis_render.py under Debian's Python, headless
#               (apt-get install python3-qgis qgis-providers)
#   matplotlib  peer/render.py (geopandas + matplotlib) in a venv that
#               this script sets up from PyPI in target/peer-venv on first
#               use (PEER_VENV to put it elsewhere)
# PEERS chooses and orders them (default "mapnik qgis matplotlib");
# PEER_SYSTEM_PYTHON is the Python with Mapnik and QGIS (default
# /usr/bin/python3: the distribution's bindings are built for it).
# Statuses per date come from `drawdown status --json`, computed before
# the timing: the peers' figures do not include them (which favours them).
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${DRAWDOWN_BIN:-target/release/drawdown}
RUNS=${1:-${RUNS:-5}}
PEERS=${PEERS:-mapnik qgis matplotlib}
VENV=${PEER_VENV:-target/peer-venv}
SYS_PY=${PEER_SYSTEM_PYTHON:-/usr/bin/python3}
FRAMES=20
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 1; }
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; } || true
fi
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
# The peers import benches/peer/common.py: no __pycache__ in the tree.
export PYTHONDONTWRITEBYTECODE=1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# QGIS wants a private runtime directory, and no display.
mkdir -m 700 "$WORK/xdg"

# Which peers are here: a name and its version each, or a line saying why not.
available=()
declare -A version
for peer in $PEERS; do
    case $peer in
    mapnik)
        if v=$("$SYS_PY" -c 'import mapnik, osgeo.ogr; print(mapnik.mapnik_version_string() if hasattr(mapnik, "mapnik_version_string") else mapnik.mapnik_version())' 2>/dev/null); then
            available+=(mapnik)
            version[mapnik]="Mapnik $v"
        else
            echo "skipped: Mapnik is not installed for $SYS_PY (apt-get install python3-mapnik python3-gdal)"
        fi
        ;;
    qgis)
        if v=$(XDG_RUNTIME_DIR="$WORK/xdg" QT_QPA_PLATFORM=offscreen "$SYS_PY" -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>/dev/null); then
            available+=(qgis)
            version[qgis]="QGIS ${v%%-*}"
        else
            echo "skipped: QGIS is not installed for $SYS_PY (apt-get install python3-qgis qgis-providers)"
        fi
        ;;
    matplotlib)
        if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import geopandas, matplotlib' 2>/dev/null; then
            echo "setting up $VENV (geopandas, matplotlib)…" >&2
            { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q --upgrade pip >/dev/null &&
                "$VENV/bin/pip" install -q geopandas matplotlib; } >&2 || true
        fi
        if v=$("$VENV/bin/python" -c 'import geopandas, matplotlib; print("geopandas", geopandas.__version__, "+ matplotlib", matplotlib.__version__)' 2>/dev/null); then
            available+=(matplotlib)
            version[matplotlib]=$v
        else
            echo "skipped: no geopandas + matplotlib in $VENV (python3 -m venv; pip install geopandas matplotlib)"
        fi
        ;;
    *) echo "skipped: unknown peer $peer (mapnik, qgis, matplotlib)" ;;
    esac
done

# The issue-21 sequence: 20 weekly dates from 2024-09-01.
dates=()
for i in $(seq 0 $((FRAMES - 1))); do dates+=("$(date -u -d "2024-09-01 + $((7 * i)) days" +%F)"); done
{
    echo "["
    for i in "${!dates[@]}"; do
        "$BIN" status --date "${dates[$i]}" --json
        [ "$i" -lt $((FRAMES - 1)) ] && echo ","
    done
    echo "]"
} >"$WORK/statuses.json"

command_of() { # program, workload (one|seq): sets cmd to its command line
    local out="$WORK/out-$1-$2" one=()
    [ "$2" = one ] && one=(--one)
    case $1 in
    drawdown)
        if [ "$2" = one ]; then
            cmd=("$BIN" export --date "${dates[0]}" --out "$WORK/one.png" --force)
        else
            cmd=("$BIN" export --from "${dates[0]}" --to "${dates[$((FRAMES - 1))]}" --step 1w --out-dir "$out" --force)
        fi
        ;;
    mapnik) cmd=("$SYS_PY" benches/peer/mapnik_render.py --statuses "$WORK/statuses.json" --out "$out" "${one[@]}") ;;
    qgis)
        cmd=(env XDG_RUNTIME_DIR="$WORK/xdg" QT_QPA_PLATFORM=offscreen
            "$SYS_PY" benches/peer/qgis_render.py --statuses "$WORK/statuses.json" --out "$out" "${one[@]}")
        ;;
    matplotlib) cmd=("$VENV/bin/python" benches/peer/render.py --statuses "$WORK/statuses.json" --out "$out" "${one[@]}") ;;
    esac
}

measure() { # program, workload, log: one run, appends "program workload µs KiB"
    local cmd start end
    command_of "$1" "$2"
    start=$(date +%s%N)
    if ! /usr/bin/time -f %M -o "$WORK/mem" "${cmd[@]}" >/dev/null 2>"$WORK/err"; then
        echo "$1 ($2) failed:" >&2
        cat "$WORK/err" >&2
        exit 1
    fi
    end=$(date +%s%N)
    [ "$3" = log ] && echo "$1 $2 $(((end - start) / 1000)) $(tail -1 "$WORK/mem")" >>"$WORK/log"
    return 0
}

programs=(drawdown "${available[@]}")
echo "cores: $(nproc)   rounds: $RUNS, interleaved   $("$BIN" --version)$(for p in "${available[@]}"; do printf '; %s' "${version[$p]}"; done)"
for workload in one seq; do
    for program in "${programs[@]}"; do measure "$program" "$workload" warm-up; done
    for _ in $(seq "$RUNS"); do
        for program in "${programs[@]}"; do measure "$program" "$workload" log; done
    done
done

{
    echo "drawdown=drawdown"
    for p in "${available[@]}"; do echo "$p=${version[$p]}"; done
} >"$WORK/names"
python3 - "$WORK/log" "$WORK/names" "$FRAMES" "${programs[@]}" <<'EOF'
import statistics, sys
log, names_file, frames, programs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
names = dict(line.rstrip("\n").split("=", 1) for line in open(names_file))
runs = {}
for line in open(log):
    program, workload, us, kib = line.split()
    runs.setdefault((program, workload), []).append((int(us) / 1000, int(kib) / 1024))
print("| workload | program | median | range | peak memory | drawdown is |")
print("| --- | --- | --- | --- | --- | --- |")
for workload, label in (("one", "start-up + one frame 1920x1080"), ("seq", f"{frames} weekly frames 1920x1080")):
    ours = runs[("drawdown", workload)]
    ours_ms = statistics.median(t for t, _ in ours)
    ours_mib = statistics.median(m for _, m in ours)
    for program in programs:
        mine = runs[(program, workload)]
        ms = [t for t, _ in mine]
        med, mib = statistics.median(ms), statistics.median(m for _, m in mine)
        if program == "drawdown":
            verdict = "–"
        else:
            # Round by round: each peer run against the drawdown run just before it.
            pairs = [p / o for (p, _), (o, _) in zip(mine, ours)]
            memory = mib / ours_mib
            memory = f"{memory:.1f}× less memory" if memory >= 1 else f"{1 / memory:.1f}× more memory"
            verdict = f"**{med / ours_ms:.1f}×** faster (rounds {min(pairs):.1f}–{max(pairs):.1f}×), {memory}"
        print(f"| {label} | {names[program]} | {med:.0f} ms | {min(ms):.0f}–{max(ms):.0f} ms "
              f"| {mib:.0f} MiB | {verdict} |")
EOF
